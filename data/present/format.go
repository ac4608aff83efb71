package present

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"casebook/data"
)

// Date writes a day the way the language writes it: 2 January 2006, 2006年1月2日.
func (p *P) Date(tm time.Time) string {
	if tm.IsZero() {
		return p.None()
	}
	if p.lang == "en" {
		return tm.Format("2 January 2006")
	}
	return fmt.Sprintf("%d年%d月%d日", tm.Year(), tm.Month(), tm.Day())
}

// DateTime writes a moment to the minute.
func (p *P) DateTime(tm time.Time) string {
	if tm.IsZero() {
		return p.None()
	}
	if p.lang == "en" {
		return tm.Format("2 Jan 2006 15:04")
	}
	return p.Date(tm) + " " + tm.Format("15:04")
}

// Day writes a YYYY-MM-DD field (a departure, a payment date); anything
// else is shown as it is.
func (p *P) Day(s string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return p.Date(d)
}

// Money writes an amount with its currency: "人民币 1,200.00 元", "CNY 1,200.00".
func (p *P) Money(m data.Money, currency string) string {
	n := groupThousands(m.String())
	if p.lang != "en" && (currency == "CNY" || currency == "") {
		return p.T("money.cny", "amount", n)
	}
	if currency == "" {
		currency = "CNY"
	}
	return currency + " " + n
}

// groupThousands writes 1234567.50 as 1,234,567.50.
func groupThousands(s string) string {
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// Duration writes 9 h 30 min, or 7 d for whole calendar days when days is set.
func (p *P) Duration(dur time.Duration, days bool) string {
	if dur < 0 {
		return p.T("archive.dur.over", "d", p.Duration(-dur, days))
	}
	dur = dur.Round(time.Minute)
	if days && dur >= 24*time.Hour && dur%(24*time.Hour) == 0 {
		return p.T("archive.dur.days", "n", strconv.Itoa(int(dur/(24*time.Hour))))
	}
	h, m := int(dur/time.Hour), int(dur%time.Hour/time.Minute)
	var parts []string
	if h > 0 {
		parts = append(parts, p.T("archive.dur.hours", "n", strconv.Itoa(h)))
	}
	if m > 0 || h == 0 {
		parts = append(parts, p.T("archive.dur.minutes", "n", strconv.Itoa(m)))
	}
	return strings.Join(parts, " ")
}

// ClockState names a deadline's state: on track, due soon, overdue, paused, met…
func (p *P) ClockState(s data.ClockState) string { return p.T("archive.clock." + s.String()) }

// Clock says where a deadline stands at now, times in loc: its due time and
// state while it runs, the time left while paused, whether it was met.
func (p *P) Clock(cl data.Clock, now time.Time, loc *time.Location) string {
	st := cl.State(now)
	switch {
	case st == data.ClockNone:
		return p.ClockState(st)
	case st == data.ClockMet || st == data.ClockMetLate:
		return p.T("clock.met", "state", p.ClockState(st), "date", p.DateTime(cl.MetAt.In(loc)))
	case st == data.ClockPaused:
		return p.T("archive.clock.paused_left", "date", p.DateTime(cl.PausedAt.In(loc)), "d", p.Duration(cl.Remaining, cl.CalendarTime))
	}
	return p.T("clock.due", "state", p.ClockState(st), "date", p.DateTime(cl.Due.In(loc)))
}

// SyncCounts says what a mail sync did, leaving out what did not happen:
// "收到 3 封，新案件 2 个，发出 1 封".
func (p *P) SyncCounts(s data.SyncCounts) string {
	var parts []string
	for _, c := range []struct {
		key string
		n   int
	}{{"sync.fetched", s.Fetched}, {"sync.new_cases", s.NewCases}, {"sync.threaded", s.Threaded},
		{"sync.automatic", s.Automatic}, {"sync.duplicates", s.Duplicates}, {"sync.parked", s.Parked},
		{"sync.sent", s.Sent}, {"sync.failed", s.Failed}, {"sync.retrying", s.Retrying},
		{"sync.uncertain", s.Uncertain}} {
		if c.n > 0 {
			parts = append(parts, p.T(c.key, "n", c.n))
		}
	}
	if len(parts) == 0 {
		return p.T("sync.nothing")
	}
	return strings.Join(parts, p.T("sync.sep"))
}
