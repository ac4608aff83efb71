package ui

import (
	"reflect"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// caseLister is what the case list needs: the rows of a query.
type caseLister interface {
	List(f data.Filter, s data.Sort, now time.Time) []*data.Row
	Count() int
}

// listColumn is one column of the case table.
type listColumn struct {
	id    string // the column's name in the preferences
	title string
	width float32
	shown bool // shown until the user chooses otherwise
	sort  data.SortKey
	text  func(u *UI, r *data.Row, now time.Time) (string, widget.Importance)
}

// Preferences the list remembers: the columns shown (ids, comma-separated)
// and each column's width (prefListWidth + id).
const (
	prefListColumns = "list.columns"
	prefListWidth   = "list.width."
)

func listColumns() []listColumn {
	plain := func(f func(r *data.Row) string) func(*UI, *data.Row, time.Time) (string, widget.Importance) {
		return func(_ *UI, r *data.Row, _ time.Time) (string, widget.Importance) {
			return f(r), widget.MediumImportance
		}
	}
	return []listColumn{
		{"number", T("Number"), 118, true, data.SortNumber, plain(func(r *data.Row) string { return r.Number })},
		{"status", T("Status"), 96, true, data.SortStatus, plain(func(r *data.Row) string { return statusLabel(r.Status) })},
		{"severity", T("Severity"), 64, true, data.SortSeverity, func(_ *UI, r *data.Row, _ time.Time) (string, widget.Importance) {
			if r.Severity == data.SeverityUrgent {
				return severityLabel(r.Severity), widget.DangerImportance
			}
			return severityLabel(r.Severity), widget.MediumImportance
		}},
		{"first_due", T("Response due"), 158, true, data.SortFirstDue, func(_ *UI, r *data.Row, now time.Time) (string, widget.Importance) {
			return deadlineText(r.First, now)
		}},
		{"resolution_due", T("Resolution due"), 158, true, data.SortResolutionDue, func(_ *UI, r *data.Row, now time.Time) (string, widget.Importance) {
			return deadlineText(r.Resolution, now)
		}},
		{"customer", T("Customer"), 96, true, data.SortCustomer, plain(func(r *data.Row) string { return r.Customer })},
		{"owner", T("Owner"), 80, true, data.SortOwner, func(_ *UI, r *data.Row, _ time.Time) (string, widget.Importance) {
			if r.Owner == "" {
				return T("Unassigned"), widget.LowImportance
			}
			return r.Owner, widget.MediumImportance
		}},
		{"escalation", T("Escalation"), 72, true, data.SortEscalation, func(_ *UI, r *data.Row, _ time.Time) (string, widget.Importance) {
			if r.Escalation == data.EscalationStaff || r.Escalation == "" {
				return "—", widget.LowImportance
			}
			return escalationLabel(r.Escalation), widget.WarningImportance
		}},
		{"subject", T("Subject"), 220, true, data.SortSubject, plain(func(r *data.Row) string { return r.Subject })},
		{"channel", T("Channel"), 80, true, data.SortChannel, plain(func(r *data.Row) string { return channelLabel(r.Channel) })},
		{"category", T("Category"), 110, false, "", func(u *UI, r *data.Row, _ time.Time) (string, widget.Importance) {
			return categoryLabel(u.settings(), r.Category), widget.MediumImportance
		}},
		{"kind", T("Kind"), 72, false, data.SortKind, plain(func(r *data.Row) string { return kindLabel(r.Kind) })},
		{"received", T("Received"), 120, false, data.SortReceived, plain(func(r *data.Row) string {
			return r.ReceivedAt.In(zone()).Format("2006-01-02 15:04")
		})},
	}
}

// deadlineText shows a clock's due time, coloured by its state.
func deadlineText(c data.Clock, now time.Time) (string, widget.Importance) {
	due := c.Due.In(zone()).Format("01-02 15:04")
	switch c.State(now) {
	case data.ClockOverdue:
		return T("Overdue") + " " + due, widget.DangerImportance
	case data.ClockDueSoon:
		return T("Due soon") + " " + due, widget.WarningImportance
	case data.ClockOnTrack:
		return due, widget.MediumImportance
	case data.ClockPaused:
		return T("Paused"), widget.LowImportance
	case data.ClockMet:
		return T("Met"), widget.LowImportance
	case data.ClockMetLate:
		return T("Met late"), widget.LowImportance
	}
	return "—", widget.LowImportance
}

// statusFilter is the status drop-down: everything, open cases, or one status.
var statusFilters = append([]data.Status{"", "open"}, data.Statuses...)

func statusFilterLabel(s data.Status) string {
	switch s {
	case "":
		return T("All statuses")
	case "open":
		return T("Open cases")
	}
	return statusLabel(s)
}

// The owner drop-down's first choices; the staff's names follow.
const (
	ownerEveryone = ""
	ownerMine     = "\x00mine"
	ownerNone     = "\x00none"
)

func ownerFilterLabel(o string) string {
	switch o {
	case ownerEveryone:
		return T("Everyone's cases")
	case ownerMine:
		return T("My cases")
	case ownerNone:
		return T("Unassigned")
	}
	return o
}

// caseList is the filterable, sortable case table. It reads rows from the
// service's index through Table callbacks: no data binding, so 100,000 rows stay smooth.
type caseList struct {
	u       *UI
	content fyne.CanvasObject
	table   *listTable
	search  *widget.Entry
	count   *widget.Label
	all     []listColumn // every column, in their order
	cols    []listColumn // the columns shown

	status   *safeSelect
	severity *safeSelect
	channel  *safeSelect
	kind     *safeSelect
	category *safeSelect
	owner    *safeSelect
	from     *dateField
	to       *dateField
	overdue  *widget.Check
	dueSoon  *widget.Check
	waiting  *widget.Check
	escal    *widget.Check
	columns  *widget.Button
	clear    *widget.Button

	statusChoice   choice[data.Status]
	severityChoice choice[data.Severity]
	channelChoice  choice[data.Channel]
	kindChoice     choice[data.Kind]
	categoryChoice choice[string]
	ownerChoice    choice[string]

	// The empty state: why the list is empty, and what to do about it.
	empty       *fyne.Container
	emptyText   *widget.Label
	emptyAction *widget.Button
	// The banner over the list when the case in the detail is not in it.
	outside     *fyne.Container
	outsideText *widget.Label
	bar         *scrollIndicator

	filter   data.Filter
	sort     data.Sort
	rows     []*data.Row
	at       time.Time
	selected uint64
	selRow   int  // the table row highlighted for selected; -1 for none
	quiet    bool // a refresh is moving the highlight: the detail is not redrawn for it
	building bool // the filters are being set up or reset: one query at the end
	debounce *time.Timer
	delay    time.Duration // pause in typing before searching; 0 searches at once

	widthTimer *time.Timer // saves the widths when a column's edge stops moving

	export *widget.Button // Export… the current filter as XLSX or CSV (export.go); nil without an exporter
}

func newCaseList(u *UI) *caseList {
	l := &caseList{u: u, all: listColumns(), delay: 200 * time.Millisecond, selRow: -1, building: true}
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(T("Search number, customer, phone, e-mail, subject, booking…"))
	l.search.OnChanged = func(string) { l.searchLater() }

	l.statusChoice = newChoice(statusFilters, statusFilterLabel)
	l.status = newSelect(l.statusChoice.labels, func(string) { l.applyFilters() })
	l.statusChoice.set(l.status, "open")

	l.severityChoice = newChoice(append([]data.Severity{""}, data.Severities...), func(s data.Severity) string {
		if s == "" {
			return T("All severities")
		}
		return severityLabel(s)
	})
	l.severity = newSelect(l.severityChoice.labels, func(string) { l.applyFilters() })
	l.severity.SetSelectedIndex(0)

	l.channelChoice = newChoice(append([]data.Channel{""}, data.Channels...), func(c data.Channel) string {
		if c == "" {
			return T("All channels")
		}
		return channelLabel(c)
	})
	l.channel = newSelect(l.channelChoice.labels, func(string) { l.applyFilters() })
	l.channel.SetSelectedIndex(0)

	l.kindChoice = newChoice(append([]data.Kind{""}, data.Kinds...), func(k data.Kind) string {
		if k == "" {
			return T("All kinds")
		}
		return kindLabel(k)
	})
	l.kind = newSelect(l.kindChoice.labels, func(string) { l.applyFilters() })
	l.kind.SetSelectedIndex(0)

	l.category = newSelect(nil, func(string) { l.applyFilters() })
	l.owner = newSelect(nil, func(string) { l.applyFilters() })
	l.reloadChoices()

	l.from = newDateField(nil)
	l.from.SetPlaceHolder(T("Received from"))
	l.from.onText = func(string) { l.applyFilters() }
	l.to = newDateField(nil)
	l.to.SetPlaceHolder(T("Received to"))
	l.to.onText = func(string) { l.applyFilters() }

	l.overdue = widget.NewCheck(T("Overdue"), func(bool) { l.applyFilters() })
	l.dueSoon = widget.NewCheck(T("Due soon"), func(bool) { l.applyFilters() })
	l.waiting = widget.NewCheck(T("Waiting"), func(bool) { l.applyFilters() })
	l.escal = widget.NewCheck(T("Escalated"), func(bool) { l.applyFilters() })
	l.count = widget.NewLabel("")
	l.count.Truncation = fyne.TextTruncateEllipsis
	l.columns = widget.NewButtonWithIcon(T("Columns…"), theme.ListIcon(), l.showColumnChooser)
	l.columns.Importance = widget.LowImportance
	l.clear = widget.NewButton(T("Clear filters"), l.clearFilters)
	l.clear.Importance = widget.LowImportance

	l.table = newListTable(
		func() (int, int) { return len(l.rows), len(l.cols) },
		func() fyne.CanvasObject {
			lb := widget.NewLabel("")
			lb.Truncation = fyne.TextTruncateEllipsis
			return lb
		},
		l.updateCell,
	)
	l.table.ShowHeaderColumn = false
	l.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	l.table.UpdateHeader = l.updateHeader
	l.table.resized = l.saveWidths
	l.loadColumns()
	l.table.OnSelected = func(id widget.TableCellID) {
		if id.Row < 0 || id.Row >= len(l.rows) {
			return
		}
		id64 := l.rows[id.Row].ID
		l.selRow = id.Row
		if l.quiet && id64 == u.detail.id {
			return // the same case, found again after a refresh: no redraw
		}
		l.selected = id64
		l.outside.Hide()
		u.detail.show(l.selected)
	}

	l.emptyText = widget.NewLabel("")
	l.emptyText.Wrapping = fyne.TextWrapWord
	l.emptyText.Alignment = fyne.TextAlignCenter
	l.emptyAction = widget.NewButton("", nil)
	l.empty = container.NewVBox(layoutSpacer(), l.emptyText, container.NewCenter(l.emptyAction))
	l.empty.Hide()

	l.outsideText = widget.NewLabel("")
	l.outsideText.Wrapping = fyne.TextWrapWord
	showAll := widget.NewButton(T("Clear filters"), l.clearFilters)
	hide := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { l.outside.Hide() })
	hide.Importance = widget.LowImportance
	l.outside = container.NewBorder(nil, nil, nil, container.NewHBox(showAll, hide), l.outsideText)
	l.outside.Hide()

	// Two rows, each scrolling sideways on a narrow window: what to list, then when and how.
	pickers := container.NewHBox(l.status, l.owner, l.severity, l.kind, l.category, l.channel)
	more := container.NewHBox(sized(l.from, 175), sized(l.to, 175), l.overdue, l.dueSoon, l.waiting, l.escal)
	// The count, and beside it what is always within reach however narrow the list.
	tools := container.NewHBox(l.clear, l.columns)
	if u.svc.Exporter != nil { // export.go
		l.export = widget.NewButtonWithIcon(T("export.gui.button"), theme.DocumentSaveIcon(), func() { u.showExportDialog() })
		l.export.Importance = widget.LowImportance
		tools.Add(l.export)
	}
	countRow := container.NewBorder(nil, nil, nil, tools, l.count)
	top := container.NewVBox(l.search, container.NewHScroll(pickers), container.NewHScroll(more), countRow, l.outside)
	// Fyne draws the table's own scroll bar as a 3-pixel line until the
	// pointer is over it: a bar beside it shows always where the list is.
	l.bar = newScrollIndicator(l.table)
	l.content = container.NewBorder(top, nil, nil, l.bar, container.NewStack(l.table, l.empty))
	l.building = false
	l.applyFilters()
	return l
}

