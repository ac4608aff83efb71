package data

import (
	"encoding/json"
	"testing"
	"time"
)

func TestClockStateString(t *testing.T) {
	want := []string{"none", "on_track", "due_soon", "overdue", "paused", "met", "met_late"}
	for i, w := range want {
		if got := ClockState(i).String(); got != w {
			t.Errorf("ClockState(%d) = %q, want %q", i, got, w)
		}
	}
	if got := ClockState(99).String(); got != "ClockState(99)" {
		t.Errorf("unknown state = %q", got)
	}
}

func TestStartClock(t *testing.T) {
	cal := DefaultCalendar()
	tests := []struct {
		name     string
		start    string
		target   time.Duration
		calendar bool
		due      string
		soon     string
	}{
		// 80 % of 1 h is 48 min.
		{"urgent first response", "2026-03-06 17:30", time.Hour, true, "2026-03-06 18:30", "2026-03-06 18:18"},
		// Calendar time ignores the weekend and National Day.
		{"urgent over weekend", "2026-03-06 17:00", 24 * time.Hour, true, "2026-03-07 17:00", "2026-03-07 12:12"},
		{"urgent on holiday", "2026-10-01 10:00", 24 * time.Hour, true, "2026-10-02 10:00", "2026-10-02 05:12"},
		// Business: Fri 1 h, Mon 9 h, Tue 9 h = 19 h; 80 % (19.2 h) is Wed 09:12; 24 h is Wed 14:00.
		{"normal from friday", "2026-03-06 17:00", 24 * time.Hour, false, "2026-03-11 14:00", "2026-03-11 09:12"},
		{"normal over national day", "2026-09-30 10:00", 24 * time.Hour, false, "2026-10-09 16:00", "2026-10-09 11:12"},
		{"low from saturday", "2026-03-07 10:00", 72 * time.Hour, false, "2026-03-18 18:00", "2026-03-17 12:36"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := StartClock(shAt(t, tt.start), tt.target, tt.calendar, cal)
			if !c.Due.Equal(shAt(t, tt.due)) {
				t.Errorf("Due = %s, want %s", c.Due.In(shanghai).Format(time.DateTime), tt.due)
			}
			if !c.SoonAt.Equal(shAt(t, tt.soon)) {
				t.Errorf("SoonAt = %s, want %s", c.SoonAt.In(shanghai).Format(time.DateTime), tt.soon)
			}
			if !c.Running() || c.Target != tt.target || c.CalendarTime != tt.calendar {
				t.Errorf("clock = %+v", c)
			}
		})
	}
}

func TestClockNoTarget(t *testing.T) {
	c := StartClock(shAt(t, "2026-03-02 10:00"), 0, false, DefaultCalendar())
	c.Pause(shAt(t, "2026-03-02 11:00"), DefaultCalendar())
	if c.Running() || !c.PausedAt.IsZero() {
		t.Errorf("a clock without target must not run or pause: %+v", c)
	}
	if s := c.State(shAt(t, "2030-01-01 00:00")); s != ClockNone {
		t.Errorf("State = %s, want none", s)
	}
}

func TestClockStateTransitions(t *testing.T) {
	cal := DefaultCalendar()
	c := StartClock(shAt(t, "2026-03-02 10:00"), time.Hour, true, cal)
	tests := []struct {
		now  time.Time
		want ClockState
	}{
		{shAt(t, "2026-03-02 10:00"), ClockOnTrack},
		{shAt(t, "2026-03-02 10:48").Add(-time.Nanosecond), ClockOnTrack},
		{shAt(t, "2026-03-02 10:48"), ClockDueSoon}, // 80 %
		{shAt(t, "2026-03-02 11:00").Add(-time.Nanosecond), ClockDueSoon},
		{shAt(t, "2026-03-02 11:00"), ClockOverdue}, // 100 %
		{shAt(t, "2026-03-05 11:00"), ClockOverdue},
	}
	for _, tt := range tests {
		if got := c.State(tt.now); got != tt.want {
			t.Errorf("State(%s) = %s, want %s", tt.now.Format(time.DateTime), got, tt.want)
		}
	}

	// A business clock is due soon at 80 % of business time, not of wall time.
	b := StartClock(shAt(t, "2026-03-06 17:00"), 24*time.Hour, false, cal)
	for now, want := range map[string]ClockState{
		"2026-03-09 18:00": ClockOnTrack, // 10 h of 24
		"2026-03-11 09:11": ClockOnTrack,
		"2026-03-11 09:12": ClockDueSoon,
		"2026-03-11 14:00": ClockOverdue,
	} {
		if got := b.State(shAt(t, now)); got != want {
			t.Errorf("business State(%s) = %s, want %s", now, got, want)
		}
	}
}

