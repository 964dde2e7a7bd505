// Package importa reads an office's own files — a Word (.docx) or Writer
// (.odt) annex of objective sheets, or a workbook (.xlsx, .ods) — and
// writes the sheets in piao's content format.
//
// The readers turn each file into one Document: paragraphs and tables,
// whose cells hold runs of text marked as the office marked them. Struck
// text (w:strike, w:dstrike, ODF text-line-through-style, a struck Excel
// font) and tracked deletions are the earlier value; tracked insertions,
// and underlined text in a document that strikes text, are what a
// revision added; the rest is in force in every version. The interpreter
// (sheets.go) finds the objective sheets in the Document by their Italian
// labels (labels.go, or the office's own through a map, mappa.go) and
// resolves every cell into the versions a revision made of it; the writer
// (yaml.go, piano.go) turns them into sheet files and the new entries of
// piano.yaml. Import (importa.go) never overwrites a sheet: a reading
// that differs from an existing sheet goes beside it as
// NAME.importato.yaml, which the loader ignores.
//
// Every file is untrusted: the archive readers bound what they inflate
// and refuse encrypted files (zip.go), the XML reader refuses DTDs and
// bounds nesting (xml.go), and no name inside a file becomes a path.
package importa
