package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	title string
	width float32
	sort  data.SortKey
	text  func(u *UI, r *data.Row, now time.Time) (string, widget.Importance)
}

func listColumns() []listColumn {
	plain := func(f func(r *data.Row) string) func(*UI, *data.Row, time.Time) (string, widget.Importance) {
		return func(_ *UI, r *data.Row, _ time.Time) (string, widget.Importance) {
			return f(r), widget.MediumImportance
		}
	}
	return []listColumn{
		{T("Number"), 118, data.SortNumber, plain(func(r *data.Row) string { return r.Number })},
		{T("Status"), 96, data.SortStatus, plain(func(r *data.Row) string { return statusLabel(r.Status) })},
		{T("Severity"), 64, data.SortSeverity, func(_ *UI, r *data.Row, _ time.Time) (string, widget.Importance) {
			if r.Severity == data.SeverityUrgent {
				return severityLabel(r.Severity), widget.DangerImportance
			}
			return severityLabel(r.Severity), widget.MediumImportance
		}},
		{T("Response due"), 158, data.SortFirstDue, func(_ *UI, r *data.Row, now time.Time) (string, widget.Importance) {
			return deadlineText(r.First, now)
		}},
		{T("Resolution due"), 158, data.SortResolutionDue, func(_ *UI, r *data.Row, now time.Time) (string, widget.Importance) {
			return deadlineText(r.Resolution, now)
		}},
		{T("Customer"), 96, data.SortCustomer, plain(func(r *data.Row) string { return r.Customer })},
		{T("Subject"), 220, data.SortSubject, plain(func(r *data.Row) string { return r.Subject })},
		{T("Channel"), 80, data.SortChannel, plain(func(r *data.Row) string { return channelLabel(r.Channel) })},
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

// caseList is the filterable, sortable case table. It reads rows from the
// service's index through Table callbacks: no data binding, so 100,000 rows stay smooth.
type caseList struct {
	u       *UI
	content fyne.CanvasObject
	table   *widget.Table
	search  *widget.Entry
	count   *widget.Label
	cols    []listColumn

	status   *safeSelect
	severity *safeSelect
	channel  *safeSelect
	overdue  *widget.Check
	dueSoon  *widget.Check
	waiting  *widget.Check

	statusChoice   choice[data.Status]
	severityChoice choice[data.Severity]
	channelChoice  choice[data.Channel]

	filter   data.Filter
	sort     data.Sort
	rows     []*data.Row
	at       time.Time
	selected uint64
	selRow   int  // the table row highlighted for selected; -1 for none
	quiet    bool // a refresh is moving the highlight: the detail is not redrawn for it
	debounce *time.Timer
	delay    time.Duration // pause in typing before searching; 0 searches at once
}

func newCaseList(u *UI) *caseList {
	l := &caseList{u: u, cols: listColumns(), delay: 200 * time.Millisecond, selRow: -1}
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

	l.overdue = widget.NewCheck(T("Overdue"), func(bool) { l.applyFilters() })
	l.dueSoon = widget.NewCheck(T("Due soon"), func(bool) { l.applyFilters() })
	l.waiting = widget.NewCheck(T("Waiting"), func(bool) { l.applyFilters() })
	l.count = widget.NewLabel("")

	l.table = widget.NewTableWithHeaders(
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
	for i, c := range l.cols {
		l.table.SetColumnWidth(i, c.width)
	}
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
		u.detail.show(l.selected)
	}

	filters := container.NewHBox(l.status, l.severity, l.channel, l.overdue, l.dueSoon, l.waiting)
	top := container.NewVBox(l.search, container.NewBorder(nil, nil, nil, l.count, container.NewHScroll(filters)))
	l.content = container.NewBorder(top, nil, nil, nil, l.table)
	l.applyFilters()
	return l
}

func (l *caseList) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
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
	if col.sort == key {
		if l.sort.Asc {
			text += " ▲"
		} else {
			text += " ▼"
		}
	}
	b.SetText(text)
	b.Importance = widget.LowImportance
	b.OnTapped = func() {
		if l.sort.Key == col.sort {
			l.sort.Asc = !l.sort.Asc
		} else {
			l.sort = data.Sort{Key: col.sort, Asc: true}
		}
		l.refresh()
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

func (l *caseList) applyFilters() {
	if l.count == nil { // still being built
		return
	}
	f := data.Filter{Query: l.search.Text, Overdue: l.overdue.Checked, DueSoon: l.dueSoon.Checked, Waiting: l.waiting.Checked}
	switch st := l.statusChoice.value(l.status); st {
	case "":
	case "open":
		f.OpenOnly = true
	default:
		f.Statuses = []data.Status{st}
	}
	f.Severity = l.severityChoice.value(l.severity)
	f.Channel = l.channelChoice.value(l.channel)
	l.filter = f
	l.refresh()
}

// refresh runs the query again, keeping the selected case selected. It
// neither rebuilds the open case nor scrolls the table when the selected case
// is still on the same row (the minute's refresh, a sync's changes, a
// filter): rebuilding the case's pickers under the clerk's pointer is what
// let a tap reach a Select not on the canvas (see safeSelect).
func (l *caseList) refresh() {
	l.at = l.u.now()
	l.rows = l.u.svc.Cases.List(l.filter, l.sort, l.at)
	l.count.SetText(TF("{{.N}} of {{.Total}} cases", map[string]any{"N": len(l.rows), "Total": l.u.svc.Cases.Count()}))
	l.table.Refresh()
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
