package ui

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/store"
)

// The test service computes Today as the application layer does: from the
// list rows, with the store's count of mail on no case.

func (s *testService) TodayRows(who data.Actor, now time.Time, newMail int) data.Today {
	rows := s.List(data.Filter{OpenOnly: true}, data.Sort{}, now)
	t := data.ComputeToday(rows, s.Store.Settings(), who.Name, who.Role, newMail, now)
	done := s.List(data.Filter{Statuses: []data.Status{data.StatusResolved, data.StatusClosed}}, data.Sort{}, now)
	t.FollowUps = data.ComputeFollowUpToday(done, s.Store.Settings(), who.Name, who.Role, now)
	return t
}

func (s *testService) Unfiled(ctx context.Context) (int, error) { return s.UnfiledMail(ctx) }

// The trayApp below is a tray; no D-Bus is needed to test with it.
func init() { systrayUsable = func() bool { return true } }

// testClock is a settable clock shared by the store and the window.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

var shanghaiZone = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return l
}()

// monday10 is Monday 2026-11-23 10:00 in Shanghai, the fixture's "now".
var monday10 = time.Date(2026, 11, 23, 10, 0, 0, 0, shanghaiZone)

// trayApp is the test app with a system tray that records its menu.
type trayApp struct {
	fyne.App
	mu   sync.Mutex
	menu *fyne.Menu
}

func (a *trayApp) SetSystemTrayMenu(m *fyne.Menu)    { a.mu.Lock(); a.menu = m; a.mu.Unlock() }
func (a *trayApp) SetSystemTrayIcon(fyne.Resource)   {}
func (a *trayApp) SetSystemTrayWindow(w fyne.Window) {}

func (a *trayApp) trayLabel() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.menu == nil {
		return ""
	}
	return a.menu.Items[0].Label
}

// todayFixture is a database with cases of known deadlines at monday10:
// 王芳 (staff) has one overdue, one due today (urgent, due 10:30), one waiting
// for four days; one case has no owner; 陈静 (supervisor) owns one escalated
// to her; 李强, removed from the staff list, still owns one overdue case.
type todayFixture struct {
	s                                         *store.Store
	clock                                     *testClock
	overdue, dueToday, waiting, unowned, chen data.Case
	removed                                   data.Case
	staff                                     []data.Staff
}

func newTodayFixture(t *testing.T) *todayFixture {
	t.Helper()
	f := &todayFixture{clock: &testClock{t: monday10}}
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "today.db"), store.WithClock(f.clock.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f.s = s
	ctx := context.Background()
	st := s.Settings()
	f.staff = []data.Staff{{Name: "王芳", Role: data.RoleStaff}, {Name: "陈静", Role: data.RoleSupervisor}, {Name: "赵总", Role: data.RoleOwner}}
	st.Staff = append(f.staff, data.Staff{Name: "李强", Role: data.RoleStaff})
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	at := func(tm time.Time, sev data.Severity, subject, owner string) data.Case {
		t.Helper()
		f.clock.set(tm)
		c, err := s.CreateCase(ctx, data.NewCase{Kind: data.KindComplaint, Severity: sev, Channel: data.ChannelPhone,
			Subject: subject, Customer: data.Customer{Name: "王小明", Phone: "13800138000"}, ReceivedAt: tm, Owner: owner, By: "王芳"})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	thursday := monday10.AddDate(0, 0, -4).Add(-time.Hour) // Thursday 09:00
	f.overdue = at(thursday, data.SeverityNormal, "导游强制购物", "王芳")
	f.waiting = at(thursday.Add(time.Hour), data.SeverityNormal, "等客户补充发票", "王芳")
	f.clock.set(thursday.Add(2 * time.Hour))
	if f.waiting, err = s.Update(ctx, f.waiting.Number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.SetWaiting(st, data.WaitingCustomer, "王芳", "等发票", now)
	}); err != nil {
		t.Fatal(err)
	}
	f.removed = at(thursday, data.SeverityNormal, "行李丢失", "李强")
	f.chen = at(monday10.Add(-2*time.Hour), data.SeverityNormal, "酒店降级", "陈静")
	if f.chen, err = s.Update(ctx, f.chen.Number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.Escalate(st, data.EscalationSupervisor, "陈静", "陈静", "客户要求主管处理", now)
	}); err != nil {
		t.Fatal(err)
	}
	f.dueToday = at(monday10.Add(-30*time.Minute), data.SeverityUrgent, "航班取消滞留机场", "王芳") // due 10:30
	f.unowned = at(monday10.Add(-10*time.Minute), data.SeverityLow, "建议增加素食", "")
	st = s.Settings()
	st.Staff = f.staff // 李强 leaves, his case stays his
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	f.clock.set(monday10)
	return f
}

