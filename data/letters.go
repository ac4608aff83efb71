package data

import (
	"fmt"
	"slices"
	"time"
)

// LetterType names a printed letter to the customer.
type LetterType string

const (
	LetterAck      LetterType = "ack"      // 受理确认函
	LetterDecline  LetterType = "decline"  // 不予受理通知书
	LetterSolution LetterType = "solution" // 处理方案确认书, signed by both sides
	LetterClosure  LetterType = "closure"  // 结案通知书
	LetterBureau   LetterType = "bureau"   // 书面答复 to the regulator that referred the case (referral.go)
)

// LetterTypes lists the letters in the order a case issues them.
var LetterTypes = []LetterType{LetterAck, LetterDecline, LetterSolution, LetterClosure, LetterBureau}

// ErrNotReady marks a letter the case is not in a state to issue.
var ErrNotReady = fmt.Errorf("%w: the case is not ready for this letter", ErrTransition)

// Letter is one issued letter. Its PDF is kept in the blob store exactly as
// issued, so a reprint is the same document and it can go with a reply.
type Letter struct {
	Type     LetterType `json:"type"`
	Language string     `json:"language"`
	IssuedAt time.Time  `json:"issued_at"`
	By       string     `json:"by,omitzero"`
	SHA256   string     `json:"sha256"`
	Size     int64      `json:"size"`
	Name     string     `json:"name"` // file name offered when saving or attaching
}

// LetterReadiness says why the case cannot issue a letter of type t, or nil
// when it can. The reason is a short English sentence; the UI translates by
// the returned error's Reason through NotReadyError.
func (c *Case) LetterReadiness(t LetterType) error {
	switch t {
	case LetterAck:
		if c.Status == StatusNew {
			return notReady("acknowledge", "acknowledge the case before printing its acknowledgement")
		}
		if c.Status == StatusDeclined {
			return notReady("declined", "the case was declined; print the decline notice instead")
		}
	case LetterDecline:
		if c.Status != StatusDeclined {
			return notReady("not-declined", "only a declined case has a decline notice")
		}
	case LetterSolution:
		if !slices.Contains([]Status{StatusProposed, StatusAgreed, StatusResolved, StatusClosed}, c.Status) {
			return notReady("no-proposal", "propose a solution before printing its confirmation")
		}
		if len(c.Remedies) == 0 && c.Decision == "" {
			return notReady("no-remedies", "record the solution and its remedies first")
		}
		if c.Approval.Awaiting {
			return notReady("awaiting-approval", "the solution waits for approval: a supervisor or the owner approves it first")
		}
	case LetterClosure:
		if c.Status != StatusClosed {
			return notReady("not-closed", "only a closed case has a closure letter")
		}
	case LetterBureau:
		if !c.Referral.Recorded() {
			return notReady("no-referral", "only a case referred by a regulator has a reply to the bureau")
		}
		if c.Facts == "" && c.Decision == "" && len(c.Remedies) == 0 {
			return notReady("no-findings", "record the facts found and the solution first")
		}
	default:
		return fmt.Errorf("%w: unknown letter %q", ErrInvalid, t)
	}
	return nil
}

// CanIssue is LetterReadiness as staff see it: the acknowledgement of a new
// case can be issued, because issuing it acknowledges the case first (in the
// same transaction; see the application layer).
func (c *Case) CanIssue(t LetterType) error {
	if t == LetterAck && c.Status == StatusNew {
		return nil
	}
	return c.LetterReadiness(t)
}

// NotReadyError explains why a letter cannot be issued; Code lets the
// interface say it in the user's language.
type NotReadyError struct {
	Code   string // acknowledge, declined, not-declined, no-proposal, no-remedies, awaiting-approval, not-closed
	Reason string
}

func (e *NotReadyError) Error() string { return e.Reason }

// Unwrap makes it an ErrNotReady.
func (e *NotReadyError) Unwrap() error { return ErrNotReady }

func notReady(code, reason string) error { return &NotReadyError{Code: code, Reason: reason} }

// AddLetter records an issued letter on the case and its timeline.
func (c *Case) AddLetter(l Letter) {
	c.Letters = append(c.Letters, l)
	if l.Type == LetterBureau {
		c.replySent(l.IssuedAt)
	}
	c.Timeline = append(c.Timeline, Event{At: l.IssuedAt, By: l.By, Type: EventLetter,
		Args: map[string]string{ArgLetter: string(l.Type), ArgLanguage: l.Language}, New: l.SHA256})
}

// StatusSince is when the case last entered status s (zero if it never did).
func (c *Case) StatusSince(s Status) time.Time {
	for i := len(c.Timeline) - 1; i >= 0; i-- {
		if e := c.Timeline[i]; e.Type == EventStatus && e.New == string(s) {
			return e.At
		}
	}
	return time.Time{}
}

// StatusNote is the note given when the case last entered status s: the
// reason for a decline, for example.
func (c *Case) StatusNote(s Status) string {
	for i := len(c.Timeline) - 1; i >= 0; i-- {
		if e := c.Timeline[i]; e.Type == EventStatus && e.New == string(s) {
			return e.Note
		}
	}
	return ""
}

// LetterLanguage is the language a letter is printed in by default: the
// case's, else the agency's interface language, else Simplified Chinese.
func (c *Case) LetterLanguage(st Settings) string {
	switch {
	case validLanguage(c.Language):
		return c.Language
	case validLanguage(st.Language):
		return st.Language
	}
	return "zh-Hans"
}
