package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// checkingService is the test service refusing by role as the application
// layer does (the same table, the same calls): for the tests where a hidden
// action still reaches it.
type checkingService struct{ *testService }

func (s checkingService) Move(ctx context.Context, a data.Actor, number string, to data.Status, note string) (data.Case, error) {
	c, err := s.Case(ctx, number)
	if err != nil {
		return c, err
	}
	if err := a.Check(data.MoveAction(c.Status, to)); err != nil {
		return data.Case{}, err
	}
	return s.testService.Move(ctx, a, number, to, note)
}

func (s checkingService) Save(ctx context.Context, a data.Actor, st data.Settings) error {
	if err := a.Check(data.ActionSettings); err != nil {
		return err
	}
	return s.testService.Save(ctx, a, st)
}

// inputs lists every input under o that can be switched off and is not
// hidden, however deep (through widgets' renderers too, so a field the
// read-only walk missed is found), with a name for the messages.
func inputs(o fyne.CanvasObject, visit func(fyne.Disableable, string)) {
	if o == nil || !o.Visible() {
		return
	}
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			inputs(c, visit)
		}
		return
	}
	if d, ok := o.(fyne.Disableable); ok {
		if _, form := o.(*widget.Form); !form {
			name := ""
			switch x := o.(type) {
			case *widget.Button:
				name = "button " + x.Text
			case *widget.Check:
				name = "check " + x.Text
			case *widget.Entry:
				name = "entry " + x.Text
			}
			visit(d, name)
			return
		}
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(w).Objects() {
			inputs(c, visit)
		}
	}
}

// pageInputs is inputs of a tab's page, shown now or not.
func pageInputs(it *container.TabItem, visit func(fyne.Disableable, string)) {
	was := it.Content.Visible()
	it.Content.Show()
	defer func() {
		if !was {
			it.Content.Hide()
		}
	}()
	inputs(it.Content, visit)
}

func caseButton(t *testing.T, u *UI, label string) *widget.Button {
	t.Helper()
	b := findButton(u.detail.overview, label)
	if b == nil {
		t.Fatalf("no %q button; buttons: %v", label, buttonLabels(u.detail.overview))
	}
	return b
}

// A staff member sees the supervisor's steps in their places, disabled, and
// a line saying whose they are; choosing a supervisor under "Working as"
// enables them at once, and they work.
func TestStepsFollowTheRoleOfWhoIsWorking(t *testing.T) {
	u, s := newTestUI(t)
	ctx := context.Background()
	resolved := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating,
		data.StatusProposed, data.StatusAgreed, data.StatusResolved)
	followedUpInStore(t, s, resolved.Number) // closing needs a follow-up
	u.refreshAll()
	u.openCase(resolved.ID)
	closeLabel := moveLabel(data.StatusResolved, data.StatusClosed)
	escalate := TF("Escalate to {{.Level}}", map[string]any{"Level": escalationLabel(data.EscalationSupervisor)})
	refusedText := TF("Your role ({{.Role}}) may not {{.Actions}}: this needs the {{.Needs}} role or higher.",
		map[string]any{"Role": roleLabel(data.RoleStaff), "Needs": roleLabel(data.RoleSupervisor), "Actions": pr().Action(data.ActionClose)})

	if !caseButton(t, u, closeLabel).Disabled() {
		t.Fatal("staff may close")
	}
	if !overviewLabels(u)[refusedText] {
		t.Errorf("no line saying whose step it is (%q); labels: %v", refusedText, overviewLabels(u))
	}
	test.Tap(caseButton(t, u, closeLabel))
	if top(u) != nil {
		t.Fatal("a disabled step asked its question")
	}
	// Taking the case oneself is offered; giving it to someone else is not.
	var owners []string
	shown(u.detail.overview, func(o fyne.CanvasObject) {
		if sel, ok := o.(*safeSelect); ok && sel.PlaceHolder == T("Unassigned") {
			owners = sel.Options
		}
	})
	if !slices.Equal(owners, []string{"王芳"}) {
		t.Errorf("staff may give the case to %v", owners)
	}
	if !slices.Equal(u.form.owner.Options, []string{"王芳"}) {
		t.Errorf("staff may record a case for %v", u.form.owner.Options)
	}

	// The supervisor starts working: no reload needed.
	u.user.SetSelected("陈静")
	if caseButton(t, u, closeLabel).Disabled() || overviewLabels(u)[refusedText] {
		t.Fatal("the supervisor's steps stay disabled after switching")
	}
	if !slices.Equal(u.form.owner.Options, []string{"王芳", "陈静", "赵总"}) {
		t.Errorf("the supervisor may record a case for %v", u.form.owner.Options)
	}
	test.Tap(caseButton(t, u, closeLabel))
	test.Tap(findDialogButton(top(u), T("Confirm")))
	if got, _ := s.Case(ctx, resolved.Number); got.Status != data.StatusClosed || got.Timeline[len(got.Timeline)-1].By != "陈静" {
		t.Fatalf("the supervisor's close: %s", got.Status)
	}
	// Reopening the closed case: the supervisor's, not the staff's.
	reopen := moveLabel(data.StatusClosed, data.StatusInvestigating)
	if caseButton(t, u, reopen).Disabled() {
		t.Error("the supervisor may not reopen")
	}
	u.user.SetSelected("王芳")
	if !caseButton(t, u, reopen).Disabled() {
		t.Error("staff may reopen")
	}

	// Declining a new case likewise; acknowledging is everyone's.
	fresh := newCaseAt(t, s, data.KindComplaint, "")
	u.refreshAll()
	u.openCase(fresh.ID)
	decline := moveLabel(data.StatusNew, data.StatusDeclined)
	ack := moveLabel(data.StatusNew, data.StatusAcknowledged)
	if !caseButton(t, u, decline).Disabled() || caseButton(t, u, ack).Disabled() || !caseButton(t, u, escalate).Disabled() {
		t.Error("staff: decline or escalate enabled, or acknowledge disabled")
	}
	both := TF("Your role ({{.Role}}) may not {{.Actions}}: this needs the {{.Needs}} role or higher.",
		map[string]any{"Role": roleLabel(data.RoleStaff), "Needs": roleLabel(data.RoleSupervisor),
			"Actions": pr().Action(data.ActionDecline) + T("list.sep") + pr().Action(data.ActionEscalate)})
	if !overviewLabels(u)[both] {
		t.Errorf("no line %q: %v", both, overviewLabels(u))
	}
	u.user.SetSelected("赵总")
	if caseButton(t, u, decline).Disabled() || caseButton(t, u, escalate).Disabled() {
		t.Error("the owner may not decline or escalate")
	}
	// Nobody chosen: nothing is judged; the step asks who is working.
	u.user.ClearSelected()
	u.roleChanged()
	if caseButton(t, u, decline).Disabled() {
		t.Fatal("with nobody working, decline is disabled")
	}
	test.Tap(caseButton(t, u, decline))
	test.Type(dialogEntry(t, u), "不属于本社业务")
	test.Tap(findDialogButton(top(u), T("Confirm")))
	if !dialogTexts(u)[T("Who is working?")] {
		t.Errorf("a step with nobody working: %v", dialogTexts(u))
	}
	if got, _ := s.Case(ctx, fresh.Number); got.Status != data.StatusNew {
		t.Errorf("declined with nobody working: %s", got.Status)
	}
}

