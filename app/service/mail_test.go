package service

import (
	"context"
	"errors"
	"testing"

	"casebook/data"
)

// setMailAccount gives the agency a mailbox (no server is contacted).
func setMailAccount(t *testing.T, svc *Service) {
	t.Helper()
	acc := data.DefaultMailAccount()
	acc.IMAPHost, acc.SMTPHost, acc.Username, acc.Address = "imap.example.com", "smtp.example.com", "kefu@agency.example", "kefu@agency.example"
	if err := svc.Settings.SetMailAccount(context.Background(), boss, acc); err != nil {
		t.Fatal(err)
	}
}

// importMessage files an incoming message on case c as intake would.
func importMessage(t *testing.T, svc *Service, c data.Case, m data.Message) {
	t.Helper()
	m.Direction, m.Status = data.DirectionIn, data.MessageReceived
	_, err := svc.core.store.ImportMail(context.Background(), "", data.FolderState{}, []data.IncomingMail{{Message: m, Raw: []byte(m.Subject + m.MessageID)}},
		func(data.MailLookup, *data.IncomingMail) (data.Decision, error) {
			outcome := data.OutcomeThreaded
			if m.Automatic {
				outcome = data.OutcomeAutomatic
			}
			return data.Decision{Outcome: outcome, CaseID: c.ID}, nil
		}, nil)
	if err != nil {
		t.Fatal(err)
	}
}

func TestReplyThreadsUnderTheCustomersLastRealMessage(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	c := newTestCase(t, svc, wang)
	if _, err := svc.Mail.Reply(ctx, wang, c.Number, data.Reply{Text: "您好"}); !errors.Is(err, data.ErrNoMailAccount) {
		t.Errorf("no account: %v", err)
	}
	setMailAccount(t, svc)
	if _, err := svc.Mail.Reply(ctx, wang, c.Number, data.Reply{Text: "  "}); !errors.Is(err, data.ErrEmptyReply) {
		t.Errorf("empty reply: %v", err)
	}
	importMessage(t, svc, c, data.Message{MessageID: "real-1@163.com", From: "张晓明 <xm.zhang@163.com>",
		FromAddress: "xm.zhang@163.com", Subject: "补充照片", Text: "照片见附件"})
	importMessage(t, svc, c, data.Message{MessageID: "ooo-2@163.com", From: "xm.zhang@163.com",
		FromAddress: "xm.zhang@163.com", Subject: "自动回复：外出", Automatic: true, AutoReason: "auto-submitted"})
	m, err := svc.Mail.Reply(ctx, wang, c.Number, data.Reply{Text: "收到，谢谢", Files: []data.File{{Name: "收据.txt", Data: []byte("x")}}})
	if err != nil {
		t.Fatal(err)
	}
	if m.InReplyTo != "real-1@163.com" {
		t.Errorf("threaded under %q, want the customer's real message", m.InReplyTo)
	}
	if len(m.Attachments) != 1 || m.Attachments[0].ContentType != "text/plain; charset=utf-8" {
		t.Errorf("attachments %+v", m.Attachments)
	}
	got, _ := svc.Cases.Get(ctx, c.Number)
	if got.Status != data.StatusNew {
		t.Errorf("a plain reply moved the case to %s", got.Status)
	}
	// The acknowledgement template is the first response: it acknowledges.
	if _, err := svc.Mail.Reply(ctx, wang, c.Number, data.Reply{Template: "acknowledge"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := svc.Cases.Get(ctx, c.Number); got.Status != data.StatusAcknowledged || got.FirstResponse.Running() {
		t.Errorf("after the acknowledgement mail: %s", got.Status)
	}
	// A customer without an address cannot be written to.
	noMail, _ := svc.Cases.Create(ctx, wang, data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityLow,
		Channel: data.ChannelPhone, Subject: "x", Customer: data.Customer{Name: "李四"}})
	if _, err := svc.Mail.Reply(ctx, wang, noMail.Number, data.Reply{Text: "您好"}); !errors.Is(err, data.ErrNoCustomerEmail) {
		t.Errorf("no customer address: %v", err)
	}
}
