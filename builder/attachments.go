package builder

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/piao-pa/piao/builder/markup"
	"github.com/piao-pa/piao/builder/plan"
)

// This file handles the documents published with a plan or a revision
// (allegati): a file under the plan's folder — the signed PDF of the
// deliberation — is checked when the site loads (inside the site, a
// regular file of a type that cannot run script on the site's pages, no
// larger than MaxAttachmentSize), copied byte for byte into the plan's
// folder of the site, and so into every archived snapshot of the plan and
// its SHA256SUMS; an address is a link.

// MaxAttachmentSize is the largest file a plan may publish as an allegato.
const MaxAttachmentSize = 50 << 20

// attachmentTypes are the kinds of file an allegato may be, by extension,
// with their media type. HTML, SVG, XML and scripts are not among them:
// served from the site, they could run script on its pages.
var attachmentTypes = map[string]string{
	".pdf": "application/pdf", ".p7m": "application/pkcs7-mime", ".p7s": "application/pkcs7-signature",
	".doc": "application/msword", ".odt": "application/vnd.oasis.opendocument.text",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":  "application/vnd.ms-excel", ".ods": "application/vnd.oasis.opendocument.spreadsheet",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".odp":  "application/vnd.oasis.opendocument.presentation",
	".csv":  "text/csv", ".txt": "text/plain", ".zip": "application/zip",
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
}

// attachmentFile is the site path of an allegato's file: the plan's folder
// and the path written under it.
func attachmentFile(p *plan.Plan, a *plan.Attachment) string {
	return path.Join(path.Dir(p.Pos.File()), a.File.S)
}

// attachmentPath is where the site publishes an allegato's file: the
// plan's folder allegati/, then the path under the plan's content folder
// (without a first allegati/), each part a slug, the extension kept.
func attachmentPath(p *plan.Plan, file string) string {
	parts := strings.Split(strings.TrimPrefix(path.Clean(file), "allegati/"), "/")
	for i, part := range parts {
		ext := strings.ToLower(path.Ext(part))
		if i < len(parts)-1 || ext == "" {
			parts[i] = slug(part)
			continue
		}
		parts[i] = slug(strings.TrimSuffix(part, path.Ext(part))) + ext
	}
	return path.Join(append([]string{slug(p.Slug), "allegati"}, parts...)...)
}

// allAttachments lists the allegati of a plan and of its revisions.
func allAttachments(p *plan.Plan) []*plan.Attachment {
	var out []*plan.Attachment
	for i := range p.Allegati {
		out = append(out, &p.Allegati[i])
	}
	for i := range p.Revisioni {
		for j := range p.Revisioni[i].Allegati {
			out = append(out, &p.Revisioni[i].Allegati[j])
		}
	}
	return out
}

// attachments checks the files of a plan's allegati as the loader reads
// the plan, and records their sizes: each a clean path under the plan's
// folder, inside the site, a regular file of an allowed type and size.
func (l *loader) attachments(p *plan.Plan) {
	for _, a := range allAttachments(p) {
		if a.File.S == "" {
			continue
		}
		at := a.File.Pos
		file := attachmentFile(p, a)
		rel := a.File.S
		switch {
		case path.IsAbs(rel) || strings.ContainsAny(rel, "\\\x00") || !fs.ValidPath(rel) || rel == "piano.yaml":
			l.diags.errorf(at, hintAttachmentPath, msgAttachmentPath, rel)
			continue
		case attachmentTypes[strings.ToLower(path.Ext(rel))] == "":
			l.diags.errorf(at, hintAttachmentType(), msgAttachmentType, path.Ext(rel))
			continue
		}
		if _, ok := l.fsys.(fs.ReadLinkFS); ok {
			if _, inside := resolveLinks(l.fsys, file, 0); !inside {
				l.diags.errorf(at, hintSymlink, msgSymlink)
				continue
			}
		}
		info, err := fs.Stat(l.fsys, file)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			l.diags.errorf(at, hintMissingAttachment(path.Dir(p.Pos.File())), msgMissingAttachment, rel)
		case err != nil:
			reason, hint := osReason(err)
			l.diags.errorf(at, hint, msgCannotRead, reason)
		case !info.Mode().IsRegular():
			l.diags.errorf(at, hintNotRegular, msgNotRegular)
		case info.Size() > MaxAttachmentSize:
			l.diags.errorf(at, hintAttachmentSize, msgAttachmentSize, MaxAttachmentSize>>20)
		default:
			a.Size = info.Size()
		}
	}
}

// checkAttachments checks what an allegato says: a title and either a
// file or an address, an address that is a web page, and no two files
// published at one address.
func (c *checker) checkAttachments() {
	seen := map[string]*plan.Attachment{}
	for _, a := range allAttachments(c.p) {
		switch {
		case (a.File.S == "") == (a.URL.S == ""):
			c.ds.errorf(a.Pos, hintAttachmentWhich, msgAttachmentWhich)
		case a.URL.S != "":
			c.webAddress(a.URL)
		default:
			out := attachmentPath(c.p, a.File.S)
			if prev := seen[out]; prev != nil && path.Clean(prev.File.S) != path.Clean(a.File.S) {
				c.ds.errorf(a.File.Pos, hintAttachmentSame, msgAttachmentSame, a.File.S, prev.File.S)
			}
			seen[out] = a
		}
	}
}

// webAddress checks an address the pages link to: an absolute http or
// https address that the pages may link to.
func (c *checker) webAddress(t plan.Text) {
	u := strings.ToLower(t.S)
	if !(strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) || len(u) < len("http://x.y") || !markup.SafeURL(t.S) {
		c.ds.errorf(t.Pos, hintWebAddress, msgWebAddress, t.S)
	}
}

// addAttachments copies every allegato's file into the site, byte for
// byte; a file listed twice is copied once.
func addAttachments(out *outputs, site fs.FS, model *plan.Site) error {
	done := map[string]bool{}
	for _, p := range model.Plans {
		for _, a := range allAttachments(p) {
			if a.File.S == "" {
				continue
			}
			name := attachmentPath(p, a.File.S)
			if done[name] {
				continue
			}
			done[name] = true
			b, err := fs.ReadFile(site, attachmentFile(p, a))
			if err != nil {
				return err
			}
			if err := out.putRaw(name, b); err != nil {
				return err
			}
		}
	}
	return nil
}

// attachmentView is an allegato as a page lists it: its title and link,
// and for a file of the site its kind and size.
type attachmentView struct {
	Title, URL       string
	Kind, MIME, Size string
	External         bool
}

// attachmentViews prepares allegati for the page.
func (pg *page) attachmentViews(list []plan.Attachment) []attachmentView {
	var out []attachmentView
	for _, a := range list {
		v := attachmentView{Title: a.Titolo.S}
		if a.URL.S != "" {
			if v.URL = pg.SafeURL(a.URL.S); v.URL == "" {
				continue
			}
			v.External = true
		} else {
			ext := strings.ToLower(path.Ext(a.File.S))
			v.URL = pg.Rel(attachmentPath(pg.Plan, a.File.S))
			v.MIME = attachmentTypes[ext]
			v.Kind = pg.r.words.T("attachment.kind", "ext", strings.ToUpper(strings.TrimPrefix(ext, ".")))
			v.Size = pg.r.words.Size(int(a.Size))
		}
		out = append(out, v)
	}
	return out
}

// attachmentExts lists the extensions an allegato may have, for the hint.
func attachmentExts() string {
	var exts []string
	for e := range attachmentTypes {
		exts = append(exts, strings.TrimPrefix(e, "."))
	}
	slices.Sort(exts)
	return strings.Join(exts, ", ")
}
