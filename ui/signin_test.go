package ui

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"casebook/data"
	"casebook/data/secret"
	"casebook/data/store"
)

// cheapKDF keeps the tests fast.
var cheapKDF = data.KDF{Time: 1, Memory: 64, Threads: 1, KeyLen: 32}

// testSigner is the application layer's sign-in straight over the store,
// with its permission rule (one's own with the old PIN, anyone's by the owner).
type testSigner struct{ s *store.Store }

func (g testSigner) SignInOn() bool {
	names, _ := g.s.CredentialNames()
	return len(names) > 0
}
func (g testSigner) SecretKind(name string) data.SecretKind {
	c, _, _ := g.s.Credential(name)
	return c.Kind
}
func (g testSigner) SignIn(ctx context.Context, name, pin, how string) (data.Actor, error) {
	role, ok := g.s.Settings().StaffRole(name)
	if !ok {
		return data.Actor{}, &data.UnknownStaffError{Name: name}
	}
	if err := g.s.TrySecret(ctx, name, pin, how); err != nil {
		return data.Actor{}, err
	}
	return data.Actor{Name: name, Role: role}, nil
}
func (g testSigner) SignOut(ctx context.Context, a data.Actor, why string) error {
	return g.s.RecordAudit(ctx, data.AuditAction{Kind: data.AuditSignOut, By: a.Name, What: why})
}
func (g testSigner) SetSecret(ctx context.Context, a data.Actor, name, old, pin string) error {
	if _, ok, _ := g.s.Credential(name); a.Name == name && ok {
		if err := g.s.TrySecret(ctx, name, old, ""); err != nil {
			return err
		}
	} else if err := a.Check(data.ActionStaff); err != nil {
		return err
	}
	c, err := secret.New(pin, cheapKDF, a.Name, g.s.Now())
	if err != nil {
		return err
	}
	return g.s.SetCredential(ctx, name, c, a.Name)
}
func (g testSigner) FirstOwner(ctx context.Context, name, pin string) (data.Actor, error) {
	if _, err := data.KindOfSecret(pin); err != nil {
		return data.Actor{}, err
	}
	st := g.s.Settings()
	st.Staff = []data.Staff{{Name: strings.TrimSpace(name), Role: data.RoleOwner}}
	if err := g.s.SaveSettings(ctx, st); err != nil {
		return data.Actor{}, err
	}
	a := data.Actor{Name: strings.TrimSpace(name), Role: data.RoleOwner}
	return a, g.SetSecret(ctx, a, a.Name, "", pin)
}

// newSignInUI opens the window with sign-in over s, on clock.
func newSignInUI(t *testing.T, s *store.Store, clock *testClock) *UI {
	t.Helper()
	svc := &testService{Store: s, dir: t.TempDir()}
	u := New(context.Background(), test.NewTempApp(t), Services{Cases: svc, Mail: svc, Documents: svc, Settings: svc, SignIn: testSigner{s}},
		func(u *UI) { u.now = clock.now; u.listDelay = 0 })
	u.list.delay = 0
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Show()
	t.Cleanup(u.win.Close)
	return u
}

