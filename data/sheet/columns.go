// Package sheet writes cases as spreadsheet rows: one row per case with
// every field a case has, as an XLSX sheet (excelize's streaming writer, so
// no row cap and bounded memory) or as CSV (UTF-8 with a BOM, so Excel opens
// Chinese correctly). Headers and coded values are written in the chosen
// language through data/present, which reads the one translation catalogue.
//
// The report workbook reuses WriteCasesSheet: it adds its summary sheets to
// an *excelize.File and then streams the Cases sheet into the same file.
package sheet

import (
	"slices"
	"strings"
	"time"

	"casebook/data"
	"casebook/data/present"
)

// Type says how a column's values are written.
type Type int

const (
	Text     Type = iota // a string, written as text (never a number or a formula)
	DateTime             // a moment, written as a date with time in the agency's zone
	Date                 // a calendar day
	Amount               // a data.Money, written as a number with two decimals
	Count                // a whole number
)

// Column is one column of the case rows: its catalogue key (the header is
// the key's text in the chosen language), its type and its width in XLSX.
type Column struct {
	Key   string
	Type  Type
	Width float64
}

// Header is the column's title in the presenter's language.
func (c Column) Header(p *present.P) string { return p.T("export.col." + c.Key) }

// Columns are the case rows' columns, in order. remedyColumns fills in one
// amount column per remedy kind after "remedies_total".
var Columns = buildColumns()

func buildColumns() []Column {
	cols := []Column{
		{"number", Text, 14}, {"status", Text, 10}, {"kind", Text, 10}, {"category", Text, 14},
		{"channel", Text, 10}, {"severity", Text, 8}, {"received", DateTime, 17},
		{"first_due", DateTime, 17}, {"first_met", DateTime, 17}, {"first_state", Text, 10},
		{"resolution_due", DateTime, 17}, {"resolution_met", DateTime, 17}, {"resolution_state", Text, 10},
		{"owner", Text, 10}, {"escalation", Text, 10}, {"waiting", Text, 10},
		{"customer_name", Text, 12}, {"customer_phone", Text, 15}, {"customer_email", Text, 22},
		{"customer_wechat", Text, 14}, {"customer_ref", Text, 9},
		{"booking_ref", Text, 14}, {"product", Text, 20}, {"departure", Date, 11}, {"trip_end", Date, 11},
		{"destination", Text, 12}, {"guide", Text, 10}, {"supplier", Text, 16}, {"fee", Amount, 12},
		{"subject", Text, 30}, {"description", Text, 40}, {"demand", Text, 30},
		{"amount_claimed", Amount, 12}, {"currency", Text, 7},
		{"responsibility", Text, 12}, {"root_cause", Text, 30}, {"investigation", Text, 30}, {"facts", Text, 30},
		{"decision", Text, 30}, {"remedies_total", Amount, 12},
	}
	for _, k := range data.RemedyKinds {
		cols = append(cols, Column{"remedy_" + k, Amount, 11})
	}
	return append(cols,
		Column{"recovered", Amount, 12}, Column{"net_cost", Amount, 12},
		Column{"payment_method", Text, 14}, Column{"payment_due", Date, 11}, Column{"preventive", Text, 30},
		Column{"rating", Count, 7}, Column{"rating_reason", Text, 24},
		Column{"followup_at", DateTime, 17}, Column{"followup_channel", Text, 10}, Column{"followup_by", Text, 10},
		Column{"followup_reached", Text, 8}, Column{"followup_remarks", Text, 30}, Column{"followup_visits", Count, 8},
		Column{"followup_state", Text, 12},
		Column{"referral_source", Text, 12}, Column{"referral_number", Text, 14}, Column{"referral_notice", Date, 11},
		Column{"referral_reply_due", DateTime, 17}, Column{"referral_replied", DateTime, 17},
		Column{"closed_at", DateTime, 17}, Column{"letters", Text, 30}, Column{"evidence", Count, 8},
		Column{"language", Text, 10}, Column{"awaiting_approval", Amount, 12}, Column{"events", Count, 8},
	)
}

// Options are what every row needs besides the case.
type Options struct {
	Lang     string        // zh-Hans, zh-Hant or en
	Settings data.Settings // the categories' names
	Loc      *time.Location
	Now      time.Time // deadline states are evaluated at Now
	// Progress, when set, is called after every 1,000 rows and at the end.
	Progress func(done int)
}

// Source calls yield with each case in turn and stops at its first error;
// a store streams cases through it without holding them all.
type Source func(yield func(*data.Case) error) error

// Row is a case's values, one per column of Columns: a string (Text), a
// time.Time (DateTime and Date; zero is empty), a data.Money (Amount) or an
// int (Count; a rating of 0 is empty). Empty text is "".
type Row []any

// CaseRow builds a case's row.
func CaseRow(c *data.Case, p *present.P, opt Options) Row {
	return appendCaseRow(make(Row, 0, len(Columns)), c, p, opt)
}

