package data

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// TextLimit is how long a text field may be, in characters, and whether it
// may span lines (newlines and tabs allowed).
type TextLimit struct {
	Max       int
	Multiline bool
}

// TextLimits is the one table of text fields and their limits: the desktop's
// forms, the command line and mail intake all check (or, for mail, fit) the
// same values. The keys are the FieldError field names.
var TextLimits = map[string]TextLimit{
	// A case's intake.
	"subject":     {Max: 200},
	"customer":    {Max: 100},
	"phone":       {Max: 40},
	"email":       {Max: 254}, // RFC 5321's longest path
	"wechat":      {Max: 64},
	"description": {Max: 20000, Multiline: true},
	"demand":      {Max: 2000, Multiline: true},
	"booking":     {Max: 100},
	"product":     {Max: 200},
	"destination": {Max: 200},
	"guide":       {Max: 100},
	"supplier":    {Max: 200},
	// Notes on the timeline: a note, a decline reason, a waiting or escalation remark.
	"note":   {Max: 10000, Multiline: true},
	"reason": {Max: 10000, Multiline: true},
	// The findings.
	"investigation":  {Max: 10000, Multiline: true},
	"facts":          {Max: 10000, Multiline: true},
	"root_cause":     {Max: 10000, Multiline: true},
	"decision":       {Max: 10000, Multiline: true},
	"preventive":     {Max: 10000, Multiline: true},
	"evidence":       {Max: 10000, Multiline: true},
	"payment_method": {Max: 200},
	"remedy":         {Max: 500}, // a remedy's note
	"article":        {Max: 200}, // where a remedy's penalty comes from (compensation_standard.go)
	// A regulator's referral (referral.go).
	"referral_number": {Max: 100},
	// The agency's profile, as letters print it.
	"agency_name":            {Max: 200},
	"agency_address":         {Max: 300},
	"agency_license":         {Max: 100},
	"agency_signatory":       {Max: 100},
	"agency_phone":           {Max: 40},
	"agency_complaint_phone": {Max: 40},
	"recourse":               {Max: 2000, Multiline: true},
	"staff_name":             {Max: 100},
	"day_label":              {Max: 40},
}

// Reason codes of a FieldError: what is wrong, for the presentation package
// to say in each language. An empty code means the field's general message.
const (
	ReasonTooLong      = "too_long"    // longer than FieldError.Max characters
	ReasonControl      = "control"     // a control character (an escape code, a bell …)
	ReasonLineBreak    = "line_break"  // a line break or tab in a one-line field
	ReasonEncoding     = "encoding"    // not valid UTF-8
	ReasonPhoneChars   = "phone_chars" // something other than digits, spaces, dashes, brackets, a leading +
	ReasonPhoneShort   = "phone_short" // fewer than MinPhoneDigits digits
	ReasonPhoneLong    = "phone_long"  // more than MaxPhoneDigits digits
	ReasonDateFormat   = "date_format" // not YYYY-MM-DD (or the form's time layout)
	ReasonDateTooEarly = "date_early"  // before EarliestDate
	ReasonDateTooLate  = "date_late"   // more than a year ahead

	// Settings: the calendar and the deadlines.
	ReasonNoSuchDate         = "no_such_date"           // YYYY-MM-DD, but no such day (2026-02-30); Value is it
	ReasonUnknownZone        = "unknown_zone"           // not an IANA time zone; Value is it
	ReasonClockRange         = "clock_range"            // a time of day outside 00:00–24:00
	ReasonClosesFirst        = "closes_first"           // business hours end before (or when) they start
	ReasonNoWorkday          = "no_workday"             // no weekday is a working day
	ReasonHolidayAndWorkday  = "holiday_and_workday"    // a date both a holiday and a swapped working day; Value is it
	ReasonNotPositive        = "not_positive"           // a deadline of zero or less
	ReasonFirstAfterResolved = "first_after_resolution" // the first response due after the resolution
)

// Phone numbers have this many digits, at least and at most (E.164 allows 15).
const (
	MinPhoneDigits = 5
	MaxPhoneDigits = 15
)

// EarliestDate is the first day a date of a case may name: anything before
// is a typing mistake (or a zero time), not a complaint.
var EarliestDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// LatestAhead is how far ahead a date may lie: a departure or a payment due
// date next year is real, one three years ahead is a typo.
const LatestAhead = 366 * 24 * time.Hour

// IsControl reports whether r must not be stored in a text: C0 and C1 control
// characters, DEL, the bidirectional overrides and isolates (which reorder
// what a terminal or a list shows) and the Unicode line and paragraph
// separators. Newline and tab are controls too; multi-line texts allow them.
func IsControl(r rune) bool {
	switch {
	case unicode.IsControl(r):
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u2028', r == '\u2029':
		return true
	}
	return false
}

