package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	_ "casebook/app/startup" // quiet Fyne's locale check on C locales, as the app does
	"casebook/data"
	"casebook/data/store"
)

func newTestUI(t *testing.T) (*UI, *store.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st := s.Settings()
	st.Staff = []data.Staff{{Name: "王芳", Role: data.RoleStaff}, {Name: "陈静", Role: data.RoleSupervisor}, {Name: "赵总", Role: data.RoleOwner}}
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	svc := &testService{Store: s, dir: t.TempDir()}
	u := New(context.Background(), a, Services{Cases: svc, Mail: svc, Documents: svc, Settings: svc})
	u.user.SetSelected("王芳")
	u.list.delay = 0 // the test driver runs fyne.Do on the timer's goroutine
	// The app opens on Today; most tests work on the list and a case.
	u.tabs.Select(u.casesTab)
	u.win.Show()
	t.Cleanup(u.win.Close)
	return u, s
}

func TestTypeChineseComplaintSaveAndFind(t *testing.T) {
	u, s := newTestUI(t)
	u.showNewCase()
	if u.tabs.Selected() != u.newTab || u.win.Canvas().Focused() != u.form.name {
		t.Fatal("Ctrl+N should open the form with the cursor in the customer's name")
	}
	test.Type(u.form.name, "王小明")
	test.Type(u.form.phone, "13800138000")
	test.Type(u.form.subject, "云南六日游导游强制购物")
	test.Type(u.form.description, "在大理玉石店停留两个多小时，不购物不让离开。")
	test.Type(u.form.amount, "1200")
	test.Type(u.form.ref, "TB20261101-0042")
	u.form.severityChoice.set(&u.form.severity.Select, data.SeverityUrgent)
	test.Tap(u.form.saveBtn)

	if s.Count() != 1 {
		t.Fatalf("%d cases stored", s.Count())
	}
	if u.tabs.Selected() != u.casesTab {
		t.Error("after saving, the list should show")
	}
	if !strings.Contains(u.status.Text, "A-2026-0001") && !strings.Contains(u.status.Text, "-0001") {
		t.Errorf("status line %q does not name the case", u.status.Text)
	}
	if u.form.name.Text != "" || u.form.subject.Text != "" {
		t.Error("the form was not cleared for the next customer")
	}
	c, err := s.Case(context.Background(), s.List(data.Filter{}, data.Sort{}, time.Now())[0].Number)
	if err != nil || c.Customer.Name != "王小明" || c.Severity != data.SeverityUrgent || c.Amount != 120000 ||
		c.Channel != data.ChannelWalkIn || c.Owner != "王芳" || c.Timeline[0].By != "王芳" {
		t.Fatalf("stored case: %v %+v", err, c)
	}

	// The new case is in the list, with its deadline shown.
	if len(u.list.rows) != 1 || u.list.rows[0].Subject != "云南六日游导游强制购物" {
		t.Fatalf("list rows: %v", u.list.rows)
	}
	due, _ := deadlineText(u.list.rows[0].First, time.Now())
	if due == "—" || due == "" {
		t.Errorf("response deadline not shown: %q", due)
	}

	// A Chinese substring finds it; another does not.
	test.Type(u.list.search, "强制购物")
	if len(u.list.rows) != 1 {
		t.Errorf("search found %d", len(u.list.rows))
	}
	u.list.search.SetText("退款")
	if len(u.list.rows) != 0 {
		t.Errorf("unrelated search found %d", len(u.list.rows))
	}
}

func TestInvalidInputShowsErrorAndSavesNothing(t *testing.T) {
	u, s := newTestUI(t)
	u.showNewCase()
	test.Type(u.form.name, "李雷")
	test.Type(u.form.phone, "12ab")
	test.Tap(u.form.saveBtn)
	if s.Count() != 0 {
		t.Fatal("an invalid case was stored")
	}
	if !u.form.errorLabel.Visible() || u.form.errorLabel.Text == "" {
		t.Fatal("no error shown")
	}
	if u.win.Canvas().Focused() != u.form.phone {
		t.Errorf("focus should go to the first wrong field, the phone, is on %v", u.win.Canvas().Focused())
	}
	test.Type(u.form.subject, "团餐标准不符")
	test.Tap(u.form.saveBtn)
	// "12ab" has letters: the message says so, not that it is too short.
	if fieldShown(u.form.fields["phone"]) != fieldErrorText(&data.FieldError{Field: "phone", Code: data.ReasonPhoneChars}) ||
		!strings.Contains(u.form.errorLabel.Text, pr().FieldName("phone")) {
		t.Errorf("phone error: %q beside it, %q below", fieldShown(u.form.fields["phone"]), u.form.errorLabel.Text)
	}
	if u.form.name.Text != "李雷" {
		t.Error("the typed name was lost")
	}
	u.form.phone.SetText("139 1234 5678")
	test.Tap(u.form.saveBtn)
	if s.Count() != 1 {
		t.Fatalf("corrected case not stored: %q", u.form.errorLabel.Text)
	}
}

func TestEscapeKeepsDraftUntilConfirmed(t *testing.T) {
	u, _ := newTestUI(t)
	u.showNewCase()
	u.form.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.tabs.Selected() != u.casesTab {
		t.Fatal("Esc on an empty form should go back to the list")
	}
	u.showNewCase()
	test.Type(u.form.name, "张伟")
	u.form.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.tabs.Selected() != u.newTab || u.form.name.Text != "张伟" {
		t.Fatal("Esc discarded a draft without asking")
	}
}

