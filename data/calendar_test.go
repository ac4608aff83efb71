package data

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

var shanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return l
}()

// shAt builds a Shanghai instant from "2006-01-02 15:04".
func shAt(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCalendarAdd(t *testing.T) {
	cal := DefaultCalendar()
	// 2026-03-02 is a Monday; 2026-03-06 a Friday.
	tests := []struct {
		name  string
		start string
		d     time.Duration
		want  string
	}{
		{"inside hours", "2026-03-02 10:00", 2 * time.Hour, "2026-03-02 12:00"},
		{"ends exactly at closing", "2026-03-02 09:00", 9 * time.Hour, "2026-03-02 18:00"},
		{"spills to next day", "2026-03-02 17:00", 2 * time.Hour, "2026-03-03 10:00"},
		{"before opening", "2026-03-02 07:30", time.Hour, "2026-03-02 10:00"},
		{"after closing", "2026-03-02 20:00", time.Hour, "2026-03-03 10:00"},
		{"at closing", "2026-03-02 18:00", 30 * time.Minute, "2026-03-03 09:30"},
		{"friday across weekend", "2026-03-06 17:00", 2 * time.Hour, "2026-03-09 10:00"},
		{"friday evening", "2026-03-06 19:00", time.Hour, "2026-03-09 10:00"},
		{"saturday start", "2026-03-07 11:00", time.Hour, "2026-03-09 10:00"},
		{"sunday start", "2026-03-08 23:59", 9 * time.Hour, "2026-03-09 18:00"},
		{"24h normal target", "2026-03-02 10:00", 24 * time.Hour, "2026-03-04 16:00"},
		{"72h target", "2026-03-02 10:00", 72 * time.Hour, "2026-03-12 10:00"},
		{"7 day target", "2026-03-02 09:00", 168 * time.Hour, "2026-03-26 15:00"},
		{"minutes", "2026-03-02 17:59", 2 * time.Minute, "2026-03-03 09:01"},
		// Holidays: New Year 2026-01-01..03, then Sunday 2026-01-04 is a swapped working day.
		{"new year swapped sunday", "2025-12-31 17:00", 2 * time.Hour, "2026-01-04 10:00"},
		{"holiday start", "2026-01-02 10:00", time.Hour, "2026-01-04 10:00"},
		// Spring Festival 2026-02-15..23 with Saturday 2026-02-14 working.
		{"spring festival", "2026-02-13 17:00", 2 * time.Hour, "2026-02-14 10:00"},
		{"spring festival week", "2026-02-14 17:00", 2 * time.Hour, "2026-02-24 10:00"},
		// National Day: 09-30 10:00 has 8 h, Oct 1–7 off, Oct 8 and 9 have 9 h each.
		{"national day 24h", "2026-09-30 10:00", 24 * time.Hour, "2026-10-09 16:00"},
		{"national day swapped saturday", "2026-09-30 10:00", 30 * time.Hour, "2026-10-10 13:00"},
		{"after swapped saturday", "2026-09-30 10:00", 36 * time.Hour, "2026-10-12 10:00"},
		{"leap day", "2028-02-28 17:00", 11 * time.Hour, "2028-03-01 10:00"},
		{"year end", "2027-12-31 17:00", 2 * time.Hour, "2028-01-03 10:00"},
		{"zero", "2026-03-07 11:00", 0, "2026-03-07 11:00"},
		{"negative", "2026-03-07 11:00", -time.Hour, "2026-03-07 11:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := shAt(t, tt.start)
			got := cal.Add(start, tt.d)
			if want := shAt(t, tt.want); !got.Equal(want) {
				t.Errorf("Add(%s, %s) = %s, want %s", tt.start, tt.d, got.Format(time.DateTime), tt.want)
			}
			if tt.d > 0 {
				if b := cal.Between(start, got); b != tt.d {
					t.Errorf("Between(start, Add) = %s, want %s", b, tt.d)
				}
			}
		})
	}
}

func TestCalendarAddZeroIsIdentity(t *testing.T) {
	now := time.Now() // carries a monotonic reading; must come back unchanged
	if got := DefaultCalendar().Add(now, 0); got != now {
		t.Errorf("Add(now, 0) = %v, want %v", got, now)
	}
}

