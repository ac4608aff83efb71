package data

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Customer records: what the agency keeps about a person beyond the contacts
// on Customer (which every case copies and which stays a small comparable
// value): tags, a VIP flag, notes, the history of their contact details and
// the records merged into theirs. Stored beside the customer, keyed by id.

// EventCustomerMerged is the timeline event of a case moved by a merge of
// two customer records: Old the merged-away record's reference ("#12"), New
// the kept one's ("#7"). References only: no personal data.
const EventCustomerMerged EventType = "customer_merged"

// CustomerProfile is a customer's record beyond their contacts.
type CustomerProfile struct {
	Tags    []string        `json:"tags,omitzero"`    // sorted, unique
	VIP     bool            `json:"vip,omitzero"`     // a figure the agency keeps, not personal data
	Notes   []CustomerNote  `json:"notes,omitzero"`   // oldest first; never edited, only added
	History []ContactChange `json:"history,omitzero"` // oldest first
	Merged  []uint64        `json:"merged,omitzero"`  // records merged into this one

	// MergedInto marks a record merged away: its cases, mail, notes and
	// contacts went to that customer and the record itself is gone; it stays
	// as this pointer so an old reference ("#12") still leads somewhere.
	MergedInto uint64    `json:"merged_into,omitzero"`
	MergedAt   time.Time `json:"merged_at,omitzero"`
	MergedBy   string    `json:"merged_by,omitzero"`
}

// CustomerNote is one note about a customer, with its author and time.
type CustomerNote struct {
	At   time.Time `json:"at"`
	By   string    `json:"by"`
	Text string    `json:"text"`
}

// Contact fields a ContactChange names.
const (
	ContactName   = "name"
	ContactPhone  = "phone"
	ContactEmail  = "email"
	ContactWeChat = "wechat"
)

// ContactFields lists them in display order.
var ContactFields = []string{ContactName, ContactPhone, ContactEmail, ContactWeChat}

// Where a contact change came from.
const (
	ContactByIntake = "intake" // a new case filled in what the record lacked
	ContactByEdit   = "edit"   // a case's customer details were corrected
	ContactByMerge  = "merge"  // another record's detail came with a merge
)

// ContactChange is one change of a customer's name, phone, e-mail or WeChat.
type ContactChange struct {
	At     time.Time `json:"at"`
	By     string    `json:"by,omitzero"`
	Field  string    `json:"field"`
	Old    string    `json:"old,omitzero"`
	New    string    `json:"new,omitzero"`
	Source string    `json:"source,omitzero"` // ContactByIntake, ContactByEdit, ContactByMerge
	Case   string    `json:"case,omitzero"`   // the case number it came with, if any
}

// ContactChanges lists what differs between two versions of a customer.
func ContactChanges(old, cur Customer, by, source, number string, at time.Time) []ContactChange {
	var out []ContactChange
	for _, f := range ContactFields {
		o, n := old.Contact(f), cur.Contact(f)
		if strings.TrimSpace(o) != strings.TrimSpace(n) {
			out = append(out, ContactChange{At: at, By: by, Field: f, Old: o, New: n, Source: source, Case: number})
		}
	}
	return out
}

// Contact is one of the customer's contact fields by name.
func (c Customer) Contact(field string) string {
	switch field {
	case ContactName:
		return c.Name
	case ContactPhone:
		return c.Phone
	case ContactEmail:
		return c.Email
	case ContactWeChat:
		return c.WeChat
	}
	return ""
}

// Personal reports whether the profile holds anything personal (what
// anonymisation erases): tags, notes, contact history.
func (p CustomerProfile) Personal() bool {
	return len(p.Tags) > 0 || len(p.Notes) > 0 || len(p.History) > 0
}

// Anonymised is the profile with its personal data erased: tags (free words
// about a person), notes and the contact history go; the VIP flag and the
// merge references (ids) stay.
func (p CustomerProfile) Anonymised() CustomerProfile {
	p.Tags, p.Notes, p.History = nil, nil, nil
	p.MergedBy = ""
	return p
}

// MaxTagLength is the longest tag, in characters.
const MaxTagLength = 30

// NormalizeTag trims a tag and checks it: one line, at most MaxTagLength
// characters, no commas (the command line separates tags with them).
func NormalizeTag(t string) (string, error) {
	t = strings.TrimSpace(halfWidth(t))
	switch {
	case t == "":
		return "", &FieldError{Field: "tag", Reason: "a tag cannot be empty"}
	case utf8.RuneCountInString(t) > MaxTagLength:
		return "", &FieldError{Field: "tag", Reason: fmt.Sprintf("a tag has at most %d characters", MaxTagLength)}
	case strings.ContainsAny(t, ",，\n\r\t"):
		return "", &FieldError{Field: "tag", Reason: "a tag cannot contain a comma or a line break"}
	}
	return t, nil
}

