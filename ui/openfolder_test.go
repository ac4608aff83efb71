package ui

import (
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

func TestNoXdgOpenIsAFailure(t *testing.T) {
	a := test.NewTempApp(t)
	was := lookPath
	t.Cleanup(func() { lookPath = was })
	lookPath = func(string) (string, error) { return "", errors.New("not found") }
	open := systemOpener(a)
	if err := open(&url.URL{Scheme: "file", Path: "/tmp"}); !errors.Is(err, errNoOpener) {
		t.Skipf("on this system the opener does not need xdg-open (%v)", err)
	}
}

func TestOpenFolderWithoutFileManagerShowsThePath(t *testing.T) {
	u, s := newTestUI(t)
	setAgencyName(t, s, "春风国际旅行社")
	recordOpened(u)
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged)
	u.refreshAll()
	u.detail.show(c.ID)
	u.detail.showPrint(u.detail.current)
	p := u.detail.printing
	test.Tap(p.printBtn)
	u.bg.Wait()
	if p.saved == "" || p.folderBtn.Disabled() {
		t.Fatalf("not printed: %q", p.status.label.Text)
	}
	u.open = func(*url.URL) error { return errNoOpener }
	test.Tap(p.folderBtn)
	top, ok := u.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		t.Fatal("nothing said that the folder could not be opened")
	}
	dir := filepath.Dir(p.saved)
	var pathLabel *widget.Label
	var copyBtn *widget.Button
	var texts []string
	shown(top, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			texts = append(texts, w.Text)
			if w.Text == dir {
				pathLabel = w
			}
		case *widget.Button:
			if w.Text == T("Copy the path") {
				copyBtn = w
			}
		}
	})
	if !strings.Contains(strings.Join(texts, "\n"), T("No file manager could be opened on this computer. The folder is here:")) {
		t.Errorf("message: %q", texts)
	}
	if pathLabel == nil || !pathLabel.Selectable {
		t.Fatalf("the folder %s is not shown to select", dir)
	}
	if copyBtn == nil {
		t.Fatal("no Copy the path")
	}
	test.Tap(copyBtn)
	if got := u.app.Clipboard().Content(); got != dir {
		t.Errorf("clipboard %q, want %q", got, dir)
	}
}
