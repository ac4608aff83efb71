package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dateField is Casebook's one date entry (the new case's departure, the
// list's received range, holidays, the archive's period): Fyne's DateEntry — a calendar to pick a day from — that also
// takes a date typed the ways people type it (YYYY-MM-DD, 2026/5/1), writes
// a picked day as YYYY-MM-DD (DateEntry writes its locale's day/month/year),
// and passes Escape on like keyEntry. Its calendar button is no Tab stop:
// Tab goes from field to field. The checking is the form's: DateEntry's own
// check knows only its locale's form.
type dateField struct {
	widget.DateEntry
	onEscape func()
	onText   func(string) // every change of the text, typed or picked
	calendar *calendarIcon
	popUp    *widget.PopUp
}

func newDateField(onEscape func()) *dateField {
	e := &dateField{onEscape: onEscape}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetPlaceHolder("YYYY-MM-DD")
	e.calendar = newCalendarIcon(e.showCalendar)
	e.ActionItem = e.calendar // DateEntry then keeps it instead of its own button
	e.ExtendBaseWidget(e)
	e.hook()
	return e
}

// CreateRenderer builds the DateEntry, then takes its text handling over.
func (e *dateField) CreateRenderer() fyne.WidgetRenderer {
	r := e.DateEntry.CreateRenderer()
	e.hook()
	return r
}

// hook replaces DateEntry's check and change handling with the form's.
func (e *dateField) hook() {
	e.Validator = nil
	e.Entry.OnChanged = func(s string) {
		if t, ok := parseDay(s); ok {
			e.Date = &t
		} else {
			e.Date = nil
		}
		if e.onText != nil {
			e.onText(s)
		}
	}
}

// showCalendar opens the calendar under the field, at the day typed (or today).
func (e *dateField) showCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	start := time.Now().In(zone())
	if e.Date != nil {
		start = *e.Date
	}
	e.popUp = widget.NewPopUp(widget.NewCalendar(start, e.pick), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	e.popUp.ShowAtPosition(pos.Add(fyne.NewPos(0, e.Size().Height)))
}

// pick takes the day chosen on the calendar.
func (e *dateField) pick(t time.Time) {
	if e.popUp != nil {
		e.popUp.Hide()
		e.popUp = nil
	}
	e.SetText(t.Format("2006-01-02"))
}

// AcceptsTab is false: Tab moves to the next field.
func (e *dateField) AcceptsTab() bool { return false }

func (e *dateField) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.DateEntry.TypedKey(ev)
}

// calendarIcon opens the calendar when tapped; unlike a Button it takes no
// focus, so Tab passes it by.
type calendarIcon struct {
	widget.BaseWidget
	onTap    func()
	disabled bool
}

func newCalendarIcon(onTap func()) *calendarIcon {
	c := &calendarIcon{onTap: onTap}
	c.ExtendBaseWidget(c)
	return c
}

func (c *calendarIcon) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewPadded(widget.NewIcon(theme.CalendarIcon())))
}

func (c *calendarIcon) Tapped(*fyne.PointEvent) {
	if !c.disabled {
		c.onTap()
	}
}

// Enable and Disable follow the field (DateEntry passes them on).
func (c *calendarIcon) Enable()        { c.disabled = false }
func (c *calendarIcon) Disable()       { c.disabled = true }
func (c *calendarIcon) Disabled() bool { return c.disabled }

// SetDate shows t as YYYY-MM-DD (DateEntry's own would write its locale's form).
func (e *dateField) SetDate(t *time.Time) {
	if t == nil {
		e.SetText("")
		return
	}
	e.SetText(t.Format(time.DateOnly))
}

// setDay shows a stored YYYY-MM-DD date (a wrong one as it is, to be corrected).
func (e *dateField) setDay(s string) { e.SetText(s) }

// day returns the typed date as YYYY-MM-DD ("" when empty) and whether it is one.
func (e *dateField) day() (string, bool) {
	s := strings.TrimSpace(e.Text)
	if s == "" {
		return "", true
	}
	t, ok := parseDay(s)
	if !ok {
		return s, false
	}
	return t.Format(time.DateOnly), true
}

// parseDay reads a day in the forms people type.
func parseDay(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-1-2", "2006/1/2", "2006.1.2", "20060102"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
