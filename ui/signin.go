package ui

import (
	"context"
	"hash/fnv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// signer is sign-in as the window needs it (the application layer's
// Settings): PINs and passwords are checked, counted and recorded there.
type signer interface {
	// SignInOn tells whether anyone on the staff list has a PIN.
	SignInOn() bool
	// SecretKind is "pin", "password" or "" (none yet) for name.
	SecretKind(name string) data.SecretKind
	// SignIn checks name's PIN or password; how goes to the audit chain.
	SignIn(ctx context.Context, name, secret, how string) (data.Actor, error)
	// SignOut records the end of a's session (why: lock, idle, quit).
	SignOut(ctx context.Context, a data.Actor, why string) error
	// SetSecret sets name's PIN: one's own with the old one, anyone's by the owner.
	SetSecret(ctx context.Context, a data.Actor, name, old, pin string) error
	// FirstOwner starts a new database with its owner and their PIN.
	FirstOwner(ctx context.Context, name, pin string) (data.Actor, error)
}

// signIn is the window's sign-in: who is signed in, the lock screen, the
// idle clock, and the unsaved work each person left when someone else
// signed in.
type signIn struct {
	u      *UI
	svc    signer
	on     bool       // sign-in is on: the top bar shows who is signed in, not a picker
	locked bool       // the lock screen covers the window
	who    data.Actor // signed in (while not locked)
	last   time.Time  // the last input seen (see touch and sample)
	seen   uint64     // what sample saw last: focus, text, cursor, tab, case

	main    fyne.CanvasObject // the window's content while signed in
	top     *fyne.Container   // the window's top bar
	whoBox  *fyne.Container   // the top bar's right: "Working as" picker, or name + Lock
	whoName *widget.Label
	lockBtn *widget.Button

	// The lock screen.
	screen   *fyne.Container
	names    map[string]*widget.Button // one large button per staff member
	chosen   string                    // the name whose PIN is being typed
	typed    string                    // the PIN typed so far
	dots     *canvas.Text              // the PIN as dots
	digits   [10]*widget.Button
	erase    *widget.Button
	ok       *widget.Button
	password *keyEntry // for those who sign in with a password
	message  *widget.Label

	// The first owner's screen of a new database.
	ownerName, ownerPIN, ownerPIN2 *widget.Entry
	ownerStart                     *widget.Button

	// The offer to turn sign-in on (a database whose staff have no PIN yet).
	offerDialog         dialog.Dialog
	offerWho            *safeSelect
	offerPIN, offerPIN2 *widget.Entry
	offerOK             *widget.Button

	changeAsk     *dialog.FormDialog // Change my PIN…, while open
	changeEntries [3]*widget.Entry   // its old, new and again

	overlays []fyne.CanvasObject    // dialogs open when the window locked, given back to the same person
	author   string                 // whose unsaved work is on the screens now
	parked   map[string]*parkedWork // unsaved work of others, by author, until they sign in again
}

// parkedWork is what one person had typed but not saved when someone else
// signed in: it waits, out of sight, until its author signs in again.
type parkedWork struct {
	form     *caseForm
	drafts   map[uint64]*findingsDraft
	amending map[uint64]string
	editing  *editForm
	settings *settingsView // Settings with changes not saved, else nil
	overlays []fyne.CanvasObject
}

// setupSignIn starts sign-in after the window is built: a new database asks
// for its owner and a PIN; one with PINs shows the lock screen; one without
// offers the owner to turn sign-in on (until then anyone picks a name).
func (u *UI) setupSignIn(content fyne.CanvasObject) {
	s := u.signin
	s.main = newActivityCatcher(content, s.touch)
	s.last = u.now()
	s.parked = map[string]*parkedWork{}
	c := u.win.Canvas()
	c.SetOnTypedRune(func(r rune) { s.touch(); s.typedRune(r) })
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { s.touch(); s.typedKey(ev) })
	switch {
	case len(u.settings().Staff) == 0:
		s.showFirstOwner()
	case s.svc.SignInOn():
		s.on = true
		s.refreshWho()
		s.lock("")
	default:
		u.win.SetContent(s.main)
		s.offer()
	}
}

