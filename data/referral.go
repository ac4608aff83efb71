package data

import (
	"slices"
	"strings"
	"time"
)

// A regulator's referral: the 12345 hotline or the culture and tourism
// bureau (文化和旅游局) forwards a complaint and expects the agency's written
// reply (书面答复) within a number of days of its notice. That reply is the
// case's third clock, beside first response and resolution.

// ReferralSource is who referred the case.
type ReferralSource string

const (
	ReferralHotline ReferralSource = "hotline12345" // the 12345 government hotline
	ReferralBureau  ReferralSource = "bureau"       // the culture and tourism bureau
)

// ReferralSources lists the sources in display order.
var ReferralSources = []ReferralSource{ReferralHotline, ReferralBureau}

// EventReferral records a referral: Args source, number, day (the notice
// date); Old: the previous "source number day" when it was corrected.
const EventReferral EventType = "referral"

// Keys of an EventReferral's Args.
const (
	ArgSource = "source" // a ReferralSource
	ArgNumber = "number" // the regulator's reference number
	ArgDay    = "day"    // a YYYY-MM-DD date
)

// DefaultReferralReplyDays is how many calendar days after its notice the
// regulator expects the written reply, unless Settings say otherwise.
const DefaultReferralReplyDays = 10

// MaxReferralReplyDays bounds the setting.
const MaxReferralReplyDays = 90

// RegulatorWindowDays: a complaint made more than this many days after the
// trip ended may be declined by the regulator (Casebook flags, never refuses).
const RegulatorWindowDays = 90

// ReferralSettings are the agency's settings for referrals.
type ReferralSettings struct {
	ReplyDays int `json:"reply_days,omitzero"` // 0: DefaultReferralReplyDays
}

// Days is the reply period in calendar days.
func (r ReferralSettings) Days() int {
	if r.ReplyDays <= 0 {
		return DefaultReferralReplyDays
	}
	return min(r.ReplyDays, MaxReferralReplyDays)
}

// Referral is a case's referral by a regulator.
type Referral struct {
	Source ReferralSource `json:"source,omitzero"`
	Number string         `json:"number,omitzero"` // the regulator's reference
	Notice string         `json:"notice,omitzero"` // YYYY-MM-DD, the date of the regulator's notice
	Reply  Clock          `json:"reply,omitzero"`  // the written reply; stopped when the bureau letter is issued
}

// Recorded reports whether the case was referred.
func (r Referral) Recorded() bool { return r.Source != "" }

// ReferralInput is what staff record.
type ReferralInput struct {
	Source ReferralSource
	Number string
	Notice string // YYYY-MM-DD
}

// Normalize cleans and checks the input.
func (in *ReferralInput) Normalize(now time.Time) error {
	in.Number = CleanText("referral_number", in.Number)
	in.Notice = strings.TrimSpace(halfWidth(in.Notice))
	if !slices.Contains(ReferralSources, in.Source) {
		return fieldErr("referral_source", "unknown referral source %q", in.Source)
	}
	if in.Number == "" {
		return fieldErr("referral_number", "the referral number is required")
	}
	if err := CheckText("referral_number", in.Number); err != nil {
		return err
	}
	if in.Notice == "" {
		return fieldErr("referral_notice", "the notice date is required")
	}
	if err := CheckDay("referral_notice", in.Notice, time.Time{}); err != nil {
		return err
	}
	if d, _ := time.Parse(time.DateOnly, in.Notice); !now.IsZero() && d.After(now.Add(24*time.Hour)) {
		return fieldErr("referral_notice", "the notice date is in the future")
	}
	return nil
}

// ReferralReplyClock is the reply clock for a notice date: calendar time,
// due at the end (23:59) of the day reply days after the notice, in the
// agency's zone.
func ReferralReplyClock(notice string, st Settings) Clock {
	d, err := time.Parse(time.DateOnly, notice)
	if err != nil {
		return Clock{}
	}
	loc := st.Calendar.Zone()
	start := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	target := time.Duration(st.Referral.Days()+1)*24*time.Hour - time.Minute
	return StartClock(start, target, true, st.Calendar)
}

// RecordReferral records (or corrects) the case's referral and starts its
// reply clock; a reply already sent keeps its clock stopped.
func (c *Case) RecordReferral(in ReferralInput, st Settings, by string, now time.Time) error {
	if c.Status == StatusClosed {
		return &ClosedError{Number: c.Number}
	}
	old := c.Referral
	if old.Source == in.Source && old.Number == in.Number && old.Notice == in.Notice {
		return nil
	}
	r := Referral{Source: in.Source, Number: in.Number, Notice: in.Notice, Reply: ReferralReplyClock(in.Notice, st)}
	if !old.Reply.MetAt.IsZero() {
		r.Reply.Stop(old.Reply.MetAt)
	}
	c.Referral = r
	ev := Event{At: now, By: by, Type: EventReferral,
		Args: map[string]string{ArgSource: string(in.Source), ArgNumber: in.Number, ArgDay: in.Notice}}
	if old.Recorded() {
		ev.Old = strings.Join([]string{string(old.Source), old.Number, old.Notice}, " ")
	}
	c.Timeline = append(c.Timeline, ev)
	return nil
}

// replySent stops the reply clock: the bureau letter was issued.
func (c *Case) replySent(at time.Time) {
	if c.Referral.Recorded() && c.Referral.Reply.MetAt.IsZero() {
		c.Referral.Reply.Stop(at)
	}
}

// DaysAfterTrip is how many days after the trip ended the case was received
// (dates in the agency's zone); ok is false when the trip end is unknown.
func (c *Case) DaysAfterTrip(loc *time.Location) (int, bool) {
	end, err := time.ParseInLocation(time.DateOnly, c.Booking.TripEnd, loc)
	if err != nil || c.ReceivedAt.IsZero() {
		return 0, false
	}
	r := c.ReceivedAt.In(loc)
	got := time.Date(r.Year(), r.Month(), r.Day(), 0, 0, 0, 0, loc)
	return int(got.Sub(end).Hours()/24 + 0.5), true
}

// LateForRegulator reports a complaint received more than
// RegulatorWindowDays after the trip ended, and by how many days after.
func (c *Case) LateForRegulator(loc *time.Location) (int, bool) {
	d, ok := c.DaysAfterTrip(loc)
	return d, ok && d > RegulatorWindowDays
}

// addReferral puts a running reply clock into Today's referral section.
func (c *todayCollector) addReferral(r *Row) {
	if !r.Referral.Running() {
		return
	}
	c.add(r, r.Referral.Due, time.Time{})
}
