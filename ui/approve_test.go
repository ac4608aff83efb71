package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/store"
)

// proposedAt records a complaint whose solution of amount was proposed by
// 王芳 (staff), asking for approval as the application layer does.
func proposedAt(t *testing.T, s *store.Store, amount data.Money) data.Case {
	t.Helper()
	ctx := context.Background()
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating)
	if _, err := s.SetFindings(ctx, c.Number, data.Findings{Decision: "退还购物款",
		Remedies: []data.Remedy{{Kind: data.RemedyRefund, Amount: amount}}}, "王芳"); err != nil {
		t.Fatal(err)
	}
	c, err := s.Update(ctx, c.Number, func(c *data.Case, st data.Settings, now time.Time) error {
		if err := c.Move(st, data.StatusProposed, "王芳", "", now); err != nil {
			return err
		}
		c.CheckApproval(st, data.Actor{Name: "王芳", Role: data.RoleStaff}, now)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// overviewLabels are the texts of the labels on the case's overview.
func overviewLabels(u *UI) map[string]bool {
	out := map[string]bool{}
	shown(u.detail.overview, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			out[l.Text] = true
		}
	})
	return out
}

func TestApprovalOnTheCaseOverviewAndThePrintDialog(t *testing.T) {
	u, s := newTestUI(t)
	ctx := context.Background()
	st := s.Settings()
	st.Agency.Name = "北京晴空国际旅行社有限公司"
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	// Where the forward step of a proposed case sits, on a case within the limit.
	plain := proposedAt(t, s, 300_00)
	u.refreshAll()
	u.openCase(plain.ID)
	agree := moveLabel(data.StatusProposed, data.StatusAgreed)
	forwardAt, ok := stepPositions(t, u)[agree]
	if !ok || plain.Approval.Awaiting {
		t.Fatalf("a proposal of 300 waits or offers no agreement: %v", plain.Approval)
	}

	c := proposedAt(t, s, 800_00)
	u.refreshAll()
	u.openCase(c.ID)
	waiting := pr().Awaiting(&c, st)
	if waiting == "" || !overviewLabels(u)[waiting] {
		t.Fatalf("the overview does not say %q", waiting)
	}
	labels := buttonLabels(u.detail.overview)
	if labels[approveLabel()] || labels[refuseLabel()] || labels[agree] {
		t.Errorf("staff are offered approval or the agreement: %v", labels)
	}
	// The print dialog shows why the confirmation cannot be printed yet.
	u.detail.showPrint(c)
	if !dialogTexts(u)[notReadyText("awaiting-approval")] {
		t.Errorf("the print dialog does not give the reason: %v", dialogTexts(u))
	}
	if _, _, err := u.svc.Documents.PrintLetter(ctx, u.actor(), c.Number, data.LetterSolution, "zh-Hans"); !errors.Is(err, data.ErrNotReady) {
		t.Errorf("the solution letter before approval: %v", err)
	}
	u.detail.printing.dlg.Hide()

	// A supervisor sees Approve where the forward step is, and Refuse.
	u.user.SetSelected("陈静")
	u.detail.reload()
	pos := stepPositions(t, u)
	if p, ok := pos[approveLabel()]; !ok || p != forwardAt {
		t.Errorf("Approve at %v (%v), the forward slot is at %v", p, ok, forwardAt)
	}
	if _, ok := pos[refuseLabel()]; !ok || !overviewLabels(u)[waiting] {
		t.Error("no Refuse, or the waiting line is gone")
	}
	test.Tap(findButton(u.detail.overview, approveLabel()))
	got, _ := s.Case(ctx, c.Number)
	if got.Approval.Awaiting || got.Timeline[len(got.Timeline)-1].Type != data.EventApproved || got.Timeline[len(got.Timeline)-1].By != "陈静" {
		t.Fatalf("after Approve: %+v", got.Approval)
	}
	if labels := buttonLabels(u.detail.overview); labels[approveLabel()] || !labels[agree] || overviewLabels(u)[waiting] {
		t.Errorf("after approval: %v", labels)
	}
	if _, _, err := u.svc.Documents.PrintLetter(ctx, u.actor(), c.Number, data.LetterSolution, "zh-Hans"); err != nil {
		t.Errorf("letter after approval: %v", err)
	}
}

