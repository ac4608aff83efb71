package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"casebook/data"
)

// Options are what checking a ledger needs besides the table and mapping.
type Options struct {
	Settings data.Settings
	Now      time.Time      // today, for dates in the future
	Loc      *time.Location // the agency's zone: a ledger's dates are its days; nil: Settings' zone
	By       string         // who imports: records the cases
	File     string         // the file's base name
	SHA256   string         // the file's content hash
	Sheet    string
}

// Problem is one thing wrong with a row, by row number and column.
type Problem struct {
	Line    int    // the row's number in the sheet
	Column  int    // 0-based; -1 for the row as a whole
	Header  string // the column's header as written
	Field   Field
	Code    string // a Code… constant
	Value   string // the cell as written
	Hint    string // what it was read as: a status, a category slug, a date, the closest words
	Err     error  // with CodeField: the case's own reason (a *data.FieldError)
	Warning bool   // the row is imported, the value read as Hint
}

// Row is one data row after checking.
type Row struct {
	Line     int
	Problems []Problem
	Case     *data.ImportedCase // nil when the row is refused
}

// Refused reports whether an error keeps the row out.
func (r Row) Refused() bool { return r.Case == nil }

// Checked is a whole table after checking.
type Checked struct {
	Rows    []Row
	Good    int // rows that can be imported
	Refused int // rows with an error
	Missing []Field
}

// Required are the fields a ledger must have a column for.
var Required = []Field{Customer, Received}

// Missing lists the required fields no column maps to.
func (m Mapping) Missing() []Field {
	var out []Field
	for _, f := range Required {
		if m.Column(f) < 0 {
			out = append(out, f)
		}
	}
	return out
}

