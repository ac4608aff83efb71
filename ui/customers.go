package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// customerKeeper is what the Customers screen and the case screen's marks
// need: the search, a customer's page and marks, tags, VIP, notes, merging.
type customerKeeper interface {
	List(ctx context.Context, q data.CustomerQuery) ([]data.CustomerSummary, error)
	Page(ctx context.Context, id uint64) (data.CustomerPage, error)
	Summary(ctx context.Context, id uint64) (data.CustomerSummary, error)
	SetTags(ctx context.Context, a data.Actor, id uint64, add, remove []string) (data.CustomerProfile, error)
	SetVIP(ctx context.Context, a data.Actor, id uint64, on bool) (data.CustomerProfile, error)
	AddNote(ctx context.Context, a data.Actor, id uint64, text string) (data.CustomerProfile, error)
	Merge(ctx context.Context, a data.Actor, keep, other uint64) (data.MergeResult, error)
}

// customerListLimit keeps the list short enough to draw at once; the search
// narrows it.
const customerListLimit = 500

// customersView is the Customers tab: a search and list on the left, the
// chosen customer's page on the right.
type customersView struct {
	u       *UI
	svc     customerKeeper
	content fyne.CanvasObject

	search     *widget.Entry
	vipOnly    *widget.Check
	repeatOnly *widget.Check
	list       *widget.List
	rows       []data.CustomerSummary
	count      *widget.Label

	page    *fyne.Container // the right side
	id      uint64          // the customer shown, 0 none
	current data.CustomerPage

	// The page's controls, for the tests.
	vip       *widget.Check
	tagEntry  *widget.Entry
	noteEntry *widget.Entry
	mergeBtn  *widget.Button
	caseBtns  map[string]*widget.Button

	// The merge question while open.
	mergeSearch *widget.Entry
	mergeList   *widget.List
	mergeRows   []data.CustomerSummary
	mergePick   uint64
}

func newCustomersView(u *UI, svc customerKeeper) *customersView {
	v := &customersView{u: u, svc: svc, caseBtns: map[string]*widget.Button{}}
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder(T("Name, phone, e-mail or WeChat — any part"))
	v.search.OnChanged = func(string) { v.refresh() }
	v.vipOnly = widget.NewCheck(T("VIP only"), func(bool) { v.refresh() })
	v.repeatOnly = widget.NewCheck(T("Repeat complainants only"), func(bool) { v.refresh() })
	v.count = widget.NewLabel("")
	v.list = widget.NewList(func() int { return len(v.rows) }, func() fyne.CanvasObject {
		name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Truncation = fyne.TextTruncateEllipsis
		contact := widget.NewLabel("")
		contact.Truncation = fyne.TextTruncateEllipsis
		marks := widget.NewLabel("")
		return container.NewBorder(nil, nil, nil, marks, container.NewGridWithColumns(2, name, contact))
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		if i >= len(v.rows) {
			return
		}
		r := v.rows[i]
		b := o.(*fyne.Container)
		grid := b.Objects[0].(*fyne.Container)
		grid.Objects[0].(*widget.Label).SetText(r.Name)
		grid.Objects[1].(*widget.Label).SetText(strings.Join(nonEmpty(r.Phone, r.Email), " · "))
		b.Objects[1].(*widget.Label).SetText(summaryMarks(r))
	})
	v.list.OnSelected = func(i widget.ListItemID) {
		if i < len(v.rows) {
			v.open(v.rows[i].ID)
		}
	}
	filters := container.NewHBox(v.vipOnly, v.repeatOnly)
	left := container.NewBorder(container.NewVBox(v.search, filters, v.count), nil, nil, nil, v.list)
	v.page = container.NewVBox(widget.NewLabel(T("Choose a customer on the left, or search by any part of a name, phone, e-mail or WeChat.")))
	split := container.NewHSplit(left, container.NewScroll(container.NewPadded(v.page)))
	split.Offset = 0.42
	v.content = split
	return v
}

