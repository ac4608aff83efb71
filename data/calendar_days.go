package data

import (
	"encoding/json"
	"regexp"
	"strings"
)

// Day is a date of the calendar — a public holiday or a swapped working day
// — with an optional label people read: 国庆节, 调休上班.
//
// In the database a day without a label is the plain "2026-10-01" that
// databases before labels hold (and that older Casebooks read); a labelled
// day is {"date": "2026-10-01", "label": "国庆节"}. Both are read.
type Day struct {
	Date  string `json:"date"`            // YYYY-MM-DD
	Label string `json:"label,omitempty"` // free text, one line
}

// Days makes unlabelled days of dates.
func Days(dates ...string) []Day {
	out := make([]Day, len(dates))
	for i, d := range dates {
		out[i] = Day{Date: d}
	}
	return out
}

func labelled(label string, dates ...string) []Day {
	out := Days(dates...)
	for i := range out {
		out[i].Label = label
	}
	return out
}

// MarshalJSON writes an unlabelled day as its plain date.
func (d Day) MarshalJSON() ([]byte, error) {
	if d.Label == "" {
		return json.Marshal(d.Date)
	}
	type plain Day
	return json.Marshal(plain(d))
}

// UnmarshalJSON reads a plain date string or a {date, label} object.
func (d *Day) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*d = Day{Date: s}
		return nil
	}
	type plain Day
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*d = Day(p)
	return nil
}

// String is "2026-10-01 国庆节", or the date alone.
func (d Day) String() string {
	if d.Label == "" {
		return d.Date
	}
	return d.Date + " " + d.Label
}

// FormatDays writes days as ParseDays reads them: "2026-10-01 国庆节,2026-10-08".
func FormatDays(days []Day) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = d.String()
	}
	return strings.Join(parts, ",")
}

var dateLike = regexp.MustCompile(`^\d{4}-\d{1,2}-\d{1,2}$`)

// ParseDays reads a list of days, each a date and an optional label, parted
// by commas (also full-width ，、；), semicolons or line breaks:
// "2026-10-01 国庆节, 2026-10-02 国庆节, 2026-10-10 调休上班". A date may also
// be followed by "=" and its label. Dates separated only by spaces — the
// form before labels — still read as separate days. Dates are checked by
// Calendar.Validate, not here; text before the first date is an error.
func ParseDays(text string) ([]Day, error) {
	var out []Day
	items := strings.FieldsFunc(text, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || r == '\n' || r == '\r'
	})
	for _, item := range items {
		cur := -1 // the day this item's label words belong to
		for _, w := range strings.Fields(strings.ReplaceAll(item, "=", " ")) {
			if dateLike.MatchString(w) {
				out = append(out, Day{Date: w})
				cur = len(out) - 1
				continue
			}
			if cur < 0 {
				return nil, &FieldError{Field: "calendar.days", Code: ReasonDateFormat, Value: w,
					Reason: "“" + w + "” comes before any YYYY-MM-DD date"}
			}
			if out[cur].Label != "" {
				out[cur].Label += " "
			}
			out[cur].Label += w
		}
	}
	return out, nil
}

// dates lists the days' dates.
func dates(days []Day) []string {
	out := make([]string, len(days))
	for i, d := range days {
		out[i] = d.Date
	}
	return out
}
