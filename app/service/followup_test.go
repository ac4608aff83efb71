package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"casebook/data"
	"casebook/mailsync/memserver"
)

// followedUp records a reached follow-up (rating 5) by the owner, so a
// resolved case may be closed.
func followedUp(t *testing.T, svc *Service, number string) {
	t.Helper()
	if _, err := svc.Cases.RecordFollowUp(context.Background(), boss, number,
		data.FollowUp{Channel: data.FollowUpPhone, Reached: true, Rating: 5, AcceptsClosing: true}); err != nil {
		t.Fatal(err)
	}
}

// unreachedThrice is a resolved case with three unreached attempts.
func unreachedThrice(t *testing.T, svc *Service) string {
	n := caseAt(t, svc, data.StatusResolved)
	for range 3 {
		if _, err := svc.Cases.RecordFollowUp(context.Background(), boss, n, data.FollowUp{Channel: data.FollowUpPhone}); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// ratingCheckMessage is the message id withRatingCheck lists.
const ratingCheckMessage = 41

// withRatingCheck is a resolved case with a reply that may hold a rating.
func withRatingCheck(t *testing.T, svc *Service) string {
	n := caseAt(t, svc, data.StatusResolved)
	if _, err := svc.Cases.update(context.Background(), n, func(cs *data.Case, st data.Settings, now time.Time) error {
		m := data.Message{ID: ratingCheckMessage, Direction: data.DirectionIn, FromAddress: cs.Customer.Email, Text: "等了5天"}
		if cs.TakeRatingReply(st, m, now) != data.RatingToCheck {
			return fmt.Errorf("not listed")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// unhappyClosed is a closed case the customer rated 2.
func unhappyClosed(t *testing.T, svc *Service) string {
	n := caseAt(t, svc, data.StatusResolved)
	ctx := context.Background()
	if _, err := svc.Cases.RecordFollowUp(ctx, boss, n, data.FollowUp{Channel: data.FollowUpPhone, Reached: true, Rating: 2, Reason: "导游未道歉"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Cases.Move(ctx, boss, n, data.StatusClosed, ""); err != nil {
		t.Fatal(err)
	}
	return n
}

// Closing a resolved case needs a follow-up, or a supervisor's reason; staff
// may not close at all.
func TestClosingNeedsAFollowUpOrASupervisorsReason(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	chen := data.Actor{Name: "陈静", Role: data.RoleSupervisor}
	n := caseAt(t, svc, data.StatusResolved)
	var fe *data.FollowUpError
	if _, err := svc.Cases.Move(ctx, chen, n, data.StatusClosed, ""); !errors.As(err, &fe) || fe.Code != data.FollowUpNeeded {
		t.Fatalf("closed without follow-up: %v", err)
	}
	var fb *data.ForbiddenError
	if _, err := svc.Cases.CloseWithoutFollowUp(ctx, wang, n, "联系不上"); !errors.As(err, &fb) {
		t.Fatalf("staff closed without follow-up: %v", err)
	}
	if _, err := svc.Cases.CloseWithoutFollowUp(ctx, chen, n, ""); !errors.As(err, &fe) || fe.Code != data.FollowUpWaiveReason {
		t.Fatalf("without a reason: %v", err)
	}
	c, err := svc.Cases.CloseWithoutFollowUp(ctx, chen, n, "客户已移居国外，无法联系")
	if err != nil || c.Status != data.StatusClosed {
		t.Fatalf("supervisor with a reason: %v %s", err, c.Status)
	}
	// With a follow-up the supervisor closes as before.
	n2 := caseAt(t, svc, data.StatusResolved)
	if _, err := svc.Cases.RecordFollowUp(ctx, wang, n2, data.FollowUp{Channel: data.FollowUpWeChat, Reached: true, Rating: 4, Remarks: "满意"}); err != nil {
		t.Fatal(err)
	}
	if c, err := svc.Cases.Move(ctx, chen, n2, data.StatusClosed, ""); err != nil || c.Satisfaction.Rating != 4 {
		t.Fatalf("closed after the follow-up: %v %+v", err, c.Satisfaction)
	}
}

// A rating of 2 puts the case on the supervisor's Today (not on staff's);
// keeping it closed takes it off, reopening is the other way.
func TestARatingOfTwoPutsTheCaseOnTheSupervisorsToday(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	chen := data.Actor{Name: "陈静", Role: data.RoleSupervisor}
	n := unhappyClosed(t, svc)
	today := svc.Cases.TodayRows(chen, *now, 0)
	if today.FollowUps.Unhappy.Count != 1 || today.FollowUps.Unhappy.Items[0].Number != n || today.FollowUps.Unhappy.Items[0].Rating != 2 {
		t.Fatalf("supervisor's unhappy: %+v", today.FollowUps.Unhappy)
	}
	if got := svc.Cases.TodayRows(wang, *now, 0).FollowUps.Unhappy.Count; got != 0 {
		t.Errorf("staff see %d unhappy cases", got)
	}
	if _, err := svc.Cases.KeepClosed(ctx, chen, n, "已致歉，客户接受"); err != nil {
		t.Fatal(err)
	}
	if got := svc.Cases.TodayRows(chen, *now, 0).FollowUps.Unhappy.Count; got != 0 {
		t.Errorf("still unhappy after keeping it closed: %d", got)
	}
	// A follow-up due is listed, and overdue after N working days.
	r := caseAt(t, svc, data.StatusResolved)
	if due := svc.Cases.TodayRows(chen, *now, 0).FollowUps.Due; due.Count != 1 || due.Items[0].Number != r {
		t.Fatalf("due: %+v", due)
	}
	later := now.AddDate(0, 0, 7)
	if od := svc.Cases.TodayRows(chen, later, 0).FollowUps.Overdue; od.Count != 1 || od.Items[0].Number != r {
		t.Fatalf("overdue: %+v", od)
	}
}

// ratingReply is a reply from the case's customer, threaded by the subject tag.
func ratingReply(id, from, number, body string) string {
	return "Message-ID: <" + id + ">\nFrom: " + from + "\nTo: " + memserver.User +
		"\nSubject: Re: [案件 " + number + "] 回访\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n" +
		"Content-Transfer-Encoding: 8bit\n\n" + body
}

// Ratings by reply, through the in-process IMAP server: "5 非常满意，谢谢",
// "4", "一般" and "very satisfied" are recorded; a reply whose only 5 is in
// the quoted earlier mail records nothing; an unclear one is listed to
// confirm; reading the mailbox again records nothing twice.
func TestRatingRepliesThroughIMAP(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	im := memserver.StartIMAP(t)
	acc := data.DefaultMailAccount()
	acc.IMAPHost, acc.IMAPPort = memserver.HostPort(im.Addr)
	acc.IMAPSecurity, acc.SMTPSecurity = "none", "none"
	acc.SMTPHost, acc.SMTPPort = "127.0.0.1", 1
	acc.Username, acc.Address, acc.InitialDays, acc.AutoAck = memserver.User, memserver.User, 0, false
	if err := svc.Settings.SetMailAccount(ctx, boss, acc); err != nil {
		t.Fatal(err)
	}
	svc.core.passwords = fakePasswords{memserver.User: memserver.Password}

	const customer = "张晓明 <xm.zhang@163.com>" // newTestCase's customer
	tests := []struct {
		body   string
		rating int
		check  bool
	}{
		{"5 非常满意，谢谢\n", 5, false},
		{"4\n", 4, false},
		{"一般\n", 3, false},
		{"very satisfied\n", 5, false},
		{"收到，谢谢。\n\n在 2026年11月20日 10:00，客服 <" + memserver.User + "> 写道：\n> 请回复数字 1–5，例如 5 表示非常满意。\n", 0, false},
		{"等了5天才收到退款\n", 0, true},
	}
	numbers := make([]string, len(tests))
	for i, tt := range tests {
		numbers[i] = caseAt(t, svc, data.StatusResolved)
		im.Deliver(t, ratingReply(fmt.Sprintf("r%d@163.com", i), customer, numbers[i], tt.body))
	}
	// A reply from someone else is not the customer's rating.
	other := caseAt(t, svc, data.StatusResolved)
	im.Deliver(t, ratingReply("other@163.com", "路人 <someone@163.com>", other, "5\n"))
	if sum, err := svc.Mail.SyncOnce(ctx, wang, nil); err != nil || sum.Fetched != len(tests)+1 {
		t.Fatalf("sync: %s %v", sum, err)
	}
	for i, tt := range tests {
		c, err := svc.Cases.Get(ctx, numbers[i])
		if err != nil {
			t.Fatal(err)
		}
		if c.Satisfaction.Rating != tt.rating || len(c.FollowUp.Checks) > 0 != tt.check {
			t.Errorf("%q: rating %d, checks %+v; want %d, check %v", tt.body, c.Satisfaction.Rating, c.FollowUp.Checks, tt.rating, tt.check)
		}
		if tt.rating > 0 {
			v := c.FollowUp.Visits[len(c.FollowUp.Visits)-1]
			if v.Channel != data.FollowUpEmail || !v.Reached || v.MessageID == 0 {
				t.Errorf("%q: visit %+v", tt.body, v)
			}
		}
		if !strings.Contains(tt.body, "写道") && len(c.FollowUp.Visits) > 1 {
			t.Errorf("%q: %d visits", tt.body, len(c.FollowUp.Visits))
		}
	}
	if c, _ := svc.Cases.Get(ctx, other); c.Satisfaction.Rating != 0 {
		t.Errorf("a stranger's 5 was recorded: %+v", c.Satisfaction)
	}
	// The unclear one is on Today to confirm.
	chen := data.Actor{Name: "陈静", Role: data.RoleSupervisor}
	today := svc.Cases.TodayRows(chen, svc.Now(), 0)
	if today.FollowUps.RatingChecks.Count != 1 || today.FollowUps.RatingChecks.Items[0].Number != numbers[5] {
		t.Errorf("to confirm: %+v", today.FollowUps.RatingChecks)
	}
	// The same reply delivered again (a new UID, the same message): nothing is recorded twice.
	im.Deliver(t, ratingReply("r0@163.com", customer, numbers[0], tests[0].body))
	if _, err := svc.Mail.SyncOnce(ctx, wang, nil); err != nil {
		t.Fatal(err)
	}
	if c, _ := svc.Cases.Get(ctx, numbers[0]); len(c.FollowUp.Visits) != 1 {
		t.Errorf("after reading again: %d visits", len(c.FollowUp.Visits))
	}
}