// sentNotes records the desktop warnings.
type sentNotes struct {
	mu    sync.Mutex
	notes []*fyne.Notification
}

func (r *sentNotes) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, n := range r.notes {
		out = append(out, n.Title+": "+n.Content)
	}
	r.notes = nil
	return out
}

// newTodayUI opens the window over the fixture as 王芳, on a fixed clock,
// with the tray app and the warnings recorded.
func newTodayUI(t *testing.T, f *todayFixture, user string) (*UI, *trayApp, *sentNotes) {
	t.Helper()
	a := &trayApp{App: test.NewTempApp(t)}
	a.App.Preferences().SetString(prefUser, user)
	svc := &testService{Store: f.s, dir: t.TempDir()}
	rec := &sentNotes{}
	u := New(context.Background(), a, Services{Cases: svc, Mail: svc, Documents: svc, Settings: svc},
		func(u *UI) {
			u.now = f.clock.now
			u.listDelay = 0
			// One lock stands for the one UI goroutine: what background work
			// hands back (bounces read off it) waits while the test acts.
			u.do = func(f func()) { todayUI.Lock(); defer todayUI.Unlock(); f() }
		})
	u.list.delay = 0
	u.warn.send = func(n *fyne.Notification) {
		rec.mu.Lock()
		rec.notes = append(rec.notes, n)
		rec.mu.Unlock()
		a.App.SendNotification(n)
	}
	u.warn.reset()
	u.today.recompute()
	u.win.Show()
	t.Cleanup(u.win.Close)
	return u, a, rec
}

// links are the case rows Today shows, by their text.
func todayLinks(u *UI) []*widget.Hyperlink {
	var out []*widget.Hyperlink
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Hyperlink:
			out = append(out, o)
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case *widget.Accordion:
			for _, it := range o.Items {
				walk(it.Detail)
			}
		}
	}
	walk(u.today.body)
	return out
}