// touch records input: the idle clock starts again.
func (s *signIn) touch() { s.last = s.u.now() }

// sample counts typing in a focused field, a move between fields, tabs or
// cases as input: what the window shows is compared with the last sample.
// (Fyne hands keys to the focused widget only; the catcher below sees the
// mouse.)
func (s *signIn) sample() {
	h := fnv.New64a()
	u := s.u
	if f := u.win.Canvas().Focused(); f != nil {
		var e *widget.Entry
		switch w := f.(type) {
		case *widget.Entry:
			e = w
		case *keyEntry:
			e = &w.Entry
		case *dateField:
			e = &w.Entry
		}
		h.Write([]byte{1})
		if e != nil {
			h.Write([]byte(e.Text))
			h.Write([]byte{byte(e.CursorColumn), byte(e.CursorRow)})
		}
		if o, ok := f.(fyne.CanvasObject); ok {
			p := o.Position()
			h.Write([]byte{byte(p.X), byte(p.Y)})
		}
	}
	if u.tabs != nil {
		h.Write([]byte{byte(u.tabs.SelectedIndex())})
	}
	if u.detail != nil {
		h.Write([]byte{byte(u.detail.id), byte(u.detail.id >> 8)})
	}
	if sum := h.Sum64(); sum != s.seen {
		s.seen = sum
		s.touch()
	}
}

// checkIdle locks the window after the idle minutes of the settings
// (signin.idle_minutes) without input. StartRefresh calls it each tick.
func (u *UI) checkIdle() {
	s := u.signin
	if s == nil || !s.on || s.locked {
		return
	}
	s.sample()
	idle := u.settings().SignIn.Idle()
	if idle > 0 && u.now().Sub(s.last) >= idle {
		s.lock("idle")
	}
}

// lockedOut makes the menu's items (and their shortcuts: Ctrl+N, Ctrl+S…)
// do nothing while the lock screen is up, Quit apart: nothing may open or
// take the keys behind it.
func (u *UI) lockedOut(m *fyne.MainMenu) *fyne.MainMenu {
	if u.signin == nil {
		return m
	}
	var wrap func(items []*fyne.MenuItem)
	wrap = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.ChildMenu != nil {
				wrap(it.ChildMenu.Items)
			}
			if act := it.Action; act != nil && !it.IsQuit {
				it.Action = func() {
					if !u.signin.locked {
						act()
					}
				}
			}
		}
	}
	for _, menu := range m.Items {
		wrap(menu.Items)
	}
	return m
}

// lockNow is Ctrl+L and the Lock button.
func (u *UI) lockNow() {
	if s := u.signin; s != nil && s.on && !s.locked {
		s.lock("lock")
	}
}

// lock covers the window with the sign-in screen. What was typed stays in
// memory; open dialogs are put away and given back to the same person.
// why ("lock", "idle") is recorded as a sign-out; "" records nothing.
func (s *signIn) lock(why string) {
	u := s.u
	if why != "" && s.who.Name != "" {
		if err := s.svc.SignOut(u.ctx, s.who, why); err != nil {
			u.notify(errorText(err))
		}
	}
	s.locked = true
	ov := u.win.Canvas().Overlays()
	s.overlays = append(s.overlays, ov.List()...)
	for _, o := range s.overlays {
		ov.Remove(o)
	}
	s.showNames()
}

// quitting records the signed-in person's sign-out.
func (s *signIn) quitting() {
	if s != nil && s.on && !s.locked && s.who.Name != "" {
		_ = s.svc.SignOut(s.u.ctx, s.who, "quit")
	}
}

