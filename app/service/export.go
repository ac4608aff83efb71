package service

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"casebook/data"
	"casebook/data/sheet"
)

// ExportWhat is what the audit entry of a case rows export says:
// "cases:xlsx:1234" (the format and the number of cases).
func ExportWhat(format data.ExportFormat, n int) string {
	return "cases:" + string(format) + ":" + strconv.Itoa(n)
}

// ExportCases writes the cases the filter selects, oldest received first,
// as one row per case with every field (data/sheet) in format to w, with
// headers and coded values in lang ("" = the interface language in
// Settings). It returns the number of cases. Cases are read from the store
// a batch at a time while the file is written, so memory stays bounded
// however many there are. progress, when set, hears done and total after
// every 1,000 cases and at the end.
//
// Everyone who may print a case's archive sees every case in the list, so
// the same right (reply) exports them; the export leaves personal data in a
// file and is recorded in the audit chain before anything is written.
func (d *Documents) ExportCases(ctx context.Context, a data.Actor, f data.Filter, format data.ExportFormat, lang string,
	w io.Writer, progress func(done, total int)) (n int, err error) {
	defer func(start time.Time) {
		took := time.Since(start).Round(time.Millisecond)
		if err != nil {
			slog.Warn("cases not exported", "format", format, "done", n, "duration", took, "err", err)
			return
		}
		slog.Info("cases exported", "format", format, "cases", n, "duration", took)
	}(time.Now())
	if err := check(a, data.ActionReply); err != nil {
		return 0, err
	}
	if !slices.Contains(data.ExportFormats, format) {
		return 0, fmt.Errorf("%w: format %q: use xlsx or csv", data.ErrInvalid, format)
	}
	if err := CheckLanguage(lang); err != nil {
		return 0, err
	}
	now := d.store.Now()
	rows := d.store.List(f, data.Sort{Key: data.SortReceived, Asc: true}, now)
	ids := make([]uint64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	if err := d.record(ctx, data.AuditExport, a, ExportWhat(format, len(ids)), nil); err != nil {
		return 0, err
	}
	opt := sheet.Options{Lang: archiveLanguage(d.store.Settings(), lang), Settings: d.store.Settings(), Loc: d.zone(), Now: now}
	if progress != nil {
		total := len(ids)
		progress(0, total)
		opt.Progress = func(done int) { progress(done, total) }
	}
	src := func(yield func(*data.Case) error) error { return d.store.EachCase(ctx, ids, yield) }
	if format == data.ExportCSV {
		return sheet.WriteCSV(w, src, opt)
	}
	return sheet.WriteXLSX(w, src, opt)
}

// ExportCasesTo writes ExportCases to the file path, in the Settings
// language, through a temporary file in the same folder renamed once
// complete: a failed or cancelled export leaves nothing half-written under
// the name. A file already there is replaced (the save dialog asked).
func (d *Documents) ExportCasesTo(ctx context.Context, a data.Actor, f data.Filter, format data.ExportFormat, path string,
	progress func(done, total int)) (int, error) {
	if err := check(a, data.ActionReply); err != nil { // before touching the folder
		return 0, err
	}
	pf, err := CreatePending(path)
	if err != nil {
		return 0, err
	}
	defer pf.Abort() // no-op once committed
	n, err := d.ExportCases(ctx, a, f, format, "", pf, progress)
	if err != nil {
		return n, err
	}
	return n, pf.Commit()
}
