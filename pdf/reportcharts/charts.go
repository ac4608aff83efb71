// Package reportcharts turns the agency's figures (data/report) into the
// report's charts (pdf/chart), once, for the Reports screen and the report
// PDF alike: the same titles, the same values, the same order.
package reportcharts

import (
	"math"
	"strconv"
	"strings"
	"time"

	"casebook/data"
	"casebook/data/present"
	"casebook/data/report"
	"casebook/pdf/chart"
)

// SLATarget is the share of clocks met on time, in percent, that the
// deadline gauges mark as the goal.
const SLATarget = 90

// Item is one chart of the report and the figure behind it.
type Item struct {
	// Name is stable ("trend", "by_category", "sla_first_response",
	// "sla_resolution", "compensation_by_kind", "hot_suppliers"): tests and
	// the screen's layout refer to it.
	Name string
	// Key is the drill-down key of the figure the chart draws
	// (report.Figures; svc.Reports.Cases lists its cases).
	Key   string
	Chart *chart.Chart
}

// Names are the charts' names in the order Build returns them.
var Names = []string{"trend", "by_category", "sla_first_response", "sla_resolution", "compensation_by_kind", "hot_suppliers"}

// Build describes the report's charts for f in lang (zh-Hans, zh-Hant, en);
// drawing them (PNG, Image, chartpdf.Place) is the caller's, at its size.
func Build(f report.Figures, st data.Settings, lang string) []Item {
	pr := present.For(lang)
	fr, rs := f.Timeliness.FirstResponse, f.Timeliness.Resolution
	return []Item{
		{"trend", trendKey(f), trend(f, pr, lang)},
		{"by_category", f.Volume.Received.Key, buckets(pr, lang, pr.ReportLabel("by_category"), st, "category", f.Volume.ByCategory)},
		{"sla_first_response", fr.SLA.Key, gauge(pr, lang, pr.ReportLabel("sla_first_response"), fr.SLA)},
		{"sla_resolution", rs.SLA.Key, gauge(pr, lang, pr.ReportLabel("sla_resolution"), rs.SLA)},
		{"compensation_by_kind", f.Compensation.Total.Key, amounts(pr, lang, pr.ReportLabel("compensation_by_kind"), st, "remedy", f.Compensation.ByKind, f.Currency)},
		{"hot_suppliers", f.Volume.Received.Key, hot(pr, lang, pr.ReportLabel("hot_suppliers"), st, "", f.Hotspots.Suppliers.ByComplaints)},
	}
}

// trendKey is the trend's last month, the period's own.
func trendKey(f report.Figures) string {
	if n := len(f.Trend); n > 0 {
		return f.Trend[n-1].Key
	}
	return f.Volume.Received.Key
}

// trend is the cases received in each of the 12 months.
func trend(f report.Figures, pr *present.P, lang string) *chart.Chart {
	months := make([]string, len(f.Trend))
	values := make([]float64, len(f.Trend))
	for i, t := range f.Trend {
		months[i] = monthLabel(pr, t.Month, i == 0)
		values[i] = float64(t.Received)
	}
	name := pr.ReportLabel("received")
	if n := len(f.Trend); n > 0 {
		name += " " + f.Trend[0].Month + " – " + f.Trend[n-1].Month
	}
	complaints := make([]float64, len(f.Trend))
	for i, t := range f.Trend {
		complaints[i] = float64(t.Complaints)
	}
	return chart.Trend(lang, pr.ReportLabel("trend"), months, chart.Series{Name: name, Values: values},
		chart.Series{Name: pr.T("report.chart.complaints"), Values: complaints})
}

// monthLabel writes "2026-11" as "11月" or "Nov"; January and the first
// month carry the year, so twelve months across a new year read right.
func monthLabel(pr *present.P, month string, first bool) string {
	y, m, ok := strings.Cut(month, "-")
	n, err := strconv.Atoi(m)
	if !ok || err != nil || n < 1 || n > 12 {
		return month
	}
	var label any = n
	if pr.Lang() == "en" {
		label = time.Month(n).String()[:3] // Chinese writes the number
	}
	if first || n == 1 {
		return pr.T("report.chart.month_year", "year", y, "month", label)
	}
	return pr.T("report.chart.month", "month", label)
}

func buckets(pr *present.P, lang, title string, st data.Settings, dim string, bs []report.Bucket) *chart.Chart {
	labels := make([]string, len(bs))
	values := make([]float64, len(bs))
	for i, b := range bs {
		labels[i], values[i] = pr.ReportValue(st, dim, b.Value), float64(b.N)
	}
	return chart.Bars(lang, title, labels, values, chart.BarOpts{})
}

func amounts(pr *present.P, lang, title string, st data.Settings, dim string, as []report.Amount, currency string) *chart.Chart {
	labels := make([]string, len(as))
	values := make([]float64, len(as))
	for i, a := range as {
		labels[i], values[i] = pr.ReportValue(st, dim, a.Value), units(a.Amount)
	}
	return chart.Bars(lang, title, labels, values, chart.BarOpts{Unit: chart.Unit{Currency: currency}})
}

// hot is a hotspot list by complaints with the change against the
// previous period after each value.
func hot(pr *present.P, lang, title string, st data.Settings, dim string, hs []report.Hot) *chart.Chart {
	labels := make([]string, len(hs))
	values := make([]float64, len(hs))
	delta := make([]float64, len(hs))
	for i, h := range hs {
		labels[i], values[i], delta[i] = pr.ReportValue(st, dim, h.Value), float64(h.N), float64(h.N-h.PrevN)
	}
	return chart.Bars(lang, title, labels, values, chart.BarOpts{Delta: delta})
}

// gauge is a deadline rate against SLATarget; nothing due is the empty state.
func gauge(pr *present.P, lang, title string, r report.Rate) *chart.Chart {
	pct := math.NaN()
	if r.Pct != nil {
		pct = *r.Pct
	}
	return chart.Gauge(lang, title, pct, SLATarget, pr.T("report.chart.on_time", "n", r.N, "of", r.Of))
}

// units is an amount in whole currency units, as the charts write money.
func units(m data.Money) float64 { return float64(m) / 100 }
