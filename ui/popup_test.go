package ui

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// shown walks what the window draws, as the driver does: containers' objects
// and widgets' renderers, visible objects only.
func shown(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			shown(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			shown(c, visit)
		}
	}
}

// selectsShown lists the Selects the window draws now; bare are Fyne's own,
// without the guard.
func selectsShown(u *UI) (guarded []fyne.CanvasObject, bare []*widget.Select) {
	c := u.win.Canvas()
	c.Content().Resize(c.Size())
	shown(c.Content(), func(o fyne.CanvasObject) {
		switch s := o.(type) {
		case *safeSelect, *keySelect:
			guarded = append(guarded, s)
		case *widget.Select:
			bare = append(bare, s)
		}
	})
	return guarded, bare
}

func selectOptions(o fyne.CanvasObject) []string {
	var out []string
	shown(o, func(o fyne.CanvasObject) {
		switch s := o.(type) {
		case *safeSelect:
			out = append(out, s.Options...)
		case *keySelect:
			out = append(out, s.Options...)
		}
	})
	return out
}

// everyScreen shows each tab and settings page in turn; on runs what touches
// widgets (on the UI goroutine, as it were).
func everyScreen(u *UI, on func(func()), visit func(name string)) {
	for _, tab := range u.tabs.Items {
		on(func() { u.tabs.Select(tab) })
		if tab != u.setTab {
			visit(tab.Text)
			continue
		}
		var pages int
		on(func() { pages = len(u.setView.body.Objects[0].(*container.AppTabs).Items) })
		for i := range pages {
			var name string
			on(func() {
				tabs := u.setView.body.Objects[0].(*container.AppTabs) // built again after a save
				tabs.SelectIndex(i)
				name = tab.Text + " → " + tabs.Items[i].Text
			})
			visit(name)
		}
	}
	on(func() { u.tabs.Select(u.casesTab) })
}

func direct(f func()) { f() }

func addCases(t *testing.T, u *UI, n int) []data.Case {
	t.Helper()
	var out []data.Case
	svc := u.svc.Cases.(*testService)
	for i := range n {
		c, err := svc.CreateCase(context.Background(), data.NewCase{Kind: data.KindComplaint, Severity: data.Severities[i%3],
			Channel: data.ChannelPhone, Category: "meals", Subject: fmt.Sprintf("午餐不合格 %d", i),
			Customer: data.Customer{Name: "客人", Phone: fmt.Sprintf("1360000%04d", i)}})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	u.refreshAll()
	return out
}

// Every Select the window shows carries the guard, and the pickers the screens
// keep are the ones drawn (not stale copies left by a rebuild).
func TestEverySelectInTheWindowIsGuardedAndOnCanvas(t *testing.T) {
	u, _ := newTestUI(t)
	cases := addCases(t, u, 3)
	u.list.selectID(cases[1].ID)
	total := 0
	everyScreen(u, direct, func(name string) {
		guarded, bare := selectsShown(u)
		for _, s := range bare {
			t.Errorf("%s: a Select without the guard (options %v)", name, s.Options)
		}
		total += len(guarded)
		drawn := map[fyne.CanvasObject]bool{}
		for _, s := range guarded {
			drawn[s] = true
		}
		var kept []fyne.CanvasObject
		switch {
		case strings.HasPrefix(name, T("Cases")):
			kept = []fyne.CanvasObject{u.list.status, u.list.severity, u.list.channel, u.user}
		case strings.HasPrefix(name, T("New case")):
			kept = []fyne.CanvasObject{u.form.channel, u.form.kind, u.form.category, u.form.severity, u.user}
		}
		for _, s := range kept {
			if !drawn[s] {
				t.Errorf("%s: a Select the screen keeps is not on the window's canvas", name)
			}
		}
	})
	if total < 15 {
		t.Errorf("only %d Selects found on all screens: the walk misses some", total)
	}
}

// With no canvas (detached, or not drawn yet), a tap or a key does nothing;
// Fyne's own pop-up would dereference nil there.
func TestSelectWithoutCanvasDoesNotOpen(t *testing.T) {
	u, _ := newTestUI(t)
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Fyne's pop-up menu took a nil canvas: the guard may no longer be needed")
			}
		}()
		widget.NewPopUpMenu(fyne.NewMenu("", fyne.NewMenuItem("x", nil)), nil)
	}()

	saved := canvasFor
	t.Cleanup(func() { canvasFor = saved })
	canvasFor = func(fyne.CanvasObject) fyne.Canvas { return nil }
	for _, s := range []interface {
		fyne.Tappable
		fyne.Focusable
	}{u.list.status, u.form.category} {
		test.Tap(s)
		s.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		if top := u.win.Canvas().Overlays().Top(); top != nil {
			t.Fatalf("a pop-up opened without a canvas: %T", top)
		}
	}
	canvasFor = saved
	test.Tap(u.list.status)
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("on the canvas, the status filter does not open")
	}
	u.win.Canvas().Overlays().Top().Hide()
}