// signedIn puts a (just signed in) to work: the same person finds their
// work as they left it; someone else gets empty screens, and the work of
// the one before waits for them.
func (s *signIn) signedIn(a data.Actor) {
	u := s.u
	s.on = true
	if s.author != "" && s.author != a.Name {
		s.park(s.author)
		s.unpark(a.Name)
	}
	s.author = a.Name
	s.who = a
	s.locked = false
	s.chosen, s.typed = "", ""
	u.reloadStaff()
	u.user.SetSelected(a.Name) // "my cases", Today and the warnings follow the person
	s.refreshWho()
	u.win.SetContent(s.main)
	u.win.Canvas().Unfocus()
	for _, o := range s.overlays {
		u.win.Canvas().Overlays().Add(o)
	}
	s.overlays = nil
	s.touch()
	u.notify(TF("Signed in as {{.Name}}.", map[string]any{"Name": a.Name}))
}

// park sets the unsaved work on the screens aside for its author.
func (s *signIn) park(author string) {
	u := s.u
	pending := false
	for _, w := range u.unsaved {
		pending = pending || w.pending()
	}
	var settings *settingsView
	if u.setView.changed() {
		settings = u.setView
		u.setView = newSettingsView(u)
		u.setTab.Content = u.setView.content
	} else {
		u.setView.load() // as stored: nothing of the one before
	}
	if !pending && len(s.overlays) == 0 && settings == nil {
		return
	}
	s.parked[author] = &parkedWork{form: u.form, drafts: u.detail.findingDrafts, amending: u.detail.amending,
		editing: u.editing, overlays: s.overlays, settings: settings}
	s.overlays = nil
	u.form = newCaseForm(u)
	u.newTab.Content = u.form.content
	u.detail.findingDrafts, u.detail.amending, u.editing = map[uint64]*findingsDraft{}, map[uint64]string{}, nil
	u.tabs.Refresh()
	if u.detail.id != 0 {
		u.detail.reload()
	}
}

// unpark gives name their work back, if any was set aside.
func (s *signIn) unpark(name string) {
	u := s.u
	p := s.parked[name]
	if p == nil {
		return
	}
	delete(s.parked, name)
	u.form = p.form
	u.newTab.Content = u.form.content
	u.detail.findingDrafts, u.detail.amending, u.editing = p.drafts, p.amending, p.editing
	if p.settings != nil {
		u.setView = p.settings
		u.setTab.Content = u.setView.content
	}
	s.overlays = append(s.overlays, p.overlays...)
	u.tabs.Refresh()
	if u.detail.id != 0 {
		u.detail.reload()
	}
}

// whoBar is the top bar's right: while sign-in is off, "Working as" and the
// picker; once on, the signed-in name and role and the Lock button.
func (s *signIn) whoBar() fyne.CanvasObject {
	s.whoName = widget.NewLabel("")
	s.whoName.TextStyle.Bold = true
	s.lockBtn = widget.NewButtonWithIcon(T("Lock")+"  (Ctrl+L)", theme.LogoutIcon(), s.u.lockNow)
	s.whoBox = container.NewHBox(widget.NewLabel(T("Working as")), s.u.user)
	return s.whoBox
}

func (s *signIn) refreshWho() {
	if s.whoBox == nil || !s.on {
		return
	}
	s.whoName.SetText(s.who.Name + " · " + roleLabel(s.who.Role))
	s.whoBox.Objects = []fyne.CanvasObject{s.whoName, s.lockBtn}
	s.whoBox.Refresh()
	if s.top != nil {
		s.top.Refresh()
	}
}

