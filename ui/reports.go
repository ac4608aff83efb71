package ui

import (
	"context"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/report"
)

// reportMaker is what the Reports tab needs of the application layer: the
// period asked for, its figures, the cases behind a figure, and the report
// as a file. Each call takes the person working; supervisors and owners
// only (data.ActionReport).
type reportMaker interface {
	// Period reads a month (2026-11), quarter (2026-Q4) or year (2026), or
	// from–to dates (YYYY-MM-DD); nothing is this month.
	Period(spec, from, to string) (report.Period, error)
	Figures(ctx context.Context, a data.Actor, p report.Period) (report.Figures, error)
	// Cases lists the cases behind a figure's drill-down key.
	Cases(ctx context.Context, a data.Actor, p report.Period, key string) ([]report.Fact, error)
	// WriteTo writes the report of p as format in lang to path.
	WriteTo(ctx context.Context, a data.Actor, p report.Period, format data.ReportFormat, lang, path string) error
}

// reportsRefreshDelay gathers a burst of case changes into one computation
// of the figures.
const reportsRefreshDelay = time.Second

// reportsView is the Reports tab: a period picker, the period's figures in
// groups (every count opens the cases behind it), the report's charts and
// Save report…. The figures are computed and the charts drawn off the UI
// goroutine; a newer request makes an older answer void (gen).
type reportsView struct {
	u   *UI
	svc reportMaker
	tab *container.TabItem

	period  report.Period
	fig     report.Figures
	loaded  bool // fig is the period's
	stale   bool // cases changed while the tab was not shown
	gen     int  // the latest request for figures
	drawGen int  // the latest request for chart images

	kind        *widget.Select
	kinds       []report.PeriodKind
	prev, next  *widget.Button
	periodLabel *widget.Label
	from, to    *dateField
	apply       *widget.Button
	custom      *fyne.Container // the from–to fields, shown for a custom period
	status      *widget.Label   // computing…, or why not
	save        *widget.Button

	body   *fyne.Container // the groups, charts and tables
	scroll *container.Scroll
	width  float32 // the width the body was laid out for
	cols   int     // columns of the figure groups at that width
	charts *reportCharts
	timer  *time.Timer
	resize *time.Timer // the width settling (widthChanged)

	saving *reportSaveDialog // the save dialog last opened (reports_save.go)
	listed *reportCasesList  // the cases list last shown (reports_cases.go)
}

func newReportsView(u *UI, svc reportMaker) *reportsView {
	v := &reportsView{u: u, svc: svc, kinds: []report.PeriodKind{report.PeriodMonth, report.PeriodQuarter, report.PeriodYear, report.PeriodCustom}}
	labels := make([]string, len(v.kinds))
	for i, k := range v.kinds {
		labels[i] = T("reports.kind." + string(k))
	}
	v.kind = widget.NewSelect(labels, nil)
	v.kind.SetSelectedIndex(0) // this month, before anyone listens
	v.kind.OnChanged = func(s string) { v.kindChosen(v.kinds[slices.Index(labels, s)]) }
	v.prev = widget.NewButtonWithIcon(T("reports.previous"), theme.NavigateBackIcon(), func() { v.step(-1) })
	v.next = widget.NewButtonWithIcon(T("reports.next"), theme.NavigateNextIcon(), func() { v.step(1) })
	v.next.IconPlacement = widget.ButtonIconTrailingText
	v.periodLabel = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.from, v.to = newDateField(nil), newDateField(nil)
	v.apply = widget.NewButton(T("reports.show"), v.applyCustom)
	v.custom = container.NewHBox(widget.NewLabel(T("reports.from")), sized(v.from, 150), widget.NewLabel(T("reports.to")), sized(v.to, 150), v.apply)
	v.custom.Hide()
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.status.Hide()
	v.save = widget.NewButtonWithIcon(T("reports.save"), theme.DocumentSaveIcon(), func() { v.showSaveDialog() })
	v.save.Importance = widget.HighImportance
	v.charts = newReportCharts(v)

	v.body = container.NewVBox()
	v.scroll = container.NewVScroll(container.NewPadded(v.body))
	picker := container.NewHBox(v.kind, v.prev, v.periodLabel, v.next, v.custom)
	top := container.NewBorder(nil, nil, nil, v.save, container.NewHScroll(picker))
	content := container.New(&widthLayout{onWidth: v.widthChanged},
		container.NewBorder(container.NewVBox(container.NewPadded(top), v.status), nil, nil, nil, v.scroll))
	v.tab = container.NewTabItem(T("reports.tab"), content)

	p, err := svc.Period("", "", "")
	if err != nil { // cannot happen: this month always reads
		v.say(errorText(err), widget.DangerImportance)
	}
	v.period = p
	v.showPeriod()
	u.app.Settings().AddListener(func(fyne.Settings) { u.do(v.themeChanged) }) // a new theme: the charts on its background
	return v
}

