package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"casebook/data"
)

func incoming(uid uint32, mid, from, subject string) data.IncomingMail {
	raw := []byte("Message-ID: <" + mid + ">\r\nFrom: " + from + "\r\nSubject: " + subject + "\r\n\r\nbody\r\n")
	return data.IncomingMail{
		Raw: raw,
		Message: data.Message{UID: uid, MessageID: mid, From: from, FromAddress: from, Subject: subject,
			Text: "body", Date: time.Date(2026, 11, 23, 9, 0, 0, 0, shanghai)},
		NewCase: &data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal, Channel: data.ChannelEmail,
			Subject: subject, Customer: data.Customer{Name: from, Email: from}},
	}
}

// newOrThread opens a case unless the message replies to a known one.
func newOrThread(lk data.MailLookup, in *data.IncomingMail) (data.Decision, error) {
	if in.Message.InReplyTo != "" {
		if c, ok := lk.CaseByMessageID(in.Message.InReplyTo); ok {
			return data.Decision{Outcome: data.OutcomeThreaded, CaseID: c}, nil
		}
	}
	if in.Message.Automatic {
		return data.Decision{Outcome: data.OutcomeAutomatic}, nil
	}
	return data.Decision{Outcome: data.OutcomeNewCase}, nil
}

func TestImportMailThreadsDedupesAndMovesTheMark(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	s := openTest(t, "", clock)
	ctx := context.Background()
	first := incoming(5, "a1@example.test", "li@example.test", "酒店房型不符")
	reply := incoming(7, "a2@example.test", "li@example.test", "Re: 酒店房型不符")
	reply.Message.InReplyTo = "a1@example.test"
	ackd := 0
	ack := func(c data.Case, in *data.IncomingMail) (*data.Message, error) {
		ackd++
		return &data.Message{MessageID: "case-" + c.Number + ".x@casebook.test", To: []string{c.Customer.Email}, Subject: "[案件 " + c.Number + "] 已收到"}, nil
	}
	res, err := s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 42}, []data.IncomingMail{first, reply}, newOrThread, ack)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Outcomes) != 2 || res.Outcomes[0] != data.OutcomeNewCase || res.Outcomes[1] != data.OutcomeThreaded {
		t.Fatalf("outcomes %v", res.Outcomes)
	}
	if len(res.NewCases) != 1 || ackd != 1 || len(res.Acks) != 1 {
		t.Fatalf("new cases %d, acks %d/%d", len(res.NewCases), ackd, len(res.Acks))
	}
	c := res.NewCases[0]
	if c.Channel != data.ChannelEmail || c.Customer.Email != "li@example.test" {
		t.Errorf("case %+v", c)
	}
	fs, _ := s.Folder(ctx, "INBOX")
	if fs.UIDValidity != 42 || fs.LastUID != 7 {
		t.Errorf("folder state %+v", fs)
	}
	msgs, _ := s.CaseMessages(ctx, c.ID)
	if len(msgs) != 3 { // two in, the acknowledgement out
		t.Fatalf("%d messages on the case", len(msgs))
	}
	// The same messages again (a rerun after a crash, or a new UIDVALIDITY): duplicates only.
	res, err = s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 43}, []data.IncomingMail{first, reply}, newOrThread, ack)
	if err != nil || res.Outcomes[0] != data.OutcomeDuplicate || res.Outcomes[1] != data.OutcomeDuplicate {
		t.Fatalf("rerun: %v %v", err, res.Outcomes)
	}
	if s.Count() != 1 {
		t.Errorf("%d cases after the rerun", s.Count())
	}
	// The case's customer writing again with a subject tag finds the case by address.
	got, _ := s.Case(ctx, c.Number)
	if got.Timeline[len(got.Timeline)-1].Type != data.EventMailIn {
		t.Errorf("no mail event on the timeline: %+v", got.Timeline)
	}
}

func TestImportFailureWritesNothing(t *testing.T) {
	s := openTest(t, "", nil)
	ctx := context.Background()
	boom := errors.New("boom")
	calls := 0
	_, err := s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 1},
		[]data.IncomingMail{incoming(1, "x1@t", "a@t.test", "one"), incoming(2, "x2@t", "b@t.test", "two")},
		func(lk data.MailLookup, in *data.IncomingMail) (data.Decision, error) {
			calls++
			if calls == 2 {
				return data.Decision{}, boom
			}
			return data.Decision{Outcome: data.OutcomeNewCase}, nil
		}, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	fs, _ := s.Folder(ctx, "INBOX")
	if s.Count() != 0 || fs.LastUID != 0 {
		t.Errorf("a failed batch left %d cases and mark %d", s.Count(), fs.LastUID)
	}
}