// layoutSpacer pushes the empty state's text down from the header row.
func layoutSpacer() fyne.CanvasObject {
	r := widget.NewLabel("")
	r.Hide()
	return container.NewPadded(r)
}

// sized gives a date entry a fixed width in the filter row (its own minimum
// is a few characters).
func sized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

// reloadChoices fills the category and owner drop-downs from the settings,
// keeping what was chosen; it reports whether they changed.
func (l *caseList) reloadChoices() bool {
	st := l.u.settings()
	cats := []string{""}
	for _, c := range st.Categories {
		cats = append(cats, c.Slug)
	}
	owners := []string{ownerEveryone, ownerMine, ownerNone}
	for _, m := range st.Staff {
		owners = append(owners, m.Name)
	}
	if slices.Equal(cats, l.categoryChoice.values) && slices.Equal(owners, l.ownerChoice.values) &&
		len(l.category.Options) == len(cats) {
		return false
	}
	oldCat, oldOwner := l.categoryChoice.value(l.category), l.ownerChoice.value(l.owner)
	if len(l.owner.Options) == 0 {
		oldOwner = ownerEveryone
	}
	l.categoryChoice = newChoice(cats, func(s string) string {
		if s == "" {
			return T("All categories")
		}
		return categoryLabel(st, s)
	})
	l.ownerChoice = newChoice(owners, ownerFilterLabel)
	was := l.building
	l.building = true
	l.category.Options = l.categoryChoice.labels
	l.categoryChoice.set(l.category, oldCat)
	if l.category.SelectedIndex() < 0 {
		l.category.SetSelectedIndex(0)
	}
	l.owner.Options = l.ownerChoice.labels
	l.ownerChoice.set(l.owner, oldOwner)
	if l.owner.SelectedIndex() < 0 {
		l.owner.SetSelectedIndex(0)
	}
	l.building = was
	return true
}

