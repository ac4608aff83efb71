package data

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

var (
	staffA   = Actor{Name: "王芳", Role: RoleStaff}
	staffB   = Actor{Name: "赵敏", Role: RoleStaff}
	superA   = Actor{Name: "李建国", Role: RoleSupervisor}
	ownerA   = Actor{Name: "陈店长", Role: RoleOwner}
	approveT = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
)

// proposedCase is a complaint under investigation whose remedies total
// amount, proposed by a.
func proposedCase(t *testing.T, st Settings, a Actor, amount Money) Case {
	t.Helper()
	c := Case{Kind: KindComplaint, Status: StatusInvestigating, Currency: "CNY", Subject: "s"}
	if err := c.SetFindings(Findings{Decision: "退款", Remedies: []Remedy{{Kind: RemedyRefund, Amount: amount}}}, a.Name, approveT); err != nil {
		t.Fatal(err)
	}
	if err := c.Move(st, StatusProposed, a.Name, "", approveT); err != nil {
		t.Fatal(err)
	}
	c.CheckApproval(st, a, approveT)
	return c
}

func lastEvent(c *Case) Event { return c.Timeline[len(c.Timeline)-1] }

func TestApprovalLimitsDefaultsAndValidation(t *testing.T) {
	var l ApprovalLimits
	if v, ok := l.Limit(RoleStaff); !ok || v != 500_00 {
		t.Errorf("staff %v %v", v, ok)
	}
	if v, ok := l.Limit(RoleSupervisor); !ok || v != 5000_00 {
		t.Errorf("supervisor %v %v", v, ok)
	}
	if _, ok := l.Limit(RoleOwner); ok || !l.Covers(RoleOwner, 1e12) {
		t.Error("the owner has no limit")
	}
	if l.Covers(Role("guest"), 1) || !l.Covers(Role("guest"), 0) {
		t.Error("an unknown role may propose nothing")
	}
	if l.LeastRole(500_00) != RoleStaff || l.LeastRole(500_01) != RoleSupervisor || l.LeastRole(8000_00) != RoleOwner {
		t.Error("least role")
	}
	zero, big, neg := Money(0), Money(100_00), Money(-1)
	if err := (ApprovalLimits{Staff: &zero}).Validate(); err != nil {
		t.Errorf("a staff limit of 0 (everything needs approval) is valid: %v", err)
	}
	var fe *FieldError
	for name, l := range map[string]ApprovalLimits{
		"negative staff": {Staff: &neg}, "negative supervisor": {Supervisor: &neg},
		"supervisor below staff": {Staff: &big, Supervisor: &zero},
	} {
		if err := l.Validate(); !errors.As(err, &fe) || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Stored without the field, the settings read as the defaults; a 0 set
	// on purpose survives a round trip.
	st := DefaultSettings()
	st.Approval.Staff = &zero
	b, _ := json.Marshal(st)
	var back Settings
	if err := json.Unmarshal(b, &back); err != nil || back.Approval.Staff == nil || *back.Approval.Staff != 0 || back.Approval.Supervisor != nil {
		t.Errorf("round trip: %v %+v", err, back.Approval)
	}
	if err := back.Validate(); err != nil {
		t.Error(err)
	}
}

func TestStaffProposalAboveLimitWaitsAndBlocksLetterAndAgreement(t *testing.T) {
	st := DefaultSettings()
	c := proposedCase(t, st, staffA, 800_00)
	if !c.Approval.Awaiting || c.Approval.Total != 800_00 || c.Approval.By != staffA.Name {
		t.Fatalf("approval %+v", c.Approval)
	}
	if e := lastEvent(&c); e.Type != EventApprovalAsked || e.Arg(ArgTotal) != "800.00" || e.Arg(ArgRole) != string(RoleSupervisor) || e.Arg(ArgCurrency) != "CNY" {
		t.Errorf("event %+v", e)
	}
	var nr *NotReadyError
	if err := c.CanIssue(LetterSolution); !errors.As(err, &nr) || nr.Code != "awaiting-approval" {
		t.Errorf("letter: %v", err)
	}
	var ae *ApprovalError
	if err := c.Move(st, StatusAgreed, staffA.Name, "", approveT); !errors.As(err, &ae) || ae.Code != "awaiting" || ae.Needs != RoleSupervisor || !errors.Is(err, ErrTransition) {
		t.Errorf("agreement: %v", err)
	}
	if c.Status != StatusProposed {
		t.Error("moved")
	}
	// Staff may not approve; the proposer neither.
	for _, a := range []Actor{staffA, staffB} {
		if err := c.Approve(st, a, approveT); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s approved: %v", a.Name, err)
		}
	}
	if err := c.Approve(st, superA, approveT); err != nil {
		t.Fatal(err)
	}
	if c.Approval.Awaiting || c.Approval.Approved != 800_00 || lastEvent(&c).Type != EventApproved || lastEvent(&c).By != superA.Name {
		t.Errorf("after approval %+v %+v", c.Approval, lastEvent(&c))
	}
	if err := c.CanIssue(LetterSolution); err != nil {
		t.Errorf("letter after approval: %v", err)
	}
	if err := c.Approve(st, superA, approveT); !errors.As(err, &ae) || ae.Code != "none" {
		t.Errorf("second approval: %v", err)
	}
	if err := c.Move(st, StatusAgreed, staffA.Name, "", approveT); err != nil {
		t.Errorf("agreement after approval: %v", err)
	}
}

