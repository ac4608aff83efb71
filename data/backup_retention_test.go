package data

import (
	"fmt"
	"testing"
	"time"
)

func TestBackupsToKeep(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	day := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	// daily copies at 18:00 from 2025-11-01 to 2026-12-02 (397 days)
	var year []time.Time
	for d := day("2025-11-01 18:00"); !d.After(day("2026-12-02 18:00")); d = d.AddDate(0, 0, 1) {
		year = append(year, d)
	}
	kept := func(in []time.Time) []string {
		var out []string
		for i, k := range BackupsToKeep(in, loc) {
			if k {
				out = append(out, in[i].Format("01-02 15:04"))
			}
		}
		return out
	}
	tests := []struct {
		name string
		in   []time.Time
		want string
	}{
		{"none", nil, "[]"},
		{"one", []time.Time{day("2026-12-02 18:00")}, "[12-02 18:00]"},
		{"two the same day: the newer", []time.Time{day("2026-12-02 09:00"), day("2026-12-02 18:00")}, "[12-02 18:00]"},
		{"a gap of days counts days with a backup", []time.Time{day("2026-01-01 18:00"), day("2026-06-01 18:00"), day("2026-12-02 18:00")},
			"[01-01 18:00 06-01 18:00 12-02 18:00]"},
		// 7 days (11-26 … 12-02); 4 weeks: 12-02 (a Wednesday), then the Sundays 11-29, 11-22, 11-15;
		// 12 months: 12-02, 11-30, then the last day of October … January; 2025's copies go.
		{"a daily year", year, "[01-31 18:00 02-28 18:00 03-31 18:00 04-30 18:00 05-31 18:00 06-30 18:00 07-31 18:00 08-31 18:00 09-30 18:00 10-31 18:00 11-15 18:00 11-22 18:00 11-26 18:00 11-27 18:00 11-28 18:00 11-29 18:00 11-30 18:00 12-01 18:00 12-02 18:00]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := kept(tc.in); fmt.Sprint(got) != tc.want {
				t.Errorf("kept %v\nwant %s", got, tc.want)
			}
		})
	}
	// Order does not matter.
	rev := make([]time.Time, len(year))
	for i := range year {
		rev[len(year)-1-i] = year[i]
	}
	if a, b := fmt.Sprint(kept(year)), fmt.Sprint(kept(rev)); len(kept(year)) != len(kept(rev)) || len(a) != len(b) {
		t.Errorf("order changes the result:\n%s\n%s", a, b)
	}
	if n := len(kept(year)); n != 19 {
		t.Errorf("a daily year keeps %d copies, want 7 days + 2 more weeks + 10 more months = 19", n)
	}
}

func TestBackupWarning(t *testing.T) {
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	st := DefaultSettings()
	five := st
	five.Backup.WarnDays = 5
	for _, tc := range []struct {
		name string
		last time.Time
		st   Settings
		want BackupAge
	}{
		{"never", time.Time{}, st, BackupAge{Warn: true, Never: true}},
		{"this morning", now.Add(-2 * time.Hour), st, BackupAge{}},
		{"two days and 23 hours", now.Add(-71 * time.Hour), st, BackupAge{Days: 2}},
		{"three days", now.Add(-72 * time.Hour), st, BackupAge{Warn: true, Days: 3}},
		{"four days, setting 5", now.Add(-4 * 24 * time.Hour), five, BackupAge{Days: 4}},
		{"five days, setting 5", now.Add(-5 * 24 * time.Hour), five, BackupAge{Warn: true, Days: 5}},
	} {
		if got := BackupWarning(tc.last, tc.st, now); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
