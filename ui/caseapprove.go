package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// approver is what approving a solution needs of the application layer.
type approver interface {
	Approve(ctx context.Context, a data.Actor, number string) (data.Case, error)
	RefuseApproval(ctx context.Context, a data.Actor, number, reason string) (data.Case, error)
}

// approveLabel and refuseLabel are the labels of the approval steps; the
// step slots are measured with them (see slotWidths).
func approveLabel() string { return T("Approve solution") }
func refuseLabel() string  { return T("Refuse solution…") }

// awaitingLine says, to everyone, that the solution waits for approval and
// by whom; nil when it does not wait.
func awaitingLine(c data.Case, st data.Settings) fyne.CanvasObject {
	s := pr().Awaiting(&c, st)
	if s == "" {
		return nil
	}
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = widget.WarningImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// approvalSteps puts Approve in the forward slot and Refuse in the decline
// slot of a case whose solution waits, for someone who may approve it (their
// role approves and their limit covers the total). While it waits, the
// customer's agreement is not offered to anyone: it would be refused.
func (d *caseDetail) approvalSteps(c data.Case, slots *[stepSlots]fyne.CanvasObject) {
	if !c.Approval.Awaiting {
		return
	}
	slots[slotForward] = nil
	a := d.u.actor()
	if c.CanApprove(d.u.settings(), a) != nil {
		return
	}
	ok := widget.NewButton(approveLabel(), func() {
		d.apply(func() (data.Case, error) { return d.u.svc.Cases.Approve(d.u.ctx, d.u.actor(), c.Number) })
	})
	ok.Importance = widget.HighImportance
	no := widget.NewButton(refuseLabel(), func() {
		d.askNote(T("Refuse solution"), true, func(reason string) {
			d.apply(func() (data.Case, error) {
				return d.u.svc.Cases.RefuseApproval(d.u.ctx, d.u.actor(), c.Number, reason)
			})
		})
	})
	no.Importance = widget.DangerImportance
	slots[slotForward], slots[slotDecline] = ok, no
}