func TestWithinLimitNeedsNoApproval(t *testing.T) {
	st := DefaultSettings()
	c := proposedCase(t, st, staffA, 500_00) // exactly the limit
	if c.Approval.Awaiting || c.Approval.Approved != 500_00 || lastEvent(&c).Type == EventApprovalAsked {
		t.Errorf("%+v", c.Approval)
	}
	if err := c.CanIssue(LetterSolution); err != nil {
		t.Error(err)
	}
	// A supervisor proposing 3,000 needs nobody: approving one's own proposal
	// is only "allowed" when one's limit covers it anyway.
	c = proposedCase(t, st, superA, 3000_00)
	if c.Approval.Awaiting {
		t.Error("supervisor within limit waits")
	}
}

func TestSupervisorCannotApproveAboveLimitOwnerCan(t *testing.T) {
	st := DefaultSettings()
	c := proposedCase(t, st, staffA, 8000_00)
	if e := lastEvent(&c); e.Arg(ArgRole) != string(RoleOwner) {
		t.Errorf("needs %+v", e)
	}
	var ae *ApprovalError
	if err := c.Approve(st, superA, approveT); !errors.As(err, &ae) || ae.Code != "limit" || ae.Needs != RoleOwner || !errors.Is(err, ErrForbidden) {
		t.Errorf("supervisor: %v", err)
	}
	if err := c.RefuseApproval(st, superA, "太高", approveT); !errors.As(err, &ae) || ae.Code != "limit" {
		t.Errorf("supervisor refusing: %v", err)
	}
	// A supervisor's own proposal above the supervisor's limit waits too, and
	// the proposer cannot approve it.
	c2 := proposedCase(t, st, superA, 8000_00)
	if !c2.Approval.Awaiting {
		t.Fatal("supervisor's 8,000 does not wait")
	}
	if err := c2.Approve(st, superA, approveT); !errors.Is(err, ErrForbidden) {
		t.Errorf("self approval: %v", err)
	}
	if err := c.Approve(st, ownerA, approveT); err != nil || c.Approval.Awaiting {
		t.Errorf("owner: %v %+v", err, c.Approval)
	}
	// The owner proposes any amount without approval.
	if c3 := proposedCase(t, st, ownerA, 1e9); c3.Approval.Awaiting {
		t.Error("owner waits")
	}
}

func TestRefusalNeedsReasonAndReturnsToInvestigating(t *testing.T) {
	st := DefaultSettings()
	c := proposedCase(t, st, staffA, 800_00)
	n := len(c.Timeline)
	for _, r := range []string{"", "   "} {
		var fe *FieldError
		if err := c.RefuseApproval(st, superA, r, approveT); !errors.As(err, &fe) || fe.Field != "refuse_reason" {
			t.Errorf("reason %q: %v", r, err)
		}
	}
	if len(c.Timeline) != n || !c.Approval.Awaiting || c.Status != StatusProposed {
		t.Fatal("a refused refusal changed the case")
	}
	if err := c.RefuseApproval(st, superA, "超出合同约定，请重新核算", approveT); err != nil {
		t.Fatal(err)
	}
	if c.Status != StatusInvestigating || c.Approval.Awaiting || c.Approval.Approved != 0 {
		t.Errorf("after refusal %s %+v", c.Status, c.Approval)
	}
	ref := c.Timeline[n]
	if ref.Type != EventApprovalRefused || ref.Note != "超出合同约定，请重新核算" || ref.By != superA.Name || ref.Arg(ArgTotal) != "800.00" {
		t.Errorf("refusal event %+v", ref)
	}
	if s := lastEvent(&c); s.Type != EventStatus || s.New != string(StatusInvestigating) {
		t.Errorf("status event %+v", s)
	}
	// Proposed again unchanged, it waits again.
	if err := c.Move(st, StatusProposed, staffA.Name, "", approveT); err != nil {
		t.Fatal(err)
	}
	c.CheckApproval(st, staffA, approveT)
	if !c.Approval.Awaiting {
		t.Error("re-proposal does not wait")
	}
	// The customer rejecting (back to investigating) ends the wait too.
	if err := c.Move(st, StatusInvestigating, staffA.Name, "客户不同意", approveT); err != nil || c.Approval.Awaiting {
		t.Errorf("reject: %v %+v", err, c.Approval)
	}
}

