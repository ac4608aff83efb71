package mailsync

import (
	"context"
	"strings"
	"testing"
	"time"

	"casebook/data"
	"casebook/mailsync/mailtest"
)

// TestEndToEndWithDovecotAndPostfix runs the whole round trip against real
// servers on loopback: a customer's mail is delivered, becomes a case, the
// acknowledgement reaches the customer's mailbox through Postfix, the customer's
// answer threads back into the case, and a reply queued while SMTP is down goes
// out once it is back.
func TestEndToEndWithDovecotAndPostfix(t *testing.T) {
	srv := mailtest.Start(t)
	ctx := context.Background()
	s := openStore(t)
	st := s.Settings()
	st.Mail.IMAPHost, st.Mail.IMAPPort, st.Mail.IMAPSecurity = srv.Host, srv.IMAPSPort, "tls"
	st.Mail.SMTPHost, st.Mail.SMTPPort, st.Mail.SMTPSecurity = srv.Host, srv.SMTPPort, "starttls"
	st.Mail.Username, st.Mail.Address, st.Mail.CAFile = mailtest.Agency, mailtest.Agency, srv.CAFile
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	imapCfg := IMAPConfig{Host: srv.Host, Port: srv.IMAPSPort, Security: "tls", Username: mailtest.Agency,
		Password: mailtest.Password, CAFile: srv.CAFile, Timeout: 20 * time.Second}
	smtpCfg := SMTPConfig{Host: srv.Host, Port: srv.SMTPPort, Security: "starttls", Username: mailtest.Agency,
		Password: mailtest.Password, CAFile: srv.CAFile, Timeout: 20 * time.Second}

	complaint := "From: 张伟 <" + mailtest.Customer + ">\r\nTo: " + mailtest.Agency + "\r\n" +
		"Subject: =?UTF-8?B?" + b64("桂林漓江游船被取消") + "?=\r\nMessage-ID: <e2e-1@example.test>\r\n" +
		"Date: " + time.Now().Format(time.RFC1123Z) + "\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=GBK\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
		gbk("导游临时取消了漓江游船，说是水位太低，但其他团都去了。要求退还船票。") + "\r\n"
	srv.Send(t, mailtest.Customer, []string{mailtest.Agency}, []byte(complaint))
	srv.WaitMessages(t, mailtest.Agency, "INBOX", 1, 20*time.Second)

	sum, err := SyncOnce(ctx, s, imapCfg, smtpCfg, nil)
	if err != nil {
		t.Fatalf("sync: %v\n%s", err, srv.Logs())
	}
	if sum.NewCases != 1 || sum.Sent != 1 {
		t.Fatalf("first sync: %s", sum)
	}
	rows := s.List(data.Filter{}, data.Sort{}, time.Now())
	c, _ := s.Case(ctx, rows[0].Number)
	if !strings.Contains(c.Subject, "漓江") || !strings.Contains(c.Description, "水位太低") || c.Customer.Email != mailtest.Customer {
		t.Fatalf("case: %+v", c)
	}

	// The acknowledgement arrives in the customer's mailbox.
	got := srv.WaitMessages(t, mailtest.Customer, "INBOX", 1, 30*time.Second)
	ack, err := Parse(got[0])
	if err != nil || !strings.Contains(ack.Subject, c.Number) {
		t.Fatalf("acknowledgement: %v %q", err, ack.Subject)
	}

	// The customer answers it; the answer threads back into the case.
	answer := "From: " + mailtest.Customer + "\r\nTo: " + mailtest.Agency + "\r\nSubject: Re: " + ack.Subject +
		"\r\nMessage-ID: <e2e-2@example.test>\r\nIn-Reply-To: <" + ack.MessageID + ">\r\nReferences: <e2e-1@example.test> <" +
		ack.MessageID + ">\r\nDate: " + time.Now().Format(time.RFC1123Z) + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n船票照片已附上。\r\n"
	srv.Send(t, mailtest.Customer, []string{mailtest.Agency}, []byte(answer))
	srv.WaitMessages(t, mailtest.Agency, "INBOX", 2, 20*time.Second)
	sum, err = SyncOnce(ctx, s, imapCfg, smtpCfg, nil)
	if err != nil || sum.Threaded != 1 || sum.NewCases != 0 {
		t.Fatalf("second sync: %s %v", sum, err)
	}

	// SMTP down: the reply waits in the outbox, then goes out.
	srv.StopSMTP(t)
	m, err := Draft(s.Settings(), nil, c, "propose", "同意退还船票 180 元。", nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.QueueOutgoing(ctx, c.Number, m, "王芳", nil, nil); err != nil {
		t.Fatal(err)
	}
	if sent, err := SendQueued(ctx, s, smtpCfg); err == nil || sent.Retrying != 1 {
		t.Fatalf("with SMTP down: %s %v", sent, err)
	}
	srv.StartSMTP(t)
	due, _ := s.DueOutgoing(ctx, time.Now().Add(time.Hour))
	if len(due) != 1 {
		t.Fatalf("%d due", len(due))
	}
	res := Send(ctx, smtpCfg, []Outgoing{mustOutgoing(t, s, due[0])})
	if res[0].Err != nil {
		t.Fatalf("send after restart: %v", res[0].Err)
	}
	srv.WaitMessages(t, mailtest.Customer, "INBOX", 2, 30*time.Second)
}

func mustOutgoing(t *testing.T, s Store, m data.Message) Outgoing {
	t.Helper()
	o, err := outgoing(context.Background(), s, s.Settings(), m)
	if err != nil {
		t.Fatal(err)
	}
	return o
}
