package service

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"casebook/data"
	"casebook/data/present"
	"casebook/pdf"
)

// Privacy is the customer's rights under PIPL: a copy of everything held
// about them (art. 45), its erasure (art. 47), and the retention period
// after which closed cases are anonymised.
type Privacy struct{ *core }

// Customer finds a customer by their reference ("#12" or "12", as the
// export, the audit chain and an anonymised case name them) or by the
// number of one of their cases.
func (p *Privacy) Customer(ctx context.Context, ref string) (data.Customer, error) {
	ref = strings.TrimSpace(ref)
	if id, err := strconv.ParseUint(strings.TrimPrefix(ref, "#"), 10, 64); err == nil && id > 0 {
		return p.store.Customer(ctx, id)
	}
	if ref == "" {
		return data.Customer{}, fmt.Errorf("customer %q: %w", ref, data.ErrNotFound)
	}
	c, err := p.store.Case(ctx, ref)
	if err != nil {
		return data.Customer{}, err
	}
	if c.CustomerID == 0 {
		return data.Customer{}, fmt.Errorf("case %s has no customer record: %w", c.Number, data.ErrNotFound)
	}
	return p.store.Customer(ctx, c.CustomerID)
}

// ExportFile is one file of an export: its path inside the folder.
type ExportFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// CustomerExportJSON is customer.json: the machine-readable export.
type CustomerExportJSON struct {
	Format    string              `json:"format"` // "casebook-customer-export/1"
	Exported  string              `json:"exported"`
	By        string              `json:"by"`
	AuditHead string              `json:"audit_head"` // the chain's head after the export was recorded
	Customer  CustomerRecordJSON  `json:"customer"`
	Cases     []CustomerCaseJSON  `json:"cases"`
	Unfiled   []ExportMessageJSON `json:"unfiled_messages"` // their mail on no case
	Files     []ExportFile        `json:"files"`            // the files beside customer.json
}

// CustomerRecordJSON is the customer as the agency holds them.
type CustomerRecordJSON struct {
	Reference string `json:"reference"`
	data.CustomerJSON
	// Profile is what the agency keeps beyond the contacts: tags, VIP,
	// notes with author and time, the history of the contact details.
	Profile data.CustomerProfile `json:"profile"`
}

// CustomerCaseJSON is a case in its public JSON form, its messages with
// their attachments' SHA-256 and the files exported.
type CustomerCaseJSON struct {
	data.CaseJSON
	Satisfaction SatisfactionJSON    `json:"satisfaction"` // the follow-up
	Messages     []ExportMessageJSON `json:"messages"`
	Files        []string            `json:"files"` // its letters and evidence, paths in the folder
}

// SatisfactionJSON is the follow-up's rating (1–5, 0 not asked) and reason.
type SatisfactionJSON struct {
	Rating int    `json:"rating"`
	Reason string `json:"reason"`
}

// ExportMessageJSON is a message with its attachments' SHA-256.
type ExportMessageJSON struct {
	data.MessageJSON
	Cc          []string               `json:"cc"`
	Attachments []ExportAttachmentJSON `json:"attachments"`
}

// ExportAttachmentJSON is an attachment; File is its path in the folder, ""
// when its bytes are no longer held.
type ExportAttachmentJSON struct {
	data.AttachmentJSON
	SHA256 string `json:"sha256"`
	File   string `json:"file"`
}

// ExportResult is an export written.
type ExportResult = data.CustomerExported

// ErrExportExists refuses to export into a folder that holds files already.
var ErrExportExists = data.ErrExportExists

