package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"casebook/data/report"
)

// reportCasesList is the cases behind one figure: number, received, kind,
// category, status and owner; choosing one opens it on the Cases tab, as
// the case list does.
type reportCasesList struct {
	title string
	facts []report.Fact
	list  *widget.List
	dlg   *dialog.CustomDialog
	all   *widget.Button // a rate's: lists the cases it is a share of; nil otherwise
}

// rateCases is what a rate's list offers besides its own cases: the cases
// the rate is a share of (the "80" of "75/80").
type rateCases struct {
	key   string
	n     int
	title string
}

// showCases lists the cases behind the figure key of the period shown,
// fetched off the UI goroutine.
func (v *reportsView) showCases(key, title string) { v.showCasesOf(key, title, nil) }

// showRateCases lists the cases a rate counts, with a button for the cases
// it is a share of.
func (v *reportsView) showRateCases(r report.Rate, title string) {
	var of *rateCases
	if r.OfKey != "" && r.OfKey != r.Key {
		of = &rateCases{key: r.OfKey, n: r.Of, title: title}
	}
	v.showCasesOf(r.Key, title, of)
}

func (v *reportsView) showCasesOf(key, title string, of *rateCases) {
	if key == "" {
		return
	}
	p, actor, label := v.period, v.u.actor(), v.period.Label()
	v.u.async(func() func() {
		facts, err := v.svc.Cases(v.u.ctx, actor, p, key)
		return func() {
			if err != nil {
				v.u.showError(err)
				return
			}
			v.listed = v.showCaseList(title+" · "+label, facts, of)
		}
	})
}

// caseColumns are the list's columns.
var caseColumns = []string{"reports.col.number", "reports.col.received", "reports.col.kind", "reports.col.category", "reports.col.status", "reports.col.owner"}

func (v *reportsView) showCaseList(title string, facts []report.Fact, of *rateCases) *reportCasesList {
	st := v.u.settings()
	l := &reportCasesList{title: title, facts: facts}
	cells := func() fyne.CanvasObject {
		objs := make([]fyne.CanvasObject, len(caseColumns))
		for i := range objs {
			lb := widget.NewLabel("")
			lb.Truncation = fyne.TextTruncateEllipsis
			objs[i] = lb
		}
		return container.New(layout.NewGridLayoutWithColumns(len(caseColumns)), objs...)
	}
	l.list = widget.NewList(func() int { return len(facts) }, cells, func(i widget.ListItemID, o fyne.CanvasObject) {
		x := facts[i]
		texts := []string{x.Number, x.Received.In(zone()).Format("2006-01-02 15:04"), kindLabel(x.Kind),
			categoryLabel(st, x.Category), statusLabel(x.Status), x.Owner}
		for j, obj := range o.(*fyne.Container).Objects {
			obj.(*widget.Label).SetText(texts[j])
		}
	})
	l.list.OnSelected = func(i widget.ListItemID) {
		l.dlg.Hide()
		v.u.openFromToday(facts[i].ID) // the Cases tab, the case open and selected in the list
	}
	head := make([]fyne.CanvasObject, len(caseColumns))
	for i, k := range caseColumns {
		head[i] = widget.NewLabelWithStyle(T(k), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	count := widget.NewLabel(TF("reports.cases_count", map[string]any{"N": len(facts)}))
	var body fyne.CanvasObject = l.list
	if len(facts) == 0 {
		body = widget.NewLabel(T("reports.no_cases"))
	}
	var top fyne.CanvasObject = count
	if of != nil {
		l.all = widget.NewButton(TF("reports.list_all", map[string]any{"N": of.n}), func() {
			l.dlg.Hide()
			v.showCasesOf(of.key, of.title+" · "+T("reports.all_counted"), nil)
		})
		top = container.NewBorder(nil, nil, nil, l.all, count)
	}
	content := container.NewBorder(container.NewVBox(top, container.New(layout.NewGridLayoutWithColumns(len(caseColumns)), head...), widget.NewSeparator()),
		nil, nil, nil, body)
	l.dlg = dialog.NewCustom(title, T("Close"), content, v.u.win)
	sz := v.u.win.Canvas().Size()
	l.dlg.Resize(fyne.NewSize(min(sz.Width-40, 980), min(sz.Height-60, 560)))
	l.dlg.Show()
	return l
}