// showNames is the lock screen's first step: a large button per person.
func (s *signIn) showNames() {
	u := s.u
	s.chosen, s.typed = "", ""
	s.names = map[string]*widget.Button{}
	staff := u.settings().Staff
	grid := container.NewGridWithColumns(max(1, min(4, len(staff))))
	for _, m := range staff {
		name := m.Name
		b := widget.NewButton(name+"\n"+roleLabel(m.Role), func() { s.choose(name) })
		b.Importance = widget.HighImportance
		if s.svc.SecretKind(name) == "" {
			b.Disable() // no PIN yet: the owner sets one (Settings → Staff)
		}
		s.names[name] = b
		grid.Add(container.NewGridWrap(fyne.NewSize(200, 84), b)) // large targets for a shared counter
	}
	title := canvas.NewText(T("Who is working?"), theme.Color(theme.ColorNameForeground))
	title.TextSize = theme.TextHeadingSize() * 1.3
	title.Alignment = fyne.TextAlignCenter
	hint := widget.NewLabel(T("Choose your name, then type your PIN. Names in grey have no PIN yet: the owner sets one under Settings → Staff."))
	hint.Alignment = fyne.TextAlignCenter
	s.message = widget.NewLabel("")
	s.message.Importance = widget.DangerImportance
	s.message.Alignment = fyne.TextAlignCenter
	s.show(container.NewVBox(title, hint, grid, s.message))
}

// show puts a sign-in step on the whole window.
func (s *signIn) show(body fyne.CanvasObject) {
	s.screen = container.NewCenter(container.NewPadded(body))
	s.u.win.SetContent(s.screen)
	s.screen.Refresh() // again, now that wrapped texts know their width
	s.u.win.Canvas().Unfocus()
}

// choose asks name for their PIN (a pad) or password (a field).
func (s *signIn) choose(name string) {
	s.chosen, s.typed = name, ""
	title := canvas.NewText(name, theme.Color(theme.ColorNameForeground))
	title.TextSize = theme.TextHeadingSize() * 1.3
	title.Alignment = fyne.TextAlignCenter
	s.message = widget.NewLabel("")
	s.message.Importance = widget.DangerImportance
	s.message.Alignment = fyne.TextAlignCenter
	s.message.Wrapping = fyne.TextWrapWord
	back := widget.NewButtonWithIcon(T("Back to the names")+"  (Esc)", theme.NavigateBackIcon(), s.showNames)
	s.ok = widget.NewButtonWithIcon(T("OK"), theme.ConfirmIcon(), s.submit)
	s.ok.Importance = widget.HighImportance
	if s.svc.SecretKind(name) == data.SecretPassword {
		s.password = newKeyEntry(false, s.showNames)
		s.password.Password = true
		s.password.SetPlaceHolder(T("Password"))
		s.password.OnSubmitted = func(string) { s.submit() }
		box := container.NewVBox(title, container.NewGridWrap(fyne.NewSize(320, 40), s.password), s.ok, s.message, back)
		s.show(box)
		s.u.win.Canvas().Focus(s.password)
		return
	}
	s.password = nil
	s.dots = canvas.NewText(" ", theme.Color(theme.ColorNameForeground))
	s.dots.TextSize = theme.TextHeadingSize() * 1.5
	s.dots.Alignment = fyne.TextAlignCenter
	pad := container.NewGridWrap(fyne.NewSize(96, 72))
	for _, d := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9} {
		pad.Add(s.digit(d))
	}
	s.erase = widget.NewButtonWithIcon("", theme.ContentUndoIcon(), s.backspace)
	pad.Add(s.erase)
	pad.Add(s.digit(0))
	pad.Add(s.ok)
	hint := widget.NewLabel(T("Type your PIN with the buttons or the keyboard; Enter signs in."))
	hint.Alignment = fyne.TextAlignCenter
	s.show(container.NewVBox(title, s.dots, container.New(layout.NewCenterLayout(), container.NewGridWrap(fyne.NewSize(304, 304), pad)), hint, s.message, back))
}

func (s *signIn) digit(d int) *widget.Button {
	b := widget.NewButton(string(rune('0'+d)), func() { s.press(rune('0' + d)) })
	s.digits[d] = b
	return b
}

func (s *signIn) press(r rune) {
	if len(s.typed) >= 8 {
		return
	}
	s.typed += string(r)
	s.showDots()
	s.say("")
}

func (s *signIn) backspace() {
	if s.typed != "" {
		s.typed = s.typed[:len(s.typed)-1]
	}
	s.showDots()
}

// say shows a message under the pad (or the form) and lays the screen out
// again for its wrapped lines.
func (s *signIn) say(text string) {
	s.message.SetText(text)
	if s.screen != nil {
		s.screen.Refresh()
	}
}