// summaryMarks is the list's marks: cases, VIP, repeat complainant.
func summaryMarks(r data.CustomerSummary) string {
	parts := []string{TF("{{.N}} cases", map[string]any{"N": r.Cases})}
	if r.VIP {
		parts = append(parts, "★ "+T("VIP"))
	}
	if r.Repeat {
		parts = append(parts, "⚑ "+T("repeat complainant"))
	}
	return strings.Join(parts, "  ")
}

// refresh runs the search again (an in-memory scan: fast enough to run as
// the clerk types).
func (v *customersView) refresh() {
	rows, err := v.svc.List(v.u.ctx, data.CustomerQuery{Text: v.search.Text, VIP: v.vipOnly.Checked,
		Repeat: v.repeatOnly.Checked, Limit: customerListLimit})
	if err != nil {
		v.u.showError(err)
		return
	}
	v.rows = rows
	v.list.UnselectAll()
	v.list.Refresh()
	v.count.SetText(TF("{{.N}} customers", map[string]any{"N": len(rows)}))
}

// open shows a customer's page.
func (v *customersView) open(id uint64) {
	pg, err := v.svc.Page(v.u.ctx, id)
	if err != nil {
		v.u.showError(err)
		return
	}
	v.id, v.current = id, pg
	v.draw(pg)
}

// reload redraws the page shown and the list after a change.
func (v *customersView) reload() {
	v.refresh()
	if v.id != 0 {
		pg, err := v.svc.Page(v.u.ctx, v.id)
		if err != nil {
			v.id = 0
			v.page.Objects = []fyne.CanvasObject{widget.NewLabel(errorText(err))}
			v.page.Refresh()
			return
		}
		v.current = pg
		v.draw(pg)
	}
}

