package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"casebook/data"
	"casebook/data/present"
	"casebook/data/report"
	"casebook/pdf/chart/chartpdf"
	"casebook/pdf/reportcharts"
)

// Report writes the owner's report of fig as an A4 PDF in opt.Lang: the
// letterhead on every page; the title, the period and when the figures
// were computed; the key figures; the charts (pdf/reportcharts, drawn as
// vectors); the tables (volume by every dimension, compensation, staff,
// hotspots against the previous period, the trend); and, last, the
// definitions of report.Definitions, so a reader can check each figure.
// Every number is written as the text report and the screen write it
// (present: Money, ReportNumber, ReportRate).
func Report(w io.Writer, fig report.Figures, opt Options) (err error) {
	defer recoverRender(&err)
	if _, opt, err = printableInputs(data.Case{}, opt); err != nil {
		return err
	}
	if fig, err = printableCopy(fig); err != nil {
		return err
	}
	opt.fullFont = needsFullFont(fig) || needsFullFont(opt.Settings.Agency) // names as typed may hold any script
	t, err := catalog(opt.Lang)
	if err != nil {
		return err
	}
	title := t.get("report.pdf.title") + " " + fig.Period.Label
	d, err := newDoc(opt, title)
	if err != nil {
		return err
	}
	r := &reportDoc{doc: d, fig: fig, pr: t.p, st: opt.Settings, items: map[string]reportcharts.Item{}}
	for _, it := range reportcharts.Build(fig, opt.Settings, opt.Lang) {
		r.items[it.Name] = it
	}
	r.cover()
	r.keyFigures()
	if err := r.charts(); err != nil {
		return err
	}
	r.volumeTables()
	if err := r.compensationTables(); err != nil {
		return err
	}
	r.staffTable()
	r.hotspotTables()
	r.trendTable()
	r.definitions()
	if err := d.err(); err != nil {
		return fmt.Errorf("report PDF: %w", err)
	}
	return d.output(w)
}

// reportDoc is a report being written.
type reportDoc struct {
	*doc
	fig report.Figures
	pr  *present.P
	st  data.Settings
	// items are the report's charts by name (reportcharts.Build).
	items map[string]reportcharts.Item
}

// The report's tables show at most this many values of a dimension; the
// rest are summed on one "others" row.
const reportTopRows = 10

func (r *reportDoc) label(name string, args ...any) string { return r.pr.ReportLabel(name, args...) }
func (r *reportDoc) num(v *float64) string                 { return r.pr.ReportNumber(v) }
func (r *reportDoc) rate(x report.Rate) string             { return r.pr.ReportRate(x.N, x.Of, x.Pct) }
func (r *reportDoc) money(m data.Money) string             { return r.pr.Money(m, r.fig.Currency) }
func (r *reportDoc) value(dim, v string) string            { return r.pr.ReportValue(r.st, dim, v) }

// subheading is a bold line at the body size, kept with two lines after it.
func (r *reportDoc) subheading(s string) {
	f := r.f
	f.Ln(1.5)
	lh := r.lineHeight(bodySize)
	r.room(5 * lh) // the line, a table's header and its first rows
	r.bold(func() {
		for _, l := range wrapText(s, r.width, runeWidth(f)) {
			f.CellFormat(r.width, lh, l, "", 1, "L", false, 0, "")
		}
	})
}

// section starts a section whose heading is kept with the after
// millimetres that follow it (a chart, a table's first rows).
func (r *reportDoc) section(s string, after float64) {
	r.room(2 + r.lineHeight(12) + after)
	r.heading(s)
}

// tableStart is the room a table's header and first rows take.
func (r *reportDoc) tableStart() float64 { return 4 * r.lineHeight(bodySize) }

// tableHeight is the room a table of n one-line rows takes with its header;
// a table longer than a page's third breaks anyway and keeps its first rows.
func (r *reportDoc) tableHeight(n int) float64 {
	if n > 16 {
		n = 3
	}
	return float64(n+2) * (r.lineHeight(bodySize-1) + 1)
}

// block is a subheading kept on one page with the table of n rows under it.
func (r *reportDoc) block(s string, n int) {
	r.room(1.5 + r.lineHeight(bodySize) + r.tableHeight(n))
	r.subheading(s)
}

