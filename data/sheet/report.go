package sheet

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"casebook/data"
	"casebook/data/present"
	"casebook/data/report"
)

// Report is what the report workbook shows: the figures of the period and
// the same figures computed for the previous period (the "previous period"
// columns of By category and Suppliers come from there, not from a second
// computation here).
type Report struct {
	Figures  report.Figures
	Previous report.Figures
}

// The report workbook's sheets, in order (catalogue keys "report.xlsx.sheet.*").
var reportSheets = []string{"summary", "by_category", "staff", "suppliers", "cases"}

// ReportSheetNames are the workbook's sheet names in the presenter's
// language, in order; the last is the Cases sheet.
func ReportSheetNames(p *present.P) []string {
	out := make([]string, len(reportSheets))
	for i, s := range reportSheets {
		out[i] = p.T("report.xlsx.sheet." + s)
	}
	return out
}

// Summary sheet layout: the period block on top, the table's header row
// at SummaryHeaderRow (frozen, filters on), one figure per row below it.
const SummaryHeaderRow = 7

// SummaryColumns are the Summary table's columns (catalogue keys
// "report.xlsx.col.*"). "json" is the figure's path in the JSON report
// (volume.by_category.2.n) and "key" its drill-down key, so the sheet can
// be read back and matched to the JSON.
var SummaryColumns = []string{"section", "figure", "value", "n", "of", "json", "key"}

// WriteReport writes the report workbook to w: Summary (every figure, one
// per row), By category, Staff, Suppliers, then the Cases sheet with one
// row per case of src, streamed. It returns the number of case rows.
func WriteReport(w io.Writer, r Report, src Source, opt Options) (int, error) {
	if opt.Loc == nil {
		opt.Loc = time.Local
	}
	p := present.For(opt.Lang)
	names := ReportSheetNames(p)
	f := excelize.NewFile()
	defer f.Close() // removes the streaming writer's temporary files
	if err := f.SetSheetName("Sheet1", names[0]); err != nil {
		return 0, fmt.Errorf("xlsx: %w", err)
	}
	for _, name := range names[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return 0, fmt.Errorf("xlsx: %w", err)
		}
	}
	rs, err := newReportStyles(f, r.Figures.Currency)
	if err != nil {
		return 0, err
	}
	b := &reportBook{f: f, p: p, st: rs, opt: opt, r: r}
	// The Summary names the Cases sheet's count, known only once streamed:
	// the figures' received count is the same cases (received in the period).
	for i, write := range []func(string) error{b.summary, b.byCategory, b.staff, b.suppliers} {
		if err := write(names[i]); err != nil {
			return 0, err
		}
	}
	n, err := WriteCasesSheet(f, names[4], src, opt)
	if err != nil {
		return n, err
	}
	f.SetActiveSheet(0)
	if err := Save(f, w); err != nil {
		return n, err
	}
	return n, nil
}

// reportStyles are the summary sheets' cell styles.
type reportStyles struct {
	styles
	label, hours, pct, money, number int
}

func newReportStyles(f *excelize.File, currency string) (reportStyles, error) {
	base, err := newStyles(f)
	if err != nil {
		return reportStyles{}, err
	}
	s := reportStyles{styles: base}
	add := func(dst *int, st *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(st)
		}
	}
	hours, number, money := "0.00", "0.##", moneyFormat(currency)
	add(&s.label, &excelize.Style{Font: &excelize.Font{Bold: true}})
	add(&s.hours, &excelize.Style{CustomNumFmt: &hours})
	add(&s.number, &excelize.Style{CustomNumFmt: &number})
	add(&s.pct, &excelize.Style{NumFmt: 10}) // 0.00%
	add(&s.money, &excelize.Style{CustomNumFmt: &money})
	if err != nil {
		return s, fmt.Errorf("xlsx styles: %w", err)
	}
	return s, nil
}

// moneyFormat is the amounts' number format: ¥ for yuan, else the code.
func moneyFormat(currency string) string {
	if currency == "" || currency == "CNY" {
		return `"¥"#,##0.00`
	}
	return `#,##0.00" ` + currency + `"`
}

type reportBook struct {
	f   *excelize.File
	p   *present.P
	st  reportStyles
	opt Options
	r   Report
}

