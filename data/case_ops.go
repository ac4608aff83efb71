package data

import (
	"fmt"
	"strings"
	"time"
)

// The operations below are the only way a case changes: each checks the rules,
// applies the change and appends its timeline event. The store persists the result.

// NewCaseFrom builds a new case from validated intake (see NewCase.Normalize),
// with its clocks started at the received time and the "created" event.
func NewCaseFrom(n NewCase, id uint64, number string, customerID uint64, st Settings, now time.Time) Case {
	cat, _ := st.Category(n.Category)
	targets := st.Policy.TargetsFor(n.Severity, &cat)
	urgent := n.Severity == SeverityUrgent
	n.Customer.ID = customerID
	c := Case{
		ID: id, Number: number, Status: StatusNew, Kind: n.Kind, Category: n.Category,
		Severity: n.Severity, Channel: n.Channel, Subject: n.Subject, Description: n.Description,
		Demand: n.Demand, Amount: n.Amount, Currency: n.Currency, CustomerID: customerID,
		Customer: n.Customer, Booking: n.Booking, ReceivedAt: n.ReceivedAt, Owner: n.Owner,
		Escalation: EscalationStaff, Language: n.Language,
		FirstResponse: startClock(st, n.ReceivedAt, targets.FirstResponse, urgent),
		Resolution:    startClock(st, n.ReceivedAt, targets.Resolution, urgent),
	}
	c.Timeline = []Event{{At: now, By: n.By, Type: EventCreated, New: string(StatusNew),
		Args: map[string]string{ArgKind: string(c.Kind), ArgChannel: string(c.Channel)}}}
	return c
}

// startClock starts a deadline clock. Urgent clocks run in calendar time. The
// others count working time: a policy's "24h" means one working day, so the
// target is scaled from 24-hour days to the calendar's working day.
func startClock(st Settings, start time.Time, target Duration, urgent bool) Clock {
	d := time.Duration(target)
	if !urgent {
		d = st.Calendar.WorkingTime(d)
	}
	return StartClock(start, d, urgent, st.Calendar)
}

// Move changes the status and what goes with it: clocks stop or restart, waiting
// ends on a finished case, and the timeline records it all.
func (c *Case) Move(st Settings, to Status, by, note string, now time.Time) error {
	// A resolved case whose follow-up found the customer unhappy may go back
	// to investigation, like a closed one reopened (followup.go).
	unhappyBack := c.Status == StatusResolved && to == StatusInvestigating && c.Unhappy()
	if err := checkMove(c.Kind, c.Status, to); err != nil && !unhappyBack {
		return err
	}
	if err := c.checkAwaiting(st, to); err != nil {
		return err
	}
	if err := c.checkClose(c.Status, to); err != nil { // followup.go
		return err
	}
	if to == StatusDeclined && strings.TrimSpace(note) == "" {
		return fieldErr("reason", "declining a case needs a reason")
	}
	if (c.Status == StatusClosed && to != StatusClosed || unhappyBack) && strings.TrimSpace(note) == "" {
		return fieldErr("reopen_reason", "reopening a case needs a reason")
	}
	note = CleanText("note", note)
	if err := CheckText(noteField(to), note); err != nil {
		return err
	}
	from := c.Status
	c.Status = to
	switch to {
	case StatusAcknowledged, StatusDeclined:
		c.FirstResponse.Stop(now)
		if to == StatusDeclined {
			c.Resolution.Stop(now)
		}
	case StatusResolved:
		c.Resolution.Stop(now)
		c.startFollowUp(now) // followup.go
	case StatusClosed:
		c.FirstResponse.Stop(now)
		c.Resolution.Stop(now)
		c.ClosedAt = now
	case StatusInvestigating:
		c.Approval.Awaiting, c.Approval.Total, c.Approval.By = false, 0, "" // the solution is reworked
		if from == StatusClosed || from == StatusResolved {                 // reopened: the customer gets a fresh resolution deadline
			cat, _ := st.Category(c.Category)
			t := st.Policy.TargetsFor(c.Severity, &cat)
			c.Resolution = startClock(st, now, t.Resolution, c.Severity == SeverityUrgent)
			c.ClosedAt = time.Time{}
		}
	}
	c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventStatus,
		Old: string(from), New: string(to), Note: CleanText("note", note)})
	if !to.Open() && c.Waiting != WaitingNone {
		c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventWaitingEnded,
			Old: string(c.Waiting), Args: map[string]string{ArgStatus: string(to)}})
		c.Waiting = WaitingNone
	}
	return nil
}

// AddNote appends a note to the timeline.
func (c *Case) AddNote(by, text string, now time.Time) error {
	text = CleanText("note", text)
	if text == "" {
		return fieldErr("note", "the note is empty")
	}
	if err := CheckText("note", text); err != nil {
		return err
	}
	c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventNote, Note: text})
	return nil
}

