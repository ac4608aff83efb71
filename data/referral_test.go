package data

import (
	"errors"
	"testing"
	"time"
)

func TestReferralReplyClock(t *testing.T) {
	st := DefaultSettings()
	loc := st.Calendar.Zone()
	c := &Case{Number: "A-1", Status: StatusInvestigating}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, loc)
	in := ReferralInput{Source: ReferralHotline, Number: " 12345-2026-0088 ", Notice: "2026-03-01"}
	if err := in.Normalize(now); err != nil {
		t.Fatal(err)
	}
	if err := c.RecordReferral(in, st, "王芳", now); err != nil {
		t.Fatal(err)
	}
	if c.Referral.Number != "12345-2026-0088" {
		t.Errorf("number %q", c.Referral.Number)
	}
	// 10 calendar days after 1 March: due by the end of 11 March.
	want := time.Date(2026, 3, 11, 23, 59, 0, 0, loc)
	if !c.Referral.Reply.Due.Equal(want) {
		t.Errorf("due %v, want %v", c.Referral.Reply.Due.In(loc), want)
	}
	for _, tc := range []struct {
		at   time.Time
		want ClockState
	}{
		{time.Date(2026, 3, 5, 12, 0, 0, 0, loc), ClockOnTrack},
		{time.Date(2026, 3, 10, 12, 0, 0, 0, loc), ClockDueSoon},
		{time.Date(2026, 3, 11, 23, 58, 0, 0, loc), ClockDueSoon},
		{time.Date(2026, 3, 12, 0, 0, 0, 0, loc), ClockOverdue},
	} {
		if got := c.Referral.Reply.State(tc.at); got != tc.want {
			t.Errorf("at %v: %v, want %v", tc.at, got, tc.want)
		}
	}
	if ev := c.Timeline[len(c.Timeline)-1]; ev.Type != EventReferral || ev.Arg(ArgNumber) != "12345-2026-0088" || ev.Arg(ArgDay) != "2026-03-01" {
		t.Errorf("event %+v", ev)
	}
	// The reply setting changes the period.
	st.Referral.ReplyDays = 5
	if cl := ReferralReplyClock("2026-03-01", st); !cl.Due.Equal(time.Date(2026, 3, 6, 23, 59, 0, 0, loc)) {
		t.Errorf("5 days: due %v", cl.Due.In(loc))
	}

	// Issuing the bureau letter stops the clock: done, on time.
	if err := c.LetterReadiness(LetterBureau); err == nil {
		t.Error("a bureau letter without findings")
	}
	c.Facts = "导游在行程第三天安排了两次未约定的购物。"
	if err := c.LetterReadiness(LetterBureau); err != nil {
		t.Fatal(err)
	}
	sent := time.Date(2026, 3, 9, 15, 0, 0, 0, loc)
	c.AddLetter(Letter{Type: LetterBureau, Language: "zh-Hans", IssuedAt: sent})
	if got := c.Referral.Reply.State(time.Date(2026, 3, 20, 0, 0, 0, 0, loc)); got != ClockMet {
		t.Errorf("after the letter: %v, want met", got)
	}
	// Overdue, then sent late.
	late := &Case{Status: StatusInvestigating, Facts: "x"}
	_ = late.RecordReferral(in, DefaultSettings(), "王芳", now)
	late.AddLetter(Letter{Type: LetterBureau, IssuedAt: time.Date(2026, 3, 13, 9, 0, 0, 0, loc)})
	if got := late.Referral.Reply.State(time.Date(2026, 3, 20, 0, 0, 0, 0, loc)); got != ClockMetLate {
		t.Errorf("late letter: %v, want met late", got)
	}
	// A correction keeps the clock stopped.
	in2 := in
	in2.Number = "12345-2026-0089"
	if err := c.RecordReferral(in2, DefaultSettings(), "王芳", now); err != nil {
		t.Fatal(err)
	}
	if c.Referral.Reply.Running() || c.Timeline[len(c.Timeline)-1].Old == "" {
		t.Error("a corrected referral restarted the sent reply or lost the old value")
	}
}

func TestReferralInputChecked(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var fe *FieldError
	for _, in := range []ReferralInput{
		{Source: "tv", Number: "1", Notice: "2026-03-01"},
		{Source: ReferralBureau, Number: "", Notice: "2026-03-01"},
		{Source: ReferralBureau, Number: "1", Notice: "3/1/2026"},
		{Source: ReferralBureau, Number: "1", Notice: "2026-04-01"},
	} {
		if err := in.Normalize(now); !errors.As(err, &fe) {
			t.Errorf("%+v: %v", in, err)
		}
	}
}

func TestLateForRegulator(t *testing.T) {
	loc := DefaultSettings().Calendar.Zone()
	c := &Case{Booking: Booking{TripEnd: "2026-01-01"}}
	for _, tc := range []struct {
		received time.Time
		days     int
		late     bool
	}{
		{time.Date(2026, 4, 1, 23, 30, 0, 0, loc), 90, false},
		{time.Date(2026, 4, 2, 0, 10, 0, 0, loc), 91, true},
		{time.Date(2026, 1, 1, 16, 30, 0, 0, time.UTC), 1, false}, // 2 January 00:30 in Beijing
	} {
		c.ReceivedAt = tc.received
		d, late := c.LateForRegulator(loc)
		if d != tc.days || late != tc.late {
			t.Errorf("received %v: %d days, late %v; want %d, %v", tc.received, d, late, tc.days, tc.late)
		}
	}
	c.Booking.TripEnd = ""
	if _, late := c.LateForRegulator(loc); late {
		t.Error("flagged without a trip end")
	}
}

func TestRowKeepsReferralClock(t *testing.T) {
	st := DefaultSettings()
	c := &Case{ID: 1, Number: "A-1", Status: StatusInvestigating}
	_ = c.RecordReferral(ReferralInput{Source: ReferralBureau, Number: "文旅-7", Notice: "2026-03-01"}, st, "x", time.Now())
	r, err := DecodeRow(EncodeRow(RowOf(c)))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Referral.Due.Equal(c.Referral.Reply.Due) {
		t.Errorf("row referral %v, want %v", r.Referral.Due, c.Referral.Reply.Due)
	}
	today := ComputeToday([]*Row{r}, st, "", RoleSupervisor, 0, time.Now())
	if today.BureauReplies.Count != 1 {
		t.Errorf("Today has %d bureau replies", today.BureauReplies.Count)
	}
}
