package data

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Return visits (回访): after a case is resolved the agency contacts the
// customer within N working days, records every attempt, the rating and the
// remarks, and only then closes the case (or a supervisor closes it without
// a follow-up, with a reason).

// FollowUpChannel is how the customer was contacted at follow-up.
type FollowUpChannel string

const (
	FollowUpPhone  FollowUpChannel = "phone"
	FollowUpEmail  FollowUpChannel = "email"
	FollowUpWeChat FollowUpChannel = "wechat"
	FollowUpSMS    FollowUpChannel = "sms"
	FollowUpVisit  FollowUpChannel = "visit" // in person
)

// FollowUpChannels lists every follow-up channel in display order.
var FollowUpChannels = []FollowUpChannel{FollowUpPhone, FollowUpEmail, FollowUpWeChat, FollowUpSMS, FollowUpVisit}

// Defaults and bounds of the follow-up settings.
const (
	DefaultFollowUpDays     = 3 // the number the closure letter quotes
	DefaultFollowUpAttempts = 3
	MaxFollowUpDays         = 60
	MaxFollowUpAttempts     = 20
)

// FollowUpSettings are the agency's follow-up rules; zero values are the defaults.
type FollowUpSettings struct {
	DueWorkingDays int `json:"due_working_days,omitzero"` // 0: DefaultFollowUpDays
	MaxAttempts    int `json:"max_attempts,omitzero"`     // 0: DefaultFollowUpAttempts
}

// Days is the number of working days after resolving within which the follow-up is due.
func (f FollowUpSettings) Days() int {
	if f.DueWorkingDays <= 0 {
		return DefaultFollowUpDays
	}
	return min(f.DueWorkingDays, MaxFollowUpDays)
}

// Attempts is the number of unreached attempts after which the follow-up may be closed as unreachable.
func (f FollowUpSettings) Attempts() int {
	if f.MaxAttempts <= 0 {
		return DefaultFollowUpAttempts
	}
	return min(f.MaxAttempts, MaxFollowUpAttempts)
}

// Validate checks the bounds (0 is the default).
func (f FollowUpSettings) Validate() error {
	if f.DueWorkingDays < 0 || f.DueWorkingDays > MaxFollowUpDays {
		return fieldErr("followup.due_working_days", "%d is not from 1 to %d", f.DueWorkingDays, MaxFollowUpDays)
	}
	if f.MaxAttempts < 0 || f.MaxAttempts > MaxFollowUpAttempts {
		return fieldErr("followup.max_attempts", "%d is not from 1 to %d", f.MaxAttempts, MaxFollowUpAttempts)
	}
	return nil
}

// FollowUp is one return visit or attempt.
type FollowUp struct {
	At             time.Time       `json:"at"`               // when the customer was contacted (or the reply came)
	By             string          `json:"by,omitzero"`      // who contacted them ("" for a reply by mail)
	Channel        FollowUpChannel `json:"channel"`          //
	Reached        bool            `json:"reached,omitzero"` // false: an unreached attempt
	Rating         int             `json:"rating,omitzero"`  // 1–5, 0 when not given
	Reason         string          `json:"reason,omitzero"`  // why, required at a rating of 3 or below
	Remarks        string          `json:"remarks,omitzero"` // what the customer said
	AcceptsClosing bool            `json:"accepts_closing,omitzero"`
	MessageID      uint64          `json:"message_id,omitzero"` // the reply it was read from
	RecordedAt     time.Time       `json:"recorded_at"`
	RecordedBy     string          `json:"recorded_by,omitzero"`
}

// RatingCheck is a reply that may contain a rating: staff confirm or dismiss it.
type RatingCheck struct {
	MessageID uint64    `json:"message_id"`
	At        time.Time `json:"at"`
	Line      string    `json:"line"`             // the reply's first lines, for staff to judge
	Guess     int       `json:"guess,omitzero"`   // the rating it seems to give, 0 when unclear
	Remarks   string    `json:"remarks,omitzero"` // the rest of the reply
}

