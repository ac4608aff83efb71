package service

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"time"

	"casebook/data"
	"casebook/data/report"
	"casebook/data/sheet"
)

// ReportWhat is what the audit entry of a report workbook or CSV says:
// "report:xlsx:1234" (the format and the number of case rows in it).
func ReportWhat(format data.ReportFormat, n int) string {
	return "report:" + string(format) + ":" + strconv.Itoa(n)
}

// ReportCasesFilter selects the cases the report's Cases sheet and CSV
// hold: those received in the period (the same cases as the figure
// "received").
func ReportCasesFilter(p report.Period) data.Filter {
	return data.Filter{ReceivedFrom: p.From, ReceivedTo: p.To}
}

// writeSheets writes the report as a workbook (the figures' sheets, then one
// row per case received in p) or as CSV (those case rows alone). Both leave
// personal data in a file: the audit chain records it before anything is
// written, as a case export does.
func (r *Reports) writeSheets(ctx context.Context, a data.Actor, p report.Period, fig report.Figures,
	format data.ReportFormat, lang string, w io.Writer) (n int, err error) {
	defer func(start time.Time) {
		took := time.Since(start).Round(time.Millisecond)
		if err != nil {
			slog.Warn("report not written", "format", format, "period", p.Label(), "done", n, "duration", took, "err", err)
			return
		}
		slog.Info("report written", "format", format, "period", p.Label(), "cases", n, "duration", took)
	}(time.Now())
	now := r.store.Now()
	rows := r.store.List(ReportCasesFilter(p), data.Sort{Key: data.SortReceived, Asc: true}, now)
	ids := make([]uint64, len(rows))
	for i, row := range rows {
		ids[i] = row.ID
	}
	var prev report.Figures // the previous period's, for the workbook's comparisons
	if format == data.ReportXLSX {
		if prev, err = r.Figures(ctx, a, p.Previous()); err != nil {
			return 0, err
		}
	}
	if err := r.record(ctx, data.AuditExport, a, ReportWhat(format, len(ids)), nil); err != nil {
		return 0, err
	}
	st := r.store.Settings()
	opt := sheet.Options{Lang: archiveLanguage(st, lang), Settings: st, Loc: r.zone(), Now: now}
	src := func(yield func(*data.Case) error) error { return r.store.EachCase(ctx, ids, yield) }
	if format == data.ReportCSV {
		return sheet.WriteCSV(w, src, opt)
	}
	return sheet.WriteReport(w, sheet.Report{Figures: fig, Previous: prev}, src, opt)
}
