package ui

import (
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// escalateButton raises an open case to the next level; nil when there is none.
func (d *caseDetail) escalateButton(c data.Case) *widget.Button {
	if c.Escalation == data.EscalationOwner || !c.Status.Open() {
		return nil
	}
	next := data.NextEscalation(c.Escalation)
	title := TF("Escalate to {{.Level}}", map[string]any{"Level": escalationLabel(next)})
	return widget.NewButton(title, func() { d.askEscalate(c, next, title) })
}

// askEscalate asks why, then raises the case to the next level.
func (d *caseDetail) askEscalate(c data.Case, next data.Escalation, title string) {
	d.askNote(title, false, func(note string) {
		d.apply(func() (data.Case, error) {
			return d.u.svc.Cases.Change(d.u.ctx, d.u.actor(), c.Number, data.CaseChanges{Escalation: &next, Note: note})
		})
	})
}
