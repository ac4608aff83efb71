package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/store"
)

// sectionTitles are the case's tabs, in order.
func sectionTitles(u *UI) []string {
	var out []string
	for _, it := range u.detail.tabs.Items {
		out = append(out, it.Text)
	}
	return out
}

// top is the dialog shown now, or nil.
func top(u *UI) fyne.CanvasObject { return u.win.Canvas().Overlays().Top() }

// pressKey sends a key to the widget with the cursor.
func pressKey(t *testing.T, u *UI, key fyne.KeyName) {
	t.Helper()
	f := u.win.Canvas().Focused()
	if f == nil {
		t.Fatal("nothing has the cursor")
	}
	f.TypedKey(&fyne.KeyEvent{Name: key})
}

// The case is in sections; another case starts at its overview, scrolled to
// the top, while a redraw of the same case keeps the section chosen.
func TestCaseSectionsAndSwitchingCasesStartsAtTheTop(t *testing.T) {
	u, s := newTestUI(t)
	a := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating)
	b := newCaseAt(t, s, data.KindComplaint, "")
	u.refreshAll()
	u.openCase(a.ID)
	want := []string{T("Overview"), T("Conversation"), T("Findings"), T("Documents"), T("Evidence"), T("Timeline")}
	if got := sectionTitles(u); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sections %v, want %v", got, want)
	}
	if u.detail.tabs.SelectedIndex() != 0 {
		t.Error("a case does not open at its overview")
	}
	u.detail.showSection(T("Timeline"))
	// Mail arriving, the minute's refresh, a change from another counter:
	// the same case is drawn again and stays where the clerk was.
	u.detail.reload()
	u.Apply(data.CaseChanged{ID: a.ID, Number: a.Number})
	if sel := u.detail.tabs.Selected(); sel == nil || sel.Text != T("Timeline") {
		t.Fatalf("a redraw of the same case left the timeline for %v", sel)
	}
	for _, sc := range u.detail.scrolls {
		sc.Offset = fyne.NewPos(0, 120)
	}
	u.openCase(b.ID)
	if u.detail.id != b.ID || u.detail.tabs.SelectedIndex() != 0 {
		t.Fatalf("another case opened at section %d", u.detail.tabs.SelectedIndex())
	}
	for i, sc := range u.detail.scrolls {
		if sc.Offset.Y != 0 {
			t.Errorf("section %d of the new case starts scrolled to %.0f", i, sc.Offset.Y)
		}
	}
	// Nothing of a section makes the pane wider than a small screen's share.
	for i, it := range u.detail.tabs.Items {
		if w := it.Content.MinSize().Width; w > 420 {
			t.Errorf("section %s needs %.0f px", sectionTitles(u)[i], w)
		}
	}
}

// stepPositions lays the window out and returns where each step button is.
func stepPositions(t *testing.T, u *UI) map[string]fyne.Position {
	t.Helper()
	u.win.Resize(fyne.NewSize(1024, 700))
	u.win.Content().Refresh()
	for _, sc := range u.detail.scrolls {
		sc.Refresh()
	}
	d := fyne.CurrentApp().Driver()
	out := map[string]fyne.Position{}
	shown(u.detail.overview, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text != "" {
			out[b.Text] = d.AbsolutePositionForObject(b)
		}
	})
	return out
}