// SetTags adds and removes tags, keeping them sorted and unique, and reports
// whether anything changed. Removing a tag the customer lacks is no error.
func (p *CustomerProfile) SetTags(add, remove []string) (bool, error) {
	next := slices.Clone(p.Tags)
	for _, t := range add {
		t, err := NormalizeTag(t)
		if err != nil {
			return false, err
		}
		if !slices.Contains(next, t) {
			next = append(next, t)
		}
	}
	for _, t := range remove {
		t = strings.TrimSpace(halfWidth(t))
		next = slices.DeleteFunc(next, func(x string) bool { return x == t })
	}
	slices.Sort(next)
	if slices.Equal(next, p.Tags) {
		return false, nil
	}
	p.Tags = next
	return true, nil
}

// CustomerSettings tune the customer records.
type CustomerSettings struct {
	RepeatMonths int `json:"repeat_months,omitzero"` // the window of the repeat-complainant mark; 0: DefaultRepeatMonths
	RepeatCount  int `json:"repeat_count,omitzero"`  // complaints within it that make the mark; 0: DefaultRepeatCount
}

// Defaults of CustomerSettings.
const (
	DefaultRepeatMonths = 12
	DefaultRepeatCount  = 2
	MaxRepeatMonths     = 120
)

// Months is the repeat window in months.
func (s CustomerSettings) Months() int {
	if s.RepeatMonths <= 0 {
		return DefaultRepeatMonths
	}
	return s.RepeatMonths
}

// Count is how many complaints in the window make a repeat complainant.
func (s CustomerSettings) Count() int {
	if s.RepeatCount <= 0 {
		return DefaultRepeatCount
	}
	return s.RepeatCount
}

// Validate checks the window and the count.
func (s CustomerSettings) Validate() error {
	if s.RepeatMonths < 0 || s.RepeatMonths > MaxRepeatMonths {
		return fieldErr("customers.repeat_months", "%d is not from 1 to %d months", s.RepeatMonths, MaxRepeatMonths)
	}
	if s.RepeatCount < 0 || s.RepeatCount > 100 {
		return fieldErr("customers.repeat_count", "%d is not from 1 to 100", s.RepeatCount)
	}
	return nil
}

// RepeatSince is the start of the repeat window at now.
func (s CustomerSettings) RepeatSince(now time.Time) time.Time {
	return now.AddDate(0, -s.Months(), 0)
}

// IsRepeat reports whether complaints received at these times make a repeat
// complainant at now: at least Count() of them within the window. Only
// complaints count (suggestions, praise, incidents and requests do not);
// the caller passes those.
func (s CustomerSettings) IsRepeat(complaints []time.Time, now time.Time) bool {
	return s.Within(complaints, now) >= s.Count()
}

// Within counts the complaints received within the repeat window at now.
func (s CustomerSettings) Within(complaints []time.Time, now time.Time) int {
	since, n := s.RepeatSince(now), 0
	for _, at := range complaints {
		if !at.Before(since) && !at.After(now) {
			n++
		}
	}
	return n
}

// PaidStatuses are the statuses whose remedies count as compensation paid:
// the customer agreed to the solution (agreed), it was carried out
// (resolved) or the case is closed. A proposal not yet accepted, a declined
// case or one still under investigation pays nothing.
var PaidStatuses = []Status{StatusAgreed, StatusResolved, StatusClosed}

// Compensation is the sum of a case's remedies' amounts when its status
// counts as paid (PaidStatuses), else 0. Amounts recovered from a supplier
// are not subtracted: this is what the customer received.
func Compensation(c *Case) Money {
	if !slices.Contains(PaidStatuses, c.Status) {
		return 0
	}
	var sum Money
	for _, r := range c.Remedies {
		sum += r.Amount
	}
	return sum
}

// CustomerSummary is a customer as the list of customers shows them.
type CustomerSummary struct {
	Customer
	VIP        bool
	Tags       []string
	Cases      int
	Complaints int  // complaints within the repeat window
	Repeat     bool // a repeat complainant (CustomerSettings.IsRepeat)
	Last       time.Time
}

// CustomerQuery selects customers for the list of customers.
type CustomerQuery struct {
	Text   string // any part of name, phone, e-mail or WeChat
	Repeat bool   // only repeat complainants
	VIP    bool   // only VIPs
	Tag    string // only customers with this tag
	Limit  int    // at most this many (0: all)
}