func TestTodayIsTheFirstTabAndCountsMyCases(t *testing.T) {
	f := newTodayFixture(t)
	u, _, _ := newTodayUI(t, f, "王芳")
	if u.tabs.Items[0] != u.today.tab || u.tabs.Selected() != u.today.tab {
		t.Fatal("the app does not open on Today, the first tab")
	}
	got := u.today.last
	for name, c := range map[string]struct {
		s    data.TodaySection
		want data.Case
	}{
		"overdue": {got.Mine.Overdue, f.overdue}, "due today": {got.Mine.DueToday, f.dueToday},
		"waiting": {got.Mine.Waiting, f.waiting}, "unassigned": {got.Unassigned, f.unowned},
	} {
		if c.s.Count != 1 || c.s.Items[0].ID != c.want.ID {
			t.Errorf("%s: %+v, want %s", name, c.s, c.want.Number)
		}
	}
	if got.Mine.DueSoon.Count != 0 || got.Mine.Escalated.Count != 0 || got.Everyone != nil {
		t.Errorf("王芳 (staff): %+v", got)
	}
	// Each row opens its case in the Cases tab.
	var link *widget.Hyperlink
	for _, l := range todayLinks(u) {
		if strings.HasPrefix(l.Text, f.dueToday.Number) {
			link = l
		}
	}
	if link == nil {
		t.Fatalf("no row for %s among %d", f.dueToday.Number, len(todayLinks(u)))
	}
	if !strings.Contains(link.Text, "10:30") || !strings.Contains(link.Text, "航班取消滞留机场") {
		t.Errorf("row text %q", link.Text)
	}
	link.OnTapped() // what a click on its text does
	if u.tabs.Selected() != u.casesTab || u.detail.id != f.dueToday.ID {
		t.Errorf("tapping the row: tab %v, case %d", u.tabs.Selected().Text, u.detail.id)
	}

	// A change arrives through the feed: recomputed, without reading everything.
	if _, err := f.s.Update(context.Background(), f.unowned.Number, func(c *data.Case, _ data.Settings, _ time.Time) error {
		c.Owner = "王芳"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	lockedApply(u, data.CaseChanged{ID: f.unowned.ID, Number: f.unowned.Number})
	if u.today.last.Unassigned.Count != 0 {
		t.Errorf("after the change: %d unassigned", u.today.last.Unassigned.Count)
	}
	// The minute passes: the urgent case is due soon, then overdue.
	f.clock.set(monday10.Add(20 * time.Minute))
	u.today.recompute()
	if u.today.last.Mine.DueToday.Count != 1 {
		t.Errorf("10:20: %+v", u.today.last.Mine)
	}
	f.clock.set(monday10.Add(30 * time.Minute)) // exactly at its deadline
	u.today.recompute()
	if u.today.last.Mine.Overdue.Count != 2 || u.today.last.Mine.DueToday.Count != 0 {
		t.Errorf("10:30: overdue %d, due today %d", u.today.last.Mine.Overdue.Count, u.today.last.Mine.DueToday.Count)
	}
}

func TestTodayOfTheSupervisorShowsEveryone(t *testing.T) {
	f := newTodayFixture(t)
	u, _, _ := newTodayUI(t, f, "陈静")
	got := u.today.last
	if got.Mine.DueToday.Count != 1 || got.Mine.Escalated.Count != 1 || got.Mine.Escalated.Items[0].ID != f.chen.ID {
		t.Errorf("陈静's own: %+v", got.Mine)
	}
	people := map[string]data.StaffToday{}
	for _, s := range got.Everyone {
		people[s.Name] = s
	}
	if len(got.Everyone) != 4 || people["王芳"].Overdue.Count != 1 || people["王芳"].DueToday.Count != 1 ||
		people["王芳"].Waiting.Count != 1 || !people["李强"].Removed || people["李强"].Overdue.Count != 1 ||
		people["赵总"].Overdue.Count != 0 {
		t.Errorf("everyone: %+v", got.Everyone)
	}
	// The per-person rows open their cases too.
	found := false
	for _, l := range todayLinks(u) {
		if strings.HasPrefix(l.Text, f.removed.Number) {
			found = true
			l.OnTapped()
		}
	}
	if !found || u.detail.id != f.removed.ID {
		t.Error("the removed staff member's case is not listed, or does not open")
	}
	// Choosing another person shows theirs.
	u.user.SetSelected("王芳")
	if u.today.last.Person != "王芳" || u.today.last.Everyone != nil {
		t.Errorf("after choosing 王芳: %s, everyone %v", u.today.last.Person, u.today.last.Everyone)
	}
}

func TestTodayWithNoCasesAndANewDatabase(t *testing.T) {
	a := test.NewTempApp(t)
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	svc := &testService{Store: s, dir: t.TempDir()}
	u := New(context.Background(), a, Services{Cases: svc, Mail: svc, Documents: svc, Settings: svc})
	t.Cleanup(u.win.Close)
	if u.tabs.Selected() != u.setTab {
		t.Errorf("a new database opens on %q, not Settings", u.tabs.Selected().Text)
	}
	if u.today.last.Person != "" || !u.today.last.Mine.Empty() || u.today.last.Unassigned.Count != 0 || len(todayLinks(u)) != 0 {
		t.Errorf("empty today: %+v", u.today.last)
	}
}

func TestOverdueWarningSentOnceAcrossTicks(t *testing.T) {
	f := newTodayFixture(t)
	u, _, rec := newTodayUI(t, f, "王芳")
	// At the start, what is already overdue is one summary, not a warning a case.
	if got := rec.take(); len(got) != 1 || got[0] != "Casebook: 1 of your cases are overdue" {
		t.Fatalf("at the start: %q", got)
	}
	tick := func(at time.Time) []string {
		f.clock.set(at)
		u.today.recompute()
		return rec.take()
	}
	if got := tick(monday10.Add(5 * time.Minute)); len(got) != 0 {
		t.Errorf("10:05: %q", got)
	}
	if got := tick(monday10.Add(18 * time.Minute)); len(got) != 1 || !strings.HasPrefix(got[0], "Due soon: "+f.dueToday.Number) {
		t.Errorf("10:18 (80 %% of the hour): %q", got)
	}
	if got := tick(monday10.Add(25 * time.Minute)); len(got) != 0 {
		t.Errorf("10:25: %q", got)
	}
	test.AssertNotificationSent(t, fyne.NewNotification("Overdue: "+f.dueToday.Number, "航班取消滞留机场"), func() {
		f.clock.set(monday10.Add(30 * time.Minute))
		u.today.recompute()
	})
	if got := rec.take(); len(got) != 1 {
		t.Errorf("10:30: %q, want the one overdue warning", got)
	}
	for _, m := range []time.Duration{31, 45, 59, 90} {
		if got := tick(monday10.Add(m * time.Minute)); len(got) != 0 {
			t.Errorf("10:%d: sent again: %q", m, got)
		}
	}
	// A restart remembers nothing but says only the summary again.
	u.warn.reset()
	if got := tick(monday10.Add(91 * time.Minute)); len(got) != 1 || !strings.Contains(got[0], "2 of your cases are overdue") {
		t.Errorf("after a restart: %q", got)
	}

	// Switched off: another case runs out silently.
	st := f.s.Settings()
	st.Alerts.NoDue = true
	if err := f.s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	f.clock.set(monday10.Add(100 * time.Minute))
	c, err := f.s.CreateCase(context.Background(), data.NewCase{Kind: data.KindIncident, Severity: data.SeverityUrgent,
		Channel: data.ChannelPhone, Subject: "游客受伤", Customer: data.Customer{Name: "李四"}, Owner: "王芳", By: "王芳"})
	if err != nil {
		t.Fatal(err)
	}
	rec.take()
	st.Alerts.NoUrgent = true
	if err := f.s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	for _, m := range []time.Duration{150, 170, 200} {
		if got := tick(monday10.Add(m * time.Minute)); len(got) != 0 {
			t.Errorf("with warn.due off, %s at +%dm: %q", c.Number, m, got)
		}
	}
	if u.today.last.Mine.Overdue.Count != 3 {
		t.Errorf("the switched-off case is still counted: %d overdue", u.today.last.Mine.Overdue.Count)
	}
}

func TestUrgentArrivalAndEscalationWarnOnce(t *testing.T) {
	f := newTodayFixture(t)
	u, _, rec := newTodayUI(t, f, "陈静")
	rec.take()
	ctx := context.Background()
	c, err := f.s.CreateCase(ctx, data.NewCase{Kind: data.KindIncident, Severity: data.SeverityUrgent,
		Channel: data.ChannelPhone, Subject: "游客在景区受伤", Customer: data.Customer{Name: "李四"}, By: "王芳"})
	if err != nil {
		t.Fatal(err)
	}
	lockedApply(u, data.CaseChanged{ID: c.ID, Number: c.Number})
	u.bg.Wait()
	if got := rec.take(); len(got) != 1 || got[0] != "Urgent case: "+c.Number+": 游客在景区受伤" {
		t.Errorf("urgent arrival: %q", got)
	}
	lockedApply(u, data.CaseChanged{ID: c.ID, Number: c.Number})
	u.bg.Wait()
	if got := rec.take(); len(got) != 0 {
		t.Errorf("the same urgent case again: %q", got)
	}
	// 王芳's overdue case is escalated to 陈静: she is warned once.
	if _, err := f.s.Update(ctx, f.overdue.Number, func(cs *data.Case, st data.Settings, now time.Time) error {
		return cs.Escalate(st, data.EscalationSupervisor, "", "王芳", "超时未处理", now) // to the default: the first supervisor, 陈静
	}); err != nil {
		t.Fatal(err)
	}
	lockedApply(u, data.CaseChanged{ID: f.overdue.ID, Number: f.overdue.Number})
	u.bg.Wait()
	got := strings.Join(rec.take(), "\n")
	if !strings.Contains(got, "Escalated to you: "+f.overdue.Number) {
		t.Errorf("escalation: %q", got)
	}
	u.today.recompute()
	if again := rec.take(); len(again) != 0 {
		t.Errorf("escalation again: %q", again)
	}
}

func TestBouncedReplyWarnsTheOwner(t *testing.T) {
	f := newTodayFixture(t)
	u, _, rec := newTodayUI(t, f, "王芳")
	rec.take()
	ctx := context.Background()
	mid := "case-" + f.overdue.Number + ".1@casebook.test"
	m, err := f.s.QueueOutgoing(ctx, f.overdue.Number, data.Message{MessageID: mid, To: []string{"nobody@163.com"}, Subject: "回复"}, "王芳", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.RecordSend(ctx, m.ID, nil, false, nil); err != nil {
		t.Fatal(err)
	}
	f.clock.set(monday10.Add(time.Minute))
	bounce := data.IncomingMail{Raw: []byte("Subject: Undelivered\r\n\r\nx\r\n"), BounceOf: mid, BounceError: "550 no such user",
		Message: data.Message{MessageID: "bounce1@163.com", From: "MAILER-DAEMON@163.com", FromAddress: "mailer-daemon@163.com",
			Subject: "Undelivered", Automatic: true, Date: monday10}}
	auto := func(data.MailLookup, *data.IncomingMail) (data.Decision, error) {
		return data.Decision{Outcome: data.OutcomeAutomatic}, nil
	}
	if _, err := f.s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 1}, []data.IncomingMail{bounce}, auto, nil); err != nil {
		t.Fatal(err)
	}
	lockedApply(u, data.CaseChanged{ID: f.overdue.ID, Number: f.overdue.Number})
	u.bg.Wait()
	if got := rec.take(); len(got) != 1 || !strings.HasPrefix(got[0], "Reply bounced: "+f.overdue.Number) {
		t.Errorf("bounce: %q", got)
	}
	lockedApply(u, data.CaseChanged{ID: f.overdue.ID, Number: f.overdue.Number})
	u.bg.Wait()
	if got := rec.take(); len(got) != 0 {
		t.Errorf("the same bounce again: %q", got)
	}
	// A bounce on someone else's case is theirs to hear about (staff), not 王芳's.
	mid2 := "case-" + f.chen.Number + ".1@casebook.test"
	m2, err := f.s.QueueOutgoing(ctx, f.chen.Number, data.Message{MessageID: mid2, To: []string{"x@163.com"}, Subject: "回复"}, "陈静", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.RecordSend(ctx, m2.ID, nil, false, nil); err != nil {
		t.Fatal(err)
	}
	bounce.BounceOf, bounce.Message.MessageID, bounce.Raw = mid2, "bounce2@163.com", []byte("Subject: Undelivered 2\r\n\r\ny\r\n")
	if _, err := f.s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 1}, []data.IncomingMail{bounce}, auto, nil); err != nil {
		t.Fatal(err)
	}
	lockedApply(u, data.CaseChanged{ID: f.chen.ID, Number: f.chen.Number})
	u.bg.Wait()
	if got := rec.take(); len(got) != 0 {
		t.Errorf("staff warned of a bounce on 陈静's case: %q", got)
	}
	// The owner of the agency hears of every new bounce (not of those before
	// the owner began to work); switched off, of none.
	f.clock.set(monday10.Add(2 * time.Minute))
	u.user.SetSelected("赵总")
	rec.take()
	f.clock.set(monday10.Add(3 * time.Minute))
	mid3 := "case-" + f.chen.Number + ".2@casebook.test"
	m3, err := f.s.QueueOutgoing(ctx, f.chen.Number, data.Message{MessageID: mid3, To: []string{"y@163.com"}, Subject: "再次回复"}, "陈静", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.RecordSend(ctx, m3.ID, nil, false, nil); err != nil {
		t.Fatal(err)
	}
	bounce.BounceOf, bounce.Message.MessageID, bounce.Raw = mid3, "bounce3@163.com", []byte("Subject: Undelivered 3\r\n\r\nz\r\n")
	if _, err := f.s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 1}, []data.IncomingMail{bounce}, auto, nil); err != nil {
		t.Fatal(err)
	}
	lockedApply(u, data.CaseChanged{ID: f.chen.ID, Number: f.chen.Number})
	u.bg.Wait()
	if got := rec.take(); len(got) != 1 || !strings.HasPrefix(got[0], "Reply bounced: "+f.chen.Number) || !strings.HasSuffix(got[0], "550 no such user") {
		t.Errorf("the owner: %q", got)
	}
	u.user.SetSelected("陈静")
	st := f.s.Settings()
	st.Alerts.NoBounced = true
	if err := f.s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	rec.take()
	lockedApply(u, data.CaseChanged{ID: f.chen.ID, Number: f.chen.Number})
	u.bg.Wait()
	if got := rec.take(); len(got) != 0 {
		t.Errorf("warn.bounced off: %q", got)
	}
}