func TestCalendarAddKeepsLocation(t *testing.T) {
	start := shAt(t, "2026-03-06 17:00").UTC()
	got := DefaultCalendar().Add(start, 2*time.Hour)
	if got.Location() != time.UTC {
		t.Errorf("location = %v, want UTC", got.Location())
	}
	if want := shAt(t, "2026-03-09 10:00"); !got.Equal(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestCalendarBetween(t *testing.T) {
	cal := DefaultCalendar()
	tests := []struct {
		name string
		a, b string
		want time.Duration
	}{
		{"same instant", "2026-03-02 10:00", "2026-03-02 10:00", 0},
		{"inside hours", "2026-03-02 10:00", "2026-03-02 12:30", 150 * time.Minute},
		{"night only", "2026-03-02 18:00", "2026-03-03 09:00", 0},
		{"before opening to noon", "2026-03-02 06:00", "2026-03-02 12:00", 3 * time.Hour},
		{"whole weekend", "2026-03-06 18:00", "2026-03-09 09:00", 0},
		{"friday to monday", "2026-03-06 17:00", "2026-03-09 10:00", 2 * time.Hour},
		{"full week", "2026-03-02 00:00", "2026-03-09 00:00", 45 * time.Hour},
		{"reversed", "2026-03-09 10:00", "2026-03-06 17:00", -2 * time.Hour},
		{"national day week", "2026-09-30 18:00", "2026-10-08 09:00", 0},
		{"swapped saturday", "2026-10-10 00:00", "2026-10-11 00:00", 9 * time.Hour},
		{"swapped sunday", "2026-09-20 00:00", "2026-09-21 00:00", 9 * time.Hour},
		{"holiday on a weekday", "2026-05-04 00:00", "2026-05-05 00:00", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.Between(shAt(t, tt.a), shAt(t, tt.b)); got != tt.want {
				t.Errorf("Between(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestCalendarIsWorkday(t *testing.T) {
	cal := DefaultCalendar()
	tests := []struct {
		day  string
		want bool
	}{
		{"2026-03-02 12:00", true},  // Monday
		{"2026-03-07 12:00", false}, // Saturday
		{"2026-03-08 12:00", false}, // Sunday
		{"2026-10-01 12:00", false}, // National Day, Thursday
		{"2026-10-08 12:00", true},
		{"2026-10-10 12:00", true}, // swapped Saturday
		{"2026-01-04 12:00", true}, // swapped Sunday
		{"2026-02-23 12:00", false},
		{"2027-01-01 12:00", true}, // not in the 2026 list: just a Friday
	}
	for _, tt := range tests {
		if got := cal.IsWorkday(shAt(t, tt.day)); got != tt.want {
			t.Errorf("IsWorkday(%s) = %v, want %v", tt.day, got, tt.want)
		}
	}
	// The date is taken in the calendar's zone: Friday 20:00 UTC is Saturday 04:00 in Shanghai.
	if cal.IsWorkday(time.Date(2026, 3, 6, 20, 0, 0, 0, time.UTC)) {
		t.Error("Friday 20:00 UTC is Saturday in Shanghai")
	}
}

// TestCalendarBetweenInvertsAdd checks Between(s, Add(s, d)) == d over many
// random starts (inside and outside hours) and durations.
func TestCalendarBetweenInvertsAdd(t *testing.T) {
	cal := DefaultCalendar()
	cal.Holidays = append(cal.Holidays, Day{Date: "2025-12-25"}) // and a few more special days
	cal.ExtraWorkdays = append(cal.ExtraWorkdays, Day{Date: "2025-12-27"})
	rng := rand.New(rand.NewPCG(2026, 1))
	base := shAt(t, "2025-12-01 00:00")
	for i := range 20000 {
		s := base.Add(time.Duration(rng.Int64N(int64(400 * 24 * time.Hour))))
		if i%2 == 0 { // half the starts inside business hours
			s = cal.Add(s, time.Duration(1+rng.IntN(9*60-1))*time.Minute)
		}
		d := time.Duration(1 + rng.Int64N(int64(200*time.Hour)))
		e := cal.Add(s, d)
		if got := cal.Between(s, e); got != d {
			t.Fatalf("start %s, d %s: Add = %s, Between = %s", s, d, e, got)
		}
		if got := cal.Between(e, s); got != -d {
			t.Fatalf("start %s, d %s: reversed Between = %s", s, d, got)
		}
		// Walking back lands on the same business instant as s (maybe a closing vs. the next opening).
		if back := cal.shift(e, -d); cal.Between(back, e) != d || cal.Between(s, back) != 0 {
			t.Fatalf("start %s, d %s: shift back from %s = %s", s, d, e, back)
		}
		if !e.After(s) {
			t.Fatalf("start %s, d %s: Add went backwards to %s", s, d, e)
		}
	}
}

func TestCalendarShiftBack(t *testing.T) {
	cal := DefaultCalendar()
	tests := []struct {
		from string
		d    time.Duration
		want string
	}{
		{"2026-03-09 10:00", 2 * time.Hour, "2026-03-06 17:00"},
		{"2026-03-09 08:00", time.Hour, "2026-03-06 17:00"},
		{"2026-10-08 10:00", 2 * time.Hour, "2026-09-30 17:00"},
		{"2026-03-02 12:00", 3 * time.Hour, "2026-03-02 09:00"},
		{"2028-03-01 10:00", 11 * time.Hour, "2028-02-28 17:00"},
		{"2028-01-03 10:00", 2 * time.Hour, "2027-12-31 17:00"},
	}
	for _, tt := range tests {
		if got := cal.shift(shAt(t, tt.from), -tt.d); !got.Equal(shAt(t, tt.want)) {
			t.Errorf("shift(%s, -%s) = %s, want %s", tt.from, tt.d, got.In(shanghai).Format(time.DateTime), tt.want)
		}
	}
}

func TestCalendarOtherShapes(t *testing.T) {
	// Around the clock every day: business time equals calendar time.
	cal := Calendar{Location: "UTC", DayStart: 0, DayEnd: 24 * 60,
		Workdays: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}
	s := time.Date(2026, 3, 6, 17, 0, 0, 0, time.UTC)
	if got := cal.Add(s, 72*time.Hour); !got.Equal(s.Add(72 * time.Hour)) {
		t.Errorf("24/7 Add = %s", got)
	}
	if got := cal.Between(s, s.Add(50*time.Hour)); got != 50*time.Hour {
		t.Errorf("24/7 Between = %s", got)
	}

	// A zone with DST: the spring-forward Sunday in New York is 23 h long.
	ny := Calendar{Location: "America/New_York", DayStart: 0, DayEnd: 24 * 60,
		Workdays: []time.Weekday{0}}
	nyLoc, _ := time.LoadLocation("America/New_York")
	sun := time.Date(2026, 3, 8, 0, 0, 0, 0, nyLoc)
	if got := ny.Between(sun, sun.AddDate(0, 0, 1)); got != 23*time.Hour {
		t.Errorf("DST day = %s, want 23h", got)
	}

	// The zero Calendar still gives answers (defaults), never loops forever.
	var zero Calendar
	if got := zero.Add(shAt(t, "2026-03-06 17:00"), 2*time.Hour); !got.Equal(shAt(t, "2026-03-09 10:00")) {
		t.Errorf("zero calendar Add = %s", got)
	}
}

func TestCalendarValidate(t *testing.T) {
	if err := DefaultCalendar().Validate(); err != nil {
		t.Fatalf("default calendar: %v", err)
	}
	tests := []struct {
		name   string
		change func(*Calendar)
		want   string
		field  string // the field a form marks
		code   string
		value  string
	}{
		{"bad location", func(c *Calendar) { c.Location = "Mars/Olympus" }, "time zone", "calendar.location", ReasonUnknownZone, "Mars/Olympus"},
		{"end before start", func(c *Calendar) { c.DayEnd = 8 * 60 }, "after opening", "calendar.day_end", ReasonClosesFirst, ""},
		{"end equals start", func(c *Calendar) { c.DayEnd = c.DayStart }, "after opening", "calendar.day_end", ReasonClosesFirst, ""},
		{"start negative", func(c *Calendar) { c.DayStart = -1 }, "opening time", "calendar.day_start", ReasonClockRange, ""},
		{"end past midnight", func(c *Calendar) { c.DayEnd = 25 * 60 }, "closing time", "calendar.day_end", ReasonClockRange, ""},
		{"no workdays", func(c *Calendar) { c.Workdays = nil }, "workday", "calendar.workdays", ReasonNoWorkday, ""},
		{"bad weekday", func(c *Calendar) { c.Workdays = append(c.Workdays, 7) }, "weekday", "calendar.workdays", "", ""},
		{"bad holiday", func(c *Calendar) { c.Holidays = append(c.Holidays, Day{Date: "2026-13-01"}) }, "holiday", "calendar.holidays", ReasonNoSuchDate, "2026-13-01"},
		{"bad holiday format", func(c *Calendar) { c.Holidays = append(c.Holidays, Day{Date: "1/5/2026"}) }, "YYYY-MM-DD", "calendar.holidays", ReasonDateFormat, "1/5/2026"},
		{"impossible holiday", func(c *Calendar) { c.Holidays = append(c.Holidays, Day{Date: "2026-02-30", Label: "春节"}) }, "holiday", "calendar.holidays", ReasonNoSuchDate, "2026-02-30"},
		{"bad extra workday", func(c *Calendar) { c.ExtraWorkdays = append(c.ExtraWorkdays, Day{Date: "2026-02-30"}) }, "extra workday", "calendar.extra_workdays", ReasonNoSuchDate, "2026-02-30"},
		{"both", func(c *Calendar) { c.ExtraWorkdays = append(c.ExtraWorkdays, Day{Date: "2026-10-01"}) }, "both", "calendar.extra_workdays", ReasonHolidayAndWorkday, "2026-10-01"},
		{"label with a line break", func(c *Calendar) { c.Holidays[0].Label = "元旦\n假期" }, "day_label", "day_label", ReasonLineBreak, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultCalendar()
			tt.change(&c)
			err := c.Validate()
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Validate() = %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %q, want it to mention %q", err, tt.want)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || fe.Code != tt.code || fe.Value != tt.value {
				t.Errorf("Validate() = %#v, want field %s, code %q, value %q", err, tt.field, tt.code, tt.value)
			}
		})
	}
	// Arithmetic on an invalid calendar falls back instead of failing.
	bad := DefaultCalendar()
	bad.Location, bad.DayEnd, bad.Holidays = "Mars/Olympus", 0, Days("junk")
	if got := bad.Add(shAt(t, "2026-03-06 17:00"), 2*time.Hour); !got.Equal(shAt(t, "2026-03-09 10:00")) {
		t.Errorf("invalid calendar Add = %s", got)
	}
}

func TestCalendarCacheSeesEdits(t *testing.T) {
	cal := DefaultCalendar()
	day := shAt(t, "2026-03-04 12:00")
	if !cal.IsWorkday(day) {
		t.Fatal("2026-03-04 should be a workday")
	}
	cal.Holidays[0].Date = "2026-03-04" // edited in place, as a settings form might
	if cal.IsWorkday(day) {
		t.Error("an in-place edit was not seen")
	}
}

func TestCalendarConcurrent(t *testing.T) {
	cals := []Calendar{DefaultCalendar(), {Location: "UTC", DayStart: 8 * 60, DayEnd: 20 * 60, Workdays: []time.Weekday{1, 2, 3}}}
	start := shAt(t, "2026-03-06 17:00")
	done := make(chan bool)
	for i := range 8 {
		go func() {
			c := cals[i%2]
			for range 200 {
				if c.Between(start, c.Add(start, 30*time.Hour)) != 30*time.Hour {
					t.Error("concurrent Add/Between disagree")
				}
			}
			done <- true
		}()
	}
	for range 8 {
		<-done
	}
}

func BenchmarkCalendarAdd(b *testing.B) {
	cal := DefaultCalendar()
	start := shAt(b, "2026-09-28 10:00") // across National Day
	for b.Loop() {
		cal.Add(start, 72*time.Hour)
	}
}

func BenchmarkCalendarBetween(b *testing.B) {
	cal := DefaultCalendar()
	start := shAt(b, "2026-09-28 10:00")
	end := cal.Add(start, 72*time.Hour)
	for b.Loop() {
		cal.Between(start, end)
	}
}