func custBold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func custWrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (v *customersView) draw(pg data.CustomerPage) {
	p := pr()
	var objs []fyne.CanvasObject
	title := custBold(pg.Name + "  " + data.CustomerRef(pg.ID))
	title.Truncation = fyne.TextTruncateEllipsis
	objs = append(objs, title)
	if pg.Repeat {
		mark := widget.NewLabel("⚑ " + T("repeat complainant") + " — " + TF("{{.Count}} complaints within {{.N}} months", map[string]any{"Count": pg.Recent, "N": pg.Window}))
		mark.Importance = widget.DangerImportance
		objs = append(objs, mark)
	}
	v.vip = widget.NewCheck(T("VIP"), nil)
	v.vip.SetChecked(pg.Profile.VIP)
	v.vip.OnChanged = func(on bool) { v.setVIP(on) }
	objs = append(objs, v.vip)

	info := widget.NewForm()
	add := func(label, value string) {
		if strings.TrimSpace(value) == "" {
			value = "—"
		}
		info.Append(label, custWrapped(value))
	}
	add(T("Phone"), pg.Phone)
	add(T("E-mail"), pg.Email)
	add(T("WeChat"), pg.WeChat)
	add(T("Compensation paid"), pg.PaidText())
	var rs []string
	for _, r := range pg.Ratings {
		rs = append(rs, strconv.Itoa(r)+"/5")
	}
	add(T("Ratings"), strings.Join(rs, ", "))
	objs = append(objs, info)

	// Tags: each removable; a new one typed and added.
	tags := container.NewHBox()
	for _, t := range pg.Profile.Tags {
		t := t
		b := widget.NewButtonWithIcon(t, theme.CancelIcon(), func() { v.changeTags(nil, []string{t}) })
		b.Importance = widget.LowImportance
		tags.Add(b)
	}
	v.tagEntry = widget.NewEntry()
	v.tagEntry.SetPlaceHolder(T("New tag"))
	v.tagEntry.OnSubmitted = func(s string) { v.addTag() }
	addTag := widget.NewButtonWithIcon(T("Add tag"), theme.ContentAddIcon(), v.addTag)
	objs = append(objs, widget.NewSeparator(), custBold(T("Tags")))
	if len(tags.Objects) > 0 {
		objs = append(objs, container.NewHScroll(tags))
	}
	objs = append(objs, container.NewBorder(nil, nil, nil, addTag, v.tagEntry))

	// Cases: each opens on the Cases tab.
	objs = append(objs, widget.NewSeparator(), custBold(TF("Cases ({{.N}}):", map[string]any{"N": len(pg.Cases)})))
	v.caseBtns = map[string]*widget.Button{}
	for _, cs := range pg.Cases {
		id := cs.ID
		b := widget.NewButton(cs.Number, func() { v.openCase(id) })
		b.Importance = widget.LowImportance
		v.caseBtns[cs.Number] = b
		parts := []string{cs.ReceivedAt.In(zone()).Format("2006-01-02"), kindLabel(cs.Kind), statusLabel(cs.Status)}
		if cs.Responsibility != "" { // the outcome, once found
			parts = append(parts, p.Responsibility(cs.Responsibility))
		}
		if cs.Compensation > 0 {
			parts = append(parts, cs.Compensation.String()+" "+cs.Currency)
		}
		if cs.Rating > 0 {
			parts = append(parts, strconv.Itoa(cs.Rating)+"/5")
		}
		parts = append(parts, cs.Subject)
		text := widget.NewLabel(strings.Join(parts, "  "))
		text.Truncation = fyne.TextTruncateEllipsis
		objs = append(objs, container.NewBorder(nil, nil, b, nil, text))
	}

	// Notes, oldest first, and a new one.
	objs = append(objs, widget.NewSeparator(), custBold(TF("Notes ({{.N}}):", map[string]any{"N": len(pg.Profile.Notes)})))
	for _, n := range pg.Profile.Notes {
		objs = append(objs, custWrapped(n.At.In(zone()).Format("2006-01-02 15:04")+"  "+n.By+"：\n"+n.Text))
	}
	v.noteEntry = widget.NewMultiLineEntry()
	v.noteEntry.SetPlaceHolder(T("A note about this customer"))
	v.noteEntry.SetMinRowsVisible(2)
	v.noteEntry.Wrapping = fyne.TextWrapWord
	addNote := widget.NewButtonWithIcon(T("Add note"), theme.DocumentCreateIcon(), v.addNote)
	objs = append(objs, v.noteEntry, container.NewHBox(addNote))

	// Contact history.
	objs = append(objs, widget.NewSeparator(), custBold(TF("Contact history ({{.N}}):", map[string]any{"N": len(pg.Profile.History)})))
	for _, h := range pg.Profile.History {
		objs = append(objs, custWrapped(h.At.In(zone()).Format("2006-01-02 15:04")+"  "+h.By+"  "+contactChangeText(h)))
	}
	if len(pg.Profile.Merged) > 0 {
		var refs []string
		for _, id := range pg.Profile.Merged {
			refs = append(refs, data.CustomerRef(id))
		}
		objs = append(objs, custWrapped(T("Records merged into this one")+": "+strings.Join(refs, ", ")))
	}

	// Merging: supervisors and the owner.
	v.mergeBtn = nil
	if v.u.actor().Can(data.ActionMerge) {
		v.mergeBtn = widget.NewButtonWithIcon(T("Merge…"), theme.ContentPasteIcon(), v.askMerge)
		objs = append(objs, widget.NewSeparator(), custWrapped(T("Another record of the same person? Merge it into this one: its cases, mail, tags and notes move here.")),
			container.NewHBox(v.mergeBtn))
	}
	v.page.Objects = objs
	v.page.Refresh()
}

// contactChangeText is "phone: 139… → 138… (from a merge, A-2026-0002)".
func contactChangeText(h data.ContactChange) string {
	s := T("contact."+h.Field) + ": " + orDash(h.Old) + " → " + orDash(h.New)
	src := T("contact_source." + h.Source)
	if h.Case != "" {
		src += ", " + h.Case
	}
	return s + " (" + src + ")"
}