// FollowUpState is the case's follow-up: the current round (since it was
// last resolved) and every visit ever made.
type FollowUpState struct {
	ResolvedAt  time.Time     `json:"resolved_at,omitzero"` // start of the current round
	Visits      []FollowUp    `json:"visits,omitzero"`      // oldest first, all rounds
	Round       int           `json:"round,omitzero"`       // index in Visits where the current round starts
	Unreachable bool          `json:"unreachable,omitzero"` // the current round was closed as unreachable
	Waived      bool          `json:"waived,omitzero"`      // closed without follow-up by a supervisor
	Checks      []RatingCheck `json:"checks,omitzero"`      // replies waiting for confirmation
	UnhappySeen bool          `json:"unhappy_seen,omitzero"`
}

// Current is the current round's visits.
func (f FollowUpState) Current() []FollowUp {
	if f.Round > len(f.Visits) {
		return nil
	}
	return f.Visits[f.Round:]
}

// Done reports whether the current round has a follow-up: the customer was
// reached, or the follow-up was closed as unreachable.
func (f FollowUpState) Done() bool {
	return f.Unreachable || slices.ContainsFunc(f.Current(), func(v FollowUp) bool { return v.Reached })
}

// Attempts counts the current round's unreached attempts.
func (f FollowUpState) Attempts() int {
	n := 0
	for _, v := range f.Current() {
		if !v.Reached {
			n++
		}
	}
	return n
}

// HasMessage reports whether a reply was already read for a rating.
func (f FollowUpState) HasMessage(id uint64) bool {
	return id != 0 && (slices.ContainsFunc(f.Visits, func(v FollowUp) bool { return v.MessageID == id }) ||
		slices.ContainsFunc(f.Checks, func(c RatingCheck) bool { return c.MessageID == id }))
}

// FollowUpCode says why a follow-up step was refused.
type FollowUpCode string

const (
	FollowUpNeeded         FollowUpCode = "needed"       // closing a resolved case needs a follow-up first
	FollowUpNotStage       FollowUpCode = "not_stage"    // only a resolved or closed case is followed up
	FollowUpBadRating      FollowUpCode = "bad_rating"   // not 1–5
	FollowUpNeedReason     FollowUpCode = "need_reason"  // a rating of 3 or below needs a reason
	FollowUpBadChannel     FollowUpCode = "bad_channel"  // unknown channel
	FollowUpRatingUnmet    FollowUpCode = "rating_unmet" // a rating without reaching the customer
	FollowUpTooFew         FollowUpCode = "too_few"      // fewer unreached attempts than the setting
	FollowUpWaiveReason    FollowUpCode = "waive_reason" // closing without follow-up needs a reason
	FollowUpNoCheck        FollowUpCode = "no_check"     // no such reply waits for confirmation
	FollowUpAlreadyDone    FollowUpCode = "already_done" // the follow-up is recorded already
	FollowUpFuture         FollowUpCode = "future"       // the visit's time is in the future
	FollowUpNotUnhappy     FollowUpCode = "not_unhappy"  // nothing unhappy to acknowledge
	FollowUpNotResolvedYet FollowUpCode = "not_resolved" // closing without follow-up: only from resolved
)

// FollowUpError is a refused follow-up step; the interfaces translate it by Code.
type FollowUpError struct {
	Code     FollowUpCode
	Number   string
	Attempts int // too_few: made so far
	Needed   int // too_few: the setting
}

func (e *FollowUpError) Error() string {
	return fmt.Sprintf("case %s: follow-up: %s", e.Number, e.Code)
}

// Unwrap makes a missing follow-up a refused transition, and the rest invalid input.
func (e *FollowUpError) Unwrap() error {
	if e.Code == FollowUpNeeded || e.Code == FollowUpNotStage || e.Code == FollowUpNotResolvedYet {
		return ErrTransition
	}
	return ErrInvalid
}