// loadColumns applies the remembered column choice and widths.
func (l *caseList) loadColumns() {
	prefs := l.u.app.Preferences()
	var shown []string
	if s := prefs.String(prefListColumns); s != "" {
		shown = strings.Split(s, ",")
	}
	l.cols = l.cols[:0]
	for _, c := range l.all {
		if (shown == nil && c.shown) || slices.Contains(shown, c.id) || c.id == "number" {
			if w := prefs.Float(prefListWidth + c.id); w >= 40 && w <= 2000 {
				c.width = float32(w)
			}
			l.cols = append(l.cols, c)
		}
	}
	for i, c := range l.cols {
		l.table.SetColumnWidth(i, c.width)
	}
}

// setColumnShown shows or hides a column and remembers the choice.
func (l *caseList) setColumnShown(id string, shown bool) {
	var ids []string
	for _, c := range l.all {
		on := slices.ContainsFunc(l.cols, func(x listColumn) bool { return x.id == c.id })
		if c.id == id {
			on = shown
		}
		if on || c.id == "number" {
			ids = append(ids, c.id)
		}
	}
	l.u.app.Preferences().SetString(prefListColumns, strings.Join(ids, ","))
	l.loadColumns()
	l.table.Refresh()
}

// saveWidths remembers the widths after the user dragged a column's edge.
func (l *caseList) saveWidths() {
	for i, c := range l.cols {
		if w, ok := l.table.columnWidth(i); ok && w != c.width {
			l.cols[i].width = w
			l.u.app.Preferences().SetFloat(prefListWidth+c.id, float64(w))
		}
	}
}

