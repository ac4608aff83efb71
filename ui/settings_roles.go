package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// mustBeReadOnly tells whether the person working may not change the
// settings. On a database with nobody on the staff list yet anyone may: the
// first person adds themselves (as the application layer allows).
func (v *settingsView) mustBeReadOnly() bool {
	return len(v.u.settings().Staff) > 0 && !v.u.can(data.ActionSettings)
}

// backupCardAction is the action each card of the Backup page needs: the
// schedule is a setting; backing up now is the supervisor's too; restoring
// and compacting replace the database, the owner's. A card not named here
// counts as a setting.
func backupCardAction(title string) data.Action {
	switch title {
	case T("Back up"):
		return data.ActionBackup
	case T("Restore"), T("Compact"):
		return data.ActionRestore
	}
	return data.ActionSettings
}

// followRole shows the pages as the person working may use them: for who
// may not change the settings, every field disabled, Save and Undo hidden
// and a line at the top saying so; on the pages after the first settingsTabs
// (Backup) each card by its own action.
func (v *settingsView) followRole(tabs *container.AppTabs, settingsTabs int) {
	v.readOnly, v.role = v.mustBeReadOnly(), v.u.actor().Role
	v.buttons.Hidden = v.readOnly
	v.buttons.Refresh()
	top := v.top
	top.RemoveAll()
	if v.readOnly {
		for _, it := range tabs.Items[:settingsTabs] {
			disableAll(it.Content)
		}
		l := widget.NewLabelWithStyle(T("Only the owner changes settings: they are shown here read-only."), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Wrapping = fyne.TextWrapWord
		top.Add(l)
	}
	var refused []data.Action
	for _, it := range tabs.Items[settingsTabs:] {
		eachCard(it.Content, func(c *widget.Card) {
			if act := backupCardAction(c.Title); len(v.u.settings().Staff) > 0 && !v.u.can(act) {
				disableAll(c)
				if act != data.ActionSettings { // said by the line above
					refused = append(refused, act)
				}
			}
		})
	}
	if l := v.u.refusedLine(refused); l != nil {
		top.Add(l)
	}
	top.Refresh()
}

// eachCard calls fn on every card under obj.
func eachCard(obj fyne.CanvasObject, fn func(*widget.Card)) {
	switch x := obj.(type) {
	case *fyne.Container:
		for _, o := range x.Objects {
			eachCard(o, fn)
		}
	case *container.Scroll:
		eachCard(x.Content, fn)
	case *widget.Card:
		fn(x)
	}
}