func TestClockStop(t *testing.T) {
	cal := DefaultCalendar()
	c := StartClock(shAt(t, "2026-03-02 10:00"), time.Hour, true, cal)
	c.Stop(shAt(t, "2026-03-02 10:30"))
	c.Stop(shAt(t, "2026-03-02 12:00")) // the first call wins
	if !c.MetAt.Equal(shAt(t, "2026-03-02 10:30")) {
		t.Errorf("MetAt = %s", c.MetAt)
	}
	if c.Running() {
		t.Error("a stopped clock must not run")
	}
	if s := c.State(shAt(t, "2026-03-09 00:00")); s != ClockMet {
		t.Errorf("State = %s, want met", s)
	}
	c.Pause(shAt(t, "2026-03-02 11:00"), cal)
	if !c.PausedAt.IsZero() {
		t.Error("a stopped clock must not pause")
	}

	late := StartClock(shAt(t, "2026-03-02 10:00"), time.Hour, true, cal)
	late.Stop(shAt(t, "2026-03-02 11:01"))
	if s := late.State(shAt(t, "2026-03-02 11:02")); s != ClockMetLate {
		t.Errorf("State = %s, want met_late", s)
	}
	onTheDot := StartClock(shAt(t, "2026-03-02 10:00"), time.Hour, true, cal)
	onTheDot.Stop(shAt(t, "2026-03-02 11:00"))
	if s := onTheDot.State(shAt(t, "2026-03-02 12:00")); s != ClockMet {
		t.Errorf("met exactly at Due: State = %s, want met", s)
	}
}

func TestClockPauseResume(t *testing.T) {
	cal := DefaultCalendar()
	// Wed 13:00 + 24 business hours: Wed 5, Thu 9, Fri 9, Mon 1 → Mon 10:00.
	c := StartClock(shAt(t, "2026-03-04 13:00"), 24*time.Hour, false, cal)
	if !c.Due.Equal(shAt(t, "2026-03-09 10:00")) {
		t.Fatalf("Due = %s", c.Due)
	}
	c.Pause(shAt(t, "2026-03-06 17:00"), cal)
	if c.Remaining != 2*time.Hour {
		t.Errorf("Remaining = %s, want 2h", c.Remaining)
	}
	if c.Running() {
		t.Error("a paused clock must not run")
	}
	// Never overdue while paused, however long.
	for _, now := range []string{"2026-03-09 10:00", "2026-03-09 12:00", "2026-04-30 12:00"} {
		if s := c.State(shAt(t, now)); s != ClockPaused {
			t.Errorf("State(%s) = %s, want paused", now, s)
		}
	}
	paused := c
	c.Pause(shAt(t, "2026-03-07 10:00"), cal) // a second pause changes nothing
	if c != paused {
		t.Errorf("second Pause changed the clock: %+v", c)
	}

	c.Resume(shAt(t, "2026-03-09 09:00"), cal)
	if !c.Due.Equal(shAt(t, "2026-03-09 11:00")) {
		t.Errorf("Due after resume = %s, want Monday 11:00", c.Due.In(shanghai))
	}
	// 2 h left is inside the last 20 % (4.8 h): due soon at once.
	if !c.SoonAt.Equal(shAt(t, "2026-03-09 09:00")) {
		t.Errorf("SoonAt after resume = %s", c.SoonAt.In(shanghai))
	}
	if !c.PausedAt.IsZero() || !c.Running() {
		t.Errorf("clock after resume = %+v", c)
	}
	if s := c.State(shAt(t, "2026-03-09 10:59")); s != ClockDueSoon {
		t.Errorf("State = %s, want due_soon", s)
	}
	if s := c.State(shAt(t, "2026-03-09 11:00")); s != ClockOverdue {
		t.Errorf("State = %s, want overdue", s)
	}
	resumed := c
	c.Resume(shAt(t, "2026-03-10 09:00"), cal) // not paused: no-op
	if c != resumed {
		t.Errorf("Resume on a running clock changed it: %+v", c)
	}
}