// watchWidth notices that a column's edge is being dragged (the table redraws
// its header at each step) and saves the widths once the dragging pauses.
func (l *caseList) watchWidth(col int) {
	if col < 0 || col >= len(l.cols) {
		return
	}
	if w, ok := l.table.columnWidth(col); !ok || w == l.cols[col].width {
		return
	}
	if l.widthTimer != nil {
		l.widthTimer.Stop()
	}
	l.widthTimer = time.AfterFunc(400*time.Millisecond, func() { l.u.do(l.saveWidths) })
}

// showColumnChooser opens a pop-up of check boxes, one per column.
func (l *caseList) showColumnChooser() {
	box := container.NewVBox()
	for _, c := range l.all {
		on := slices.ContainsFunc(l.cols, func(x listColumn) bool { return x.id == c.id })
		id := c.id
		chk := widget.NewCheck(c.title, func(v bool) { l.setColumnShown(id, v) })
		chk.SetChecked(on)
		if id == "number" {
			chk.Disable() // the number is how a case is named: always shown
		}
		box.Add(chk)
	}
	pop := widget.NewPopUp(box, l.u.win.Canvas())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(l.columns)
	pop.ShowAtPosition(pos.Add(fyne.NewPos(0, l.columns.Size().Height)))
}

func (l *caseList) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if l.bar != nil {
		l.bar.update() // new cells come into view as the table scrolls
	}
	lb := o.(*widget.Label)
	if id.Row >= len(l.rows) || id.Col >= len(l.cols) {
		lb.SetText("")
		return
	}
	text, imp := l.cols[id.Col].text(l.u, l.rows[id.Row], l.at)
	lb.Importance = imp
	lb.TextStyle.Bold = id.Col == 0
	lb.SetText(text)
}

