package importa

import (
	"path/filepath"
	"strings"
)

// Formats piao reads, by extension.
var readers = map[string]func([]byte) (*Document, error){
	".docx": func(b []byte) (*Document, error) { return withArchive(b, readDocx) },
	".odt": func(b []byte) (*Document, error) {
		return withArchive(b, func(a *archive) (*Document, error) { return readODF(a, odfText) })
	},
	".ods": func(b []byte) (*Document, error) {
		return withArchive(b, func(a *archive) (*Document, error) { return readODF(a, odfSheet) })
	},
	".xlsx": readXlsx,
}

// Read reads an office file, by the extension of its name: .docx, .odt,
// .xlsx or .ods. A file it cannot read gives a *FileError.
func Read(name string, data []byte) (*Document, error) {
	ext := strings.ToLower(filepath.Ext(name))
	read := readers[ext]
	if read == nil {
		switch ext {
		case ".doc", ".xls", ".rtf", ".pdf", ".odf", ".fodt", ".fods":
			return nil, fileErr(hintOldFormat, msgFormat, ext)
		}
		return nil, fileErr(hintFormat, msgFormat, ext)
	}
	doc, err := read(data)
	if err != nil {
		return nil, err
	}
	doc.markKinds()
	return doc, nil
}

func withArchive(data []byte, read func(*archive) (*Document, error)) (*Document, error) {
	a, err := openArchive(data)
	if err != nil {
		return nil, err
	}
	return read(a)
}

// markKinds sets Struck and Tracked from the runs.
func (d *Document) markKinds() {
	see := func(p Para) {
		for _, r := range p.Runs {
			switch r.Mark {
			case Struck:
				d.Struck = true
			case Deleted, Inserted:
				d.Tracked = true
			}
		}
	}
	for _, b := range d.Blocks {
		if b.Para != nil {
			see(*b.Para)
			continue
		}
		for _, row := range b.Table.Rows {
			for _, c := range row.Cells {
				if c.Origin == nil {
					for _, p := range c.Paras {
						see(p)
					}
				}
			}
		}
	}
}
