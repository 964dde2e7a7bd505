package builder

import (
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
)

// Written says what a publish wrote.
type Written struct {
	Pages, Files int
	Bytes        int64
}

// Publish renders the site into dest, atomically, as PublishWith does for a
// built Site; but each page goes to disk as soon as it is rendered and
// minified, from as many goroutines as p.workers, so that the site is
// never held whole in memory. A page the theme fails to render stops the
// publish (Diagnose says which) and leaves dest as it was.
func (p *Pages) Publish(dest string, opt PublishOptions) (Written, error) {
	var files, size atomic.Int64
	err := publishTree(dest, opt, func(root string) error {
		err := p.each(func(_ int, name string, buf *buffers) error {
			if !validOutputPath(name) {
				return fmt.Errorf("percorso di uscita non valido: %q", name)
			}
			b, err := p.render(name, buf)
			if err != nil {
				return err
			}
			full := filepath.Join(root, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				return err
			}
			files.Add(1)
			size.Add(int64(len(b)))
			return os.WriteFile(full, b, 0o644)
		})
		if err != nil {
			return err
		}
		return writeMarker(root)
	})
	return Written{Pages: len(p.pages), Files: int(files.Load()), Bytes: size.Load()}, err
}
