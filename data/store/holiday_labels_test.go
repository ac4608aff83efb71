package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"casebook/data"
)

// A database written before holidays had labels (plain "2026-10-01" dates)
// still loads, with its dates; labels added since are stored and read back.
func TestHolidaysOfAnOldDatabaseLoad(t *testing.T) {
	s, path := openFixture(t)
	cal := s.Settings().Calendar
	if len(cal.Holidays) == 0 || len(cal.ExtraWorkdays) == 0 {
		t.Fatalf("fixture calendar read as %+v", cal)
	}
	for _, d := range append(append([]data.Day(nil), cal.Holidays...), cal.ExtraWorkdays...) {
		if d.Label != "" || len(d.Date) != len("2026-10-01") {
			t.Errorf("old day read as %+v", d)
		}
	}
	if err := cal.Validate(); err != nil {
		t.Errorf("old calendar: %v", err)
	}
	if !cal.IsWorkday(mustDay(t, "2026-10-10")) || cal.IsWorkday(mustDay(t, "2026-10-01")) {
		t.Error("the old calendar's days off and swapped days are lost")
	}

	st := s.Settings()
	st.Calendar.Holidays[0].Label = "元旦"
	st.Calendar.ExtraWorkdays = append(st.Calendar.ExtraWorkdays, data.Day{Date: "2026-12-26", Label: "调休上班"})
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got := s2.Settings().Calendar; !reflect.DeepEqual(got.Holidays, st.Calendar.Holidays) || !reflect.DeepEqual(got.ExtraWorkdays, st.Calendar.ExtraWorkdays) {
		t.Errorf("labels not kept: %+v / %+v", got.Holidays[:1], got.ExtraWorkdays)
	}
}

func mustDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.ParseInLocation(time.DateOnly, s, shanghai)
	if err != nil {
		t.Fatal(err)
	}
	return d.Add(12 * time.Hour)
}
