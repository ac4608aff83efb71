package report

import (
	"time"

	"casebook/data"
)

// Fact is what the figures need of one case, small enough that the store
// keeps one beside every case (see EncodeFact) and a report over 100,000
// cases reads no case record.
type Fact struct {
	ID          uint64        `json:"id"`
	Number      string        `json:"number"`
	Received    time.Time     `json:"received"`
	Kind        data.Kind     `json:"kind"`
	Category    string        `json:"category"`
	Channel     data.Channel  `json:"channel"`
	Severity    data.Severity `json:"severity"`
	Destination string        `json:"destination,omitzero"`
	Product     string        `json:"product,omitzero"`
	Supplier    string        `json:"supplier,omitzero"`
	Guide       string        `json:"guide,omitzero"`
	Owner       string        `json:"owner,omitzero"`
	CustomerID  uint64        `json:"customer_id,omitzero"`
	Status      data.Status   `json:"status"`
	Declined    bool          `json:"declined,omitzero"`

	// FinishedAt is when the case last became resolved, declined or closed;
	// zero while it is open. ResolvedAt is when it was last resolved (or
	// closed without a resolution step), ClosedAt when it was closed.
	FinishedAt time.Time `json:"finished_at,omitzero"`
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
	ClosedAt   time.Time `json:"closed_at,omitzero"`

	First      FactClock `json:"first_response"`
	Resolution FactClock `json:"resolution"`

	Reopened     int  `json:"reopened,omitzero"`     // times reopened (closed → investigating, or resolved → investigating after an unhappy follow-up)
	Investigated bool `json:"investigated,omitzero"` // went through investigation at least once

	Remedies []FactRemedy `json:"remedies,omitzero"`
	Currency string       `json:"currency,omitzero"`
	Paid     bool         `json:"paid,omitzero"` // the status counts the remedies as paid (data.PaidStatuses)

	Rating            int  `json:"rating,omitzero"` // the latest rating, 0 when none
	FollowUpAttempted bool `json:"followup_attempted,omitzero"`
	FollowUpReached   bool `json:"followup_reached,omitzero"`
}

// FactClock is a deadline clock reduced to what the figures need.
type FactClock struct {
	Target   time.Duration `json:"target,omitzero"` // 0: the case has no such clock
	Calendar bool          `json:"calendar,omitzero"`
	// Due is the deadline: for a clock stopped while paused, the moment its
	// remaining time would have run out had it resumed when it stopped.
	Due   time.Time     `json:"due,omitzero"`
	MetAt time.Time     `json:"met_at,omitzero"`
	Used  time.Duration `json:"used,omitzero"` // once met: time the clock ran, pauses excluded, in working time (calendar time when Calendar)
	// Paused: waiting on the customer or a supplier now. Late: met after
	// its deadline, or paused with its time already run out.
	Paused bool `json:"paused,omitzero"`
	Late   bool `json:"late,omitzero"`
}

// FactRemedy is one remedy's kind and amounts, in the case currency.
type FactRemedy struct {
	Kind      string     `json:"kind"`
	Amount    data.Money `json:"amount,omitzero"`
	Recovered data.Money `json:"recovered,omitzero"`
}

// Met reports whether the clock has stopped.
func (c FactClock) Met() bool { return c.Target > 0 && !c.MetAt.IsZero() }

// Overdue reports whether the running clock has run out at now.
func (c FactClock) Overdue(now time.Time) bool {
	return c.Target > 0 && c.MetAt.IsZero() && !c.Paused && !now.Before(c.Due)
}

// decided reports whether the clock's outcome is known at now — met, or
// missed — and whether it was on time.
func (c FactClock) decided(now time.Time) (decided, onTime bool) {
	switch {
	case c.Target <= 0:
		return false, false
	case !c.MetAt.IsZero():
		return true, !c.Late
	case c.Paused:
		return c.Late, false
	}
	return !now.Before(c.Due), false
}