// RatingNeedsReason reports whether a rating must come with a reason.
func RatingNeedsReason(rating int) bool { return rating >= 1 && rating <= 3 }

// FollowUpDue is the end of the nth working day after resolved, in the
// calendar: holidays are skipped and swapped working weekend days count.
func FollowUpDue(cal Calendar, resolved time.Time, n int) time.Time {
	r := cal.rules()
	d := dayOf(resolved, r.loc)
	for i := 0; i < n; {
		d = d.next()
		if r.working(d) {
			i++
		}
	}
	end := cal.DayEnd
	if end <= 0 {
		end = 18 * 60
	}
	return time.Date(d.y, d.m, d.d, end/60, end%60, 0, 0, r.loc)
}

// startFollowUp begins a round when the case is resolved.
func (c *Case) startFollowUp(now time.Time) {
	f := &c.FollowUp
	f.ResolvedAt = now
	f.Round = len(f.Visits)
	f.Unreachable, f.Waived, f.UnhappySeen = false, false, false
}

// followUpStage reports whether the case is at the follow-up stage.
func (c *Case) followUpStage() bool {
	return c.Status == StatusResolved || c.Status == StatusClosed
}

// NeedsFollowUp reports whether the case is resolved and its follow-up still open.
func (c *Case) NeedsFollowUp() bool {
	return c.Status == StatusResolved && !c.FollowUp.Done() && !c.FollowUp.Waived
}

// checkClose is the closing rule: a resolved case closes once it has a
// follow-up (or a supervisor waived it). Cases closed before follow-ups
// existed stay as they are: the rule applies only to the move.
func (c *Case) checkClose(from, to Status) error {
	if from == StatusResolved && to == StatusClosed && !c.FollowUp.Done() && !c.FollowUp.Waived {
		return &FollowUpError{Code: FollowUpNeeded, Number: c.Number}
	}
	return nil
}

// RecordFollowUp records a visit or an attempt on a resolved or closed case.
// A rating sets the case's satisfaction (the latest one counts).
func (c *Case) RecordFollowUp(st Settings, v FollowUp, by string, now time.Time) error {
	if !c.followUpStage() {
		return &FollowUpError{Code: FollowUpNotStage, Number: c.Number}
	}
	if !slices.Contains(FollowUpChannels, v.Channel) {
		return &FollowUpError{Code: FollowUpBadChannel, Number: c.Number}
	}
	if v.Rating < 0 || v.Rating > 5 {
		return &FollowUpError{Code: FollowUpBadRating, Number: c.Number}
	}
	if v.Rating > 0 && !v.Reached {
		return &FollowUpError{Code: FollowUpRatingUnmet, Number: c.Number}
	}
	v.Reason, v.Remarks = CleanText("reason", v.Reason), CleanText("note", v.Remarks)
	if RatingNeedsReason(v.Rating) && v.Reason == "" && v.MessageID == 0 { // a reply is taken as it came
		return &FollowUpError{Code: FollowUpNeedReason, Number: c.Number}
	}
	if err := CheckText("reason", v.Reason); err != nil {
		return err
	}
	if err := CheckText("note", v.Remarks); err != nil {
		return err
	}
	if v.At.IsZero() {
		v.At = now
	}
	if v.At.After(now.Add(5 * time.Minute)) {
		return &FollowUpError{Code: FollowUpFuture, Number: c.Number}
	}
	if !v.Reached {
		v.AcceptsClosing = false
	}
	v.RecordedAt, v.RecordedBy = now, by
	if v.By == "" && v.MessageID == 0 {
		v.By = by
	}
	c.FollowUp.Visits = append(slices.Clone(c.FollowUp.Visits), v)
	args := map[string]string{ArgChannel: string(v.Channel), ArgReached: strconv.FormatBool(v.Reached)}
	if v.Rating > 0 {
		args[ArgRating] = strconv.Itoa(v.Rating)
		c.Satisfaction = Satisfaction{Rating: v.Rating, Reason: v.Reason}
		c.FollowUp.UnhappySeen = false
	}
	if v.AcceptsClosing {
		args[ArgAccepts] = "yes"
	}
	if v.MessageID != 0 {
		args[ArgMessage] = strconv.FormatUint(v.MessageID, 10)
	}
	note := v.Remarks
	if v.Reason != "" && v.Remarks != "" && v.Reason != v.Remarks {
		note = v.Reason + " / " + v.Remarks
	} else if v.Reason != "" {
		note = v.Reason
	}
	c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventFollowUp, Args: args, Note: note})
	return nil
}

