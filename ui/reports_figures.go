package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/report"
)

// The figures as groups of rows, written as every output of the report
// writes them (data/present: ReportNumber, ReportRate, Money; the same
// labels as `casebook report`). Each value with a drill-down key is a link
// that lists its cases.

// figureObjects are the tab's contents for v.fig.
func (v *reportsView) figureObjects() []fyne.CanvasObject {
	f, p := v.fig, pr()
	st := v.u.settings()
	cols := max(v.cols, 1)
	objs := []fyne.CanvasObject{
		wrapped(TF("reports.compared", map[string]any{"Previous": f.Previous.Label, "From": f.Previous.From, "To": f.Previous.To})),
		newRows(cols, v.volumeGroup(), v.timelinessGroup(f.Timeliness.FirstResponse, "first_response_time", "sla_first_response"),
			v.timelinessGroup(f.Timeliness.Resolution, "resolution_time", "sla_resolution"),
			v.outcomesGroup(), v.satisfactionGroup(), v.compensationGroup(), v.travellersGroup()),
		heading(T("reports.charts")), v.charts.box,
		heading(p.ReportLabel("by_dimension")),
	}
	var dims []fyne.CanvasObject
	for _, d := range f.Volume.Dimensions() {
		var rows []fyne.CanvasObject
		for _, b := range d.Buckets {
			if b.N > 0 && len(rows) < 8 {
				name := p.ReportValue(st, d.Of, b.Value)
				rows = append(rows, v.row(name, strconv.Itoa(b.N), b.Key))
			}
		}
		if len(rows) > 0 {
			dims = append(dims, group(p.ReportLabel(d.Name), rows...))
		}
	}
	objs = append(objs, newRows(cols+1, dims...))

	k := f.Compensation
	var comp []fyne.CanvasObject
	for _, d := range []struct {
		name, dim string
		as        []report.Amount
	}{{"compensation_by_kind", "remedy", k.ByKind}, {"compensation_by_category", "category", k.ByCategory}, {"compensation_by_supplier", "", k.BySupplier}} {
		var rows []fyne.CanvasObject
		for _, a := range d.as {
			if len(rows) < 8 {
				rows = append(rows, v.row(p.ReportValue(st, d.dim, a.Value), v.money(a.Amount), a.Key))
			}
		}
		if len(rows) > 0 {
			comp = append(comp, group(p.ReportLabel(d.name), rows...))
		}
	}
	if len(comp) > 0 {
		objs = append(objs, heading(p.ReportLabel("compensation_by")), newRows(cols, comp...))
	}
	objs = append(objs, heading(p.ReportLabel("staff")), v.staffTable())
	objs = append(objs, heading(p.ReportLabel("hotspots")), newRows(cols, v.hotGroups()...))
	return objs
}

// heading is a section's title, with air above it.
func heading(s string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return container.NewVBox(layout.NewSpacer(), widget.NewSeparator(), l)
}

// group is a titled block of rows.
func group(title string, rows ...fyne.CanvasObject) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	return container.NewVBox(append([]fyne.CanvasObject{head, widget.NewSeparator()}, rows...)...)
}

// row is a figure's name with its value at the right; the value lists the
// figure's cases when it has a key.
func (v *reportsView) row(name, value, key string) fyne.CanvasObject {
	l := widget.NewLabel(name)
	l.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, nil, v.value(value, key, name), l)
}

// value is a figure's value: a link to its cases, or plain text without a
// key.
func (v *reportsView) value(text, key, title string) fyne.CanvasObject {
	if key == "" {
		return widget.NewLabel(text)
	}
	link := widget.NewHyperlink(text, nil)
	link.OnTapped = func() { v.showCases(key, title) }
	return link
}

// rateRow is a rate's name and value (rateValue).
func (v *reportsView) rateRow(name string, r report.Rate) fyne.CanvasObject {
	l := widget.NewLabel(name)
	l.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, nil, v.rateValue(r, name), l)
}

// rateValue lists the cases a rate counts; their list offers the cases it
// is a share of.
func (v *reportsView) rateValue(r report.Rate, title string) fyne.CanvasObject {
	if r.Key == "" {
		return widget.NewLabel(rateText(r))
	}
	link := widget.NewHyperlink(rateText(r), nil)
	link.OnTapped = func() { v.showRateCases(r, title) }
	return link
}

func (v *reportsView) money(m data.Money) string { return pr().Money(m, v.fig.Currency) }

func rateText(r report.Rate) string { return pr().ReportRate(r.N, r.Of, r.Pct) }

func numText(x *float64) string { return pr().ReportNumber(x) }

