package ui

import (
	"time"

	"casebook/data"
)

// listRefreshDelay gathers the changes of one sync (or one burst of work at
// another counter) into one query of the list.
const listRefreshDelay = 250 * time.Millisecond

// Apply updates what a committed change touched, and nothing else: the open
// case when it changed, the list (once per burst), the staff pickers and
// labels when the settings changed, the status line for the mail. The app's
// one feed adapter calls it on the Fyne goroutine (fyne.Do).
func (u *UI) Apply(n data.Notice) {
	u.todayApply(n)
	switch n := n.(type) {
	case data.CaseChanged:
		if u.detail.id == n.ID {
			u.detail.reload()
		}
		u.scheduleListRefresh()
		if u.tabs.Selected() == u.mailTab {
			u.maillog.refresh()
		}
	case data.SettingsChanged:
		followZone(u.settings())
		u.followAppearance()
		u.reloadStaff()
		u.form.reloadSettings()
		u.mail.show()
		u.roleChanged()         // the person's role may have changed
		u.scheduleListRefresh() // category names and deadlines may read differently
	case data.OutboxChanged:
		u.mail.status.Queued, u.mail.status.Uncertain = n.Queued, n.Uncertain
		u.mail.show()
	case data.MailStatusChanged:
		u.SetMailStatus(n.Status)
	case data.ClassifierChanged:
		u.setView.showLearnStatus() // settings_classify.go
	case data.CustomerChanged:
		if u.detail.id != 0 && u.detail.current.CustomerID == n.ID {
			u.detail.reload() // its VIP and repeat marks
		}
	}
	u.customersApply(n)
	u.reportsApply(n) // reports.go
}

// scheduleListRefresh queries the list again after a short pause; changes
// arriving meanwhile share that one query.
func (u *UI) scheduleListRefresh() {
	if u.listTimer != nil {
		return
	}
	if u.list.delay == 0 { // tests: at once
		u.list.refresh()
		return
	}
	u.listTimer = time.AfterFunc(u.listDelay, func() {
		u.do(func() {
			u.listTimer = nil
			u.list.refresh()
		})
	})
}
