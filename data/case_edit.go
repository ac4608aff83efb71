package data

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// CaseEdit corrects what was recorded at intake: nil fields stay as they are.
// Every change is an EventEdited on the timeline with the old and the new
// value; either all changes apply or none does.
type CaseEdit struct {
	Name, Phone, Email, WeChat   *string // the customer
	Subject, Description, Demand *string
	Amount                       *Money
	Currency                     *string
	Ref, Product, Departure      *string // the booking
	Destination, Guide, Supplier *string
	Fee                          *Money  // the tour fee (booking)
	TripEnd                      *string // the trip's last day (booking), YYYY-MM-DD
	ReceivedAt                   *time.Time
	Channel                      *Channel
	Kind                         *Kind

	// Customer says what to do when the new phone or e-mail belongs to
	// another known customer: CustomerAsk refuses with a
	// *CustomerConflictError, so the person can choose. When the phone and
	// the e-mail belong to two different customers, CustomerMove moves the
	// case to the phone's.
	Customer CustomerChoice
}

// CustomerChoice is the answer to "this phone belongs to another customer".
type CustomerChoice string

const (
	CustomerAsk  CustomerChoice = ""     // refuse and say whose it is
	CustomerMove CustomerChoice = "move" // the case moves to that customer
	CustomerKeep CustomerChoice = "keep" // the case keeps its customer, who gets the new phone or e-mail
)

// CustomerChoices lists the answers a person can give.
var CustomerChoices = []CustomerChoice{CustomerMove, CustomerKeep}

// ErrCustomerConflict: the new phone or e-mail belongs to another customer.
var ErrCustomerConflict = errors.New("the phone or e-mail belongs to another customer")

// CustomerConflictError says that the phone or e-mail (Field) typed for the
// case's customer is another known customer's (Other): the person chooses
// to move the case to Other or to keep the customer with the new value.
type CustomerConflictError struct {
	Field string // "phone" or "email"
	Value string
	Other Customer
}

func (e *CustomerConflictError) Error() string {
	return fmt.Sprintf("the %s %s belongs to customer #%d %s: move the case or keep the customer", e.Field, e.Value, e.Other.ID, e.Other.Name)
}

// Unwrap makes it an ErrCustomerConflict.
func (e *CustomerConflictError) Unwrap() error { return ErrCustomerConflict }

// ErrClosed: a closed case is not changed until it is reopened.
var ErrClosed = errors.New("the case is closed")

// ClosedError refuses a change to a closed case.
type ClosedError struct{ Number string }

func (e *ClosedError) Error() string {
	return fmt.Sprintf("case %s is closed: reopen it to change it", e.Number)
}

// Unwrap makes it an ErrClosed.
func (e *ClosedError) Unwrap() error { return ErrClosed }

// KindError refuses a kind whose workflow never reaches the case's status.
type KindError struct {
	Kind   Kind
	Status Status
}

func (e *KindError) Error() string {
	return fmt.Sprintf("a %s case is never %s: the kind cannot be changed now", e.Kind, e.Status)
}

// Unwrap makes it an ErrTransition.
func (e *KindError) Unwrap() error { return ErrTransition }

// Edited fields, the values of an EventEdited's ArgField. The text fields use
// the names of TextLimits (and so of FieldError).
const (
	EditCustomerMoved = "customer_moved" // Old → New: "name #id" of the customers
)

// Empty reports whether nothing would change.
func (e CaseEdit) Empty() bool {
	for _, p := range e.texts() {
		if p.s != nil {
			return false
		}
	}
	return e.Amount == nil && e.Currency == nil && e.ReceivedAt == nil && e.Channel == nil && e.Kind == nil &&
		e.Fee == nil && e.TripEnd == nil
}

type editText struct {
	field string
	s     *string
}

// texts are the edit's text fields, by their field names, in the order of
// the form (and so of the events).
func (e CaseEdit) texts() []editText {
	return []editText{{"customer", e.Name}, {"phone", e.Phone}, {"email", e.Email}, {"wechat", e.WeChat},
		{"subject", e.Subject}, {"description", e.Description}, {"demand", e.Demand},
		{"booking", e.Ref}, {"product", e.Product}, {"departure", e.Departure},
		{"destination", e.Destination}, {"guide", e.Guide}, {"supplier", e.Supplier}}
}