// SetOwner assigns the case to a staff member ("" to nobody).
func (c *Case) SetOwner(st Settings, owner, by string, now time.Time) error {
	owner = strings.TrimSpace(owner)
	if c.Owner == owner {
		return nil
	}
	if err := st.checkStaff("owner", owner); err != nil {
		return err
	}
	c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventOwner, Old: c.Owner, New: owner})
	c.Owner = owner
	return nil
}

// SetSeverity changes the severity. Clocks still running are started again from
// the received time with the new severity's targets, so a case found to be
// urgent gets urgent deadlines; paused and stopped clocks keep theirs.
func (c *Case) SetSeverity(st Settings, sev Severity, by string, now time.Time) error {
	if !validSeverity(sev) {
		return fieldErr("severity", "unknown severity %q", sev)
	}
	if c.Severity == sev {
		return nil
	}
	var args map[string]string
	if c.Status.Open() {
		cat, _ := st.Category(c.Category)
		t := st.Policy.TargetsFor(sev, &cat)
		urgent := sev == SeverityUrgent
		for _, cl := range []struct {
			clock  *Clock
			target Duration
		}{{&c.FirstResponse, t.FirstResponse}, {&c.Resolution, t.Resolution}} {
			if cl.clock.Running() {
				*cl.clock = startClock(st, c.ReceivedAt, cl.target, urgent)
				args = map[string]string{ArgDeadlines: DeadlinesRecalculated}
			}
		}
	}
	c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventSeverity, Old: string(c.Severity), New: string(sev), Args: args})
	c.Severity = sev
	return nil
}

// SetCategory changes the category to one of the settings' categories.
func (c *Case) SetCategory(st Settings, slug, by string, now time.Time) error {
	if _, ok := st.Category(slug); !ok {
		return fieldErr("category", "unknown category %q", slug)
	}
	if c.Category == slug {
		return nil // a case keeps its category, retired or not
	}
	if err := st.Assignable(slug); err != nil {
		return err
	}
	c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventCategory, Old: c.Category, New: slug})
	c.Category = slug
	return nil
}

// SetWaiting marks the case as waiting on the customer or a supplier, pausing
// both clocks, or clears it (WaitingNone), resuming them.
func (c *Case) SetWaiting(st Settings, w Waiting, by, note string, now time.Time) error {
	if w != WaitingNone && w != WaitingCustomer && w != WaitingSupplier {
		return fieldErr("waiting", "unknown waiting state %q", w)
	}
	if c.Waiting == w {
		return nil
	}
	if err := CheckText("note", CleanText("note", note)); err != nil {
		return err
	}
	if w != WaitingNone && !c.Status.Open() {
		return fmt.Errorf("%w: a %s case does not wait", ErrTransition, c.Status)
	}
	if w == WaitingNone {
		c.FirstResponse.Resume(now, st.Calendar)
		c.Resolution.Resume(now, st.Calendar)
	} else {
		c.FirstResponse.Pause(now, st.Calendar)
		c.Resolution.Pause(now, st.Calendar)
	}
	c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventWaiting, Old: string(c.Waiting), New: string(w), Note: CleanText("note", note)})
	c.Waiting = w
	return nil
}

// Escalate sets who answers for the case: staff, supervisor or owner. Raising
// it gives the case to a person of the new level: to, who must have the
// level's role or a higher one, or else the settings' default for the level
// (see Settings.EscalationDefault). The escalation event names the new
// owner; the owner event follows it. Lowering it changes the owner only when
// to names someone.
func (c *Case) Escalate(st Settings, level Escalation, to, by, note string, now time.Time) error {
	if level != EscalationStaff && level != EscalationSupervisor && level != EscalationOwner {
		return fieldErr("escalation", "unknown escalation level %q", level)
	}
	to = strings.TrimSpace(to)
	if c.Escalation == level {
		if to != "" {
			return c.SetOwner(st, to, by, now)
		}
		return nil
	}
	if err := CheckText("note", CleanText("note", note)); err != nil {
		return err
	}
	if !c.Status.Open() {
		return fmt.Errorf("%w: a %s case is not escalated", ErrTransition, c.Status)
	}
	if escalationRank(level) > escalationRank(c.Escalation) {
		if to == "" {
			name, err := st.EscalationDefault(level)
			if err != nil {
				return err
			}
			to = name
		} else if err := st.CheckEscalationTarget(level, to); err != nil {
			return err
		}
	} else if err := st.checkStaff("owner", to); err != nil {
		return err
	}
	var args map[string]string
	if to != "" {
		args = map[string]string{ArgOwner: to}
	}
	c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventEscalation, Old: string(c.Escalation), New: string(level),
		Note: CleanText("note", note), Args: args})
	c.Escalation = level
	if to != "" {
		return c.SetOwner(st, to, by, now)
	}
	return nil
}

// NextEscalation is the level above l, or l itself at the top.
func NextEscalation(l Escalation) Escalation {
	switch l {
	case EscalationStaff, "":
		return EscalationSupervisor
	default:
		return EscalationOwner
	}
}

// noteField names the note of a move: a decline's reason, else a note.
func noteField(to Status) string {
	if to == StatusDeclined {
		return "reason"
	}
	return "note"
}
