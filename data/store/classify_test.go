package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

// The classifier learns from closed cases only, with the first incoming
// message's text after the description; the reply a case got later and
// the agency's own mail are not part of it.
func TestLearningCasesAreClosedCasesWithTheirFirstMessage(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	s := openTest(t, "", clock)
	ctx := context.Background()
	first := incoming(5, "a1@example.test", "li@example.test", "酒店房型不符")
	first.Message.Text = "预订的是景观房，到酒店后被安排在一楼"
	first.NewCase.Category = "accommodation"
	reply := incoming(7, "a2@example.test", "li@example.test", "Re: 酒店房型不符")
	reply.Message.InReplyTo = "a1@example.test"
	reply.Message.Text = "后来导游还带我们去购物"
	reply.Message.Date = first.Message.Date.Add(time.Hour)
	res, err := s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 42}, []data.IncomingMail{first, reply}, newOrThread, nil)
	if err != nil {
		t.Fatal(err)
	}
	open, err := s.CreateCase(ctx, data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal, Channel: data.ChannelWalkIn,
		Subject: "还没结案", Customer: data.Customer{Name: "王"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.LearningCases(ctx); err != nil || len(got) != 0 {
		t.Fatalf("before closing: %v, %v", got, err)
	}
	number := res.NewCases[0].Number
	for _, to := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed,
		data.StatusAgreed, data.StatusResolved, data.StatusClosed} {
		if to == data.StatusClosed {
			followedUp(t, s, number) // closing needs the follow-up (followup_test.go)
		}
		if _, err := s.Move(ctx, number, to, "王芳", ""); err != nil {
			t.Fatalf("→ %s: %v", to, err)
		}
	}
	got, err := s.LearningCases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Number != number || got[0].Number == open.Number {
		t.Fatalf("learning cases %+v", got)
	}
	lc := got[0]
	if lc.Subject != "酒店房型不符" || !strings.Contains(lc.Text, "景观房") || strings.Contains(lc.Text, "购物") ||
		lc.Category != "accommodation" || lc.Severity != data.SeverityNormal {
		t.Errorf("learning case %+v", lc)
	}
}