func TestOutboxRetriesFailsAndBounces(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	s := openTest(t, "", clock)
	ctx := context.Background()
	c, _ := s.CreateCase(ctx, sampleCase())
	m, err := s.QueueOutgoing(ctx, c.Number, data.Message{MessageID: "case-" + c.Number + ".1@casebook.test",
		To: []string{"xm.wang@163.com"}, Subject: "回复", Text: "您好"}, "王芳", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	due, _ := s.DueOutgoing(ctx, clock.t)
	if len(due) != 1 || due[0].Status != data.MessageQueued {
		t.Fatalf("due %v", due)
	}
	// A temporary failure: still queued, not due again until the backoff passes.
	m, _ = s.RecordSend(ctx, m.ID, errors.New("421 try later"), false, nil)
	if m.Status != data.MessageQueued || len(m.Attempts) != 1 {
		t.Fatalf("after 4xx: %+v", m)
	}
	if due, _ := s.DueOutgoing(ctx, clock.t); len(due) != 0 {
		t.Error("retried without waiting")
	}
	clock.set(clock.t.Add(Backoff(1)))
	if due, _ := s.DueOutgoing(ctx, clock.t); len(due) != 1 {
		t.Error("not retried after the backoff")
	}
	m, _ = s.RecordSend(ctx, m.ID, nil, false, []byte("raw bytes"))
	if m.Status != data.MessageSent || m.RawSHA256 == "" {
		t.Fatalf("after sending: %+v", m)
	}
	if n, _ := s.QueuedCount(ctx); n != 0 {
		t.Errorf("%d still queued", n)
	}
	// A bounce of that message marks it failed and says so on the case.
	bounce := incoming(9, "bounce1@mx.test", "mailer-daemon@163.com", "Undelivered Mail Returned to Sender")
	bounce.Message.Automatic = true
	bounce.BounceOf, bounce.BounceError = m.MessageID, "550 5.1.1 user unknown"
	res, err := s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 1}, []data.IncomingMail{bounce}, newOrThread, nil)
	if err != nil || res.Outcomes[0] != data.OutcomeAutomatic || s.Count() != 1 {
		t.Fatalf("bounce: %v %v, %d cases", err, res.Outcomes, s.Count())
	}
	msgs, _ := s.CaseMessages(ctx, c.ID)
	var failed bool
	for _, x := range msgs {
		failed = failed || (x.ID == m.ID && x.Status == data.MessageFailed)
	}
	got, _ := s.Case(ctx, c.Number)
	if !failed || got.Timeline[len(got.Timeline)-1].Type != data.EventMailBounced {
		t.Errorf("bounce not recorded: %+v", got.Timeline[len(got.Timeline)-1])
	}
	// A permanent failure is final at once.
	m2, _ := s.QueueOutgoing(ctx, c.Number, data.Message{MessageID: "case-" + c.Number + ".2@casebook.test",
		To: []string{"nobody@163.com"}, Subject: "x"}, "王芳", nil, nil)
	m2, _ = s.RecordSend(ctx, m2.ID, errors.New("550 no such user"), true, nil)
	if m2.Status != data.MessageFailed {
		t.Errorf("5xx: %+v", m2)
	}
}

func TestParkedMessagesCanBeRetried(t *testing.T) {
	s := openTest(t, "", nil)
	ctx := context.Background()
	bad := incoming(3, "", "", "")
	bad.Message.ParseError = "unreadable header"
	bad.Message.Folder, bad.Message.UIDValidity = "INBOX", 9
	parkOrNew := func(lk data.MailLookup, in *data.IncomingMail) (data.Decision, error) {
		if in.Message.ParseError != "" {
			return data.Decision{Outcome: data.OutcomeParked}, nil
		}
		return data.Decision{Outcome: data.OutcomeNewCase}, nil
	}
	res, err := s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 9}, []data.IncomingMail{bad}, parkOrNew, nil)
	if err != nil || res.Outcomes[0] != data.OutcomeParked || s.Count() != 0 {
		t.Fatalf("parking: %v %v", err, res.Outcomes)
	}
	retried, still, err := s.RetryParked(ctx, func(raw []byte, old data.Message) data.IncomingMail {
		if old.ParseError == "" || len(raw) == 0 {
			t.Errorf("retry got %+v", old)
		}
		good := incoming(old.UID, "fixed@t.test", "li@t.test", "now readable")
		good.Raw = raw
		return good
	}, parkOrNew, nil)
	if err != nil || retried != 1 || still != 0 || s.Count() != 1 {
		t.Fatalf("retry: %v %d %d, %d cases", err, retried, still, s.Count())
	}
	log, _ := s.MailLog(ctx, data.DirectionIn, 0)
	if len(log) != 1 || log[0].Outcome != data.OutcomeNewCase {
		t.Errorf("after retry: %+v", log)
	}
	if fs, _ := s.Folder(ctx, "INBOX"); fs.LastUID != 3 {
		t.Errorf("mark %d", fs.LastUID)
	}
}

// A large incoming attachment is kept only inside its raw message and cut
// out of it when read; a small one is stored as it is.
func TestLargeAttachmentsLiveInTheirMessage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "casebook.db")
	s := openTest(t, path, nil)
	big, small := make([]byte, largeAttachment+1), []byte("小收据")
	rand.Read(big) // incompressible: stored twice would show
	sha := func(b []byte) string { sum := sha256.Sum256(b); return hex.EncodeToString(sum[:]) }
	in := incoming(5, "att@example.test", "li@example.test", "照片")
	in.Raw = []byte("the raw message holding both")
	in.Attachments = map[string][]byte{sha(big): big, sha(small): small}
	if _, err := s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 1}, []data.IncomingMail{in}, newOrThread, nil); err != nil {
		t.Fatal(err)
	}
	if b, err := s.Blob(ctx, sha(small)); err != nil || !bytes.Equal(b, small) {
		t.Errorf("small attachment: %v", err)
	}
	if _, err := s.Blob(ctx, sha(big)); !errors.Is(err, ErrNeedsExtractor) {
		t.Errorf("large attachment without an extractor: %v", err)
	}
	s.Close()
	var asked []byte
	s2, err := Open(ctx, path, WithExtractor(func(raw []byte, want string) ([]byte, error) {
		asked = raw
		if want != sha(big) {
			return nil, data.ErrNotFound
		}
		return big, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if b, err := s2.Blob(ctx, sha(big)); err != nil || !bytes.Equal(b, big) || string(asked) != string(in.Raw) {
		t.Errorf("large attachment: %v, cut from %q", err, asked)
	}
	if n, _ := s2.BlobBytes(ctx); n >= int64(len(big)) {
		t.Errorf("the large attachment was stored as well: %d bytes of blobs", n)
	}
}
