package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"casebook/data"
	"casebook/data/store"
	"casebook/pdf"
)

// Printing is shared by the command line and the GUI: both issue letters and
// archives through these functions, so a letter is recorded the same way
// whichever printed it.

// documentOptions prepares what every document needs: the agency's profile
// and its logo and seal images from the blob store.
func documentOptions(ctx context.Context, s *store.Store, lang, by string, loc *time.Location) (pdf.Options, error) {
	st := s.Settings()
	opt := pdf.Options{Settings: st, Lang: lang, Loc: loc, By: by}
	var err error
	if opt.Logo, err = agencyImage(ctx, s, st.Agency.LogoSHA256); err != nil {
		return opt, fmt.Errorf("agency logo: %w: %w", data.ErrAgencyImage, err)
	}
	if opt.Seal, err = agencyImage(ctx, s, st.Agency.SealSHA256); err != nil {
		return opt, fmt.Errorf("agency seal: %w: %w", data.ErrAgencyImage, err)
	}
	return opt, nil
}

func agencyImage(ctx context.Context, s *store.Store, sha string) ([]byte, error) {
	if sha == "" {
		return nil, nil
	}
	return s.Blob(ctx, sha)
}

// checkLanguage accepts "" (the default) or one of the letter languages.
func checkLanguage(lang string) error {
	if lang != "" && !slices.Contains(data.Languages, lang) {
		return fmt.Errorf("%w: language %q: use zh-Hans, zh-Hant or en", data.ErrInvalid, lang)
	}
	return nil
}

// issueLetter renders a letter in lang ("" = the case's language), records it
// on the case and returns it with its bytes.
func issueLetter(ctx context.Context, s *store.Store, number string, t data.LetterType, lang, by string, loc *time.Location) (_ data.Case, _ data.Letter, b []byte, err error) {
	defer logDocument("letter "+string(t), number, time.Now(), &b, &err)
	if err := checkLanguage(lang); err != nil {
		return data.Case{}, data.Letter{}, nil, err
	}
	opt, err := documentOptions(ctx, s, lang, by, loc)
	if err != nil {
		return data.Case{}, data.Letter{}, nil, err
	}
	return s.IssueLetter(ctx, number, t, nil, func(c data.Case, st data.Settings, now time.Time) (data.Letter, []byte, error) {
		opt.Settings, opt.Now = st, now
		if opt.Lang == "" {
			opt.Lang = c.LetterLanguage(st)
		}
		b, err := pdf.Letter(c, t, opt)
		if err != nil {
			return data.Letter{}, nil, err
		}
		return data.Letter{Language: opt.Lang, By: by, Name: pdf.LetterFileName(t, opt.Lang, c.Number)}, b, nil
	})
}

// issuedLetter finds the latest letter of type t (and lang, if given) issued
// on the case, with its bytes exactly as issued.
func issuedLetter(ctx context.Context, s *store.Store, number string, t data.LetterType, lang string) (data.Letter, []byte, error) {
	c, err := s.Case(ctx, number)
	if err != nil {
		return data.Letter{}, nil, err
	}
	l, err := latestLetter(c, t, lang)
	if err != nil {
		return data.Letter{}, nil, err
	}
	b, err := s.Blob(ctx, l.SHA256)
	return l, b, err
}

// latestLetter is the last letter of type t (and lang, if given) issued on c.
func latestLetter(c data.Case, t data.LetterType, lang string) (data.Letter, error) {
	for i := len(c.Letters) - 1; i >= 0; i-- {
		if l := c.Letters[i]; l.Type == t && (lang == "" || l.Language == lang) {
			return l, nil
		}
	}
	return data.Letter{}, fmt.Errorf("case %s has no %s letter issued yet: %w", c.Number, t, data.ErrNotFound)
}

// prepareAgencyImage checks a logo or seal and prepares it once for printing:
// scaled to at most 1,000 pixels and written anew, so every letter stays quick.
func prepareAgencyImage(b []byte) ([]byte, error) {
	if err := data.CheckImage(b); err != nil {
		return nil, err
	}
	prepared, err := pdf.PrepareAgencyImage(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", data.ErrImageDamaged, err)
	}
	return prepared, nil
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

// caseArchive renders one case's dossier.
func caseArchive(ctx context.Context, s *store.Store, number, lang, by string, loc *time.Location) (b []byte, err error) {
	defer logDocument("case archive", number, time.Now(), &b, &err)
	if err := checkLanguage(lang); err != nil {
		return nil, err
	}
	c, err := s.Case(ctx, number)
	if err != nil {
		return nil, err
	}
	opt, err := documentOptions(ctx, s, archiveLanguage(s.Settings(), lang), by, loc)
	if err != nil {
		return nil, err
	}
	opt.Now = s.Now()
	return pdf.CaseArchive(ctx, c, s, opt)
}

// closedArchive writes every case closed on the days from to to (inclusive,
// in loc) to w and returns how many there were; none writes nothing.
func closedArchive(ctx context.Context, s *store.Store, w io.Writer, from, to time.Time, lang, by string, loc *time.Location,
	progress func(done, total int)) (n int, err error) {
	defer func(start time.Time) {
		took := time.Since(start).Round(time.Millisecond)
		if err != nil {
			slog.Warn("closed-case archive failed", "from", from.Format(time.DateOnly), "to", to.Format(time.DateOnly), "cases", n, "duration", took, "err", err)
			return
		}
		slog.Info("closed-case archive printed", "from", from.Format(time.DateOnly), "to", to.Format(time.DateOnly), "cases", n, "duration", took)
	}(time.Now())
	if err := checkLanguage(lang); err != nil {
		return 0, err
	}
	start, end := dayStart(from, loc), dayStart(to, loc).AddDate(0, 0, 1)
	if !start.Before(end) {
		return 0, fmt.Errorf("%w: the period ends before it starts", data.ErrInvalid)
	}
	cases, err := s.ClosedBetween(ctx, start, end)
	if err != nil || len(cases) == 0 {
		return 0, err
	}
	opt, err := documentOptions(ctx, s, archiveLanguage(s.Settings(), lang), by, loc)
	if err != nil {
		return 0, err
	}
	opt.Now = s.Now()
	if progress == nil {
		progress = func(int, int) {}
	}
	return len(cases), pdf.BulkArchive(ctx, w, cases, start, end, s, opt, progress) // end is exclusive: printed as the day before
}

func dayStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// logDocument records a printed document by its case number: its size and
// time, or why it failed (a case not ready is a warning, not a fault).
func logDocument(what, number string, start time.Time, b *[]byte, err *error) {
	took := time.Since(start).Round(time.Millisecond)
	if *err != nil {
		slog.Warn("document not printed", "document", what, "case", number, "duration", took, "err", *err)
		return
	}
	slog.Info("document printed", "document", what, "case", number, "bytes", len(*b), "duration", took)
}