// Approving is not offered to staff; switching to a supervisor offers it.
func TestApproveFollowsTheRoleOfWhoIsWorking(t *testing.T) {
	u, s := newTestUI(t)
	c := proposedAt(t, s, 800_00)
	u.refreshAll()
	u.openCase(c.ID)
	if labels := buttonLabels(u.detail.overview); labels[approveLabel()] || labels[refuseLabel()] {
		t.Fatalf("staff are offered approval: %v", labels)
	}
	u.user.SetSelected("陈静")
	if labels := buttonLabels(u.detail.overview); !labels[approveLabel()] || !labels[refuseLabel()] {
		t.Fatalf("the supervisor is not offered approval after switching: %v", labels)
	}
	u.user.SetSelected("王芳")
	if labels := buttonLabels(u.detail.overview); labels[approveLabel()] {
		t.Fatalf("approval still offered after switching back to staff: %v", labels)
	}
}

// Amending findings after the closure letter stands in for reopening: the
// button is disabled for staff, with the reason.
func TestAmendAfterClosureIsTheSupervisors(t *testing.T) {
	u, s := newTestUI(t)
	ctx := context.Background()
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating,
		data.StatusProposed, data.StatusAgreed, data.StatusResolved, data.StatusClosed)
	if _, err := s.Update(ctx, c.Number, func(c *data.Case, _ data.Settings, now time.Time) error {
		c.AddLetter(data.Letter{Type: data.LetterClosure, IssuedAt: now})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	u.refreshAll()
	u.openCase(c.ID)
	amend := findButton(u.detail.content, T("Amend…"))
	if amend == nil || !amend.Disabled() {
		t.Fatalf("staff may amend: %v", amend)
	}
	u.user.SetSelected("陈静")
	if amend := findButton(u.detail.content, T("Amend…")); amend == nil || amend.Disabled() {
		t.Fatal("the supervisor may not amend")
	}
}

// Settings are the owner's: for staff and supervisors every field is
// disabled, Save and Undo hidden, and a line says so; the owner gets them
// back when they start working. On the Backup page the supervisor may back
// up, not restore or compact; staff may do neither.
func TestSettingsAreReadOnlyBelowTheOwner(t *testing.T) {
	u, _ := newTestUI(t)
	u.svc.Backups = &fakeBackups{}
	u.tabs.Select(u.setTab)
	v := u.setView
	banner := T("Only the owner changes settings: they are shown here read-only.")
	bannerShown := func() bool {
		found := false
		shown(v.content, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Text == banner {
				found = true
			}
		})
		return found
	}
	backupTab := func() *container.TabItem {
		for _, it := range v.tabs.Items {
			if it.Text == T("Backup") {
				return it
			}
		}
		t.Fatal("no Backup page")
		return nil
	}
	// The owner's pages as built for the owner: a few inputs are disabled
	// there too (Remove without a logo); after switching they must be so again.
	var ownerDisabled []bool
	check := func(who string, wantBackup, wantRestore bool) {
		t.Helper()
		u.user.SetSelected(who)
		readOnly := who != "赵总"
		var disabled []bool
		var names []string
		for _, it := range v.tabs.Items {
			if it.Text == T("Backup") {
				continue
			}
			pageInputs(it, func(d fyne.Disableable, name string) {
				disabled = append(disabled, d.Disabled())
				names = append(names, it.Text+": "+name)
			})
		}
		if len(disabled) < 50 {
			t.Fatalf("only %d inputs found on the settings pages", len(disabled))
		}
		if !readOnly && ownerDisabled == nil {
			ownerDisabled = disabled
			if n := len(slices.DeleteFunc(slices.Clone(disabled), func(d bool) bool { return !d })); n > 5 {
				t.Fatalf("the owner finds %d inputs disabled: %v", n, disabled)
			}
		}
		for i, d := range disabled {
			if readOnly && !d || !readOnly && (i >= len(ownerDisabled) || d != ownerDisabled[i]) {
				t.Errorf("%s: %s disabled %v", who, names[i], d)
			}
		}
		if v.buttons.Visible() == readOnly || bannerShown() != readOnly {
			t.Errorf("%s: Save shown %v, banner shown %v", who, v.buttons.Visible(), bannerShown())
		}
		// Card by card (by title, not by button labels): a card the role may
		// use has its button enabled; one it may not, every input disabled.
		b := backupTab()
		want := map[string]bool{T("Scheduled backup"): !readOnly, T("Back up"): wantBackup, T("Restore"): wantRestore, T("Compact"): wantRestore}
		was := b.Content.Visible()
		b.Content.Show()
		cards := 0
		eachCard(b.Content, func(c *widget.Card) {
			allowed, known := want[c.Title]
			if !known {
				t.Errorf("a card %q on the Backup page this test does not know", c.Title)
				return
			}
			cards++
			enabled, all := 0, 0
			inputs(c, func(d fyne.Disableable, _ string) {
				all++
				if !d.Disabled() {
					enabled++
				}
			})
			if allowed && enabled == 0 || !allowed && enabled > 0 || all == 0 {
				t.Errorf("%s: card %q: %d of %d inputs enabled, allowed %v", who, c.Title, enabled, all, allowed)
			}
		})
		if !was {
			b.Content.Hide()
		}
		if cards != len(want) {
			t.Errorf("%d cards on the Backup page, want %d", cards, len(want))
		}
	}
	u.user.SetSelected("赵总")
	v.load()
	check("赵总", true, true)
	check("王芳", false, false)
	check("陈静", true, false)
	check("赵总", true, true)
	check("王芳", false, false)
}

