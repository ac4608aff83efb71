package data

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Privacy (PIPL arts. 45–47): a customer's data can be exported, and erased
// ("anonymised") so that every figure stays: numbers, categories, dates,
// durations, amounts, ratings, statuses and channels are kept; names,
// contacts, message bodies, attachments, letters' PDFs and free texts go.

// EventAnonymised is the timeline event of an anonymisation: the case's
// personal data was erased. Args count: how many messages were erased with it.
const EventAnonymised EventType = "anonymised"

// AnonymisedName replaces a customer's name: "客户 #<id>", as the agency
// refers to the customer afterwards.
func AnonymisedName(id uint64) string { return fmt.Sprintf("客户 #%d", id) }

// AnonymisedAddress replaces an e-mail address of the customer's. It keeps
// an "@": the audit chain reads a name with one as a customer's address,
// which is personal, so the chain's public content stays the same.
func AnonymisedAddress(id uint64) string { return fmt.Sprintf("customer-%d@anonymised.invalid", id) }

// CustomerRef is how a customer is named where their name must not be: in
// the audit chain, in file names ("#<id>").
func CustomerRef(id uint64) string { return "#" + strconv.FormatUint(id, 10) }

// Anonymised reports whether the customer's personal data was erased.
func (c Customer) Anonymised() bool {
	return c.Name == AnonymisedName(c.ID) && c.Phone == "" && c.Email == "" && c.WeChat == ""
}

// AnonymiseCustomer is the customer with their personal data erased.
func AnonymiseCustomer(c Customer) Customer { return Customer{ID: c.ID, Name: AnonymisedName(c.ID)} }

// Fields of an EventEdited whose old and new values are kept: they are
// figures, not personal data.
var keptEdits = map[string]bool{"amount": true, "currency": true, "received": true, "channel": true, "kind": true}

// AnonymiseCase erases the personal data of the case of customer id in
// place and reports whether anything changed. It never adds, removes or
// reorders events, and it changes only what the audit chain holds as
// personal (notes, the personal arguments, a customer's address as author,
// a corrected text's old and new values), so the chain's public digests
// still match.
func AnonymiseCase(c *Case) bool {
	changed := personalLeft(c)
	id := c.CustomerID
	if id == 0 {
		id = c.Customer.ID
	}
	c.Customer = AnonymiseCustomer(Customer{ID: id})
	c.Subject, c.Description, c.Demand = "", "", ""
	c.Booking.Ref = ""
	c.Investigation, c.Facts, c.RootCause, c.Decision = "", "", "", ""
	c.PaymentMethod, c.Preventive, c.EvidenceNeeded = "", "", ""
	c.Satisfaction.Reason = ""
	c.Remedies = slices.Clone(c.Remedies)
	for i := range c.Remedies {
		c.Remedies[i].Note = ""
	}
	c.Letters = slices.Clone(c.Letters)
	for i := range c.Letters {
		c.Letters[i].Name = fmt.Sprintf("%s-%s.pdf", c.Number, c.Letters[i].Type)
	}
	c.Evidence = slices.Clone(c.Evidence)
	for i := range c.Evidence {
		c.Evidence[i].Name = fmt.Sprintf("evidence-%d%s", i+1, strings.ToLower(filepath.Ext(c.Evidence[i].Name)))
		c.Evidence[i].Note = ""
	}
	c.Timeline = slices.Clone(c.Timeline)
	for i := range c.Timeline {
		c.Timeline[i] = anonymiseEvent(c.Timeline[i], id)
	}
	return changed
}

// personalLeft reports whether AnonymiseCase would change anything: a
// direct look at every field it erases (retention reads every ended case).
func personalLeft(c *Case) bool {
	id := c.CustomerID
	if id == 0 {
		id = c.Customer.ID
	}
	if c.Customer != AnonymiseCustomer(Customer{ID: id}) {
		return true
	}
	for _, s := range []string{c.Subject, c.Description, c.Demand, c.Booking.Ref, c.Investigation, c.Facts, c.RootCause,
		c.Decision, c.PaymentMethod, c.Preventive, c.EvidenceNeeded, c.Satisfaction.Reason} {
		if s != "" {
			return true
		}
	}
	for _, r := range c.Remedies {
		if r.Note != "" {
			return true
		}
	}
	for _, l := range c.Letters {
		if l.Name != fmt.Sprintf("%s-%s.pdf", c.Number, l.Type) {
			return true
		}
	}
	for i, e := range c.Evidence {
		if e.Note != "" || e.Name != fmt.Sprintf("evidence-%d%s", i+1, strings.ToLower(filepath.Ext(e.Name))) {
			return true
		}
	}
	anon := AnonymisedAddress(id)
	for _, ev := range c.Timeline {
		if ev.Note != "" || (strings.Contains(ev.By, "@") && ev.By != anon) {
			return true
		}
		for k, v := range ev.Args {
			if personalArgs[k] && v != "" {
				return true
			}
		}
		if ev.Type == EventEdited && !keptEdits[ev.Arg(ArgField)] && (ev.Old != "" || ev.New != "") {
			return true
		}
	}
	return false
}

