package data

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// EventFindingsAmended records findings changed after the closure letter was
// issued: Args fields, total, currency as EventFindings; Note: the reason.
const EventFindingsAmended EventType = "findings_amended"

// ErrFindingsLocked refuses a change of the findings after the closure letter
// was issued: the case must be reopened, or the change recorded as an
// amendment with a reason.
var ErrFindingsLocked = fmt.Errorf("%w: the closure letter was issued: reopen the case or amend the findings with a reason", ErrTransition)

// FindingsLocked reports whether the findings are read-only: a closure letter
// was issued and the case has not been reopened since. What that letter
// printed is then what the case says, unless an amendment is recorded.
func (c *Case) FindingsLocked() bool {
	var letter time.Time
	for _, l := range c.Letters {
		if l.Type == LetterClosure && l.IssuedAt.After(letter) {
			letter = l.IssuedAt
		}
	}
	if letter.IsZero() {
		return false
	}
	for _, e := range c.Timeline {
		if e.Type == EventStatus && e.Old == string(StatusClosed) && e.New != string(StatusClosed) && !e.At.Before(letter) {
			return false // reopened after the letter
		}
	}
	return true
}

// Remedy kinds, in the order letters list them. Refund, penalty and goodwill
// are the three parts of compensation a closure letter breaks down.
const (
	RemedyApology     = "apology"
	RemedyRefund      = "refund"
	RemedyPenalty     = "penalty"  // under the agency's compensation standard
	RemedyGoodwill    = "goodwill" // a payment or gesture beyond what is owed
	RemedyVoucher     = "voucher"
	RemedyService     = "service" // a service remedy: rebooking, a replacement tour …
	RemedyImprovement = "improvement"
)

// RemedyKinds lists every remedy kind.
var RemedyKinds = []string{RemedyApology, RemedyRefund, RemedyPenalty, RemedyGoodwill, RemedyVoucher, RemedyService, RemedyImprovement}

// Responsibilities lists the findings an investigation can reach.
var Responsibilities = []Responsibility{ResponsibilityAgency, ResponsibilitySupplier, ResponsibilityCustomer,
	ResponsibilityForceMajeure, ResponsibilityShared}

// Findings is what the investigation found and the solution it led to: the
// part of a case the solution confirmation and closure letters print.
type Findings struct {
	Investigation  string         `json:"investigation,omitzero"` // how it was investigated, who was asked
	Facts          string         `json:"facts,omitzero"`         // the facts found
	Responsibility Responsibility `json:"responsibility,omitzero"`
	RootCause      string         `json:"root_cause,omitzero"`
	Decision       string         `json:"decision,omitzero"` // the solution in words
	Remedies       []Remedy       `json:"remedies,omitzero"`
	PaymentMethod  string         `json:"payment_method,omitzero"` // how compensation is paid
	PaymentDue     string         `json:"payment_due,omitzero"`    // YYYY-MM-DD by which it is paid
	Preventive     string         `json:"preventive,omitzero"`     // the preventive action taken
	EvidenceNeeded string         `json:"evidence_needed,omitzero"`
}

// Findings returns the case's findings.
func (c *Case) Findings() Findings {
	return Findings{
		Investigation: c.Investigation, Facts: c.Facts, Responsibility: c.Responsibility,
		RootCause: c.RootCause, Decision: c.Decision, Remedies: slices.Clone(c.Remedies),
		PaymentMethod: c.PaymentMethod, PaymentDue: c.PaymentDue, Preventive: c.Preventive,
		EvidenceNeeded: c.EvidenceNeeded,
	}
}

// Validate checks the findings before they are saved.
func (f *Findings) Validate() error {
	if f.Responsibility != ResponsibilityUnknown && !slices.Contains(Responsibilities, f.Responsibility) {
		return fieldErr("responsibility", "unknown responsibility %q", f.Responsibility)
	}
	if err := checkTexts([2]string{"investigation", f.Investigation}, [2]string{"facts", f.Facts},
		[2]string{"root_cause", f.RootCause}, [2]string{"decision", f.Decision},
		[2]string{"payment_method", f.PaymentMethod}, [2]string{"preventive", f.Preventive},
		[2]string{"evidence", f.EvidenceNeeded}); err != nil {
		return err
	}
	for i, r := range f.Remedies {
		if err := CheckText("remedy", r.Note); err != nil {
			return err
		}
		if err := CheckText("article", r.Article); err != nil {
			return err
		}
		if !slices.Contains(RemedyKinds, r.Kind) {
			return fieldErr("remedy", "remedy %d has unknown kind %q", i+1, r.Kind)
		}
		if r.Amount < 0 || r.Recovered < 0 {
			return fieldErr("remedy", "remedy %d has a negative amount", i+1)
		}
	}
	if f.PaymentDue != "" {
		if _, err := time.Parse(time.DateOnly, f.PaymentDue); err != nil {
			return fieldErr("payment_due", "write the payment date as YYYY-MM-DD")
		}
		if err := CheckDay("payment_due", f.PaymentDue, time.Time{}); err != nil {
			return err
		}
	}
	return nil
}

