package ui

import (
	"context"
	"net/url"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// prefUser remembers who is working at this counter.
const prefUser = "current_user"

// UI is Casebook's main window and its screens.
type UI struct {
	app fyne.App
	win fyne.Window
	svc Services
	ctx context.Context
	now func() time.Time

	// open shows a file in the system's viewer (the app's OpenURL; tests record it).
	open  func(*url.URL) error
	bg    sync.WaitGroup // work running off the UI goroutine; tests wait for it
	about About          // version and paths, for Help

	tabs     *container.AppTabs
	casesTab *container.TabItem
	newTab   *container.TabItem
	setTab   *container.TabItem
	mailTab  *container.TabItem

	customers    *customersView     // nil without Services.Customers (customers.go)
	reports      *reportsView       // nil without Services.Reports; its tab only for supervisors and owners (reports.go)
	customersTab *container.TabItem // after Cases

	user    *safeSelect // "Working as" while sign-in is off; the signed-in name once on (signin.go)
	signin  *signIn     // nil without a sign-in service
	status  *widget.Label
	mail    *mailBar
	list    *caseList
	detail  *caseDetail
	form    *caseForm
	setView *settingsView
	maillog *mailLog
	today   *todayView  // the first tab (today.go)
	warn    *warner     // desktop warnings and the tray (warnings.go)
	kbWin   fyne.Window // the knowledge base window while open (kb.go)
	kbView  *kbView

	unsaved []unsavedWork // asked about before quitting (see guardQuit)
	editing *editForm     // the case edit dialog last opened (see caseedit.go)
	asked   []*asked      // the latest questions asked (see ask)
	exit    func()        // quits the app after askBeforeQuit (the app's Quit; tests record it)

	exporting *exportDialog // the export dialog last opened (export.go)

	listTimer *time.Timer   // a list refresh pending after changes (see Apply)
	listDelay time.Duration // how long Apply gathers changes before one list query
	tick      time.Duration // how often StartRefresh redraws the deadlines

	// do runs f on the UI goroutine: fyne.Do. Every timer, ticker and
	// goroutine of this package reaches widgets through it, and through
	// nothing else (TestNoWidgetTouchedOffTheUIGoroutine checks the source);
	// the race test puts a lock here to stand for the one UI goroutine.
	do func(f func())
}

// New builds the main window over the application's services.
func New(ctx context.Context, a fyne.App, svc Services, opts ...Option) *UI {
	u := &UI{app: a, svc: svc, ctx: ctx, now: time.Now, open: systemOpener(a), exit: a.Quit,
		do: fyne.Do, listDelay: listRefreshDelay, tick: time.Minute}
	for _, o := range opts {
		o(u)
	}
	if svc.SignIn != nil {
		u.signin = &signIn{u: u, svc: svc.SignIn}
	}
	followZone(u.settings())
	u.followAppearance()
	u.win = a.NewWindow(T("Casebook"))
	u.win.SetIcon(a.Metadata().Icon)

	u.user = newSelect(nil, func(name string) {
		a.Preferences().SetString(prefUser, name)
		if u.list != nil {
			u.list.userChanged() // "my cases" follow the person working
		}
	})
	u.user.PlaceHolder = T("Choose…")
	u.reloadStaff()

	u.detail = newCaseDetail(u)
	u.list = newCaseList(u)
	u.form = newCaseForm(u)
	u.setView = newSettingsView(u)
	u.maillog = newMailLog(u)
	u.guardForm()
	u.today, u.warn = newTodayView(u), newWarner(u)

	split := u.caseSplit()
	u.casesTab = container.NewTabItem(T("Cases"), split)
	u.newTab = container.NewTabItem(T("New case"), u.form.content)
	u.setTab = container.NewTabItem(T("Settings"), u.setView.content)
	u.mailTab = container.NewTabItem(T("E-mail"), u.maillog.content)
	tabItems := []*container.TabItem{u.today.tab, u.casesTab}
	if svc.Customers != nil {
		u.customers = newCustomersView(u, svc.Customers)
		u.customersTab = container.NewTabItem(T("Customers"), u.customers.content)
		tabItems = append(tabItems, u.customersTab)
	}
	u.tabs = container.NewAppTabs(append(tabItems, u.newTab, u.mailTab, u.setTab)...)
	if svc.Reports != nil {
		u.reports = newReportsView(u, svc.Reports)
		u.followReportsRole() // the tab, for a supervisor or owner working
	}
	u.tabs.OnUnselected = u.leavingTab // unsaved findings are asked about
	u.tabs.OnSelected = func(t *container.TabItem) {
		switch t {
		case u.customersTab:
			u.customers.reload()
		case u.newTab:
			u.form.focusFirst()
		case u.mailTab:
			u.maillog.refresh()
		case u.reportTab():
			u.reports.shown()
		}
	}

	newBtn := widget.NewButton(T("New case")+"  (Ctrl+N)", u.showNewCase)
	newBtn.Importance = widget.HighImportance
	archiveBtn := widget.NewButtonWithIcon(T("Archive closed cases…"), theme.DocumentPrintIcon(), func() { u.showArchiveDialog() })
	archiveBtn.Importance = widget.LowImportance
	var who fyne.CanvasObject = container.NewHBox(widget.NewLabel(T("Working as")), u.user)
	if u.signin != nil {
		who = u.signin.whoBar()
	}
	top := container.NewBorder(nil, nil, container.NewHBox(newBtn, archiveBtn), who)
	if u.signin != nil {
		u.signin.top = top // laid out again when the name shown changes
	}
	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis // a long message must not widen the window past a small screen
	u.mail = newMailBar(u)
	content := container.NewBorder(top, container.NewBorder(nil, nil, nil, u.mail.content, u.status), nil, nil, u.tabs)
	u.win.SetContent(content)
	u.win.SetMainMenu(u.lockedOut(u.mainMenu()))
	u.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { u.dropOnCase(uris) }) // evidence onto the open case
	u.win.SetCloseIntercept(u.quit)                                                   // closing the window asks like Quit does
	u.win.Resize(fyne.NewSize(1280, 800))
	u.list.refresh()
	u.startToday()
	if u.signin != nil { // sign-in: the owner's first PIN, the lock screen, or the offer to turn it on
		u.setupSignIn(content)
	} else if len(u.settings().Staff) == 0 { // a new database: staff first
		u.tabs.Select(u.setTab)
		u.notify(T("Welcome. Add the people who use Casebook under Staff, save, then choose yourself under “Working as”."))
	}
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

func (u *UI) mainMenu() *fyne.MainMenu {
	newCase := fyne.NewMenuItem(T("New case"), u.showNewCase)
	newCase.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	save := fyne.NewMenuItem(T("Save case"), func() {
		if u.tabs.Selected() == u.newTab {
			u.form.save()
		}
	})
	save.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	find := fyne.NewMenuItem(T("Find cases"), func() {
		u.tabs.Select(u.casesTab)
		u.win.Canvas().Focus(u.list.search)
	})
	find.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	reload := fyne.NewMenuItem(T("Reload list"), u.refreshAll)
	reload.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault}
	printItem := fyne.NewMenuItem(T("Print…"), func() {
		if u.detail.id == 0 {
			u.notify(T("Select a case in the list first."))
			return
		}
		u.detail.showPrint(u.detail.current)
	})
	printItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}
	archive := fyne.NewMenuItem(T("Archive closed cases…"), func() { u.showArchiveDialog() })
	caseMenu := []*fyne.MenuItem{newCase, save, find, reload, fyne.NewMenuItemSeparator()}
	if u.svc.Import != nil { // import.go
		caseMenu = append(caseMenu, fyne.NewMenuItem(T("Import spreadsheet…"), func() { u.showImportDialog() }), fyne.NewMenuItemSeparator())
	}
	if u.signin != nil {
		lock := fyne.NewMenuItem(T("Lock"), u.lockNow)
		lock.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
		caseMenu = append(caseMenu, lock, fyne.NewMenuItem(T("Change my PIN…"), u.changeOwnPIN))
	}
	return fyne.NewMainMenu(
		fyne.NewMenu(T("Case"), append(caseMenu, u.quitItem())...),
		fyne.NewMenu(T("Documents"), printItem, archive),
		fyne.NewMenu(T("View"), fyne.NewMenuItem(T("Settings"), func() { u.tabs.Select(u.setTab) }),
			fyne.NewMenuItem(T("Knowledge base…"), u.showKnowledgeBase), // kb.go
			fyne.NewMenuItem(T("My appearance…"), u.showMyAppearance)),
		u.helpMenu(),
	)
}