// A step button never moves under the mouse: each kind of step has its
// slot, whatever the status; escalation and printing stay on the right.
func TestStepButtonsKeepTheirPlace(t *testing.T) {
	u, s := newTestUI(t)
	ctx := context.Background()
	c := newCaseAt(t, s, data.KindComplaint, "")
	u.refreshAll()
	u.openCase(c.ID)
	slotAt := map[int]fyne.Position{}
	var printAt fyne.Position
	check := func(c data.Case) {
		t.Helper()
		pos := stepPositions(t, u)
		for _, to := range data.NextStatuses(c.Kind, c.Status) {
			label := moveLabel(c.Status, to)
			p, ok := pos[label]
			if !ok {
				t.Fatalf("%s: no button %q in %v", c.Status, label, pos)
			}
			slot := stepSlot(c.Status, to)
			if was, seen := slotAt[slot]; seen && was != p {
				t.Errorf("%s: %q at %v, its slot was at %v", c.Status, label, p, was)
			}
			slotAt[slot] = p
		}
		p, ok := pos[T("Print…")]
		if !ok {
			t.Fatalf("%s: no Print button", c.Status)
		}
		if printAt != (fyne.Position{}) && p != printAt {
			t.Errorf("%s: Print at %v, was at %v", c.Status, p, printAt)
		}
		printAt = p
	}
	check(u.detail.current)
	var err error
	for _, to := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed,
		data.StatusInvestigating, data.StatusProposed, data.StatusAgreed, data.StatusResolved, data.StatusClosed} {
		if to == data.StatusClosed {
			followedUpInStore(t, s, c.Number)
		}
		if c, err = s.Move(ctx, c.Number, to, "王芳", ""); err != nil {
			t.Fatal(err)
		}
		u.detail.reload()
		check(c)
	}
	if c, err = s.Move(ctx, c.Number, data.StatusInvestigating, "陈静", "客户有异议"); err != nil {
		t.Fatal(err)
	}
	u.detail.reload()
	check(c)
	// A suggestion can be closed once acknowledged: the alternative slot.
	sg := newCaseAt(t, s, data.KindSuggestion, "", data.StatusAcknowledged)
	u.refreshAll()
	u.openCase(sg.ID)
	check(sg)
	if len(slotAt) != stepSlots {
		t.Fatalf("slots seen: %v", slotAt)
	}
	// Different slots are different places: the button clicked is never
	// replaced by another kind of step.
	if slotAt[slotForward] == slotAt[slotAlternative] || slotAt[slotForward] == slotAt[slotDecline] ||
		slotAt[slotAlternative] == slotAt[slotDecline] {
		t.Errorf("slots overlap: %v", slotAt)
	}
}

// typeFacts opens the findings of the case on screen and types into them.
func typeFacts(u *UI, text string) {
	u.detail.showSection(T("Findings"))
	test.Type(u.detail.findings.facts, text)
}

func storedFacts(t *testing.T, s *store.Store, number string) string {
	t.Helper()
	c, err := s.Case(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	return c.Facts
}

// Leaving a case with unsaved findings asks: Cancel (or Esc) stays, Discard
// drops them, Save (Enter) keeps them; then the other case opens.
func TestUnsavedFindingsAskBeforeOpeningAnotherCase(t *testing.T) {
	u, s := newTestUI(t)
	a := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating)
	b := newCaseAt(t, s, data.KindComplaint, "")
	u.refreshAll()
	u.openCase(a.ID)
	// Nothing typed: no question.
	u.openCase(b.ID)
	if u.detail.id != b.ID || top(u) != nil {
		t.Fatal("a case without changes asked before leaving")
	}
	u.openCase(a.ID)
	typeFacts(u, "导游擅自安排购物")

	u.openCase(b.ID)
	if top(u) == nil || u.detail.id != a.ID {
		t.Fatalf("left the case with unsaved findings without asking (showing #%d)", u.detail.id)
	}
	if !strings.Contains(labelTexts(top(u)), a.Number) {
		t.Errorf("the question does not name the case: %q", labelTexts(top(u)))
	}
	pressKey(t, u, fyne.KeyEscape)
	if top(u) != nil && top(u).Visible() {
		t.Fatal("Esc did not cancel")
	}
	if u.detail.id != a.ID || u.detail.findings.facts.Text != "导游擅自安排购物" || u.list.selected != a.ID {
		t.Fatalf("Cancel: showing #%d, list on #%d, facts %q", u.detail.id, u.list.selected, u.detail.findings.facts.Text)
	}

	// A second click elsewhere while the question is open asks nothing more:
	// it only changes where to go.
	c := newCaseAt(t, s, data.KindComplaint, "")
	u.refreshAll()
	u.openCase(b.ID)
	u.openCase(c.ID)
	if n := len(u.win.Canvas().Overlays().List()); n != 1 {
		t.Fatalf("%d questions open", n)
	}
	test.Tap(questionButton(u, T("Discard")))
	if u.detail.id != c.ID || storedFacts(t, s, a.Number) != "" || u.detail.findingDrafts[a.ID] != nil {
		t.Fatalf("Discard: showing #%d, stored %q", u.detail.id, storedFacts(t, s, a.Number))
	}
	if u.list.selected != c.ID {
		t.Errorf("the list is on #%d, the case shown is #%d", u.list.selected, c.ID)
	}

	u.openCase(a.ID)
	typeFacts(u, "在玉石店停留两小时")
	u.openCase(b.ID)
	pressKey(t, u, fyne.KeyReturn) // Enter saves
	if u.detail.id != b.ID || storedFacts(t, s, a.Number) != "在玉石店停留两小时" {
		t.Fatalf("Save: showing #%d, stored %q", u.detail.id, storedFacts(t, s, a.Number))
	}

	// A draft that does not read is not saved, and the case stays open on
	// its findings, which say why.
	u.openCase(a.ID)
	typeFacts(u, "，补充")
	test.Type(u.detail.findings.payDue, "明天")
	u.openCase(b.ID)
	test.Tap(questionButton(u, T("Save")))
	if u.detail.id != a.ID || u.detail.tabs.Selected().Text != T("Findings") || !u.detail.findings.errLabel.Visible() {
		t.Fatalf("a failed save left the case: showing #%d", u.detail.id)
	}
}