func TestRaisingRemediesAboveApprovedTotalAsksAgain(t *testing.T) {
	st := DefaultSettings()
	c := proposedCase(t, st, staffA, 800_00)
	if err := c.Approve(st, superA, approveT); err != nil {
		t.Fatal(err)
	}
	set := func(amount Money) {
		t.Helper()
		f := c.Findings()
		f.Remedies = []Remedy{{Kind: RemedyRefund, Amount: amount}}
		if err := c.SetFindings(f, staffA.Name, approveT); err != nil {
			t.Fatal(err)
		}
		c.CheckApproval(st, staffA, approveT)
	}
	set(700_00) // lower than approved: no approval
	if c.Approval.Awaiting {
		t.Error("lower total waits")
	}
	set(800_00) // back to the approved total
	if c.Approval.Awaiting {
		t.Error("approved total waits")
	}
	n := len(c.Timeline)
	set(900_00)
	if !c.Approval.Awaiting || c.Approval.Total != 900_00 || c.Timeline[n+1].Type != EventApprovalAsked {
		t.Fatalf("raised total: %+v", c.Approval)
	}
	if err := c.CanIssue(LetterSolution); !errors.Is(err, ErrNotReady) {
		t.Errorf("letter: %v", err)
	}
	set(400_00) // within the proposer's own limit: the wait ends
	if c.Approval.Awaiting {
		t.Error("within the staff limit still waits")
	}
	// Not proposed: nothing is asked (the proposal asks when it is made).
	d := Case{Kind: KindComplaint, Status: StatusInvestigating, Remedies: []Remedy{{Kind: RemedyRefund, Amount: 900_00}}}
	d.CheckApproval(st, staffA, approveT)
	if d.Approval.Awaiting || len(d.Timeline) != 0 {
		t.Error("investigating case asked for approval")
	}
}

func TestApprovalLimitsFromSettings(t *testing.T) {
	st := DefaultSettings()
	zero := Money(0)
	st.Approval.Staff = &zero // every staff proposal with an amount waits
	c := proposedCase(t, st, staffA, 1)
	if !c.Approval.Awaiting {
		t.Error("limit 0 does not ask")
	}
	apology := proposedCase(t, st, staffA, 0)
	if apology.Approval.Awaiting {
		t.Error("an apology without amount waits")
	}
}

func TestListRowCarriesTheWaitAndReadsOldRows(t *testing.T) {
	st := DefaultSettings()
	c := proposedCase(t, st, staffA, 800_00)
	c.ID, c.Number = 9, "A-2026-0009"
	got, err := DecodeRow(EncodeRow(RowOf(&c)))
	if err != nil || got.Awaiting != 800_00 || got.Currency != "CNY" || got.Number != c.Number {
		t.Fatalf("round trip: %v %+v", err, got)
	}
	if err := c.Approve(st, superA, approveT); err != nil {
		t.Fatal(err)
	}
	r := RowOf(&c)
	if r.Awaiting != 0 {
		t.Error("approved case still waits in the list")
	}
	// A row written before approval existed ends after the clocks.
	r.Currency = ""
	b := EncodeRow(r)
	b = b[:len(b)-3] // without the follow-up part (three zero bytes here)
	if mid, err := DecodeRow(b); err != nil || mid.Rating != 0 || mid.RatingChecks != 0 {
		t.Errorf("row without the follow-up part: %v %+v", err, mid)
	}
	b = b[:len(b)-len(appendClock(nil, &r.Referral))] // and before referrals existed (referral.go)
	if mid, err := DecodeRow(b); err != nil || mid.Referral.Target != 0 {
		t.Errorf("row without the referral part: %v %+v", err, mid)
	}
	old, err := DecodeRow(b[:len(b)-2])
	if err != nil || old.Awaiting != 0 || old.Number != c.Number {
		t.Errorf("old row: %v %+v", err, old)
	}
	if _, err := DecodeRow(b[:len(b)-1]); err == nil {
		t.Error("a row cut inside the approval part decoded")
	}
}

