package data

import (
	"encoding/binary"
	"errors"
	"strings"
	"time"
)

// Row is what the case list shows of a case. Rows are immutable once built: an
// update replaces the row, so a query result can be read without locks.
type Row struct {
	ID         uint64
	Number     string
	Status     Status
	Kind       Kind
	Severity   Severity
	Channel    Channel
	Category   string
	CustomerID uint64
	Customer   string
	Phone      string
	Email      string
	Subject    string
	Owner      string
	Waiting    Waiting
	Escalation Escalation
	ReceivedAt time.Time
	First      Clock
	Resolution Clock
	Awaiting   Money  // the remedies' total when the solution waits for approval, else 0
	Currency   string // the case currency (of Awaiting)
	Referral   Clock  // the written reply to a regulator's referral (referral.go)

	// Follow-up (followup.go): when the open follow-up's round began (zero
	// when none is open), the latest rating, whether it is an unhappy one
	// nobody has looked at, and how many replies may hold a rating.
	FollowUpFrom time.Time
	Rating       int
	Unhappy      bool
	RatingChecks int

	hay string // lower-cased search text
}

// Overdue reports whether either clock has run out at now.
func (r *Row) Overdue(now time.Time) bool {
	return r.First.State(now) == ClockOverdue || r.Resolution.State(now) == ClockOverdue
}

// DueSoon reports whether a clock is past 80 % and neither has run out.
func (r *Row) DueSoon(now time.Time) bool {
	if r.Overdue(now) {
		return false
	}
	return r.First.State(now) == ClockDueSoon || r.Resolution.State(now) == ClockDueSoon
}

// RowOf builds the list row of a case.
func RowOf(c *Case) *Row {
	r := &Row{
		ID: c.ID, Number: c.Number, Status: c.Status, Kind: c.Kind, Severity: c.Severity,
		Channel: c.Channel, Category: c.Category, CustomerID: c.CustomerID,
		Customer: c.Customer.Name, Phone: c.Customer.Phone, Email: c.Customer.Email,
		Subject: c.Subject, Owner: c.Owner, Waiting: c.Waiting, Escalation: c.Escalation,
		ReceivedAt: c.ReceivedAt, First: c.FirstResponse, Resolution: c.Resolution, Currency: c.Currency,
	}
	if c.Approval.Awaiting {
		r.Awaiting = c.Approval.Total
	}
	r.Referral = c.Referral.Reply
	r.FollowUpFrom, r.Rating, r.Unhappy, r.RatingChecks = c.FollowUpFrom(), c.Satisfaction.Rating, c.Unhappy(), len(c.FollowUp.Checks)
	r.hay = searchText(c)
	return r
}

// searchText is what the search box matches: substrings, so Chinese needs no word splitting.
func searchText(c *Case) string {
	var b strings.Builder
	for _, s := range []string{c.Number, c.Customer.Name, c.Customer.Phone, NormalizePhone(c.Customer.Phone),
		c.Customer.Email, c.Customer.WeChat, c.Subject, c.Description, c.Booking.Ref} {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	return foldSearch(b.String())
}

// foldSearch normalises text and queries alike: lower case, full-width ASCII to half-width.
func foldSearch(s string) string { return strings.ToLower(halfWidth(s)) }

// Binary row encoding: the list index is read at every start, and JSON of
// 100,000 rows is too slow for a one-second open.
const rowVersion = 1

// EncodeRow is the binary form of a row stored beside the case.
func EncodeRow(r *Row) []byte {
	b := make([]byte, 0, 256+len(r.hay))
	b = append(b, rowVersion)
	b = binary.AppendUvarint(b, r.ID)
	for _, s := range []string{r.Number, string(r.Status), string(r.Kind), string(r.Severity),
		string(r.Channel), r.Category, r.Customer, r.Phone, r.Email, r.Subject, r.Owner,
		string(r.Waiting), string(r.Escalation), r.hay} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, r.CustomerID)
	b = appendTime(b, r.ReceivedAt)
	b = appendClock(b, &r.First)
	b = appendClock(b, &r.Resolution)
	// Added after version 1 was written: read only when present, so rows
	// stored before approval existed read as "not waiting".
	b = binary.AppendVarint(b, int64(r.Awaiting))
	b = binary.AppendUvarint(b, uint64(len(r.Currency)))
	b = append(b, r.Currency...)
	// Added for referrals, then for follow-ups, each read only when present
	// like the above.
	b = appendClock(b, &r.Referral)
	b = appendTime(b, r.FollowUpFrom)
	flags := uint64(r.Rating)
	if r.Unhappy {
		flags |= 1 << 8
	}
	b = binary.AppendUvarint(b, flags)
	return binary.AppendUvarint(b, uint64(r.RatingChecks))
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return binary.AppendVarint(b, 0)
	}
	return binary.AppendVarint(b, t.UnixNano())
}