// Every Select in the window is opened and used while the list reloads
// again and again from change notices, the minute's refresh (made fast) and
// search timers, as a sync does in the background. u.do holds a lock that
// stands for the one UI goroutine: run with -race, a widget touched by a
// timer or goroutine that does not go through u.do is reported.
func TestOpenEverySelectWhileTheListReloads(t *testing.T) {
	u, s := newTestUI(t)
	cases := addCases(t, u, 20)
	var ui sync.Mutex
	ended := false // after the test: a late tick or timer touches no widget (the next test's fonts)
	u.do = func(f func()) {
		ui.Lock()
		defer ui.Unlock()
		if !ended {
			f()
		}
	}
	onUI := func(f func()) { ui.Lock(); defer ui.Unlock(); f() }
	onUI(func() {
		u.list.delay = time.Millisecond
		u.listDelay = time.Millisecond
		u.tick = 2 * time.Millisecond
	})
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	u.StartRefresh(ctx)

	done := make(chan struct{})
	notices := 0
	go func() { // the background: notes stored, notices sent as the feed adapter does
		defer close(done)
		rnd := rand.New(rand.NewSource(1))
		for i := 0; ctx.Err() == nil; i++ {
			c := cases[rnd.Intn(len(cases))]
			if _, err := s.AddNote(context.Background(), c.Number, "王芳", "跟进"); err != nil {
				t.Error(err)
				return
			}
			var n data.Notice = data.CaseChanged{ID: c.ID}
			if i%25 == 0 {
				n = data.SettingsChanged{}
			}
			u.do(func() { u.Apply(n); notices++ })
		}
	}()

	opened := 0
	rnd := rand.New(rand.NewSource(2))
	for round := 0; round < 1; round++ {
		everyScreen(u, onUI, func(string) {
			var guarded []fyne.CanvasObject
			onUI(func() {
				u.list.selectID(cases[rnd.Intn(len(cases))].ID)
				test.Type(u.list.search, "") // a keystroke: the debounce timer
				guarded, _ = selectsShown(u)
			})
			for _, sel := range guarded { // the lock is let go between taps: notices come in between
				onUI(func() {
					if d, ok := sel.(fyne.Disableable); ok && d.Disabled() {
						return
					}
					test.Tap(sel.(fyne.Tappable))
					top := u.win.Canvas().Overlays().Top()
					if top == nil {
						t.Fatalf("a Select on the canvas did not open")
					}
					opened++
					top.Hide()
					u.win.Canvas().Overlays().Remove(top)
				})
			}
			onUI(func() { // the filters themselves, as the clerk uses them
				u.list.status.SetSelectedIndex(rnd.Intn(len(u.list.status.Options)))
				u.list.severity.SetSelectedIndex(rnd.Intn(len(u.list.severity.Options)))
			})
		})
	}
	stop()
	<-done
	time.Sleep(20 * time.Millisecond) // let a pending timer run under the lock
	onUI(func() { ended = true })
	if opened < 20 || notices < 3 {
		t.Errorf("only %d pop-ups opened and %d notices applied: the test did not interleave", opened, notices)
	}
	t.Logf("%d pop-ups opened while %d notices reloaded the list", opened, notices)
}

// No file of this package calls fyne.Do but the one place that sets u.do:
// every goroutine and timer reaches widgets through u.do.
func TestNoWidgetTouchedOffTheUIGoroutine(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	call := regexp.MustCompile(`fyne\.Do(AndWait)?\(`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if call.MatchString(line) && !strings.HasPrefix(strings.TrimSpace(line), "//") {
				t.Errorf("%s:%d calls fyne.Do directly; use u.do: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// A list refresh that finds the open case on the same row leaves the case's
// screen (and its pickers) as they are; it rebuilt them every minute before.
func TestListRefreshKeepsTheOpenCase(t *testing.T) {
	u, _ := newTestUI(t)
	cases := addCases(t, u, 5)
	u.list.selectID(cases[2].ID)
	if u.detail.id != cases[2].ID {
		t.Fatal("the case did not open")
	}
	before := u.detail.overview.Objects[0]
	u.list.refresh()
	u.Apply(data.CaseChanged{ID: cases[0].ID}) // another case changed
	if u.detail.overview.Objects[0] != before {
		t.Error("the open case was rebuilt by a list refresh")
	}
	u.Apply(data.CaseChanged{ID: cases[2].ID}) // the open case changed: drawn again
	if u.detail.overview.Objects[0] == before {
		t.Error("the open case was not redrawn after it changed")
	}
}