// FactOf reduces a case to its fact. st gives the calendar that measures
// the used time of business clocks.
func FactOf(c *data.Case, st data.Settings) Fact {
	f := Fact{
		ID: c.ID, Number: c.Number, Received: c.ReceivedAt, Kind: c.Kind, Category: c.Category,
		Channel: c.Channel, Severity: c.Severity, Destination: c.Booking.Destination,
		Product: c.Booking.Product, Supplier: c.Booking.Supplier, Guide: c.Booking.Guide,
		Owner: c.Owner, CustomerID: c.CustomerID, Status: c.Status, Declined: c.Status == data.StatusDeclined,
		ClosedAt: c.ClosedAt, Currency: c.Currency, Rating: c.Satisfaction.Rating,
		First: clockFact(c.FirstResponse, st.Calendar), Resolution: clockFact(c.Resolution, st.Calendar),
	}
	for _, e := range c.Timeline {
		if e.Type != data.EventStatus {
			continue
		}
		to, from := data.Status(e.New), data.Status(e.Old)
		switch {
		case to == data.StatusInvestigating:
			f.Investigated = true
			if from == data.StatusClosed || from == data.StatusResolved {
				f.Reopened++
			}
		case to == data.StatusResolved:
			f.ResolvedAt = e.At
		case to == data.StatusClosed && from != data.StatusResolved:
			f.ResolvedAt = e.At // closed straight from acknowledged (suggestions, praise)
		}
		if !to.Open() {
			f.FinishedAt = e.At
		}
	}
	if !c.Imported.At.IsZero() {
		// A ledger records when a case came in and ended, not when it was
		// first answered (data.ApplyImport stops the clock at receipt): its
		// first response is not a measurement, so the figures leave it out.
		f.First = FactClock{}
	}
	if c.Status.Open() {
		f.FinishedAt, f.ResolvedAt = time.Time{}, time.Time{}
	} else if f.FinishedAt.IsZero() { // imported or very old cases without the event
		f.FinishedAt = c.ClosedAt
	}
	if c.Status == data.StatusDeclined {
		f.ResolvedAt = time.Time{}
	}
	for _, r := range c.Remedies {
		f.Remedies = append(f.Remedies, FactRemedy{Kind: r.Kind, Amount: r.Amount, Recovered: r.Recovered})
	}
	f.Paid = isPaid(c.Status)
	for _, v := range c.FollowUp.Visits {
		f.FollowUpAttempted = true
		if v.Reached {
			f.FollowUpReached = true
		}
	}
	return f
}

func isPaid(s data.Status) bool {
	for _, p := range data.PaidStatuses {
		if s == p {
			return true
		}
	}
	return false
}

// clockFact reduces a clock. A stopped clock's used time is its target
// minus the (signed) time it had left when it stopped: Target − (Due − MetAt)
// in its own time, or Target − Remaining when it stopped while paused.
func clockFact(c data.Clock, cal data.Calendar) FactClock {
	f := FactClock{Target: c.Target, Calendar: c.CalendarTime, Due: c.Due, MetAt: c.MetAt, Paused: !c.PausedAt.IsZero() && c.MetAt.IsZero()}
	if c.Target <= 0 {
		return FactClock{}
	}
	switch {
	case !c.MetAt.IsZero() && !c.PausedAt.IsZero():
		f.Used = c.Target - c.Remaining
		f.Late = c.Remaining < 0
		if c.Remaining > 0 {
			if c.CalendarTime {
				f.Due = c.MetAt.Add(c.Remaining)
			} else {
				f.Due = cal.Add(c.MetAt, c.Remaining)
			}
		}
	case !c.MetAt.IsZero():
		left := c.Due.Sub(c.MetAt)
		if !c.CalendarTime {
			left = cal.Between(c.MetAt, c.Due)
		}
		f.Used = c.Target - left
		f.Late = c.MetAt.After(c.Due)
	case !c.PausedAt.IsZero():
		f.Late = c.Remaining < 0
	}
	if f.Used < 0 {
		f.Used = 0
	}
	return f
}

// In returns the fact with its times in loc (the agency's zone), for output.
func (f Fact) In(loc *time.Location) Fact {
	in := func(t *time.Time) {
		if !t.IsZero() {
			*t = t.In(loc)
		}
	}
	for _, t := range []*time.Time{&f.Received, &f.FinishedAt, &f.ResolvedAt, &f.ClosedAt,
		&f.First.Due, &f.First.MetAt, &f.Resolution.Due, &f.Resolution.MetAt} {
		in(t)
	}
	return f
}