// A step the role may not take that still reaches the application layer
// (here its handler called directly) is refused there: the clerk sees the
// translated refusal, the case is unchanged, nothing crashes. Likewise
// saving the settings.
func TestAHiddenActionInvokedIsRefusedWithTheTranslatedMessage(t *testing.T) {
	u, s := newTestUI(t)
	ctx := context.Background()
	ts := u.svc.Cases.(*testService)
	svc := checkingService{ts}
	u.svc.Cases, u.svc.Settings = svc, svc
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating,
		data.StatusProposed, data.StatusAgreed, data.StatusResolved)
	u.refreshAll()
	u.openCase(c.ID)

	u.detail.askMove(c, data.StatusClosed)
	test.Tap(findDialogButton(top(u), T("Confirm")))
	want := pr().Forbidden(&data.ForbiddenError{Actor: data.Actor{Name: "王芳", Role: data.RoleStaff}, Action: data.ActionClose})
	if !dialogTexts(u)[want] {
		t.Fatalf("the refusal %q is not shown: %v", want, dialogTexts(u))
	}
	if got, _ := s.Case(ctx, c.Number); got.Status != data.StatusResolved {
		t.Fatalf("the case moved to %s", got.Status)
	}
	top(u).(interface{ Hide() }).Hide()

	before := s.Settings()
	u.setView.load()
	u.setView.save()
	want = pr().Forbidden(&data.ForbiddenError{Actor: data.Actor{Name: "王芳", Role: data.RoleStaff}, Action: data.ActionSettings})
	texts := dialogTexts(u)
	found := false
	for text := range texts {
		found = found || strings.Contains(text, want)
	}
	if !found {
		t.Fatalf("the settings refusal %q is not shown: %v", want, texts)
	}
	if after := s.Settings(); after.Currency != before.Currency || len(after.Staff) != len(before.Staff) {
		t.Error("refused settings were saved")
	}
}