// figures writes label–value pairs with the labels' column the same width
// in every block of the key figures, so the values line up down the page.
func (r *reportDoc) figures(fs []field) {
	f := r.f
	f.SetFont(fontFamily, "", bodySize)
	measure := runeWidth(f)
	labelW := r.width * 0.5
	lh := r.lineHeight(bodySize)
	for _, fl := range fs {
		labels := wrapText(fl.label, labelW-2, measure)
		values := wrapText(fl.value, r.width-labelW, measure)
		for i := range max(len(labels), len(values)) {
			r.room(lh)
			f.SetX(marginLeft)
			f.SetTextColor(70, 70, 70)
			f.CellFormat(labelW, lh, at(labels, i), "", 0, "L", false, 0, "")
			f.SetTextColor(0, 0, 0)
			f.CellFormat(r.width-labelW, lh, at(values, i), "", 1, "L", false, 0, "")
		}
	}
}

// span is a period as the report names it: its label and its dates, or
// only the dates of a custom period, whose label is its dates.
func (r *reportDoc) span(pj report.PeriodJSON) string {
	t := r.t
	if pj.Kind == report.PeriodCustom {
		return t.fill("report.pdf.span_custom", "from", t.dayString(pj.From), "to", t.dayString(pj.To))
	}
	return t.fill("report.pdf.span", "label", pj.Label, "from", t.dayString(pj.From), "to", t.dayString(pj.To))
}

// cover is the title, the period, the previous period and when the figures
// were computed.
func (r *reportDoc) cover() {
	t, p := r.t, r.fig.Period
	r.f.Bookmark(t.get("report.pdf.title"), 0, 0)
	r.title(t.get("report.pdf.title"))
	r.textAt(t.fill("report.pdf.period", "span", r.span(p)), bodySize+1, 0, "C")
	r.f.SetTextColor(70, 70, 70)
	if r.fig.Previous.Label != "" {
		r.textAt(t.fill("report.pdf.previous", "span", r.span(r.fig.Previous)), smallSize+0.5, 0, "C")
	}
	gen := r.fig.GeneratedAt
	if gen.IsZero() {
		gen = r.opt.Now
	}
	when := t.dateTime(gen.In(r.opt.Loc))
	line := t.fill("report.pdf.generated", "date", when)
	if r.opt.By != "" {
		line = t.fill("report.pdf.generated_by", "date", when, "by", r.opt.By)
	}
	r.textAt(line, smallSize+0.5, 0, "C")
	r.f.SetTextColor(0, 0, 0)
	r.gap(2)
}

