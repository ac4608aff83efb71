package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// caseWorker is what the case detail needs: the case, its steps and changes.
type caseWorker interface {
	ByID(ctx context.Context, id uint64) (data.Case, error)
	Move(ctx context.Context, a data.Actor, number string, to data.Status, note string) (data.Case, error)
	AddNote(ctx context.Context, a data.Actor, number, text string) (data.Case, error)
	Change(ctx context.Context, a data.Actor, number string, ch data.CaseChanges) (data.Case, error)
	CustomerCases(ctx context.Context, customerID uint64) ([]*data.Row, error)
}

// caseDetail shows one case: its fields, deadlines, the actions allowed now,
// and its timeline.
type caseDetail struct {
	u       *UI
	content *fyne.Container // the hint when no case is open, else header and sections
	empty   fyne.CanvasObject
	main    *fyne.Container
	header  *fyne.Container     // number, subject and status badge: always in view
	tabs    *container.AppTabs  // the sections (see draw)
	scrolls []*container.Scroll // each section's scroll, in tab order
	// overview is the overview section as drawn last (a redraw builds a new one).
	overview *fyne.Container
	id       uint64
	current  data.Case
	drafts   map[string]string // unsent note and reply texts, by case and box: a redraw keeps them

	findingDrafts map[uint64]*findingsDraft // the findings form as typed, by case
	amending      map[uint64]string         // the reason of an amendment being typed, by case
	findings      *findingsForm             // the form shown now
	leaving       *leaveRequest             // the "Save the findings?" question open now
	printing      *printDialog              // the print dialog last opened
	attached      map[uint64][]data.Letter  // letters chosen for the reply, by case
	keyed         map[string]focusedEntry   // entries by draft key: a redraw puts the cursor back
	learn         *suggestLine              // the learned suggestion shown now, if any (casedetail_suggest.go)
	inserting     *articlePicker            // the reply box's Insert… dialog last opened (kb.go)
	insertOK      *widget.Button            // its Insert button
	followUp      *followUpForm             // the "Record follow-up…" dialog opened last (casefollowup.go)
}

// detailSection is one tab of the case: its title and what it shows.
type detailSection struct {
	title string
	obj   fyne.CanvasObject
}

// focusedEntry is an entry that can take the cursor back after a redraw.
type focusedEntry struct {
	obj   fyne.Focusable
	entry *widget.Entry
}

// remember registers an entry under its draft key (see draw).
func (d *caseDetail) remember(key string, obj fyne.Focusable, e *widget.Entry) {
	d.keyed[key] = focusedEntry{obj, e}
}

// focusedKey is the draft key of the entry with the cursor, and where the cursor is.
func (d *caseDetail) focusedKey() (key string, row, col int) {
	focused := d.u.win.Canvas().Focused()
	if focused == nil {
		return "", 0, 0
	}
	for k, f := range d.keyed {
		if f.obj == focused {
			return k, f.entry.CursorRow, f.entry.CursorColumn
		}
	}
	return "", 0, 0
}

func newCaseDetail(u *UI) *caseDetail {
	d := &caseDetail{u: u, drafts: map[string]string{},
		findingDrafts: map[uint64]*findingsDraft{}, amending: map[uint64]string{},
		attached: map[uint64][]data.Letter{}, keyed: map[string]focusedEntry{}}
	hint := widget.NewLabel(T("Select a case in the list, or press Ctrl+N to record a new one."))
	hint.Wrapping = fyne.TextWrapWord
	d.empty = container.NewPadded(container.NewVBox(hint))
	d.header = container.NewVBox()
	d.tabs = container.NewAppTabs()
	d.main = container.NewBorder(container.NewPadded(d.header), nil, nil, nil, d.tabs)
	d.content = container.NewStack(d.empty, d.main)
	d.showEmpty()
	u.guardQuit(unsavedWork{pending: d.findingsPending, question: d.findingsQuestion, save: d.saveFindingsNow})
	return d
}

func (d *caseDetail) showEmpty() {
	d.id = 0
	d.main.Hide()
	d.empty.Show()
	d.content.Refresh()
}

// show loads a case by id and draws it. Another case than the one open
// starts at its overview, scrolled to the top; leaving a case with findings
// not yet saved asks first.
func (d *caseDetail) show(id uint64) {
	if d.id != 0 && id != d.id && d.askLeave(id) {
		return
	}
	c, err := d.u.svc.Cases.ByID(d.u.ctx, id)
	if err != nil {
		d.u.showError(err)
		return
	}
	other := id != d.id
	d.id = id
	d.draw(c)
	if other {
		d.toTop()
	}
}

// toTop selects the overview and scrolls every section to its top.
func (d *caseDetail) toTop() {
	for _, s := range d.scrolls {
		s.Offset = fyne.Position{}
		s.Refresh()
	}
	if len(d.tabs.Items) > 0 {
		d.tabs.SelectIndex(0)
	}
}