// openCase shows one of the customer's cases on the Cases tab.
func (v *customersView) openCase(id uint64) {
	v.u.tabs.Select(v.u.casesTab)
	v.u.openCase(id)
}

// changed applies a profile change and redraws; false when refused.
func (v *customersView) changed(change func(a data.Actor) error) bool {
	if !v.u.needUser() {
		v.draw(v.current)
		return false
	}
	if err := change(v.u.actor()); err != nil {
		v.u.showError(err)
		v.draw(v.current)
		return false
	}
	v.reload()
	v.u.notify(TF("Saved customer {{.Ref}}", map[string]any{"Ref": data.CustomerRef(v.id)}))
	return true
}

func (v *customersView) setVIP(on bool) {
	if on == v.current.Profile.VIP {
		return
	}
	v.changed(func(a data.Actor) error {
		_, err := v.svc.SetVIP(v.u.ctx, a, v.id, on)
		return err
	})
}

func (v *customersView) addTag() {
	t := strings.TrimSpace(v.tagEntry.Text)
	if t == "" {
		return
	}
	v.changeTags([]string{t}, nil)
}

func (v *customersView) changeTags(add, remove []string) {
	v.changed(func(a data.Actor) error {
		_, err := v.svc.SetTags(v.u.ctx, a, v.id, add, remove)
		return err
	})
}

func (v *customersView) addNote() {
	text := v.noteEntry.Text
	v.changed(func(a data.Actor) error {
		_, err := v.svc.AddNote(v.u.ctx, a, v.id, text)
		return err
	})
}

// askMerge asks which record to merge into the one shown: a search and a
// list of the others; then a confirmation naming what moves.
func (v *customersView) askMerge() {
	if !v.u.needUser() || v.id == 0 {
		return
	}
	keep := v.current
	v.mergePick, v.mergeRows = 0, nil
	picked := widget.NewLabel(T("Choose the record to merge into this one."))
	picked.Wrapping = fyne.TextWrapWord
	v.mergeList = widget.NewList(func() int { return len(v.mergeRows) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(v.mergeRows) {
			r := v.mergeRows[i]
			o.(*widget.Label).SetText(data.CustomerRef(r.ID) + "  " + r.Name + "  " + strings.Join(nonEmpty(r.Phone, r.Email), " · ") + "  " + summaryMarks(r))
		}
	})
	pick := func(i widget.ListItemID) {
		if i < len(v.mergeRows) {
			r := v.mergeRows[i]
			v.mergePick = r.ID
			picked.SetText(TF("Merge {{.Other}} ({{.Name}}) into {{.Keep}}", map[string]any{"Other": data.CustomerRef(r.ID), "Name": r.Name, "Keep": data.CustomerRef(keep.ID)}))
		}
	}
	find := func(q string) {
		rows, err := v.svc.List(v.u.ctx, data.CustomerQuery{Text: q, Limit: 50})
		if err != nil {
			v.u.showError(err)
			return
		}
		v.mergeRows = v.mergeRows[:0]
		for _, r := range rows {
			if r.ID != keep.ID {
				v.mergeRows = append(v.mergeRows, r)
			}
		}
		v.mergePick = 0
		v.mergeList.UnselectAll()
		v.mergeList.Refresh()
	}
	v.mergeSearch = widget.NewEntry()
	v.mergeSearch.SetPlaceHolder(T("Name, phone, e-mail or WeChat — any part"))
	v.mergeSearch.OnChanged = find
	v.mergeSearch.SetText(keep.Name) // the same person most often has the same name
	find(keep.Name)
	listBox := container.NewGridWrap(fyne.NewSize(askWidth-40, 220), v.mergeList)
	body := container.NewVBox(v.mergeSearch, listBox, picked)
	q := v.u.ask(T("Merge customer records"), body, []answer{
		{label: T("Cancel")},
		{label: T("Next…"), do: func() { v.confirmMerge(keep) }},
	}, 1, 0)
	next := q.buttons[1]
	next.Disable() // until a record is chosen
	v.mergeList.OnSelected = func(i widget.ListItemID) {
		pick(i)
		next.Enable()
	}
	v.mergeList.OnUnselected = func(widget.ListItemID) { next.Disable() }
}