// table streams one small sheet: widths, a frozen header row at headRow
// and filters over the table once it is complete.
type table struct {
	f       *excelize.File
	name    string
	sw      *excelize.StreamWriter
	row     int
	headRow int
	cols    int
}

func (b *reportBook) table(name string, headRow int, widths []float64) (*table, error) {
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("xlsx %s: %w", name, err)
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, fmt.Errorf("xlsx %s: %w", name, err)
		}
	}
	top, _ := excelize.CoordinatesToCellName(1, headRow+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}); err != nil {
		return nil, fmt.Errorf("xlsx %s: %w", name, err)
	}
	return &table{f: b.f, name: name, sw: sw, headRow: headRow, cols: len(widths)}, nil
}

func (t *table) add(cells ...any) error {
	t.row++
	ref, _ := excelize.CoordinatesToCellName(1, t.row)
	if err := t.sw.SetRow(ref, cells); err != nil {
		return fmt.Errorf("xlsx %s: %w", t.name, err)
	}
	return nil
}

// close sets the filters over the header and the rows below, and flushes.
func (t *table) close() error {
	first, _ := excelize.CoordinatesToCellName(1, t.headRow)
	last, _ := excelize.CoordinatesToCellName(t.cols, max(t.row, t.headRow))
	if err := t.f.AutoFilter(t.name, first+":"+last, nil); err != nil {
		return fmt.Errorf("xlsx %s: %w", t.name, err)
	}
	if err := t.sw.Flush(); err != nil {
		return fmt.Errorf("xlsx %s: %w", t.name, err)
	}
	return nil
}

func (b *reportBook) header(t *table, keys ...string) error {
	cells := make([]any, len(keys))
	for i, k := range keys {
		cells[i] = excelize.Cell{StyleID: b.st.header, Value: b.p.T("report.xlsx.col." + k)}
	}
	return t.add(cells...)
}

// Cell helpers: typed cells; a missing figure (null in the JSON) is an
// empty cell, never a zero.
func (b *reportBook) text(s string) any {
	if s == "" {
		return nil
	}
	return excelize.Cell{StyleID: b.st.text, Value: clip(s)}
}

func (b *reportBook) count(n int) any { return excelize.Cell{StyleID: b.st.count, Value: n} }

func (b *reportBook) money(m data.Money) any {
	return excelize.Cell{StyleID: b.st.money, Value: float64(m) / 100}
}

func (b *reportBook) float(v *float64, style int) any {
	if v == nil {
		return nil
	}
	return excelize.Cell{StyleID: style, Value: *v}
}

// pct is a percentage (75.5) as the fraction a % format shows (0.755).
func (b *reportBook) pct(v *float64) any {
	if v == nil {
		return nil
	}
	return excelize.Cell{StyleID: b.st.pct, Value: *v / 100}
}

func (b *reportBook) day(s string) any {
	d, err := time.ParseInLocation(time.DateOnly, s, b.opt.Loc)
	if err != nil {
		return b.text(s)
	}
	return excelize.Cell{StyleID: b.st.date, Value: d}
}

// value renders a dimension's value (a category slug, a kind, a name).
func (b *reportBook) value(dimension, v string) string {
	return b.p.ReportValue(b.opt.Settings, dimension, v)
}

func (b *reportBook) label(name string) string { return b.p.ReportLabel(name) }

func (b *reportBook) xl(name string, args ...any) string { return b.p.T("report.xlsx."+name, args...) }

// --- Summary ---

