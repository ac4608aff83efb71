// Package report computes the agency's figures for a period — volume,
// timeliness, outcomes, satisfaction, compensation, staff, hotspots and the
// trend — once, from small per-case facts, so that every output (CLI text,
// JSON, PDF, XLSX, the Reports screen) shows the same numbers. Each countable
// figure carries a drill-down key; Cases lists the cases behind it.
package report

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"casebook/data"
)

// PeriodKind is how a period was chosen.
type PeriodKind string

const (
	PeriodMonth   PeriodKind = "month"
	PeriodQuarter PeriodKind = "quarter"
	PeriodYear    PeriodKind = "year"
	PeriodCustom  PeriodKind = "custom"
)

// Period is a span of whole days in the agency's zone: From inclusive, To
// exclusive (midnight after the last day).
type Period struct {
	Kind PeriodKind
	From time.Time
	To   time.Time
}

// ErrPeriod marks a period that cannot be read; it is a data.ErrInvalid.
var ErrPeriod = fmt.Errorf("%w: period", data.ErrInvalid)

var (
	monthRe   = regexp.MustCompile(`^(\d{4})-(\d{1,2})$`)
	quarterRe = regexp.MustCompile(`^(\d{4})-[Qq]([1-4])$`)
	yearRe    = regexp.MustCompile(`^(\d{4})$`)
)

// Month is the calendar month of y, m in loc.
func Month(y int, m time.Month, loc *time.Location) Period {
	from := time.Date(y, m, 1, 0, 0, 0, 0, loc)
	return Period{Kind: PeriodMonth, From: from, To: from.AddDate(0, 1, 0)}
}

// MonthOf is the month containing t, in loc.
func MonthOf(t time.Time, loc *time.Location) Period {
	t = t.In(loc)
	return Month(t.Year(), t.Month(), loc)
}

// ParsePeriod reads "2026-11" (a month), "2026-Q4" (a quarter) or "2026" (a
// year) in loc.
func ParsePeriod(s string, loc *time.Location) (Period, error) {
	s = strings.TrimSpace(s)
	if m := monthRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 {
			return Period{}, fmt.Errorf("%w %q: month %d is not 1–12", ErrPeriod, s, mo)
		}
		return Month(y, time.Month(mo), loc), nil
	}
	if m := quarterRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		q, _ := strconv.Atoi(m[2])
		from := time.Date(y, time.Month(3*(q-1)+1), 1, 0, 0, 0, 0, loc)
		return Period{Kind: PeriodQuarter, From: from, To: from.AddDate(0, 3, 0)}, nil
	}
	if m := yearRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		from := time.Date(y, 1, 1, 0, 0, 0, 0, loc)
		return Period{Kind: PeriodYear, From: from, To: from.AddDate(1, 0, 0)}, nil
	}
	return Period{}, fmt.Errorf("%w %q: write a month (2026-11), a quarter (2026-Q4) or a year (2026)", ErrPeriod, s)
}

// CustomPeriod is from's day through to's day, both inclusive, given as
// YYYY-MM-DD in loc.
func CustomPeriod(from, to string, loc *time.Location) (Period, error) {
	f, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(from), loc)
	if err != nil {
		return Period{}, fmt.Errorf("%w: from %q is not a date YYYY-MM-DD", ErrPeriod, from)
	}
	t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(to), loc)
	if err != nil {
		return Period{}, fmt.Errorf("%w: to %q is not a date YYYY-MM-DD", ErrPeriod, to)
	}
	if t.Before(f) {
		return Period{}, fmt.Errorf("%w: %s is before %s", ErrPeriod, to, from)
	}
	return Period{Kind: PeriodCustom, From: f, To: t.AddDate(0, 0, 1)}, nil
}

// Previous is the period just before, of the same kind: the month, quarter
// or year before, or as many days before a custom period.
func (p Period) Previous() Period {
	switch p.Kind {
	case PeriodMonth:
		return Period{Kind: p.Kind, From: p.From.AddDate(0, -1, 0), To: p.From}
	case PeriodQuarter:
		return Period{Kind: p.Kind, From: p.From.AddDate(0, -3, 0), To: p.From}
	case PeriodYear:
		return Period{Kind: p.Kind, From: p.From.AddDate(-1, 0, 0), To: p.From}
	}
	days := p.Days()
	return Period{Kind: p.Kind, From: p.From.AddDate(0, 0, -days), To: p.From}
}

// Days is the number of calendar days in the period.
func (p Period) Days() int {
	n := 0
	for d := p.From; d.Before(p.To); d = d.AddDate(0, 0, 1) {
		n++
	}
	return n
}

// Contains reports whether t falls in [From, To).
func (p Period) Contains(t time.Time) bool {
	return !t.IsZero() && !t.Before(p.From) && t.Before(p.To)
}

// Last is the period's last day (To minus one day).
func (p Period) Last() time.Time { return p.To.AddDate(0, 0, -1) }

// Label names the period: "2026-11", "2026-Q4", "2026" or "2026-11-01..2026-11-30".
func (p Period) Label() string {
	switch p.Kind {
	case PeriodMonth:
		return p.From.Format("2006-01")
	case PeriodQuarter:
		return fmt.Sprintf("%d-Q%d", p.From.Year(), (int(p.From.Month())-1)/3+1)
	case PeriodYear:
		return p.From.Format("2006")
	}
	return p.From.Format(time.DateOnly) + ".." + p.Last().Format(time.DateOnly)
}

// Months lists the months ("2026-11") the period touches.
func (p Period) Months() []string {
	var out []string
	for m := time.Date(p.From.Year(), p.From.Month(), 1, 0, 0, 0, 0, p.From.Location()); m.Before(p.To); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out
}

// Valid reports whether the period has a start before its end.
func (p Period) Valid() error {
	if p.From.IsZero() || !p.From.Before(p.To) {
		return errors.Join(ErrPeriod, errors.New("empty period"))
	}
	return nil
}

// PeriodJSON is a period as Figures write it: dates in the agency's zone,
// "to" inclusive (the last day).
type PeriodJSON struct {
	Kind  PeriodKind `json:"kind"`
	Label string     `json:"label"`
	From  string     `json:"from"`
	To    string     `json:"to"`
}

// JSON is the period as Figures write it.
func (p Period) JSON() PeriodJSON {
	return PeriodJSON{Kind: p.Kind, Label: p.Label(), From: p.From.Format(time.DateOnly), To: p.Last().Format(time.DateOnly)}
}

// Since is the earliest time whose cases can count in p's figures: the
// previous period, the twelve months of the trend and the repeat window
// before p all start after it. A case received earlier counts only while it
// was still open then (Compute needs no other; the store skips the rest).
func (p Period) Since(st data.Settings) time.Time {
	since := p.Previous().From
	loc := p.From.Location()
	if t := MonthOf(p.Last(), loc).From.AddDate(0, -(TrendMonths - 1), 0); t.Before(since) {
		since = t
	}
	if t := p.From.AddDate(0, -st.Customers.Months(), 0); t.Before(since) {
		since = t
	}
	return since
}
