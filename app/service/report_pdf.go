package service

import (
	"context"
	"io"
	"time"

	"casebook/data/report"
	"casebook/pdf"
)

// writePDF writes the figures as the report PDF (pdf.Report) on the
// agency's letterhead, as letters are: its profile, logo and seal from the
// settings. The language is the one asked for, else the Settings language,
// else Simplified Chinese, as for archives.
//
// It records no audit entry, unlike letters and archives (AuditPrint is
// "personal data left as a document"): the report holds no customer's data
// — only counts, amounts and the names of staff, suppliers and guides as the
// JSON of the same figures does, which is not recorded either — and
// `casebook report` reads the database without writing to it.
func (r *Reports) writePDF(ctx context.Context, fig report.Figures, lang, by string, w io.Writer) (err error) {
	defer func(start time.Time) { logDocument("report", fig.Period.Label, start, 0, err) }(time.Now())
	docs := &Documents{r.core}
	opt, err := docs.documentOptions(ctx, archiveLanguage(r.store.Settings(), lang), by)
	if err != nil {
		return err
	}
	opt.Now = r.store.Now()
	return pdf.Report(w, fig, opt)
}
