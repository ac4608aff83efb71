package ui

import (
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// commonZones are offered in the time zone field; any IANA name may be typed.
var commonZones = []string{
	"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "Asia/Singapore", "Asia/Kuala_Lumpur",
	"Asia/Bangkok", "Asia/Tokyo", "Asia/Seoul", "Australia/Sydney", "Europe/London", "Europe/Paris",
	"Europe/Berlin", "America/New_York", "America/Los_Angeles", "UTC",
}

// calendarEditor edits the agency's time zone, business hours, holidays and
// swapped working days, each holiday with its label. Each wrong field is
// marked under itself.
type calendarEditor struct {
	content         fyne.CanvasObject
	zone            *widget.SelectEntry
	zoneHint        *widget.Label
	start, end      *widget.Entry
	holidays, extra *dayList
}

func newCalendarEditor(c data.Calendar, marks *fieldMarks) *calendarEditor {
	e := &calendarEditor{zone: widget.NewSelectEntry(commonZones), start: widget.NewEntry(), end: widget.NewEntry()}
	e.zone.SetText(c.Zone().String())
	if c.Location != "" {
		e.zone.SetText(c.Location)
	}
	e.start.SetText(fmt.Sprintf("%02d:%02d", c.DayStart/60, c.DayStart%60))
	e.end.SetText(fmt.Sprintf("%02d:%02d", c.DayEnd/60, c.DayEnd%60))
	zoneHint := widget.NewLabel(zoneHintText(c.Zone()))
	e.zoneHint = zoneHint
	zoneHint.Wrapping = fyne.TextWrapWord
	zoneHint.Importance = widget.LowImportance
	hours := container.New(&formLayout{},
		widget.NewLabel(T("Time zone")), container.NewVBox(marks.under("calendar.location", e.zone), zoneHint),
		widget.NewLabel(T("Opens at")), marks.under("calendar.day_start", e.start),
		widget.NewLabel(T("Closes at")), marks.under("calendar.day_end", e.end),
	)
	e.holidays = newDayList("calendar.holidays", c.Holidays, T("Add holiday"), T("e.g. 国庆节"), marks)
	e.extra = newDayList("calendar.extra_workdays", c.ExtraWorkdays, T("Add working day"), T("e.g. 调休上班"), marks)
	days := container.NewGridWithColumns(2,
		container.NewVBox(widget.NewLabelWithStyle(T("Public holidays"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e.holidays.content),
		container.NewVBox(widget.NewLabelWithStyle(T("Swapped working days, e.g. a Saturday"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e.extra.content))
	e.content = container.NewVBox(hours, days)
	return e
}

// zoneHintText names the zone times are shown in, and the computer's when it differs.
func zoneHintText(agency *time.Location) string {
	s := T("Casebook shows every time, and counts every deadline, in this zone.")
	if !sameZone(agency, time.Local) {
		s += "\n" + TF("This computer is set to {{.Zone}}.", map[string]any{"Zone": computerZoneName()})
	}
	return s
}

// computerZoneName names the computer's zone: its IANA name where Go or the
// system says it (TZ, /etc/localtime), else its offset such as UTC-05:00.
func computerZoneName() string {
	if name := time.Local.String(); name != "Local" {
		return name
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(target, "zoneinfo/"); ok && name != "" {
			return name
		}
	}
	return time.Now().In(time.Local).Format("UTC-07:00")
}

// read collects the calendar, marking every wrong field; ok is false when any is.
func (e *calendarEditor) read(base data.Calendar, marks *fieldMarks) (data.Calendar, bool) {
	c := base
	ok := true
	bad := func(fe *data.FieldError) {
		ok = false
		marks.markError(fe)
	}
	c.Location = strings.TrimSpace(e.zone.Text)
	if c.Location == "" {
		c.Location = data.DefaultCalendar().Location
	}
	if _, err := time.LoadLocation(c.Location); err != nil {
		bad(&data.FieldError{Field: "calendar.location", Code: data.ReasonUnknownZone, Value: c.Location})
	}
	start, err1 := parseClock(e.start.Text)
	end, err2 := parseClock(e.end.Text)
	if err1 != nil {
		bad(&data.FieldError{Field: "calendar.day_start", Code: data.ReasonClockRange})
	}
	if err2 != nil {
		bad(&data.FieldError{Field: "calendar.day_end", Code: data.ReasonClockRange})
	}
	if err1 == nil && err2 == nil && end <= start {
		bad(&data.FieldError{Field: "calendar.day_end", Code: data.ReasonClosesFirst})
	}
	c.DayStart, c.DayEnd = start, end
	var okDays bool
	c.Holidays, okDays = e.holidays.read(marks)
	ok = ok && okDays
	c.ExtraWorkdays, okDays = e.extra.read(marks)
	ok = ok && okDays
	off := map[string]bool{}
	for _, d := range c.Holidays {
		off[d.Date] = true
	}
	for _, d := range c.ExtraWorkdays {
		if off[d.Date] {
			bad(&data.FieldError{Field: "calendar.extra_workdays", Code: data.ReasonHolidayAndWorkday, Value: d.Date})
		}
	}
	return c, ok
}

// dayList is a list of dates, each picked from a calendar, with a label.
type dayList struct {
	field   string // "calendar.holidays" or "calendar.extra_workdays"
	hint    string
	rows    *fyne.Container
	items   []*dayRow
	content fyne.CanvasObject
}

type dayRow struct {
	date  *dateField
	label *widget.Entry
	mark  *widget.Label
	box   fyne.CanvasObject
}

func newDayList(field string, days []data.Day, addText, hint string, marks *fieldMarks) *dayList {
	l := &dayList{field: field, hint: hint, rows: container.NewVBox()}
	for _, d := range days {
		l.add(d)
	}
	add := widget.NewButton(addText, func() {
		r := l.add(data.Day{})
		if c := canvasFor(r.date); c != nil {
			c.Focus(r.date)
		}
	})
	l.content = container.NewVBox(l.rows, container.NewHBox(add))
	// A wrong date (or label) is marked under its own row.
	marks.finders = append(marks.finders, func(fe *data.FieldError) *widget.Label {
		if fe.Field != l.field || fe.Value == "" {
			return nil
		}
		for _, r := range l.items {
			if d, _ := r.date.day(); d == fe.Value || strings.TrimSpace(r.date.Text) == fe.Value {
				return r.mark
			}
		}
		return nil
	})
	return l
}

func (l *dayList) add(d data.Day) *dayRow {
	r := &dayRow{date: newDateField(nil), label: widget.NewEntry(), mark: errorLabel()}
	r.date.setDay(d.Date)
	r.label.SetText(d.Label)
	r.label.SetPlaceHolder(l.hint)
	remove := widget.NewButton(T("Remove"), func() { l.remove(r) })
	r.box = container.NewVBox(container.NewBorder(nil, nil, nil, remove,
		container.NewGridWithColumns(2, r.date, r.label)), r.mark)
	l.items = append(l.items, r)
	l.rows.Add(r.box)
	return r
}

func (l *dayList) remove(r *dayRow) {
	for i, x := range l.items {
		if x == r {
			l.items = append(l.items[:i], l.items[i+1:]...)
			l.rows.Remove(r.box)
			return
		}
	}
}

// read returns the days in the order shown; rows left empty are skipped.
func (l *dayList) read(marks *fieldMarks) ([]data.Day, bool) {
	var out []data.Day
	ok := true
	for _, r := range l.items {
		date, valid := r.date.day()
		label := strings.TrimSpace(r.label.Text)
		if date == "" && label == "" {
			continue
		}
		var fe *data.FieldError
		switch {
		case date == "" || !valid && !dateShaped(date):
			fe = &data.FieldError{Field: l.field, Code: data.ReasonDateFormat, Value: date}
		case !valid:
			fe = &data.FieldError{Field: l.field, Code: data.ReasonNoSuchDate, Value: date}
		default:
			if err := data.CheckText("day_label", label); err != nil {
				ok = false
				marks.show(r.mark, errorText(err))
				continue
			}
		}
		if fe != nil {
			ok = false
			marks.show(r.mark, fieldErrorText(fe))
			continue
		}
		out = append(out, data.Day{Date: date, Label: label})
	}
	return out, ok
}

// dateShaped tells a mistyped date (2026-02-30) from text that is no date at all.
func dateShaped(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}

// formLayout is a two-column form: labels on the left at their width, the
// fields taking the rest.
type formLayout struct{}

func (formLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var lw, fw, h float32
	for i := 0; i+1 < len(objs); i += 2 {
		l, f := objs[i].MinSize(), objs[i+1].MinSize()
		lw, fw = max(lw, l.Width), max(fw, f.Width)
		h += max(l.Height, f.Height)
	}
	return fyne.NewSize(lw+fw+padding(), h+padding()*float32(max(0, len(objs)/2-1)))
}

func (formLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var lw float32
	for i := 0; i+1 < len(objs); i += 2 {
		lw = max(lw, objs[i].MinSize().Width)
	}
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		l, f := objs[i], objs[i+1]
		h := max(l.MinSize().Height, f.MinSize().Height)
		l.Move(fyne.NewPos(0, y))
		l.Resize(fyne.NewSize(lw, l.MinSize().Height))
		f.Move(fyne.NewPos(lw+padding(), y))
		f.Resize(fyne.NewSize(size.Width-lw-padding(), h))
		y += h + padding()
	}
}

func padding() float32 { return theme.Padding() }