// Normalize cleans every given field as intake does and checks it against
// the same limits; it returns the first error.
func (e *CaseEdit) Normalize(now time.Time) error {
	for _, t := range e.texts() {
		if t.s != nil {
			*t.s = CleanText(t.field, halfWidthIf(t.field, *t.s))
		}
	}
	if e.Name != nil && *e.Name == "" {
		return fieldErr("customer", "the customer's name is required")
	}
	if e.Subject != nil && *e.Subject == "" {
		return fieldErr("subject", "a subject is required")
	}
	for _, t := range e.texts() {
		if t.s == nil {
			continue
		}
		if err := CheckText(t.field, *t.s); err != nil {
			return err
		}
	}
	if e.Phone != nil {
		if err := ValidatePhone(*e.Phone); err != nil {
			return err
		}
	}
	if e.Email != nil {
		if err := ValidateEmail(*e.Email); err != nil {
			return err
		}
	}
	if e.Departure != nil {
		if err := CheckDay("departure", *e.Departure, now); err != nil {
			return err
		}
	}
	if e.Amount != nil && *e.Amount < 0 {
		return fieldErr("amount", "the amount must not be negative")
	}
	if e.TripEnd != nil {
		*e.TripEnd = strings.TrimSpace(halfWidth(*e.TripEnd))
		if err := CheckDay("trip_end", *e.TripEnd, now); err != nil {
			return err
		}
	}
	if e.Fee != nil && *e.Fee < 0 {
		return fieldErr("fee", "the tour fee must not be negative")
	}
	if e.Currency != nil {
		*e.Currency = strings.ToUpper(strings.TrimSpace(*e.Currency))
		if !currencyRe.MatchString(*e.Currency) {
			return fieldErr("currency", "a currency is a three-letter code such as CNY")
		}
	}
	if e.ReceivedAt != nil {
		if err := CheckReceived(*e.ReceivedAt, now); err != nil {
			return err
		}
	}
	if e.Channel != nil && !validChannel(*e.Channel) {
		return fieldErr("channel", "unknown channel %q", *e.Channel)
	}
	if e.Kind != nil && !validKind(*e.Kind) {
		return fieldErr("kind", "unknown kind %q", *e.Kind)
	}
	if e.Customer != CustomerAsk && !slices.Contains(CustomerChoices, e.Customer) {
		return fieldErr("customer_choice", "unknown choice %q", e.Customer)
	}
	return nil
}

// halfWidthIf makes the digits of a date full-width-safe, as intake does.
func halfWidthIf(field, s string) string {
	if field == "departure" {
		return halfWidth(s)
	}
	return s
}

// KindReaches reports whether a case of kind can ever be in status s: the
// workflow, walked from "new" with the kind's own rules, reaches it.
func KindReaches(kind Kind, s Status) bool {
	seen := map[Status]bool{StatusNew: true}
	todo := []Status{StatusNew}
	for len(todo) > 0 {
		from := todo[0]
		todo = todo[1:]
		for _, to := range NextStatuses(kind, from) {
			if !seen[to] {
				seen[to] = true
				todo = append(todo, to)
			}
		}
	}
	return seen[s]
}

// CustomerLookup finds known customers by a normalised phone or e-mail, for
// Edit to tell a new contact from another customer's.
type CustomerLookup interface {
	ByPhone(normalized string) (Customer, bool)
	ByEmail(normalized string) (Customer, bool)
}

// EditOutcome is what an edit did to the case's customer, for the store to
// write: the customer record as it is now (the case's own, or the one the
// case moved to) and, when the case moved, the customer it left.
type EditOutcome struct {
	Customer  Customer
	MovedFrom uint64 // 0 when the case kept its customer
	Changed   bool   // whether anything changed at all
}

