package mailtest

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"net"
	"net/smtp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
)

func testMail(from, to, subject, messageID, body string) []byte {
	return []byte(strings.Join([]string{
		"From: " + from,
		"To: " + to,
		"Subject: " + subject,
		"Date: " + time.Now().Format(time.RFC1123Z),
		"Message-ID: <" + messageID + ">",
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=utf-8",
		"Content-Transfer-Encoding: 8bit",
		"",
		body,
		"",
	}, "\r\n"))
}

func TestServers(t *testing.T) {
	s := Start(t)
	fmt.Printf("mailtest: Dovecot and Postfix started in %v\n", s.StartupTime.Round(time.Millisecond))

	t.Run("LMTP delivery, read over IMAP", func(t *testing.T) {
		raw := testMail("王女士 <wang@example.test>", Agency, "航班延误投诉", "lmtp-1@example.test", "航班延误了五个小时，要求赔偿。")
		s.Deliver(t, Agency, raw)
		msgs := s.Messages(t, Agency, "INBOX")
		if len(msgs) != 1 {
			t.Fatalf("agency INBOX has %d messages, want 1", len(msgs))
		}
		if !bytes.Contains(msgs[0], []byte("Message-ID: <lmtp-1@example.test>")) ||
			!bytes.Contains(msgs[0], []byte("航班延误了五个小时")) {
			t.Fatalf("fetched message lacks the delivered content:\n%s", msgs[0])
		}
		if !bytes.Contains(msgs[0], []byte("Return-Path: <wang@example.test>")) {
			t.Errorf("no Return-Path from the envelope sender:\n%s", msgs[0])
		}
	})

	t.Run("SMTP with STARTTLS and AUTH to the customer", func(t *testing.T) {
		// net/smtp by hand, as the application's sender will do it.
		c, err := smtp.Dial(s.SMTPAddr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if ok, _ := c.Extension("AUTH"); ok {
			t.Error("AUTH offered before STARTTLS")
		}
		if err := c.StartTLS(s.TLSConfig()); err != nil {
			t.Fatalf("STARTTLS trusting %s: %v", s.CAFile, err)
		}
		if err := c.Auth(smtp.PlainAuth("", Agency, Password, s.Host)); err != nil {
			t.Fatalf("AUTH: %v", err)
		}
		raw := testMail("Casebook <"+Agency+">", Customer, "[案件 C-1] 已收到您的投诉", "ack-1@casebook.test", "您好，我们已收到您的投诉。")
		if err := c.Mail(Agency); err != nil {
			t.Fatal(err)
		}
		if err := c.Rcpt(Customer); err != nil {
			t.Fatal(err)
		}
		w, err := c.Data()
		if err != nil {
			t.Fatal(err)
		}
		w.Write(raw)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		c.Quit()

		msgs := s.WaitMessages(t, Customer, "INBOX", 1, 20*time.Second)
		if !bytes.Contains(msgs[0], []byte("Message-ID: <ack-1@casebook.test>")) {
			t.Fatalf("customer's mail is not ours:\n%s", msgs[0])
		}
		if !bytes.Contains(msgs[0], []byte("(Postfix) with ESMTPSA")) {
			t.Errorf("no authenticated Received header:\n%s", msgs[0])
		}
	})

	t.Run("wrong password is refused", func(t *testing.T) {
		err := s.send(Agency, "wrong", []string{Customer}, testMail(Agency, Customer, "x", "x@casebook.test", "x"))
		if err == nil || !strings.Contains(err.Error(), "535") {
			t.Fatalf("send with a wrong password: %v, want a 535 error", err)
		}
	})

	t.Run("unknown recipient bounces to the sender", func(t *testing.T) {
		before := len(s.Messages(t, Agency, "INBOX"))
		s.Send(t, Agency, []string{"nobody@example.test"}, testMail(Agency, "nobody@example.test", "hello", "bounce-me@casebook.test", "x"))
		msgs := s.WaitMessages(t, Agency, "INBOX", before+1, 20*time.Second)
		bounce := msgs[len(msgs)-1]
		for _, want := range []string{"Return-Path: <>", "multipart/report", "report-type=delivery-status", "bounce-me@casebook.test"} {
			if !bytes.Contains(bounce, []byte(want)) {
				t.Errorf("bounce lacks %q:\n%s", want, bounce)
			}
		}
	})

	t.Run("IMAPS and SMTPS with the test CA", func(t *testing.T) {
		c, err := imapclient.DialTLS(s.IMAPSAddr, &imapclient.Options{TLSConfig: s.TLSConfig()})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Login(Customer, Password).Wait(); err != nil {
			t.Fatal(err)
		}
		c.Logout().Wait()
		c.Close()

		conn, err := tls.DialWithDialer(&net.Dialer{Timeout: 10 * time.Second}, "tcp", s.SMTPSAddr, s.TLSConfig())
		if err != nil {
			t.Fatal(err)
		}
		sc, err := smtp.NewClient(conn, s.Host)
		if err != nil {
			t.Fatal(err)
		}
		if err := sc.Auth(smtp.PlainAuth("", Customer, Password, s.Host)); err != nil {
			t.Fatalf("AUTH over SMTPS: %v", err)
		}
		sc.Quit()
	})

	t.Run("100 messages dropped into the Maildir", func(t *testing.T) {
		raws := make([][]byte, 100)
		for i := range raws {
			raws[i] = testMail("c"+fmt.Sprint(i)+"@example.test", Customer, fmt.Sprintf("drop %03d", i),
				fmt.Sprintf("drop-%03d@example.test", i), "body")
		}
		before := len(s.Messages(t, Customer, "INBOX"))
		began := time.Now()
		s.DropMaildir(t, Customer, raws)
		msgs := s.Messages(t, Customer, "INBOX")
		t.Logf("dropped and fetched 100 messages in %v", time.Since(began).Round(time.Millisecond))
		if len(msgs) != before+100 {
			t.Fatalf("customer INBOX has %d messages, want %d", len(msgs), before+100)
		}
		for i, m := range msgs[before:] {
			if want := fmt.Sprintf("Subject: drop %03d", i); !bytes.Contains(m, []byte(want)) {
				t.Fatalf("message %d (UID order) is not %q:\n%s", i, want, m)
			}
		}
	})

	t.Run("SMTP outage", func(t *testing.T) {
		s.StopSMTP(t)
		if c, err := net.DialTimeout("tcp", s.SMTPAddr, time.Second); err == nil {
			c.Close()
			t.Fatal("SMTP still answers after StopSMTP")
		}
		s.StartSMTP(t)
		before := len(s.Messages(t, Customer, "INBOX"))
		s.Send(t, Agency, []string{Customer}, testMail(Agency, Customer, "after the outage", "after@casebook.test", "x"))
		s.WaitMessages(t, Customer, "INBOX", before+1, 20*time.Second)
	})
}
