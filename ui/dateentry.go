package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// dateEntry is Fyne's DateEntry (a text field with a calendar to pick from)
// that writes and reads dates as YYYY-MM-DD, whatever the system's locale:
// Fyne's own format for mainland China is dd/mm/yyyy, which nobody there
// writes. A date picked from the calendar, or typed in the locale's format,
// becomes YYYY-MM-DD at once.
type dateEntry struct {
	widget.DateEntry
}

func newDateEntry() *dateEntry {
	e := &dateEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetPlaceHolder("YYYY-MM-DD")
	e.DateEntry.OnChanged = func(t *time.Time) {
		if t == nil {
			return
		}
		if iso := t.Format(time.DateOnly); e.Text != iso {
			e.SetText(iso)
		}
	}
	return e
}

// CreateRenderer is DateEntry's, with a validator that takes YYYY-MM-DD.
func (e *dateEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.DateEntry.CreateRenderer()
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := parseISODay(s, time.UTC)
		return err
	}
	return r
}

// setDay shows a YYYY-MM-DD date (or any text: a stored date that is wrong
// is shown as it is, to be corrected).
func (e *dateEntry) setDay(s string) { e.SetText(s) }

// day returns the typed date as YYYY-MM-DD ("" when empty) and whether it
// is one.
func (e *dateEntry) day() (string, bool) {
	s := strings.TrimSpace(e.Text)
	if s == "" {
		return "", true
	}
	t, err := parseISODay(s, time.UTC)
	if err != nil {
		return s, false
	}
	return t.Format(time.DateOnly), true
}

// parseISODay reads 2026-03-31 (or 2026-3-31) in loc.
func parseISODay(s string, loc *time.Location) (time.Time, error) {
	return time.ParseInLocation("2006-1-2", strings.TrimSpace(s), loc)
}