// signInStore is a database with three staff: the owner and 王芳 have PINs, 陈静 has none.
func signInStore(t *testing.T, clock *testClock) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "signin.db"), store.WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st := s.Settings()
	st.Staff = []data.Staff{{Name: "王芳", Role: data.RoleStaff}, {Name: "陈静", Role: data.RoleSupervisor}, {Name: "赵总", Role: data.RoleOwner}}
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	g := testSigner{s}
	boss := data.Actor{Name: "赵总", Role: data.RoleOwner}
	for _, np := range [][2]string{{"赵总", "2580"}, {"王芳", "1357"}} { // in order: the audit entries are compared
		if err := g.SetSecret(ctx, boss, np[0], "", np[1]); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func tapPIN(s *signIn, pin string) {
	for _, r := range pin {
		test.Tap(s.digits[r-'0'])
	}
	test.Tap(s.ok)
}

func TestNewDatabaseAsksForTheOwnerAndAPIN(t *testing.T) {
	clock := &testClock{t: monday10}
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "new.db"), store.WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	u := newSignInUI(t, s, clock)
	si := u.signin
	if si.ownerName == nil || u.win.Content() != si.screen || u.currentUser() != "" {
		t.Fatal("a new database must first ask for the owner")
	}
	test.Type(si.ownerName, "赵总")
	test.Type(si.ownerPIN, "2580")
	test.Type(si.ownerPIN2, "2581")
	test.Tap(si.ownerStart)
	if !strings.Contains(si.message.Text, "differ") || len(s.Settings().Staff) != 0 {
		t.Fatalf("PINs that differ: %q, staff %v", si.message.Text, s.Settings().Staff)
	}
	si.ownerPIN.SetText("25")
	si.ownerPIN2.SetText("25")
	test.Tap(si.ownerStart)
	if !strings.Contains(si.message.Text, "4 to 8 digits") || len(s.Settings().Staff) != 0 {
		t.Fatalf("a short PIN: %q", si.message.Text)
	}
	si.ownerPIN.SetText("2580")
	si.ownerPIN2.SetText("2580")
	test.Tap(si.ownerStart)
	if u.currentUser() != "赵总" || u.actor().Role != data.RoleOwner || u.win.Content() != si.main {
		t.Fatalf("after the start: %q %v", u.currentUser(), u.actor())
	}
	if si.whoName.Text != "赵总 · "+roleLabel(data.RoleOwner) {
		t.Errorf("top bar: %q", si.whoName.Text)
	}
	if c, ok, _ := s.Credential("赵总"); !ok || c.Kind != data.SecretPIN {
		t.Fatal("no PIN stored")
	}
}

