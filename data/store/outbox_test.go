package store

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"casebook/data"
)

// A message marked "sending" when the process died is uncertain at the next
// start: never due again on its own, counted apart, on the timeline; staff
// resend it (same Message-ID) or mark it sent, once.
func TestUncertainMessagesWaitForStaff(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	path := filepath.Join(t.TempDir(), "casebook.db")
	ctx := context.Background()
	s, err := Open(ctx, path, WithTimeout(200*time.Millisecond), WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.CreateCase(ctx, sampleCase())
	queue := func(s *Store, n string) data.Message {
		m, err := s.QueueOutgoing(ctx, c.Number, data.Message{MessageID: "case-" + c.Number + "." + n + "@casebook.test",
			To: []string{"xm.wang@163.com"}, Subject: "回复 " + n, Text: "您好"}, "王芳", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	m1, m2 := queue(s, "1"), queue(s, "2")
	if _, err := s.MarkSending(ctx, m1.ID); err != nil {
		t.Fatal(err)
	}
	// Marked twice: refused (only a queued message starts).
	if _, err := s.MarkSending(ctx, m1.ID); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("marked sending twice: %v", err)
	}
	// "Killed": closed without recording; opened again.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var notices []data.OutboxChanged
	s, err = Open(ctx, path, WithTimeout(200*time.Millisecond), WithClock(clock.now), WithNotify(func(n data.Notice) {
		if o, ok := n.(data.OutboxChanged); ok {
			mu.Lock()
			notices = append(notices, o)
			mu.Unlock()
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if due, _ := s.DueOutgoing(ctx, clock.t); len(due) != 1 || due[0].ID != m2.ID {
		t.Fatalf("due while one is sending: %v", due)
	}
	stuck, err := s.RecoverSending(ctx)
	if err != nil || len(stuck) != 1 || stuck[0].ID != m1.ID || stuck[0].Status != data.MessageUncertain {
		t.Fatalf("recovered %v %v", stuck, err)
	}
	if again, _ := s.RecoverSending(ctx); len(again) != 0 {
		t.Errorf("recovered twice: %v", again)
	}
	if q, u, _ := s.OutboxCounts(ctx); q != 1 || u != 1 {
		t.Errorf("counts: queued %d uncertain %d", q, u)
	}
	if n, _ := s.QueuedCount(ctx); n != 1 {
		t.Errorf("queued count %d", n)
	}
	mu.Lock()
	if len(notices) == 0 || notices[len(notices)-1] != (data.OutboxChanged{Queued: 1, Uncertain: 1}) {
		t.Errorf("notices %v", notices)
	}
	mu.Unlock()
	// Not due, not recordable as sent: only staff settle it.
	clock.set(clock.t.Add(48 * time.Hour))
	if due, _ := s.DueOutgoing(ctx, clock.t); len(due) != 1 || due[0].ID != m2.ID {
		t.Errorf("an uncertain message became due: %v", due)
	}
	if _, err := s.RecordSend(ctx, m1.ID, nil, false, []byte("x")); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("recorded an uncertain message as sent: %v", err)
	}
	got, _ := s.Case(ctx, c.Number)
	last := got.Timeline[len(got.Timeline)-1]
	if last.Type != data.EventMailUncertain || last.Arg(data.ArgSubject) != "回复 1" || last.Arg(data.ArgError) != "" {
		t.Errorf("timeline: %+v", last)
	}
	un, _ := s.UncertainOutgoing(ctx)
	if len(un) != 1 || un[0].ID != m1.ID || len(un[0].Attempts) != 1 || !un[0].Attempts[0].Uncertain {
		t.Fatalf("uncertain list: %+v", un)
	}

	// Staff: send again. Queued and due at once, with the same Message-ID.
	m, err := s.SettleUncertain(ctx, m1.ID, data.Settlement{Resend: true, By: "王芳"})
	if err != nil || m.Status != data.MessageQueued || m.MessageID != m1.MessageID {
		t.Fatalf("resend: %+v %v", m, err)
	}
	if due, _ := s.DueOutgoing(ctx, clock.t); len(due) != 2 {
		t.Errorf("due after resend: %d", len(due))
	}
	if _, err := s.SettleUncertain(ctx, m1.ID, data.Settlement{By: "王芳"}); !errors.Is(err, data.ErrNotUncertain) {
		t.Errorf("settled a queued message: %v", err)
	}
	got, _ = s.Case(ctx, c.Number)
	if last := got.Timeline[len(got.Timeline)-1]; last.Type != data.EventMailResend || last.By != "王芳" {
		t.Errorf("timeline after resend: %+v", last)
	}

	// The connection broke after the data: uncertain with the reason; staff mark it sent.
	if _, err := s.MarkSending(ctx, m2.ID); err != nil {
		t.Fatal(err)
	}
	m, err = s.RecordUncertain(ctx, m2.ID, errors.New("read: connection reset by peer"))
	if err != nil || m.Status != data.MessageUncertain || m.Error == "" {
		t.Fatalf("uncertain: %+v %v", m, err)
	}
	m, err = s.SettleUncertain(ctx, m2.ID, data.Settlement{By: "陈静"})
	if err != nil || m.Status != data.MessageSent || m.SentAt.IsZero() {
		t.Fatalf("mark sent: %+v %v", m, err)
	}
	if _, err := s.SettleUncertain(ctx, m2.ID, data.Settlement{Resend: true, By: "陈静"}); !errors.Is(err, data.ErrNotUncertain) {
		t.Errorf("resent a sent message: %v", err)
	}
	got, _ = s.Case(ctx, c.Number)
	tl := got.Timeline
	if tl[len(tl)-2].Type != data.EventMailUncertain || tl[len(tl)-2].Arg(data.ArgError) == "" ||
		tl[len(tl)-1].Type != data.EventMailMarkedSent || tl[len(tl)-1].By != "陈静" {
		t.Errorf("timeline: %+v", tl[len(tl)-2:])
	}
	if q, u, _ := s.OutboxCounts(ctx); q != 1 || u != 0 {
		t.Errorf("counts at the end: queued %d uncertain %d", q, u)
	}

	// Found in the Sent folder: sent, with the folder on the timeline.
	m3 := queue(s, "3")
	s.MarkSending(ctx, m3.ID)
	s.RecoverSending(ctx)
	if m, err = s.SettleUncertain(ctx, m3.ID, data.Settlement{Folder: "已发送"}); err != nil || m.Status != data.MessageSent {
		t.Fatalf("found: %+v %v", m, err)
	}
	got, _ = s.Case(ctx, c.Number)
	if last := got.Timeline[len(got.Timeline)-1]; last.Type != data.EventMailFoundSent || last.Arg(data.ArgFolder) != "已发送" {
		t.Errorf("timeline after found: %+v", last)
	}
}
