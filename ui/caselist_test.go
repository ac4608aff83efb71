package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// listFixture records cases of known kinds, categories, owners and received
// days (d days ago, at 10:00 in the agency's zone).
func listFixture(t *testing.T, u *UI) map[string]data.Case {
	t.Helper()
	svc := u.svc.Cases.(*testService)
	now := time.Now().In(zone())
	at := func(daysAgo int) time.Time {
		y, m, d := now.AddDate(0, 0, -daysAgo).Date()
		return time.Date(y, m, d, 10, 0, 0, 0, zone())
	}
	out := map[string]data.Case{}
	for _, f := range []struct {
		name, category, owner string
		kind                  data.Kind
		days                  int
	}{
		{"meals-wang", "meals", "王芳", data.KindComplaint, 1},
		{"shopping-chen", "forced_shopping", "陈静", data.KindComplaint, 5},
		{"shopping-none", "forced_shopping", "", data.KindSuggestion, 10},
		{"other-wang", "other", "王芳", data.KindRequest, 30},
	} {
		c, err := svc.CreateCase(context.Background(), data.NewCase{Kind: f.kind, Severity: data.SeverityNormal,
			Channel: data.ChannelPhone, Category: f.category, Subject: "强制购物 " + f.name, Owner: f.owner, ReceivedAt: at(f.days),
			Customer: data.Customer{Name: "客人", Phone: "13600000000"}})
		if err != nil {
			t.Fatal(err)
		}
		out[f.name] = c
	}
	u.refreshAll()
	return out
}

func listed(u *UI) []string {
	var out []string
	for _, r := range u.list.rows {
		out = append(out, strings.TrimPrefix(r.Subject, "强制购物 "))
	}
	return out
}

func TestCaseListNewFilters(t *testing.T) {
	u, _ := newTestUI(t)
	cases := listFixture(t, u)
	l := u.list
	check := func(what string, want ...string) {
		t.Helper()
		if got := listed(u); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: %v, want %v", what, got, want)
		}
	}
	check("open cases, newest first", "meals-wang", "shopping-chen", "shopping-none", "other-wang")

	l.ownerChoice.set(l.owner, ownerMine) // 王芳 is working
	check("mine", "meals-wang", "other-wang")
	if !strings.Contains(l.count.Text, "2 of 4 cases · Open cases · My cases") {
		t.Errorf("count line %q", l.count.Text)
	}
	u.user.SetSelected("陈静") // "mine" follows the person working
	check("mine as 陈静", "shopping-chen")
	l.ownerChoice.set(l.owner, ownerNone)
	check("unassigned", "shopping-none")
	l.ownerChoice.set(l.owner, "王芳")
	check("a person", "meals-wang", "other-wang")
	l.ownerChoice.set(l.owner, ownerEveryone)

	l.categoryChoice.set(l.category, "forced_shopping")
	check("category", "shopping-chen", "shopping-none")
	l.kindChoice.set(l.kind, data.KindSuggestion)
	check("category and kind", "shopping-none")
	if !strings.Contains(l.count.Text, "1 of 4 cases · Open cases · Suggestion · Forced shopping") {
		t.Errorf("count line %q", l.count.Text)
	}
	l.clearFilters()
	check("cleared", "meals-wang", "shopping-chen", "shopping-none", "other-wang")

	// Escalated: only cases raised above staff.
	sup := data.EscalationSupervisor
	if _, err := u.svc.Cases.Change(context.Background(), data.Actor{Name: "陈静", Role: data.RoleSupervisor},
		cases["meals-wang"].Number, data.CaseChanges{Escalation: &sup}); err != nil {
		t.Fatal(err)
	}
	u.refreshAll()
	l.escal.SetChecked(true)
	check("escalated", "meals-wang")
	if got := l.rows[0].Owner; got != "陈静" {
		t.Errorf("escalated case owned by %q, want the supervisor", got)
	}
	l.escal.SetChecked(false)

	// Received from 12 days ago to 3 days ago, whole days in the agency's zone.
	now := time.Now().In(zone()) // days as the agency reads them
	from, to := now.AddDate(0, 0, -12), now.AddDate(0, 0, -5)
	l.from.SetDate(&from)
	check("from", "meals-wang", "shopping-chen", "shopping-none")
	l.to.SetDate(&to)
	check("from and to (the last day whole)", "shopping-chen", "shopping-none")
	if !strings.Contains(l.count.Text, "received "+from.Format("2006-01-02")+" – "+to.Format("2006-01-02")) {
		t.Errorf("count line %q", l.count.Text)
	}
}

