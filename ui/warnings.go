package ui

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"casebook/data"
)

// warnKind is what a desktop warning is about.
type warnKind int

const (
	warnUrgent    warnKind = iota // an urgent case arrived
	warnSoon                      // one of my cases became due soon
	warnOverdue                   // one of my cases became overdue
	warnEscalated                 // a case was escalated to me
	warnBounced                   // a reply on my case bounced
)

// warnKey is one thing announced: a case, the kind, and the deadline (or the
// level, or the bounce's time) it is about, so a new deadline is announced
// again and the same one never twice.
type warnKey struct {
	id   uint64
	kind warnKind
	at   int64
}

// warnBurst is how many warnings of one check are shown one by one; more
// become one summary, so a sync of many cases does not bury the desktop.
const warnBurst = 3

// warner sends the desktop warnings (early warnings, 预警) of the person
// working, each once. What was announced is remembered in memory; the first
// check after the start (or after another person is chosen) only takes note
// of what is already so, and says at most how many cases are overdue.
type warner struct {
	u       *UI
	send    func(*fyne.Notification) // the app's SendNotification; tests record
	seen    map[warnKey]bool
	primed  bool
	since   time.Time   // bounces before this are not news
	tray    desktop.App // nil without a system tray
	menu    *fyne.Menu  // the tray's menu
	overdue int         // the count the tray shows
	hidden  bool        // the window was closed into the tray
	quit    func()      // what the tray's Quit does

	pending  map[uint64]bool // changed cases to look at for bounces
	checking bool            // a look is under way
}

// escalationRank tells the levels apart in a warnKey: escalated to me again,
// higher, is news again.
var escalationRank = map[data.Escalation]int64{data.EscalationSupervisor: 1, data.EscalationOwner: 2}

func newWarner(u *UI) *warner {
	return &warner{u: u, send: u.app.SendNotification, seen: map[warnKey]bool{}, since: u.now(), quit: u.quitFromTray}
}

// reset forgets what was announced: another person works now.
func (w *warner) reset() {
	w.seen = map[warnKey]bool{}
	w.primed = false
	w.since = w.u.now()
}

type warning struct {
	key   warnKey
	title string
	body  string
}

// afterToday runs after Today was computed: the tray shows the overdue
// count, and the deadlines and escalations are checked for news.
func (u *UI) afterToday(t data.Today) {
	u.warn.setOverdue(t.Mine.Overdue.Count)
	u.warn.check(t.At)
}

// check compares the person's open cases with what was announced.
func (w *warner) check(now time.Time) {
	who := w.u.todayActor()
	if who.Name == "" {
		return
	}
	alerts := w.u.settings().Alerts
	var news []warning
	overdue := 0
	note := func(k warnKey, on bool, title, body string) {
		if w.seen[k] {
			return
		}
		w.seen[k] = true
		if w.primed && on {
			news = append(news, warning{k, title, body})
		}
	}
	for _, r := range w.u.svc.Cases.List(data.Filter{OpenOnly: true, Owner: who.Name}, data.Sort{}, now) {
		if r.Overdue(now) {
			overdue++
		}
		for _, c := range []data.Clock{r.First, r.Resolution} {
			switch c.State(now) {
			case data.ClockOverdue:
				note(warnKey{r.ID, warnOverdue, c.Due.UnixNano()}, !alerts.NoDue,
					TF("Overdue: {{.Number}}", map[string]any{"Number": r.Number}), r.Subject)
			case data.ClockDueSoon:
				note(warnKey{r.ID, warnSoon, c.Due.UnixNano()}, !alerts.NoDue,
					TF("Due soon: {{.Number}}", map[string]any{"Number": r.Number}),
					TF("{{.Subject}} — due {{.At}}", map[string]any{"Subject": r.Subject, "At": c.Due.In(zone()).Format("01-02 15:04")}))
			}
		}
		if r.Escalation == data.EscalationSupervisor || r.Escalation == data.EscalationOwner {
			note(warnKey{r.ID, warnEscalated, escalationRank[r.Escalation]}, !alerts.NoEscalated,
				TF("Escalated to you: {{.Number}}", map[string]any{"Number": r.Number}),
				TF("{{.Subject}} ({{.Level}})", map[string]any{"Subject": r.Subject, "Level": escalationLabel(r.Escalation)}))
		}
	}
	for _, r := range w.u.svc.Cases.List(data.Filter{Statuses: []data.Status{data.StatusNew}, Severity: data.SeverityUrgent}, data.Sort{}, now) {
		note(warnKey{r.ID, warnUrgent, 0}, !alerts.NoUrgent,
			TF("Urgent case: {{.Number}}", map[string]any{"Number": r.Number}), r.Subject)
	}
	w.followUpWarnings(now, note) // today_followup.go
	if !w.primed {
		w.primed = true
		// Already so at the start: one summary, not one warning a case.
		if overdue > 0 && !alerts.NoDue {
			w.send(fyne.NewNotification(T("Casebook"), TF("{{.N}} of your cases are overdue", map[string]any{"N": overdue})))
		}
		return
	}
	w.announce(news)
}

// announce sends the warnings of one check: each, or a summary of many.
func (w *warner) announce(news []warning) {
	if len(news) <= warnBurst {
		for _, n := range news {
			w.send(fyne.NewNotification(n.title, n.body))
		}
		return
	}
	w.send(fyne.NewNotification(T("Casebook"), TF("{{.N}} cases need your attention: see Today", map[string]any{"N": len(news)})))
}