// CloseFollowUpUnreachable ends the current round as unreachable once the
// setting's number of unreached attempts was made.
func (c *Case) CloseFollowUpUnreachable(st Settings, by, note string, now time.Time) error {
	if c.Status != StatusResolved {
		return &FollowUpError{Code: FollowUpNotStage, Number: c.Number}
	}
	if c.FollowUp.Done() {
		return &FollowUpError{Code: FollowUpAlreadyDone, Number: c.Number}
	}
	n, need := c.FollowUp.Attempts(), st.FollowUps.Attempts()
	if n < need {
		return &FollowUpError{Code: FollowUpTooFew, Number: c.Number, Attempts: n, Needed: need}
	}
	note = CleanText("note", note)
	if err := CheckText("note", note); err != nil {
		return err
	}
	c.FollowUp.Unreachable = true
	c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventFollowUpUnreachable,
		Args: map[string]string{ArgCount: strconv.Itoa(n)}, Note: note})
	return nil
}

// CloseWithoutFollowUp closes a resolved case whose follow-up was not made,
// with the reason on the timeline (a supervisor's decision, checked above).
func (c *Case) CloseWithoutFollowUp(st Settings, by, reason string, now time.Time) error {
	if c.Status != StatusResolved {
		return &FollowUpError{Code: FollowUpNotResolvedYet, Number: c.Number}
	}
	reason = CleanText("reason", reason)
	if reason == "" {
		return &FollowUpError{Code: FollowUpWaiveReason, Number: c.Number}
	}
	if err := CheckText("reason", reason); err != nil {
		return err
	}
	old := c.FollowUp.Waived
	c.FollowUp.Waived = true
	if err := c.Move(st, StatusClosed, by, "", now); err != nil {
		c.FollowUp.Waived = old
		return err
	}
	// The waiver goes before the status change it allowed.
	ev := Event{At: now, By: by, Type: EventFollowUpWaived, Note: reason}
	c.Timeline = slices.Insert(c.Timeline, len(c.Timeline)-1-c.trailingEnded(), ev)
	return nil
}

// trailingEnded counts the "waiting ended" event Move may add after the status event.
func (c *Case) trailingEnded() int {
	if n := len(c.Timeline); n > 0 && c.Timeline[n-1].Type == EventWaitingEnded {
		return 1
	}
	return 0
}

// ConfirmRating records a reply that may contain a rating as a follow-up by
// e-mail with the rating staff confirm (1–5), and takes it off the list.
func (c *Case) ConfirmRating(st Settings, msgID uint64, rating int, reason, by string, now time.Time) error {
	i := slices.IndexFunc(c.FollowUp.Checks, func(k RatingCheck) bool { return k.MessageID == msgID })
	if i < 0 {
		return &FollowUpError{Code: FollowUpNoCheck, Number: c.Number}
	}
	if rating < 1 || rating > 5 {
		return &FollowUpError{Code: FollowUpBadRating, Number: c.Number}
	}
	k := c.FollowUp.Checks[i]
	if strings.TrimSpace(reason) == "" && RatingNeedsReason(rating) {
		reason = k.Remarks
		if reason == "" {
			reason = k.Line
		}
	}
	v := FollowUp{At: k.At, Channel: FollowUpEmail, Reached: true, Rating: rating, Reason: Clip("reason", reason),
		Remarks: Clip("note", k.Remarks), MessageID: k.MessageID}
	checks := slices.Delete(slices.Clone(c.FollowUp.Checks), i, i+1)
	old := c.FollowUp.Checks
	c.FollowUp.Checks = checks
	if err := c.RecordFollowUp(st, v, by, now); err != nil {
		c.FollowUp.Checks = old
		return err
	}
	return nil
}

