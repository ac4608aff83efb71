package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// Today's follow-up sections: follow-ups overdue (in the overdue colour) and
// due, the replies that may hold a rating, and for a supervisor or owner the
// cases rated 2 or below, each with Reopen… one click away.

func (v *todayView) followUpSections(f data.FollowUpToday, person string) []fyne.CanvasObject {
	overdue := v.section(T("Follow-ups overdue"), f.Overdue, person, false)
	if overdue != nil {
		overdue.(*fyne.Container).Objects[0].(*widget.Label).Importance = widget.DangerImportance
	}
	return nonNil(overdue,
		v.section(T("Follow-ups due"), f.Due, person, false),
		v.section(T("This reply may contain a rating — confirm"), f.RatingChecks, person, false),
		v.unhappySection(f.Unhappy))
}

// unhappySection lists the cases a customer rated 2 or below after closing,
// each with Reopen… and Keep closed….
func (v *todayView) unhappySection(s data.TodaySection) fyne.CanvasObject {
	if s.Count == 0 {
		return nil
	}
	head := widget.NewLabelWithStyle(fmt.Sprintf("%s  %d", T("Unhappy after closing"), s.Count), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Importance = widget.WarningImportance
	rows := []fyne.CanvasObject{head}
	for _, it := range s.Items {
		id := it.ID
		link := widget.NewHyperlink(itemText(it, "", false)+"  ·  "+pr().Rating(it.Rating), nil)
		link.Truncation = fyne.TextTruncateEllipsis
		link.OnTapped = func() { v.u.openFromToday(id) }
		reopen := widget.NewButton(T("Reopen…"), func() { v.reopenUnhappy(id) })
		reopen.Importance = widget.HighImportance
		keep := widget.NewButton(T("Keep closed…"), func() { v.keepClosed(id) })
		if v.u.refuses(data.ActionReopen) {
			reopen.Disable()
		}
		if v.u.refuses(data.ActionClose) {
			keep.Disable()
		}
		rows = append(rows, container.NewBorder(nil, nil, nil, container.NewHBox(reopen, keep), link))
	}
	if more := s.Count - len(s.Items); more > 0 {
		rows = append(rows, widget.NewLabel(TF("… and {{.N}} more", map[string]any{"N": more})))
	}
	return container.NewVBox(rows...)
}

// reopenUnhappy opens the case and asks for the reason to reopen it.
func (v *todayView) reopenUnhappy(id uint64) {
	v.u.openFromToday(id)
	c, err := v.u.svc.Cases.ByID(v.u.ctx, id)
	if err != nil {
		v.u.showError(err)
		return
	}
	v.u.detail.askMove(c, data.StatusInvestigating)
}

// keepClosed takes the case off the list with what was done.
func (v *todayView) keepClosed(id uint64) {
	v.u.openFromToday(id)
	c, err := v.u.svc.Cases.ByID(v.u.ctx, id)
	if err != nil {
		v.u.showError(err)
		return
	}
	v.u.detail.askKeepClosed(c) // casefollowup.go
}

// warnFollowUp is a follow-up of one of my cases that became overdue.
const warnFollowUp warnKind = 100

// followUpWarnings warns, like a deadline, when one of the person's
// follow-ups becomes overdue.
func (w *warner) followUpWarnings(now time.Time, note func(k warnKey, on bool, title, body string)) {
	who := w.u.todayActor()
	st := w.u.settings()
	for _, r := range w.u.svc.Cases.List(data.Filter{Statuses: []data.Status{data.StatusResolved}, Owner: who.Name}, data.Sort{}, now) {
		if r.FollowUpFrom.IsZero() {
			continue
		}
		if due := data.FollowUpDue(st.Calendar, r.FollowUpFrom, st.FollowUps.Days()); now.After(due) {
			note(warnKey{r.ID, warnFollowUp, due.UnixNano()}, !st.Alerts.NoDue,
				TF("Follow-up overdue: {{.Number}}", map[string]any{"Number": r.Number}), r.Subject)
		}
	}
}