// showNewCase opens the intake form with the cursor in its first field.
func (u *UI) showNewCase() {
	u.tabs.Select(u.newTab)
	u.form.focusFirst()
}

// settings are the agency's current settings.
func (u *UI) settings() data.Settings { return u.svc.Settings.Get() }

// currentUser is the person working: once sign-in is on, the one signed in
// (nobody while the window is locked); before, the name chosen under
// "Working as".
func (u *UI) currentUser() string {
	if s := u.signin; s != nil && (s.on || s.locked) {
		if s.locked {
			return ""
		}
		return s.who.Name
	}
	return u.user.Selected
}

// actor is the staff member working now, with their role, as every change
// needs; on a database without staff yet it is nobody (only the first
// settings can be saved then).
func (u *UI) actor() data.Actor {
	a, err := u.svc.Settings.Actor(u.currentUser())
	if err != nil {
		return data.Actor{Name: u.currentUser()}
	}
	return a
}

// needUser makes sure every change is recorded with a name: without one it
// says what to do and returns false.
func (u *UI) needUser() bool {
	if u.currentUser() != "" {
		return true
	}
	if s := u.signin; s != nil && (s.on || s.locked) {
		return false // the sign-in screen is up
	}
	if len(u.settings().Staff) == 0 {
		dialog.ShowInformation(T("Who is working?"), T("Add the people who use Casebook under Settings → Staff, then choose yourself under “Working as” (top right)."), u.win)
		u.tabs.Select(u.setTab)
		return false
	}
	dialog.ShowInformation(T("Who is working?"), T("Choose yourself under “Working as” (top right): every change is recorded with your name."), u.win)
	u.win.Canvas().Focus(u.user)
	return false
}

