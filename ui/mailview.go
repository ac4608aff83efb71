package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// conversation is what a case's e-mail section needs: its messages, their
// stored bytes, and replying.
type conversation interface {
	Messages(ctx context.Context, caseID uint64) ([]data.Message, error)
	Blob(ctx context.Context, sha string) ([]byte, error)
	// Reply renders a template for the case's customer and queues it in the
	// outbox, with issued letters attached as issued.
	Reply(ctx context.Context, a data.Actor, number string, r data.Reply) (data.Message, error)
	// SyncNow asks the background worker for a sync.
	SyncNow()
	// Resend queues a message that may have been delivered (uncertain) to
	// be sent again with the same Message-ID; MarkSent records it delivered.
	Resend(ctx context.Context, a data.Actor, id uint64) (data.Message, error)
	MarkSent(ctx context.Context, a data.Actor, id uint64) (data.Message, error)
}

// replyTemplates are the outgoing templates a clerk can pick, in menu order.
var replyTemplates = []string{"reply", "acknowledge", "ask_evidence", "propose", "close", "followup"}

func templateLabel(name string) string { return enum("template", name) }

// mailSection shows a case's e-mails and, when the customer has an address,
// the reply box.
func (d *caseDetail) mailSection(c data.Case) fyne.CanvasObject {
	box := container.NewVBox(widget.NewLabelWithStyle(T("E-mail"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	msgs, err := d.u.svc.Mail.Messages(d.u.ctx, c.ID)
	if err != nil {
		box.Add(widget.NewLabel(errorText(err)))
		return box
	}
	for _, m := range msgs {
		box.Add(d.messageView(m))
	}
	if len(msgs) == 0 {
		box.Add(widget.NewLabel(T("No e-mail on this case yet.")))
	}
	box.Add(d.replyBox(c))
	return box
}

func (d *caseDetail) messageView(m data.Message) fyne.CanvasObject {
	arrow, who := "←", m.From
	if m.Direction == data.DirectionOut {
		arrow, who = "→", strings.Join(m.To, ", ")
	}
	head := widget.NewLabelWithStyle(fmt.Sprintf("%s %s  %s  %s", arrow, m.Date.In(zone()).Format(receivedLayout), who, m.Subject),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	parts := []fyne.CanvasObject{head}
	if st := messageState(m); st != "" {
		lb := widget.NewLabel(st)
		lb.Wrapping = fyne.TextWrapWord
		if m.Status == data.MessageFailed || m.ParseError != "" {
			lb.Importance = widget.DangerImportance
		} else if m.Status == data.MessageQueued || m.Status == data.MessageSending || m.Status == data.MessageUncertain {
			lb.Importance = widget.WarningImportance
		}
		parts = append(parts, lb)
	}
	for _, f := range messageFlags(m) {
		lb := widget.NewLabel(f)
		lb.Wrapping = fyne.TextWrapWord
		lb.Importance = widget.WarningImportance
		parts = append(parts, lb)
	}
	for _, w := range m.Warnings {
		lb := widget.NewLabel("⚠ " + pr().MailWarning(w))
		lb.Wrapping = fyne.TextWrapWord
		lb.Importance = widget.WarningImportance
		parts = append(parts, lb)
	}
	if m.Mentions != "" {
		number := m.Mentions
		open := widget.NewButton(TF("Open {{.Number}}", map[string]any{"Number": number}), func() { d.showNumber(number) })
		open.Importance = widget.LowImportance
		parts = append(parts, container.NewHBox(widget.NewLabel(TF("Mentions case {{.Number}}: the sender is not on that case", map[string]any{"Number": number})), open))
	}
	if m.Status == data.MessageUncertain && m.Direction == data.DirectionOut {
		parts = append(parts, d.uncertainPrompt(m))
	}
	text := m.Text
	if r := []rune(text); len(r) > 1200 {
		text = string(r[:1200]) + " …"
	}
	body := widget.NewLabel(strings.TrimSpace(text))
	body.Wrapping = fyne.TextWrapWord
	parts = append(parts, body)
	for _, a := range m.Attachments {
		a := a
		save := widget.NewButton(T("Save…"), func() { d.saveAttachment(a) })
		save.Importance = widget.LowImportance
		parts = append(parts, container.NewHBox(widget.NewLabel(fmt.Sprintf("📎 %s  (%s, %s)", a.Name, a.ContentType, sizeText(a.Size))), save))
	}
	if m.RawSHA256 != "" {
		sha := m.RawSHA256
		orig := widget.NewButton(T("Show original"), func() { d.showOriginal(sha) })
		orig.Importance = widget.LowImportance
		parts = append(parts, container.NewHBox(orig))
	}
	return container.NewVBox(append(parts, widget.NewSeparator())...)
}

// messageFlags are what staff should know about an incoming message beyond its state.
func messageFlags(m data.Message) []string {
	var out []string
	if m.Loop {
		out = append(out, T("Probable mail loop: held for staff, not answered"))
	}
	if m.ReusedMessageID {
		out = append(out, T("Reused Message-ID: an earlier, different message had the same id; both are kept"))
	}
	return out
}

// showNumber opens the case with this number (one a message mentions).
func (d *caseDetail) showNumber(number string) {
	for _, r := range d.u.svc.Cases.List(data.Filter{Query: number}, data.Sort{}, time.Now()) {
		if r.Number == number {
			d.u.openCase(r.ID)
			return
		}
	}
	d.u.notify(TF("Case {{.Number}} was not found", map[string]any{"Number": number}))
}

// messageState says where an outgoing message stands, or why an incoming one is special.
func messageState(m data.Message) string {
	switch {
	case m.ParseError != "":
		return T("Could not be read:") + " " + m.ParseError
	case m.Direction == data.DirectionIn && m.Automatic:
		return T("Automatic mail (not answered)")
	case m.Status == data.MessageQueued && m.Error != "":
		return TF("Waiting to be sent; try {{.N}} failed: {{.Err}}", map[string]any{"N": len(m.Attempts), "Err": m.Error})
	case m.Status == data.MessageQueued:
		return T("Waiting to be sent")
	case m.Status == data.MessageSending:
		return T("Sending…")
	case m.Status == data.MessageUncertain && m.Error == "":
		return T("May have been delivered: Casebook stopped while sending it, before the server's answer was recorded.")
	case m.Status == data.MessageUncertain:
		return TF("May have been delivered: the connection broke after it was sent, before the server confirmed it ({{.Err}}).", map[string]any{"Err": m.Error})
	case m.Status == data.MessageSent:
		return TF("Sent {{.At}}", map[string]any{"At": m.SentAt.In(zone()).Format(receivedLayout)})
	case m.Status == data.MessageFailed:
		return T("Not delivered:") + " " + m.Error
	}
	return ""
}

// uncertainPrompt asks staff about a message that may have been delivered:
// send it again (same Message-ID, after a confirmation) or mark it sent.
func (d *caseDetail) uncertainPrompt(m data.Message) fyne.CanvasObject {
	q := widget.NewLabelWithStyle(T("May have been delivered — send again?"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel(T("Casebook did not find it in the Sent folder, or has none to look in. Check with the customer or in the mailbox, then choose."))
	hint.Wrapping = fyne.TextWrapWord
	id := m.ID
	again := widget.NewButton(T("Send again"), func() {
		if !d.u.needUser() {
			return
		}
		// Sending twice cannot be taken back: Enter keeps it unsent.
		d.u.confirm(T("Send again"),
			T("The customer may already have this message: sending it again may give them two copies. It goes out with the same Message-ID, so most mail programs show it once. Send it again?"),
			T("Send again"), T("Cancel"), true,
			func(ok bool) {
				if !ok {
					return
				}
				if _, err := d.u.svc.Mail.Resend(d.u.ctx, d.u.actor(), id); err != nil {
					d.u.showError(err)
					d.reload()
					return
				}
				d.u.svc.Mail.SyncNow()
				d.reload()
				d.u.notify(T("Queued to be sent again; it goes out with the next sync."))
			})
	})
	again.Importance = widget.HighImportance
	sent := widget.NewButton(T("Mark as sent"), func() {
		if !d.u.needUser() {
			return
		}
		if _, err := d.u.svc.Mail.MarkSent(d.u.ctx, d.u.actor(), id); err != nil {
			d.u.showError(err)
			d.reload()
			return
		}
		d.reload()
		d.u.notify(T("Marked as sent."))
	})
	return container.NewVBox(q, hint, container.NewHBox(again, sent))
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// saveAttachment writes an attachment where the user chooses.
func (d *caseDetail) saveAttachment(a data.Attachment) {
	b, err := d.u.svc.Mail.Blob(d.u.ctx, a.SHA256)
	if err != nil {
		d.u.showError(err)
		return
	}
	dlg := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			d.u.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		defer w.Close()
		if _, err := w.Write(b); err != nil {
			d.u.showError(err)
			return
		}
		d.u.notify(TF("Saved {{.Name}}", map[string]any{"Name": a.Name}))
	}, d.u.win)
	dlg.SetFileName(a.Name)
	dlg.Show()
}

func (d *caseDetail) showOriginal(sha string) {
	raw, err := d.u.svc.Mail.Blob(d.u.ctx, sha)
	if err != nil {
		d.u.showError(err)
		return
	}
	e := widget.NewMultiLineEntry()
	e.SetText(strings.ToValidUTF8(string(raw), "�"))
	e.Wrapping = fyne.TextWrapBreak
	dlg := dialog.NewCustom(T("Original message"), T("Close"), container.NewScroll(e), d.u.win)
	dlg.Resize(fyne.NewSize(900, 600))
	dlg.Show()
}

// replyBox writes to the customer through the outbox.
func (d *caseDetail) replyBox(c data.Case) fyne.CanvasObject {
	if c.Customer.Email == "" {
		return widget.NewLabel(T("The customer has no e-mail address on this case."))
	}
	if !d.u.settings().Mail.Configured() {
		return widget.NewLabel(T("Set up the agency's mailbox in Settings to reply by e-mail."))
	}
	choice := newChoice(replyTemplates, templateLabel)
	tmpl := newSelect(choice.labels, nil)
	tmpl.SetSelectedIndex(0)
	text := d.draftEntry(c, "reply")
	text.Wrapping = fyne.TextWrapWord
	text.SetMinRowsVisible(4)
	text.SetPlaceHolder(T("Your message to the customer; the template adds greeting, case number and signature."))
	send := widget.NewButton(T("Send reply"), func() {
		if !d.u.needUser() {
			return
		}
		name := choice.value(tmpl)
		if name == "reply" && strings.TrimSpace(text.Text) == "" {
			d.u.showError(&data.FieldError{Field: "note", Reason: "empty"})
			return
		}
		send := func() {
			r := data.Reply{Template: name, Text: text.Text, Letters: d.attached[c.ID]}
			if _, err := d.u.svc.Mail.Reply(d.u.ctx, d.u.actor(), c.Number, r); err != nil {
				d.u.showError(err)
				return
			}
			delete(d.drafts, fmt.Sprintf("%d/reply", c.ID))
			delete(d.attached, c.ID)
			d.u.svc.Mail.SyncNow()
			d.reload()
			d.u.list.refresh()
			d.u.notify(T("Reply queued; it goes out with the next sync."))
		}
		if name == "acknowledge" && c.Status == data.StatusNew {
			// The acknowledgement is the first response: sending it acknowledges the case.
			d.u.confirm(T("Acknowledge the case?"),
				T("Sending the acknowledgement acknowledges the case: its first response is then met. Send it?"),
				T("Send reply"), T("Cancel"), false,
				func(ok bool) {
					if ok {
						send()
					}
				})
			return
		}
		send()
	})
	send.Importance = widget.HighImportance
	return container.NewVBox(widget.NewLabel(T("Reply to")+" "+c.Customer.Email),
		container.NewBorder(nil, nil, nil, container.NewHBox(d.insertButton(c, text), send), tmpl), text, d.attachBox(c))
}
