package data

import (
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"
	_ "time/tzdata" // the app runs offline; the machine may have no zoneinfo
)

const defaultLocation = "Asia/Shanghai"

// Calendar is the agency's business-hours calendar. Non-urgent clocks run only in business hours.
type Calendar struct {
	Location      string         `json:"location"`       // IANA name, default "Asia/Shanghai"
	DayStart      int            `json:"day_start"`      // minutes after midnight, default 9*60
	DayEnd        int            `json:"day_end"`        // minutes after midnight, default 18*60
	Workdays      []time.Weekday `json:"workdays"`       // default Mon..Fri
	Holidays      []Day          `json:"holidays"`       // days off even if a workday (国庆节)
	ExtraWorkdays []Day          `json:"extra_workdays"` // swapped working weekend days (调休上班)
}

// DefaultCalendar is 09:00–18:00, Monday to Friday, in Asia/Shanghai, with
// mainland China's 2026 public holidays and swapped working days. The State
// Council publishes the next year's dates each autumn; the supervisor enters
// them in Settings.
func DefaultCalendar() Calendar {
	return Calendar{
		Location: defaultLocation,
		DayStart: 9 * 60,
		DayEnd:   18 * 60,
		Workdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		Holidays: slices.Concat(
			labelled("元旦", "2026-01-01", "2026-01-02", "2026-01-03"),
			labelled("春节", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
				"2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23"),
			labelled("清明节", "2026-04-04", "2026-04-05", "2026-04-06"),
			labelled("劳动节", "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05"),
			labelled("端午节", "2026-06-19", "2026-06-20", "2026-06-21"),
			labelled("中秋节", "2026-09-25", "2026-09-26", "2026-09-27"),
			labelled("国庆节", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
				"2026-10-05", "2026-10-06", "2026-10-07"),
		),
		ExtraWorkdays: labelled("调休上班", "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"),
	}
}

// Validate reports the first problem that would make the calendar misbehave.
func (c Calendar) Validate() error {
	_, err := compileCalendar(c, true)
	return err
}

// IsWorkday reports whether day's date, in the calendar's location, is a working day.
func (c Calendar) IsWorkday(day time.Time) bool {
	r := c.rules()
	return r.working(dayOf(day, r.loc))
}

// Add returns the instant at which d of business time has elapsed after
// start. A start outside business hours counts from the next opening.
// Add(t, d) == t for d <= 0.
func (c Calendar) Add(start time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return start
	}
	return c.rules().add(start, d).In(start.Location())
}

// WorkingTime converts a duration counted in 24-hour days into working time:
// 24h becomes one working day (9h for 09:00–18:00), 72h three working days.
func (c Calendar) WorkingTime(d time.Duration) time.Duration {
	start, end := c.DayStart, c.DayEnd
	if start == 0 && end == 0 {
		start, end = 9*60, 18*60
	}
	if end <= start {
		return d
	}
	return d * time.Duration(end-start) / (24 * 60)
}

// Between returns the business time in [a, b); it is −Between(b, a) when b < a.
func (c Calendar) Between(a, b time.Time) time.Duration {
	switch {
	case a.Equal(b):
		return 0
	case b.Before(a):
		return -c.rules().between(b, a)
	}
	return c.rules().between(a, b)
}

// shift is Add that also walks backwards for d < 0, so that an overdue
// clock keeps its lateness across a pause.
func (c Calendar) shift(t time.Time, d time.Duration) time.Time {
	switch {
	case d > 0:
		return c.rules().add(t, d).In(t.Location())
	case d < 0:
		return c.rules().sub(t, -d).In(t.Location())
	}
	return t
}

// calRules is a Calendar parsed for arithmetic.
type calRules struct {
	loc         *time.Location
	open, close int            // minutes after midnight
	mask        uint8          // bit per time.Weekday
	special     map[int32]bool // day key → working (extra workday) or not (holiday)
}

// day is a civil date in the calendar's location; stepping it avoids
// converting instants back to dates on every iteration.
type day struct {
	y  int
	m  time.Month
	d  int
	wd time.Weekday
}

func dayOf(t time.Time, loc *time.Location) day {
	t = t.In(loc)
	y, m, d := t.Date()
	return day{y, m, d, t.Weekday()}
}

func (d day) key() int32 { return int32(d.y)<<9 | int32(d.m)<<5 | int32(d.d) }

