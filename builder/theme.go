package builder

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/piao-pa/piao/builder/plan"
)

// theme is what a site is rendered with: the files of the theme the
// config names (the site's own themes/NAME over the built-in ones) and the
// words of the config's languages.
type theme struct {
	fs    fs.FS
	words *words   // the main language's
	langs []*words // every language's, the main one first

	// builtin: the site is rendered by the built-in theme's very files
	// (builtinTheme), whose header and footer read only the frame.
	builtin bool
}

// loadTheme reads the theme and the words the config asks for. A theme or
// a language that does not exist is an error at its place in config.yaml.
func loadTheme(in Input, cfg *plan.Config) (*theme, Diagnostics) {
	var ds Diagnostics
	layers, err := themeLayers(in, cfg.Tema.S)
	if err != nil {
		ds.errorf(cfg.Tema.Pos, fmt.Sprintf(hintConfigTheme, cfg.Tema.S), msgConfigTheme, cfg.Tema.S)
		return nil, ds
	}
	all := append(layers, builtinLayers(in, "default")...)
	th := &theme{fs: overlay(layers), builtin: builtinTheme(in)}
	for _, lang := range siteLangs(cfg) {
		w, err := loadWords(all, lang)
		switch {
		case errors.Is(err, errUnknownLang):
			ds.errorf(langPos(cfg, lang), hintUnknownLang(themeLanguages(all)), msgUnknownLang, lang)
		case err != nil:
			ds.errorf(plan.At("themes", 0, 0), "", "%s", err.Error())
		}
		th.langs = append(th.langs, w)
	}
	if ds.HasErrors() {
		return nil, ds
	}
	th.words = th.langs[0]
	return th, ds
}

// langPos is where config.yaml names a language.
func langPos(cfg *plan.Config, lang string) plan.Pos {
	for _, t := range cfg.Lingue {
		if t.S == lang {
			return t.Pos
		}
	}
	return cfg.Lingua.Pos
}

// wordsIn returns the words of a language of the site.
func (th *theme) wordsIn(lang string) *words {
	for _, w := range th.langs {
		if w.Lang == lang {
			return w
		}
	}
	return th.words
}

// themeFS returns the theme named in the config: the site's own
// themes/NAME files over the built-in ones.
func themeFS(in Input, name string) (fs.FS, error) {
	layers, err := themeLayers(in, name)
	if err != nil {
		return nil, err
	}
	return overlay(layers), nil
}

// themeLayers lists the folders of a theme, the site's own first.
func themeLayers(in Input, name string) ([]fs.FS, error) {
	if name == "" {
		name = "default"
	}
	if strings.ContainsAny(name, `/\`) || name == ".." || name == "." {
		return nil, fs.ErrInvalid
	}
	var layers []fs.FS
	if info, err := fs.Stat(in.Site, path.Join("themes", name)); err == nil && info.IsDir() {
		layers = append(layers, regularOnly{in.Site, path.Join("themes", name)})
	}
	layers = append(layers, builtinLayers(in, name)...)
	if len(layers) == 0 {
		return nil, fs.ErrNotExist
	}
	return layers, nil
}

// builtinLayers is the built-in theme of that name, if there is one.
func builtinLayers(in Input, name string) []fs.FS {
	if in.Themes == nil {
		return nil
	}
	sub, err := fs.Sub(in.Themes, path.Join("themes", name))
	if err != nil {
		return nil
	}
	if _, err := fs.Stat(sub, "."); err != nil {
		return nil
	}
	return []fs.FS{sub}
}

// themeLanguages lists the languages the theme has words for.
func themeLanguages(layers []fs.FS) []string {
	var out []string
	for _, l := range layers {
		names, _ := fs.Glob(l, "i18n/*.yaml")
		for _, n := range names {
			lang := strings.TrimSuffix(path.Base(n), ".yaml")
			if !slices.Contains(out, lang) {
				out = append(out, lang)
			}
		}
	}
	sort.Strings(out)
	return out
}

// overlay is a read-only file system whose first layer holding a path wins;
// directory listings merge every layer.
type overlay []fs.FS

func (o overlay) Open(name string) (fs.File, error) {
	var firstErr error
	for _, l := range o {
		f, err := l.Open(name)
		if err == nil {
			return f, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for _, l := range o {
		entries, err := fs.ReadDir(l, name)
		if err != nil {
			continue
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// builtinTheme reports whether the site's own theme files, if any, are the
// built-in themes' very bytes: then the site is rendered by the built-in
// theme, whatever theme config.yaml names.
func builtinTheme(in Input) bool {
	if in.Themes == nil {
		return false
	}
	same := true
	err := fs.WalkDir(in.Site, "themes", func(name string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			same = false
			return fs.SkipAll
		}
		mine, err := fs.ReadFile(in.Site, name)
		if err != nil {
			return err
		}
		builtin, err := fs.ReadFile(in.Themes, name)
		if err != nil || !bytes.Equal(mine, builtin) {
			same = false
			return fs.SkipAll
		}
		return nil
	})
	return same && (err == nil || errors.Is(err, fs.ErrNotExist))
}
