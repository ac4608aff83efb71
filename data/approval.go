package data

import (
	"fmt"
	"strings"
	"time"
)

// Approval of compensation. Each role may propose remedies up to a total (the
// role's limit, in the case currency); a solution above the proposer's limit
// waits for someone whose limit covers it. Waiting for approval is a state
// on the case (Case.Approval), not a workflow status: the case stays
// "proposed", so the statuses, their filters, clocks and reports keep their
// meaning, and what the state blocks is said where it matters — the
// customer's agreement (proposed → agreed) and the solution confirmation
// letter.

// Timeline events of approval.
const (
	// EventApprovalAsked: a solution above the proposer's limit waits for
	// approval. Args total, currency, role (the least role whose limit covers it).
	EventApprovalAsked EventType = "approval_asked"
	// EventApproved: the solution was approved. Args total, currency.
	EventApproved EventType = "approved"
	// EventApprovalRefused: the solution was refused; Note: the reason. Args
	// total, currency. The case goes back to investigating.
	EventApprovalRefused EventType = "approval_refused"
)

// ArgRole is the key of Event.Args naming a Role.
const ArgRole = "role"

// Default limits: what staff and supervisors may propose without approval.
const (
	DefaultStaffLimit      Money = 500_00
	DefaultSupervisorLimit Money = 5_000_00
)

// ApprovalLimits are the agency's limits per role. A nil limit is the
// default (so databases written before approval existed read as the
// defaults); the owner has no limit.
type ApprovalLimits struct {
	Staff      *Money `json:"staff,omitempty"`
	Supervisor *Money `json:"supervisor,omitempty"`
}

// Limit is the most a role may propose without approval; ok is false when
// the role has no limit (the owner).
func (l ApprovalLimits) Limit(r Role) (limit Money, ok bool) {
	switch r {
	case RoleStaff:
		if l.Staff != nil {
			return *l.Staff, true
		}
		return DefaultStaffLimit, true
	case RoleSupervisor:
		if l.Supervisor != nil {
			return *l.Supervisor, true
		}
		return DefaultSupervisorLimit, true
	case RoleOwner:
		return 0, false
	}
	return 0, true // an unknown role may propose nothing without approval
}

// Covers reports whether role r may propose total without approval.
func (l ApprovalLimits) Covers(r Role, total Money) bool {
	limit, ok := l.Limit(r)
	return !ok || total <= limit
}

// LeastRole is the least role whose limit covers total.
func (l ApprovalLimits) LeastRole(total Money) Role {
	for _, r := range Roles {
		if l.Covers(r, total) {
			return r
		}
	}
	return RoleOwner
}

// Validate checks the limits: amounts, not negative, the supervisor's not
// below the staff's.
func (l ApprovalLimits) Validate() error {
	staff, _ := l.Limit(RoleStaff)
	sup, _ := l.Limit(RoleSupervisor)
	switch {
	case staff < 0:
		return &FieldError{Field: "approval.limit.staff", Reason: "a limit must not be negative"}
	case sup < 0:
		return &FieldError{Field: "approval.limit.supervisor", Reason: "a limit must not be negative"}
	case sup < staff:
		return &FieldError{Field: "approval.limit.supervisor", Reason: "the supervisor's limit must not be below the staff's"}
	}
	return nil
}

// Approval is where the case's solution stands with the limits.
type Approval struct {
	Awaiting bool   `json:"awaiting,omitzero"` // the solution waits for approval
	Total    Money  `json:"total,omitzero"`    // the total that waits
	By       string `json:"by,omitzero"`       // who proposed it
	Approved Money  `json:"approved,omitzero"` // the highest total approved, or within its proposer's limit
}

// ApprovalError refuses a step while the solution waits for approval, or an
// approval by someone whose limit does not cover the total.
type ApprovalError struct {
	Code     string // "awaiting": the step waits; "limit": the actor's limit is too low; "none": nothing waits
	Total    Money
	Currency string
	Needs    Role // the least role whose limit covers the total
}

func (e *ApprovalError) Error() string {
	switch e.Code {
	case "awaiting":
		return fmt.Sprintf("the solution (total %s %s) waits for approval by a %s", e.Total, e.Currency, e.Needs)
	case "limit":
		return fmt.Sprintf("%s %s is above your approval limit: it needs a %s", e.Total, e.Currency, e.Needs)
	}
	return "the case has no solution waiting for approval"
}

// Unwrap: a too-low limit is a forbidden action, the others a step not
// allowed now.
func (e *ApprovalError) Unwrap() error {
	if e.Code == "limit" {
		return ErrForbidden
	}
	return ErrTransition
}

func (c *Case) approvalError(code string, st Settings) *ApprovalError {
	total := c.Approval.Total
	if code == "none" {
		total = c.remedyTotal()
	}
	return &ApprovalError{Code: code, Total: total, Currency: c.Currency, Needs: st.Approval.LeastRole(total)}
}

