package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/present"
)

// question is the dialog on top now, and its buttons by label.
func question(t *testing.T, u *UI) (*asked, map[string]*widget.Button) {
	t.Helper()
	k, ok := u.win.Canvas().Focused().(*keyCatcher)
	if !ok || u.win.Canvas().Overlays().Top() == nil {
		t.Fatalf("no question shown (focus on %T)", u.win.Canvas().Focused())
	}
	var q *asked
	for _, a := range u.asked {
		if a.keys == k {
			q = a
		}
	}
	if q == nil {
		t.Fatal("the focused key catcher belongs to no question")
	}
	bs := map[string]*widget.Button{}
	for _, b := range q.buttons {
		bs[b.Text] = b
	}
	return q, bs
}

func press(u *UI, key fyne.KeyName) {
	u.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: key})
}

func quitCounter(u *UI) *int {
	n := 0
	u.exit = func() { n++ }
	return &n
}

func TestQuitWithNothingUnsavedQuitsAtOnce(t *testing.T) {
	u, _ := newTestUI(t)
	quits := quitCounter(u)
	u.quit()
	if *quits != 1 || u.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("quits %d, overlay %v", *quits, u.win.Canvas().Overlays().Top())
	}
}

func TestQuitWithHalfFilledFormAsks(t *testing.T) {
	u, s := newTestUI(t)
	quits := quitCounter(u)
	u.showNewCase()
	test.Type(u.form.name, "张伟")

	// Esc and Enter both keep the draft: Enter's default is Save, which
	// refuses the form (no subject) and shows what is wrong instead of quitting.
	u.quit()
	q, bs := question(t, u)
	if bs[T("Discard")] == nil || bs[T("Save")] == nil || bs[T("Cancel")] == nil {
		t.Fatalf("answers %v", bs)
	}
	if bs[T("Discard")].Importance != widget.DangerImportance || q.buttons[q.enter] == bs[T("Discard")] {
		t.Error("Discard is highlighted or the default")
	}
	press(u, fyne.KeyEscape)
	if *quits != 0 || u.form.name.Text != "张伟" || u.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("Esc: quits %d, name %q", *quits, u.form.name.Text)
	}
	u.quit()
	press(u, fyne.KeyReturn) // Save
	if *quits != 0 || s.Count() != 0 || fieldShown(u.form.fields["subject"]) == "" {
		t.Fatalf("saving a wrong form from quit: quits %d, stored %d", *quits, s.Count())
	}
	if u.tabs.Selected() != u.newTab || u.win.Canvas().Focused() != u.form.subject {
		t.Error("the form with its missing subject is not shown")
	}

	// Save with a right form stores it, then quits.
	test.Type(u.form.subject, "行程变更")
	u.quit()
	press(u, fyne.KeyReturn)
	if s.Count() != 1 || *quits != 1 {
		t.Fatalf("Save then quit: stored %d, quits %d", s.Count(), *quits)
	}
}

func TestQuitDiscardAsksEachThenQuits(t *testing.T) {
	u, s := newTestUI(t)
	quits := quitCounter(u)
	saved := 0
	u.guardQuit(unsavedWork{pending: func() bool { return true }, question: func() string { return "findings?" },
		save: func() error { saved++; return nil }})
	u.showNewCase()
	test.Type(u.form.name, "张伟")
	u.quit()
	_, bs := question(t, u)
	test.Tap(bs[T("Discard")]) // the form
	if *quits != 0 {
		t.Fatal("quit before asking about the findings")
	}
	_, bs = question(t, u)
	test.Tap(bs[T("Save")]) // the findings
	if saved != 1 || *quits != 1 || s.Count() != 0 {
		t.Fatalf("saved %d, quits %d, stored %d", saved, *quits, s.Count())
	}
	// A save that fails stops the quit and says why.
	u.unsaved = u.unsaved[:len(u.unsaved)-1]
	u.guardQuit(unsavedWork{pending: func() bool { return true }, question: func() string { return "findings?" },
		save: func() error { return data.ErrLocked }})
	u.quit()
	_, bs = question(t, u)
	test.Tap(bs[T("Save")])
	if *quits != 1 {
		t.Fatal("quit although saving failed")
	}
}

func TestQuitMenuItemIsOursTranslatedWithCtrlQ(t *testing.T) {
	u, _ := newTestUI(t)
	quits := quitCounter(u)
	first := u.win.MainMenu().Items[0].Items
	q := first[len(first)-1]
	if !q.IsQuit || q.Label != T("Quit") {
		t.Fatalf("last item of the first menu: %q quit=%v", q.Label, q.IsQuit)
	}
	sc, ok := q.Shortcut.(*desktop.CustomShortcut)
	if !ok || sc.KeyName != fyne.KeyQ || sc.Modifier != fyne.KeyModifierShortcutDefault {
		t.Errorf("shortcut %v", q.Shortcut)
	}
	q.Action()
	if *quits != 1 {
		t.Error("Quit did not quit")
	}
	// zh-Hant has its own word (Fyne's own item is English there).
	for _, l := range data.Languages {
		if l != "en" {
			if w, ok := present.Text(l, "Quit"); !ok || w == "Quit" {
				t.Errorf("%s: Quit is %q", l, w)
			}
		}
	}
}

func TestConfirmKeys(t *testing.T) {
	u, _ := newTestUI(t)
	var got []bool
	record := func(ok bool) { got = append(got, ok) }

	// Destructive: drawn as danger, Enter cancels, Esc cancels.
	u.confirm("t", "m", "Delete", "Keep", true, record)
	q, bs := question(t, u)
	if bs["Delete"].Importance != widget.DangerImportance || bs["Keep"].Importance != widget.HighImportance || q.buttons[q.enter] != bs["Keep"] {
		t.Errorf("destructive: delete %v keep %v", bs["Delete"].Importance, bs["Keep"].Importance)
	}
	press(u, fyne.KeyReturn)
	u.confirm("t", "m", "Delete", "Keep", true, record)
	press(u, fyne.KeyEscape)
	// Not destructive: Enter confirms, Esc cancels.
	u.confirm("t", "m", "Print", "Cancel", false, record)
	press(u, fyne.KeyEnter)
	u.confirm("t", "m", "Print", "Cancel", false, record)
	press(u, fyne.KeyEscape)
	if want := []bool{false, false, true, false}; len(got) != 4 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
		t.Fatalf("answers %v, want %v", got, want)
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("a question stayed open")
	}
	// The dialog keeps its size: a long text wraps inside, it does not widen it.
	u.confirm("t", longText(), "OK", "Cancel", false, record)
	top := u.win.Canvas().Overlays().Top()
	if w := top.(*widget.PopUp).Content.Size().Width; w > askWidth+1 {
		t.Errorf("a long question is %v wide", w)
	}
}

func longText() string {
	s := ""
	for i := 0; i < 40; i++ {
		s += "这是一段很长的说明文字，"
	}
	return s
}