// StartRefresh redraws deadline colours every minute, so a case turns
// "due soon" or "overdue" on screen while the list is open.
func (u *UI) StartRefresh(ctx context.Context) {
	go func() {
		tick := time.NewTicker(u.tick)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				u.do(func() { u.list.refresh(); u.today.recompute(); u.checkIdle() })
			}
		}
	}()
}

func (u *UI) reloadStaff() {
	st := u.settings()
	var names []string
	for _, s := range st.Staff {
		names = append(names, s.Name)
	}
	u.user.Options = names
	want := u.app.Preferences().String(prefUser)
	if len(names) == 1 {
		want = names[0] // the only person who can be working
	}
	u.user.ClearSelected()
	for _, n := range names {
		if n == want {
			u.user.SetSelected(n)
		}
	}
	u.user.Refresh()
}

// refreshAll reloads the list and the open case after a change.
func (u *UI) refreshAll() {
	u.list.refresh()
	u.detail.reload()
}

// showError tells the user what went wrong, in their language.
func (u *UI) showError(err error) {
	dialog.ShowError(errorWithText{err}, u.win)
}

// errorWithText gives dialog.ShowError the translated message.
type errorWithText struct{ err error }

func (e errorWithText) Error() string { return errorText(e.err) }
func (e errorWithText) Unwrap() error { return e.err }

// caseSaved is called after the form stored a case: show it in the list.
func (u *UI) caseSaved(c data.Case) {
	u.list.refresh()
	u.tabs.Select(u.casesTab)
	u.openCase(c.ID)
}

// notify shows a short confirmation in the status line.
func (u *UI) notify(msg string) {
	if u.status != nil {
		u.status.SetText(msg)
	}
}

// async runs work off the UI goroutine, then runs the function it returns (if
// any) on the UI goroutine through fyne.Do.
func (u *UI) async(work func() (then func())) {
	u.bg.Add(1)
	go func() {
		defer u.bg.Done()
		if then := work(); then != nil {
			u.do(then)
		}
	}()
}

// openFile shows a document in the system's viewer. It reports whether the
// viewer could be started; the caller always says where the file is.
func (u *UI) openFile(path string) bool {
	return u.open(fileURL(path)) == nil
}

// openCase shows a case and selects it in the list when the list holds it;
// when the filter leaves it out, the list says so and offers to clear it.
func (u *UI) openCase(id uint64) {
	u.detail.show(id) // may first ask about unsaved findings; the list follows the choice
	u.list.reveal(id)
}
