package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/store"
)

// uncertainOnCase queues a reply on c and leaves it as a cut connection
// after its data would: uncertain.
func uncertainOnCase(t *testing.T, s *store.Store, c data.Case, subject string) data.Message {
	t.Helper()
	ctx := context.Background()
	m, err := s.QueueOutgoing(ctx, c.Number, data.Message{MessageID: "case-" + c.Number + "." + subject + "@casebook.test",
		To: []string{c.Customer.Email}, Subject: subject, Text: "您好"}, "王芳", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkSending(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	m, err = s.RecordUncertain(ctx, m.ID, errors.New("read tcp: connection reset by peer"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func messageStatus(t *testing.T, s *store.Store, c data.Case, id uint64) data.MessageStatus {
	t.Helper()
	msgs, err := s.CaseMessages(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.ID == id {
			return m.Status
		}
	}
	t.Fatalf("message %d not on the case", id)
	return ""
}

func hasLabel(t *testing.T, u *UI, text string) bool {
	t.Helper()
	for _, sc := range u.detail.scrolls { // every section, shown or not
		for _, o := range test.LaidOutObjects(sc) {
			if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, text) {
				return true
			}
		}
	}
	return false
}

func TestUncertainMessageAsksStaff(t *testing.T) {
	u, s := newTestUI(t)
	ctx := context.Background()
	st := s.Settings()
	st.Mail.IMAPHost, st.Mail.SMTPHost, st.Mail.Username, st.Mail.Address = "imap.example.com", "smtp.example.com", "kefu@example.com", "kefu@example.com"
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	c := newCaseAt(t, s, data.KindComplaint, "zhao@example.com", data.StatusAcknowledged)
	m1 := uncertainOnCase(t, s, c, "first")
	m2 := uncertainOnCase(t, s, c, "second")
	u.detail.show(c.ID)
	if !hasLabel(t, u, T("May have been delivered — send again?")) {
		t.Fatal("no prompt on an uncertain message")
	}
	again := findButton(u.detail.content, T("Send again"))
	if again == nil || findButton(u.detail.content, T("Mark as sent")) == nil {
		t.Fatal("no Send again / Mark as sent buttons")
	}

	// Send again asks first; Cancel changes nothing.
	overlays := len(u.win.Canvas().Overlays().List())
	test.Tap(again)
	confirm := u.win.Canvas().Overlays().Top()
	if len(u.win.Canvas().Overlays().List()) != overlays+1 || findDialogButton(confirm, T("Send again")) == nil {
		t.Fatal("Send again did not ask for confirmation")
	}
	test.Tap(findDialogButton(confirm, T("Cancel")))
	if st := messageStatus(t, s, c, m1.ID); st != data.MessageUncertain {
		t.Fatalf("cancelled, yet %s", st)
	}
	// Confirmed: queued again with the same Message-ID, a sync asked for.
	syncs := u.svc.Mail.(*testService).syncs
	test.Tap(findButton(u.detail.content, T("Send again")))
	test.Tap(findDialogButton(u.win.Canvas().Overlays().Top(), T("Send again")))
	if st := messageStatus(t, s, c, m1.ID); st != data.MessageQueued {
		t.Fatalf("after Send again: %s", st)
	}
	if u.svc.Mail.(*testService).syncs != syncs+1 {
		t.Error("no sync asked for after Send again")
	}
	got, _ := s.Case(ctx, c.Number)
	if last := got.Timeline[len(got.Timeline)-1]; last.Type != data.EventMailResend || last.By != "王芳" {
		t.Errorf("timeline: %+v", last)
	}
	// One prompt is left, for the second message: mark it sent.
	test.Tap(findButton(u.detail.content, T("Mark as sent")))
	if st := messageStatus(t, s, c, m2.ID); st != data.MessageSent {
		t.Fatalf("after Mark as sent: %s", st)
	}
	if findButton(u.detail.content, T("Send again")) != nil || hasLabel(t, u, T("May have been delivered — send again?")) {
		t.Error("the prompt stayed after both were decided")
	}
	// Decided elsewhere meanwhile (another counter, the command line): a clear message.
	m3 := uncertainOnCase(t, s, c, "third")
	u.detail.show(c.ID)
	if _, err := s.SettleUncertain(ctx, m3.ID, data.Settlement{By: "陈静"}); err != nil {
		t.Fatal(err)
	}
	overlays = len(u.win.Canvas().Overlays().List())
	test.Tap(findButton(u.detail.content, T("Mark as sent")))
	if len(u.win.Canvas().Overlays().List()) != overlays+1 {
		t.Fatal("no error shown")
	}
	var shown bool
	for _, o := range test.LaidOutObjects(u.win.Canvas().Overlays().Top()) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "not waiting for a decision") {
			shown = true
		}
	}
	if !shown {
		t.Error("the error does not say the message was decided already")
	}
	if findButton(u.detail.content, T("Mark as sent")) != nil {
		t.Error("the case was not redrawn after the refusal")
	}
}

func TestStatusLineCountsUncertainApart(t *testing.T) {
	u, s := newTestUI(t)
	st := s.Settings()
	st.Mail.IMAPHost, st.Mail.SMTPHost, st.Mail.Username, st.Mail.Address = "imap.example.com", "smtp.example.com", "kefu@example.com", "kefu@example.com"
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	u.Apply(data.SettingsChanged{})
	u.Apply(data.OutboxChanged{Queued: 2, Uncertain: 1})
	text := u.mail.label.Text
	if !strings.Contains(text, TF("{{.N}} waiting to be sent", map[string]any{"N": 2})) ||
		!strings.Contains(text, TF("{{.N}} may have been sent — check it", map[string]any{"N": 1})) {
		t.Errorf("status line %q", text)
	}
	if u.mail.label.Importance != widget.WarningImportance {
		t.Error("the status line does not stand out")
	}
	u.Apply(data.OutboxChanged{Queued: 0, Uncertain: 0})
	if strings.Contains(u.mail.label.Text, "may have been sent") || u.mail.label.Importance == widget.WarningImportance {
		t.Errorf("status line after deciding: %q", u.mail.label.Text)
	}
}
