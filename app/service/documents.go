package service

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"casebook/data"
	"casebook/pdf"
)

// Documents is printing: letters (recorded on the case exactly as issued)
// and archives, in Simplified Chinese, Traditional Chinese or English.
type Documents struct{ *core }

// Issued is a letter just issued: the case after it, the letter and its PDF.
type Issued struct {
	Case         data.Case
	Letter       data.Letter
	PDF          []byte
	Acknowledged bool // issuing the acknowledgement acknowledged the case
}

// IssueLetter renders a letter in lang ("" = the case's language), records
// it on the case and returns it. At the counter the acknowledgement letter is
// the first response: issuing it for a case still new acknowledges the case
// in the same transaction.
func (d *Documents) IssueLetter(ctx context.Context, a data.Actor, number string, t data.LetterType, lang string) (out Issued, err error) {
	defer func(start time.Time) { logDocument("letter "+string(t), number, start, len(out.PDF), err) }(time.Now())
	if err := check(a, data.ActionReply); err != nil {
		return Issued{}, err
	}
	if err := CheckLanguage(lang); err != nil {
		return Issued{}, err
	}
	opt, err := d.documentOptions(ctx, lang, a.Name)
	if err != nil {
		return Issued{}, err
	}
	prepare := func(c *data.Case, st data.Settings, now time.Time) error {
		if t != data.LetterAck || c.Status != data.StatusNew {
			return nil
		}
		if err := check(a, data.MoveAction(c.Status, data.StatusAcknowledged)); err != nil {
			return err
		}
		out.Acknowledged = true
		return c.Move(st, data.StatusAcknowledged, a.Name, "", now)
	}
	c, l, b, err := d.store.IssueLetter(ctx, number, t, prepare, func(c data.Case, st data.Settings, now time.Time) (data.Letter, []byte, error) {
		opt.Settings, opt.Now = st, now
		if opt.Lang == "" {
			opt.Lang = c.LetterLanguage(st)
		}
		if t == data.LetterBureau {
			opt.Lang = "zh-Hans" // as pdf.Letter prints it: the regulator's language
		}
		b, err := pdf.Letter(c, t, opt)
		if err != nil {
			return data.Letter{}, nil, err
		}
		return data.Letter{Language: opt.Lang, By: a.Name, Name: pdf.LetterFileName(t, opt.Lang, c.Number)}, b, nil
	})
	if err != nil {
		return Issued{}, err
	}
	if err := d.record(ctx, data.AuditPrint, a, PrintWhat(t, false), &c); err != nil {
		return Issued{}, err
	}
	out.Case, out.Letter, out.PDF = c, l, b
	return out, nil
}

// PrintWhat is what an AuditPrint entry says was printed: "letter:ack",
// "letter:ack:reprint", "archive", "closed_archive:FROM..TO".
func PrintWhat(t data.LetterType, reprint bool) string {
	if reprint {
		return "letter:" + string(t) + ":reprint"
	}
	return "letter:" + string(t)
}

// IssuedLetter finds the latest letter of type t (and lang, if given) issued
// on the case, with its bytes exactly as issued; handing it out again is an
// AuditPrint entry.
func (d *Documents) IssuedLetter(ctx context.Context, a data.Actor, number string, t data.LetterType, lang string) (data.Letter, []byte, error) {
	if err := check(a, data.ActionReply); err != nil {
		return data.Letter{}, nil, err
	}
	c, err := d.store.Case(ctx, number)
	if err != nil {
		return data.Letter{}, nil, err
	}
	l, err := c.LatestLetter(t, lang)
	if err != nil {
		return data.Letter{}, nil, err
	}
	b, err := d.store.Blob(ctx, l.SHA256)
	if err != nil {
		return l, nil, err
	}
	if err := d.record(ctx, data.AuditPrint, a, PrintWhat(t, true), &c); err != nil {
		return l, nil, err
	}
	return l, b, nil
}

// CaseArchive renders one case's whole dossier.
func (d *Documents) CaseArchive(ctx context.Context, a data.Actor, number, lang string) (b []byte, err error) {
	defer func(start time.Time) { logDocument("case archive", number, start, len(b), err) }(time.Now())
	if err := check(a, data.ActionReply); err != nil {
		return nil, err
	}
	if err := CheckLanguage(lang); err != nil {
		return nil, err
	}
	c, err := d.store.Case(ctx, number)
	if err != nil {
		return nil, err
	}
	opt, err := d.documentOptions(ctx, archiveLanguage(d.store.Settings(), lang), a.Name)
	if err != nil {
		return nil, err
	}
	// Recorded first: the archive's footer shows the head that includes it.
	if err := d.record(ctx, data.AuditPrint, a, "archive", &c); err != nil {
		return nil, err
	}
	opt.Now = d.store.Now()
	if _, opt.AuditHead, err = d.store.AuditHead(ctx); err != nil {
		return nil, err
	}
	return pdf.CaseArchive(ctx, c, d.store, opt)
}