// Proposing a solution and closing ask to save the findings first; leaving
// the Cases tab too.
func TestUnsavedFindingsAskBeforeProposingClosingAndLeavingTheTab(t *testing.T) {
	u, s := newTestUI(t)
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating)
	u.refreshAll()
	u.openCase(c.ID)
	typeFacts(u, "房间漏水")
	u.detail.askMove(u.detail.current, data.StatusProposed)
	if questionButton(u, T("Discard")) == nil {
		t.Fatal("proposing with unsaved findings did not ask")
	}
	test.Tap(questionButton(u, T("Save")))
	if storedFacts(t, s, c.Number) != "房间漏水" {
		t.Fatalf("Save before proposing stored %q", storedFacts(t, s, c.Number))
	}
	// Then the step's own dialog.
	confirm := findDialogButton(top(u), T("Confirm"))
	if confirm == nil {
		t.Fatal("the step was not asked after saving")
	}
	test.Tap(confirm)
	if u.detail.current.Status != data.StatusProposed {
		t.Fatalf("status %s", u.detail.current.Status)
	}

	r := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating,
		data.StatusProposed, data.StatusAgreed, data.StatusResolved)
	u.refreshAll()
	u.openCase(r.ID)
	typeFacts(u, "已退款")
	u.detail.askMove(u.detail.current, data.StatusClosed)
	test.Tap(questionButton(u, T("Cancel")))
	if u.detail.current.Status != data.StatusResolved || u.detail.findings.facts.Text != "已退款" {
		t.Fatalf("Cancel: status %s, facts %q", u.detail.current.Status, u.detail.findings.facts.Text)
	}
	if o := top(u); o != nil && o.Visible() {
		t.Fatal("Cancel went on to the step")
	}
	u.detail.askMove(u.detail.current, data.StatusClosed)
	test.Tap(questionButton(u, T("Discard")))
	if storedFacts(t, s, r.Number) != "" || u.detail.findings.facts.Text != "" {
		t.Fatal("Discard kept the findings")
	}
	if findDialogButton(top(u), T("Confirm")) == nil {
		t.Fatal("Discard did not go on to the step")
	}
	top(u).Hide()

	// Leaving the Cases tab: Cancel comes back.
	typeFacts(u, "客户满意")
	u.showNewCase()
	if questionButton(u, T("Discard")) == nil {
		t.Fatal("leaving the Cases tab did not ask")
	}
	test.Tap(questionButton(u, T("Cancel")))
	if u.tabs.Selected() != u.casesTab || u.detail.findings.facts.Text != "客户满意" {
		t.Fatalf("Cancel did not stay on the case")
	}
}

// Quitting asks through the registry: the findings report pending work,
// name the case and save.
func TestQuitRegistryKnowsTheFindings(t *testing.T) {
	u, s := newTestUI(t)
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating)
	u.refreshAll()
	u.openCase(c.ID)
	var w *unsavedWork
	for i := range u.unsaved {
		if strings.Contains(u.unsaved[i].question(), c.Number) {
			w = &u.unsaved[i]
		}
	}
	if w == nil {
		t.Fatal("the findings are not registered for quitting")
	}
	if w.pending() {
		t.Fatal("pending with nothing typed")
	}
	typeFacts(u, "行程被擅自更改")
	if !w.pending() {
		t.Fatal("typed findings are not pending")
	}
	// Typing back what is stored is no change.
	u.detail.findings.facts.SetText("")
	if w.pending() {
		t.Fatal("findings typed back to what is stored count as unsaved")
	}
	typeFacts(u, "行程被擅自更改")
	if err := w.save(); err != nil || w.pending() || storedFacts(t, s, c.Number) != "行程被擅自更改" {
		t.Fatalf("save: %v, pending %v, stored %q", err, w.pending(), storedFacts(t, s, c.Number))
	}
	test.Type(u.detail.findings.payDue, "下周")
	if err := w.save(); err == nil || !w.pending() {
		t.Fatalf("a draft that does not read was saved: %v", err)
	}
}