// appendCaseRow appends a case's row to row (the writers pass the previous
// row emptied, so a 100,000-case export allocates one row, not 100,000).
func appendCaseRow(row Row, c *data.Case, p *present.P, opt Options) Row {
	loc := opt.Loc
	if loc == nil {
		loc = time.Local
	}
	day := func(s string) any { // a YYYY-MM-DD field; anything else stays as typed
		if s == "" {
			return time.Time{}
		}
		if d, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
			return d
		}
		return s
	}
	due := func(cl data.Clock) time.Time {
		if t, ok := cl.Deadline(); ok && cl.MetAt.IsZero() {
			return t
		}
		return time.Time{}
	}
	state := func(cl data.Clock) string {
		if cl.Target == 0 {
			return ""
		}
		return p.ClockState(cl.State(opt.Now))
	}
	resolved := time.Time{}
	if c.Status == data.StatusResolved || c.Status == data.StatusClosed {
		resolved = c.Resolution.MetAt
	}
	f := c.Findings()
	// Amounts by remedy kind in data.RemedyKinds' order: a slice, not a
	// map per row (an unknown kind counts in the total only, as before).
	byKind := make([]data.Money, len(data.RemedyKinds))
	var recovered data.Money
	for _, r := range f.Remedies {
		if i := slices.Index(data.RemedyKinds, r.Kind); i >= 0 {
			byKind[i] += r.Amount
		}
		recovered += r.Recovered
	}
	customerRef := ""
	if c.CustomerID != 0 {
		customerRef = data.CustomerRef(c.CustomerID)
	}
	waiting := ""
	if c.Waiting != data.WaitingNone {
		waiting = p.Waiting(c.Waiting)
	}
	responsibility := ""
	if c.Responsibility != data.ResponsibilityUnknown {
		responsibility = p.Responsibility(c.Responsibility)
	}
	row = append(row,
		c.Number, p.Status(c.Status), p.Kind(c.Kind), p.Category(opt.Settings, c.Category),
		p.Channel(c.Channel), p.Severity(c.Severity), c.ReceivedAt,
		due(c.FirstResponse), c.FirstResponse.MetAt, state(c.FirstResponse),
		due(c.Resolution), resolved, state(c.Resolution),
		c.Owner, p.Escalation(c.Escalation), waiting,
		c.Customer.Name, c.Customer.Phone, c.Customer.Email, c.Customer.WeChat, customerRef,
		c.Booking.Ref, c.Booking.Product, day(c.Booking.Departure), day(c.Booking.TripEnd),
		c.Booking.Destination, c.Booking.Guide, c.Booking.Supplier, c.Booking.Fee,
		c.Subject, c.Description, c.Demand, c.Amount, c.Currency,
		responsibility, f.RootCause, f.Investigation, f.Facts, f.Decision, f.Total(),
	)
	for _, m := range byKind {
		row = append(row, m)
	}
	var rating any // empty until the customer rated
	if c.Satisfaction.Rating > 0 {
		rating = c.Satisfaction.Rating
	}
	row = append(row, recovered, f.Total()-recovered, f.PaymentMethod, day(f.PaymentDue), f.Preventive,
		rating, c.Satisfaction.Reason)
	row = append(row, followUp(c, p)...)
	var src, refNo, refReplied any = "", "", time.Time{}
	var refNotice any = time.Time{}
	refDue := time.Time{}
	if r := c.Referral; r.Recorded() {
		src, refNo, refNotice, refReplied = p.ReferralSource(r.Source), r.Number, day(r.Notice), r.Reply.MetAt
		refDue = due(r.Reply)
	}
	row = append(row, src, refNo, refNotice, refDue, refReplied, c.ClosedAt, letters(c, p, loc), len(c.Evidence),
		p.Language(c.Language), awaiting(c), len(c.Timeline))
	return row
}

// followUp is the latest return visit: when, how, by whom, whether the
// customer was reached, what they said; how many visits; and the round's state.
func followUp(c *data.Case, p *present.P) Row {
	fu := c.FollowUp
	st := ""
	switch {
	case fu.Waived:
		st = p.T("export.followup.waived")
	case fu.Unreachable:
		st = p.T("export.followup.unreachable")
	case !fu.ResolvedAt.IsZero() && fu.Done():
		st = p.T("export.followup.done")
	case !fu.ResolvedAt.IsZero():
		st = p.T("export.followup.pending")
	}
	if len(fu.Visits) == 0 {
		return Row{time.Time{}, "", "", "", "", 0, st}
	}
	v := fu.Visits[len(fu.Visits)-1]
	reached := p.T("export.no")
	if v.Reached {
		reached = p.T("export.yes")
	}
	return Row{v.At, p.FollowUpChannel(v.Channel), v.By, reached, v.Remarks, len(fu.Visits), st}
}

// letters lists the letters issued: kind and day, oldest first.
func letters(c *data.Case, p *present.P, loc *time.Location) string {
	out := make([]string, 0, len(c.Letters))
	for _, l := range c.Letters {
		out = append(out, p.Letter(l.Type)+" "+l.IssuedAt.In(loc).Format(time.DateOnly))
	}
	return strings.Join(out, "; ")
}

// awaiting is the total of a solution waiting for approval, else zero.
func awaiting(c *data.Case) data.Money {
	if !c.Approval.Awaiting {
		return 0
	}
	return c.Approval.Total
}

// headers are the columns' titles in the presenter's language.
func headers(p *present.P) []string {
	out := make([]string, len(Columns))
	for i, c := range Columns {
		out[i] = c.Header(p)
	}
	return out
}

// ColumnIndex is the index of the column with this key, or -1.
func ColumnIndex(key string) int {
	return slices.IndexFunc(Columns, func(c Column) bool { return c.Key == key })
}
