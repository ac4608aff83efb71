package service

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"casebook/data"
	"casebook/data/report"
)

// Write writes the report of period p as a file in format, in lang (""
// is the Settings language): the same figures as Figures, whatever the
// format.
func (r *Reports) Write(ctx context.Context, a data.Actor, p report.Period, format data.ReportFormat, lang string, w io.Writer) error {
	if err := check(a, data.ActionReport); err != nil {
		return err
	}
	if !slices.Contains(data.ReportFormats, format) {
		return fmt.Errorf("%w: format %q: use pdf, xlsx, csv or json", data.ErrInvalid, format)
	}
	if err := CheckLanguage(lang); err != nil {
		return err
	}
	fig, err := r.Figures(ctx, a, p)
	if err != nil {
		return err
	}
	switch format {
	case data.ReportJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(fig)
	case data.ReportPDF:
		return r.writePDF(ctx, fig, lang, a.Name, w) // report_pdf.go
	case data.ReportXLSX, data.ReportCSV:
		_, err := r.writeSheets(ctx, a, p, fig, format, lang, w) // report_sheets.go
		return err
	}
	return fmt.Errorf("%w: format %q has no writer", data.ErrInvalid, format) // ReportFormats and this switch go together
}

// WriteTo writes Write to the file path through a temporary file in the
// same folder, renamed once complete: a failed report leaves nothing
// half-written under the name. A file already there is replaced (the save
// dialog asked; the command line asks for --force).
func (r *Reports) WriteTo(ctx context.Context, a data.Actor, p report.Period, format data.ReportFormat, lang, path string) error {
	if err := check(a, data.ActionReport); err != nil { // before touching the folder
		return err
	}
	pf, err := CreatePending(path)
	if err != nil {
		return err
	}
	defer pf.Abort() // no-op once committed
	if err := r.Write(ctx, a, p, format, lang, pf); err != nil {
		return err
	}
	return pf.Commit()
}
