package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// customersCard is the settings' card of the repeat-complainant mark: how
// many complaints within how many months. It chains itself onto v.read; a
// wrong number is marked under its field.
func (v *settingsView) customersCard(st data.Settings) fyne.CanvasObject {
	months, count := widget.NewEntry(), widget.NewEntry()
	months.SetText(strconv.Itoa(st.Customers.Months()))
	count.SetText(strconv.Itoa(st.Customers.Count()))
	form := widget.NewForm(
		widget.NewFormItem(T("Repeat window (months)"), v.marks.under("customers.repeat_months", months)),
		widget.NewFormItem(T("Complaints within it"), v.marks.under("customers.repeat_count", count)),
	)
	form.Items[0].HintText = T("Default 12 months")
	form.Items[1].HintText = T("Default 2 complaints")
	prev := v.read
	v.read = func() (data.Settings, error) {
		out, err := prev()
		bad := false
		read := func(e *widget.Entry, key string, max, cur int, set func(int)) {
			n, perr := strconv.Atoi(strings.TrimSpace(e.Text))
			if perr != nil || n < 1 || n > max {
				bad = v.marks.markError(&data.FieldError{Field: key, Reason: "not a whole number in range"}) || bad
				return
			}
			if n != cur {
				set(n)
			}
		}
		read(months, "customers.repeat_months", data.MaxRepeatMonths, st.Customers.Months(), func(n int) { out.Customers.RepeatMonths = n })
		read(count, "customers.repeat_count", 100, st.Customers.Count(), func(n int) { out.Customers.RepeatCount = n })
		if bad && (err == nil || errors.Is(err, errMarked)) {
			err = errMarked
		}
		return out, err
	}
	return widget.NewCard(T("Customers"), T("A customer with this many complaints received within the window is marked a repeat complainant on the Customers screen and the case screen."), form)
}