// Edit applies a normalised edit (see CaseEdit.Normalize) to the case, one
// EventEdited per changed field. A closed case is refused; a kind whose
// workflow never reaches the case's status is refused; a new received time
// restarts the running clocks from it, as a severity change does. cust is
// the case's customer record; known finds other customers.
func (c *Case) Edit(e CaseEdit, st Settings, cust Customer, known CustomerLookup, by string, now time.Time) (EditOutcome, error) {
	if c.Status == StatusClosed {
		return EditOutcome{}, &ClosedError{Number: c.Number}
	}
	if cust.ID == 0 {
		cust = c.Customer
		cust.ID = c.CustomerID
	}
	out := EditOutcome{Customer: cust}
	if e.Kind != nil && *e.Kind != c.Kind && !KindReaches(*e.Kind, c.Status) {
		return EditOutcome{}, &KindError{Kind: *e.Kind, Status: c.Status}
	}
	var events []Event
	record := func(field, old, new string) {
		if old == new {
			return
		}
		events = append(events, Event{At: now, By: by, Type: EventEdited, Old: old, New: new,
			Args: map[string]string{ArgField: field}})
	}

	// The customer: another customer's phone or e-mail asks what to do.
	target := c.Customer
	for _, contact := range []struct {
		field string
		value *string
		find  func(string) (Customer, bool)
		norm  func(string) string
		old   string
	}{
		{"phone", e.Phone, known.ByPhone, NormalizePhone, c.Customer.Phone},
		{"email", e.Email, known.ByEmail, NormalizeEmail, c.Customer.Email},
	} {
		if contact.value == nil || *contact.value == "" || contact.norm(*contact.value) == contact.norm(contact.old) {
			continue
		}
		other, ok := contact.find(contact.norm(*contact.value))
		if !ok || other.ID == c.CustomerID || other.ID == out.Customer.ID {
			continue
		}
		switch e.Customer {
		case CustomerAsk:
			return EditOutcome{}, &CustomerConflictError{Field: contact.field, Value: *contact.value, Other: other}
		case CustomerMove:
			if out.MovedFrom != 0 {
				// The phone moved the case already; the e-mail, another
				// customer's too, goes with it as a new contact (as "keep").
				continue
			}
			record(EditCustomerMoved, customerTag(out.Customer), customerTag(other))
			out.MovedFrom = c.CustomerID
			out.Customer = other
			c.CustomerID = other.ID
			target = other
		}
	}
	for _, f := range []struct {
		field string
		value *string
		dst   *string
	}{
		{"customer", e.Name, &target.Name}, {"phone", e.Phone, &target.Phone},
		{"email", e.Email, &target.Email}, {"wechat", e.WeChat, &target.WeChat},
	} {
		old := c.Customer.Phone
		switch f.field {
		case "customer":
			old = c.Customer.Name
		case "email":
			old = c.Customer.Email
		case "wechat":
			old = c.Customer.WeChat
		}
		if f.value != nil {
			*f.dst = *f.value
		}
		record(f.field, old, *f.dst)
	}
	target.ID = c.CustomerID
	c.Customer = target
	// The customer record learns the new details (name, contacts) typed here.
	rec := out.Customer
	if e.Name != nil {
		rec.Name = target.Name
	}
	for _, f := range []struct {
		value *string
		dst   *string
	}{{e.Phone, &rec.Phone}, {e.Email, &rec.Email}, {e.WeChat, &rec.WeChat}} {
		if f.value != nil && *f.value != "" {
			*f.dst = *f.value
		}
	}
	out.Customer = rec

	// The case's own fields.
	for _, f := range []struct {
		field string
		value *string
		dst   *string
	}{
		{"subject", e.Subject, &c.Subject}, {"description", e.Description, &c.Description},
		{"demand", e.Demand, &c.Demand}, {"booking", e.Ref, &c.Booking.Ref},
		{"product", e.Product, &c.Booking.Product}, {"departure", e.Departure, &c.Booking.Departure},
		{"destination", e.Destination, &c.Booking.Destination}, {"guide", e.Guide, &c.Booking.Guide},
		{"supplier", e.Supplier, &c.Booking.Supplier},
	} {
		if f.value != nil {
			record(f.field, *f.dst, *f.value)
			*f.dst = *f.value
		}
	}
	if e.Currency != nil && *e.Currency != c.Currency {
		record("currency", c.Currency, *e.Currency)
		c.Currency = *e.Currency
	}
	if e.Amount != nil && *e.Amount != c.Amount {
		events = append(events, Event{At: now, By: by, Type: EventEdited, Old: c.Amount.String(), New: e.Amount.String(),
			Args: map[string]string{ArgField: "amount", ArgCurrency: c.Currency}})
		c.Amount = *e.Amount
	}
	if e.Fee != nil && *e.Fee != c.Booking.Fee {
		events = append(events, Event{At: now, By: by, Type: EventEdited, Old: c.Booking.Fee.String(), New: e.Fee.String(),
			Args: map[string]string{ArgField: "fee", ArgCurrency: c.Currency}})
		c.Booking.Fee = *e.Fee
	}
	if e.TripEnd != nil {
		record("trip_end", c.Booking.TripEnd, *e.TripEnd)
		c.Booking.TripEnd = *e.TripEnd
	}
	if e.Channel != nil {
		record("channel", string(c.Channel), string(*e.Channel))
		c.Channel = *e.Channel
	}
	if e.Kind != nil {
		record("kind", string(c.Kind), string(*e.Kind))
		c.Kind = *e.Kind
	}
	if e.ReceivedAt != nil && !e.ReceivedAt.Equal(c.ReceivedAt) {
		at := e.ReceivedAt.Round(0)
		ev := Event{At: now, By: by, Type: EventEdited, Old: c.ReceivedAt.Format(time.RFC3339), New: at.Format(time.RFC3339),
			Args: map[string]string{ArgField: "received"}}
		c.ReceivedAt = at
		if c.Status.Open() && c.restartClocks(st) {
			ev.Args[ArgDeadlines] = DeadlinesRecalculated
		}
		events = append(events, ev)
	}
	c.Timeline = append(c.Timeline, events...)
	out.Changed = len(events) > 0
	return out, nil
}

// restartClocks starts the running clocks again from the received time with
// the case's targets (paused and stopped clocks keep theirs); it reports
// whether any was restarted.
func (c *Case) restartClocks(st Settings) bool {
	cat, _ := st.Category(c.Category)
	t := st.Policy.TargetsFor(c.Severity, &cat)
	urgent := c.Severity == SeverityUrgent
	restarted := false
	for _, cl := range []struct {
		clock  *Clock
		target Duration
	}{{&c.FirstResponse, t.FirstResponse}, {&c.Resolution, t.Resolution}} {
		if cl.clock.Running() {
			*cl.clock = startClock(st, c.ReceivedAt, cl.target, urgent)
			restarted = true
		}
	}
	return restarted
}

// customerTag names a customer on the timeline: "王小明 #3".
func customerTag(c Customer) string {
	return strings.TrimSpace(fmt.Sprintf("%s #%d", c.Name, c.ID))
}
