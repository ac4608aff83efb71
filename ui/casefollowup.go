package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// Return visits (回访) on the case screen: "Record follow-up…" on a resolved
// or closed case, the follow-up history with the replies that may hold a
// rating, closing explained while the follow-up is missing, and the
// supervisor's "Close without follow-up…".

// followUpWorker is what the follow-up steps need of the cases.
type followUpWorker interface {
	RecordFollowUp(ctx context.Context, a data.Actor, number string, v data.FollowUp) (data.Case, error)
	CloseFollowUpUnreachable(ctx context.Context, a data.Actor, number, note string) (data.Case, error)
	CloseWithoutFollowUp(ctx context.Context, a data.Actor, number, reason string) (data.Case, error)
	ConfirmRating(ctx context.Context, a data.Actor, number string, messageID uint64, rating int, reason string) (data.Case, error)
	DismissRating(ctx context.Context, a data.Actor, number string, messageID uint64) (data.Case, error)
	KeepClosed(ctx context.Context, a data.Actor, number, note string) (data.Case, error)
}

func followUpLabel() string { return T("Record follow-up…") }
func waiveLabel() string    { return T("Close without follow-up…") }

// followUpSlotWidths makes room for "Record follow-up…" in its slot.
func followUpSlotWidths(w *[stepSlots]float32) {
	w[slotAlternative] = max(w[slotAlternative], widget.NewButton(followUpLabel(), nil).MinSize().Width)
}

// followUpSteps puts "Record follow-up…" in the alternative slot of a
// resolved or closed case and, while a resolved case has no follow-up,
// disables closing and returns the line that explains it with the
// supervisor's "Close without follow-up…" (below the steps: the slots keep
// the pane narrow).
func (d *caseDetail) followUpSteps(c data.Case, slots *[stepSlots]fyne.CanvasObject, refused *[]data.Action) fyne.CanvasObject {
	if c.Status != data.StatusResolved && c.Status != data.StatusClosed {
		return nil
	}
	rec := widget.NewButton(followUpLabel(), func() { d.askFollowUp(c) })
	if d.u.refuses(data.ActionFollowUp) {
		rec.Disable()
		*refused = append(*refused, data.ActionFollowUp)
	}
	slots[slotAlternative] = rec
	if !c.NeedsFollowUp() {
		return nil
	}
	if b, ok := slots[slotForward].(*widget.Button); ok {
		b.Disable()
	}
	waive := widget.NewButton(waiveLabel(), func() {
		d.askNote(T("Close without follow-up"), true, func(reason string) {
			d.apply(func() (data.Case, error) {
				return d.u.svc.Cases.CloseWithoutFollowUp(d.u.ctx, d.u.actor(), c.Number, reason)
			})
		})
	})
	waive.Importance = widget.DangerImportance
	if d.u.refuses(data.ActionClose) {
		waive.Disable()
	}
	l := wrapped(TF("Closing needs the follow-up first: record it (the customer reached, or closed as unreachable after {{.N}} attempts). A supervisor may close without follow-up, with a reason.",
		map[string]any{"N": d.u.settings().FollowUps.Attempts()}))
	l.Importance = widget.WarningImportance
	return container.NewVBox(l, container.NewHBox(waive))
}