// issueClosure closes a case and records its closure letter.
func issueClosure(t *testing.T, s *store.Store, kind data.Kind) data.Case {
	t.Helper()
	c := newCaseAt(t, s, kind, "", data.StatusAcknowledged, data.StatusInvestigating)
	if _, err := s.SetFindings(context.Background(), c.Number, data.Findings{Facts: "房间漏水"}, "王芳"); err != nil {
		t.Fatal(err)
	}
	for _, to := range []data.Status{data.StatusProposed, data.StatusAgreed, data.StatusResolved, data.StatusClosed} {
		if to == data.StatusClosed {
			followedUpInStore(t, s, c.Number)
		}
		if _, err := s.Move(context.Background(), c.Number, to, "陈静", ""); err != nil {
			t.Fatal(err)
		}
	}
	c, err := s.Update(context.Background(), c.Number, func(cs *data.Case, _ data.Settings, now time.Time) error {
		cs.AddLetter(data.Letter{Type: data.LetterClosure, Language: "zh-Hans", IssuedAt: now, By: "陈静"})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// questionButton is a button of the "Save the findings?" question shown now.
func questionButton(u *UI, label string) *dialogButton {
	if top(u) == nil {
		return nil
	}
	for _, o := range test.LaidOutObjects(top(u)) {
		if b, ok := o.(*dialogButton); ok && b.Text == label {
			return b
		}
	}
	return nil
}

// dialogTexts are the texts of the dialog shown now.
func dialogTexts(u *UI) map[string]bool {
	out := map[string]bool{}
	for _, o := range test.LaidOutObjects(top(u)) {
		switch l := o.(type) {
		case *widget.Label:
			out[l.Text] = true
		case *canvas.Text:
			out[l.Text] = true
		}
	}
	return out
}

// dialogEntry is the text field of the dialog shown now.
func dialogEntry(t *testing.T, u *UI) *keyEntry {
	t.Helper()
	for _, o := range test.LaidOutObjects(top(u)) {
		if e, ok := o.(*keyEntry); ok {
			return e
		}
	}
	t.Fatal("no text field in the dialog")
	return nil
}

// After the closure letter the findings are shown read-only; Amend… asks
// for a reason, and the amendment is on the timeline with it.
func TestFindingsReadOnlyAfterTheClosureLetterAndAmended(t *testing.T) {
	u, s := newTestUI(t)
	c := issueClosure(t, s, data.KindComplaint)
	u.refreshAll()
	u.openCase(c.ID)
	f := u.detail.findings
	if !f.readOnly || !f.facts.Disabled() || f.amendBtn == nil {
		t.Fatalf("findings after the closure letter: read-only %v, facts disabled %v", f.readOnly, f.facts.Disabled())
	}
	// Shown as text, with nothing to type into or save.
	if findButton(f.content, T("Save findings")) != nil || !strings.Contains(labelTexts(f.content), "房间漏水") {
		t.Fatalf("read-only findings show %q", labelTexts(f.content))
	}
	for _, o := range test.LaidOutObjects(f.content) {
		if _, ok := o.(*widget.Entry); ok {
			t.Fatal("read-only findings show a text field")
		}
		if _, ok := o.(*keyEntry); ok {
			t.Fatal("read-only findings show a text field")
		}
	}
	// Staff may not reopen, so they may not amend either: the button is
	// disabled, with the reason beside it (roles_test.go has more).
	test.Tap(f.amendBtn)
	if top(u) != nil || !f.amendBtn.Disabled() || !strings.Contains(labelTexts(f.content), pr().Action(data.ActionReopen)) {
		t.Fatalf("staff were offered the amendment: %q", labelTexts(f.content))
	}
	u.user.SetSelected("陈静") // a supervisor: the case is drawn again for them
	f = u.detail.findings
	test.Tap(f.amendBtn)
	confirm := findDialogButton(top(u), T("Confirm"))
	if confirm == nil || !dialogTexts(u)[T("Reason")] {
		t.Fatal("Amend… does not ask for a reason")
	}
	if !confirm.Disabled() {
		t.Error("an amendment can be confirmed without a reason")
	}
	test.Type(dialogEntry(t, u), "客户补交照片")
	if confirm.Disabled() {
		t.Fatal("a reason does not enable Confirm")
	}
	test.Tap(confirm)
	f = u.detail.findings
	if f.readOnly || f.facts.Disabled() || !f.saveBtn.Visible() || f.saveBtn.Text != T("Save amendment") {
		t.Fatal("the findings did not open for the amendment")
	}
	f.facts.SetText("房间漏水，另有霉味")
	test.Tap(f.saveBtn)
	got, err := s.Case(context.Background(), c.Number)
	if err != nil {
		t.Fatal(err)
	}
	last := got.Timeline[len(got.Timeline)-1]
	if got.Facts != "房间漏水，另有霉味" || last.Type != data.EventFindingsAmended || last.Note != "客户补交照片" || last.By != "陈静" {
		t.Fatalf("amendment stored: %q %+v", got.Facts, last)
	}
	if text := eventText(last, s.Settings()); !strings.Contains(text, "客户补交照片") {
		t.Errorf("timeline text %q", text)
	}
	if !u.detail.findings.readOnly {
		t.Error("the findings stay open after the amendment was saved")
	}
}

// Reopening asks for a reason and cannot be confirmed without one.
func TestReopenAsksForAReason(t *testing.T) {
	u, s := newTestUI(t)
	c := issueClosure(t, s, data.KindComplaint)
	u.refreshAll()
	u.openCase(c.ID)
	u.detail.askMove(u.detail.current, data.StatusInvestigating)
	confirm := findDialogButton(top(u), T("Confirm"))
	if confirm == nil || !dialogTexts(u)[T("Reason")] || !confirm.Disabled() {
		t.Fatal("reopening does not require a reason")
	}
	test.Type(dialogEntry(t, u), "客户对退款金额有异议")
	test.Tap(confirm)
	if u.detail.current.Status != data.StatusInvestigating {
		t.Fatalf("status %s", u.detail.current.Status)
	}
	// Reopened: the findings can change again.
	if u.detail.findings.readOnly {
		t.Error("findings still read-only after reopening")
	}
}

// The divider between the list and the case stays where the clerk left it,
// also in the next session; one dragged almost shut opens usable.
func TestCaseSplitIsRemembered(t *testing.T) {
	u, _ := newTestUI(t)
	split, ok := u.casesTab.Content.(*container.Split)
	if !ok {
		t.Fatalf("the Cases tab is a %T", u.casesTab.Content)
	}
	if split.Offset != defaultCaseSplit {
		t.Errorf("first offset %v", split.Offset)
	}
	split.SetOffset(0.4)
	deadline := time.Now().Add(3 * time.Second)
	for u.app.Preferences().Float(prefCaseSplit) != 0.4 {
		if time.Now().After(deadline) {
			t.Fatalf("offset not remembered: %v", u.app.Preferences().Float(prefCaseSplit))
		}
		time.Sleep(20 * time.Millisecond)
	}
	next := New(context.Background(), u.app, u.svc)
	if got := next.casesTab.Content.(*container.Split).Offset; got != 0.4 {
		t.Errorf("next session opens at %v", got)
	}
	next.win.Close()
	u.app.Preferences().SetFloat(prefCaseSplit, 0.98)
	next = New(context.Background(), u.app, u.svc)
	if got := next.casesTab.Content.(*container.Split).Offset; got != defaultCaseSplit {
		t.Errorf("a pane left almost shut opens at %v", got)
	}
	next.win.Close()
}

// Findings typed while the closure letter is issued elsewhere are not lost:
// leaving still asks, and saving says why it cannot.
func TestFindingsLockedWhileTyping(t *testing.T) {
	u, s := newTestUI(t)
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating,
		data.StatusProposed, data.StatusAgreed, data.StatusResolved, data.StatusClosed)
	u.refreshAll()
	u.openCase(c.ID)
	typeFacts(u, "补充：客人另有损失")
	if _, err := s.Update(context.Background(), c.Number, func(cs *data.Case, _ data.Settings, now time.Time) error {
		cs.AddLetter(data.Letter{Type: data.LetterClosure, IssuedAt: now})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	u.Apply(data.CaseChanged{ID: c.ID, Number: c.Number})
	if !u.detail.findings.readOnly || !u.detail.findingsPending() {
		t.Fatalf("read-only %v, pending %v", u.detail.findings.readOnly, u.detail.findingsPending())
	}
	err := u.detail.saveFindingsNow()
	if err == nil || err.Error() != errorText(data.ErrFindingsLocked) {
		t.Fatalf("saving locked findings: %v", err)
	}
	if storedFacts(t, s, c.Number) != "" {
		t.Fatal("locked findings were changed")
	}
}