func TestEmptyListSaysWhyAndSearchesAllStatuses(t *testing.T) {
	u, s := newTestUI(t)
	l := u.list
	if !l.empty.Visible() || !strings.Contains(l.emptyText.Text, "No cases yet") {
		t.Errorf("new database: %v %q", l.empty.Visible(), l.emptyText.Text)
	}
	cases := listFixture(t, u)
	if l.empty.Visible() {
		t.Error("empty state over a list with rows")
	}
	// Close one; only open cases are listed.
	c := cases["shopping-none"]
	if _, err := s.Move(context.Background(), c.Number, data.StatusDeclined, "王芳", "不属于本社"); err != nil {
		t.Fatal(err)
	}
	u.refreshAll()
	test.Type(l.search, "shopping-none")
	if !l.empty.Visible() || l.emptyText.Text != "Nothing matches “shopping-none” among Open cases. Search all statuses?" {
		t.Fatalf("search outside the status: %v %q", l.empty.Visible(), l.emptyText.Text)
	}
	if !l.emptyAction.Visible() || l.emptyAction.Text != "Search all statuses" {
		t.Fatalf("no way out: %q", l.emptyAction.Text)
	}
	test.Tap(l.emptyAction)
	if got := listed(u); len(got) != 1 || got[0] != "shopping-none" || l.empty.Visible() {
		t.Errorf("after search all statuses: %v", got)
	}
	if l.search.Text != "shopping-none" || l.statusChoice.value(l.status) != "" {
		t.Error("the search or the status was not kept as asked")
	}
	// Nothing anywhere.
	l.search.SetText("没有这个词")
	if l.emptyText.Text != "Nothing matches “没有这个词”." || l.emptyAction.Text != "Clear filters" {
		t.Errorf("no match at all: %q / %q", l.emptyText.Text, l.emptyAction.Text)
	}
	// No open cases at all.
	l.search.SetText("")
	for _, c := range cases {
		s.Move(context.Background(), c.Number, data.StatusDeclined, "王芳", "x")
	}
	l.statusChoice.set(l.status, "open")
	u.refreshAll()
	if l.emptyText.Text != "No open cases." || l.emptyAction.Visible() {
		t.Errorf("no open cases: %q, action shown %v", l.emptyText.Text, l.emptyAction.Visible())
	}
}

func TestFilterChangeScrollsToTop(t *testing.T) {
	u, _ := newTestUI(t)
	addCases(t, u, 120)
	l := u.list
	l.table.ScrollToBottom()
	if l.table.offset().Y <= 0 {
		t.Fatalf("the table did not scroll: offset %v (%d rows)", l.table.offset(), len(l.rows))
	}
	l.severityChoice.set(l.severity, data.SeverityNormal)
	if y := l.table.offset().Y; y != 0 {
		t.Errorf("after a filter change the list is at %v, not the top", y)
	}
	l.table.ScrollToBottom()
	test.Type(l.search, "午餐")
	if y := l.table.offset().Y; y != 0 {
		t.Errorf("after a search the list is at %v, not the top", y)
	}
}

func TestOpenCaseOutsideTheFilterSaysSo(t *testing.T) {
	u, s := newTestUI(t)
	cases := listFixture(t, u)
	c := cases["other-wang"]
	if _, err := s.Move(context.Background(), c.Number, data.StatusDeclined, "王芳", "x"); err != nil {
		t.Fatal(err)
	}
	u.refreshAll()
	l := u.list
	// In the list: selected, no banner.
	in := cases["shopping-chen"]
	u.openCase(in.ID)
	if l.selected != in.ID || l.selRow != l.rowOf(in.ID) || l.outside.Visible() {
		t.Fatalf("case in the list: selected %d row %d banner %v", l.selected, l.selRow, l.outside.Visible())
	}
	// Outside (declined, the list shows open cases): the detail shows it, the list says so.
	u.openCase(c.ID)
	if u.detail.id != c.ID {
		t.Fatal("the detail does not show the case")
	}
	if !l.outside.Visible() || l.outsideText.Text != c.Number+" (shown on the right) is outside the current filter." {
		t.Fatalf("banner %v %q", l.outside.Visible(), l.outsideText.Text)
	}
	if l.selRow != -1 {
		t.Error("another case stays highlighted while the detail shows this one")
	}
	test.Tap(findDialogButton(l.outside, "Clear filters"))
	if l.outside.Visible() || l.rowOf(c.ID) < 0 || l.selRow != l.rowOf(c.ID) || u.detail.id != c.ID {
		t.Errorf("after clearing: banner %v row %d sel %d", l.outside.Visible(), l.rowOf(c.ID), l.selRow)
	}
	// A filter that drops the open case tells too.
	l.kindChoice.set(l.kind, data.KindSuggestion)
	if !l.outside.Visible() {
		t.Error("a filter hid the open case without a word")
	}
}