// keyFigures are the headline figures, section by section, as label–value
// pairs.
func (r *reportDoc) keyFigures() {
	f := r.fig
	r.heading(r.t.get("report.pdf.key_figures"))
	tr := f.Travellers
	per := fmt.Sprintf("%s (%d / %d)", r.num(tr.Per1000), tr.Complaints.N, tr.Travellers)
	if tr.Per1000 == nil {
		per = r.t.fill("report.pdf.travellers_missing", "months", strings.Join(tr.Missing, ", "))
	}
	v := f.Volume
	r.subheading(r.t.get("report.pdf.volume"))
	r.figures([]field{
		{r.label("received"), strconv.Itoa(v.Received.N)},
		{r.label("declined"), strconv.Itoa(v.Declined.N)},
		{r.label("open_at_end"), strconv.Itoa(v.OpenAtEnd.N)},
		{r.label("backlog"), r.num(v.Backlog.MedianDays) + " / " + r.num(v.Backlog.P90Days) + " / " + r.num(v.Backlog.OldestDays)},
		{r.label("per_1000_travellers"), per},
	})

	r.subheading(r.label("timeliness"))
	durations := func(d report.Durations) string {
		return fmt.Sprintf("%s / %s (%d)", r.num(d.MedianHours), r.num(d.P90Hours), d.N)
	}
	var fs []field
	for _, c := range []struct {
		time, sla string
		cf        report.ClockFigures
	}{{"first_response_time", "sla_first_response", f.Timeliness.FirstResponse}, {"resolution_time", "sla_resolution", f.Timeliness.Resolution}} {
		fs = append(fs,
			field{r.label(c.time), durations(c.cf.All)},
			field{"    " + r.label("urgent"), durations(c.cf.Urgent)},
			field{"    " + r.label("non_urgent"), durations(c.cf.NonUrgent)},
			field{r.label(c.sla), r.rate(c.cf.SLA)},
			field{"    " + r.label("overdue_now"), strconv.Itoa(c.cf.Overdue.N)})
	}
	r.figures(fs)

	o := f.Outcomes
	r.subheading(r.label("outcomes"))
	r.figures([]field{
		{r.label("resolution_rate"), r.rate(o.Resolution)},
		{r.label("reopen_rate"), r.rate(o.Reopen)},
		{r.label("repeat_rate"), r.rate(o.Repeat)},
		{r.label("first_contact_resolution"), r.rate(o.FirstContact)},
	})

	s := f.Satisfaction
	r.subheading(r.label("satisfaction"))
	if s.None {
		r.para(r.label("satisfaction_none"))
	} else {
		r.figures([]field{
			{r.label("mean_rating"), fmt.Sprintf("%s (%d)", r.num(s.MeanRating), s.Rated.N)},
			{r.label("rating_4_5"), r.rate(s.Rating45)},
			{r.label("followup_response_rate"), r.rate(s.Response)},
		})
	}

	k := f.Compensation
	r.subheading(r.t.get("report.pdf.compensation"))
	fs = []field{
		{r.label("compensation"), fmt.Sprintf("%s (%d)", r.money(k.Total.Amount), k.Total.N)},
		{r.label("recovered"), r.money(k.Recovered.Amount)},
		{r.label("net_cost"), r.money(k.Net)},
	}
	if k.OtherCurrency.N > 0 {
		fs = append(fs, field{r.label("other_currency"), strconv.Itoa(k.OtherCurrency.N)})
	}
	r.figures(fs)

}

// Chart sizes in millimetres: the trend across the text block, the others
// two side by side.
const (
	chartFullH  = 75.0
	chartHalfH  = 65.0
	chartGutter = 4.0
)

// reportChartRows is how the charts are laid out, by name: the trend
// alone, then pairs.
var reportChartRows = [][]string{
	{"trend"},
	{"sla_first_response", "sla_resolution"},
	{"by_category", "hot_suppliers"},
}

// compensationChart heads the compensation tables, beside its numbers: a
// third row would not fit on the charts' page.
const compensationChart = "compensation_by_kind"

// charts draws the report's charts as vectors; a row of charts never
// splits across pages.
func (r *reportDoc) charts() error {
	items := r.items
	r.f.AddPage()
	r.f.Bookmark(r.t.get("report.pdf.charts"), 0, r.f.GetY())
	r.heading(r.t.get("report.pdf.charts"))
	half := (r.width - chartGutter) / 2
	for _, row := range reportChartRows {
		w, h := half, chartHalfH
		if row[0] == "trend" {
			w, h = r.width, chartFullH
		}
		r.room(h + 2)
		y := r.f.GetY()
		for i, name := range row {
			it, ok := items[name]
			if !ok {
				continue
			}
			x := marginLeft + float64(i)*(half+chartGutter)
			if err := chartpdf.Place(r.f, fontFamily, it.Chart, x, y, w, h, 1); err != nil {
				return fmt.Errorf("report chart %s: %w", name, err)
			}
		}
		r.f.SetXY(marginLeft, y+h+3)
	}
	return nil
}

// topRows are the first reportTopRows values and, when there are more, a
// row for the others: rows builds a table row from a value's index, sum
// the others' row from the indexes left out.
func (r *reportDoc) topRows(n int, row func(i int) []string, sum func(from int) []string) [][]string {
	out := make([][]string, 0, min(n, reportTopRows+1))
	for i := range min(n, reportTopRows) {
		out = append(out, row(i))
	}
	if n > reportTopRows {
		out = append(out, sum(reportTopRows))
	}
	return out
}

func (r *reportDoc) others(n int) string { return r.t.fill("report.pdf.others", "n", strconv.Itoa(n)) }

