package present

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"casebook/data"
)

// edited writes a corrected field: "Corrected the subject: 旧 → 新", each
// value as the field shows it (a kind, a channel, money, a time); long texts
// are cut short, the timeline keeps them whole.
func (p *P) edited(e data.Event) string {
	field := e.Arg(data.ArgField)
	if field == data.EditCustomerMoved {
		return p.T("event.edited_customer", "old", p.orNone(e.Old), "new", p.orNone(e.New))
	}
	show := func(v string) string {
		if v == "" {
			return p.None()
		}
		switch field {
		case "kind":
			return p.Kind(data.Kind(v))
		case "channel":
			return p.Channel(data.Channel(v))
		case "amount", "fee":
			if m, err := data.ParseMoney(v); err == nil {
				return p.Money(m, e.Arg(data.ArgCurrency))
			}
		case "received":
			if t, err := time.Parse(time.RFC3339, v); err == nil {
				return p.DateTime(t)
			}
		case "departure", "trip_end":
			return p.Day(v)
		}
		return p.T("event.quoted", "text", shorten(v, 60))
	}
	key := "event.edited"
	if e.Arg(data.ArgDeadlines) == data.DeadlinesRecalculated {
		key = "event.edited_recalculated"
	}
	return p.T(key, "field", p.FieldName(field), "old", show(e.Old), "new", show(e.New))
}

// evidence writes an attached file: its name and size.
func (p *P) evidence(e data.Event) string {
	n, _ := strconv.ParseInt(e.Arg(data.ArgSize), 10, 64)
	return p.T("event.evidence", "name", p.orNone(e.Arg(data.ArgName)), "size", p.Size(n))
}

func (p *P) orNone(s string) string {
	if s == "" {
		return p.None()
	}
	return s
}

// Size writes a file's size: "820 B", "1.4 MB".
func (p *P) Size(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
}

// shorten cuts a text to n characters on one line, ending in "…" when cut.
func shorten(s string, n int) string {
	s = data.OneLine(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// customerConflict says whose the phone or e-mail is.
func (p *P) customerConflict(e *data.CustomerConflictError) string {
	name := e.Other.Name
	if name == "" {
		name = p.None()
	}
	return p.T("error.customer_conflict", "value", e.Value, "field", p.FieldName(e.Field), "name", name)
}
