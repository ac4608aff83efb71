package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// mailBar is the mail part of the status line: last sync, errors, the outbox,
// a progress bar during long imports, and "Sync now".
type mailBar struct {
	u        *UI
	content  fyne.CanvasObject
	label    *widget.Label
	progress *widget.ProgressBar
	button   *widget.Button
	status   MailStatus
}

func newMailBar(u *UI) *mailBar {
	b := &mailBar{u: u, label: widget.NewLabel(""), progress: widget.NewProgressBar()}
	b.progress.Hide()
	b.button = widget.NewButton(T("Sync now"), func() { u.svc.Mail.SyncNow() })
	b.button.Importance = widget.LowImportance
	b.content = container.NewHBox(b.progress, b.label, b.button)
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

// problemText explains a failed sync; the technical error stays for "other".
func problemText(s MailStatus) string {
	switch s.Problem {
	case ProblemAuth:
		return T("The mail server refused the user name or password (authorisation code). Check them in Settings → E-mail.")
	case ProblemOffline:
		return T("No connection to the mail server. Work goes on; mail is fetched and sent when the connection is back.")
	case ProblemTimeout:
		return T("The mail server did not answer in time; Casebook will try again.")
	case ProblemPassword:
		return T("No mail password stored: enter it in Settings → E-mail.")
	}
	return T("Mail sync failed:") + " " + s.Err.Error()
}
