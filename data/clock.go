package data

import (
	"strconv"
	"time"
)

// Clock is one deadline clock (first response, or resolution) of a case.
type Clock struct {
	Target       time.Duration `json:"target,omitzero"`        // 0 = no clock
	CalendarTime bool          `json:"calendar_time,omitzero"` // true: runs around the clock (urgent); false: business hours
	Started      time.Time     `json:"started,omitzero"`
	Due          time.Time     `json:"due,omitzero"`       // meaningful while running (not paused)
	SoonAt       time.Time     `json:"soon_at,omitzero"`   // when 80 % of Target has elapsed; "due soon" from then on
	PausedAt     time.Time     `json:"paused_at,omitzero"` // non-zero while paused
	Remaining    time.Duration `json:"remaining,omitzero"` // time left (may be negative) when paused
	MetAt        time.Time     `json:"met_at,omitzero"`    // non-zero once stopped (responded / resolved)
}

// ClockState is what the case list shows for a clock.
type ClockState int

const (
	ClockNone ClockState = iota
	ClockOnTrack
	ClockDueSoon
	ClockOverdue
	ClockPaused
	ClockMet
	ClockMetLate
)

var clockStateNames = [...]string{"none", "on_track", "due_soon", "overdue", "paused", "met", "met_late"}

func (s ClockState) String() string {
	if s >= 0 && int(s) < len(clockStateNames) {
		return clockStateNames[s]
	}
	return "ClockState(" + strconv.Itoa(int(s)) + ")"
}

// StartClock starts a clock at start. Business clocks (calendarTime false)
// count only cal's business hours; a target <= 0 gives a clock that never runs.
func StartClock(start time.Time, target time.Duration, calendarTime bool, cal Calendar) Clock {
	start = start.Round(0) // a monotonic reading would not survive storage anyway
	c := Clock{CalendarTime: calendarTime, Started: start}
	if target <= 0 {
		return c
	}
	c.Target = target
	c.Due = c.add(cal, start, target)
	c.SoonAt = c.add(cal, start, target-c.soonMargin())
	return c
}

// Pause stops the clock from counting while the case waits on someone else.
func (c *Clock) Pause(at time.Time, cal Calendar) {
	if c.Target <= 0 || !c.PausedAt.IsZero() || !c.MetAt.IsZero() || at.IsZero() {
		return
	}
	at = at.Round(0)
	c.Remaining = c.between(cal, at, c.Due)
	c.PausedAt = at
}

// Resume continues a paused clock from at with the time it had left, so a
// business clock paused on Friday evening and resumed on Monday morning loses nothing.
func (c *Clock) Resume(at time.Time, cal Calendar) {
	if c.PausedAt.IsZero() || !c.MetAt.IsZero() { // a stopped clock keeps its record
		return
	}
	at = at.Round(0)
	// A clock that was already late stays late by the same amount.
	c.Due = c.add(cal, at, c.Remaining)
	if soon := c.Remaining - c.soonMargin(); soon > 0 {
		c.SoonAt = c.add(cal, at, soon)
	} else {
		c.SoonAt = at
	}
	c.PausedAt = time.Time{}
	c.Remaining = 0
}

// Stop records when the clock was met; the first call wins.
func (c *Clock) Stop(at time.Time) {
	if c.MetAt.IsZero() {
		c.MetAt = at.Round(0)
	}
}

// State classifies the clock at now with comparisons only, so the case list
// can evaluate it for every case cheaply.
func (c Clock) State(now time.Time) ClockState {
	switch {
	case c.Target <= 0:
		return ClockNone
	case !c.MetAt.IsZero():
		late := c.MetAt.After(c.Due)
		if !c.PausedAt.IsZero() { // stopped while paused: Due is stale, Remaining tells
			late = c.Remaining < 0
		}
		if late {
			return ClockMetLate
		}
		return ClockMet
	case !c.PausedAt.IsZero():
		return ClockPaused
	case !now.Before(c.Due):
		return ClockOverdue
	case !now.Before(c.SoonAt):
		return ClockDueSoon
	}
	return ClockOnTrack
}

// Running reports whether the clock is counting down now.
func (c Clock) Running() bool {
	return c.Target > 0 && c.PausedAt.IsZero() && c.MetAt.IsZero()
}

// soonMargin is the last 20 % of the target, the "due soon" window.
func (c Clock) soonMargin() time.Duration { return c.Target / 5 }

func (c Clock) add(cal Calendar, t time.Time, d time.Duration) time.Time {
	if c.CalendarTime {
		return t.Add(d)
	}
	return cal.shift(t, d)
}

func (c Clock) between(cal Calendar, a, b time.Time) time.Duration {
	if c.CalendarTime {
		return b.Sub(a)
	}
	return cal.Between(a, b)
}