// volumeTables are the cases received by each dimension.
func (r *reportDoc) volumeTables() {
	v := r.fig.Volume
	r.f.AddPage()
	r.f.Bookmark(r.t.get("report.pdf.volume_detail"), 0, r.f.GetY())
	r.heading(r.t.get("report.pdf.volume_detail"))
	for _, d := range v.Dimensions() {
		var bs []report.Bucket
		for _, b := range d.Buckets {
			if b.N > 0 {
				bs = append(bs, b)
			}
		}
		r.block(r.label(d.Name), min(len(bs), reportTopRows+1))
		if len(bs) == 0 {
			r.small(r.t.get("report.pdf.none"))
			continue
		}
		rows := r.topRows(len(bs), func(i int) []string {
			return []string{r.value(d.Of, bs[i].Value), strconv.Itoa(bs[i].N)}
		}, func(from int) []string {
			n := 0
			for _, b := range bs[from:] {
				n += b.N
			}
			return []string{r.others(len(bs) - from), strconv.Itoa(n)}
		})
		r.table([]column{{r.t.get("archive.f." + d.Of), 0.75, "L"}, {r.t.get("report.pdf.col.cases"), 0.25, "R"}}, rows)
	}
}

// compensationTables are the amounts paid by remedy kind, category and supplier.
func (r *reportDoc) compensationTables() error {
	k := r.fig.Compensation
	if len(k.ByKind)+len(k.ByCategory)+len(k.BySupplier) == 0 { // nothing paid: no empty chart and tables
		r.section(r.label("compensation_by"), r.lineHeight(bodySize))
		r.small(r.t.get("report.pdf.none"))
		return nil
	}
	r.section(r.label("compensation_by"), chartHalfH+3)
	if it, ok := r.items[compensationChart]; ok {
		w := (r.width - chartGutter) / 2
		r.room(chartHalfH + 3)
		y := r.f.GetY()
		if err := chartpdf.Place(r.f, fontFamily, it.Chart, marginLeft, y, w, chartHalfH, 1); err != nil {
			return fmt.Errorf("report chart %s: %w", compensationChart, err)
		}
		r.f.SetXY(marginLeft, y+chartHalfH+3)
	}
	for _, d := range []struct {
		name, dim, head string
		as              []report.Amount
	}{{"compensation_by_kind", "remedy", r.t.get("report.pdf.col.remedy"), k.ByKind},
		{"compensation_by_category", "category", r.t.get("archive.f.category"), k.ByCategory},
		{"compensation_by_supplier", "", r.t.get("archive.f.supplier"), k.BySupplier}} {
		r.block(r.label(d.name), min(len(d.as), reportTopRows+1))
		if len(d.as) == 0 {
			r.small(r.t.get("report.pdf.none"))
			continue
		}
		as := d.as
		rows := r.topRows(len(as), func(i int) []string {
			return []string{r.value(d.dim, as[i].Value), strconv.Itoa(as[i].N), r.money(as[i].Amount)}
		}, func(from int) []string {
			n, sum := 0, data.Money(0)
			for _, a := range as[from:] {
				n, sum = n+a.N, sum+a.Amount
			}
			return []string{r.others(len(as) - from), strconv.Itoa(n), r.money(sum)}
		})
		r.table([]column{{d.head, 0.5, "L"}, {r.t.get("report.pdf.col.cases"), 0.15, "R"}, {r.t.get("report.pdf.col.amount"), 0.35, "R"}}, rows)
	}
	return nil
}

// staffTable is each staff member's figures (those with nothing in the
// period are left out, as in the text report).
func (r *reportDoc) staffTable() {
	var rows [][]string
	for _, s := range r.fig.Staff {
		if s.Handled.N == 0 && s.SLA.Of == 0 {
			continue
		}
		rows = append(rows, []string{s.Name, strconv.Itoa(s.Handled.N), r.num(s.MedianFirstResponseHrs), r.rate(s.SLA), r.num(s.MeanRating)})
	}
	r.section(r.label("staff"), r.tableHeight(max(len(rows), 1)))
	if len(rows) == 0 {
		r.small(r.t.get("report.pdf.none"))
		return
	}
	r.table([]column{{r.t.get("report.pdf.col.name"), 0.26, "L"}, {r.t.get("report.pdf.col.handled"), 0.14, "R"},
		{r.t.get("report.pdf.col.median_first"), 0.2, "R"}, {r.t.get("report.pdf.col.sla"), 0.24, "R"},
		{r.t.get("report.pdf.col.rating"), 0.16, "R"}}, rows)
}

