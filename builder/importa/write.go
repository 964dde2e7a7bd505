package importa

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
)

// WriteAll writes the files of an import inside the site folder, and
// nowhere else (every path goes through an os.Root, and every path is one
// piao made, never a name from the office's file). Each file is written
// whole beside its place and then put there: a new file by a hard link,
// which fails rather than replace a file that appeared meanwhile;
// piano.yaml by a rename. On a failure the files this call put in place
// are taken away again and the error says which file failed.
func WriteAll(siteDir string, writes []Write) error {
	root, err := os.OpenRoot(siteDir)
	if err != nil {
		return fmt.Errorf(msgWriteFailed, siteDir, err)
	}
	defer root.Close()
	var temps, placed []string
	undo := func() {
		for _, t := range temps {
			_ = root.Remove(t)
		}
		for _, p := range placed {
			_ = root.Remove(p)
		}
	}
	for _, w := range writes {
		tmp := path.Join(path.Dir(w.Path), "."+path.Base(w.Path)+".piao-importa")
		if err := root.MkdirAll(path.Dir(w.Path), 0o755); err != nil {
			undo()
			return fmt.Errorf(msgWriteFailed, w.Path, err)
		}
		if err := writeNew(root, tmp, w.Data); err != nil {
			undo()
			return fmt.Errorf(msgWriteFailed, w.Path, err)
		}
		temps = append(temps, tmp)
	}
	for i, w := range writes {
		if w.Replace {
			continue
		}
		if err := root.Link(temps[i], w.Path); err != nil {
			undo()
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf(msgAppeared, w.Path)
			}
			return fmt.Errorf(msgWriteFailed, w.Path, err)
		}
		placed = append(placed, w.Path)
	}
	for i, w := range writes {
		if w.Replace {
			if err := root.Rename(temps[i], w.Path); err != nil {
				undo()
				return fmt.Errorf(msgWriteFailed, w.Path, err)
			}
		} else {
			_ = root.Remove(temps[i])
		}
	}
	return nil
}

// writeNew writes a file that must not exist, and syncs it.
func writeNew(root *os.Root, name string, data []byte) error {
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