func anonymiseEvent(ev Event, id uint64) Event {
	ev.Note = ""
	if strings.Contains(ev.By, "@") {
		ev.By = AnonymisedAddress(id)
	}
	if len(ev.Args) > 0 {
		args := make(map[string]string, len(ev.Args))
		for k, v := range ev.Args {
			if personalArgs[k] {
				v = "" // the key stays: the chain's public part lists it
			}
			args[k] = v
		}
		ev.Args = args
	}
	if ev.Type == EventEdited && !keptEdits[ev.Arg(ArgField)] {
		ev.Old, ev.New = "", ""
	}
	return ev
}

// AnonymiseMessage erases a message's personal data in place (addresses
// other than the agency's own, subject, bodies, attachment names, errors
// that may quote them) and reports whether anything changed. Its dates,
// status, direction, attempts, the SHA-256s of its parts and its
// Message-ID and references (they thread and de-duplicate mail) stay.
func AnonymiseMessage(m *Message, customer uint64, agency string) bool {
	before := fmtMessage(m)
	anon := AnonymisedAddress(customer)
	addr := func(s string) string {
		a := strings.TrimSpace(s)
		if i, j := strings.LastIndex(a, "<"), strings.LastIndex(a, ">"); i >= 0 && j > i {
			a = a[i+1 : j]
		}
		if s == "" || (agency != "" && strings.EqualFold(a, agency)) {
			return s
		}
		return anon
	}
	m.From, m.FromAddress = addr(m.From), addr(m.FromAddress)
	m.To, m.Cc = slices.Clone(m.To), slices.Clone(m.Cc)
	for i := range m.To {
		m.To[i] = addr(m.To[i])
	}
	for i := range m.Cc {
		m.Cc[i] = addr(m.Cc[i])
	}
	eraseMessageContent(m)
	return fmtMessage(m) != before
}

// eraseMessageContent erases what a message says: its subject, bodies,
// attachment names and the errors that may quote them.
func eraseMessageContent(m *Message) {
	m.Subject, m.Text, m.HTML = "", "", ""
	m.ParseError, m.Error, m.AutoReason = "", "", "" // an auto-reply's reason may name its sender
	m.Attachments = slices.Clone(m.Attachments)
	for i := range m.Attachments {
		m.Attachments[i].Name = fmt.Sprintf("attachment-%d%s", i+1, strings.ToLower(filepath.Ext(m.Attachments[i].Name)))
	}
	m.Attempts = slices.Clone(m.Attempts)
	for i := range m.Attempts {
		m.Attempts[i].Error = ""
	}
}

func fmtMessage(m *Message) string { return fmt.Sprintf("%#v", *m) }

// ErrExportExists refuses to export into a folder that holds files already.
var ErrExportExists = errors.New("the folder exists and is not empty")

// CustomerExported is a customer's data written into a folder.
type CustomerExported struct {
	Dir      string
	Customer Customer
	Cases    int
	Messages int
	Files    int
}

// AnonymiseResult is what anonymising one customer did.
type AnonymiseResult struct {
	Customer uint64   `json:"customer"`
	Cases    []string `json:"cases"`    // the numbers of the cases that changed
	Messages int      `json:"messages"` // messages erased
	Blobs    int      `json:"blobs"`    // stored files deleted (raw mail, attachments, letters, evidence)
	Already  bool     `json:"already"`  // nothing personal was left: nothing written, no event
}

// AnonymiseRefusedError refuses to anonymise a customer: a case of theirs is
// still open ("open"), or a message to them still waits to be sent
// ("mail_waiting").
type AnonymiseRefusedError struct {
	Customer uint64
	Reason   string
	Number   string
}

func (e *AnonymiseRefusedError) Error() string {
	return fmt.Sprintf("customer %s cannot be anonymised: case %s: %s", CustomerRef(e.Customer), e.Number, e.Reason)
}