func TestTodayListsSolutionsToApproveForWhoseLimitCovers(t *testing.T) {
	st := todaySettings()
	small := todayRow(1, "王芳", StatusProposed, Clock{}, Clock{})
	small.Awaiting, small.Currency = 800_00, "CNY"
	big := todayRow(2, "", StatusProposed, Clock{}, Clock{}) // nobody owns it: still listed
	big.Awaiting, big.Currency = 8000_00, "CNY"
	plain := todayRow(3, "王芳", StatusProposed, Clock{}, Clock{})
	closed := todayRow(4, "王芳", StatusClosed, Clock{}, Clock{})
	closed.Awaiting = 900_00
	rows := []*Row{small, big, plain, closed}
	if got := ComputeToday(rows, st, "王芳", RoleStaff, 0, todayNow).ToApprove; got.Count != 0 {
		t.Errorf("staff: %+v", got)
	}
	got := ComputeToday(rows, st, "陈静", RoleSupervisor, 0, todayNow).ToApprove
	if got.Count != 1 || got.Items[0].Number != small.Number || got.Items[0].Total != 800_00 || got.Items[0].Currency != "CNY" {
		t.Errorf("supervisor: %+v", got)
	}
	if got := ComputeToday(rows, st, "李总", RoleOwner, 0, todayNow).ToApprove; got.Count != 2 {
		t.Errorf("owner: %+v", got)
	}
}

func TestASupervisorChangingAWaitingSolutionApprovesIt(t *testing.T) {
	st := DefaultSettings()
	c := proposedCase(t, st, staffA, 800_00)
	f := c.Findings()
	f.Remedies = []Remedy{{Kind: RemedyRefund, Amount: 700_00}}
	if err := c.SetFindings(f, superA.Name, approveT); err != nil {
		t.Fatal(err)
	}
	c.CheckApproval(st, superA, approveT)
	if e := lastEvent(&c); c.Approval.Awaiting || e.Type != EventApproved || e.By != superA.Name || e.Arg(ArgTotal) != "700.00" {
		t.Errorf("%+v %+v", c.Approval, e)
	}
	// Staff lowering it into their own limit end the wait without an approval.
	d := proposedCase(t, st, staffA, 800_00)
	f = d.Findings()
	f.Remedies = []Remedy{{Kind: RemedyRefund, Amount: 400_00}}
	if err := d.SetFindings(f, staffB.Name, approveT); err != nil {
		t.Fatal(err)
	}
	d.CheckApproval(st, staffB, approveT)
	if e := lastEvent(&d); d.Approval.Awaiting || e.Type == EventApproved {
		t.Errorf("%+v %+v", d.Approval, e)
	}
}

func TestRaisingRemediesAfterTheCustomerAgreedNeedsOnesOwnLimit(t *testing.T) {
	st := DefaultSettings()
	c := proposedCase(t, st, staffA, 800_00)
	if err := c.Approve(st, superA, approveT); err != nil {
		t.Fatal(err)
	}
	if err := c.Move(st, StatusAgreed, staffA.Name, "", approveT); err != nil {
		t.Fatal(err)
	}
	raise := func(a Actor, amount Money) error {
		before, was := c.remedyTotal(), c.Remedies
		c.Remedies = []Remedy{{Kind: RemedyRefund, Amount: amount}}
		err := c.CheckRaise(st, a, before)
		if err != nil {
			c.Remedies = was // the transaction is rolled back
		}
		return err
	}
	if err := raise(staffA, 800_00); err != nil { // unchanged
		t.Error(err)
	}
	var ae *ApprovalError
	if err := raise(staffA, 900_00); !errors.As(err, &ae) || ae.Code != "limit" || ae.Needs != RoleSupervisor || !errors.Is(err, ErrForbidden) {
		t.Errorf("staff raising: %v", err)
	}
	if err := raise(superA, 900_00); err != nil || c.Approval.Approved != 900_00 {
		t.Errorf("supervisor raising: %v %+v", err, c.Approval)
	}
	if err := raise(staffA, 850_00); err != nil { // lower than what was approved
		t.Error(err)
	}
	if err := raise(superA, 6000_00); !errors.As(err, &ae) || ae.Needs != RoleOwner {
		t.Errorf("supervisor above limit: %v", err)
	}
}
