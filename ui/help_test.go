package ui

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// menuItem finds an item by its label in the window's main menu.
func menuItem(t *testing.T, w fyne.Window, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range w.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no %s → %s in the main menu", menu, label)
	return nil
}

// labelTexts joins the text of every label under o.
func labelTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, c := range test.LaidOutObjects(o) {
		if l, ok := c.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}

// buttonIn finds a button by its label anywhere under o (dialogs included).
func buttonIn(o fyne.CanvasObject, label string) *widget.Button {
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	return nil
}

func TestHelpOpensTheLogFolder(t *testing.T) {
	u, _ := newTestUI(t)
	logDir := filepath.Join(t.TempDir(), "state", "casebook")
	WithAbout(About{Version: "1.2.3", Database: "/data/casebook.db", LogDir: logDir})(u)
	u.win.SetMainMenu(u.mainMenu())
	var opened []*url.URL
	u.open = func(l *url.URL) error { opened = append(opened, l); return nil }

	item := menuItem(t, u.win, T("Help"), T("Open log folder"))
	if item.Disabled {
		t.Fatal("Open log folder is disabled although there is a log folder")
	}
	item.Action()
	want := "file://" + filepath.ToSlash(logDir)
	if len(opened) != 1 || opened[0].String() != want {
		t.Fatalf("opened %v, want %s", opened, want)
	}

	menuItem(t, u.win, T("Help"), T("About Casebook")).Action()
	overlay := u.win.Canvas().Overlays().Top()
	if overlay == nil {
		t.Fatal("About shows no dialog")
	}
	text := labelTexts(overlay)
	for _, s := range []string{"1.2.3", "/data/casebook.db", logDir} {
		if !strings.Contains(text, s) {
			t.Errorf("About does not show %q:\n%s", s, text)
		}
	}
}

func TestHelpWithoutLogFile(t *testing.T) {
	u, _ := newTestUI(t)
	if !menuItem(t, u.win, T("Help"), T("Open log folder")).Disabled {
		t.Error("Open log folder should be disabled when there is no log file")
	}
}

func TestCrashDialogNamesTheLogAndOpensItsFolder(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("crash")
	w.Resize(fyne.NewSize(800, 600))
	w.Show()
	t.Cleanup(w.Close)
	logFile := filepath.Join(t.TempDir(), "casebook.log")
	var opened []*url.URL
	closed := 0
	ShowCrash(w, logFile, func(l *url.URL) error { opened = append(opened, l); return nil }, func() { closed++ })

	overlay := w.Canvas().Overlays().Top()
	if overlay == nil {
		t.Fatal("no crash dialog")
	}
	if text := labelTexts(overlay); !strings.Contains(text, logFile) {
		t.Errorf("the dialog does not say where the log is:\n%s", text)
	}
	btn := buttonIn(overlay, T("Open log folder"))
	if btn == nil {
		t.Fatal("no Open log folder button")
	}
	test.Tap(btn)
	if want := "file://" + filepath.ToSlash(filepath.Dir(logFile)); len(opened) != 1 || opened[0].String() != want {
		t.Errorf("opened %v, want %s", opened, want)
	}
	if closed != 1 {
		t.Errorf("onClosed ran %d times, want once", closed)
	}

	// Esc closes it too, without opening the folder.
	ShowCrash(w, logFile, func(l *url.URL) error { opened = append(opened, l); return nil }, func() { closed++ })
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if closed != 2 || len(opened) != 1 || w.Canvas().Overlays().Top() != nil {
		t.Errorf("Esc: closed %d, opened %v", closed, opened)
	}
}