func (b *reportBook) summary(name string) error {
	fig := b.r.Figures
	t, err := b.table(name, SummaryHeaderRow, []float64{16, 46, 14, 9, 9, 40, 36})
	if err != nil {
		return err
	}
	lbl := func(s string) any { return excelize.Cell{StyleID: b.st.label, Value: s} }
	loc := b.opt.Loc
	if err := t.add(lbl(b.label("period")), b.text(fig.Period.Label), b.day(fig.Period.From), b.day(fig.Period.To)); err != nil {
		return err
	}
	if err := t.add(lbl(b.xl("previous")), b.text(fig.Previous.Label), b.day(fig.Previous.From), b.day(fig.Previous.To)); err != nil {
		return err
	}
	if err := t.add(lbl(b.xl("currency")), b.text(fig.Currency)); err != nil {
		return err
	}
	var gen any
	if !fig.GeneratedAt.IsZero() {
		gen = excelize.Cell{StyleID: b.st.dateTime, Value: fig.GeneratedAt.In(loc)}
	}
	if err := t.add(lbl(b.xl("generated")), gen); err != nil {
		return err
	}
	names := ReportSheetNames(b.p)
	if err := t.add(b.text(b.xl("cases_note", "Sheet", names[len(names)-1], "N", fig.Volume.Received.N))); err != nil {
		return err
	}
	if err := t.add(); err != nil {
		return err
	}
	if err := b.header(t, SummaryColumns...); err != nil {
		return err
	}
	for _, r := range SummaryRows(fig) {
		var v any
		switch r.Kind {
		case SummaryCount:
			v = b.float(r.Value, b.st.count)
		case SummaryHours:
			v = b.float(r.Value, b.st.hours)
		case SummaryNumber:
			v = b.float(r.Value, b.st.number)
		case SummaryPct:
			v = b.pct(r.Value)
		case SummaryMoney:
			v = b.money(data.Money(*r.Value))
		}
		var n, of any
		if r.N != nil {
			n = b.count(*r.N)
		}
		if r.Of != nil {
			of = b.count(*r.Of)
		}
		if err := t.add(b.text(b.summaryLabel(r.Section)), b.text(b.summaryLabel(r.Label)), v, n, of,
			b.text(r.Path), b.text(r.Key)); err != nil {
			return err
		}
	}
	return t.close()
}

// summaryLabel renders a SummaryRow's label: a list of parts, each a
// catalogue name and, for dimension values, the dimension and the value.
func (b *reportBook) summaryLabel(parts []LabelPart) string {
	s := ""
	for i, pt := range parts {
		if i > 0 {
			s += " · "
		}
		switch {
		case pt.Label != "":
			s += b.p.ReportLabel(pt.Label)
		case pt.XLSX != "":
			s += b.xl(pt.XLSX)
		default:
			s += b.value(pt.Dimension, pt.Value)
		}
	}
	return s
}

// --- By category ---

func (b *reportBook) byCategory(name string) error {
	cur, prev := b.r.Figures, b.r.Previous
	t, err := b.table(name, 1, []float64{20, 11, 13, 10, 10, 16, 16, 30})
	if err != nil {
		return err
	}
	if err := b.header(t, "category", "received", "previous", "change", "change_pct", "compensation", "compensation_previous", "key"); err != nil {
		return err
	}
	for _, r := range compare(cur.Volume.ByCategory, prev.Volume.ByCategory, cur.Compensation.ByCategory, prev.Compensation.ByCategory) {
		if err := t.add(b.text(b.value("category", r.value)), b.count(r.n), b.count(r.prevN), b.count(r.n-r.prevN), b.pct(change(r.n, r.prevN)),
			b.money(r.amount), b.money(r.prevAmount), b.text(r.key)); err != nil {
			return err
		}
	}
	return t.close()
}

// --- Suppliers ---

func (b *reportBook) suppliers(name string) error {
	cur, prev := b.r.Figures, b.r.Previous
	t, err := b.table(name, 1, []float64{24, 11, 13, 10, 10, 16, 16, 30})
	if err != nil {
		return err
	}
	if err := b.header(t, "supplier", "received", "previous", "change", "change_pct", "compensation", "compensation_previous", "key"); err != nil {
		return err
	}
	for _, r := range compare(cur.Volume.BySupplier, prev.Volume.BySupplier, cur.Compensation.BySupplier, prev.Compensation.BySupplier) {
		if err := t.add(b.text(b.value("supplier", r.value)), b.count(r.n), b.count(r.prevN), b.count(r.n-r.prevN), b.pct(change(r.n, r.prevN)),
			b.money(r.amount), b.money(r.prevAmount), b.text(r.key)); err != nil {
			return err
		}
	}
	return t.close()
}

// compared is one value of a dimension in this period and the previous.
type compared struct {
	value, key         string
	n, prevN           int
	amount, prevAmount data.Money
}

