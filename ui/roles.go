package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// The screens offer what the person working may do, by the one permission
// table (data/actor.go); the application layer refuses the rest anyway, and
// a refusal that still reaches it is shown like any error. Where a missing
// button would leave the clerk wondering how the case goes on (closing,
// declining, reopening, escalating, amending after the closure letter) the
// button stays, disabled, with a line saying whose step it is; what only
// the owner changes (Settings) is shown read-only.

// can tells whether the person working now may do act.
func (u *UI) can(act data.Action) bool { return u.actor().Can(act) }

// refuses tells whether the case screen shows act as not for the person
// working. With nobody chosen it judges nothing: the step asks who is
// working first (needUser).
func (u *UI) refuses(act data.Action) bool { return u.currentUser() != "" && !u.can(act) }

// roleChanged shows what the person working now may do: the open case's
// buttons, the intake form's owner picker and the Settings pages. It runs
// whenever another person starts working (the "Working as" choice, and
// sign-in: call it after a person signs in, out or the window locks) and
// when the settings change (a role may have changed).
func (u *UI) roleChanged() {
	if u.detail != nil && u.detail.id != 0 {
		u.detail.draw(u.detail.current)
	}
	if u.form != nil {
		u.form.reloadSettings()
	}
	u.followReportsRole() // the Reports tab: supervisors and owners (reports.go)
	if v := u.setView; v != nil && (v.readOnly != v.mustBeReadOnly() || v.role != u.actor().Role) {
		u.setView.load()
	}
}

// assignable narrows the names a case can be given to: everyone for who may
// assign; else only themselves (taking a case is everyday work) and keep,
// the owner the case has now.
func (u *UI) assignable(names []string, keep string) []string {
	if !u.refuses(data.ActionAssign) {
		return names
	}
	me := u.currentUser()
	return slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n != me && n != keep })
}

// refusedLine says which of acts the person working may not do here and
// who may: "Your role (Staff) may not close a case, decline a case: this
// needs the Supervisor role or higher." nil when they may do them all.
func (u *UI) refusedLine(acts []data.Action) fyne.CanvasObject {
	a := u.actor()
	byNeeds := map[data.Role][]string{}
	var needs []data.Role
	for _, act := range acts {
		if !u.refuses(act) {
			continue
		}
		r := data.LowestRole(act)
		what := pr().Action(act)
		if slices.Contains(byNeeds[r], what) {
			continue
		}
		if byNeeds[r] == nil {
			needs = append(needs, r)
		}
		byNeeds[r] = append(byNeeds[r], what)
	}
	if len(needs) == 0 {
		return nil
	}
	var lines []string
	if a.Role == "" { // no longer on the staff list: no role at all
		lines = append(lines, errorText(&data.UnknownStaffError{Name: a.Name}))
		needs = nil
	}
	for _, r := range needs {
		lines = append(lines, TF("Your role ({{.Role}}) may not {{.Actions}}: this needs the {{.Needs}} role or higher.",
			map[string]any{"Role": roleLabel(a.Role), "Actions": strings.Join(byNeeds[r], T("list.sep")), "Needs": roleLabel(r)}))
	}
	l := widget.NewLabel(strings.Join(lines, "\n"))
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// disableAll disables every input under obj: entries, pickers, checks and
// buttons, inside containers, scrolls, cards, forms and tabs (the tabs
// themselves still switch). Used to show a page read-only.
func disableAll(obj fyne.CanvasObject) {
	switch x := obj.(type) {
	case nil:
	case *fyne.Container:
		for _, o := range x.Objects {
			disableAll(o)
		}
	case *container.Scroll:
		disableAll(x.Content)
	case *container.AppTabs:
		for _, it := range x.Items {
			disableAll(it.Content)
		}
	case *widget.Card:
		disableAll(x.Content)
	case *widget.Form: // its own Disable is about its submit button
		for _, it := range x.Items {
			disableAll(it.Widget)
		}
	case fyne.Disableable:
		x.Disable()
	}
}