func (l *caseList) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	l.watchWidth(id.Col)
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(l.cols) {
		b.SetText("")
		b.OnTapped = nil
		return
	}
	col := l.cols[id.Col]
	text := col.title
	key := l.sort.Key
	if key == "" {
		key = data.SortReceived
	}
	if col.sort != "" && col.sort == key {
		if l.sort.Asc {
			text += " ▲"
		} else {
			text += " ▼"
		}
	}
	b.SetText(text)
	b.Importance = widget.LowImportance
	b.OnTapped = func() {
		if col.sort == "" {
			return
		}
		if l.sort.Key == col.sort {
			l.sort.Asc = !l.sort.Asc
		} else {
			l.sort = data.Sort{Key: col.sort, Asc: true}
		}
		l.refresh()
		l.table.ScrollToTop()
	}
}

// searchLater waits for a pause in typing so an IME's intermediate text does
// not trigger a search per keystroke.
func (l *caseList) searchLater() {
	if l.debounce != nil {
		l.debounce.Stop()
	}
	if l.delay == 0 {
		l.applyFilters()
		return
	}
	l.debounce = time.AfterFunc(l.delay, func() { l.u.do(l.applyFilters) })
}

// day is the start of a date entry's day in the agency's zone.
func day(e *dateField) time.Time {
	if e.Date == nil {
		return time.Time{}
	}
	y, m, d := e.Date.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, zone())
}

