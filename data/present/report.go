package present

import (
	"fmt"
	"strconv"

	"casebook/data"
)

// The report's words (data/report): a figure's name and its definition by
// the names of report.Definitions and the section labels the outputs use.

// ReportLabel is a figure's or section's name ("report.label."+name).
func (p *P) ReportLabel(name string, args ...any) string { return p.T("report.label."+name, args...) }

// ReportDefinition says exactly how a figure is computed ("report.def."+name).
func (p *P) ReportDefinition(name string) string { return p.T("report.def." + name) }

// ReportValue renders a value of a report dimension — a kind, channel,
// severity, category slug, remedy kind, or a name as typed (supplier,
// guide, product, destination, staff) — and "" as "(not recorded)".
func (p *P) ReportValue(st data.Settings, dimension, value string) string {
	if value == "" {
		return p.ReportLabel("not_recorded")
	}
	switch dimension {
	case "kind":
		return p.Kind(data.Kind(value))
	case "channel":
		return p.Channel(data.Channel(value))
	case "severity":
		return p.Severity(data.Severity(value))
	case "category":
		return p.Category(st, value)
	case "remedy":
		return p.Remedy(value)
	}
	return value
}

// ReportNumber writes a figure that may be absent (a median of nothing, a
// rate of nothing due) as the report writes it everywhere: "—" or the
// number as computed (already rounded to two decimals).
func (p *P) ReportNumber(v *float64) string {
	if v == nil {
		return "—"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// ReportRate writes a rate as "75% (6/8)", or "— (0/0)" when nothing was
// counted.
func (p *P) ReportRate(n, of int, pct *float64) string {
	if pct == nil {
		return fmt.Sprintf("— (%d/%d)", n, of)
	}
	return fmt.Sprintf("%s%% (%d/%d)", p.ReportNumber(pct), n, of)
}