func TestManyWarningsAtOnceBecomeOneSummary(t *testing.T) {
	f := newTodayFixture(t)
	u, _, rec := newTodayUI(t, f, "王芳")
	rec.take()
	for i := range 5 {
		c, err := f.s.CreateCase(context.Background(), data.NewCase{Kind: data.KindIncident, Severity: data.SeverityUrgent,
			Channel: data.ChannelPhone, Subject: "团队滞留", Customer: data.Customer{Name: "游客"}, By: "王芳"})
		if err != nil {
			t.Fatal(i, err)
		}
		_ = c
	}
	u.today.recompute()
	if got := rec.take(); len(got) != 1 || got[0] != "Casebook: 5 cases need your attention: see Today" {
		t.Errorf("a burst: %q", got)
	}
}

func TestTrayShowsTheOverdueCountAndKeepsRunning(t *testing.T) {
	f := newTodayFixture(t)
	u, tray, _ := newTodayUI(t, f, "王芳")
	if got := tray.trayLabel(); got != "1 overdue" {
		t.Errorf("tray label %q", got)
	}
	f.clock.set(monday10.Add(31 * time.Minute))
	u.today.recompute()
	if got := tray.trayLabel(); got != "2 overdue" {
		t.Errorf("tray label after the urgent case ran out: %q", got)
	}
	tray.menu.Items[0].Action() // the count opens Today
	if u.tabs.Selected() != u.today.tab {
		t.Error("the tray's count does not open Today")
	}
	quit := tray.menu.Items[len(tray.menu.Items)-1]
	if !quit.IsQuit || tray.menu.Items[1].Label != "Open Casebook" {
		t.Errorf("tray menu: %v … %v", tray.menu.Items[1].Label, quit.Label)
	}
	// Closing keeps running in the tray only when the setting says so.
	if u.closeToTray() {
		t.Error("the window hid although tray.keep_running is off")
	}
	st := f.s.Settings()
	st.Alerts.TrayKeepRunning = true
	if err := f.s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	if !u.closeToTray() || !u.warn.hidden {
		t.Error("the window did not hide into the tray")
	}
	tray.menu.Items[1].Action()
	if u.warn.hidden {
		t.Error("Open Casebook did not bring the window back")
	}
}