// confirmMerge names what moves, then merges.
func (v *customersView) confirmMerge(keep data.CustomerPage) {
	if v.mergePick == 0 {
		v.u.notify(T("Nothing was merged: no record was chosen."))
		return
	}
	other, err := v.svc.Page(v.u.ctx, v.mergePick)
	if err != nil {
		v.u.showError(err)
		return
	}
	var ns []string
	for _, cs := range other.Cases {
		ns = append(ns, cs.Number)
	}
	msg := TF("Merge customer {{.Other}} ({{.OtherName}}) into {{.Keep}} ({{.KeepName}})? Moving: cases {{.Cases}}, {{.Notes}} notes, tags {{.Tags}}. {{.Other}} is then removed.",
		map[string]any{"Other": data.CustomerRef(other.ID), "OtherName": other.Name, "Keep": data.CustomerRef(keep.ID), "KeepName": keep.Name,
			"Cases": orDash(strings.Join(ns, ", ")), "Notes": len(other.Profile.Notes), "Tags": orDash(strings.Join(other.Profile.Tags, ", "))})
	v.u.confirm(T("Merge customer records"), msg, T("Merge"), T("Cancel"), true, func(ok bool) {
		if !ok {
			return
		}
		var res data.MergeResult
		if v.changed(func(a data.Actor) error {
			var err error
			res, err = v.svc.Merge(v.u.ctx, a, keep.ID, other.ID)
			return err
		}) {
			v.u.notify(TF("Merged customer {{.Other}} into {{.Keep}}: cases {{.Cases}}, {{.Messages}} messages, {{.Notes}} notes, {{.Tags}} new tags.",
				map[string]any{"Other": data.CustomerRef(res.Other), "Keep": data.CustomerRef(res.Keep), "Cases": orDash(strings.Join(res.Cases, ", ")),
					"Messages": res.Messages, "Notes": res.Notes, "Tags": res.Tags}))
		}
	})
}

// showCustomer opens a customer's page on the Customers tab (from a case).
func (u *UI) showCustomer(id uint64) {
	if u.customers == nil || id == 0 {
		return
	}
	u.tabs.Select(u.customersTab)
	u.customers.open(id)
}

// customerMarks is the case screen's marks beside the customer's name:
// VIP and repeat complainant, and a button to the customer's page.
func (d *caseDetail) customerMarks(c data.Case) fyne.CanvasObject {
	u := d.u
	if u.customers == nil || c.CustomerID == 0 {
		return nil
	}
	sum, err := u.customers.svc.Summary(u.ctx, c.CustomerID)
	if err != nil {
		return nil
	}
	var objs []fyne.CanvasObject
	if sum.VIP {
		vip := widget.NewLabel("★ " + T("VIP"))
		vip.Importance = widget.WarningImportance
		objs = append(objs, vip)
	}
	if sum.Repeat {
		rep := widget.NewLabel("⚑ " + T("repeat complainant"))
		rep.Importance = widget.DangerImportance
		objs = append(objs, rep)
	}
	id := c.CustomerID
	page := widget.NewButtonWithIcon(T("Customer page"), theme.AccountIcon(), func() { u.showCustomer(id) })
	page.Importance = widget.LowImportance
	objs = append(objs, page)
	return container.NewHBox(objs...)
}

// customersApply keeps the Customers tab current while it is shown: a
// customer changed, or a case (a new customer, a status, a moved case).
func (u *UI) customersApply(n data.Notice) {
	if u.customers == nil || u.tabs.Selected() != u.customersTab {
		return
	}
	switch n.(type) {
	case data.CustomerChanged, data.CaseChanged:
		u.customers.reload()
	}
}