func TestClockPauseEarlyKeepsSoonWindow(t *testing.T) {
	cal := DefaultCalendar()
	// 72 business hours from Mon 09:00; paused after 9 h, resumed a week later.
	c := StartClock(shAt(t, "2026-03-02 09:00"), 72*time.Hour, false, cal)
	c.Pause(shAt(t, "2026-03-02 18:00"), cal)
	if c.Remaining != 63*time.Hour {
		t.Fatalf("Remaining = %s", c.Remaining)
	}
	c.Resume(shAt(t, "2026-03-09 09:00"), cal)
	// 63 h = 7 days of 9 h → Tue 03-17 18:00; soon after 63−14.4 = 48.6 h → Mon 03-16 12:36.
	if !c.Due.Equal(shAt(t, "2026-03-17 18:00")) {
		t.Errorf("Due = %s", c.Due.In(shanghai))
	}
	if !c.SoonAt.Equal(shAt(t, "2026-03-16 12:36")) {
		t.Errorf("SoonAt = %s", c.SoonAt.In(shanghai))
	}
}

func TestClockPausedWhileOverdue(t *testing.T) {
	cal := DefaultCalendar()
	c := StartClock(shAt(t, "2026-03-02 10:00"), 2*time.Hour, false, cal) // due 12:00
	c.Pause(shAt(t, "2026-03-02 15:00"), cal)
	if c.Remaining != -3*time.Hour {
		t.Fatalf("Remaining = %s, want -3h", c.Remaining)
	}
	if s := c.State(shAt(t, "2026-03-02 16:00")); s != ClockPaused {
		t.Errorf("State = %s, want paused", s)
	}
	// Resumed Tuesday 10:00 it is still 3 business hours late: due Monday 16:00.
	c.Resume(shAt(t, "2026-03-03 10:00"), cal)
	if !c.Due.Equal(shAt(t, "2026-03-02 16:00")) {
		t.Errorf("Due = %s", c.Due.In(shanghai))
	}
	if s := c.State(shAt(t, "2026-03-03 10:00")); s != ClockOverdue {
		t.Errorf("State = %s, want overdue", s)
	}

	// Stopped while paused: late or not is decided by Remaining.
	late := StartClock(shAt(t, "2026-03-02 10:00"), 2*time.Hour, true, cal)
	late.Pause(shAt(t, "2026-03-02 13:00"), cal)
	late.Stop(shAt(t, "2026-03-02 14:00"))
	if s := late.State(shAt(t, "2026-03-02 14:00")); s != ClockMetLate {
		t.Errorf("State = %s, want met_late", s)
	}
	onTime := StartClock(shAt(t, "2026-03-02 10:00"), 2*time.Hour, true, cal)
	onTime.Pause(shAt(t, "2026-03-02 11:00"), cal)
	onTime.Stop(shAt(t, "2026-03-09 14:00")) // long after Due, but the wait was the customer's
	if s := onTime.State(shAt(t, "2026-03-09 14:00")); s != ClockMet {
		t.Errorf("State = %s, want met", s)
	}
}

func TestClockUrgentIgnoresCalendar(t *testing.T) {
	cal := DefaultCalendar()
	c := StartClock(shAt(t, "2026-10-01 20:00"), 24*time.Hour, true, cal)
	c.Pause(shAt(t, "2026-10-02 08:00"), cal) // 12 h left
	c.Resume(shAt(t, "2026-10-03 22:00"), cal)
	if !c.Due.Equal(shAt(t, "2026-10-04 10:00")) {
		t.Errorf("Due = %s, want 2026-10-04 10:00", c.Due.In(shanghai))
	}
}

func TestClockJSONRoundTrip(t *testing.T) {
	cal := DefaultCalendar()
	c := StartClock(time.Now(), 24*time.Hour, false, cal)
	c.Pause(time.Now().Add(time.Hour), cal)
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var back Clock
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Started.Equal(c.Started) || !back.Due.Equal(c.Due) || !back.SoonAt.Equal(c.SoonAt) ||
		!back.PausedAt.Equal(c.PausedAt) || back.Remaining != c.Remaining || back.Target != c.Target {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, c)
	}
}

func TestResumeLeavesAStoppedClockAlone(t *testing.T) {
	cal := DefaultCalendar()
	start := time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)
	c := StartClock(start, time.Hour, true, cal)
	c.Pause(start.Add(2*time.Hour), cal) // an hour late when the wait starts
	c.Stop(start.Add(2*time.Hour + 10*time.Minute))
	before := c
	c.Resume(start.Add(5*time.Hour), cal)
	if c != before || c.State(start.Add(6*time.Hour)) != ClockMetLate {
		t.Fatalf("resume rewrote a stopped clock: %+v → %+v (%s)", before, c, c.State(start.Add(6*time.Hour)))
	}
}
