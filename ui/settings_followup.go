package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// followUpCard is Settings → Deadlines → Follow-up (回访): within how many
// working days after resolving the follow-up is due, and after how many
// unreached attempts it may be closed as unreachable (settings keys
// followup.due_working_days and followup.max_attempts).
func (v *settingsView) followUpCard(st data.Settings) fyne.CanvasObject {
	days, attempts := widget.NewEntry(), widget.NewEntry()
	days.SetText(strconv.Itoa(st.FollowUps.Days()))
	attempts.SetText(strconv.Itoa(st.FollowUps.Attempts()))
	form := widget.NewForm(
		widget.NewFormItem(T("Follow-up due after (working days)"), v.marks.under("followup.due_working_days", days)),
		widget.NewFormItem(T("Unreachable after (attempts)"), v.marks.under("followup.max_attempts", attempts)))
	form.Items[0].HintText = T("Counted in the calendar's working days, skipping holidays (default 3, as the closure letter says).")
	form.Items[1].HintText = T("Unreached attempts before a follow-up may be closed as unreachable (default 3).")
	prev := v.read
	v.read = func() (data.Settings, error) {
		out, err := prev()
		out.FollowUps = st.FollowUps // an unchanged default stays unset
		bad := false
		read := func(e *widget.Entry, key string, maxN, cur int, set func(n int)) {
			n, perr := strconv.Atoi(strings.TrimSpace(halfWidthDigits(e.Text))) // ３ typed through an input method counts
			if perr != nil || n < 1 || n > maxN {
				bad = v.marks.markError(&data.FieldError{Field: key, Reason: "out of range"}) || bad
				return
			}
			if n != cur {
				set(n)
			}
		}
		read(days, "followup.due_working_days", data.MaxFollowUpDays, st.FollowUps.Days(), func(n int) { out.FollowUps.DueWorkingDays = n })
		read(attempts, "followup.max_attempts", data.MaxFollowUpAttempts, st.FollowUps.Attempts(), func(n int) { out.FollowUps.MaxAttempts = n })
		if bad && (err == nil || errors.Is(err, errMarked)) {
			return out, errMarked
		}
		return out, err
	}
	return widget.NewCard(T("Follow-up"), T("After a case is resolved the customer is contacted again (a return visit) and asked for a rating; closing waits for it."), form)
}
