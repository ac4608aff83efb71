package service

import (
	"context"
	"errors"
	"testing"

	"casebook/data"
)

// proposeTestCase records a case and takes it to proposed by a with remedies totalling amount.
func proposeTestCase(t *testing.T, svc *Service, a data.Actor, amount data.Money) data.Case {
	t.Helper()
	ctx := context.Background()
	c := newTestCase(t, svc, a)
	for _, to := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating} {
		if _, err := svc.Cases.Move(ctx, a, c.Number, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.Cases.SetFindings(ctx, a, c.Number, data.Findings{Decision: "退还购物款",
		Remedies: []data.Remedy{{Kind: data.RemedyRefund, Amount: amount}}}); err != nil {
		t.Fatal(err)
	}
	c, err := svc.Cases.Move(ctx, a, c.Number, data.StatusProposed, "")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestStaffSolutionAbove500WaitsForASupervisor(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	chen := data.Actor{Name: "陈静", Role: data.RoleSupervisor}
	if _, err := svc.Settings.SetAgency(ctx, boss, func(a *data.Agency) { a.Name = "北京晴空国际旅行社有限公司" }); err != nil {
		t.Fatal(err)
	}
	c := proposeTestCase(t, svc, wang, 800_00)
	if !c.Approval.Awaiting || c.Approval.Total != 800_00 {
		t.Fatalf("not waiting: %+v", c.Approval)
	}
	// The letter and the customer's agreement wait; nothing is issued.
	if _, err := svc.Documents.IssueLetter(ctx, wang, c.Number, data.LetterSolution, ""); !errors.Is(err, data.ErrNotReady) {
		t.Errorf("letter before approval: %v", err)
	}
	if _, err := svc.Cases.Move(ctx, wang, c.Number, data.StatusAgreed, ""); !errors.As(err, new(*data.ApprovalError)) {
		t.Errorf("agreement before approval: %v", err)
	}
	// Staff may not approve (the permission table), whoever proposed.
	var fb *data.ForbiddenError
	if _, err := svc.Cases.Approve(ctx, wang, c.Number); !errors.As(err, &fb) || fb.Action != data.ActionApprove || fb.Needs() != data.RoleSupervisor {
		t.Errorf("staff approving: %v", err)
	}
	if _, err := svc.Cases.RefuseApproval(ctx, wang, c.Number, "不行"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff refusing: %v", err)
	}
	got, _ := svc.Cases.Get(ctx, c.Number)
	if len(got.Timeline) != len(c.Timeline) || !got.Approval.Awaiting {
		t.Fatal("a refused approval changed the case")
	}
	c, err := svc.Cases.Approve(ctx, chen, c.Number)
	if err != nil {
		t.Fatal(err)
	}
	if c.Approval.Awaiting || c.Timeline[len(c.Timeline)-1].Type != data.EventApproved {
		t.Errorf("after approval %+v", c.Approval)
	}
	if _, err := svc.Documents.IssueLetter(ctx, wang, c.Number, data.LetterSolution, ""); err != nil {
		t.Errorf("letter after approval: %v", err)
	}
	// Raising the remedies above the approved total asks again.
	c, err = svc.Cases.EditFindings(ctx, wang, c.Number, func(f *data.Findings) {
		f.Remedies = append(f.Remedies, data.Remedy{Kind: data.RemedyGoodwill, Amount: 100_00})
	})
	if err != nil || !c.Approval.Awaiting || c.Approval.Total != 900_00 {
		t.Fatalf("raised: %v %+v", err, c.Approval)
	}
	// A change that leaves the total alone does not ask again nor end the wait.
	n := len(c.Timeline)
	if c, err = svc.Cases.EditFindings(ctx, wang, c.Number, func(f *data.Findings) { f.Facts = "导游带团进店三次" }); err != nil ||
		!c.Approval.Awaiting || len(c.Timeline) != n+1 {
		t.Errorf("unrelated change: %v %+v", err, c.Approval)
	}
	// Refusal: a reason is required, then back to investigating.
	if _, err := svc.Cases.RefuseApproval(ctx, chen, c.Number, " "); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("refusal without reason: %v", err)
	}
	c, err = svc.Cases.RefuseApproval(ctx, chen, c.Number, "商誉补偿不超过合同约定")
	if err != nil || c.Status != data.StatusInvestigating || c.Approval.Awaiting {
		t.Errorf("refusal: %v %s %+v", err, c.Status, c.Approval)
	}
}

func TestSupervisorCannotApprove8000TheOwnerCan(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	chen := data.Actor{Name: "陈静", Role: data.RoleSupervisor}
	c := proposeTestCase(t, svc, chen, 8000_00)
	var ae *data.ApprovalError
	if _, err := svc.Cases.Approve(ctx, chen, c.Number); !errors.As(err, &ae) || ae.Code != "limit" || ae.Needs != data.RoleOwner {
		t.Errorf("supervisor: %v", err)
	}
	if c, err := svc.Cases.Approve(ctx, boss, c.Number); err != nil || c.Approval.Awaiting {
		t.Errorf("owner: %v", err)
	}
	// Limits come from the settings, changed by key.
	if _, err := svc.Settings.Set(ctx, boss, "approval.limit.supervisor", "10000"); err != nil {
		t.Fatal(err)
	}
	d := proposeTestCase(t, svc, chen, 8000_00)
	if d.Approval.Awaiting {
		t.Error("8,000 waits under a 10,000 limit")
	}
}

func TestRaisingAnAgreedSolutionAboveTheApprovedTotalIsRefusedWhole(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	c := proposeTestCase(t, svc, wang, 400_00)
	if _, err := svc.Cases.Move(ctx, wang, c.Number, data.StatusAgreed, ""); err != nil {
		t.Fatal(err)
	}
	_, err := svc.Cases.EditFindings(ctx, wang, c.Number, func(f *data.Findings) {
		f.Facts = "改了事实"
		f.Remedies = []data.Remedy{{Kind: data.RemedyRefund, Amount: 900_00}}
	})
	if !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("staff raising an agreed solution: %v", err)
	}
	if got, _ := svc.Cases.Get(ctx, c.Number); got.Facts != "" || got.Remedies[0].Amount != 400_00 {
		t.Errorf("a refused raise was half made: %+v", got.Findings())
	}
	chen := data.Actor{Name: "陈静", Role: data.RoleSupervisor}
	if _, err := svc.Cases.EditFindings(ctx, chen, c.Number, func(f *data.Findings) {
		f.Remedies = []data.Remedy{{Kind: data.RemedyRefund, Amount: 900_00}}
	}); err != nil {
		t.Errorf("supervisor raising within the limit: %v", err)
	}
}
