package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// mailLogSource is what the mail log needs: every message, and reading
// unreadable ones again.
type mailLogSource interface {
	Log(ctx context.Context, dir data.Direction, limit int) ([]data.MailLogEntry, error)
	RetryParked(ctx context.Context, a data.Actor) (retried, stillParked int, err error)
	SyncNow()
}

// mailLogLimit bounds the mail log to the newest messages; the command line
// (`casebook mail list`) shows them all.
const mailLogLimit = 1000

// mailLog lists every message fetched or sent, with what became of it; an
// unreadable one can be read again, and one with a case opens it.
type mailLog struct {
	u        *UI
	content  fyne.CanvasObject
	list     *widget.List
	entries  []data.MailLogEntry
	info     *widget.Label
	empty    *fyne.Container // said instead of an empty list: why, and what to do
	emptyMsg *widget.Label
	setup    *widget.Button // to Settings → E-mail, when no mailbox is set up
}

func newMailLog(u *UI) *mailLog {
	l := &mailLog{u: u, info: widget.NewLabel("")}
	l.list = widget.NewList(
		func() int { return len(l.entries) },
		func() fyne.CanvasObject {
			lb := widget.NewLabel("")
			lb.Truncation = fyne.TextTruncateEllipsis
			return lb
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			lb := o.(*widget.Label)
			if i >= len(l.entries) {
				return
			}
			e := l.entries[i]
			lb.SetText(mailLogLine(e))
			switch {
			case e.Outcome == data.OutcomeParked || e.Status == data.MessageFailed:
				lb.Importance = widget.DangerImportance
			case e.Status == data.MessageQueued || e.Status == data.MessageUncertain:
				lb.Importance = widget.WarningImportance
			case e.Automatic || e.Outcome == data.OutcomeDuplicate:
				lb.Importance = widget.LowImportance
			default:
				lb.Importance = widget.MediumImportance
			}
			lb.Refresh()
		})
	l.list.OnSelected = func(i widget.ListItemID) {
		l.list.UnselectAll()
		if i < len(l.entries) && l.entries[i].CaseID != 0 {
			u.tabs.Select(u.casesTab)
			u.openCase(l.entries[i].CaseID)
		}
	}
	retry := widget.NewButton(T("Read unreadable messages again"), func() {
		retried, still, err := u.svc.Mail.RetryParked(u.ctx, u.actor())
		if err != nil {
			u.showError(err)
			return
		}
		u.notify(TF("{{.Retried}} message(s) filed, {{.Still}} still unreadable", map[string]any{"Retried": retried, "Still": still}))
		l.refresh()
		u.list.refresh()
	})
	sync := widget.NewButton(T("Sync now"), u.syncNow)
	l.emptyMsg = widget.NewLabel("")
	l.emptyMsg.Wrapping = fyne.TextWrapWord
	l.emptyMsg.Alignment = fyne.TextAlignCenter
	l.setup = widget.NewButton(T("Set up e-mail…"), u.showMailSettings)
	l.setup.Importance = widget.HighImportance
	l.empty = container.NewVBox(l.emptyMsg, container.NewCenter(l.setup))
	l.empty.Hide()
	l.content = container.NewBorder(container.NewHBox(sync, retry, l.info), nil, nil, nil,
		container.NewStack(l.list, container.NewPadded(l.empty)))
	return l
}

func mailLogLine(e data.MailLogEntry) string {
	arrow, who, what := "←", e.From, outcomeLabel(e.Outcome)
	if e.Direction == data.DirectionOut {
		arrow, who, what = "→", fmt.Sprint(e.To), messageStatusLabel(e.Status)
	}
	line := fmt.Sprintf("%s %s  %-8s  %s  %s  %s", arrow, e.Date.In(zone()).Format(receivedLayout), what,
		orDash(e.CaseNumber), who, e.Subject)
	for _, f := range messageFlags(e.Message) {
		line += "  — " + f
	}
	if e.Mentions != "" {
		line += "  — " + TF("Mentions case {{.Number}}: the sender is not on that case", map[string]any{"Number": e.Mentions})
	}
	if e.ParseError != "" {
		line += "  — " + e.ParseError
	} else if e.Error != "" {
		line += "  — " + e.Error
	}
	return line
}

func outcomeLabel(o data.Outcome) string             { return enum("outcome", string(o)) }
func messageStatusLabel(s data.MessageStatus) string { return enum("message", string(s)) }

func (l *mailLog) refresh() {
	entries, err := l.u.svc.Mail.Log(l.u.ctx, "", mailLogLimit)
	if err != nil {
		l.info.SetText(errorText(err))
		return
	}
	l.entries = entries
	l.info.SetText(TF("{{.N}} messages", map[string]any{"N": len(entries)}))
	l.list.Refresh()
	switch {
	case len(entries) > 0:
		l.empty.Hide()
		return
	case !l.u.settings().Mail.Configured():
		l.emptyMsg.SetText(T("The agency's mailbox is not set up yet. Once it is, complaints sent to it become cases here, and replies to customers go out from it."))
		l.setup.Show()
	default:
		l.emptyMsg.SetText(T("No mail yet: messages appear here after the next sync."))
		l.setup.Hide()
	}
	l.empty.Show()
}
