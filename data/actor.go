package data

import (
	"errors"
	"fmt"
	"slices"
)

// ErrForbidden marks an action the acting staff member's role does not allow.
var ErrForbidden = errors.New("not allowed for this role")

// Actor is the staff member on whose behalf a change is made: every call of
// the application layer that changes something takes one.
type Actor struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
}

// Action is something a role may or may not do.
type Action string

const (
	ActionRecord      Action = "record"      // record a case, acknowledge it
	ActionNote        Action = "note"        // add a note
	ActionReply       Action = "reply"       // write to the customer, print letters and archives
	ActionInvestigate Action = "investigate" // findings, severity, category, waiting, resolve
	ActionPropose     Action = "propose"     // propose a solution, record the customer's answer
	ActionDecline     Action = "decline"     // decline a case
	ActionAssign      Action = "assign"      // give a case to someone else
	ActionEscalate    Action = "escalate"    // change who answers for a case
	ActionClose       Action = "close"       // close a case
	ActionReopen      Action = "reopen"      // reopen a closed case
	ActionSettings    Action = "settings"    // change the agency's settings, mail account, profile
	ActionStaff       Action = "staff"       // add, change or remove staff
	ActionMail        Action = "mail"        // fetch mail, send the outbox, read unreadable mail again
	ActionApprove     Action = "approve"     // approve or refuse a solution above its proposer's limit (within one's own)
	ActionBackup      Action = "backup"      // write a backup of the database now
	ActionRestore     Action = "restore"     // restore a backup over the database, compact it
	ActionPrivacy     Action = "privacy"     // anonymise a customer's personal data, alone or in bulk when retention ends
	ActionMerge       Action = "merge"       // merge two customer records of the same person
	ActionKnowledge   Action = "knowledge"   // add, edit or remove knowledge-base articles and canned answers (kb.go)
	ActionFollowUp    Action = "followup"    // record a follow-up (回访), close it as unreachable, confirm or dismiss a rating read from a reply
	ActionReport      Action = "report"      // read the figures of a period and the cases behind them (data/report)
	ActionImport      Action = "import"      // import cases from a spreadsheet ledger (import.go)
)

// Actions lists every action, for tests and the help text.
var Actions = []Action{ActionRecord, ActionNote, ActionReply, ActionInvestigate, ActionPropose,
	ActionDecline, ActionAssign, ActionEscalate, ActionClose, ActionReopen, ActionSettings, ActionStaff, ActionMail, ActionApprove,
	ActionBackup, ActionRestore, ActionPrivacy, ActionMerge, ActionKnowledge, ActionFollowUp, ActionReport, ActionImport}

// permissions is the one table of who may do what. Each role may do what the
// role below it may, and more.
var permissions = map[Role][]Action{
	RoleStaff: {ActionRecord, ActionNote, ActionReply, ActionInvestigate, ActionPropose, ActionMail, ActionFollowUp},
	RoleSupervisor: {ActionRecord, ActionNote, ActionReply, ActionInvestigate, ActionPropose, ActionMail,
		ActionDecline, ActionAssign, ActionEscalate, ActionClose, ActionReopen, ActionApprove, ActionBackup, ActionMerge,
		ActionKnowledge, ActionFollowUp, ActionReport, ActionImport},
	RoleOwner: Actions,
}

// Can reports whether the actor's role allows the action.
func (a Actor) Can(act Action) bool { return slices.Contains(permissions[a.Role], act) }

// Check returns a *ForbiddenError when the actor may not do act.
func (a Actor) Check(act Action) error {
	if a.Can(act) {
		return nil
	}
	return &ForbiddenError{Actor: a, Action: act}
}

// LowestRole is the least role allowed to do act (owner if none below is).
func LowestRole(act Action) Role {
	for _, r := range Roles {
		if slices.Contains(permissions[r], act) {
			return r
		}
	}
	return RoleOwner
}

// ForbiddenError says who was refused what; the interfaces translate it by
// Action and the role it needs.
type ForbiddenError struct {
	Actor  Actor
	Action Action
}

func (e *ForbiddenError) Error() string {
	return fmt.Sprintf("%s (%s) may not %s: it needs the role %s", e.Actor.Name, e.Actor.Role, e.Action, e.Needs())
}

// Needs is the least role that may do the action.
func (e *ForbiddenError) Needs() Role { return LowestRole(e.Action) }

// Unwrap makes it an ErrForbidden.
func (e *ForbiddenError) Unwrap() error { return ErrForbidden }

// MoveAction is the action a move to status to needs: reopening a closed case,
// declining and closing are the supervisor's; the other steps are everyday work.
func MoveAction(from, to Status) Action {
	switch {
	case from == StatusClosed, from == StatusResolved && to == StatusInvestigating: // reopened (after an unhappy follow-up)
		return ActionReopen
	case to == StatusDeclined:
		return ActionDecline
	case to == StatusClosed:
		return ActionClose
	case to == StatusAcknowledged:
		return ActionRecord
	case to == StatusProposed, to == StatusAgreed:
		return ActionPropose
	}
	return ActionInvestigate
}
