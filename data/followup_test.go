package data

import (
	"errors"
	"testing"
	"time"
)

// Resolved just before 国庆 2026: the seven days off do not count, and the
// swapped working Saturday 10 October does.
func TestFollowUpDueInWorkingDaysOverTheHoliday(t *testing.T) {
	cal := DefaultCalendar()
	tests := []struct {
		resolved time.Time
		n        int
		want     string
	}{
		{time.Date(2026, 9, 30, 15, 0, 0, 0, shanghai), 3, "2026-10-10 18:00"}, // 8, 9, 10 (调休上班)
		{time.Date(2026, 9, 30, 15, 0, 0, 0, shanghai), 1, "2026-10-08 18:00"},
		{time.Date(2026, 11, 20, 10, 0, 0, 0, shanghai), 3, "2026-11-25 18:00"}, // Friday → Mon, Tue, Wed
		{time.Date(2026, 11, 20, 23, 30, 0, 0, shanghai), 1, "2026-11-23 18:00"},
	}
	for _, tt := range tests {
		got := FollowUpDue(cal, tt.resolved, tt.n).In(shanghai).Format("2006-01-02 15:04")
		if got != tt.want {
			t.Errorf("resolved %v + %d working days = %s, want %s", tt.resolved, tt.n, got, tt.want)
		}
	}
	st := DefaultSettings()
	c := Case{Kind: KindComplaint, Status: StatusAgreed, Severity: SeverityNormal}
	if err := c.Move(st, StatusResolved, "王芳", "", time.Date(2026, 9, 30, 15, 0, 0, 0, shanghai)); err != nil {
		t.Fatal(err)
	}
	if got := c.FollowUpDueAt(st).In(shanghai).Format("2006-01-02"); got != "2026-10-10" {
		t.Errorf("case's follow-up due %s", got)
	}
	st.FollowUps.DueWorkingDays = 1
	if got := c.FollowUpDueAt(st).In(shanghai).Format("2006-01-02"); got != "2026-10-08" {
		t.Errorf("with 1 working day: due %s", got)
	}
}

func TestClosingNeedsAFollowUp(t *testing.T) {
	st := DefaultSettings()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)
	c := Case{Number: "A-1", Kind: KindComplaint, Status: StatusAgreed, Severity: SeverityNormal}
	if err := c.Move(st, StatusResolved, "王芳", "", now); err != nil {
		t.Fatal(err)
	}
	var fe *FollowUpError
	if err := c.Move(st, StatusClosed, "陈静", "", now); !errors.As(err, &fe) || fe.Code != FollowUpNeeded || !errors.Is(err, ErrTransition) {
		t.Fatalf("closed without follow-up: %v", err)
	}
	// An unreached attempt is not a follow-up.
	if err := c.RecordFollowUp(st, FollowUp{Channel: FollowUpPhone}, "王芳", now); err != nil {
		t.Fatal(err)
	}
	if c.FollowUp.Done() || c.Move(st, StatusClosed, "陈静", "", now) == nil {
		t.Fatal("an unreached attempt allowed closing")
	}
	// Too few attempts to close as unreachable.
	if err := c.CloseFollowUpUnreachable(st, "王芳", "", now); !errors.As(err, &fe) || fe.Code != FollowUpTooFew || fe.Attempts != 1 || fe.Needed != 3 {
		t.Fatalf("unreachable after one attempt: %v", err)
	}
	// A rating of 3 needs a reason.
	if err := c.RecordFollowUp(st, FollowUp{Channel: FollowUpPhone, Reached: true, Rating: 3}, "王芳", now); !errors.As(err, &fe) || fe.Code != FollowUpNeedReason {
		t.Fatalf("3 without a reason: %v", err)
	}
	if err := c.RecordFollowUp(st, FollowUp{Channel: FollowUpPhone, Reached: true, Rating: 6}, "王芳", now); !errors.As(err, &fe) || fe.Code != FollowUpBadRating {
		t.Fatalf("6: %v", err)
	}
	if err := c.RecordFollowUp(st, FollowUp{Channel: FollowUpPhone, Reached: true, Rating: 4, Remarks: "退款已收到", AcceptsClosing: true}, "王芳", now); err != nil {
		t.Fatal(err)
	}
	if c.Satisfaction.Rating != 4 || !c.FollowUp.Done() {
		t.Fatalf("satisfaction %+v, done %v", c.Satisfaction, c.FollowUp.Done())
	}
	if err := c.Move(st, StatusClosed, "陈静", "", now); err != nil {
		t.Fatal(err)
	}
	// Reopened and resolved again: a new follow-up is due.
	if err := c.Move(st, StatusInvestigating, "陈静", "客户又来电", now); err != nil {
		t.Fatal(err)
	}
	c.Status = StatusAgreed
	if err := c.Move(st, StatusResolved, "王芳", "", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if c.FollowUp.Done() || !c.NeedsFollowUp() {
		t.Fatal("the earlier round's follow-up counts for the new one")
	}
	// The supervisor's close without follow-up needs a reason.
	if err := c.CloseWithoutFollowUp(st, "陈静", " ", now); !errors.As(err, &fe) || fe.Code != FollowUpWaiveReason {
		t.Fatalf("waived without a reason: %v", err)
	}
	if err := c.CloseWithoutFollowUp(st, "陈静", "客户已出国，无法联系", now.Add(2*time.Hour)); err != nil || c.Status != StatusClosed {
		t.Fatalf("waived: %v, %s", err, c.Status)
	}
	n := len(c.Timeline)
	if c.Timeline[n-2].Type != EventFollowUpWaived || c.Timeline[n-1].Type != EventStatus {
		t.Errorf("timeline ends %v, %v", c.Timeline[n-2].Type, c.Timeline[n-1].Type)
	}
}

