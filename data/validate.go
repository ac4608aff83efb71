package data

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode"
)

// FieldError names the intake field that is wrong, so a form can mark it.
type FieldError struct {
	Field  string // "customer", "phone", "email", "subject", … (the keys of TextLimits and more)
	Reason string // a short English reason, for logs; people read present's sentence
	Code   string // what is wrong (Reason… constants); "" = the field's general message
	Max    int    // with ReasonTooLong: the most characters the field takes
	Value  string // the wrong value where a field holds several (a holiday's date), or ""
}

func (e *FieldError) Error() string { return fmt.Sprintf("%s: %s", e.Field, e.Reason) }

// Unwrap makes every field error an ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

func fieldErr(field, reason string, args ...any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf(reason, args...)}
}

// NormalizePhone keeps digits and a leading +, and drops China's +86 prefix, so the
// same customer is found however the number was typed.
func NormalizePhone(p string) string {
	var b strings.Builder
	for i, r := range strings.TrimSpace(p) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune(r - '０' + '0')
		case r == '+' && i == 0:
			b.WriteRune(r)
		}
	}
	s := b.String()
	for _, prefix := range []string{"+86", "0086"} {
		if strings.HasPrefix(s, prefix) && len(s)-len(prefix) == 11 {
			return s[len(prefix):]
		}
	}
	return s
}

// NormalizeEmail lower-cases an address for lookups.
func NormalizeEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// ValidatePhone accepts what people write: digits with spaces, dashes, brackets, a leading +.
func ValidatePhone(p string) error {
	p = strings.TrimSpace(p)
	if p == "" {
		return nil
	}
	if err := CheckText("phone", p); err != nil {
		return err
	}
	for _, r := range p {
		if !(unicode.IsDigit(r) || strings.ContainsRune("+-() ", r)) {
			return &FieldError{Field: "phone", Code: ReasonPhoneChars,
				Reason: "only digits, spaces, dashes, brackets and a leading + are allowed"}
		}
	}
	switch n := len(strings.TrimPrefix(NormalizePhone(p), "+")); {
	case n < MinPhoneDigits:
		return &FieldError{Field: "phone", Code: ReasonPhoneShort, Reason: fmt.Sprintf("%d digits: a phone number has 5 to 15", n)}
	case n > MaxPhoneDigits:
		return &FieldError{Field: "phone", Code: ReasonPhoneLong, Reason: fmt.Sprintf("%d digits: a phone number has 5 to 15", n)}
	}
	return nil
}

// ValidateEmail checks a bare address such as name@example.com.
func ValidateEmail(e string) error {
	e = strings.TrimSpace(e)
	if e == "" {
		return nil
	}
	if err := CheckText("email", e); err != nil {
		return err
	}
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || !strings.Contains(e[strings.LastIndex(e, "@"):], ".") {
		return fieldErr("email", "not an e-mail address")
	}
	return nil
}

// ValidateDate checks a YYYY-MM-DD date: its form, and not before 2000
// (CheckDay also refuses a date more than a year ahead).
func ValidateDate(field, d string) error { return CheckDay(field, d, time.Time{}) }

// Normalize trims the intake, fills defaults and checks every field.
func (n *NewCase) Normalize(st Settings, now time.Time) error {
	trim := func(s *string) { *s = strings.TrimSpace(*s) }
	for _, p := range []*string{&n.Category, &n.Currency, &n.Booking.Departure, &n.Owner, &n.By} {
		trim(p)
	}
	texts := []struct {
		field string
		s     *string
	}{{"customer", &n.Customer.Name}, {"subject", &n.Subject}, {"phone", &n.Customer.Phone},
		{"email", &n.Customer.Email}, {"wechat", &n.Customer.WeChat}, {"description", &n.Description},
		{"demand", &n.Demand}, {"booking", &n.Booking.Ref}, {"product", &n.Booking.Product},
		{"destination", &n.Booking.Destination}, {"guide", &n.Booking.Guide}, {"supplier", &n.Booking.Supplier}}
	for _, t := range texts {
		*t.s = CleanText(t.field, *t.s)
	}
	if n.Customer.Name == "" {
		return fieldErr("customer", "the customer's name is required")
	}
	if n.Subject == "" {
		return fieldErr("subject", "a subject is required")
	}
	for _, t := range texts {
		if err := CheckText(t.field, *t.s); err != nil {
			return err
		}
	}
	if !validKind(n.Kind) {
		return fieldErr("kind", "unknown kind %q", n.Kind)
	}
	if !validSeverity(n.Severity) {
		return fieldErr("severity", "unknown severity %q", n.Severity)
	}
	if !validChannel(n.Channel) {
		return fieldErr("channel", "unknown channel %q", n.Channel)
	}
	if n.Category == "" {
		n.Category = "other"
	}
	if _, ok := st.Category(n.Category); !ok {
		return fieldErr("category", "unknown category %q", n.Category)
	}
	if err := st.Assignable(n.Category); err != nil {
		return err // a retired category is kept on old cases, offered to no new one
	}
	if err := ValidatePhone(n.Customer.Phone); err != nil {
		return err
	}
	if err := ValidateEmail(n.Customer.Email); err != nil {
		return err
	}
	n.Booking.Departure = halfWidth(n.Booking.Departure)
	if err := CheckDay("departure", n.Booking.Departure, now); err != nil {
		return err
	}
	n.Booking.TripEnd = strings.TrimSpace(halfWidth(n.Booking.TripEnd))
	if err := CheckDay("trip_end", n.Booking.TripEnd, now); err != nil {
		return err
	}
	if n.Booking.Fee < 0 {
		return fieldErr("fee", "the tour fee must not be negative")
	}
	if n.Amount < 0 {
		return fieldErr("amount", "the amount must not be negative")
	}
	if n.Currency == "" {
		n.Currency = st.Currency
	}
	if !currencyRe.MatchString(n.Currency) {
		return fieldErr("currency", "a currency is a three-letter code such as CNY")
	}
	if n.ReceivedAt.IsZero() {
		n.ReceivedAt = now // not given; a face that read a time checks it with CheckReceived
	}
	if err := CheckReceived(n.ReceivedAt, now); err != nil {
		return err
	}
	if err := st.checkStaff("owner", n.Owner); err != nil {
		return err
	}
	if n.By == "" {
		n.By = n.Owner
	}
	return nil
}
