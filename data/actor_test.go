package data

import (
	"errors"
	"testing"
)

func TestPermissionTable(t *testing.T) {
	staff := Actor{Name: "王芳", Role: RoleStaff}
	sup := Actor{Name: "陈主管", Role: RoleSupervisor}
	owner := Actor{Name: "老板", Role: RoleOwner}
	for _, act := range []Action{ActionRecord, ActionNote, ActionReply, ActionInvestigate, ActionPropose} {
		if !staff.Can(act) || !sup.Can(act) || !owner.Can(act) {
			t.Errorf("every role may %s", act)
		}
	}
	for _, act := range []Action{ActionDecline, ActionAssign, ActionEscalate, ActionClose, ActionReopen} {
		if staff.Can(act) {
			t.Errorf("staff may not %s", act)
		}
		if !sup.Can(act) || !owner.Can(act) {
			t.Errorf("supervisor and owner may %s", act)
		}
	}
	for _, act := range []Action{ActionSettings, ActionStaff} {
		if staff.Can(act) || sup.Can(act) || !owner.Can(act) {
			t.Errorf("only the owner may %s", act)
		}
	}
	if (Actor{Name: "x", Role: "intern"}).Can(ActionNote) {
		t.Error("an unknown role may do nothing")
	}
	err := staff.Check(MoveAction(StatusResolved, StatusClosed))
	var fe *ForbiddenError
	if !errors.Is(err, ErrForbidden) || !errors.As(err, &fe) || fe.Needs() != RoleSupervisor {
		t.Fatalf("staff closing: %v", err)
	}
}

func TestMoveAction(t *testing.T) {
	for _, tc := range []struct {
		from, to Status
		want     Action
	}{
		{StatusNew, StatusAcknowledged, ActionRecord},
		{StatusNew, StatusDeclined, ActionDecline},
		{StatusAcknowledged, StatusInvestigating, ActionInvestigate},
		{StatusInvestigating, StatusProposed, ActionPropose},
		{StatusProposed, StatusAgreed, ActionPropose},
		{StatusProposed, StatusInvestigating, ActionInvestigate},
		{StatusAgreed, StatusResolved, ActionInvestigate},
		{StatusResolved, StatusClosed, ActionClose},
		{StatusClosed, StatusInvestigating, ActionReopen},
	} {
		if got := MoveAction(tc.from, tc.to); got != tc.want {
			t.Errorf("%s → %s: %s, want %s", tc.from, tc.to, got, tc.want)
		}
	}
}
