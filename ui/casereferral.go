package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// referralRecorder records that a regulator referred a case.
type referralRecorder interface {
	RecordReferral(ctx context.Context, a data.Actor, number string, in data.ReferralInput) (data.Case, error)
}

// bookingRows adds the tour fee, the trip end and, when the complaint came
// long after the trip, the warning that the regulator may decline it.
func bookingRows(info *widget.Form, add func(label, value string), c data.Case) {
	if c.Booking.Fee != 0 {
		add(T("Tour fee"), c.Booking.Fee.String()+" "+c.Currency)
	}
	add(T("Trip end date"), c.Booking.TripEnd)
	if days, late := c.LateForRegulator(zone()); late {
		l := widget.NewLabel(pr().LateComplaint(days))
		l.Importance = widget.WarningImportance
		l.Wrapping = fyne.TextWrapWord
		info.Append(T("Warning"), l)
	}
}

// referralRows shows the referral and the reply's deadline, like the other clocks.
func referralRows(info *widget.Form, c data.Case, now time.Time) {
	r := c.Referral
	if !r.Recorded() {
		return
	}
	v := widget.NewLabel(strings.Join(nonEmpty(pr().ReferralSource(r.Source), r.Number, r.Notice), " · "))
	v.Wrapping = fyne.TextWrapWord
	info.Append(T("Referred by"), v)
	due, imp := deadlineText(r.Reply, now)
	l := widget.NewLabel(due)
	l.Importance = imp
	info.Append(T("Reply to the bureau due")+zoneNote(), l)
}

// referralButton opens the form that records (or corrects) a referral; nil
// on a closed case. A case that came through the hotline and has none yet
// gets it highlighted.
func (d *caseDetail) referralButton(c data.Case) *widget.Button {
	if c.Status == data.StatusClosed {
		return nil
	}
	label := T("Record referral…")
	if c.Referral.Recorded() {
		label = T("Correct referral…")
	}
	b := widget.NewButtonWithIcon(label, theme.MailForwardIcon(), func() { d.showReferral(c) })
	if c.Channel == data.ChannelHotline && !c.Referral.Recorded() {
		b.Importance = widget.WarningImportance
	}
	if d.u.refuses(data.ActionRecord) {
		b.Disable()
	}
	return b
}

// showReferral asks for the source, the referral number and the notice date.
func (d *caseDetail) showReferral(c data.Case) {
	var dlg dialog.Dialog
	closeIt := func() { dlg.Hide() }
	sources := newChoice(data.ReferralSources, func(s data.ReferralSource) string { return pr().ReferralSource(s) })
	source := newKeySelect(sources.labels, closeIt)
	if c.Referral.Recorded() {
		sources.set(&source.Select, c.Referral.Source)
	} else {
		sources.set(&source.Select, data.ReferralHotline)
	}
	number := newKeyEntry(false, closeIt)
	number.SetText(c.Referral.Number)
	number.SetPlaceHolder(T("e.g. 12345-2026-000188"))
	notice := newDateField(closeIt)
	if c.Referral.Notice != "" {
		notice.SetText(c.Referral.Notice)
	} else {
		notice.SetText(d.u.now().In(zone()).Format(time.DateOnly))
	}
	msg := errorLabel()
	days := widget.NewLabel(TF("The written reply is due {{.Days}} calendar days after the notice.",
		map[string]any{"Days": d.u.settings().Referral.Days()}))
	days.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(T("Referred by"), source),
		widget.NewFormItem(T("Referral number"), number),
		widget.NewFormItem(T("Notice date"), notice),
	)
	save := widget.NewButtonWithIcon(T("Save"), theme.DocumentSaveIcon(), func() {
		if !d.u.needUser() {
			return
		}
		day, err := dayField("referral_notice", notice.Text)
		var cs data.Case
		if err == nil {
			in := data.ReferralInput{Source: sources.value(&source.Select), Number: number.Text, Notice: day}
			cs, err = d.u.svc.Cases.RecordReferral(d.u.ctx, d.u.actor(), c.Number, in)
		}
		if err != nil {
			msg.SetText(errorText(err))
			msg.Show()
			return
		}
		dlg.Hide()
		d.apply(func() (data.Case, error) { return cs, nil })
	})
	save.Importance = widget.HighImportance
	buttons := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewButton(T("Cancel"), closeIt), save), msg)
	dlg = dialog.NewCustomWithoutButtons(T("Referral by a regulator"), container.NewBorder(nil, buttons, nil, nil,
		container.NewVBox(form, days)), d.u.win)
	dlg.Resize(fitToWindow(d.u.win, fyne.NewSize(520, 320)))
	dlg.Show()
	d.u.win.Canvas().Focus(number)
}