func daysIn(m time.Month, y int) int {
	switch m {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

func (d day) next() day {
	d.d++
	if d.d > daysIn(d.m, d.y) {
		d.d = 1
		if d.m++; d.m > time.December {
			d.m = time.January
			d.y++
		}
	}
	d.wd = (d.wd + 1) % 7
	return d
}

func (d day) prev() day {
	d.d--
	if d.d < 1 {
		if d.m--; d.m < time.January {
			d.m = time.December
			d.y--
		}
		d.d = daysIn(d.m, d.y)
	}
	d.wd = (d.wd + 6) % 7
	return d
}

func (r *calRules) working(d day) bool {
	if len(r.special) > 0 {
		if w, ok := r.special[d.key()]; ok {
			return w
		}
	}
	return r.mask&(1<<d.wd) != 0
}

// hours returns the day's opening and closing instants; time.Date keeps
// them right across DST changes in zones that have them.
func (r *calRules) hours(d day) (open, close time.Time) {
	open = time.Date(d.y, d.m, d.d, r.open/60, r.open%60, 0, 0, r.loc)
	close = time.Date(d.y, d.m, d.d, r.close/60, r.close%60, 0, 0, r.loc)
	return open, close
}

// add walks forward day by day; d > 0. It terminates because the mask
// always has at least one working weekday.
func (r *calRules) add(t time.Time, d time.Duration) time.Time {
	for dd := dayOf(t, r.loc); ; dd = dd.next() {
		if !r.working(dd) {
			continue
		}
		open, close := r.hours(dd)
		if t.Before(open) {
			t = open
		}
		if t.Before(close) {
			avail := close.Sub(t)
			if d <= avail {
				return t.Add(d)
			}
			d -= avail
			t = close
		}
	}
}

// sub walks backward: the instant s with d of business time in [s, t); d > 0.
func (r *calRules) sub(t time.Time, d time.Duration) time.Time {
	for dd := dayOf(t, r.loc); ; dd = dd.prev() {
		if !r.working(dd) {
			continue
		}
		open, close := r.hours(dd)
		if t.After(close) {
			t = close
		}
		if t.After(open) {
			avail := t.Sub(open)
			if d <= avail {
				return t.Add(-d)
			}
			d -= avail
			t = open
		}
	}
}

// between sums the business time in [a, b); a < b.
func (r *calRules) between(a, b time.Time) time.Duration {
	var sum time.Duration
	last := dayOf(b, r.loc).key()
	for dd := dayOf(a, r.loc); ; dd = dd.next() {
		if r.working(dd) {
			open, close := r.hours(dd)
			if a.After(open) {
				open = a
			}
			if b.Before(close) {
				close = b
			}
			if close.After(open) {
				sum += close.Sub(open)
			}
		}
		if dd.key() >= last {
			return sum
		}
	}
}

// Parsed calendars, keyed by their full content so that an edited
// calendar never hits a stale entry. Add and Between run per case on
// load, and parsing the holiday list each time would dominate.
var calCache struct {
	sync.RWMutex
	m map[string]*calRules
}

func (c Calendar) rules() *calRules {
	var buf [1024]byte
	key := c.appendKey(buf[:0])
	calCache.RLock()
	r := calCache.m[string(key)]
	calCache.RUnlock()
	if r != nil {
		return r
	}
	r, _ = compileCalendar(c, false)
	calCache.Lock()
	if calCache.m == nil || len(calCache.m) >= 64 { // settings rarely change; bound the growth anyway
		calCache.m = make(map[string]*calRules)
	}
	calCache.m[string(key)] = r
	calCache.Unlock()
	return r
}

// appendKey encodes every field with length prefixes so distinct calendars never collide.
func (c Calendar) appendKey(b []byte) []byte {
	str := func(b []byte, s string) []byte {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		return append(b, s...)
	}
	b = str(b, c.Location)
	b = strconv.AppendInt(b, int64(c.DayStart), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(c.DayEnd), 10)
	b = append(b, '|')
	for _, w := range c.Workdays {
		b = strconv.AppendInt(b, int64(w), 10)
		b = append(b, ',')
	}
	b = append(b, '|')
	for _, d := range c.Holidays {
		b = str(b, d.Date)
	}
	b = append(b, '|')
	for _, d := range c.ExtraWorkdays {
		b = str(b, d.Date)
	}
	return b
}

// compileCalendar parses c. Strict mode reports the first problem; lenient
// mode (for arithmetic, which cannot fail) falls back to defaults and skips
// bad dates so a clock always gets an answer.
func compileCalendar(c Calendar, strict bool) (*calRules, error) {
	fail := func(field, code, value, format string, args ...any) (*calRules, error) {
		return nil, &FieldError{Field: field, Code: code, Value: value, Reason: "calendar: " + fmt.Sprintf(format, args...)}
	}
	r := &calRules{open: c.DayStart, close: c.DayEnd}

	loc, err := loadLocation(c.Location)
	if err != nil {
		if strict {
			return fail("calendar.location", ReasonUnknownZone, c.Location, "unknown time zone %q", c.Location)
		}
		loc, _ = loadLocation(defaultLocation)
	}
	r.loc = loc

	switch {
	case c.DayStart < 0 || c.DayStart >= 24*60:
		if strict {
			return fail("calendar.day_start", ReasonClockRange, "", "opening time must be between 00:00 and 23:59, not %d minutes", c.DayStart)
		}
		r.open, r.close = 9*60, 18*60
	case c.DayEnd > 24*60:
		if strict {
			return fail("calendar.day_end", ReasonClockRange, "", "closing time must be at most 24:00, not %d minutes", c.DayEnd)
		}
		r.open, r.close = 9*60, 18*60
	case c.DayEnd <= c.DayStart:
		if strict {
			return fail("calendar.day_end", ReasonClosesFirst, "", "closing time %s must be after opening time %s", hhmm(c.DayEnd), hhmm(c.DayStart))
		}
		r.open, r.close = 9*60, 18*60
	}

	for _, w := range c.Workdays {
		if w < time.Sunday || w > time.Saturday {
			if strict {
				return fail("calendar.workdays", "", "", "workday %d is not a weekday (0 = Sunday … 6 = Saturday)", int(w))
			}
			continue
		}
		r.mask |= 1 << w
	}
	if r.mask == 0 {
		if strict {
			return fail("calendar.workdays", ReasonNoWorkday, "", "at least one weekday must be a workday")
		}
		r.mask = 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday
	}

	// parse reads a day's date; a date-shaped text with no such day (2026-02-30) is told apart from other text.
	parse := func(field, what string, d Day) (int32, bool, error) {
		t, err := time.Parse(time.DateOnly, d.Date)
		if err == nil {
			return dayOf(t, time.UTC).key(), true, nil
		}
		if !strict {
			return 0, false, nil
		}
		code := ReasonDateFormat
		if dateLike.MatchString(d.Date) {
			code = ReasonNoSuchDate
		}
		_, err = fail(field, code, d.Date, "%s %q is not a YYYY-MM-DD date", what, d.Date)
		return 0, false, err
	}
	r.special = make(map[int32]bool, len(c.Holidays)+len(c.ExtraWorkdays))
	for _, d := range c.Holidays {
		if err := CheckText("day_label", d.Label); err != nil && strict {
			return nil, err
		}
		k, ok, err := parse("calendar.holidays", "holiday", d)
		if err != nil {
			return nil, err
		}
		if ok {
			r.special[k] = false
		}
	}
	for _, d := range c.ExtraWorkdays {
		if err := CheckText("day_label", d.Label); err != nil && strict {
			return nil, err
		}
		k, ok, err := parse("calendar.extra_workdays", "extra workday", d)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if w, seen := r.special[k]; seen && !w && strict {
			return fail("calendar.extra_workdays", ReasonHolidayAndWorkday, d.Date, "%s is both a holiday and an extra workday", d.Date)
		}
		r.special[k] = true // an extra workday wins, as IsWorkday documents
	}
	return r, nil
}

func hhmm(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// locations caches loaded zones: time.LoadLocation reads and parses zone data on every call.
var locations sync.Map // name → *time.Location

func loadLocation(name string) (*time.Location, error) {
	if name == "" {
		name = defaultLocation
	}
	if l, ok := locations.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		if name != defaultLocation {
			return nil, err
		}
		l = time.FixedZone("CST", 8*60*60) // China has had no DST since 1991
	}
	locations.Store(name, l)
	return l, nil
}

// Zone is the agency's time zone: deadlines are counted, and times shown, in
// it. An unknown name falls back to the default (Asia/Shanghai).
func (c Calendar) Zone() *time.Location {
	loc, err := loadLocation(c.Location)
	if err != nil {
		loc, _ = loadLocation(defaultLocation)
	}
	return loc
}