func (s *signIn) showDots() {
	s.dots.Text = strings.Repeat("● ", len(s.typed)) + " "
	s.dots.Refresh()
}

// typedRune and typedKey are the keyboard on the PIN pad (nothing is
// focused there, so the window gets the keys).
func (s *signIn) typedRune(r rune) {
	if s.locked && s.chosen != "" && s.password == nil && r >= '0' && r <= '9' {
		s.press(r)
	}
}

func (s *signIn) typedKey(ev *fyne.KeyEvent) {
	if !s.locked || s.chosen == "" {
		return
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		s.submit()
	case fyne.KeyBackspace:
		s.backspace()
	case fyne.KeyEscape:
		s.showNames()
	}
}

// submit checks the PIN or password typed.
func (s *signIn) submit() {
	secret, how := s.typed, "pin"
	if s.password != nil {
		secret, how = s.password.Text, "password"
	}
	if secret == "" {
		return
	}
	a, err := s.svc.SignIn(s.u.ctx, s.chosen, secret, how)
	if err != nil {
		s.typed = ""
		if s.dots != nil {
			s.showDots()
		}
		if s.password != nil {
			s.password.SetText("")
		}
		s.say(errorText(err))
		return
	}
	s.signedIn(a)
}

// showFirstOwner is a new database's first screen: the owner's name and PIN.
func (s *signIn) showFirstOwner() {
	s.locked = true
	title := canvas.NewText(T("Welcome to Casebook"), theme.Color(theme.ColorNameForeground))
	title.TextSize = theme.TextHeadingSize() * 1.3
	intro := widget.NewLabel(T("You are setting up Casebook for your agency and will be its owner. Give your name and choose a PIN (4 to 8 digits) or a password (8 characters or more): everyone signs in with their own, and every change is recorded with their name. You add the others under Settings → Staff."))
	intro.Wrapping = fyne.TextWrapWord
	s.ownerName = widget.NewEntry()
	s.ownerName.SetPlaceHolder(T("Your name"))
	s.ownerPIN = widget.NewPasswordEntry()
	s.ownerPIN2 = widget.NewPasswordEntry()
	s.message = widget.NewLabel("")
	s.message.Importance = widget.DangerImportance
	s.message.Wrapping = fyne.TextWrapWord
	s.ownerStart = widget.NewButton(T("Start"), s.startOwner)
	s.ownerStart.Importance = widget.HighImportance
	s.ownerPIN2.OnSubmitted = func(string) { s.startOwner() }
	form := widget.NewForm(widget.NewFormItem(T("Name"), s.ownerName), widget.NewFormItem(T("PIN or password"), s.ownerPIN),
		widget.NewFormItem(T("The same again"), s.ownerPIN2))
	s.show(container.NewGridWrap(fyne.NewSize(560, 420), container.NewVBox(title, intro, form, s.message, s.ownerStart)))
	s.u.win.Canvas().Focus(s.ownerName)
}

func (s *signIn) startOwner() {
	u := s.u
	if s.ownerPIN.Text != s.ownerPIN2.Text {
		s.say(errorText(&data.SignInError{Reason: data.SignInMismatch}))
		return
	}
	a, err := s.svc.FirstOwner(u.ctx, s.ownerName.Text, s.ownerPIN.Text)
	if err != nil {
		s.say(errorText(err))
		return
	}
	u.setView.load()
	s.signedIn(a)
	u.tabs.Select(u.setTab)
	u.notify(T("Welcome. Add the people who use Casebook under Staff and give each a PIN (Set PIN…)."))
}