// currentFilter reads the filter widgets.
func (l *caseList) currentFilter() data.Filter {
	f := data.Filter{Query: l.search.Text, Overdue: l.overdue.Checked, DueSoon: l.dueSoon.Checked, Waiting: l.waiting.Checked, Escalated: l.escal.Checked}
	switch st := l.statusChoice.value(l.status); st {
	case "":
	case "open":
		f.OpenOnly = true
	default:
		f.Statuses = []data.Status{st}
	}
	f.Severity = l.severityChoice.value(l.severity)
	f.Channel = l.channelChoice.value(l.channel)
	f.Kind = l.kindChoice.value(l.kind)
	f.Category = l.categoryChoice.value(l.category)
	switch o := l.ownerChoice.value(l.owner); o {
	case ownerEveryone:
	case ownerMine:
		f.Owner = l.u.currentUser()
		if f.Owner == "" {
			f.Owner = ownerMine // nobody is working: nobody's cases are "mine"
		}
	case ownerNone:
		f.NoOwner = true
	default:
		f.Owner = o
	}
	f.ReceivedFrom = day(l.from)
	if to := day(l.to); !to.IsZero() {
		f.ReceivedTo = to.AddDate(0, 0, 1) // the whole last day
	}
	return f
}

// applyFilters runs the query the filters ask for and starts the list at its top.
func (l *caseList) applyFilters() {
	if l.count == nil || l.building { // still being built, or several filters are being set at once
		return
	}
	l.filter = l.currentFilter()
	l.refresh()
	l.table.ScrollToTop()
}

// userChanged follows a new person under "Working as" when the list shows "my cases".
func (l *caseList) userChanged() {
	if l.count != nil && l.ownerChoice.value(l.owner) == ownerMine {
		l.applyFilters()
	}
}

// clearFilters shows every case: all statuses, everyone's, no search.
func (l *caseList) clearFilters() {
	l.building = true
	l.search.SetText("")
	l.statusChoice.set(l.status, "")
	for _, s := range []*safeSelect{l.severity, l.channel, l.kind, l.category, l.owner} {
		s.SetSelectedIndex(0)
	}
	l.from.SetDate(nil)
	l.to.SetDate(nil)
	for _, c := range []*widget.Check{l.overdue, l.dueSoon, l.waiting, l.escal} {
		c.SetChecked(false)
	}
	l.building = false
	l.applyFilters()
	if l.selected != 0 {
		l.reveal(l.selected)
	}
}

// searchAllStatuses keeps the search and drops the status filter.
func (l *caseList) searchAllStatuses() {
	l.statusChoice.set(l.status, "")
}

// refresh runs the query again, keeping the selected case selected. It
// neither rebuilds the open case nor scrolls the table when the selected case
// is still on the same row (the minute's refresh, a sync's changes, a
// filter): rebuilding the case's pickers under the clerk's pointer is what
// let a tap reach a Select not on the canvas (see safeSelect).
func (l *caseList) refresh() {
	if l.reloadChoices() {
		l.filter = l.currentFilter()
	}
	l.at = l.u.now()
	l.rows = l.u.svc.Cases.List(l.filter, l.sort, l.at)
	l.saveWidths() // a column's edge may have been dragged since
	l.count.SetText(l.countText())
	l.showEmpty()
	l.table.Refresh()
	l.bar.update()
	row := l.rowOf(l.selected)
	switch {
	case row == l.selRow:
	case row < 0:
		l.table.UnselectAll()
		l.selRow = -1
	default:
		l.quiet = true
		l.table.Select(widget.TableCellID{Row: row, Col: 0})
		l.quiet = false
	}
	l.showOutside()
}