func (v *reportsView) volumeGroup() fyne.CanvasObject {
	p, vol := pr(), v.fig.Volume
	b := vol.Backlog
	return group(T("reports.volume"),
		v.row(p.ReportLabel("received"), strconv.Itoa(vol.Received.N), vol.Received.Key),
		v.row(p.ReportLabel("declined"), strconv.Itoa(vol.Declined.N), vol.Declined.Key),
		v.row(p.ReportLabel("open_at_end"), strconv.Itoa(vol.OpenAtEnd.N), vol.OpenAtEnd.Key),
		v.row(p.ReportLabel("backlog"), numText(b.MedianDays)+" / "+numText(b.P90Days)+" / "+numText(b.OldestDays), b.Key))
}

func (v *reportsView) timelinessGroup(c report.ClockFigures, time, sla string) fyne.CanvasObject {
	p := pr()
	hours := func(d report.Durations) string {
		return fmt.Sprintf("%s / %s (%d)", numText(d.MedianHours), numText(d.P90Hours), d.N)
	}
	return group(p.ReportLabel(time),
		v.row(T("reports.all_cases"), hours(c.All), c.All.Key),
		v.row(p.ReportLabel("urgent"), hours(c.Urgent), c.Urgent.Key),
		v.row(p.ReportLabel("non_urgent"), hours(c.NonUrgent), c.NonUrgent.Key),
		v.rateRow(p.ReportLabel(sla), c.SLA),
		v.row(p.ReportLabel("overdue_now"), strconv.Itoa(c.Overdue.N), c.Overdue.Key))
}

func (v *reportsView) outcomesGroup() fyne.CanvasObject {
	p, o := pr(), v.fig.Outcomes
	var rows []fyne.CanvasObject
	for _, r := range []struct {
		name string
		r    report.Rate
	}{{"resolution_rate", o.Resolution}, {"reopen_rate", o.Reopen}, {"repeat_rate", o.Repeat}, {"first_contact_resolution", o.FirstContact}} {
		rows = append(rows, v.rateRow(p.ReportLabel(r.name), r.r))
	}
	return group(p.ReportLabel("outcomes"), rows...)
}

func (v *reportsView) satisfactionGroup() fyne.CanvasObject {
	p, s := pr(), v.fig.Satisfaction
	if s.None {
		return group(p.ReportLabel("satisfaction"), wrapped(p.ReportLabel("satisfaction_none")))
	}
	return group(p.ReportLabel("satisfaction"),
		v.row(p.ReportLabel("mean_rating"), fmt.Sprintf("%s (%d)", numText(s.MeanRating), s.Rated.N), s.Rated.Key),
		v.rateRow(p.ReportLabel("rating_4_5"), s.Rating45),
		v.rateRow(p.ReportLabel("followup_response_rate"), s.Response))
}

func (v *reportsView) compensationGroup() fyne.CanvasObject {
	p, k := pr(), v.fig.Compensation
	rows := []fyne.CanvasObject{
		v.row(p.ReportLabel("compensation"), fmt.Sprintf("%s (%d)", v.money(k.Total.Amount), k.Total.N), k.Total.Key),
		v.row(p.ReportLabel("recovered"), v.money(k.Recovered.Amount), k.Recovered.Key),
		v.row(p.ReportLabel("net_cost"), v.money(k.Net), ""),
	}
	if k.OtherCurrency.N > 0 {
		rows = append(rows, v.row(p.ReportLabel("other_currency"), strconv.Itoa(k.OtherCurrency.N), k.OtherCurrency.Key))
	}
	return group(T("reports.compensation"), rows...)
}

// travellersGroup is the complaint rate per 1,000 travellers, or which
// months lack a travellers figure and where to enter it.
func (v *reportsView) travellersGroup() fyne.CanvasObject {
	p, tr := pr(), v.fig.Travellers
	if tr.Per1000 != nil {
		return group(p.ReportLabel("per_1000_travellers"),
			v.row(p.ReportLabel("per_1000_travellers"), fmt.Sprintf("%s (%d / %d)", numText(tr.Per1000), tr.Complaints.N, tr.Travellers), tr.Complaints.Key))
	}
	hint := wrapped(TF("reports.travellers_missing", map[string]any{"Months": strings.Join(tr.Missing, T("list.sep"))}))
	open := widget.NewButtonWithIcon(T("reports.open_settings"), theme.SettingsIcon(), v.u.showTravellersSettings)
	open.Importance = widget.LowImportance
	return group(p.ReportLabel("per_1000_travellers"), hint, container.NewHBox(open))
}

// showTravellersSettings opens Settings → General, where the travellers
// served per month are entered.
func (u *UI) showTravellersSettings() {
	u.tabs.Select(u.setTab)
	if t := u.setView.tabs; t != nil && len(t.Items) > 0 {
		t.SelectIndex(0)
	}
}