// Unwrap makes it an ErrInvalid.
func (e *AnonymiseRefusedError) Unwrap() error { return ErrInvalid }

// Reasons of AnonymiseRefusedError.
const (
	AnonymiseOpenCase    = "open"
	AnonymiseMailWaiting = "mail_waiting"
)

// DefaultRetentionYears is how long closed cases keep personal data unless
// Settings say otherwise.
const DefaultRetentionYears = 2

// MaxRetentionYears is the longest retention the setting takes.
const MaxRetentionYears = 30

// Years is the retention setting, defaulted.
func (p PrivacySettings) Years() int {
	if p.RetentionYears <= 0 {
		return DefaultRetentionYears
	}
	return p.RetentionYears
}

// PrivacySettings is Settings → Privacy.
type PrivacySettings struct {
	RetentionYears int `json:"retention_years,omitzero"` // 0: DefaultRetentionYears
}

// RetentionCutoff is the date before which a case must have been closed to be
// due: now minus the retention years.
func RetentionCutoff(now time.Time, years int) time.Time { return now.AddDate(-years, 0, 0) }

// DueCase is a case whose retention ended and that still holds personal data.
type DueCase struct {
	Number     string    `json:"number"`
	CustomerID uint64    `json:"customer"`
	Status     Status    `json:"status"`
	ClosedAt   time.Time `json:"closed_at"`
}

// RetentionDue says which customers may be anonymised: those all of whose
// cases ended (closed, declined or resolved) before cutoff. A customer with
// a case still open or ended later is kept, with that case as the reason.
type RetentionDue struct {
	Cutoff time.Time     `json:"cutoff"`
	Due    []DueCustomer `json:"due"`
	Kept   []DueCustomer `json:"kept"`
}

// DueCustomer is one customer of RetentionDue.
type DueCustomer struct {
	Customer uint64    `json:"customer"`
	Cases    []DueCase `json:"cases"`            // their cases whose retention ended
	KeptBy   string    `json:"kept_by,omitzero"` // for a kept customer: the open or recent case
}

// CaseEnded is when the case ended (closed, or declined/resolved, the last
// status event), and whether it has.
func CaseEnded(c *Case) (time.Time, bool) {
	if c.Status.Open() {
		return time.Time{}, false
	}
	if !c.ClosedAt.IsZero() {
		return c.ClosedAt, true
	}
	for i := len(c.Timeline) - 1; i >= 0; i-- {
		if c.Timeline[i].Type == EventStatus {
			return c.Timeline[i].At, true
		}
	}
	return c.ReceivedAt, true
}

// HoldsPersonal reports whether the case still holds its customer's personal
// data (it was not anonymised, or something personal was added since).
func HoldsPersonal(c *Case) bool { return personalLeft(c) }

// Retention sorts the customers of cases by the rule of RetentionDue;
// customers whose cases hold nothing personal any more are left out.
func Retention(cases []*Case, cutoff time.Time) RetentionDue {
	type acc struct {
		due    []DueCase
		keptBy string
		any    bool
	}
	by := map[uint64]*acc{}
	var order []uint64
	for _, c := range cases {
		if c.CustomerID == 0 {
			continue
		}
		a := by[c.CustomerID]
		if a == nil {
			a = &acc{}
			by[c.CustomerID] = a
			order = append(order, c.CustomerID)
		}
		personal := HoldsPersonal(c)
		a.any = a.any || personal
		ended, ok := CaseEnded(c)
		if !ok || !ended.Before(cutoff) {
			if a.keptBy == "" || c.Number < a.keptBy {
				a.keptBy = c.Number
			}
			continue
		}
		if personal {
			a.due = append(a.due, DueCase{Number: c.Number, CustomerID: c.CustomerID, Status: c.Status, ClosedAt: ended})
		}
	}
	slices.Sort(order)
	out := RetentionDue{Cutoff: cutoff}
	for _, id := range order {
		a := by[id]
		if !a.any || len(a.due) == 0 {
			continue
		}
		slices.SortFunc(a.due, func(x, y DueCase) int { return strings.Compare(x.Number, y.Number) })
		d := DueCustomer{Customer: id, Cases: a.due, KeptBy: a.keptBy}
		if a.keptBy != "" {
			out.Kept = append(out.Kept, d)
		} else {
			out.Due = append(out.Due, d)
		}
	}
	return out
}
