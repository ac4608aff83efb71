package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// travellersCard is the settings' card of the travellers served per month
// (出团人次), the base of the report's complaints per 1,000 travellers: a
// month and its number, saved with the other settings (casebook settings
// travellers does the same). It chains itself onto v.read; a wrong month or
// number is marked under its field.
func (v *settingsView) travellersCard(st data.Settings) fyne.CanvasObject {
	month, count := widget.NewEntry(), widget.NewEntry()
	month.SetPlaceHolder("2026-11")
	entered := widget.NewLabel(travellersList(st))
	entered.Wrapping = fyne.TextWrapWord
	month.OnChanged = func(s string) { // show the month's figure, to correct it
		if m, err := data.ParseTravellersMonth(s); err == nil {
			if n, ok := st.Travellers[m]; ok {
				count.SetText(strconv.Itoa(n))
			}
		}
	}
	form := widget.NewForm(
		widget.NewFormItem(T("Month"), v.marks.under("travellers.month", month)),
		widget.NewFormItem(T("Travellers served"), v.marks.under("travellers.count", count)),
	)
	form.Items[0].HintText = T("Like 2026-11; leave empty to change nothing")
	form.Items[1].HintText = T("0 removes the month's figure")
	prev := v.read
	v.read = func() (data.Settings, error) {
		out, err := prev()
		if strings.TrimSpace(month.Text) == "" {
			return out, err
		}
		n, cerr := data.ParseTravellers(count.Text)
		if cerr == nil {
			cerr = out.SetTravellers(month.Text, n)
		}
		if cerr != nil {
			v.marks.markError(cerr)
			if err == nil || errors.Is(err, errMarked) {
				err = errMarked
			}
		}
		return out, err
	}
	return widget.NewCard(T("Travellers served"),
		T("For the report's complaints per 1,000 travellers: how many travellers the agency served in a month. Enter the month and its number, then save."),
		widget.NewForm(append(form.Items, widget.NewFormItem(T("Entered"), entered))...))
}

// travellersList is "2026-10: 2100 · 2026-11: 1840", or that none are entered.
func travellersList(st data.Settings) string {
	var parts []string
	for _, m := range st.TravellerMonths() {
		parts = append(parts, m+": "+strconv.Itoa(st.Travellers[m]))
	}
	if len(parts) == 0 {
		return T("None yet")
	}
	return strings.Join(parts, " · ")
}