// hotspotTables are the top values of the five dimensions by complaints and
// by compensation, with the previous period and the change.
func (r *reportDoc) hotspotTables() {
	h := r.fig.Hotspots
	r.section(r.t.get("report.pdf.hotspots"), r.tableStart()+10)
	r.small(r.t.fill("report.pdf.hotspots_intro", "previous", r.span(r.fig.Previous)))
	for _, d := range []struct {
		name, dim, field string
		l                report.HotList
	}{{"hot_categories", "category", "category", h.Categories}, {"hot_suppliers", "", "supplier", h.Suppliers},
		{"hot_guides", "", "guide", h.Guides}, {"hot_products", "", "product", h.Products},
		{"hot_destinations", "", "destination", h.Destinations}} {
		if len(d.l.ByComplaints)+len(d.l.ByCompensation) == 0 {
			continue
		}
		head := r.t.get("archive.f." + d.field)
		if len(d.l.ByComplaints) > 0 {
			r.block(r.label(d.name)+" · "+r.label("by_complaints"), len(d.l.ByComplaints))
			var rows [][]string
			for _, x := range d.l.ByComplaints {
				rows = append(rows, []string{r.value(d.dim, x.Value), strconv.Itoa(x.N), strconv.Itoa(x.PrevN), signed(x.N - x.PrevN)})
			}
			r.table([]column{{head, 0.55, "L"}, {r.t.get("report.pdf.col.cases"), 0.15, "R"},
				{r.t.get("report.pdf.col.previous"), 0.15, "R"}, {r.t.get("report.pdf.col.change"), 0.15, "R"}}, rows)
		}
		if len(d.l.ByCompensation) > 0 {
			r.block(r.label(d.name)+" · "+r.label("by_compensation"), len(d.l.ByCompensation))
			var rows [][]string
			for _, x := range d.l.ByCompensation {
				change := r.money(x.Amount - x.PrevAmount)
				if x.Amount > x.PrevAmount {
					change = "+" + change
				}
				rows = append(rows, []string{r.value(d.dim, x.Value), r.money(x.Amount), r.money(x.PrevAmount), change})
			}
			r.table([]column{{head, 0.31, "L"}, {r.t.get("report.pdf.col.amount"), 0.23, "R"},
				{r.t.get("report.pdf.col.previous"), 0.23, "R"}, {r.t.get("report.pdf.col.change"), 0.23, "R"}}, rows)
		}
	}
}

// signed writes a change with its sign: +3, -2, 0.
func signed(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// trendTable is the trend's numbers, for a reader who wants them exactly.
func (r *reportDoc) trendTable() {
	if len(r.fig.Trend) == 0 {
		return
	}
	r.section(r.label("trend"), r.tableHeight(len(r.fig.Trend)))
	rows := make([][]string, 0, len(r.fig.Trend))
	for _, p := range r.fig.Trend {
		rows = append(rows, []string{p.Month, strconv.Itoa(p.Received), strconv.Itoa(p.Complaints)})
	}
	r.table([]column{{r.t.get("report.pdf.col.month"), 0.4, "L"}, {r.label("received"), 0.3, "R"},
		{r.pr.Kind(data.KindComplaint), 0.3, "R"}}, rows)
}

// definitions are the last page(s): how every figure is computed.
func (r *reportDoc) definitions() {
	r.f.AddPage()
	r.f.Bookmark(r.label("definitions"), 0, r.f.GetY())
	r.heading(r.label("definitions"))
	r.small(r.t.fill("report.pdf.definitions_intro", "zone", r.opt.Loc.String()))
	const size = bodySize - 1 // a regulator reads them all: two pages, not three
	for _, name := range report.Definitions {
		def := r.pr.ReportDefinition(name)
		r.f.SetFont(fontFamily, "", size)
		h := float64(len(wrapText(def, r.width, runeWidth(r.f)))) * r.lineHeight(size)
		r.room(1.5 + r.lineHeight(bodySize) + h)
		r.subheading(r.label(name))
		r.textAt(def, size, 0, "L")
	}
}