// Export writes everything held about the customer ref into dir: customer.json
// (machine-readable), customer.pdf (readable, in lang) and the files
// themselves (attachments, evidence, the letters issued, byte for byte). The
// folder is written beside dir under a temporary name and renamed when
// complete; an existing dir must be empty. The export is an audit entry
// naming the customer by reference, never by name.
func (p *Privacy) Export(ctx context.Context, a data.Actor, ref, dir, lang string) (res ExportResult, err error) {
	defer func(start time.Time) {
		if err != nil {
			slog.Warn("customer export failed", "customer", ref, "duration", time.Since(start).Round(time.Millisecond), "err", err)
		} else {
			slog.Info("customer exported", "customer", data.CustomerRef(res.Customer.ID), "files", res.Files, "duration", time.Since(start).Round(time.Millisecond))
		}
	}(time.Now())
	if err := check(a, data.ActionReply); err != nil {
		return res, err
	}
	if err := CheckLanguage(lang); err != nil {
		return res, err
	}
	cust, err := p.Customer(ctx, ref)
	if err != nil {
		return res, err
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return res, fmt.Errorf("export into %s: %w", dir, ErrExportExists)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return res, fmt.Errorf("export into %s: %w", dir, err)
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, DirMode); err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, ".casebook-export-*.tmp")
	if err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	rows, err := p.store.CustomerCases(ctx, cust.ID)
	if err != nil {
		return res, err
	}
	cases := make([]data.Case, 0, len(rows))
	for _, r := range rows {
		c, err := p.store.CaseByID(ctx, r.ID)
		if err != nil {
			return res, err
		}
		cases = append(cases, c)
	}
	slices.SortFunc(cases, func(x, y data.Case) int { return x.ReceivedAt.Compare(y.ReceivedAt) })
	byCase, unfiled, err := p.store.CustomerMessages(ctx, cust.ID)
	if err != nil {
		return res, err
	}
	_, profile, err := p.store.CustomerProfile(ctx, cust.ID)
	if err != nil {
		return res, err
	}
	// The export is recorded first: its entry's head is the one printed.
	if err := p.record(ctx, data.AuditExport, a, data.CustomerRef(cust.ID), nil); err != nil {
		return res, err
	}
	_, head, err := p.store.AuditHead(ctx)
	if err != nil {
		return res, err
	}
	lang = archiveLanguage(p.store.Settings(), lang)
	loc, now := p.zone(), p.store.Now()
	out := CustomerExportJSON{Format: "casebook-customer-export/1", Exported: now.In(loc).Format(time.RFC3339), By: a.Name,
		AuditHead: head, Customer: CustomerRecordJSON{Reference: data.CustomerRef(cust.ID),
			CustomerJSON: data.CustomerJSON{Name: cust.Name, Phone: cust.Phone, Email: cust.Email, WeChat: cust.WeChat}, Profile: profile},
		Cases: []CustomerCaseJSON{}, Files: []ExportFile{}}
	w := exportWriter{root: tmp, ctx: ctx, p: p, seen: map[string]string{}}
	pr := present.For(lang)
	st := p.store.Settings()
	for _, c := range cases {
		j := CustomerCaseJSON{CaseJSON: data.Export(c, now, loc, func(e data.Event) string { return pr.Event(e, st) }), Files: []string{},
			Satisfaction: SatisfactionJSON(c.Satisfaction)}
		j.CaseJSON.Messages = nil
		base := filepath.Join("cases", safeName(c.Number))
		for _, l := range c.Letters {
			if f := w.put(filepath.Join(base, "letters"), l.Name, l.SHA256); f != "" {
				j.Files = append(j.Files, f)
			}
		}
		for _, ev := range c.Evidence {
			if f := w.put(filepath.Join(base, "evidence"), ev.Name, ev.SHA256); f != "" {
				j.Files = append(j.Files, f)
			}
		}
		j.Messages = w.messages(filepath.Join(base, "attachments"), byCase[c.ID], loc)
		res.Messages += len(byCase[c.ID])
		out.Cases = append(out.Cases, j)
	}
	out.Unfiled = w.messages("unfiled", unfiled, loc)
	res.Messages += len(unfiled)
	if w.err != nil {
		return res, w.err
	}
	out.Files = w.files
	js, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	if err := writeFileSync(filepath.Join(tmp, "customer.json"), append(js, '\n')); err != nil {
		return res, err
	}
	opt, err := (&Documents{p.core}).documentOptions(ctx, lang, a.Name)
	if err != nil {
		return res, err
	}
	opt.Now, opt.AuditHead = now, head
	var doc bytes.Buffer
	if err := pdf.CustomerExport(ctx, &doc, cust, profile, cases, unfiled, p.store, opt); err != nil {
		return res, err
	}
	if err := writeFileSync(filepath.Join(tmp, "customer.pdf"), doc.Bytes()); err != nil {
		return res, err
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) { // an empty folder given
		return res, fmt.Errorf("export into %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	syncDir(parent)
	return ExportResult{Dir: dir, Customer: cust, Cases: len(cases), Messages: res.Messages, Files: len(w.files)}, nil
}

// exportWriter writes an export's files, each stored file once per name.
type exportWriter struct {
	root  string
	ctx   context.Context
	p     *Privacy
	files []ExportFile
	seen  map[string]string // dir/sha → path written
	err   error
}

// put writes the stored file sha as dir/name and returns its path in the
// folder, or "" when its bytes are no longer held.
func (w *exportWriter) put(dir, name, sha string) string {
	if w.err != nil || sha == "" {
		return ""
	}
	if f, ok := w.seen[dir+"/"+sha]; ok {
		return f
	}
	b, err := w.p.store.Blob(w.ctx, sha)
	if errors.Is(err, data.ErrNotFound) {
		return ""
	} else if err != nil {
		w.err = err
		return ""
	}
	name = safeName(name)
	if name == "" {
		name = sha[:min(12, len(sha))]
	}
	rel := filepath.Join(dir, name)
	for i := 2; ; i++ {
		if _, err := os.Lstat(filepath.Join(w.root, rel)); errors.Is(err, os.ErrNotExist) {
			break
		}
		ext := filepath.Ext(name)
		rel = filepath.Join(dir, fmt.Sprintf("%s-%d%s", strings.TrimSuffix(name, ext), i, ext))
	}
	if err := os.MkdirAll(filepath.Join(w.root, dir), DirMode); err != nil {
		w.err = fmt.Errorf("export: %w", err)
		return ""
	}
	if err := writeFileSync(filepath.Join(w.root, rel), b); err != nil {
		w.err = err
		return ""
	}
	rel = filepath.ToSlash(rel)
	w.seen[dir+"/"+sha] = rel
	w.files = append(w.files, ExportFile{Path: rel, SHA256: sha, Size: int64(len(b))})
	return rel
}

func (w *exportWriter) messages(dir string, ms []data.Message, loc *time.Location) []ExportMessageJSON {
	out := []ExportMessageJSON{}
	pub := data.ExportMessages(ms, loc)
	for i, m := range ms {
		j := ExportMessageJSON{MessageJSON: pub[i], Cc: m.Cc, Attachments: []ExportAttachmentJSON{}}
		if j.Cc == nil {
			j.Cc = []string{}
		}
		for k, at := range m.Attachments {
			j.Attachments = append(j.Attachments, ExportAttachmentJSON{AttachmentJSON: pub[i].Attachments[k],
				SHA256: at.SHA256, File: w.put(dir, at.Name, at.SHA256)})
		}
		j.MessageJSON.Attachments = nil
		out = append(out, j)
	}
	return out
}

// safeName keeps a file name a name: no folders, no control characters.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, filepath.Base(strings.TrimSpace(s)))
	if s == "." || s == ".." || s == "_" {
		return ""
	}
	return s
}