// CustomerCase is one of a customer's cases on their page.
type CustomerCase struct {
	ID             uint64
	Number         string
	Status         Status
	Kind           Kind
	Category       string
	Subject        string
	ReceivedAt     time.Time
	ClosedAt       time.Time
	Responsibility Responsibility
	Compensation   Money // see Compensation
	Currency       string
	Rating         int // the latest satisfaction rating, 0 when none
}

// CustomerPage is everything the customer's page shows.
type CustomerPage struct {
	Customer
	Profile CustomerProfile
	Cases   []CustomerCase // newest first
	Paid    map[string]Money
	Ratings []int // of the cases rated, newest first
	Repeat  bool
	Window  int // the repeat window in months
	Recent  int // the complaints received within the window
}

// PaidText lists the compensation paid by currency, "2378.00 CNY".
func (p CustomerPage) PaidText() string {
	if len(p.Paid) == 0 {
		return Money(0).String()
	}
	var out []string
	for _, cur := range slices.Sorted(maps.Keys(p.Paid)) {
		out = append(out, p.Paid[cur].String()+" "+cur)
	}
	return strings.Join(out, ", ")
}

// CustomerHay is the lower-cased text a customer search scans: name,
// phone (as typed and normalised), e-mail, WeChat, and the earlier values
// from the contact history, so a merged record is found by either's details.
func CustomerHay(c Customer, history []ContactChange) string {
	var b strings.Builder
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			b.WriteString(foldSearch(s))
			b.WriteByte(0)
		}
	}
	addPhone := func(p string) {
		add(p)
		if n := strings.TrimPrefix(NormalizePhone(p), "+"); n != "" {
			add(n)
		}
	}
	add(c.Name)
	addPhone(c.Phone)
	add(c.Email)
	add(c.WeChat)
	for _, h := range history {
		if h.Field == ContactPhone {
			addPhone(h.Old)
			continue
		}
		add(h.Old)
	}
	return b.String()
}

// CustomerQueryMatch reports whether a customer's hay holds the query: any
// part of a name, phone, e-mail or WeChat, one character or more; a phone
// typed with spaces or dashes matches its digits.
func CustomerQueryMatch(hay, query string) bool {
	q := foldSearch(strings.TrimSpace(query))
	if q == "" {
		return true
	}
	if strings.Contains(hay, q) {
		return true
	}
	if looksLikePhone(q) {
		if p := strings.TrimPrefix(NormalizePhone(q), "+"); p != "" && p != q {
			return strings.Contains(hay, p)
		}
	}
	return false
}

// CustomerChanged says a customer's record or profile changed (tags, VIP,
// notes, a merge); the cases a merge moved are told as CaseChanged too.
type CustomerChanged struct{ ID uint64 }

func (CustomerChanged) notice() {}

// AuditCustomerMerge is the audit entry of a merge of two customer records;
// What: "#other → #keep" (references, not personal data).
const AuditCustomerMerge AuditKind = "customer_merge"

// AuditCustomerProfile is the audit entry of a change to a customer's tags,
// VIP flag or notes; What: "#id tags|vip|note" (the notes themselves are
// personal data and stay out of the chain).
const AuditCustomerProfile AuditKind = "customer_profile"

// MergeResult says what a merge moved.
type MergeResult struct {
	Keep, Other uint64
	Cases       []string // the moved cases' numbers
	Messages    int      // messages on those cases (they follow their case)
	Tags, Notes int      // tags and notes added to the kept record
	Contacts    int      // contact details recorded on the kept record's history
}

// MergedError says a customer record was merged into another: the record
// itself is gone, and the interfaces say where it went.
type MergedError struct{ ID, Into uint64 }

func (e *MergedError) Error() string {
	return fmt.Sprintf("customer %s was merged into %s", CustomerRef(e.ID), CustomerRef(e.Into))
}

// TracesWithHistory is TracesOf with the contact history's values too: a
// name, phone, e-mail or WeChat the customer was known by before (a merged
// record's among them) is theirs as much as the current ones. The history
// is handed to TracesOf as the corrections it is.
func TracesWithHistory(cust Customer, own []Case, history []ContactChange) CustomerTraces {
	if len(history) > 0 {
		ev := make([]Event, 0, len(history))
		for _, h := range history {
			field := h.Field
			if field == ContactName {
				field = "customer" // the name's field on a case edit
			}
			ev = append(ev, Event{Type: EventEdited, Args: map[string]string{ArgField: field}, Old: h.Old, New: h.New})
		}
		own = append(slices.Clone(own), Case{Timeline: ev})
	}
	return TracesOf(cust, own)
}