// filterLabels name the filters that apply, for the count line.
func (l *caseList) filterLabels() []string {
	var out []string
	if st := l.statusChoice.value(l.status); st != "" {
		out = append(out, statusFilterLabel(st))
	}
	if o := l.ownerChoice.value(l.owner); o != ownerEveryone {
		out = append(out, ownerFilterLabel(o))
	}
	for _, s := range []struct {
		sel    *safeSelect
		active bool
	}{{l.severity, l.filter.Severity != ""}, {l.kind, l.filter.Kind != ""}, {l.category, l.filter.Category != ""}, {l.channel, l.filter.Channel != ""}} {
		if s.active {
			out = append(out, s.sel.Selected)
		}
	}
	if f, t := day(l.from), day(l.to); !f.IsZero() || !t.IsZero() {
		text := func(d time.Time) string {
			if d.IsZero() {
				return "…"
			}
			return d.Format("2006-01-02")
		}
		out = append(out, TF("received {{.From}} – {{.To}}", map[string]any{"From": text(f), "To": text(t)}))
	}
	for _, c := range []*widget.Check{l.overdue, l.dueSoon, l.waiting, l.escal} {
		if c.Checked {
			out = append(out, c.Text)
		}
	}
	if q := strings.TrimSpace(l.filter.Query); q != "" {
		out = append(out, TF("“{{.Query}}”", map[string]any{"Query": q}))
	}
	return out
}

// countText is "12 of 400 cases · Open cases · My cases".
func (l *caseList) countText() string {
	parts := append([]string{TF("{{.N}} of {{.Total}} cases", map[string]any{"N": len(l.rows), "Total": l.u.svc.Cases.Count()})}, l.filterLabels()...)
	return strings.Join(parts, " · ")
}

// showEmpty says why the list is empty, with the way out.
func (l *caseList) showEmpty() {
	if len(l.rows) > 0 {
		l.empty.Hide()
		l.table.Show()
		return
	}
	l.table.Hide() // no grid of empty columns under the message
	q := strings.TrimSpace(l.filter.Query)
	status := l.statusChoice.value(l.status)
	others := len(l.filterLabels()) > 0
	action, text := l.clearFilters, ""
	actionText := T("Clear filters")
	switch {
	case l.u.svc.Cases.Count() == 0:
		text, action = T("No cases yet. Record the first one with New case (Ctrl+N)."), nil
	case l.ownerChoice.value(l.owner) == ownerMine && l.u.currentUser() == "":
		text, action = T("Choose yourself under “Working as” (top right) to see your cases."), nil
	case q != "" && status != "":
		text = TF("Nothing matches “{{.Query}}” among {{.Status}}. Search all statuses?", map[string]any{"Query": q, "Status": statusFilterLabel(status)})
		action, actionText = l.searchAllStatuses, T("Search all statuses")
	case q != "":
		text = TF("Nothing matches “{{.Query}}”.", map[string]any{"Query": q})
	case status == "open" && len(l.filterLabels()) == 1:
		text, action = T("No open cases."), nil
	case status != "" && len(l.filterLabels()) == 1:
		text = TF("No cases are {{.Status}}.", map[string]any{"Status": statusFilterLabel(status)})
	case others:
		text = TF("No cases match these filters: {{.Filters}}.", map[string]any{"Filters": strings.Join(l.filterLabels(), " · ")})
	}
	l.emptyText.SetText(text)
	if action == nil {
		l.emptyAction.Hide()
	} else {
		l.emptyAction.SetText(actionText)
		l.emptyAction.OnTapped = action
		l.emptyAction.Show()
	}
	l.empty.Show()
}

// showOutside tells, over the list, when the case shown in the detail is
// not in it.
func (l *caseList) showOutside() {
	id := l.u.detail.id
	if id == 0 || l.rowOf(id) >= 0 {
		l.outside.Hide()
		return
	}
	number := l.u.detail.current.Number
	l.outsideText.SetText(TF("{{.Number}} (shown on the right) is outside the current filter.", map[string]any{"Number": number}))
	l.outside.Show()
}

// rowOf is the row of case id in the current list, or -1.
func (l *caseList) rowOf(id uint64) int {
	if id == 0 {
		return -1
	}
	for i, r := range l.rows {
		if r.ID == id {
			return i
		}
	}
	return -1
}