func writeFileSync(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, DocMode)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("export: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("export: %w", err)
	}
	return f.Close()
}

// Anonymise erases the personal data of the customer ref (see
// store.AnonymiseCustomers; the owner's). The erased bytes leave the file
// when it is compacted: a compaction is asked for at the next start (the
// command line compacts at once after closing).
func (p *Privacy) Anonymise(ctx context.Context, a data.Actor, ref string) (data.AnonymiseResult, error) {
	if err := check(a, data.ActionPrivacy); err != nil {
		return data.AnonymiseResult{}, err
	}
	cust, err := p.Customer(ctx, ref)
	if err != nil {
		return data.AnonymiseResult{}, err
	}
	rs, err := p.anonymise(ctx, a, []uint64{cust.ID})
	if err != nil {
		return data.AnonymiseResult{}, err
	}
	return rs[0], nil
}

func (p *Privacy) anonymise(ctx context.Context, a data.Actor, ids []uint64) ([]data.AnonymiseResult, error) {
	rs, err := p.store.AnonymiseCustomers(ctx, ids, a.Name)
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		if !r.Already {
			slog.Info("customer anonymised", "customer", data.CustomerRef(r.Customer), "cases", len(r.Cases), "messages", r.Messages, "files", r.Blobs)
			if err := os.WriteFile(PendingCompact(p.store.Path()), nil, 0o600); err != nil {
				return rs, fmt.Errorf("anonymise: ask for compaction: %w", err)
			}
		}
	}
	return rs, nil
}

// Due lists the customers whose cases all ended more than the retention
// years (Settings → Privacy) before now and still hold personal data, and
// those kept because a case of theirs is open or ended later. closedBefore,
// when not zero, replaces the cutoff.
func (p *Privacy) Due(ctx context.Context, closedBefore time.Time) (data.RetentionDue, error) {
	cutoff := closedBefore
	if cutoff.IsZero() {
		cutoff = data.RetentionCutoff(p.store.Now(), p.store.Settings().Privacy.Years())
	}
	all, err := p.store.RetentionCases(ctx, cutoff)
	if err != nil {
		return data.RetentionDue{}, err
	}
	return data.Retention(all, cutoff), nil
}

// AnonymiseDue anonymises every customer Due lists as due, in one
// transaction; the kept ones are left as they are.
func (p *Privacy) AnonymiseDue(ctx context.Context, a data.Actor, closedBefore time.Time) (data.RetentionDue, []data.AnonymiseResult, error) {
	if err := check(a, data.ActionPrivacy); err != nil {
		return data.RetentionDue{}, nil, err
	}
	due, err := p.Due(ctx, closedBefore)
	if err != nil || len(due.Due) == 0 {
		return due, nil, err
	}
	ids := make([]uint64, len(due.Due))
	for i, d := range due.Due {
		ids[i] = d.Customer
	}
	rs, err := p.anonymise(ctx, a, ids)
	return due, rs, err
}
