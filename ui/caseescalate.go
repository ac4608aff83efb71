package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
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

// staffLabel names a staff member with their role: "陈静（主管）".
func staffLabel(m data.Staff) string {
	return TF("{{.Name}} ({{.Role}})", map[string]any{"Name": m.Name, "Role": roleLabel(m.Role)})
}

// escalateForm is the escalate dialog's content: who takes the case (the
// staff of the level or above, preselected with the default) and why.
type escalateForm struct {
	to     *safeSelect
	choice choice[data.Staff]
	reason *keyEntry
	items  []*widget.FormItem
}

// newEscalateForm builds the form, or returns the error that nobody can take
// the case at level.
func newEscalateForm(st data.Settings, level data.Escalation, onEscape func()) (*escalateForm, error) {
	def, err := st.EscalationDefault(level)
	if err != nil {
		return nil, err
	}
	f := &escalateForm{choice: newChoice(st.EscalationCandidates(level), staffLabel)}
	f.to = newSelect(f.choice.labels, nil)
	for _, m := range f.choice.values {
		if m.Name == def {
			f.choice.set(f.to, m)
		}
	}
	f.reason = newKeyEntry(true, onEscape)
	f.reason.SetPlaceHolder(T("Reason (required)"))
	f.reason.Validator = required
	to := widget.NewFormItem(T("Give the case to"), f.to)
	to.HintText = TF("A {{.Level}} or above; the default is set in Settings → General", map[string]any{"Level": escalationLabel(level)})
	f.items = []*widget.FormItem{to, widget.NewFormItem(T("Reason"), f.reason)}
	return f, nil
}

// person is the chosen staff member's name ("" when none is chosen).
func (f *escalateForm) person() string { return f.choice.value(f.to).Name }

// askEscalate asks who takes the case and why, then raises it to the next
// level and gives it to that person.
func (d *caseDetail) askEscalate(c data.Case, next data.Escalation, title string) {
	var dlg *dialog.FormDialog
	f, err := newEscalateForm(d.u.settings(), next, func() { dlg.Hide() })
	if err != nil {
		d.u.showError(err)
		return
	}
	dlg = dialog.NewForm(title, T("Escalate"), T("Cancel"), f.items, func(ok bool) {
		if !ok {
			return
		}
		ch := data.CaseChanges{Escalation: &next, Note: f.reason.Text}
		if to := f.person(); to != "" {
			ch.Owner = &to
		}
		d.apply(func() (data.Case, error) { return d.u.svc.Cases.Change(d.u.ctx, d.u.actor(), c.Number, ch) })
	}, d.u.win)
	dlg.Resize(fyne.NewSize(520, 300))
	dlg.Show()
	d.u.win.Canvas().Focus(f.reason)
}