// DismissRating takes a reply off the "may contain a rating" list: it stays a normal message.
func (c *Case) DismissRating(msgID uint64, by string, now time.Time) error {
	i := slices.IndexFunc(c.FollowUp.Checks, func(k RatingCheck) bool { return k.MessageID == msgID })
	if i < 0 {
		return &FollowUpError{Code: FollowUpNoCheck, Number: c.Number}
	}
	c.FollowUp.Checks = slices.Delete(slices.Clone(c.FollowUp.Checks), i, i+1)
	c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventRatingDismissed,
		Args: map[string]string{ArgMessage: strconv.FormatUint(msgID, 10)}})
	return nil
}

// Unhappy reports whether the customer's latest rating is 2 or below on a
// finished case nobody has looked at yet: the supervisor's Today lists it.
func (c *Case) Unhappy() bool {
	return c.followUpStage() && c.Satisfaction.Rating >= 1 && c.Satisfaction.Rating <= 2 && !c.FollowUp.UnhappySeen
}

// KeepClosed is the supervisor's answer to an unhappy rating other than
// reopening: the case stays as it is, the reason on the timeline.
func (c *Case) KeepClosed(by, note string, now time.Time) error {
	if !c.Unhappy() {
		return &FollowUpError{Code: FollowUpNotUnhappy, Number: c.Number}
	}
	note = CleanText("note", note)
	if err := CheckText("note", note); err != nil {
		return err
	}
	c.FollowUp.UnhappySeen = true
	c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventUnhappySeen, Note: note})
	return nil
}

// FollowUpFrom is when the open follow-up's round began (the case was
// resolved), zero when none is open. A case resolved before follow-ups
// existed counts from its resolution clock's stop.
func (c *Case) FollowUpFrom() time.Time {
	if !c.NeedsFollowUp() {
		return time.Time{}
	}
	if !c.FollowUp.ResolvedAt.IsZero() {
		return c.FollowUp.ResolvedAt
	}
	if !c.Resolution.MetAt.IsZero() {
		return c.Resolution.MetAt
	}
	return c.ReceivedAt
}

// FollowUpDueAt is when the open follow-up is due under st, zero when none is open.
func (c *Case) FollowUpDueAt(st Settings) time.Time {
	from := c.FollowUpFrom()
	if from.IsZero() {
		return time.Time{}
	}
	return FollowUpDue(st.Calendar, from, st.FollowUps.Days())
}

// Timeline events of follow-ups (listed in EventTypes).
const (
	EventFollowUp            EventType = "followup"             // a visit or attempt: Args channel, reached, rating, accepts, message; Note: reason and remarks
	EventFollowUpUnreachable EventType = "followup_unreachable" // the follow-up closed as unreachable: Args count (attempts); Note
	EventFollowUpWaived      EventType = "followup_waived"      // closed without follow-up: Note the reason
	EventRatingCheck         EventType = "rating_check"         // a reply may contain a rating: Args message, rating (a guess, may be absent)
	EventRatingDismissed     EventType = "rating_dismissed"     // staff said that reply holds no rating: Args message
	EventUnhappySeen         EventType = "unhappy_seen"         // a supervisor kept an unhappy case closed: Note
)

// Keys of Event.Args for follow-ups.
const (
	ArgReached = "reached" // "true" or "false"
	ArgRating  = "rating"  // 1–5
	ArgAccepts = "accepts" // "yes": the customer accepts closing
	ArgMessage = "message" // a stored message's id
)