func TestDetailOffersOnlyAllowedSteps(t *testing.T) {
	u, s := newTestUI(t)
	ctx := context.Background()
	c, err := s.CreateCase(ctx, data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal,
		Channel: data.ChannelPhone, Subject: "行李丢失", Customer: data.Customer{Name: "赵敏", Phone: "13600000000"}})
	if err != nil {
		t.Fatal(err)
	}
	u.refreshAll()
	u.detail.show(c.ID)
	labels := buttonLabels(u.detail.content)
	for _, want := range []string{T("Acknowledge"), T("Decline")} {
		if !labels[want] {
			t.Errorf("missing %q in %v", want, labels)
		}
	}
	if labels[T("Mark resolved")] || labels[T("Close case")] {
		t.Errorf("offers steps not allowed now: %v", labels)
	}
	// Acknowledge through the service the button uses, then the offered steps change.
	u.detail.apply(func() (data.Case, error) { return s.Move(ctx, c.Number, data.StatusAcknowledged, u.currentUser(), "") })
	labels = buttonLabels(u.detail.content)
	if !labels[T("Start investigating")] || labels[T("Acknowledge")] {
		t.Errorf("after acknowledging: %v", labels)
	}
	if u.list.rows[0].Status != data.StatusAcknowledged {
		t.Error("list not refreshed after the step")
	}
}

func buttonLabels(o fyne.CanvasObject) map[string]bool {
	out := map[string]bool{}
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Button:
			out[w.Text] = true
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(w.Content)
		case *container.AppTabs: // every section of the case, shown or not
			for _, it := range w.Items {
				walk(it.Content)
			}
		}
	}
	walk(o)
	return out
}

func TestTabOrderFollowsTheForm(t *testing.T) {
	u, _ := newTestUI(t)
	u.showNewCase()
	f := u.form
	if f.description.AcceptsTab() || f.demand.AcceptsTab() {
		t.Fatal("Tab would type into a multi-line field instead of moving on")
	}
	want := []fyne.Focusable{f.name, f.phone, f.email, f.wechat, f.channel, f.kind, f.category, f.severity,
		f.subject, f.description, f.demand, f.amount, f.received, f.owner, f.ref, f.product, f.departure,
		f.destination, f.guide, f.supplier}
	c := u.win.Canvas()
	for i := 1; i < len(want); i++ {
		c.FocusNext()
		if c.Focused() != want[i] {
			t.Fatalf("Tab %d lands on %T, want field %d", i, c.Focused(), i)
		}
	}
}

func TestDurationTextRoundTrip(t *testing.T) {
	for _, d := range []time.Duration{30 * time.Minute, time.Hour, 90 * time.Minute, 130 * time.Minute,
		24 * time.Hour, 48 * time.Hour, 72 * time.Hour, 168 * time.Hour, 240 * time.Hour} {
		got, err := parseDurationText(formatDuration(d))
		if err != nil || got != d {
			t.Errorf("%v → %q → %v, %v", d, formatDuration(d), got, err)
		}
	}
	if _, err := parseDurationText("soon"); err == nil {
		t.Error("nonsense accepted")
	}
}

func TestChangesNeedSomeoneWorking(t *testing.T) {
	u, s := newTestUI(t)
	u.user.ClearSelected()
	u.showNewCase()
	test.Type(u.form.name, "周杰")
	test.Type(u.form.subject, "导游迟到")
	test.Tap(u.form.saveBtn)
	if s.Count() != 0 {
		t.Fatal("a case was recorded without a name on it")
	}
	if u.form.name.Text != "周杰" {
		t.Error("the draft was lost")
	}
}

func TestKeywordRulesRoundTrip(t *testing.T) {
	st := data.DefaultSettings()
	rules, err := parseRules(formatRules(st.MailRules), st)
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != len(st.MailRules) || rules[0].Severity != data.SeverityUrgent || rules[0].Keywords[1] != st.MailRules[0].Keywords[1] {
		t.Errorf("round trip changed the rules: %+v", rules[0])
	}
	if _, err := parseRules("退款，退团 = request refund_change", st); err != nil {
		t.Errorf("full-width comma: %v", err)
	}
	for _, bad := range []string{"no equals sign", "退款 = nonsense_category", "= urgent"} {
		if _, err := parseRules(bad, st); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

// Saving the settings page keeps the mailbox's aliases and acknowledgement
// interval (set on the page or by the command line).
func TestMailSettingsKeepAliases(t *testing.T) {
	u, s := newTestUI(t)
	st := s.Settings()
	st.Mail = data.DefaultMailAccount()
	st.Mail.IMAPHost, st.Mail.SMTPHost, st.Mail.Username, st.Mail.Address = "imap.example.com", "smtp.example.com", "kefu@example.com", "kefu@example.com"
	st.Mail.Aliases, st.Mail.AckHours = []string{"tousu@example.com"}, 48
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	u.user.SetSelected("赵总")
	u.setView.load()
	u.setView.save()
	got := s.Settings().Mail
	if len(got.Aliases) != 1 || got.Aliases[0] != "tousu@example.com" || got.AckHours != 48 {
		t.Errorf("after saving the page: %+v", got)
	}
}

// Every tab fits a 1024-pixel-wide screen: a wide page scrolls instead of
// widening the window (Fyne enforces a window's minimum size on its next
// relayout, e.g. when a pop-up opens).
func TestTheWindowFitsASmallScreen(t *testing.T) {
	u, _ := newTestUI(t)
	if w := u.win.Content().MinSize().Width; w > 1024 {
		t.Errorf("the window needs %.0f px", w)
	}
	for _, it := range u.tabs.Items {
		if w := it.Content.MinSize().Width; w > 1000 {
			t.Errorf("tab %q needs %.0f px", it.Text, w)
		}
	}
}