func TestWarningSettingsPageSaves(t *testing.T) {
	f := newTodayFixture(t)
	u, _, _ := newTodayUI(t, f, "赵总")
	checks := map[string]*widget.Check{}
	var days *widget.Entry
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Check:
			checks[o.Text] = o
		case *widget.Card:
			walk(o.Content)
		case *container.Scroll:
			walk(o.Content)
		case *widget.Form:
			for _, it := range o.Items {
				if it.Text == "Waiting too long after (days)" {
					days = it.Widget.(*widget.Entry)
				}
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	for _, tab := range settingsTabs(u) {
		if tab.Text == "Warnings" {
			walk(tab.Content)
		}
	}
	if len(checks) != 5 || days == nil || days.Text != "3" {
		t.Fatalf("the Warnings page: %d checks, days %v", len(checks), days)
	}
	for _, c := range checks {
		if c.Checked != !strings.HasPrefix(c.Text, "Closing") {
			t.Errorf("%q defaults to %v", c.Text, c.Checked)
		}
	}
	checks["One of my cases becomes due soon or overdue"].SetChecked(false)
	checks["Closing the window keeps Casebook running in the system tray, so mail and warnings continue"].SetChecked(true)
	days.SetText("0")
	u.setView.save()
	if f.s.Settings().Alerts.NoDue {
		t.Error("saved with 0 days of waiting")
	}
	days.SetText("5")
	u.setView.save()
	if a := f.s.Settings().Alerts; a != (data.Alerts{WaitingDays: 5, NoDue: true, TrayKeepRunning: true}) {
		t.Errorf("saved alerts: %+v", a)
	}
}

// settingsTabs are the pages of Settings.
func settingsTabs(u *UI) []*container.TabItem {
	return u.setView.body.Objects[0].(*container.AppTabs).Items
}

// The tray is set up only where the session bus answers: Fyne's systray
// panics on quit after failing to reach it.
func TestSessionBusProbe(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "bus")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skip("no unix sockets:", err)
	}
	defer l.Close()
	for _, c := range []struct {
		addr, runtime string
		want          bool
	}{
		{"unix:path=" + sock, "", true},
		{"unix:path=" + filepath.Join(dir, "nothing"), "", false},
		{"unix:path=" + filepath.Join(dir, "nothing") + ";unix:path=" + sock + ",guid=1", "", true},
		{"", dir, true}, // $XDG_RUNTIME_DIR/bus
		{"", t.TempDir(), false},
		{"", "", false},
		{"nonsense", "", false},
	} {
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", c.addr)
		t.Setenv("XDG_RUNTIME_DIR", c.runtime)
		if got := sessionBusReachable(); got != c.want {
			t.Errorf("%q, %q: %v", c.addr, c.runtime, got)
		}
	}
}

// todayUI is the UI goroutine of the Today tests (see newTodayUI).
var todayUI sync.Mutex

// lockedApply hands a change notice to the window as the UI goroutine.
func lockedApply(u *UI, n data.Notice) {
	todayUI.Lock()
	defer todayUI.Unlock()
	u.Apply(n)
}