// offer asks, on a database whose staff have no PIN yet, an owner to choose
// one and so turn sign-in on; "Later" keeps today's way (anyone picks a name).
func (s *signIn) offer() {
	u := s.u
	var owners []string
	for _, m := range u.settings().Staff {
		if m.Role == data.RoleOwner {
			owners = append(owners, m.Name)
		}
	}
	if len(owners) == 0 {
		return
	}
	who := newSelect(owners, nil)
	who.SetSelected(owners[0])
	pin, pin2 := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	why := widget.NewLabel(T("Anyone at this counter can now pick any name under “Working as” — the owner's too — so the record cannot show who really made a change. Once the owner chooses a PIN, everyone signs in with their own PIN and the window locks when left alone. The owner then gives each person a PIN under Settings → Staff."))
	why.Wrapping = fyne.TextWrapWord
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(T("Owner"), who), widget.NewFormItem(T("PIN or password"), pin), widget.NewFormItem(T("The same again"), pin2))
	var d *dialog.CustomDialog
	turnOn := widget.NewButton(T("Turn sign-in on"), func() {
		if pin.Text != pin2.Text {
			msg.SetText(errorText(&data.SignInError{Reason: data.SignInMismatch}))
			return
		}
		a, err := u.svc.Settings.Actor(who.Selected)
		if err == nil {
			err = s.svc.SetSecret(u.ctx, a, a.Name, "", pin.Text)
		}
		if err == nil {
			a, err = s.svc.SignIn(u.ctx, a.Name, pin.Text, "pin")
		}
		if err != nil {
			msg.SetText(errorText(err))
			return
		}
		d.Hide()
		s.author = u.currentUser()
		s.signedIn(a)
	})
	turnOn.Importance = widget.HighImportance
	later := widget.NewButton(T("Later"), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(T("Turn sign-in on"), container.NewVBox(why, form, msg), u.win)
	d.SetButtons([]fyne.CanvasObject{later, turnOn})
	d.Resize(fyne.NewSize(560, 0))
	s.offerDialog, s.offerWho, s.offerPIN, s.offerPIN2, s.offerOK = d, who, pin, pin2, turnOn
	d.Show()
}

// changeOwnPIN asks the signed-in person for their old PIN and a new one, twice.
func (u *UI) changeOwnPIN() {
	s := u.signin
	if s == nil || !s.on || s.locked {
		return
	}
	old, pin, pin2 := widget.NewPasswordEntry(), widget.NewPasswordEntry(), widget.NewPasswordEntry()
	form := []*widget.FormItem{widget.NewFormItem(T("Old PIN or password"), old),
		widget.NewFormItem(T("New PIN or password"), pin), widget.NewFormItem(T("The same again"), pin2)}
	d := dialog.NewForm(T("Change my PIN"), T("Change"), T("Cancel"), form, func(ok bool) {
		if !ok {
			return
		}
		if pin.Text != pin2.Text {
			u.showError(&data.SignInError{Reason: data.SignInMismatch})
			return
		}
		if err := s.svc.SetSecret(u.ctx, s.who, s.who.Name, old.Text, pin.Text); err != nil {
			u.showError(err)
			return
		}
		u.notify(T("Your PIN is changed."))
	}, u.win)
	s.changeAsk, s.changeEntries = d, [3]*widget.Entry{old, pin, pin2}
	d.Show()
}

// activityCatcher is the window's content while signed in: the mouse moving
// over it or pressed on it counts as input for the idle lock.
type activityCatcher struct {
	widget.BaseWidget
	content fyne.CanvasObject
	touch   func()
}

var (
	_ desktop.Hoverable = (*activityCatcher)(nil)
	_ desktop.Mouseable = (*activityCatcher)(nil)
)

func newActivityCatcher(content fyne.CanvasObject, touch func()) *activityCatcher {
	a := &activityCatcher{content: content, touch: touch}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activityCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(a.content)
}

func (a *activityCatcher) MouseIn(*desktop.MouseEvent)    { a.touch() }
func (a *activityCatcher) MouseMoved(*desktop.MouseEvent) { a.touch() }
func (a *activityCatcher) MouseOut()                      {}
func (a *activityCatcher) MouseDown(*desktop.MouseEvent)  { a.touch() }
func (a *activityCatcher) MouseUp(*desktop.MouseEvent)    {}