func TestSignInWithThePadAndTheKeyboardThenLock(t *testing.T) {
	clock := &testClock{t: monday10}
	s := signInStore(t, clock)
	u := newSignInUI(t, s, clock)
	si := u.signin
	if !si.locked || u.win.Content() != si.screen || u.currentUser() != "" {
		t.Fatal("a database with PINs must open on the lock screen")
	}
	if !si.names["陈静"].Disabled() || si.names["王芳"].Disabled() {
		t.Fatal("only people with a PIN can sign in")
	}
	// A wrong PIN says so and counts.
	test.Tap(si.names["王芳"])
	tapPIN(si, "9999")
	if u.currentUser() != "" || !strings.Contains(si.message.Text, "Wrong PIN") {
		t.Fatalf("wrong PIN: %q %q", u.currentUser(), si.message.Text)
	}
	test.Tap(si.digits[1])
	test.Tap(si.digits[3])
	test.Tap(si.digits[9])
	test.Tap(si.erase)
	test.Tap(si.digits[5])
	test.Tap(si.digits[7])
	test.Tap(si.ok)
	if u.currentUser() != "王芳" || u.win.Content() != si.main {
		t.Fatalf("after the pad: %q", u.currentUser())
	}
	if c, _, _ := s.Credential("王芳"); c.Failures != 0 {
		t.Fatal("a right PIN must reset the count")
	}

	// Ctrl+L (the menu's Lock) locks; the keyboard signs the owner in.
	var lock *fyne.MenuItem
	for _, it := range u.win.MainMenu().Items[0].Items {
		if it.Label == T("Lock") {
			lock = it
		}
	}
	if sc, ok := lock.Shortcut.(*desktop.CustomShortcut); !ok || sc.KeyName != fyne.KeyL || sc.Modifier != fyne.KeyModifierShortcutDefault {
		t.Fatalf("Lock's shortcut: %v", lock.Shortcut)
	}
	lock.Action()
	if !si.locked || u.currentUser() != "" || u.needUser() {
		t.Fatal("Ctrl+L did not lock")
	}
	// Nothing of the menu works behind the lock screen (Ctrl+N would take the keys).
	for _, it := range u.win.MainMenu().Items[0].Items {
		if it.Label == T("New case") {
			it.Action()
		}
	}
	if u.tabs.Selected() == u.newTab {
		t.Fatal("Ctrl+N worked behind the lock screen")
	}
	test.Tap(si.names["赵总"])
	c := u.win.Canvas()
	for _, r := range "2580" {
		c.OnTypedRune()(r)
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	c.OnTypedRune()('0')
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) // back to the names
	if si.chosen != "" {
		t.Fatal("Esc must go back to the names")
	}
	test.Tap(si.names["赵总"])
	for _, r := range "2580" {
		c.OnTypedRune()(r)
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.currentUser() != "赵总" || u.actor().Role != data.RoleOwner {
		t.Fatalf("typed PIN: %q", u.currentUser())
	}

	// A change made now is the signed-in person's.
	u.showNewCase()
	test.Type(u.form.name, "王小明")
	test.Type(u.form.phone, "13800138000")
	test.Type(u.form.subject, "导游强制购物")
	if !u.form.save() {
		t.Fatal("not saved")
	}
	rows := s.List(data.Filter{}, data.Sort{}, clock.now())
	if len(rows) != 1 {
		t.Fatalf("%d cases", len(rows))
	}
	cs, _ := s.CaseByID(context.Background(), rows[0].ID)
	if cs.Timeline[0].By != "赵总" {
		t.Fatalf("recorded by %q", cs.Timeline[0].By)
	}

	// The chain holds the sign-ins, the failure and the lock, and verifies.
	if _, err := s.AuditVerify(context.Background()); err != nil {
		t.Fatal(err)
	}
	es, _ := s.SignInEntries(context.Background())
	var got []string
	for _, e := range es {
		got = append(got, string(e.Kind)+":"+e.What)
	}
	want := "pin_set:赵总 pin_set:王芳 sign_in_failed:1 sign_in:pin sign_out:lock sign_in:pin"
	if strings.Join(got, " ") != want {
		t.Errorf("sign-in entries:\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
}

func TestIdleLockKeepsTheWorkForItsAuthor(t *testing.T) {
	clock := &testClock{t: monday10}
	s := signInStore(t, clock)
	st := s.Settings()
	if err := st.SignIn.SetMinutes(3); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	u := newSignInUI(t, s, clock)
	si := u.signin
	test.Tap(si.names["王芳"])
	tapPIN(si, "1357")
	u.showNewCase()
	test.Type(u.form.name, "李女士")
	test.Type(u.form.phone, "13900139000")
	test.Type(u.form.subject, "酒店降级")

	// Typing counts as input; three idle minutes lock.
	clock.set(monday10.Add(2 * time.Minute))
	u.checkIdle()
	test.Type(u.form.subject, "，客户要求退差价")
	clock.set(monday10.Add(4 * time.Minute))
	u.checkIdle()
	if si.locked {
		t.Fatal("locked 2 minutes after typing")
	}
	clock.set(monday10.Add(7*time.Minute + time.Second))
	u.checkIdle()
	if !si.locked || u.currentUser() != "" {
		t.Fatal("not locked after 3 idle minutes")
	}
	// Someone else signs in: the form is empty for them.
	test.Tap(si.names["赵总"])
	tapPIN(si, "2580")
	if u.currentUser() != "赵总" || u.form.subject.Text != "" {
		t.Fatalf("赵总 sees %q", u.form.subject.Text)
	}
	test.Type(u.form.subject, "赵总的草稿")
	u.lockNow()
	// 王芳 comes back to her form as she left it.
	test.Tap(si.names["王芳"])
	tapPIN(si, "1357")
	if u.form.subject.Text != "酒店降级，客户要求退差价" {
		t.Fatalf("王芳's form: %q", u.form.subject.Text)
	}
	if !u.form.save() {
		t.Fatal("not saved")
	}
	rows := s.List(data.Filter{}, data.Sort{}, clock.now())
	cs, _ := s.CaseByID(context.Background(), rows[0].ID)
	if len(rows) != 1 || cs.Timeline[0].By != "王芳" || cs.Subject != "酒店降级，客户要求退差价" {
		t.Fatalf("saved %d: %q by %q", len(rows), cs.Subject, cs.Timeline[0].By)
	}
	// And 赵总's draft is back for him.
	u.lockNow()
	test.Tap(si.names["赵总"])
	tapPIN(si, "2580")
	if u.form.subject.Text != "赵总的草稿" {
		t.Fatalf("赵总's form: %q", u.form.subject.Text)
	}
	// 0 minutes: never.
	st = s.Settings()
	_ = st.SignIn.SetMinutes(0)
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	clock.set(monday10.Add(10 * time.Hour))
	u.checkIdle()
	if si.locked {
		t.Fatal("locked with the idle lock off")
	}
	es, _ := s.SignInEntries(context.Background())
	var idle int
	for _, e := range es {
		if e.Kind == data.AuditSignOut && e.What == "idle" {
			idle++
		}
	}
	if idle != 1 {
		t.Errorf("%d idle sign-outs", idle)
	}
}

func TestLockoutShownAtTheWindow(t *testing.T) {
	clock := &testClock{t: monday10}
	s := signInStore(t, clock)
	u := newSignInUI(t, s, clock)
	si := u.signin
	test.Tap(si.names["王芳"])
	for range 5 {
		tapPIN(si, "0000")
	}
	if !strings.Contains(si.message.Text, "wait 30 s") {
		t.Fatalf("5th wrong: %q", si.message.Text)
	}
	tapPIN(si, "1357")
	if u.currentUser() != "" || !strings.Contains(si.message.Text, "Too many wrong tries") {
		t.Fatalf("right PIN while locked: %q", si.message.Text)
	}
	clock.set(monday10.Add(30 * time.Second))
	tapPIN(si, "1357")
	if u.currentUser() != "王芳" {
		t.Fatalf("after the wait: %q", si.message.Text)
	}
}

func TestOwnerSetsAPINFromSettingsStaffOthersCannot(t *testing.T) {
	clock := &testClock{t: monday10}
	s := signInStore(t, clock)
	u := newSignInUI(t, s, clock)
	si := u.signin
	test.Tap(si.names["王芳"])
	tapPIN(si, "1357")
	// Staff may not set 陈静's PIN: refused, nothing stored.
	st := u.setView.staff
	st.askPIN("陈静")
	st.pinEntries[0].SetText("4680")
	st.pinEntries[1].SetText("4680")
	st.pinAsk.(interface{ Submit() }).Submit()
	if _, ok, _ := s.Credential("陈静"); ok {
		t.Fatal("staff set another's PIN")
	}
	u.lockNow()
	test.Tap(si.names["赵总"])
	tapPIN(si, "2580")
	st = u.setView.staff
	if st.pins["陈静"] == nil {
		t.Fatal("no Set PIN… for 陈静")
	}
	test.Tap(st.pins["陈静"])
	st.pinEntries[0].SetText("4680")
	st.pinEntries[1].SetText("4680")
	st.pinAsk.(interface{ Submit() }).Submit()
	u.lockNow()
	if si.names["陈静"].Disabled() {
		t.Fatal("陈静 has a PIN now")
	}
	test.Tap(si.names["陈静"])
	tapPIN(si, "4680")
	if u.currentUser() != "陈静" {
		t.Fatalf("陈静: %q", si.message.Text)
	}
}

func TestExistingDatabaseOffersToTurnSignInOn(t *testing.T) {
	clock := &testClock{t: monday10}
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "old.db"), store.WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st := s.Settings()
	st.Staff = []data.Staff{{Name: "王芳", Role: data.RoleStaff}, {Name: "赵总", Role: data.RoleOwner}}
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	u := newSignInUI(t, s, clock)
	si := u.signin
	if si.locked || si.on || si.offerDialog == nil {
		t.Fatal("an old database must open as before, with the offer")
	}
	u.user.SetSelected("王芳") // today's way still works until then
	if u.currentUser() != "王芳" {
		t.Fatal("the picker no longer works before sign-in is on")
	}
	if si.offerWho.Selected != "赵总" {
		t.Fatalf("the offer is for an owner: %q", si.offerWho.Selected)
	}
	si.offerPIN.SetText("2580")
	si.offerPIN2.SetText("2580")
	test.Tap(si.offerOK)
	if !si.on || u.currentUser() != "赵总" || !(testSigner{s}).SignInOn() {
		t.Fatalf("after turning it on: %q", u.currentUser())
	}
	u.lockNow()
	if !si.names["王芳"].Disabled() {
		t.Fatal("王芳 has no PIN yet")
	}
}

func TestChangeOwnPINAndDialogsSurviveTheLock(t *testing.T) {
	clock := &testClock{t: monday10}
	s := signInStore(t, clock)
	u := newSignInUI(t, s, clock)
	quits := quitCounter(u)
	si := u.signin
	test.Tap(si.names["王芳"])
	tapPIN(si, "1357")
	u.changeOwnPIN()
	ov := u.win.Canvas().Overlays()
	if ov.Top() == nil {
		t.Fatal("no dialog")
	}
	si.changeEntries[0].SetText("1357")
	si.changeEntries[1].SetText("97531")
	// The open dialog goes away with the lock and comes back to the same person.
	u.lockNow()
	if ov.Top() != nil {
		t.Fatal("a dialog shows over the lock screen")
	}
	test.Tap(si.names["王芳"])
	tapPIN(si, "1357")
	if ov.Top() == nil || si.changeEntries[1].Text != "97531" {
		t.Fatal("the dialog did not come back as it was")
	}
	si.changeEntries[2].SetText("97531")
	si.changeAsk.Submit()
	u.lockNow()
	test.Tap(si.names["王芳"])
	tapPIN(si, "1357")
	if u.currentUser() != "" {
		t.Fatal("the old PIN still works")
	}
	tapPIN(si, "97531")
	if u.currentUser() != "王芳" {
		t.Fatalf("the new PIN: %q", si.message.Text)
	}
	// A wrong old PIN changes nothing.
	u.changeOwnPIN()
	si.changeEntries[0].SetText("0000")
	si.changeEntries[1].SetText("2468")
	si.changeEntries[2].SetText("2468")
	si.changeAsk.Submit()
	if c, _, _ := s.Credential("王芳"); secret.Matches(c, "2468") || c.Failures != 1 {
		t.Fatalf("changed with a wrong old PIN (failures %d)", c.Failures)
	}
	// Quitting records the sign-out.
	for ov.Top() != nil {
		ov.Remove(ov.Top())
	}
	u.quit()
	if *quits != 1 {
		t.Fatal("did not quit")
	}
	es, _ := s.SignInEntries(context.Background())
	if e := es[len(es)-1]; e.Kind != data.AuditSignOut || e.What != "quit" || e.By != "王芳" {
		t.Fatalf("last entry %+v", e)
	}
}

func TestSettingsBeingEditedStayWithTheirAuthor(t *testing.T) {
	clock := &testClock{t: monday10}
	s := signInStore(t, clock)
	u := newSignInUI(t, s, clock)
	si := u.signin
	test.Tap(si.names["赵总"])
	tapPIN(si, "2580")
	if u.setView.changed() {
		out, err := u.setView.read()
		a, _ := json.Marshal(out)
		b, _ := json.Marshal(u.settings())
		t.Fatalf("untouched settings count as changed: %v\n%s\n%s", err, a, b)
	}
	u.setView.idle.SetText("12")
	if !u.setView.changed() {
		t.Fatal("an edit does not count")
	}
	u.lockNow()
	test.Tap(si.names["王芳"])
	tapPIN(si, "1357")
	if u.setView.idle.Text != "5" || u.setView.changed() {
		t.Fatalf("王芳 sees 赵总's edit: %q", u.setView.idle.Text)
	}
	u.lockNow()
	test.Tap(si.names["赵总"])
	tapPIN(si, "2580")
	if u.setView.idle.Text != "12" {
		t.Fatalf("赵总's edit is gone: %q", u.setView.idle.Text)
	}
	u.setView.save()
	if got := s.Settings().SignIn.Minutes(); got != 12 {
		t.Fatalf("saved %d", got)
	}
	// A wrong number is marked under the field and nothing is saved.
	u.setView.idle.SetText("-3")
	u.setView.save()
	if got := s.Settings().SignIn.Minutes(); got != 12 || !strings.Contains(u.setView.marks.text("signin.idle_minutes"), "1440") {
		t.Fatalf("saved %d, mark %q", got, u.setView.marks.text("signin.idle_minutes"))
	}
}

func TestSignInWithAPassword(t *testing.T) {
	clock := &testClock{t: monday10}
	s := signInStore(t, clock)
	if err := (testSigner{s}).SetSecret(context.Background(), data.Actor{Name: "赵总", Role: data.RoleOwner}, "陈静", "", "correct horse"); err != nil {
		t.Fatal(err)
	}
	u := newSignInUI(t, s, clock)
	si := u.signin
	test.Tap(si.names["陈静"])
	if si.password == nil || u.win.Canvas().Focused() != si.password {
		t.Fatal("a password person gets a focused password field, not the pad")
	}
	test.Type(si.password, "wrong horse")
	si.password.OnSubmitted(si.password.Text)
	if u.currentUser() != "" || !strings.Contains(si.message.Text, "Wrong PIN or password") || si.password.Text != "" {
		t.Fatalf("wrong password: %q", si.message.Text)
	}
	// Esc goes back to the names.
	si.password.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if si.chosen != "" {
		t.Fatal("Esc did not go back")
	}
	test.Tap(si.names["陈静"])
	test.Type(si.password, "correct horse")
	si.password.OnSubmitted(si.password.Text)
	if u.currentUser() != "陈静" || u.actor().Role != data.RoleSupervisor {
		t.Fatalf("right password: %q %q", u.currentUser(), si.message.Text)
	}
	es, _ := s.SignInEntries(context.Background())
	if e := es[len(es)-1]; e.Kind != data.AuditSignIn || e.What != "password" {
		t.Fatalf("last entry %+v", e)
	}
}

// Findings typed and not saved are kept through a lock for the same person,
// set aside when someone else signs in, and back for their author.
func TestFindingsStayWithTheirAuthor(t *testing.T) {
	clock := &testClock{t: monday10}
	s := signInStore(t, clock)
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating)
	u := newSignInUI(t, s, clock)
	si := u.signin
	test.Tap(si.names["王芳"])
	tapPIN(si, "1357")
	u.refreshAll()
	u.openCase(c.ID)
	typeFacts(u, "导游擅自安排购物")
	u.lockNow()
	test.Tap(si.names["王芳"])
	tapPIN(si, "1357")
	if u.detail.id != c.ID || u.detail.findings.facts.Text != "导游擅自安排购物" {
		t.Fatalf("after the same person's sign-in: %q", u.detail.findings.facts.Text)
	}
	u.lockNow()
	test.Tap(si.names["赵总"])
	tapPIN(si, "2580")
	if u.detail.findingsPending() || (u.detail.findings != nil && u.detail.findings.facts.Text != "") {
		t.Fatal("赵总 sees 王芳's findings")
	}
	u.lockNow()
	test.Tap(si.names["王芳"])
	tapPIN(si, "1357")
	if !u.detail.findingsPending() || u.detail.findings.facts.Text != "导游擅自安排购物" {
		t.Fatal("王芳's findings are gone")
	}
	if storedFacts(t, s, c.Number) != "" {
		t.Fatal("saved without anyone saving")
	}
}

// The mouse over the window counts as input; without any, the window locks.
func TestMouseKeepsTheWindowOpen(t *testing.T) {
	clock := &testClock{t: monday10}
	s := signInStore(t, clock)
	u := newSignInUI(t, s, clock)
	si := u.signin
	test.Tap(si.names["王芳"])
	tapPIN(si, "1357")
	catcher := u.win.Content().(*activityCatcher)
	for m := 1; m <= 12; m++ {
		clock.set(monday10.Add(time.Duration(m) * time.Minute))
		catcher.MouseMoved(&desktop.MouseEvent{})
		u.checkIdle()
	}
	if si.locked {
		t.Fatal("locked while the mouse moved")
	}
	clock.set(monday10.Add(16*time.Minute + time.Second))
	u.checkIdle()
	if si.locked {
		t.Fatal("locked before 5 minutes")
	}
	clock.set(monday10.Add(17 * time.Minute))
	u.checkIdle()
	if !si.locked {
		t.Fatal("not locked after the default 5 minutes")
	}
}

// Hiding the window into the tray locks it: whoever opens it again from the
// tray signs in first.
func TestClosingToTheTrayLocks(t *testing.T) {
	clock := &testClock{t: monday10}
	s := signInStore(t, clock)
	u := newSignInUI(t, s, clock)
	si := u.signin
	test.Tap(si.names["王芳"])
	tapPIN(si, "1357")
	if u.currentUser() != "王芳" {
		t.Fatal("not signed in")
	}
	u.warn.tray = &trayApp{App: test.NewTempApp(t)}
	st := s.Settings()
	st.Alerts.TrayKeepRunning = true
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	if !u.closeToTray() {
		t.Fatal("the window did not hide into the tray")
	}
	if !si.locked || u.currentUser() != "" {
		t.Fatal("a window hidden in the tray stays signed in")
	}
}