// staffTable is one row per staff member who handled cases or had
// deadlines in the period.
func (v *reportsView) staffTable() fyne.CanvasObject {
	p := pr()
	bold := func(s string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	cells := []fyne.CanvasObject{bold(T("reports.staff_name")), bold(p.ReportLabel("handled")), bold(p.ReportLabel("median_first_hours")),
		bold(p.ReportLabel("on_time")), bold(p.ReportLabel("mean_rating"))}
	n := 0
	for _, r := range v.fig.Staff {
		if r.Handled.N == 0 && r.SLA.Of == 0 {
			continue
		}
		n++
		name := widget.NewLabel(r.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		cells = append(cells, name, v.value(strconv.Itoa(r.Handled.N), r.Handled.Key, r.Name),
			widget.NewLabel(numText(r.MedianFirstResponseHrs)), v.rateValue(r.SLA, r.Name+" · "+p.ReportLabel("on_time")),
			widget.NewLabel(numText(r.MeanRating)))
	}
	if n == 0 {
		return widget.NewLabel(T("reports.no_staff"))
	}
	return newRows(5, cells...)
}

// hotGroups are the hotspots of each dimension: the most complaints and
// the most compensation, each against the previous period.
func (v *reportsView) hotGroups() []fyne.CanvasObject {
	p, st, h := pr(), v.u.settings(), v.fig.Hotspots
	var out []fyne.CanvasObject
	for _, d := range []struct {
		name, dim string
		l         report.HotList
	}{{"hot_categories", "category", h.Categories}, {"hot_suppliers", "", h.Suppliers},
		{"hot_guides", "", h.Guides}, {"hot_products", "", h.Products}, {"hot_destinations", "", h.Destinations}} {
		var rows []fyne.CanvasObject
		if len(d.l.ByComplaints) > 0 {
			rows = append(rows, subheading(p.ReportLabel("by_complaints")))
		}
		for _, x := range d.l.ByComplaints {
			rows = append(rows, v.row(p.ReportValue(st, d.dim, x.Value), fmt.Sprintf("%d (%d) %s", x.N, x.PrevN, change(x.N-x.PrevN)), x.Key))
		}
		if len(d.l.ByCompensation) > 0 {
			rows = append(rows, subheading(p.ReportLabel("by_compensation")))
		}
		for _, x := range d.l.ByCompensation {
			rows = append(rows, v.row(p.ReportValue(st, d.dim, x.Value), fmt.Sprintf("%s (%s)", v.money(x.Amount), v.money(x.PrevAmount)), x.Key))
		}
		if len(rows) > 0 {
			out = append(out, group(p.ReportLabel(d.name), rows...))
		}
	}
	if len(out) == 0 {
		out = append(out, widget.NewLabel(T("reports.no_hotspots")))
	}
	return out
}

func subheading(s string) fyne.CanvasObject {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	return l
}

// change is the difference against the previous period, signed as the
// hotspot chart writes it: +2, −3, ±0.
func change(d int) string {
	switch {
	case d > 0:
		return "+" + strconv.Itoa(d)
	case d < 0:
		return "−" + strconv.Itoa(-d)
	}
	return "±0"
}

// rows lays objects out in cols columns of equal width, each row as high
// as its highest object (a grid would make every row as high as the
// highest of all).
type rows struct{ cols int }

func newRows(cols int, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&rows{cols: max(cols, 1)}, objs...)
}

func (r *rows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	var w, h float32
	for i := 0; i < len(objs); i += r.cols {
		var rh float32
		for _, o := range objs[i:min(i+r.cols, len(objs))] {
			m := o.MinSize()
			w, rh = max(w, m.Width), max(rh, m.Height)
		}
		h += rh + pad
	}
	if h > 0 {
		h -= pad
	}
	// One column's width: the columns follow the width the tab gets
	// (groupColumns, chartSize), so they must not hold the window wide.
	return fyne.NewSize(w, h)
}

func (r *rows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding() * 2 // groups side by side need air between them
	cw := (size.Width - pad*float32(r.cols-1)) / float32(r.cols)
	var y float32
	for i := 0; i < len(objs); i += r.cols {
		row := objs[i:min(i+r.cols, len(objs))]
		var rh float32
		for _, o := range row {
			o.Resize(fyne.NewSize(cw, o.MinSize().Height)) // a wrapped label knows its height once it knows its width
		}
		for _, o := range row {
			rh = max(rh, o.MinSize().Height)
		}
		for j, o := range row {
			o.Move(fyne.NewPos(float32(j)*(cw+pad), y))
			o.Resize(fyne.NewSize(cw, rh))
		}
		y += rh + theme.Padding()
	}
}