func appendClock(b []byte, c *Clock) []byte {
	b = binary.AppendVarint(b, int64(c.Target))
	if c.CalendarTime {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	for _, t := range []time.Time{c.Started, c.Due, c.SoonAt, c.PausedAt, c.MetAt} {
		b = appendTime(b, t)
	}
	return binary.AppendVarint(b, int64(c.Remaining))
}

var errBadRow = errors.New("corrupt list row")

type rowReader struct {
	b   []byte
	err error
}

func (r *rowReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errBadRow
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *rowReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errBadRow
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *rowReader) str() string {
	n := r.uvarint()
	if r.err != nil || uint64(len(r.b)) < n {
		r.err = errBadRow
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *rowReader) time() time.Time {
	v := r.varint()
	if v == 0 {
		return time.Time{}
	}
	return time.Unix(0, v)
}

func (r *rowReader) clock() Clock {
	var c Clock
	c.Target = time.Duration(r.varint())
	if r.err == nil && len(r.b) > 0 {
		c.CalendarTime = r.b[0] == 1
		r.b = r.b[1:]
	} else {
		r.err = errBadRow
	}
	c.Started, c.Due, c.SoonAt, c.PausedAt, c.MetAt = r.time(), r.time(), r.time(), r.time(), r.time()
	c.Remaining = time.Duration(r.varint())
	return c
}

// DecodeRow reads EncodeRow's output.
func DecodeRow(b []byte) (*Row, error) {
	if len(b) == 0 || b[0] != rowVersion {
		return nil, errBadRow
	}
	rd := &rowReader{b: b[1:]}
	r := &Row{ID: rd.uvarint()}
	r.Number = rd.str()
	r.Status = Status(rd.str())
	r.Kind = Kind(rd.str())
	r.Severity = Severity(rd.str())
	r.Channel = Channel(rd.str())
	r.Category = rd.str()
	r.Customer = rd.str()
	r.Phone = rd.str()
	r.Email = rd.str()
	r.Subject = rd.str()
	r.Owner = rd.str()
	r.Waiting = Waiting(rd.str())
	r.Escalation = Escalation(rd.str())
	r.hay = rd.str()
	r.CustomerID = rd.uvarint()
	r.ReceivedAt = rd.time()
	r.First = rd.clock()
	r.Resolution = rd.clock()
	if rd.err == nil && len(rd.b) > 0 {
		r.Awaiting = Money(rd.varint())
		r.Currency = rd.str()
	}
	if rd.err == nil && len(rd.b) > 0 {
		r.Referral = rd.clock()
	}
	if rd.err == nil && len(rd.b) > 0 {
		r.FollowUpFrom = rd.time()
		flags := rd.uvarint()
		r.Rating, r.Unhappy = int(flags&0xff), flags&(1<<8) != 0
		r.RatingChecks = int(rd.uvarint())
	}
	if rd.err != nil {
		return nil, rd.err
	}
	return r, nil
}