// CheckText checks a text against its field's limit: valid UTF-8, no control
// characters (newline and tab only in multi-line fields), at most Max
// characters. A field missing from TextLimits is one line of at most 200.
func CheckText(field, s string) error {
	lim, ok := TextLimits[field]
	if !ok {
		lim = TextLimit{Max: 200}
	}
	if !utf8.ValidString(s) {
		return &FieldError{Field: field, Code: ReasonEncoding, Reason: "the text is not valid UTF-8"}
	}
	n := 0
	for _, r := range s {
		n++
		switch {
		case r == '\n' || r == '\t':
			if !lim.Multiline {
				return &FieldError{Field: field, Code: ReasonLineBreak, Reason: "a line break or tab in a one-line field"}
			}
		case IsControl(r):
			return &FieldError{Field: field, Code: ReasonControl, Reason: fmt.Sprintf("a control character (%U)", r)}
		}
	}
	if n > lim.Max {
		return &FieldError{Field: field, Code: ReasonTooLong, Max: lim.Max,
			Reason: fmt.Sprintf("longer than %d characters", lim.Max)}
	}
	return nil
}

// checkTexts checks several fields in order and returns the first error.
func checkTexts(fields ...[2]string) error {
	for _, f := range fields {
		if err := CheckText(f[0], f[1]); err != nil {
			return err
		}
	}
	return nil
}

// CleanText is how a typed text is stored: trimmed, and in a multi-line field
// with Windows line ends (CRLF, a lone CR) made newlines.
func CleanText(field, s string) string {
	if TextLimits[field].Multiline {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return strings.TrimSpace(s)
}

// OneLine makes text from outside (a mail's subject, a sender's name, a file
// name) fit a one-line field: invalid UTF-8 becomes U+FFFD, line breaks and
// tabs become spaces, other control characters are dropped, and runs of
// spaces they leave are kept as they are.
func OneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\r' || r == '\n' || r == '\u2028' || r == '\u2029':
			return ' '
		case IsControl(r):
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// ManyLines makes text from outside fit a multi-line field: invalid UTF-8
// becomes U+FFFD, CRLF and lone CRs newlines, other control characters
// (but newline and tab) are dropped.
func ManyLines(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r' || r == '\u2028' || r == '\u2029':
			return '\n'
		case IsControl(r):
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// Clip shortens s to its field's limit, ending in "…" when it was cut.
func Clip(field, s string) string {
	lim, ok := TextLimits[field]
	if !ok {
		lim = TextLimit{Max: 200}
	}
	if utf8.RuneCountInString(s) <= lim.Max {
		return s
	}
	r := []rune(s)
	return strings.TrimRightFunc(string(r[:lim.Max-1]), unicode.IsSpace) + "…"
}

// Fit makes intake from outside (a mail) valid text: every text field is
// repaired (UTF-8, control characters) and clipped to its limit, so the mail
// opens a case instead of being parked for an over-long description or a
// name with an escape code in it; a received time before 2000 or after now
// (a sender's wrong clock) becomes now. Validation (Normalize) still runs after.
func (n *NewCase) Fit(now time.Time) {
	if n.ReceivedAt.Before(EarliestDate) || n.ReceivedAt.After(now) {
		n.ReceivedAt = now
	}
	one := func(field string, s *string) { *s = Clip(field, OneLine(*s)) }
	many := func(field string, s *string) { *s = Clip(field, ManyLines(*s)) }
	one("subject", &n.Subject)
	one("customer", &n.Customer.Name)
	one("phone", &n.Customer.Phone)
	one("email", &n.Customer.Email)
	one("wechat", &n.Customer.WeChat)
	many("description", &n.Description)
	many("demand", &n.Demand)
	one("booking", &n.Booking.Ref)
	one("product", &n.Booking.Product)
	one("destination", &n.Booking.Destination)
	one("guide", &n.Booking.Guide)
	one("supplier", &n.Booking.Supplier)
}

// CheckTime checks a moment a case names (when it was received): not before
// EarliestDate. The caller checks the upper bound its field allows.
func CheckTime(field string, t time.Time) error {
	if t.Before(EarliestDate) {
		return &FieldError{Field: field, Code: ReasonDateTooEarly, Reason: "before 2000"}
	}
	return nil
}

// CheckReceived checks when a case was received: from 2000 up to now (a few
// minutes' clock difference allowed). A zero time is refused too: it is what
// "0001-01-01T00:00:00Z" reads as, and must not silently become "now".
func CheckReceived(t, now time.Time) error {
	if err := CheckTime("received", t); err != nil {
		return err
	}
	if t.After(now.Add(5 * time.Minute)) {
		return fieldErr("received", "the received time is in the future")
	}
	return nil
}

// CheckDay checks a YYYY-MM-DD date (a departure, a payment due date): its
// form, not before 2000 and at most a year after now. Empty is allowed.
func CheckDay(field, d string, now time.Time) error {
	d = strings.TrimSpace(halfWidth(d))
	if d == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return &FieldError{Field: field, Code: ReasonDateFormat, Reason: "dates are written YYYY-MM-DD"}
	}
	if err := CheckTime(field, t); err != nil {
		return err
	}
	if !now.IsZero() && t.After(now.Add(LatestAhead)) {
		return &FieldError{Field: field, Code: ReasonDateTooLate, Reason: "more than a year ahead"}
	}
	return nil
}