func TestListColumnsRememberedAcrossStarts(t *testing.T) {
	u, _ := newTestUI(t)
	l := u.list
	ids := func(l *caseList) string {
		var out []string
		for _, c := range l.cols {
			out = append(out, c.id)
		}
		return strings.Join(out, ",")
	}
	if got := ids(l); got != "number,status,severity,first_due,resolution_due,customer,owner,escalation,subject,channel" {
		t.Fatalf("default columns %s", got)
	}
	// The chooser offers every column; the number cannot be hidden.
	test.Tap(l.columns)
	pop := u.win.Canvas().Overlays().Top()
	if pop == nil {
		t.Fatal("no column chooser")
	}
	checks := map[string]*widget.Check{}
	for _, o := range test.LaidOutObjects(pop) {
		if c, ok := o.(*widget.Check); ok {
			checks[c.Text] = c
		}
	}
	if len(checks) != len(l.all) || !checks["Number"].Disabled() || !checks["Number"].Checked || checks["Category"].Checked {
		t.Fatalf("chooser: %d checks for %d columns", len(checks), len(l.all))
	}
	test.Tap(checks["Channel"]) // hides the channel
	test.Tap(checks["Category"])
	pop.Hide()
	l.setColumnShown("number", false) // refused
	// Widths: a drag on a header's edge sets the width step by step (as
	// SetColumnWidth does here); once it pauses, the width is saved.
	// The save comes from a timer: one lock stands for the one UI goroutine.
	var ui sync.Mutex
	u.do = func(f func()) { ui.Lock(); defer ui.Unlock(); f() }
	i := 1 // a column in view: its header is redrawn
	key := prefListWidth + l.cols[i].id
	ui.Lock()
	l.table.SetColumnWidth(i, 180)
	l.table.SetColumnWidth(i, 210)
	ui.Unlock()
	for deadline := time.Now().Add(3 * time.Second); u.app.Preferences().Float(key) != 210 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	ui.Lock()
	defer ui.Unlock()
	if got := u.app.Preferences().Float(key); got != 210 {
		t.Fatalf("width saved: %v", got)
	}

	u2 := New(context.Background(), u.app, u.svc)
	t.Cleanup(u2.win.Close)
	if got := ids(u2.list); got != "number,status,severity,first_due,resolution_due,customer,owner,escalation,subject,category" {
		t.Errorf("columns after a restart: %s", got)
	}
	if w, ok := u2.list.table.columnWidth(i); !ok || w != 210 || u2.list.cols[i].width != 210 {
		t.Errorf("width after a restart: %v %v", w, ok)
	}
}

// The list's scroll bar is drawn at all times, follows the table, and moves it.
func TestListScrollBarIsVisible(t *testing.T) {
	u, _ := newTestUI(t)
	l := u.list
	if l.bar.Visible() {
		t.Error("a scroll bar over an empty list")
	}
	addCases(t, u, 200)
	u.win.Resize(fyne.NewSize(1024, 700))
	bar := l.bar
	if !bar.Visible() || bar.Size().Width < scrollBarWidth || bar.Size().Height < 100 {
		t.Fatalf("scroll bar visible %v size %v", bar.Visible(), bar.Size())
	}
	if bar.thumb.Size().Height >= bar.Size().Height/2 || bar.thumb.Position().Y != 0 || bar.thumb.Size().Width < scrollBarWidth {
		t.Errorf("thumb %v at %v on a track %v, at the top of 200 rows", bar.thumb.Size(), bar.thumb.Position(), bar.Size())
	}
	l.table.ScrollToBottom()
	if end := bar.thumb.Position().Y + bar.thumb.Size().Height; end < bar.Size().Height-1 {
		t.Errorf("at the bottom the thumb ends at %v of %v", end, bar.Size().Height)
	}
	// The mouse wheel over the table moves the thumb too.
	l.table.ScrollToTop()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(l.table).Add(fyne.NewPos(100, 100))
	test.Scroll(u.win.Canvas(), pos, 0, -600)
	if l.table.offset().Y <= 0 || bar.thumb.Position().Y <= 0 {
		t.Errorf("after the wheel: table at %v, thumb at %v", l.table.offset().Y, bar.thumb.Position().Y)
	}
	// A tap in the middle of the track scrolls to the middle.
	test.TapAt(bar, fyne.NewPos(4, bar.Size().Height/2))
	_, content, view, _ := l.table.extent()
	if y := l.table.offset().Y; y < content/2-view || y > content/2 {
		t.Errorf("after a tap in the middle the table is at %v of %v", y, content)
	}
	// Few rows: no bar.
	test.Type(l.search, "午餐不合格 77")
	if len(l.rows) != 1 || bar.Visible() {
		t.Errorf("%d rows, bar visible %v", len(l.rows), bar.Visible())
	}
}

// Preferences written by hand or by an older Casebook cannot break the list:
// unknown columns and impossible widths are ignored, the number stays.
func TestListColumnsFromDamagedPreferences(t *testing.T) {
	u, _ := newTestUI(t)
	prefs := u.app.Preferences()
	prefs.SetString(prefListColumns, "bogus,,subject,subject,status")
	prefs.SetFloat(prefListWidth+"subject", -5)
	prefs.SetFloat(prefListWidth+"status", 1e9)
	u2 := New(context.Background(), u.app, u.svc)
	t.Cleanup(u2.win.Close)
	var ids []string
	for _, c := range u2.list.cols {
		ids = append(ids, c.id)
		if c.width < 40 || c.width > 2000 {
			t.Errorf("column %s is %v wide", c.id, c.width)
		}
	}
	if strings.Join(ids, ",") != "number,status,subject" {
		t.Errorf("columns %v", ids)
	}
}