// kindChosen turns the period shown into a month, quarter or year that
// holds its first day, or opens the from–to fields.
func (v *reportsView) kindChosen(k report.PeriodKind) {
	if k == v.period.Kind && v.loaded {
		return
	}
	if k == report.PeriodCustom {
		v.from.SetText(v.period.From.Format(time.DateOnly))
		v.to.SetText(v.period.Last().Format(time.DateOnly))
		v.custom.Show()
		v.prev.Disable()
		v.next.Disable()
		return
	}
	v.custom.Hide()
	v.prev.Enable()
	v.next.Enable()
	v.ask(periodSpec(k, v.period.From), "", "")
}

// periodSpec writes the month, quarter or year of kind k holding t, as
// the service reads it.
func periodSpec(k report.PeriodKind, t time.Time) string {
	switch k {
	case report.PeriodQuarter:
		return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
	case report.PeriodYear:
		return t.Format("2006")
	}
	return t.Format("2006-01")
}

// step shows the period before (-1) or after (+1) of the same kind.
func (v *reportsView) step(dir int) {
	p := v.period
	if p.Kind == report.PeriodCustom {
		days := p.Days() * dir
		v.ask("", p.From.AddDate(0, 0, days).Format(time.DateOnly), p.Last().AddDate(0, 0, days).Format(time.DateOnly))
		return
	}
	at := p.From
	if dir < 0 {
		at = p.Previous().From
	} else {
		at = p.To
	}
	v.ask(periodSpec(p.Kind, at), "", "")
}

// applyCustom shows the from–to period typed.
func (v *reportsView) applyCustom() {
	v.ask("", v.from.Text, v.to.Text)
}

// ask reads the period through the service and computes its figures; a
// period that does not read says why and changes nothing.
func (v *reportsView) ask(spec, from, to string) {
	p, err := v.svc.Period(spec, from, to)
	if err != nil {
		v.say(T("reports.bad_period"), widget.DangerImportance)
		return
	}
	v.period = p
	if p.Kind == report.PeriodCustom {
		v.prev.Enable()
		v.next.Enable()
	}
	v.showPeriod()
	v.reload()
}

// showPeriod writes the period's label and dates.
func (v *reportsView) showPeriod() {
	p := v.period
	if p.From.IsZero() {
		return
	}
	v.periodLabel.SetText(fmt.Sprintf("%s  (%s – %s)", p.Label(), p.From.Format(time.DateOnly), p.Last().Format(time.DateOnly)))
}

// reload computes the period's figures off the UI goroutine, then shows
// them; the scroll stays where it was.
func (v *reportsView) reload() {
	if v.timer != nil {
		v.timer.Stop()
		v.timer = nil
	}
	if !v.u.can(data.ActionReport) {
		return // the tab is going away
	}
	v.stale = false
	v.gen++
	gen, p, actor := v.gen, v.period, v.u.actor()
	if !v.loaded {
		v.say(T("reports.computing"), widget.LowImportance)
	}
	v.u.async(func() func() {
		fig, err := v.svc.Figures(v.u.ctx, actor, p)
		return func() {
			if gen != v.gen {
				return // a newer period was asked for meanwhile
			}
			if err != nil {
				v.say(errorText(err), widget.DangerImportance)
				return
			}
			v.fig, v.loaded = fig, true
			v.say("", widget.MediumImportance)
			v.showFigures()
		}
	})
}

