package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// approvalCard is the settings' card of approval limits: the most staff and
// supervisors may propose in remedies on a case without approval (the owner
// has no limit). It chains itself onto v.read, so the settings saved carry
// the limits; a wrong amount is marked under its field.
func (v *settingsView) approvalCard(st data.Settings) fyne.CanvasObject {
	type limit struct {
		key   string
		role  data.Role
		entry *widget.Entry
		set   func(l *data.ApprovalLimits, m data.Money)
	}
	limits := []limit{
		{key: "approval.limit.staff", role: data.RoleStaff, set: func(l *data.ApprovalLimits, m data.Money) { l.Staff = &m }},
		{key: "approval.limit.supervisor", role: data.RoleSupervisor, set: func(l *data.ApprovalLimits, m data.Money) { l.Supervisor = &m }},
	}
	form := widget.NewForm()
	for i := range limits {
		l := &limits[i]
		l.entry = widget.NewEntry()
		m, _ := st.Approval.Limit(l.role)
		l.entry.SetText(m.String())
		form.Append(TF("{{.Role}} up to", map[string]any{"Role": roleLabel(l.role)}), v.marks.under(l.key, l.entry))
	}
	form.Append(roleLabel(data.RoleOwner), widget.NewLabel(T("No limit")))
	prev := v.read
	v.read = func() (data.Settings, error) {
		out, err := prev()
		out.Approval = st.Approval // an unchanged default stays unset
		bad := false
		for _, l := range limits {
			m, perr := data.ParseMoney(l.entry.Text)
			if perr != nil || strings.TrimSpace(l.entry.Text) == "" {
				bad = v.marks.markError(&data.FieldError{Field: l.key, Reason: "not an amount"}) || bad
				continue
			}
			if cur, _ := st.Approval.Limit(l.role); m != cur {
				l.set(&out.Approval, m)
			}
		}
		if !bad {
			if verr := out.Approval.Validate(); verr != nil {
				bad = v.marks.markError(verr)
			}
		}
		if bad && (err == nil || errors.Is(err, errMarked)) {
			err = errMarked
		}
		return out, err
	}
	return widget.NewCard(T("Compensation approval"), T("The most each role may propose in remedies on a case, in the case currency. A solution above the proposer's limit waits for a supervisor or the owner whose limit covers it; its confirmation letter cannot be printed before."), form)
}
