package data

import "time"

// CaseChanges is a set of changes to one case made together: nil fields stay
// as they are. Either every change applies or none does.
type CaseChanges struct {
	Owner      *string
	Severity   *Severity
	Category   *string
	Waiting    *Waiting
	Escalation *Escalation
	Note       string // for waiting and escalation
}

// Empty reports whether nothing would change.
func (ch CaseChanges) Empty() bool {
	return ch.Owner == nil && ch.Severity == nil && ch.Category == nil && ch.Waiting == nil && ch.Escalation == nil
}

// Actions lists what the changes need the actor to be allowed to do on c:
// taking a case oneself is everyday work, giving it to someone else is assigning.
func (ch CaseChanges) Actions(c *Case, a Actor) []Action {
	var out []Action
	// With an escalation, the owner is who the case is escalated to:
	// giving it to them is part of escalating (see Apply).
	if ch.Owner != nil && *ch.Owner != c.Owner && ch.Escalation == nil {
		if *ch.Owner == a.Name {
			out = append(out, ActionInvestigate)
		} else {
			out = append(out, ActionAssign)
		}
	}
	if ch.Severity != nil || ch.Category != nil || ch.Waiting != nil {
		out = append(out, ActionInvestigate)
	}
	if ch.Escalation != nil {
		out = append(out, ActionEscalate)
	}
	return out
}

// Apply makes the changes in order: owner, severity, category, waiting,
// escalation. With an escalation, Owner is the person the case is escalated
// to (see Case.Escalate) and is given the case with it.
func (ch CaseChanges) Apply(c *Case, st Settings, by string, now time.Time) error {
	if ch.Owner != nil && ch.Escalation == nil {
		if err := c.SetOwner(st, *ch.Owner, by, now); err != nil {
			return err
		}
	}
	if ch.Severity != nil {
		if err := c.SetSeverity(st, *ch.Severity, by, now); err != nil {
			return err
		}
	}
	if ch.Category != nil {
		if err := c.SetCategory(st, *ch.Category, by, now); err != nil {
			return err
		}
	}
	if ch.Waiting != nil {
		if err := c.SetWaiting(st, *ch.Waiting, by, ch.Note, now); err != nil {
			return err
		}
	}
	if ch.Escalation != nil {
		to := ""
		if ch.Owner != nil {
			to = *ch.Owner
		}
		if err := c.Escalate(st, *ch.Escalation, to, by, ch.Note, now); err != nil {
			return err
		}
	}
	return nil
}