// schedule recomputes after a pause, so a burst of changes (a mail sync,
// an import) costs one computation; while the tab is hidden it waits
// until the tab is shown.
func (v *reportsView) schedule() {
	if v.u.tabs.Selected() != v.tab {
		v.stale = true
		return
	}
	if v.timer != nil {
		return
	}
	if v.u.list.delay == 0 { // tests: at once
		v.reload()
		return
	}
	v.timer = time.AfterFunc(reportsRefreshDelay, func() { v.u.do(func() { v.timer = nil; v.reload() }) })
}

// shown is called when the tab is selected: the figures are computed the
// first time, and again when cases changed meanwhile.
func (v *reportsView) shown() {
	if !v.loaded || v.stale {
		v.reload()
	}
}

// showFigures lays the figures out again, keeping the scroll position.
func (v *reportsView) showFigures() {
	off := v.scroll.Offset
	v.body.Objects = v.figureObjects()
	v.body.Refresh()
	v.scroll.Offset = off
	v.scroll.Refresh()
	v.charts.build(v.fig)
}

// widthChanged follows the window's width: the groups' columns and the
// charts' size. It is told during a layout pass: the work waits for the
// width to settle (a window being dragged wider draws the charts once).
func (v *reportsView) widthChanged(w float32) {
	if w == v.width {
		return
	}
	v.width = w
	apply := func() {
		w := v.width
		cols := groupColumns(w)
		redraw := v.charts.fit(w)
		if cols != v.cols {
			v.cols = cols
			if v.loaded {
				v.showFigures() // draws the charts too
				return
			}
		}
		if redraw {
			v.charts.draw()
		}
	}
	if v.u.list.delay == 0 { // tests: at once, after this layout pass
		v.u.do(apply)
		return
	}
	if v.resize != nil {
		v.resize.Stop()
	}
	v.resize = time.AfterFunc(200*time.Millisecond, func() { v.u.do(apply) })
}

// groupColumns is how many figure groups fit side by side in width w.
func groupColumns(w float32) int {
	return max(1, min(3, int(w/400)))
}

// widthLayout lays its one object out at its full size and tells onWidth
// the width it got: the Reports tab follows the window's width with it.
type widthLayout struct{ onWidth func(float32) }

func (l *widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
	l.onWidth(size.Width)
}

// followReportsRole shows the Reports tab to who may read the report
// (supervisor, owner) and takes it away from the others.
func (u *UI) followReportsRole() {
	if u.reports == nil || u.tabs == nil {
		return
	}
	has := slices.Contains(u.tabs.Items, u.reports.tab)
	may := u.can(data.ActionReport)
	switch {
	case may && !has:
		items := slices.Clone(u.tabs.Items)
		at := slices.Index(items, u.casesTab) + 1
		if u.customersTab != nil && slices.Contains(items, u.customersTab) {
			at = slices.Index(items, u.customersTab) + 1
		}
		u.tabs.Items = slices.Insert(items, at, u.reports.tab)
		u.tabs.Refresh()
		u.reports.loaded = false // another person: computed for them when shown
	case !may && has:
		if u.tabs.Selected() == u.reports.tab {
			u.tabs.Select(u.today.tab)
		}
		u.tabs.Remove(u.reports.tab)
		u.reports.body.Objects = nil // a clerk signing in after the owner sees nothing of it
		u.reports.body.Refresh()
		u.reports.loaded = false
	}
}

// reportsApply is Apply's part for the Reports tab: the figures follow
// changed cases (and settings: names, deadlines, travellers).
func (u *UI) reportsApply(n data.Notice) {
	if u.reports == nil || !slices.Contains(u.tabs.Items, u.reports.tab) {
		return
	}
	switch n.(type) {
	case data.CaseChanged, data.SettingsChanged:
		u.reports.schedule()
	}
}

// reportTab is the Reports tab, nil without the service.
func (u *UI) reportTab() *container.TabItem {
	if u.reports == nil {
		return nil
	}
	return u.reports.tab
}

// themeChanged draws the charts again on the new background.
func (v *reportsView) themeChanged() {
	if v.loaded {
		v.charts.draw()
	}
}

// say shows a line under the period picker; "" hides it.
func (v *reportsView) say(text string, imp widget.Importance) {
	v.status.SetText(text)
	v.status.Importance = imp
	v.status.Refresh()
	if text == "" {
		v.status.Hide()
	} else {
		v.status.Show()
	}
}