func (c *Case) remedyTotal() Money {
	f := Findings{Remedies: c.Remedies}
	return f.Total()
}

// CheckApproval is called after a solution was proposed or its remedies
// changed on a proposed case, by the proposer: when the remedies' total is
// above the proposer's limit and above what was approved before, the case
// waits for approval (an event); within the proposer's limit it counts as
// approved up to that total. A lower total than one waiting ends the wait
// if the proposer's limit or an earlier approval now covers it; when the one
// who changed it may approve, that is recorded as their approval.
func (c *Case) CheckApproval(st Settings, a Actor, now time.Time) {
	if c.Status != StatusProposed {
		return
	}
	total := c.remedyTotal()
	switch {
	case st.Approval.Covers(a.Role, total):
		if c.Approval.Awaiting && a.Can(ActionApprove) {
			c.Timeline = append(c.Timeline, Event{At: now, By: a.Name, Type: EventApproved,
				Args: map[string]string{ArgTotal: total.String(), ArgCurrency: c.Currency}})
		}
		c.Approval.Awaiting, c.Approval.Total, c.Approval.By = false, 0, ""
		c.Approval.Approved = max(c.Approval.Approved, total)
	case total <= c.Approval.Approved:
		c.Approval.Awaiting, c.Approval.Total, c.Approval.By = false, 0, ""
	case c.Approval.Awaiting && c.Approval.Total == total:
		// already waiting for this total
	default:
		c.Approval.Awaiting, c.Approval.Total, c.Approval.By = true, total, a.Name
		c.Timeline = append(c.Timeline, Event{At: now, By: a.Name, Type: EventApprovalAsked,
			Args: map[string]string{ArgTotal: total.String(), ArgCurrency: c.Currency,
				ArgRole: string(st.Approval.LeastRole(total))}})
	}
}

// CanApprove reports whether a may approve the waiting solution: the role
// may approve and its limit covers the total (an error says why not).
func (c *Case) CanApprove(st Settings, a Actor) error {
	if !c.Approval.Awaiting {
		return c.approvalError("none", st)
	}
	if err := a.Check(ActionApprove); err != nil {
		return err
	}
	if !st.Approval.Covers(a.Role, c.Approval.Total) {
		return c.approvalError("limit", st)
	}
	return nil
}

// Approve approves the waiting solution.
func (c *Case) Approve(st Settings, a Actor, now time.Time) error {
	if err := c.CanApprove(st, a); err != nil {
		return err
	}
	total := c.Approval.Total
	c.Approval = Approval{Approved: max(c.Approval.Approved, total)}
	c.Timeline = append(c.Timeline, Event{At: now, By: a.Name, Type: EventApproved,
		Args: map[string]string{ArgTotal: total.String(), ArgCurrency: c.Currency}})
	return nil
}

// RefuseApproval refuses the waiting solution with a reason: the case goes
// back to investigating, where the solution is reworked and proposed again
// (a refused proposal cannot be offered to the customer, so it must not
// stay "proposed").
func (c *Case) RefuseApproval(st Settings, a Actor, reason string, now time.Time) error {
	if err := c.CanApprove(st, a); err != nil {
		return err
	}
	reason = CleanText("note", reason)
	if strings.TrimSpace(reason) == "" {
		return &FieldError{Field: "refuse_reason", Reason: "refusing a solution needs a reason"}
	}
	if err := CheckText("note", reason); err != nil {
		return err
	}
	total := c.Approval.Total
	c.Approval = Approval{Approved: c.Approval.Approved}
	c.Timeline = append(c.Timeline, Event{At: now, By: a.Name, Type: EventApprovalRefused, Note: reason,
		Args: map[string]string{ArgTotal: total.String(), ArgCurrency: c.Currency}})
	return c.Move(st, StatusInvestigating, a.Name, "", now)
}

// checkAwaiting refuses the customer's agreement while the solution waits.
func (c *Case) checkAwaiting(st Settings, to Status) error {
	if c.Approval.Awaiting && to == StatusAgreed {
		return c.approvalError("awaiting", st)
	}
	return nil
}

// CheckRaise is CheckApproval past the proposal: once the customer agreed
// (or later), there is no proposal left to wait, so raising the remedies
// above what was approved needs someone whose own limit covers the new
// total; anyone else is refused (an *ApprovalError "limit"). before is the
// total before the change.
func (c *Case) CheckRaise(st Settings, a Actor, before Money) error {
	switch c.Status {
	case StatusAgreed, StatusResolved, StatusClosed:
	default:
		return nil
	}
	total := c.remedyTotal()
	switch {
	case total <= before, total <= c.Approval.Approved:
		return nil
	case st.Approval.Covers(a.Role, total):
		c.Approval.Approved = total
		return nil
	}
	return &ApprovalError{Code: "limit", Total: total, Currency: c.Currency, Needs: st.Approval.LeastRole(total)}
}
