package present

import (
	"errors"
	"strings"
	"testing"

	"casebook/data"
)

// The calendar's and the deadlines' field errors, and refusing to remove
// someone who owns cases, read as sentences in every language, naming the
// wrong value where there is one.
func TestSettingsErrorsInEveryLanguage(t *testing.T) {
	cal := data.DefaultCalendar()
	cal.Holidays = append(cal.Holidays, data.Day{Date: "2026-02-30", Label: "春节"})
	bad := []error{
		cal.Validate(),
		data.Calendar{Location: "Mars/Olympus"}.Validate(),
		data.Policy{}.Validate(),
		&data.FieldError{Field: "calendar.day_end", Code: data.ReasonClosesFirst},
		&data.FieldError{Field: "calendar.day_start", Code: data.ReasonClockRange},
		&data.FieldError{Field: "calendar.workdays", Code: data.ReasonNoWorkday},
		&data.FieldError{Field: "calendar.extra_workdays", Code: data.ReasonHolidayAndWorkday, Value: "2026-10-01"},
		&data.FieldError{Field: "policy.low.first_response", Code: data.ReasonFirstAfterResolved},
		&data.FieldError{Field: "ui.theme"},
		&data.FieldError{Field: "ui.text_size"},
		&data.OwnsCasesError{Name: "王芳", Cases: []string{"A-2026-0001", "A-2026-0002"}},
	}
	for _, lang := range data.Languages {
		p := For(lang)
		generic := p.T("Some input is not valid.")
		seen := map[string]bool{}
		for _, err := range bad {
			s := p.Error(err)
			if s == generic || strings.Contains(s, "{{") || strings.Contains(s, "fielderr.") || seen[s] {
				t.Errorf("%s: %v reads %q", lang, err, s)
			}
			seen[s] = true
			var fe *data.FieldError
			if errors.As(err, &fe) && fe.Value != "" && !strings.Contains(s, fe.Value) {
				t.Errorf("%s: %q does not name %s", lang, s, fe.Value)
			}
			var oc *data.OwnsCasesError
			if errors.As(err, &oc) && (!strings.Contains(s, "王芳") || !strings.Contains(s, "A-2026-0002") || !strings.Contains(s, "--reassign-to")) {
				t.Errorf("%s: %q", lang, s)
			}
		}
	}
}