// selectID highlights a case if it is in the current list.
func (l *caseList) selectID(id uint64) {
	if i := l.rowOf(id); i >= 0 {
		l.selected = id
		l.table.Select(widget.TableCellID{Row: i, Col: 0})
	}
}

// reveal makes case id the list's selection: highlighted and scrolled to
// when the list holds it, else the banner says it is outside the filter.
func (l *caseList) reveal(id uint64) {
	l.selected = id
	if i := l.rowOf(id); i >= 0 {
		l.quiet = true
		l.table.Select(widget.TableCellID{Row: i, Col: 0})
		l.quiet = false
		l.selRow = i
		l.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
	} else {
		l.table.UnselectAll()
		l.selRow = -1
	}
	l.showOutside()
}

// listTable is the case table; it tells when the user has dragged a
// column's edge, so the widths can be remembered.
type listTable struct {
	widget.Table
	resized func()
	moved   func() // the table was scrolled or resized
}

// Resize lays the table out and tells the scroll bar.
func (t *listTable) Resize(s fyne.Size) {
	t.Table.Resize(s)
	if t.moved != nil {
		t.moved()
	}
}

// ScrollToTop, ScrollToBottom and ScrollToOffset move the table and tell the scroll bar.
func (t *listTable) ScrollToTop() { t.Table.ScrollToTop(); t.tell() }

func (t *listTable) ScrollToBottom() { t.Table.ScrollToBottom(); t.tell() }

func (t *listTable) ScrollToOffset(p fyne.Position) { t.Table.ScrollToOffset(p); t.tell() }

func (t *listTable) ScrollTo(id widget.TableCellID) { t.Table.ScrollTo(id); t.tell() }

func (t *listTable) tell() {
	if t.moved != nil {
		t.moved()
	}
}

// field reads an unexported field of Fyne's table by name (see columnWidth).
func (t *listTable) field(name string) reflect.Value {
	return reflect.ValueOf(&t.Table).Elem().FieldByName(name)
}

// extent is how far the rows reach below the header and how much of them
// the table shows: the scroll bar's proportions.
func (t *listTable) extent() (offset, content, view float32, ok bool) {
	cell, head := t.field("cellSize"), t.field("headerSize")
	if !cell.IsValid() || !head.IsValid() || t.Length == nil {
		return 0, 0, 0, false
	}
	rows, _ := t.Length()
	rowH := float32(cell.FieldByName("Height").Float()) + theme.Padding()
	content = float32(rows) * rowH
	view = t.Size().Height - float32(head.FieldByName("Height").Float())
	return t.offset().Y, content, view, view > 0
}

func newListTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *listTable {
	t := &listTable{}
	t.Length, t.CreateCell, t.UpdateCell = length, create, update
	t.ShowHeaderRow = true
	t.ExtendBaseWidget(t)
	return t
}

// DragEnd ends a drag on the table. (Fyne sends the end of a drag on the
// header row to its inner table, not here: the list notices a column's new
// width as the header is redrawn, see watchWidth.)
func (t *listTable) DragEnd() {
	t.Table.DragEnd()
	if t.resized != nil {
		t.resized()
	}
}

// columnWidth is a column's width as the table has it. Fyne keeps the widths
// a drag sets unexported; reflection reads them (a test fails if Fyne renames
// the field).
func (t *listTable) columnWidth(col int) (float32, bool) {
	m := t.field("columnWidths")
	if !m.IsValid() || m.Kind() != reflect.Map || m.IsNil() {
		return 0, false
	}
	v := m.MapIndex(reflect.ValueOf(col))
	if !v.IsValid() {
		return 0, false
	}
	return float32(v.Float()), true
}

// offset is how far the table is scrolled.
func (t *listTable) offset() fyne.Position {
	v := t.field("offset")
	if !v.IsValid() {
		return fyne.Position{}
	}
	return fyne.NewPos(float32(v.Field(0).Float()), float32(v.Field(1).Float()))
}