// setSections puts the sections into the tabs. The tabs themselves stay
// (a redraw of the same case keeps the tab chosen and where each section
// was scrolled); only what they show is new.
func (d *caseDetail) setSections(secs []detailSection) {
	same := len(secs) == len(d.tabs.Items)
	for i := 0; same && i < len(secs); i++ {
		same = d.tabs.Items[i].Text == secs[i].title
	}
	if !same {
		d.scrolls = nil
		items := make([]*container.TabItem, len(secs))
		for i, s := range secs {
			sc := container.NewVScroll(container.NewPadded(s.obj))
			d.scrolls = append(d.scrolls, sc)
			items[i] = container.NewTabItem(s.title, sc)
		}
		d.tabs.SetItems(items)
		return
	}
	for i, s := range secs {
		d.scrolls[i].Content = container.NewPadded(s.obj)
		d.scrolls[i].Refresh()
	}
}

// reload redraws the open case from the store.
func (d *caseDetail) reload() {
	if d.id != 0 {
		d.show(d.id)
	}
}

func (d *caseDetail) draw(c data.Case) {
	// A redraw while the clerk types (new mail, the minute's refresh) builds
	// new entries from the drafts; the cursor goes back where it was.
	refocus, row, col := d.focusedKey()
	d.keyed = map[string]focusedEntry{}
	defer func() {
		if f, ok := d.keyed[refocus]; ok && refocus != "" {
			f.entry.CursorRow, f.entry.CursorColumn = row, col
			d.u.win.Canvas().Focus(f.obj)
		}
	}()
	d.current = c
	st := d.u.settings()
	now := d.u.now()

	// The header stays one line each, so the sections keep the height of a
	// small screen; the whole subject is the overview's first field.
	title := widget.NewLabelWithStyle(c.Number+"  "+c.Subject, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	badge := widget.NewLabel(statusLabel(c.Status) + " · " + severityLabel(c.Severity) + " · " +
		kindLabel(c.Kind) + " · " + categoryLabel(st, c.Category) + " · " + channelLabel(c.Channel))
	badge.Truncation = fyne.TextTruncateEllipsis
	if c.Severity == data.SeverityUrgent {
		badge.Importance = widget.DangerImportance
	}
	d.header.Objects = []fyne.CanvasObject{title, badge}
	d.header.Refresh()

	d.overview = d.overviewSection(c, st, now)
	d.setSections([]detailSection{
		{T("Overview"), d.overview},
		{T("Conversation"), container.NewVBox(d.mailSection(c), widget.NewSeparator(),
			widget.NewLabelWithStyle(T("Notes"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), d.noteBox(c))},
		{T("Findings"), d.findingsSection(c)},
		{T("Documents"), d.documentsSection(c)},
		{T("Evidence"), d.evidenceSection(c)},
		{T("Timeline"), container.NewVBox(d.timeline(c, st), d.customerHistory(c), d.auditPart(c, st))},
	})
	d.empty.Hide()
	d.main.Show()
	d.content.Refresh()
}

// overviewSection is the case at a glance: the steps allowed now, who has
// it and how urgent it is, its fields and deadlines.
func (d *caseDetail) overviewSection(c data.Case, st data.Settings, now time.Time) *fyne.Container {
	first, firstImp := deadlineText(c.FirstResponse, now)
	firstLbl := widget.NewLabel(first)
	firstLbl.Importance = firstImp
	firstLbl.Wrapping = fyne.TextWrapWord
	res, resImp := deadlineText(c.Resolution, now)
	resLbl := widget.NewLabel(res)
	resLbl.Importance = resImp
	resLbl.Wrapping = fyne.TextWrapWord

	info := widget.NewForm()
	add := func(label, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapWord
		info.Append(label, v)
	}
	add(T("Subject"), c.Subject)
	add(T("Customer"), strings.Join(nonEmpty(c.Customer.Name, c.Customer.Phone, c.Customer.Email), " · "))
	if marks := d.customerMarks(c); marks != nil { // VIP, repeat complainant, the customer's page (customers.go)
		info.Append("", marks)
	}
	add(T("WeChat"), c.Customer.WeChat)
	add(T("Received")+zoneNote(), c.ReceivedAt.In(zone()).Format(receivedLayout))
	info.Append(T("Response due")+zoneNote(), firstLbl)
	info.Append(T("Resolution due")+zoneNote(), resLbl)
	referralRows(info, c, now)
	add(T("What happened"), c.Description)
	add(T("Customer's demand"), c.Demand)
	if c.Amount != 0 {
		add(T("Amount claimed"), c.Amount.String()+" "+c.Currency)
	}
	add(T("Order ref"), c.Booking.Ref)
	add(T("Product / tour"), c.Booking.Product)
	add(T("Departure date"), c.Booking.Departure)
	add(T("Destination"), c.Booking.Destination)
	add(T("Guide"), c.Booking.Guide)
	add(T("Supplier"), c.Booking.Supplier)
	bookingRows(info, add, c)
	add(T("Escalation"), escalationLabel(c.Escalation))
	out := container.NewVBox(d.actions(c))
	if fu := d.followUpPart(c, st, now); fu != nil { // casefollowup.go: near the steps it decides
		out.Add(fu)
	}
	out.Add(d.controls(c, st))
	out.Add(widget.NewSeparator())
	out.Add(info)
	if b := d.referralButton(c); b != nil {
		out.Add(container.NewHBox(b))
	}
	return out
}

// moveLabel names a transition by what the clerk does.
func moveLabel(from, to data.Status) string {
	switch {
	case from == data.StatusProposed && to == data.StatusInvestigating:
		return T("Customer rejects")
	case (from == data.StatusClosed || from == data.StatusResolved) && to == data.StatusInvestigating:
		return T("Reopen")
	}
	switch to {
	case data.StatusAcknowledged:
		return T("Acknowledge")
	case data.StatusDeclined:
		return T("Decline")
	case data.StatusInvestigating:
		return T("Start investigating")
	case data.StatusProposed:
		return T("Propose solution")
	case data.StatusAgreed:
		return T("Customer agrees")
	case data.StatusResolved:
		return T("Mark resolved")
	case data.StatusClosed:
		return T("Close case")
	}
	return statusLabel(to)
}

// askMove confirms a step with an optional note; declining and reopening
// need a reason. Proposing a solution or closing with findings not yet saved
// asks to save them first.
func (d *caseDetail) askMove(c data.Case, to data.Status) {
	if (to == data.StatusProposed || to == data.StatusClosed) && c.ID == d.id && d.findingsPending() {
		d.askSaveFindings(func() { d.askMove(d.current, to) }, nil)
		return
	}
	reopen := c.Status == data.StatusClosed && to != data.StatusClosed ||
		c.Status == data.StatusResolved && to == data.StatusInvestigating // after an unhappy follow-up
	d.askNote(moveLabel(c.Status, to), to == data.StatusDeclined || reopen, func(note string) {
		d.apply(func() (data.Case, error) {
			return d.u.svc.Cases.Move(d.u.ctx, d.u.actor(), c.Number, to, note)
		})
	})
}

// askNote shows a dialog with a note field.
func (d *caseDetail) askNote(title string, noteRequired bool, then func(note string)) {
	var dlg *dialog.FormDialog
	// Tab moves on to the buttons; Esc closes the dialog.
	note := newKeyEntry(true, func() { dlg.Hide() })
	label := T("Note")
	if noteRequired {
		label = T("Reason")
		note.SetPlaceHolder(T("Reason (required)"))
		note.Validator = required
	} else {
		note.SetPlaceHolder(T("Note (optional)"))
	}
	dlg = dialog.NewForm(title, T("Confirm"), T("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(label, note)},
		func(ok bool) {
			if ok {
				then(note.Text)
			}
		}, d.u.win)
	dlg.Resize(fyne.NewSize(480, 240))
	dlg.Show()
	d.u.win.Canvas().Focus(note)
}

// controls are the owner, waiting, severity and category pickers.
func (d *caseDetail) controls(c data.Case, st data.Settings) fyne.CanvasObject {
	var names []string
	for _, s := range st.Staff {
		names = append(names, s.Name)
	}
	if c.Owner != "" && !slices.Contains(names, c.Owner) {
		names = append(names, c.Owner)
	}
	names = d.u.assignable(names, c.Owner) // without the right to assign: oneself only
	owner := newSelect(names, nil)
	owner.PlaceHolder = T("Unassigned")
	owner.SetSelected(c.Owner)
	owner.OnChanged = func(name string) {
		if name != c.Owner {
			d.change(c, data.CaseChanges{Owner: &name})
		}
	}

	waitChoice := newChoice([]data.Waiting{data.WaitingNone, data.WaitingCustomer, data.WaitingSupplier}, waitingLabel)
	waiting := newSelect(waitChoice.labels, nil)
	waitChoice.set(waiting, c.Waiting)
	waiting.OnChanged = func(string) {
		if w := waitChoice.value(waiting); w != c.Waiting {
			d.change(c, data.CaseChanges{Waiting: &w})
		}
	}
	if !c.Status.Open() {
		waiting.Disable()
	}

	sevChoice := newChoice(data.Severities, severityLabel)
	severity := newSelect(sevChoice.labels, nil)
	sevChoice.set(severity, c.Severity)
	severity.OnChanged = func(string) {
		if s := sevChoice.value(severity); s != c.Severity {
			d.change(c, data.CaseChanges{Severity: &s})
		}
	}

	var slugs []string
	for _, cat := range st.Categories {
		if !cat.Retired || cat.Slug == c.Category { // a retired category only where a case has it
			slugs = append(slugs, cat.Slug)
		}
	}
	catChoice := newChoice(slugs, func(s string) string { return categoryLabel(st, s) })
	category := newSelect(catChoice.labels, nil)
	catChoice.set(category, c.Category)
	category.OnChanged = func(string) {
		if s := catChoice.value(category); s != c.Category {
			d.change(c, data.CaseChanges{Category: &s})
		}
	}
	return container.NewVBox(widget.NewForm(
		widget.NewFormItem(T("Owner"), owner),
		widget.NewFormItem(T("Waiting"), waiting),
		widget.NewFormItem(T("Severity"), severity),
		widget.NewFormItem(T("Category"), category),
	), d.learnLine(c)) // casedetail_suggest.go
}

// draftEntry is a multi-line entry whose text survives redraws of the case.
func (d *caseDetail) draftEntry(c data.Case, box string) *widget.Entry {
	key := fmt.Sprintf("%d/%s", c.ID, box)
	e := widget.NewMultiLineEntry()
	e.SetText(d.drafts[key])
	d.remember(key, e, e)
	e.OnChanged = func(s string) {
		if s == "" {
			delete(d.drafts, key)
		} else {
			d.drafts[key] = s
		}
	}
	return e
}

func (d *caseDetail) noteBox(c data.Case) fyne.CanvasObject {
	note := d.draftEntry(c, "note")
	note.SetPlaceHolder(T("Add a note to the timeline…"))
	note.SetMinRowsVisible(2)
	note.Wrapping = fyne.TextWrapWord
	add := widget.NewButton(T("Add note"), func() {
		text := note.Text
		if d.apply(func() (data.Case, error) { return d.u.svc.Cases.AddNote(d.u.ctx, d.u.actor(), c.Number, text) }) {
			delete(d.drafts, fmt.Sprintf("%d/note", c.ID))
			d.reload()
		}
	})
	return container.NewBorder(nil, nil, nil, add, note)
}

// timeline lists events newest first.
func (d *caseDetail) timeline(c data.Case, st data.Settings) fyne.CanvasObject {
	box := container.NewVBox()
	for i := len(c.Timeline) - 1; i >= 0; i-- {
		e := c.Timeline[i]
		head := e.At.In(zone()).Format(receivedLayout) + "  " + orDash(e.By) + "  " + eventText(e, st)
		lb := widget.NewLabel(head)
		lb.Wrapping = fyne.TextWrapWord
		box.Add(lb)
	}
	return box
}

// eventText describes an event in the interface language.
func eventText(e data.Event, st data.Settings) string { return pr().Event(e, st) }

// customerHistory lists the customer's other cases; a tap opens one.
func (d *caseDetail) customerHistory(c data.Case) fyne.CanvasObject {
	rows, err := d.u.svc.Cases.CustomerCases(d.u.ctx, c.CustomerID)
	if err != nil {
		return widget.NewLabel(errorText(err))
	}
	box := container.NewVBox()
	for _, r := range rows {
		if r.ID == c.ID {
			continue
		}
		id := r.ID
		open := widget.NewButton(r.Number, func() { d.u.openCase(id) })
		open.Importance = widget.LowImportance
		text := widget.NewLabel(r.ReceivedAt.In(zone()).Format("2006-01-02") + "  " + statusLabel(r.Status) + "  " + r.Subject)
		text.Truncation = fyne.TextTruncateEllipsis // a long subject must not widen the pane
		box.Add(container.NewBorder(nil, nil, open, nil, text))
	}
	if len(box.Objects) == 0 {
		return box
	}
	title := TF("Other cases of {{.Name}} ({{.N}})", map[string]any{"Name": c.Customer.Name, "N": len(box.Objects)})
	return container.NewVBox(widget.NewSeparator(), widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), box)
}

// change applies one change of owner, waiting, severity or category.
func (d *caseDetail) change(c data.Case, ch data.CaseChanges) {
	d.apply(func() (data.Case, error) { return d.u.svc.Cases.Change(d.u.ctx, d.u.actor(), c.Number, ch) })
}

// apply runs a change, then redraws; an error is shown and nothing changes.
// It reports whether the change was made.
func (d *caseDetail) apply(change func() (data.Case, error)) bool {
	if !d.u.needUser() {
		d.draw(d.current) // put pickers back to the stored values
		return false
	}
	c, err := change()
	if err != nil {
		d.u.showError(err)
		d.draw(d.current)
		return false
	}
	d.draw(c)
	d.u.list.refresh()
	d.u.notify(TF("Saved case {{.Number}}", map[string]any{"Number": c.Number}))
	return true
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