// caseChanged looks for a new bounce on a case the person owns (any case,
// for the owner of the agency). The cases are read off the UI goroutine, one
// batch at a time: the changes of a whole sync share one reader.
func (w *warner) caseChanged(id uint64) {
	if w.u.todayActor().Name == "" || w.u.settings().Alerts.NoBounced {
		return
	}
	if w.pending == nil {
		w.pending = map[uint64]bool{}
	}
	w.pending[id] = true
	if !w.checking {
		w.checkBounces()
	}
}

func (w *warner) checkBounces() {
	who, since := w.u.todayActor(), w.since
	ids := w.pending
	w.pending, w.checking = nil, true
	w.u.async(func() func() {
		type bounce struct {
			c data.Case
			e data.Event
		}
		var found []bounce
		for id := range ids {
			c, err := w.u.svc.Cases.ByID(w.u.ctx, id)
			if err != nil || c.Owner != who.Name && who.Role != data.RoleOwner {
				continue
			}
			for _, e := range c.Timeline {
				if e.Type == data.EventMailBounced && !e.At.Before(since) {
					found = append(found, bounce{c, e})
				}
			}
		}
		return func() {
			w.checking = false
			if w.u.todayActor().Name == who.Name { // not if another person was chosen meanwhile
				var news []warning
				for _, b := range found {
					k := warnKey{b.c.ID, warnBounced, b.e.At.UnixNano()}
					if !w.seen[k] {
						w.seen[k] = true
						news = append(news, warning{k, TF("Reply bounced: {{.Number}}", map[string]any{"Number": b.c.Number}),
							fmt.Sprintf("%s — %s", b.c.Subject, b.e.Args[data.ArgError])})
					}
				}
				w.announce(news)
			}
			if len(w.pending) > 0 {
				w.checkBounces()
			}
		}
	})
}

// setupTray puts Casebook in the system tray, where there is one: the
// overdue count, Open Casebook, Quit. Closing the window hides it into the
// tray when the setting says so (see closeToTray).
func (u *UI) setupTray() {
	if d, ok := u.app.(desktop.App); ok && systrayUsable() {
		u.warn.tray = d
		if icon := u.app.Icon(); icon != nil {
			d.SetSystemTrayIcon(icon)
		}
		u.warn.showTray()
	}
	u.win.SetCloseIntercept(func() {
		if !u.closeToTray() {
			u.quit() // asks about unsaved work first
		}
	})
}

// closeToTray hides the window instead of closing it when Casebook is to
// keep running in the tray; it reports whether it did. The quit guard (which
// asks about unsaved work) calls it first.
func (u *UI) closeToTray() bool {
	if u.warn.tray == nil || !u.settings().Alerts.TrayKeepRunning {
		return false
	}
	u.win.Hide()
	u.warn.hidden = true
	if si := u.signin; si != nil && si.on && !si.locked {
		si.lock("tray") // a hidden window is an unattended one
	}
	return true
}

// quitFromTray quits as the menu's Quit does; the window comes back first
// when there is unsaved work to ask about.
func (u *UI) quitFromTray() {
	for _, w := range u.unsaved {
		if w.pending() {
			u.showWindow()
			break
		}
	}
	u.quit()
}

// showWindow brings the window back from the tray.
func (u *UI) showWindow() {
	u.warn.hidden = false
	u.win.Show()
	u.win.RequestFocus()
}

// trayMenu is the tray's menu for an overdue count.
func (w *warner) trayMenu() *fyne.Menu {
	count := fyne.NewMenuItem(TF("{{.N}} overdue", map[string]any{"N": w.overdue}), func() {
		w.u.showWindow()
		w.u.tabs.Select(w.u.today.tab)
	})
	open := fyne.NewMenuItem(T("Open Casebook"), w.u.showWindow)
	quit := fyne.NewMenuItem(T("Quit"), func() { w.quit() })
	quit.IsQuit = true
	return fyne.NewMenu(T("Casebook"), count, open, fyne.NewMenuItemSeparator(), quit)
}

func (w *warner) showTray() {
	if w.tray == nil {
		return
	}
	w.menu = w.trayMenu()
	w.tray.SetSystemTrayMenu(w.menu)
}

// setOverdue shows a new overdue count in the tray.
func (w *warner) setOverdue(n int) {
	if n == w.overdue && w.menu != nil {
		return
	}
	w.overdue = n
	w.showTray()
}

// systrayUsable reports whether a system tray can be used. On Linux and the
// BSDs the tray speaks D-Bus, and Fyne's systray (v1.11) panics when the
// app quits after it failed to reach the session bus (a desktop without
// one, Xvfb): there the tray is only set up when the bus answers. Tests
// replace it.
var systrayUsable = func() bool {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd":
		return sessionBusReachable()
	}
	return true
}

// sessionBusReachable dials the session bus where godbus would find it:
// $DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus. (Without either,
// godbus would start dbus-launch; no tray then.)
func sessionBusReachable() bool {
	addrs := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	if addrs == "" {
		if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
			addrs = "unix:path=" + filepath.Join(dir, "bus")
		}
	}
	for _, addr := range strings.Split(addrs, ";") {
		kind, params, ok := strings.Cut(addr, ":")
		if !ok {
			continue
		}
		kv := map[string]string{}
		for _, p := range strings.Split(params, ",") {
			if k, v, ok := strings.Cut(p, "="); ok {
				kv[k] = v
			}
		}
		network, target := "", ""
		switch {
		case kind == "unix" && kv["path"] != "":
			network, target = "unix", kv["path"]
		case kind == "unix" && kv["abstract"] != "":
			network, target = "unix", "@"+kv["abstract"]
		case kind == "tcp" && kv["host"] != "" && kv["port"] != "":
			network, target = "tcp", net.JoinHostPort(kv["host"], kv["port"])
		default:
			continue
		}
		if c, err := net.DialTimeout(network, target, 200*time.Millisecond); err == nil {
			c.Close()
			return true
		}
	}
	return false
}