// ClosedArchive writes every case closed on the days from to to (inclusive,
// local time) to w and returns how many there were; none writes nothing.
func (d *Documents) ClosedArchive(ctx context.Context, a data.Actor, w io.Writer, from, to time.Time, lang string,
	progress func(done, total int)) (n int, err error) {
	defer func(start time.Time) {
		logDocument("closed cases archive", from.Format(time.DateOnly)+"…"+to.Format(time.DateOnly), start, n, err)
	}(time.Now())
	if err := check(a, data.ActionReply); err != nil {
		return 0, err
	}
	if err := CheckLanguage(lang); err != nil {
		return 0, err
	}
	start, end := dayStart(from, d.zone()), dayStart(to, d.zone()).AddDate(0, 0, 1)
	if !start.Before(end) {
		return 0, fmt.Errorf("%w: the period ends before it starts", data.ErrInvalid)
	}
	cases, err := d.store.ClosedBetween(ctx, start, end)
	if err != nil || len(cases) == 0 {
		return 0, err
	}
	opt, err := d.documentOptions(ctx, archiveLanguage(d.store.Settings(), lang), a.Name)
	if err != nil {
		return 0, err
	}
	what := "closed_archive:" + start.Format(time.DateOnly) + ".." + end.AddDate(0, 0, -1).Format(time.DateOnly)
	if err := d.record(ctx, data.AuditPrint, a, what, nil); err != nil {
		return 0, err
	}
	opt.Now = d.store.Now()
	if _, opt.AuditHead, err = d.store.AuditHead(ctx); err != nil {
		return 0, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	return len(cases), pdf.BulkArchive(ctx, w, cases, start, end, d.store, opt, progress) // end is exclusive: printed as the day before
}

// PutAgencyImage checks a logo or seal and stores it prepared once for
// printing (scaled to at most 1,000 pixels and written anew, so every letter
// stays quick); it returns the stored image's SHA-256.
func (d *Documents) PutAgencyImage(ctx context.Context, a data.Actor, b []byte) (string, error) {
	if err := check(a, data.ActionSettings); err != nil {
		return "", err
	}
	prepared, err := PrepareAgencyImage(b)
	if err != nil {
		return "", err
	}
	return d.store.PutBlob(ctx, prepared)
}

// PrepareAgencyImage checks a logo or seal and prepares it for printing,
// without storing it: a command reads its files before changing anything.
func PrepareAgencyImage(b []byte) ([]byte, error) {
	if err := data.CheckImage(b); err != nil {
		return nil, err
	}
	prepared, err := pdf.PrepareAgencyImage(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", data.ErrImageDamaged, err)
	}
	return prepared, nil
}

// documentOptions prepares what every document needs: the agency's profile
// and its logo and seal images from the blob store.
func (d *Documents) documentOptions(ctx context.Context, lang, by string) (pdf.Options, error) {
	st := d.store.Settings()
	opt := pdf.Options{Settings: st, Lang: lang, Loc: d.zone(), By: by}
	var err error
	if opt.Logo, err = d.agencyImage(ctx, st.Agency.LogoSHA256); err != nil {
		return opt, fmt.Errorf("agency logo: %w: %w", data.ErrAgencyImage, err)
	}
	if opt.Seal, err = d.agencyImage(ctx, st.Agency.SealSHA256); err != nil {
		return opt, fmt.Errorf("agency seal: %w: %w", data.ErrAgencyImage, err)
	}
	return opt, nil
}

func (d *Documents) agencyImage(ctx context.Context, sha string) ([]byte, error) {
	if sha == "" {
		return nil, nil
	}
	return d.store.Blob(ctx, sha)
}

// CheckLanguage accepts "" (the default) or one of the letter languages.
func CheckLanguage(lang string) error {
	if lang != "" && !slices.Contains(data.Languages, lang) {
		return fmt.Errorf("%w: language %q: use zh-Hans, zh-Hant or en", data.ErrInvalid, lang)
	}
	return nil
}

// archiveLanguage is the language of archives, which are for the agency's
// files: the interface language set in Settings, else Simplified Chinese.
func archiveLanguage(st data.Settings, lang string) string {
	if lang != "" {
		return lang
	}
	if st.Language != "" {
		return st.Language
	}
	return "zh-Hans"
}

// logDocument records a printed document by its case number (or period):
// its size (bytes, or cases for a bulk archive) and time, or why it failed —
// never a customer's name.
func logDocument(what, number string, start time.Time, size int, err error) {
	took := time.Since(start).Round(time.Millisecond)
	if err != nil {
		slog.Warn("document not printed", "document", what, "case", number, "duration", took, "err", err)
		return
	}
	slog.Info("document printed", "document", what, "case", number, "size", size, "duration", took)
}

func dayStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}