func TestSupervisorCannotApprove8000TheOwnerRefusesWithAReason(t *testing.T) {
	u, s := newTestUI(t)
	ctx := context.Background()
	c := proposedAt(t, s, 8000_00)
	u.user.SetSelected("陈静")
	u.refreshAll()
	u.openCase(c.ID)
	if labels := buttonLabels(u.detail.overview); labels[approveLabel()] || labels[refuseLabel()] {
		t.Errorf("a supervisor is offered to approve 8,000: %v", labels)
	}
	if !overviewLabels(u)[pr().Awaiting(&c, s.Settings())] {
		t.Error("the supervisor does not see that it waits for the owner")
	}
	u.user.SetSelected("赵总")
	u.detail.reload()
	test.Tap(findButton(u.detail.overview, refuseLabel()))
	ok := findDialogButton(top(u), T("Confirm"))
	if ok == nil || !ok.Disabled() {
		t.Fatal("refusing without a reason is offered")
	}
	test.Type(dialogEntry(t, u), "超出公司补偿标准")
	test.Tap(ok)
	got, _ := s.Case(ctx, c.Number)
	if got.Status != data.StatusInvestigating || got.Approval.Awaiting {
		t.Fatalf("after refusal: %s %+v", got.Status, got.Approval)
	}
	var refused bool
	for _, e := range got.Timeline {
		refused = refused || (e.Type == data.EventApprovalRefused && e.Note == "超出公司补偿标准" && e.By == "赵总")
	}
	if !refused {
		t.Error("no refusal on the timeline")
	}
}

func TestTodayListsWhatAwaitsMyApproval(t *testing.T) {
	u, s := newTestUI(t)
	c := proposedAt(t, s, 800_00)
	find := func() *widget.Hyperlink {
		for _, l := range todayLinks(u) {
			if strings.HasPrefix(l.Text, c.Number) {
				return l
			}
		}
		return nil
	}
	u.user.SetSelected("王芳")
	if u.today.last.ToApprove.Count != 0 {
		t.Errorf("staff: %+v", u.today.last.ToApprove)
	}
	u.user.SetSelected("陈静")
	l := find()
	if u.today.last.ToApprove.Count != 1 || l == nil || !strings.Contains(l.Text, pr().Money(800_00, "CNY")) {
		t.Fatalf("supervisor: %+v %v", u.today.last.ToApprove, l)
	}
	l.OnTapped()
	if u.detail.id != c.ID {
		t.Error("the row does not open the case")
	}
	test.Tap(findButton(u.detail.overview, approveLabel()))
	lockedApply(u, data.CaseChanged{ID: c.ID, Number: c.Number}) // the change feed's notice
	if u.today.last.ToApprove.Count != 0 {
		t.Errorf("approved, still listed: %+v", u.today.last.ToApprove)
	}
}

func TestApprovalLimitsInSettings(t *testing.T) {
	u, s := openSettings(t)
	v := u.setView
	staff := v.marks.fields["approval.limit.staff"].(*widget.Entry)
	sup := v.marks.fields["approval.limit.supervisor"].(*widget.Entry)
	if staff.Text != "500.00" || sup.Text != "5000.00" {
		t.Fatalf("defaults shown: %q %q", staff.Text, sup.Text)
	}
	before := settingsJSON(t, s)
	retype(staff, "lots")
	v.save()
	if settingsJSON(t, s) != before || v.marks.text("approval.limit.staff") == "" || top(u) != nil {
		t.Errorf("a wrong amount: saved, unmarked or a dialog: %q", v.marks.text("approval.limit.staff"))
	}
	// The supervisor's below the staff's: the stored settings' check, marked.
	retype(staff, "800")
	retype(sup, "600")
	v.save()
	if settingsJSON(t, s) != before || v.marks.text("approval.limit.supervisor") == "" {
		t.Errorf("supervisor below staff: %q", v.marks.text("approval.limit.supervisor"))
	}
	staff = v.marks.fields["approval.limit.staff"].(*widget.Entry)
	sup = v.marks.fields["approval.limit.supervisor"].(*widget.Entry)
	retype(staff, "1,000")
	retype(sup, "8000")
	v.save()
	l := s.Settings().Approval
	if got, _ := l.Limit(data.RoleStaff); got != 1000_00 {
		t.Errorf("staff limit %v", got)
	}
	if got, _ := l.Limit(data.RoleSupervisor); got != 8000_00 || v.marks.any() {
		t.Errorf("supervisor limit %v", got)
	}
}
