package ui

import (
	"context"
	"errors"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// escalateDialog opens the escalate dialog of case c and returns its Select
// of people, its reason entry and its confirm button.
func escalateDialog(t *testing.T, u *UI, c data.Case) (*safeSelect, *keyEntry, *widget.Button) {
	t.Helper()
	u.detail.show(c.ID)
	next := data.NextEscalation(c.Escalation)
	b := u.detail.escalateButton(c)
	if b == nil {
		t.Fatal("no escalate button")
	}
	before := len(u.win.Canvas().Overlays().List())
	test.Tap(b)
	if len(u.win.Canvas().Overlays().List()) != before+1 {
		t.Fatalf("no dialog for escalating to %s", next)
	}
	top := u.win.Canvas().Overlays().Top()
	var sel *safeSelect
	var reason *keyEntry
	for _, o := range test.LaidOutObjects(top) {
		switch w := o.(type) {
		case *safeSelect:
			sel = w
		case *keyEntry:
			reason = w
		}
	}
	ok := findDialogButton(top, T("Escalate"))
	if sel == nil || reason == nil || ok == nil {
		t.Fatalf("dialog lacks the person, the reason or the button: %v %v %v", sel, reason, ok)
	}
	return sel, reason, ok
}

func TestEscalateDialogGivesTheCaseToTheDefaultPerson(t *testing.T) {
	u, s := newTestUI(t)
	u.user.SetSelected("陈静")
	c := newCaseAt(t, s, data.KindComplaint, "")
	sel, reason, ok := escalateDialog(t, u, c)
	// Only people of the level or above are offered: not 王芳 (staff).
	if want := []string{"陈静 (Supervisor)", "赵总 (Owner)"}; !slices.Equal(sel.Options, want) {
		t.Errorf("options %v, want %v", sel.Options, want)
	}
	if sel.Selected != "陈静 (Supervisor)" {
		t.Errorf("preselected %q, want the first supervisor", sel.Selected)
	}
	if !ok.Disabled() {
		t.Error("escalating without a reason is offered")
	}
	test.Type(reason, "客户要求主管处理")
	if ok.Disabled() {
		t.Fatal("the reason was typed, yet the button stays disabled")
	}
	test.Tap(ok)
	got, _ := s.Case(context.Background(), c.Number)
	if got.Owner != "陈静" || got.Escalation != data.EscalationSupervisor {
		t.Fatalf("owner %q level %q", got.Owner, got.Escalation)
	}
	n := len(got.Timeline)
	if e := got.Timeline[n-2]; e.Type != data.EventEscalation || e.By != "陈静" || e.Arg(data.ArgOwner) != "陈静" || e.Note != "客户要求主管处理" {
		t.Errorf("escalation event %+v", e)
	}
}

func TestEscalateDialogChosenPersonAndSettingsDefault(t *testing.T) {
	u, s := newTestUI(t)
	u.user.SetSelected("陈静")
	st := s.Settings()
	st.Staff = append(st.Staff, data.Staff{Name: "孙丽", Role: data.RoleSupervisor})
	st.Escalation.Supervisor = "孙丽"
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	c := newCaseAt(t, s, data.KindComplaint, "")
	sel, reason, ok := escalateDialog(t, u, c)
	if sel.Selected != "孙丽 (Supervisor)" {
		t.Errorf("preselected %q, want the default of Settings", sel.Selected)
	}
	sel.SetSelected("赵总 (Owner)")
	test.Type(reason, "金额较大")
	test.Tap(ok)
	if got, _ := s.Case(context.Background(), c.Number); got.Owner != "赵总" || got.Escalation != data.EscalationSupervisor {
		t.Fatalf("chosen person: owner %q level %q", got.Owner, got.Escalation)
	}
}

// A person below the level cannot be chosen: the dialog does not offer
// them, and the rule below refuses them if asked anyway.
func TestEscalateBelowLevelOrNobodyIsRefused(t *testing.T) {
	u, s := newTestUI(t)
	c := newCaseAt(t, s, data.KindComplaint, "")
	st := s.Settings()
	low, sup := "王芳", data.EscalationSupervisor
	_, err := u.svc.Cases.Change(context.Background(), data.Actor{Name: "陈静", Role: data.RoleSupervisor}, c.Number,
		data.CaseChanges{Escalation: &sup, Owner: &low})
	var ee *data.EscalationError
	if !errors.As(err, &ee) || errorText(err) != "王芳 is Staff: a case escalated to Supervisor goes to a Supervisor or above." {
		t.Errorf("below level: %v (%q)", err, errorText(err))
	}
	// Nobody of the level: no form, the reason instead.
	st.Staff = []data.Staff{{Name: "王芳", Role: data.RoleStaff}}
	if _, err := newEscalateForm(st, data.EscalationSupervisor, func() {}); !errors.As(err, &ee) ||
		errorText(err) != "Nobody on the staff list can take a case escalated to Supervisor: the owner adds a Supervisor under Settings → Staff." {
		t.Errorf("nobody of the level: %v", err)
	}
}

// The defaults are chosen in Settings and saved with them.
func TestSettingsChooseTheEscalationDefaults(t *testing.T) {
	u, s := newTestUI(t)
	u.user.SetSelected("赵总")
	var pickers []*safeSelect
	for _, o := range test.LaidOutObjects(u.setView.content) {
		if sel, ok := o.(*safeSelect); ok && len(sel.Options) > 0 && sel.Options[0] == "The first Supervisor on the staff list" {
			pickers = append(pickers, sel)
		}
	}
	if len(pickers) != 1 {
		t.Fatalf("%d supervisor default pickers", len(pickers))
	}
	if want := []string{"The first Supervisor on the staff list", "陈静 (Supervisor)", "赵总 (Owner)"}; !slices.Equal(pickers[0].Options, want) {
		t.Errorf("options %v", pickers[0].Options)
	}
	pickers[0].SetSelected("赵总 (Owner)")
	u.setView.save()
	if got := s.Settings().Escalation; got.Supervisor != "赵总" || got.Owner != "" {
		t.Errorf("saved defaults %+v", got)
	}
}