// Total is the sum of the remedies' amounts.
func (f *Findings) Total() Money {
	var t Money
	for _, r := range f.Remedies {
		t += r.Amount
	}
	return t
}

// SetFindings records the investigation's findings and the solution. Only the
// fields that changed are named on the timeline, so the history shows who
// decided what, and when.
func (c *Case) SetFindings(f Findings, by string, now time.Time) error {
	if c.FindingsLocked() {
		return ErrFindingsLocked
	}
	return c.setFindings(f, by, "", now)
}

// AmendFindings changes findings that the closure letter made read-only; the
// reason is required and goes on the timeline with what changed. On a case
// whose findings are not locked it is an ordinary change with the reason as
// its note.
func (c *Case) AmendFindings(f Findings, reason, by string, now time.Time) error {
	reason = CleanText("note", reason)
	if reason == "" {
		return fieldErr("amend_reason", "amending the findings needs a reason")
	}
	if err := CheckText("note", reason); err != nil {
		return err
	}
	return c.setFindings(f, by, reason, now)
}

func (c *Case) setFindings(f Findings, by, reason string, now time.Time) error {
	f.trim()
	if err := f.Validate(); err != nil {
		return err
	}
	if err := CheckDay("payment_due", f.PaymentDue, now); err != nil {
		return err
	}
	old := c.Findings()
	var changed []string
	note := func(name string, differs bool) {
		if differs {
			changed = append(changed, name)
		}
	}
	note("investigation", old.Investigation != f.Investigation)
	note("facts", old.Facts != f.Facts)
	note("responsibility", old.Responsibility != f.Responsibility)
	note("root_cause", old.RootCause != f.RootCause)
	note("decision", old.Decision != f.Decision)
	note("remedies", !slices.Equal(old.Remedies, f.Remedies))
	note("payment", old.PaymentMethod != f.PaymentMethod || old.PaymentDue != f.PaymentDue)
	note("preventive", old.Preventive != f.Preventive)
	note("evidence", old.EvidenceNeeded != f.EvidenceNeeded)
	if len(changed) == 0 {
		return nil
	}
	ev := Event{At: now, By: by, Type: EventFindings, Args: map[string]string{ArgFields: strings.Join(changed, ",")}}
	if reason != "" {
		ev.Type, ev.Note = EventFindingsAmended, reason
	}
	if old.Responsibility != f.Responsibility {
		ev.Old, ev.New = string(old.Responsibility), string(f.Responsibility)
	}
	if !slices.Equal(old.Remedies, f.Remedies) {
		ev.Args[ArgTotal], ev.Args[ArgCurrency] = f.Total().String(), c.Currency
	}
	c.Timeline = append(c.Timeline, ev)
	c.Investigation, c.Facts, c.Responsibility, c.RootCause = f.Investigation, f.Facts, f.Responsibility, f.RootCause
	c.Decision, c.Remedies, c.PaymentMethod, c.PaymentDue = f.Decision, f.Remedies, f.PaymentMethod, f.PaymentDue
	c.Preventive, c.EvidenceNeeded = f.Preventive, f.EvidenceNeeded
	return nil
}

func (f *Findings) trim() {
	for _, t := range []struct {
		field string
		s     *string
	}{{"investigation", &f.Investigation}, {"facts", &f.Facts}, {"root_cause", &f.RootCause},
		{"decision", &f.Decision}, {"payment_method", &f.PaymentMethod}, {"payment_due", &f.PaymentDue},
		{"preventive", &f.Preventive}, {"evidence", &f.EvidenceNeeded}} {
		*t.s = CleanText(t.field, *t.s)
	}
	f.Remedies = slices.Clone(f.Remedies)
	for i := range f.Remedies {
		f.Remedies[i].Kind = strings.TrimSpace(f.Remedies[i].Kind)
		f.Remedies[i].Note = strings.TrimSpace(f.Remedies[i].Note)
	}
	if len(f.Remedies) == 0 {
		f.Remedies = nil
	}
}
