package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// referralCard is the setting of the written reply a regulator's referral
// is owed (data.ReferralSettings), on the Deadlines page. It adds its field
// to what the settings view saves.
func (v *settingsView) referralCard(st data.Settings) fyne.CanvasObject {
	days := widget.NewEntry()
	days.SetText(strconv.Itoa(st.Referral.Days()))
	read := v.read
	v.read = func() (data.Settings, error) {
		out, err := read()
		if err != nil {
			return out, err
		}
		n, err := strconv.Atoi(strings.TrimSpace(halfWidthDigits(days.Text)))
		if err != nil || n < 1 || n > data.MaxReferralReplyDays {
			return out, localError(T("Write the reply period as a whole number of days from 1 to 90."))
		}
		out.Referral.ReplyDays = n
		return out, nil
	}
	form := widget.NewForm(widget.NewFormItem(T("Written reply due after (calendar days)"), days))
	form.Items[0].HintText = T("Counted from the date of the notice, to the end of that day; the reply is done when the bureau letter is issued.")
	return widget.NewCard(T("Referrals by the 12345 hotline or the bureau"), "", form)
}
