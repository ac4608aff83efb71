package data

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// A day without a label is stored as the plain date older databases hold; a
// labelled one as an object; both read back.
func TestDayJSON(t *testing.T) {
	cal := Calendar{Holidays: []Day{{Date: "2026-10-01", Label: "国庆节"}, {Date: "2026-10-02"}}}
	raw, err := json.Marshal(cal)
	if err != nil {
		t.Fatal(err)
	}
	want := `"holidays":[{"date":"2026-10-01","label":"国庆节"},"2026-10-02"]`
	if !strings.Contains(string(raw), want) {
		t.Errorf("stored %s, want %s in it", raw, want)
	}
	var back Calendar
	if err := json.Unmarshal(raw, &back); err != nil || !reflect.DeepEqual(back.Holidays, cal.Holidays) {
		t.Errorf("read back %+v, %v", back.Holidays, err)
	}
	// A calendar written before labels.
	var old Calendar
	if err := json.Unmarshal([]byte(`{"holidays":["2026-10-01","2026-10-02"],"extra_workdays":["2026-10-10"]}`), &old); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(old.Holidays, Days("2026-10-01", "2026-10-02")) || !reflect.DeepEqual(old.ExtraWorkdays, Days("2026-10-10")) {
		t.Errorf("old calendar read as %+v / %+v", old.Holidays, old.ExtraWorkdays)
	}
	if err := json.Unmarshal([]byte(`{"holidays":[42]}`), &old); err == nil {
		t.Error("a number read as a day")
	}
}

func TestParseDays(t *testing.T) {
	tests := []struct {
		in   string
		want []Day
	}{
		{"", nil},
		{"2026-10-01", Days("2026-10-01")},
		{"2026-10-01,2026-10-02", Days("2026-10-01", "2026-10-02")},
		{"2026-10-01 2026-10-02", Days("2026-10-01", "2026-10-02")}, // the form before labels
		{"2026-10-01 国庆节, 2026-10-10 调休上班", []Day{{"2026-10-01", "国庆节"}, {"2026-10-10", "调休上班"}}},
		{"2026-10-01=国庆节，2026-10-02 国庆节 假期；2026-10-03", []Day{{"2026-10-01", "国庆节"}, {"2026-10-02", "国庆节 假期"}, {"2026-10-03", ""}}},
		{"2026-10-01 National Day\n2026-10-08", []Day{{"2026-10-01", "National Day"}, {"2026-10-08", ""}}},
		{"2026-02-30 春节", []Day{{"2026-02-30", "春节"}}}, // read; Calendar.Validate refuses it
	}
	for _, tt := range tests {
		got, err := ParseDays(tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseDays(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
		if again, _ := ParseDays(FormatDays(got)); !reflect.DeepEqual(again, got) {
			t.Errorf("FormatDays(%+v) = %q reads back as %+v", got, FormatDays(got), again)
		}
	}
	_, err := ParseDays("国庆节 2026-10-01")
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Value != "国庆节" {
		t.Errorf("a label before any date: %v", err)
	}
}