// compare joins a dimension's counts and compensation of both periods, in
// the order of this period's counts, then values seen only before.
func compare(cur, prev []report.Bucket, amt, prevAmt []report.Amount) []compared {
	var out []compared
	idx := map[string]int{}
	get := func(v string) *compared {
		i, ok := idx[v]
		if !ok {
			i = len(out)
			idx[v] = i
			out = append(out, compared{value: v})
		}
		return &out[i]
	}
	for _, x := range cur {
		c := get(x.Value)
		c.n, c.key = x.N, x.Key
	}
	for _, x := range amt {
		get(x.Value).amount = x.Amount
	}
	for _, x := range prev {
		get(x.Value).prevN = x.N
	}
	for _, x := range prevAmt {
		get(x.Value).prevAmount = x.Amount
	}
	return out
}

// change is the change against the previous period in percent, nil when
// there was nothing before.
func change(n, prev int) *float64 {
	if prev == 0 {
		return nil
	}
	v := float64(n-prev) * 100 / float64(prev)
	return &v
}

// --- Staff ---

func (b *reportBook) staff(name string) error {
	t, err := b.table(name, 1, []float64{16, 12, 16, 11, 9, 9, 11, 30})
	if err != nil {
		return err
	}
	if err := b.header(t, "name", "handled", "median_first", "sla", "sla_n", "sla_of", "mean_rating", "key"); err != nil {
		return err
	}
	for _, r := range b.r.Figures.Staff {
		if err := t.add(b.text(r.Name), b.count(r.Handled.N), b.float(r.MedianFirstResponseHrs, b.st.hours),
			b.pct(r.SLA.Pct), b.count(r.SLA.N), b.count(r.SLA.Of), b.float(r.MeanRating, b.st.number), b.text(r.Handled.Key)); err != nil {
			return err
		}
	}
	return t.close()
}

// SummaryKind is how a Summary value is written.
type SummaryKind int

const (
	SummaryCount  SummaryKind = iota // a whole number
	SummaryHours                     // hours or days, two decimals
	SummaryNumber                    // a rating, a rate per 1,000
	SummaryPct                       // a percentage, written as a fraction with a % format
	SummaryMoney                     // an amount in the report's currency
)

// LabelPart is one part of a Summary label: a report label
// ("report.label."+Label), a workbook label ("report.xlsx."+XLSX), or a
// dimension's value.
type LabelPart struct {
	Label, XLSX      string
	Dimension, Value string
}

// SummaryRow is one figure of the Summary sheet. Value is nil for a figure
// the JSON has as null (written as an empty cell); for SummaryMoney it is
// the amount in cents. N and Of, when set, are the "n" and "of" of the JSON
// object holding the value.
type SummaryRow struct {
	Section []LabelPart
	Label   []LabelPart
	Kind    SummaryKind
	Value   *float64
	N, Of   *int
	Path    string // the value's path in the JSON report: volume.by_kind.0.n
	Key     string // the drill-down key, "" when the value has none (a previous period's)
}