func TestUnreachableAfterMAttempts(t *testing.T) {
	st := DefaultSettings()
	st.FollowUps.MaxAttempts = 2
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)
	c := Case{Kind: KindComplaint, Status: StatusAgreed, Severity: SeverityNormal}
	_ = c.Move(st, StatusResolved, "王芳", "", now)
	for range 2 {
		if err := c.RecordFollowUp(st, FollowUp{Channel: FollowUpPhone, Remarks: "无人接听"}, "王芳", now); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.CloseFollowUpUnreachable(st, "王芳", "两次未接通", now); err != nil {
		t.Fatal(err)
	}
	if !c.FollowUp.Done() || c.Move(st, StatusClosed, "陈静", "", now) != nil {
		t.Fatal("unreachable does not allow closing")
	}
}

func TestReadRating(t *testing.T) {
	tests := []struct {
		text   string
		rating int
		maybe  bool
		remark string
	}{
		{"5 非常满意，谢谢", 5, false, "非常满意，谢谢"},
		{"4", 4, false, ""},
		{"一般", 3, false, ""},
		{"very satisfied", 5, false, ""},
		{"Very satisfied, thank you!\n\nBest, Tom", 5, false, "thank you!\nBest, Tom"},
		{"非常滿意", 5, false, ""},
		{"不满意：退款太慢", 2, false, "退款太慢"},
		{"非常不满意", 1, false, ""},
		{"dissatisfied", 2, false, ""},
		{"average", 3, false, ""},
		{"５", 5, false, ""},
		{"3分 导游态度还行", 3, false, "导游态度还行"},
		{"谢谢\n\n在 2026年11月20日 10:00，客服 <kf@agency.cn> 写道：\n> 请回复 1–5：5 非常满意", 0, false, ""},
		{"Thanks!\n\nOn Fri, Nov 20, 2026 at 10:00 AM Agency <kf@agency.cn>\nwrote:\n> Reply 5", 0, false, ""},
		{"> 5\n", 0, false, ""},
		{"好的\n-----原始邮件-----\n发件人: 客服\n5 非常满意", 0, false, ""},
		{"等了5天才退款", 0, true, ""},
		{"不太满意", 0, true, ""},
		{"5 不满意", 0, true, ""},
		{"50元已收到", 0, false, ""},
		{"4 or 5", 0, true, ""},
		{"", 0, false, ""},
	}
	for _, tt := range tests {
		r := ReadRating(tt.text)
		if r.Rating != tt.rating || r.Maybe != tt.maybe || tt.rating > 0 && r.Remarks != tt.remark {
			t.Errorf("ReadRating(%q) = %+v, want rating %d maybe %v remark %q", tt.text, r, tt.rating, tt.maybe, tt.remark)
		}
	}
}

