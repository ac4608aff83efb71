package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// topPlace is where the dialog on top is and how big.
func topPlace(t *testing.T, u *UI) (fyne.Position, fyne.Size) {
	t.Helper()
	top, ok := u.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		t.Fatal("no dialog shown")
	}
	return top.Content.Position(), top.Content.Size()
}

func TestDialogsKeepTheirSizeAfterAnAction(t *testing.T) {
	u, s := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	recordOpened(u)
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged)
	u.refreshAll()
	u.detail.show(c.ID)
	u.detail.showPrint(u.detail.current)
	p := u.detail.printing
	pos, size := topPlace(t, u)
	test.Tap(p.printBtn) // no agency name: an error in the status
	u.bg.Wait()
	setAgencyName(t, s, "春风国际旅行社")
	test.Tap(p.printBtn) // printed: a long path in the status, the folder button usable
	u.bg.Wait()
	if p.status.label.Text == "" || p.folderBtn.Disabled() {
		t.Fatalf("status %q, folder disabled %v", p.status.label.Text, p.folderBtn.Disabled())
	}
	p.status.show(strings.Repeat("/很长的路径/a-very-long-folder-name", 20), widget.DangerImportance)
	if pos2, size2 := topPlace(t, u); pos2 != pos || size2 != size {
		t.Errorf("print dialog moved from %v %v to %v %v", pos, size, pos2, size2)
	}
	p.dlg.Hide()

	a := u.showArchiveDialog()
	pos, size = topPlace(t, u)
	a.from.SetText("2026/13/01")
	test.Tap(a.start)
	a.status.show(strings.Repeat("第一行很长的说明。", 60), widget.DangerImportance)
	if pos2, size2 := topPlace(t, u); pos2 != pos || size2 != size {
		t.Errorf("archive dialog moved from %v %v to %v %v", pos, size, pos2, size2)
	}
}
