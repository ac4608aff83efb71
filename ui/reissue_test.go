package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"casebook/data"
)

func TestPrintingAnIssuedLetterAgainOffersTheIssuedOne(t *testing.T) {
	u, s := newTestUI(t)
	setAgencyName(t, s, "春风国际旅行社")
	opened := recordOpened(u)
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged)
	u.refreshAll()
	u.detail.show(c.ID)
	u.detail.showPrint(u.detail.current)
	p := u.detail.printing
	test.Tap(p.printBtn) // the first: issued without a question
	u.bg.Wait()
	letters := func() int {
		got, _ := s.Case(context.Background(), c.Number)
		return len(got.Letters)
	}
	if letters() != 1 || len(*opened) != 1 {
		t.Fatalf("first print: %d letters, opened %v", letters(), *opened)
	}

	// Again: asked; Enter opens the issued one, byte for byte, and issues nothing.
	test.Tap(p.printBtn)
	q, bs := question(t, u)
	if bs[T("Open the issued letter")] == nil || bs[T("Issue a new one")] == nil || q.buttons[q.enter] != bs[T("Open the issued letter")] {
		t.Fatalf("answers %v", bs)
	}
	press(u, fyne.KeyReturn)
	u.bg.Wait()
	if letters() != 1 || len(*opened) != 2 || !strings.Contains((*opened)[1], "reprint-") {
		t.Fatalf("open issued: %d letters, opened %v", letters(), *opened)
	}
	if !strings.Contains(p.status.label.Text, (*opened)[1]) || p.folderBtn.Disabled() {
		t.Errorf("status %q", p.status.label.Text)
	}

	// Esc: nothing.
	test.Tap(p.printBtn)
	press(u, fyne.KeyEscape)
	u.bg.Wait()
	if letters() != 1 || len(*opened) != 2 {
		t.Fatalf("Esc: %d letters, opened %v", letters(), *opened)
	}

	// Issue a new one: a second letter, on purpose.
	test.Tap(p.printBtn)
	_, bs = question(t, u)
	test.Tap(bs[T("Issue a new one")])
	u.bg.Wait()
	if letters() != 2 || len(*opened) != 3 {
		t.Fatalf("reissue: %d letters, opened %v", letters(), *opened)
	}
}