func TestTakeRatingReplyOnlyFromTheCustomerAtTheStageOnce(t *testing.T) {
	st := DefaultSettings()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)
	c := Case{Kind: KindComplaint, Status: StatusAgreed, Severity: SeverityNormal, Customer: Customer{Email: "Li@Example.com"}}
	m := Message{ID: 7, Direction: DirectionIn, FromAddress: "li@example.com", Text: "2 不满意，导游没有道歉"}
	if c.TakeRatingReply(st, m, now) != RatingNone {
		t.Fatal("a rating taken before the case was resolved")
	}
	_ = c.Move(st, StatusResolved, "王芳", "", now)
	other := m
	other.FromAddress = "someone@example.com"
	if c.TakeRatingReply(st, other, now) != RatingNone {
		t.Fatal("a rating taken from another sender")
	}
	if c.TakeRatingReply(st, m, now) != RatingRecorded || c.Satisfaction.Rating != 2 || !c.Unhappy() {
		t.Fatalf("satisfaction %+v", c.Satisfaction)
	}
	if c.TakeRatingReply(st, m, now) != RatingNone || len(c.FollowUp.Visits) != 1 {
		t.Fatal("the same reply recorded twice")
	}
	v := c.FollowUp.Visits[0]
	if v.Channel != FollowUpEmail || !v.Reached || v.Reason != "不满意，导游没有道歉" || v.MessageID != 7 {
		t.Errorf("visit %+v", v)
	}
	// Unclear: listed for staff, then confirmed.
	m2 := Message{ID: 8, Direction: DirectionIn, FromAddress: "li@example.com", Text: "等了5天"}
	if c.TakeRatingReply(st, m2, now) != RatingToCheck || len(c.FollowUp.Checks) != 1 || c.FollowUp.Checks[0].Guess != 5 {
		t.Fatalf("checks %+v", c.FollowUp.Checks)
	}
	if err := c.ConfirmRating(st, 8, 3, "", "王芳", now); err != nil {
		t.Fatal(err)
	}
	if len(c.FollowUp.Checks) != 0 || c.Satisfaction.Rating != 3 || c.FollowUp.Visits[1].Reason != "等了5天" {
		t.Fatalf("after confirm: %+v %+v", c.FollowUp.Checks, c.FollowUp.Visits)
	}
	var fe *FollowUpError
	if err := c.DismissRating(8, "王芳", now); !errors.As(err, &fe) || fe.Code != FollowUpNoCheck {
		t.Fatalf("dismissed twice: %v", err)
	}
}

// A resolved case whose follow-up rated 2 or below may go back to
// investigation, with a reason and the right to reopen, and gets a fresh
// resolution deadline; a happy resolved case may not.
func TestUnhappyFollowUpReopensAResolvedCase(t *testing.T) {
	st := DefaultSettings()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)
	happy := Case{Number: "A-1", Kind: KindComplaint, Status: StatusAgreed, Severity: SeverityNormal}
	_ = happy.Move(st, StatusResolved, "王芳", "", now)
	_ = happy.RecordFollowUp(st, FollowUp{Channel: FollowUpPhone, Reached: true, Rating: 4}, "王芳", now)
	if err := happy.Move(st, StatusInvestigating, "陈静", "再查", now); !errors.Is(err, ErrTransition) {
		t.Fatalf("a happy resolved case went back to investigation: %v", err)
	}
	c := Case{Number: "A-2", Kind: KindComplaint, Status: StatusAgreed, Severity: SeverityNormal}
	_ = c.Move(st, StatusResolved, "王芳", "", now)
	if err := c.RecordFollowUp(st, FollowUp{Channel: FollowUpPhone, Reached: true, Rating: 2, Reason: "赔偿不足"}, "王芳", now); err != nil {
		t.Fatal(err)
	}
	if !c.Unhappy() || MoveAction(c.Status, StatusInvestigating) != ActionReopen {
		t.Fatalf("unhappy %v, action %s", c.Unhappy(), MoveAction(c.Status, StatusInvestigating))
	}
	var fe *FieldError
	if err := c.Move(st, StatusInvestigating, "陈静", " ", now); !errors.As(err, &fe) || fe.Field != "reopen_reason" {
		t.Fatalf("without a reason: %v", err)
	}
	later := now.Add(time.Hour)
	if err := c.Move(st, StatusInvestigating, "陈静", "客户认为赔偿不足，重新核实", later); err != nil {
		t.Fatal(err)
	}
	if c.Status != StatusInvestigating || !c.Resolution.Running() || c.Unhappy() {
		t.Fatalf("after reopening: %s running %v unhappy %v", c.Status, c.Resolution.Running(), c.Unhappy())
	}
}
