package data

import (
	"errors"
	"slices"
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
	if staff.Can(ActionBackup) || !sup.Can(ActionBackup) || !owner.Can(ActionBackup) || LowestRole(ActionBackup) != RoleSupervisor {
		t.Error("backing up is the supervisor's and the owner's")
	}
	for _, act := range []Action{ActionSettings, ActionStaff, ActionRestore} {
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

// The table, role by role, as issue 11 states it: staff record, note, reply,
// investigate, propose and handle mail; supervisors add decline, assign,
// escalate, close, reopen, approve and backing up; the owner adds settings,
// staff, restoring and anonymising. Each role may do what the one below it may.
func TestPermissionTableByRole(t *testing.T) {
	staff := []Action{ActionRecord, ActionNote, ActionReply, ActionInvestigate, ActionPropose, ActionMail, ActionFollowUp}
	sup := append(slices.Clone(staff), ActionDecline, ActionAssign, ActionEscalate, ActionClose, ActionReopen, ActionApprove, ActionBackup, ActionMerge,
		ActionKnowledge,            // issue 12: the knowledge base is curated by supervisors and the owner
		ActionReport, ActionImport) // issue 13: the report's figures and importing a ledger: supervisors and the owner
	owner := append(slices.Clone(sup), ActionSettings, ActionStaff, ActionRestore, ActionPrivacy)
	want := map[Role][]Action{RoleStaff: staff, RoleSupervisor: sup, RoleOwner: owner}
	if len(owner) != len(Actions) {
		t.Fatalf("the owner may do %d actions of %d", len(owner), len(Actions))
	}
	for _, r := range Roles {
		for _, act := range Actions {
			if got, w := (Actor{Role: r}).Can(act), slices.Contains(want[r], act); got != w {
				t.Errorf("%s may %s: %v, want %v", r, act, got, w)
			}
		}
	}
	seen := map[Action]bool{}
	for _, act := range Actions {
		if seen[act] {
			t.Errorf("%s listed twice", act)
		}
		seen[act] = true
	}
}
