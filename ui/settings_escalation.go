package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// escalationCard is the settings' card of escalation defaults: who a case
// escalated to supervisor or owner goes to when the person escalating
// chooses nobody else. It chains itself onto v.read, so the settings saved
// carry the choice (built after v.read, on the General page).
func (v *settingsView) escalationCard(st data.Settings) fyne.CanvasObject {
	type picker struct {
		level  data.Escalation
		sel    *safeSelect
		choice choice[string]
	}
	var pickers []picker
	form := widget.NewForm()
	for _, level := range []data.Escalation{data.EscalationSupervisor, data.EscalationOwner} {
		names := []string{""} // "": the first of the level
		for _, m := range st.EscalationCandidates(level) {
			names = append(names, m.Name)
		}
		roles := map[string]data.Role{}
		for _, m := range st.Staff {
			roles[m.Name] = m.Role
		}
		p := picker{level: level, choice: newChoice(names, func(n string) string {
			if n == "" {
				return TF("The first {{.Level}} on the staff list", map[string]any{"Level": escalationLabel(level)})
			}
			return staffLabel(data.Staff{Name: n, Role: roles[n]})
		})}
		p.sel = newSelect(p.choice.labels, nil)
		p.choice.set(p.sel, st.Escalation.Default(level))
		if p.sel.SelectedIndex() < 0 { // no longer on the staff list at this level
			p.sel.SetSelectedIndex(0)
		}
		form.Append(TF("Escalated to {{.Level}} goes to", map[string]any{"Level": escalationLabel(level)}), p.sel)
		pickers = append(pickers, p)
	}
	prev := v.read
	v.read = func() (data.Settings, error) {
		out, err := prev()
		for _, p := range pickers {
			name := p.choice.value(p.sel)
			if p.level == data.EscalationOwner {
				out.Escalation.Owner = name
			} else {
				out.Escalation.Supervisor = name
			}
		}
		return out, err
	}
	return widget.NewCard(T("Escalation"), T("Who takes an escalated case when the person escalating chooses nobody else. Save new staff first to choose them here."), form)
}