// Check reads every row under the mapping into a case, or the problems that
// keep it out. Nothing is written; the store skips rows it already has.
func Check(t Table, m Mapping, o Options) Checked {
	loc := o.Loc
	if loc == nil {
		loc = o.Settings.Calendar.Zone()
	}
	orders := map[Field]struct {
		o    DayOrder
		sure bool
	}{}
	for _, f := range []Field{Received, Departure, TripEnd, Closed} {
		if c := m.Column(f); c >= 0 {
			vals := make([]string, len(t.Rows))
			for i, r := range t.Rows {
				vals[i] = r[c]
			}
			ord, sure := ColumnDayOrder(vals)
			orders[f] = struct {
				o    DayOrder
				sure bool
			}{ord, sure}
		}
	}
	out := Checked{Missing: m.Missing()}
	seenRef := map[string]int{}
	seenKey := map[string]int{}
	for i, cells := range t.Rows {
		rc := rowCheck{t: t, m: m, o: o, loc: loc, line: t.Lines[i], cells: cells}
		ic := rc.read(func(f Field) (DayOrder, bool) { x := orders[f]; return x.o, x.sure })
		if ic != nil {
			key := rowKey(t.Headers, cells)
			seenKey[key]++
			ic.Origin.RowKey = key + "#" + strconv.Itoa(seenKey[key])
			if ref := ic.Origin.Ref; ref != "" {
				if first, dup := seenRef[ref]; dup {
					rc.add(Ref, CodeDuplicateRef, false, strconv.Itoa(first), nil)
					ic = nil
				} else {
					seenRef[ref] = rc.line
				}
			}
		}
		row := Row{Line: rc.line, Problems: rc.problems, Case: ic}
		if row.Refused() {
			out.Refused++
		} else {
			out.Good++
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// rowKey is the hash of the row's cells under their headers: the same row
// in another copy of the file, or read with another mapping, has the same key.
func rowKey(headers, cells []string) string {
	h := sha256.New()
	for i, c := range cells {
		if c = strings.TrimSpace(c); c != "" && i < len(headers) {
			h.Write([]byte(headers[i] + "=" + c + "\x1f"))
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

type rowCheck struct {
	t        Table
	m        Mapping
	o        Options
	loc      *time.Location
	line     int
	cells    []string
	problems []Problem
	failed   bool
}

func (r *rowCheck) cell(f Field) string {
	if c := r.m.Column(f); c >= 0 && c < len(r.cells) {
		return strings.TrimSpace(r.cells[c])
	}
	return ""
}

func (r *rowCheck) add(f Field, code string, warning bool, hint string, err error) {
	p := Problem{Line: r.line, Column: -1, Field: f, Code: code, Hint: hint, Err: err, Warning: warning}
	if f != Ignore {
		p.Column = r.m.Column(f)
	}
	if p.Column >= 0 {
		p.Header = r.t.Headers[p.Column]
		p.Value = r.cells[p.Column]
	}
	r.problems = append(r.problems, p)
	if !warning {
		r.failed = true
	}
}

func (r *rowCheck) date(f Field, order func(Field) (DayOrder, bool)) time.Time {
	v := r.cell(f)
	if v == "" {
		if f == Received {
			r.add(f, CodeDateMissing, false, "", nil)
		}
		return time.Time{}
	}
	o, sure := order(f)
	t, code := ParseDate(v, o, sure, r.loc)
	switch code {
	case "":
	case CodeDateAmbiguous:
		r.add(f, code, true, t.Format(time.DateOnly), nil)
	default:
		r.add(f, code, false, "", nil)
	}
	return t
}

func (r *rowCheck) amount(f Field) data.Money {
	v := r.cell(f)
	a, ok := ParseAmount(v)
	if !ok {
		r.add(f, CodeAmountFormat, false, "", nil)
	}
	return a
}

// read builds the row's case, or nil when an error keeps it out.
func (r *rowCheck) read(order func(Field) (DayOrder, bool)) *data.ImportedCase {
	st := r.o.Settings
	n := data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal, Channel: data.ChannelWalkIn, By: r.o.By}
	n.Customer = data.Customer{Name: r.cell(Customer), Phone: r.cell(Phone), Email: r.cell(Email), WeChat: r.cell(WeChat)}
	if n.Customer.Name == "" {
		r.add(Customer, CodeNameMissing, false, "", nil)
	}
	received := r.date(Received, order)
	if !received.IsZero() && received.After(r.o.Now) {
		r.add(Received, CodeDateFuture, false, "", nil)
	}
	n.ReceivedAt = received
	for _, d := range []struct {
		f   Field
		dst *string
	}{{Departure, &n.Booking.Departure}, {TripEnd, &n.Booking.TripEnd}} {
		if t := r.date(d.f, order); !t.IsZero() {
			*d.dst = t.Format(time.DateOnly)
		}
	}
	done := r.date(Closed, order)
	if !done.IsZero() && !received.IsZero() && done.Format(time.DateOnly) < received.Format(time.DateOnly) {
		r.add(Closed, CodeDateOrder, false, "", nil)
	}
	n.Booking.Ref, n.Booking.Product, n.Booking.Destination = r.cell(BookingRef), r.cell(Product), r.cell(Destination)
	n.Booking.Guide, n.Booking.Supplier = r.cell(Guide), r.cell(Supplier)
	n.Booking.Fee = r.amount(Fee)
	comp := r.amount(Compensation)
	n.Description, n.Demand = r.cell(Description), r.cell(Demand)
	n.Subject = r.cell(Subject)
	if n.Subject == "" {
		n.Subject = subjectFrom(n.Description, n.Demand, n.Booking.Product)
	}
	if n.Subject == "" {
		r.add(Description, CodeNothing, false, "", nil)
	}
	status, code := ParseStatus(r.cell(Status))
	switch code {
	case CodeStatusClosest:
		r.add(Status, code, true, string(status), nil)
	case CodeStatusUnknown:
		r.add(Status, code, false, "", nil)
	}
	if status == "" { // none given: a closing date says it ended
		status = data.StatusNew
		if !done.IsZero() {
			status = data.StatusClosed
		}
	}
	if (status == data.StatusClosed || status == data.StatusResolved || status == data.StatusDeclined) && done.IsZero() && r.m.Column(Closed) >= 0 && !received.IsZero() {
		r.add(Closed, CodeClosedNoDate, true, received.Format(time.DateOnly), nil)
	}
	if v := r.cell(Category); v != "" {
		slug, code := ParseCategory(st, v)
		n.Category = slug
		if code != "" {
			r.add(Category, code, true, slug, nil)
		}
	}
	if v := r.cell(Channel); v != "" {
		if c, ok := ParseChannel(v); ok {
			n.Channel = c
		} else {
			r.add(Channel, CodeChannelUnknown, true, string(data.ChannelWalkIn), nil)
		}
	}
	if v := r.cell(Severity); v != "" {
		if s, ok := ParseSeverity(v); ok {
			n.Severity = s
		} else {
			r.add(Severity, CodeSeverityUnknown, true, string(data.SeverityNormal), nil)
		}
	}
	ledgerOwner := ""
	if v := r.cell(Owner); v != "" {
		if _, ok := st.StaffRole(v); ok {
			n.Owner = v
		} else {
			ledgerOwner = v
			r.add(Owner, CodeOwnerUnknown, true, "", nil)
		}
	}
	if n.By == "" {
		n.By = n.Owner
	}
	decision := data.CleanText("decision", r.cell(Decision))
	if err := data.CheckText("decision", decision); err != nil {
		r.add(Decision, CodeField, false, "", err)
	}
	if r.failed {
		return nil
	}
	if err := n.Normalize(st, r.o.Now); err != nil {
		var fe *data.FieldError
		f := Field("")
		if errors.As(err, &fe) {
			f = fieldOf(fe.Field)
		}
		r.add(f, CodeField, false, "", err)
		return nil
	}
	return &data.ImportedCase{New: n, Status: status, DoneAt: done, Decision: decision, Compensation: comp,
		LedgerOwner: ledgerOwner,
		Origin:      data.ImportOrigin{File: r.o.File, SHA256: r.o.SHA256, Sheet: r.o.Sheet, Row: r.line, Ref: r.cell(Ref)}}
}

// fieldOf is the ledger field a case's field error is about.
func fieldOf(caseField string) Field {
	switch caseField {
	case "booking":
		return BookingRef
	case "amount":
		return Compensation
	}
	f := Field(caseField)
	for _, x := range Fields {
		if x == f {
			return f
		}
	}
	return Ignore
}

// subjectFrom makes a subject from the first line of the first text a
// ledger has: its description, demand or product, cut at 60 characters.
func subjectFrom(texts ...string) string {
	for _, t := range texts {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if i := strings.IndexAny(t, "\r\n"); i >= 0 {
			t = t[:i]
		}
		if utf8.RuneCountInString(t) > 60 {
			t = string([]rune(t)[:59]) + "…"
		}
		return t
	}
	return ""
}
