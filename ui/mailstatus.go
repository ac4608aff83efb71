package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casebook/data/present"
)

// mailBar is the mail part of the status line: last sync, errors, the outbox,
// a progress bar during long imports, and "Sync now".
type mailBar struct {
	u        *UI
	content  fyne.CanvasObject
	label    *widget.Label
	progress *widget.ProgressBar
	button   *widget.Button
	details  *widget.Button // what went wrong, in full, when a sync failed
	status   MailStatus
}

func newMailBar(u *UI) *mailBar {
	b := &mailBar{u: u, label: widget.NewLabel(""), progress: widget.NewProgressBar()}
	b.progress.Hide()
	b.button = widget.NewButton(T("Sync now"), u.syncNow)
	b.button.Importance = widget.LowImportance
	b.details = widget.NewButton(T("Details"), func() {
		if b.status.Err != nil {
			u.showMailError(T("Mail sync failed"), b.status.Err)
		}
	})
	b.details.Importance = widget.LowImportance
	b.details.Hide()
	b.content = container.NewHBox(b.progress, b.label, b.details, b.button)
	b.show()
	return b
}

// SetMailStatus shows the mail worker's state; call it on the Fyne goroutine
// (fyne.Do). The cases a sync changed arrive as their own notices (Apply).
func (u *UI) SetMailStatus(s MailStatus) {
	u.mail.status = s
	u.mail.show()
	if !s.Syncing && u.tabs.Selected() == u.mailTab {
		u.maillog.refresh()
	}
}

func (b *mailBar) show() {
	s := b.status
	b.details.Hide()
	if !b.u.settings().Mail.Configured() {
		b.label.SetText(T("E-mail not set up"))
		b.label.Importance = widget.LowImportance
		b.button.Hide()
		b.progress.Hide()
		return
	}
	b.button.Show()
	b.label.Importance = widget.MediumImportance
	var text string
	switch {
	case s.Syncing && s.Total > 0:
		b.progress.Max = float64(s.Total)
		b.progress.SetValue(float64(s.Done))
		b.progress.Show()
		text = TF("Fetching mail {{.Done}}/{{.Total}}", map[string]any{"Done": s.Done, "Total": s.Total})
	case s.Syncing:
		b.progress.Hide()
		text = T("Syncing mail…")
	case s.Err != nil:
		b.progress.Hide()
		text = problemText(s)
		b.label.Importance = widget.DangerImportance
		b.details.Show()
	case !s.LastSync.IsZero():
		b.progress.Hide()
		text = TF("Mail synced {{.At}}", map[string]any{"At": s.LastSync.In(zone()).Format("15:04")})
		b.label.Importance = widget.MediumImportance
	default:
		b.progress.Hide()
		text = T("Mail not synced yet")
	}
	if s.Queued > 0 {
		text += " · " + TF("{{.N}} waiting to be sent", map[string]any{"N": s.Queued})
	}
	if s.Uncertain > 0 {
		// Sent, but the server's answer was lost: staff decide on the case.
		text += " · " + TF("{{.N}} may have been sent — check it", map[string]any{"N": s.Uncertain})
		if s.Err == nil {
			b.label.Importance = widget.WarningImportance
		}
	}
	b.label.SetText(text)
}

// problemText explains a failed sync in the user's language; the technical
// error is behind "Details".
func problemText(s MailStatus) string {
	switch s.Problem {
	case ProblemAuth:
		return T("The mail server refused the user name or password (authorisation code). Check them in Settings → E-mail.")
	case ProblemTimeout:
		return T("The mail server did not answer in time; Casebook will try again.")
	case ProblemPassword:
		return T("No mail password stored: enter it in Settings → E-mail.")
	case ProblemOffline:
		if k := present.MailFailure(s.Err); k != "dns" && k != "refused" && k != "certificate" && k != "tls" {
			return T("No connection to the mail server. Work goes on; mail is fetched and sent when the connection is back.")
		}
	}
	summary, _ := pr().MailError(s.Err)
	return T("Mail sync failed:") + " " + summary
}

// showMailError explains a failure with the mail servers: what went wrong in
// the user's language, and the technical text folded under "Details", to
// copy for whoever looks after the mailbox.
func (u *UI) showMailError(title string, err error) dialog.Dialog {
	summary, detail := pr().MailError(err)
	msg := messageLabel(summary)
	raw := widget.NewLabel(detail)
	raw.Wrapping = fyne.TextWrapBreak
	raw.Selectable = true
	details := widget.NewAccordion(widget.NewAccordionItem(T("Details"), raw))
	d := dialog.NewCustom(title, T("Close"), container.NewVBox(msg, details), u.win)
	d.Resize(fyne.NewSize(askWidth+100, 0))
	d.Show()
	return d
}

// syncNow fetches and sends mail now; without a mailbox set up it says so,
// and offers to set it up.
func (u *UI) syncNow() {
	if !u.settings().Mail.Configured() {
		u.ask(T("E-mail not set up"), messageLabel(T("The agency's mailbox is not set up yet: there is nothing to sync. Set it up under Settings → E-mail.")),
			[]answer{{label: T("Close")}, {label: T("Set up e-mail…"), do: u.showMailSettings}}, 1, 0)
		return
	}
	u.svc.Mail.SyncNow()
	u.notify(T("Syncing mail…"))
}

// showMailSettings opens Settings on its E-mail page.
func (u *UI) showMailSettings() {
	u.tabs.Select(u.setTab)
	if len(u.setView.body.Objects) == 0 {
		return
	}
	if tabs, ok := u.setView.body.Objects[0].(*container.AppTabs); ok {
		for _, it := range tabs.Items {
			if it.Text == T("E-mail") {
				tabs.Select(it)
			}
		}
	}
}
