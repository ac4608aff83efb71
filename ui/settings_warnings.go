package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// warningsTab is the Settings page of Today, the desktop warnings and the
// tray (data.Alerts). It adds its fields to what the settings view saves.
func (v *settingsView) warningsTab(st data.Settings, page func(...fyne.CanvasObject) fyne.CanvasObject) *container.TabItem {
	a := st.Alerts
	check := func(label string, on bool) *widget.Check {
		c := widget.NewCheck(label, nil)
		c.SetChecked(on)
		return c
	}
	urgent := check(T("An urgent case arrives"), !a.NoUrgent)
	due := check(T("One of my cases becomes due soon or overdue"), !a.NoDue)
	escalated := check(T("A case is escalated to me"), !a.NoEscalated)
	bounced := check(T("A reply to the customer bounced"), !a.NoBounced)
	tray := check(T("Closing the window keeps Casebook running in the system tray, so mail and warnings continue"), a.TrayKeepRunning)
	days := widget.NewEntry()
	days.SetText(strconv.Itoa(a.Waiting()))
	read := v.read
	v.read = func() (data.Settings, error) {
		out, err := read()
		if err != nil {
			return out, err
		}
		n, err := strconv.Atoi(strings.TrimSpace(days.Text))
		if err != nil || n < 1 || n > data.MaxWaitingDays {
			return out, localError(T("Write the number of days as a whole number from 1 to 365."))
		}
		out.Alerts = data.Alerts{WaitingDays: n, NoUrgent: !urgent.Checked, NoDue: !due.Checked,
			NoEscalated: !escalated.Checked, NoBounced: !bounced.Checked, TrayKeepRunning: tray.Checked}
		return out, nil
	}
	today := widget.NewForm(widget.NewFormItem(T("Waiting too long after (days)"), days))
	today.Items[0].HintText = T("A case waiting on the customer or a supplier longer than this is listed on Today.")
	return container.NewTabItem(T("Warnings"), page(
		widget.NewCard(T("Desktop warnings"), T("A notification on this computer, once for each case, when:"),
			container.NewVBox(urgent, due, escalated, bounced)),
		widget.NewCard(T("Today"), "", today),
		widget.NewCard(T("System tray"), T("The tray icon shows how many of your cases are overdue."), tray)))
}