// SummaryRows lists every figure of fig, in the JSON's order.
func SummaryRows(fig report.Figures) []SummaryRow {
	var rows []SummaryRow
	var section []LabelPart
	sec := func(label, xlsx string) { section = []LabelPart{{Label: label, XLSX: xlsx}} }
	lab := func(names ...string) []LabelPart {
		out := make([]LabelPart, len(names))
		for i, n := range names {
			if len(n) > 1 && n[0] == '~' { // a workbook label
				out[i] = LabelPart{XLSX: n[1:]}
			} else {
				out[i] = LabelPart{Label: n}
			}
		}
		return out
	}
	fl := func(v float64) *float64 { return &v }
	ip := func(v int) *int { return &v }
	add := func(label []LabelPart, kind SummaryKind, v *float64, n, of *int, path, key string) {
		rows = append(rows, SummaryRow{Section: section, Label: label, Kind: kind, Value: v, N: n, Of: of, Path: path, Key: key})
	}
	count := func(label []LabelPart, c report.Count, path string) {
		add(label, SummaryCount, fl(float64(c.N)), ip(c.N), nil, path+".n", c.Key)
	}
	rate := func(label []LabelPart, r report.Rate, path string) {
		add(label, SummaryPct, r.Pct, ip(r.N), ip(r.Of), path+".pct", r.Key)
	}
	amount := func(label []LabelPart, a report.Amount, path string) {
		add(label, SummaryMoney, fl(float64(a.Amount)), ip(a.N), nil, path+".amount", a.Key)
	}
	durations := func(label string, d report.Durations, path string) {
		add(append(lab(label), LabelPart{XLSX: "median_hours"}), SummaryHours, d.MedianHours, ip(d.N), nil, path+".median_hours", d.Key)
		add(append(lab(label), LabelPart{XLSX: "p90_hours"}), SummaryHours, d.P90Hours, ip(d.N), nil, path+".p90_hours", d.Key)
	}

	sec("", "section.volume")
	v := fig.Volume
	count(lab("received"), v.Received, "volume.received")
	for _, d := range v.Dimensions() {
		for i, x := range d.Buckets {
			count([]LabelPart{{Label: d.Name}, {Dimension: d.Of, Value: x.Value}}, report.Count{Key: x.Key, N: x.N},
				"volume."+d.Name+"."+strconv.Itoa(i))
		}
	}
	count(lab("declined"), v.Declined, "volume.declined")
	count(lab("open_at_end"), v.OpenAtEnd, "volume.open_at_end")
	bl := v.Backlog
	for _, m := range []struct {
		name, json string
		v          *float64
	}{{"median_days", "median_days", bl.MedianDays}, {"p90_days", "p90_days", bl.P90Days}, {"oldest_days", "oldest_days", bl.OldestDays}} {
		add(lab("backlog", "~"+m.name), SummaryHours, m.v, ip(bl.N), nil, "volume.backlog."+m.json, bl.Key)
	}

	sec("timeliness", "")
	for _, c := range []struct {
		time, sla, json string
		cf              report.ClockFigures
	}{{"~first_response_time", "sla_first_response", "first_response", fig.Timeliness.FirstResponse},
		{"~resolution_time", "sla_resolution", "resolution", fig.Timeliness.Resolution}} {
		path := "timeliness." + c.json
		durations(c.time, c.cf.All, path+".all")
		for _, u := range []struct {
			name, json string
			d          report.Durations
		}{{"urgent", "urgent", c.cf.Urgent}, {"non_urgent", "non_urgent", c.cf.NonUrgent}} {
			add(lab(c.time, u.name, "~median_hours"), SummaryHours, u.d.MedianHours, ip(u.d.N), nil, path+"."+u.json+".median_hours", u.d.Key)
			add(lab(c.time, u.name, "~p90_hours"), SummaryHours, u.d.P90Hours, ip(u.d.N), nil, path+"."+u.json+".p90_hours", u.d.Key)
		}
		rate(lab(c.sla), c.cf.SLA, path+".sla")
		count(lab(c.sla, "overdue_now"), c.cf.Overdue, path+".overdue_now")
	}

	sec("outcomes", "")
	o := fig.Outcomes
	rate(lab("resolution_rate"), o.Resolution, "outcomes.resolution_rate")
	rate(lab("reopen_rate"), o.Reopen, "outcomes.reopen_rate")
	rate(lab("repeat_rate"), o.Repeat, "outcomes.repeat_rate")
	rate(lab("first_contact_resolution"), o.FirstContact, "outcomes.first_contact_resolution")

	sec("satisfaction", "")
	s := fig.Satisfaction
	count(lab("~rated"), s.Rated, "satisfaction.rated")
	add(lab("mean_rating"), SummaryNumber, s.MeanRating, nil, nil, "satisfaction.mean_rating", s.Rated.Key)
	rate(lab("rating_4_5"), s.Rating45, "satisfaction.rating_4_5")
	rate(lab("followup_response_rate"), s.Response, "satisfaction.followup_response_rate")

	sec("compensation", "")
	k := fig.Compensation
	amount(lab("compensation"), k.Total, "compensation.total")
	for _, d := range []struct {
		name, dim, json string
		as              []report.Amount
	}{{"compensation_by_kind", "remedy", "by_kind", k.ByKind}, {"compensation_by_category", "category", "by_category", k.ByCategory},
		{"compensation_by_supplier", "supplier", "by_supplier", k.BySupplier}} {
		for i, a := range d.as {
			amount([]LabelPart{{Label: d.name}, {Dimension: d.dim, Value: a.Value}}, a, "compensation."+d.json+"."+strconv.Itoa(i))
		}
	}
	amount(lab("recovered"), k.Recovered, "compensation.recovered")
	add(lab("net_cost"), SummaryMoney, fl(float64(k.Net)), nil, nil, "compensation.net", "")
	count(lab("other_currency"), k.OtherCurrency, "compensation.other_currency")

	sec("staff", "")
	for i, r := range fig.Staff {
		path := "staff." + strconv.Itoa(i)
		name := LabelPart{Dimension: "staff", Value: r.Name}
		count([]LabelPart{name, {XLSX: "col.handled"}}, r.Handled, path+".handled")
		add([]LabelPart{name, {XLSX: "col.median_first"}}, SummaryHours, r.MedianFirstResponseHrs, nil, nil, path+".median_first_response_hours", "")
		rate([]LabelPart{name, {XLSX: "col.sla"}}, r.SLA, path+".sla")
		add([]LabelPart{name, {Label: "mean_rating"}}, SummaryNumber, r.MeanRating, nil, nil, path+".mean_rating", "")
	}

	sec("", "section.hotspots")
	for _, h := range []struct {
		name, dim, json string
		l               report.HotList
	}{{"hot_categories", "category", "categories", fig.Hotspots.Categories}, {"hot_suppliers", "supplier", "suppliers", fig.Hotspots.Suppliers},
		{"hot_guides", "guide", "guides", fig.Hotspots.Guides}, {"hot_products", "product", "products", fig.Hotspots.Products},
		{"hot_destinations", "destination", "destinations", fig.Hotspots.Destinations}} {
		for _, list := range []struct {
			name, json string
			hs         []report.Hot
		}{{"by_complaints", "by_complaints", h.l.ByComplaints}, {"by_compensation", "by_compensation", h.l.ByCompensation}} {
			for i, x := range list.hs {
				path := "hotspots." + h.json + "." + list.json + "." + strconv.Itoa(i)
				l := func(extra ...LabelPart) []LabelPart {
					return append([]LabelPart{{Label: h.name}, {Label: list.name}, {Dimension: h.dim, Value: x.Value}}, extra...)
				}
				// The key lists this period's cases: the previous period's
				// figures have none.
				nKey, amtKey := x.Key, x.Key
				if list.json == "by_complaints" {
					amtKey = ""
				} else {
					nKey = ""
				}
				add(l(), SummaryCount, fl(float64(x.N)), ip(x.N), nil, path+".n", nKey)
				add(l(LabelPart{XLSX: "previous_period"}), SummaryCount, fl(float64(x.PrevN)), nil, nil, path+".previous_n", "")
				add(l(LabelPart{Label: "compensation"}), SummaryMoney, fl(float64(x.Amount)), nil, nil, path+".amount", amtKey)
				add(l(LabelPart{Label: "compensation"}, LabelPart{XLSX: "previous_period"}), SummaryMoney, fl(float64(x.PrevAmount)), nil, nil, path+".previous_amount", "")
			}
		}
	}

	sec("trend", "")
	for i, tp := range fig.Trend {
		path := "trend." + strconv.Itoa(i)
		month := LabelPart{Dimension: "month", Value: tp.Month}
		add([]LabelPart{month, {XLSX: "col.received"}}, SummaryCount, fl(float64(tp.Received)), nil, nil, path+".received", tp.Key)
		add([]LabelPart{month, {XLSX: "complaints"}}, SummaryCount, fl(float64(tp.Complaints)), nil, nil, path+".complaints", "")
	}

	sec("per_1000_travellers", "")
	tr := fig.Travellers
	add(lab("~travellers"), SummaryCount, fl(float64(tr.Travellers)), nil, nil, "travellers.travellers", "")
	count(lab("~complaints"), tr.Complaints, "travellers.complaints")
	add(lab("per_1000_travellers"), SummaryNumber, tr.Per1000, nil, nil, "travellers.per_1000", tr.Complaints.Key)
	return rows
}