// followUpPart is the overview's follow-up card: when it is due, every
// visit and attempt, the replies that may hold a rating; nil before the
// case is resolved and without visits.
func (d *caseDetail) followUpPart(c data.Case, st data.Settings, now time.Time) fyne.CanvasObject {
	f := c.FollowUp
	if c.Status != data.StatusResolved && c.Status != data.StatusClosed && len(f.Visits) == 0 {
		return nil
	}
	box := container.NewVBox()
	if due := c.FollowUpDueAt(st); !due.IsZero() {
		l := widget.NewLabel(TF("Follow-up due {{.At}} · {{.N}} unreached attempts", map[string]any{
			"At": due.In(zone()).Format("2006-01-02 15:04"), "N": f.Attempts()}))
		if now.After(due) {
			l.Importance = widget.DangerImportance
		}
		box.Add(l)
		if f.Attempts() >= st.FollowUps.Attempts() {
			b := widget.NewButton(T("Close follow-up as unreachable…"), func() {
				d.askNote(T("Close follow-up as unreachable"), false, func(note string) {
					d.apply(func() (data.Case, error) {
						return d.u.svc.Cases.CloseFollowUpUnreachable(d.u.ctx, d.u.actor(), c.Number, note)
					})
				})
			})
			if d.u.refuses(data.ActionFollowUp) {
				b.Disable()
			}
			box.Add(b)
		}
	}
	if f.Unreachable {
		box.Add(widget.NewLabel(T("The follow-up was closed as unreachable.")))
	}
	for i := len(f.Visits) - 1; i >= 0; i-- {
		box.Add(wrapped(visitText(f.Visits[i])))
	}
	if len(f.Visits) == 0 && !f.Unreachable {
		box.Add(widget.NewLabel(T("No follow-up yet.")))
	}
	for _, k := range f.Checks {
		box.Add(d.ratingCheckRow(c, k))
	}
	if c.Unhappy() {
		box.Add(d.unhappyRow(c))
	}
	head := widget.NewLabelWithStyle(T("Follow-up"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(widget.NewSeparator(), head, box)
}

// visitText is one visit in a line: when, how, who, reached, rating, words.
func visitText(v data.FollowUp) string {
	parts := []string{v.At.In(zone()).Format("2006-01-02 15:04"), pr().FollowUpChannel(v.Channel)}
	if v.By != "" {
		parts = append(parts, v.By)
	}
	if v.Reached {
		parts = append(parts, T("reached"))
	} else {
		parts = append(parts, T("not reached"))
	}
	if v.Rating > 0 {
		parts = append(parts, pr().Rating(v.Rating))
	}
	if v.AcceptsClosing {
		parts = append(parts, T("accepts closing"))
	}
	if v.MessageID != 0 {
		parts = append(parts, T("from the customer's reply"))
	}
	return strings.Join(nonEmpty(append(parts, v.Reason, v.Remarks)...), " · ")
}

// ratingCheckRow is a reply that may hold a rating, with the rating to
// confirm (the guess preselected) and Dismiss.
func (d *caseDetail) ratingCheckRow(c data.Case, k data.RatingCheck) fyne.CanvasObject {
	text := wrapped(TF("The customer's reply may contain a rating: “{{.Line}}”", map[string]any{"Line": k.Line}))
	text.Importance = widget.WarningImportance
	pick := widget.NewSelect([]string{"1", "2", "3", "4", "5"}, nil)
	if k.Guess > 0 {
		pick.SetSelected(strconv.Itoa(k.Guess))
	}
	confirm := widget.NewButton(T("Confirm rating"), func() {
		r, err := strconv.Atoi(pick.Selected)
		if err != nil {
			d.u.showError(&data.FollowUpError{Code: data.FollowUpBadRating, Number: c.Number})
			return
		}
		d.apply(func() (data.Case, error) {
			return d.u.svc.Cases.ConfirmRating(d.u.ctx, d.u.actor(), c.Number, k.MessageID, r, "")
		})
	})
	dismiss := widget.NewButton(T("Dismiss: no rating"), func() {
		d.apply(func() (data.Case, error) {
			return d.u.svc.Cases.DismissRating(d.u.ctx, d.u.actor(), c.Number, k.MessageID)
		})
	})
	if d.u.refuses(data.ActionFollowUp) {
		confirm.Disable()
		dismiss.Disable()
	}
	return container.NewVBox(text, container.NewHBox(widget.NewLabel(T("Rating")), pick, confirm, dismiss))
}

// followUpForm is the "Record follow-up…" dialog's fields.
type followUpForm struct {
	dlg      *dialog.FormDialog
	channel  *widget.Select
	at       *widget.Entry
	who      *widget.Entry
	reached  *widget.Check
	rating   *widget.RadioGroup // "1"…"5": five buttons in a row
	reason   *widget.Entry
	remarks  *widget.Entry
	accepts  *widget.Check
	reasonIt *widget.FormItem
}

// value is the visit the form describes.
func (f *followUpForm) value() (data.FollowUp, error) {
	v := data.FollowUp{Reached: f.reached.Checked, Reason: f.reason.Text, Remarks: f.remarks.Text,
		By: strings.TrimSpace(f.who.Text), AcceptsClosing: f.accepts.Checked}
	for _, ch := range data.FollowUpChannels {
		if pr().FollowUpChannel(ch) == f.channel.Selected {
			v.Channel = ch
		}
	}
	if f.rating.Selected != "" {
		v.Rating, _ = strconv.Atoi(f.rating.Selected)
	}
	at, err := time.ParseInLocation(receivedLayout, strings.TrimSpace(f.at.Text), zone())
	if err != nil {
		return v, &data.FieldError{Field: "received", Code: data.ReasonDateFormat, Reason: "not YYYY-MM-DD HH:MM"}
	}
	v.At = at
	return v, nil
}

// askFollowUp opens the "Record follow-up…" dialog; it returns the form (tests fill it).
func (d *caseDetail) askFollowUp(c data.Case) *followUpForm {
	f := &followUpForm{}
	d.followUp = f
	var names []string
	for _, ch := range data.FollowUpChannels {
		names = append(names, pr().FollowUpChannel(ch))
	}
	f.channel = widget.NewSelect(names, nil)
	f.channel.SetSelected(names[0])
	f.at = widget.NewEntry()
	f.at.SetText(d.u.now().In(zone()).Format(receivedLayout))
	f.who = widget.NewEntry()
	f.who.SetText(d.u.actor().Name)
	f.reason = widget.NewMultiLineEntry()
	f.reason.SetMinRowsVisible(2)
	f.remarks = widget.NewMultiLineEntry()
	f.remarks.SetMinRowsVisible(2)
	f.remarks.SetPlaceHolder(T("What the customer said"))
	f.accepts = widget.NewCheck(T("The customer accepts closing the case"), nil)
	f.rating = widget.NewRadioGroup([]string{"1", "2", "3", "4", "5"}, nil)
	f.rating.Horizontal = true
	// A rating of 3 or below needs a reason: said in the field itself, and
	// the dialog's Record button waits for it.
	f.reason.Validator = func(s string) error {
		r, _ := strconv.Atoi(f.rating.Selected)
		if data.RatingNeedsReason(r) && strings.TrimSpace(s) == "" {
			return &data.FollowUpError{Code: data.FollowUpNeedReason, Number: c.Number}
		}
		return nil
	}
	f.reasonIt = widget.NewFormItem(T("Reason"), f.reason)
	f.reasonIt.HintText = T("Required at a rating of 3 or below")
	f.rating.OnChanged = func(s string) {
		r, _ := strconv.Atoi(s)
		if data.RatingNeedsReason(r) {
			f.reason.SetPlaceHolder(T("Required: what was the customer unhappy with?"))
		} else {
			f.reason.SetPlaceHolder(T("Optional"))
		}
		f.reason.Validate()
		if f.rating.Selected != "" && !f.reached.Checked {
			f.reached.SetChecked(true) // a rating means they were reached
		}
	}
	f.reached = widget.NewCheck(T("The customer was reached"), func(on bool) {
		if !on {
			f.rating.SetSelected("")
			f.accepts.SetChecked(false)
		}
	})
	f.reached.SetChecked(true)
	items := []*widget.FormItem{
		widget.NewFormItem(T("How"), f.channel),
		widget.NewFormItem(T("When")+zoneNote(), f.at),
		widget.NewFormItem(T("Who"), f.who),
		widget.NewFormItem("", f.reached),
		widget.NewFormItem(T("Rating (1 very unsatisfied – 5 very satisfied)"), f.rating),
		f.reasonIt,
		widget.NewFormItem(T("Customer's remarks"), f.remarks),
		widget.NewFormItem("", f.accepts),
	}
	f.dlg = dialog.NewForm(TF("Follow-up of {{.Number}}", map[string]any{"Number": c.Number}), T("Record"), T("Cancel"), items,
		func(ok bool) {
			if !ok {
				return
			}
			v, err := f.value()
			if err != nil {
				d.u.showError(err)
				return
			}
			d.apply(func() (data.Case, error) {
				return d.u.svc.Cases.RecordFollowUp(d.u.ctx, d.u.actor(), c.Number, v)
			})
		}, d.u.win)
	f.dlg.Resize(fyne.NewSize(620, 560))
	f.dlg.Show()
	return f
}

// unhappyRow is the supervisor's choice after a rating of 2 or below, on the
// case as on Today: reopen it (back to investigation), or keep it as it is
// with a note.
func (d *caseDetail) unhappyRow(c data.Case) fyne.CanvasObject {
	l := widget.NewLabel(TF("The customer is unhappy ({{.Rating}}): reopen the case, or keep it as it is with a note.", map[string]any{"Rating": pr().Rating(c.Satisfaction.Rating)}))
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	reopen := widget.NewButton(T("Reopen…"), func() { d.askMove(c, data.StatusInvestigating) })
	reopen.Importance = widget.HighImportance
	keep := widget.NewButton(T("Keep closed…"), func() { d.askKeepClosed(c) })
	if d.u.refuses(data.ActionReopen) {
		reopen.Disable()
	}
	if d.u.refuses(data.ActionClose) {
		keep.Disable()
	}
	return container.NewVBox(l, container.NewHBox(reopen, keep))
}

// askKeepClosed takes an unhappy case off the supervisor's Today with what
// was done about it.
func (d *caseDetail) askKeepClosed(c data.Case) {
	d.askNote(T("Keep closed"), false, func(note string) {
		d.apply(func() (data.Case, error) {
			return d.u.svc.Cases.KeepClosed(d.u.ctx, d.u.actor(), c.Number, note)
		})
	})
}
