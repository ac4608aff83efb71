package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"casebook/data"
)

func TestUnfiledMailCountsParkedAndHeldMessagesOnNoCase(t *testing.T) {
	s := openTest(t, "", nil)
	ctx := context.Background()
	if n, err := s.UnfiledMail(ctx); err != nil || n != 0 {
		t.Fatalf("empty store: %d %v", n, err)
	}
	bad := incoming(1, "", "x@t.test", "unreadable")
	bad.Message.ParseError = "unreadable header"
	auto := incoming(2, "auto@t.test", "robot@t.test", "Out of office")
	loop := incoming(3, "loop@t.test", "loop@t.test", "loop")
	good := incoming(4, "good@t.test", "li@t.test", "a complaint")
	decide := func(lk data.MailLookup, in *data.IncomingMail) (data.Decision, error) {
		switch in.Message.Subject {
		case "unreadable":
			return data.Decision{Outcome: data.OutcomeParked}, nil
		case "Out of office":
			return data.Decision{Outcome: data.OutcomeAutomatic}, nil
		case "loop":
			return data.Decision{Outcome: data.OutcomeAutomatic, Loop: 5}, nil
		}
		return newOrThread(lk, in)
	}
	if _, err := s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 1},
		[]data.IncomingMail{bad, auto, loop, good}, decide, nil); err != nil {
		t.Fatal(err)
	}
	if n, err := s.UnfiledMail(ctx); err != nil || n != 2 {
		t.Errorf("unfiled: %d %v, want 2 (the parked and the held)", n, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.UnfiledMail(cancelled); err == nil {
		t.Error("a cancelled count succeeded")
	}
}

// BenchmarkUnfiledMail10k counts the mail on no case among 10,000 stored
// messages (Today counts it when a sync ends, not every minute):
// go test ./data/store -run - -bench UnfiledMail
func BenchmarkUnfiledMail10k(b *testing.B) {
	s := openTest(b, "", nil)
	ctx := context.Background()
	auto := func(data.MailLookup, *data.IncomingMail) (data.Decision, error) {
		return data.Decision{Outcome: data.OutcomeAutomatic}, nil
	}
	for batch := range 20 {
		items := make([]data.IncomingMail, 0, 500)
		for i := range 500 {
			n := batch*500 + i
			in := incoming(uint32(n+1), fmt.Sprintf("m%d@t.test", n), "robot@t.test", fmt.Sprintf("自动回复 %d", n))
			in.Message.Text = strings.Repeat("您好，您的邮件已收到。", 40)
			items = append(items, in)
		}
		if _, err := s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 1}, items, auto, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.UnfiledMail(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
