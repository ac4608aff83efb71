package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

var resolvedPath = []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed, data.StatusAgreed, data.StatusResolved}

// Recording a follow-up through the dialog: closing is disabled and
// explained until then, a rating of 3 asks for its reason in the field, and
// the recorded visit shows on the case and lets the supervisor close it.
func TestRecordAFollowUpThroughTheDialog(t *testing.T) {
	u, s := newTestUI(t)
	c := newCaseAt(t, s, data.KindComplaint, "", resolvedPath...)
	u.refreshAll()
	u.openCase(c.ID)
	closeLabel := moveLabel(data.StatusResolved, data.StatusClosed)
	if b := findButton(u.detail.overview, closeLabel); b == nil || !b.Disabled() {
		t.Fatalf("close is offered before the follow-up: %v", b)
	}
	labels := overviewLabels(u)
	explained := false
	for l := range labels {
		explained = explained || strings.Contains(l, T("Closing needs the follow-up first: record it (the customer reached, or closed as unreachable after {{.N}} attempts). A supervisor may close without follow-up, with a reason.")[:10])
	}
	if !explained {
		t.Errorf("closing is not explained: %v", labels)
	}
	if b := findButton(u.detail.overview, waiveLabel()); b == nil || !b.Disabled() {
		t.Errorf("staff may close without follow-up: %v", b)
	}
	rec := findButton(u.detail.overview, followUpLabel())
	if rec == nil || rec.Disabled() {
		t.Fatal("no Record follow-up… for staff")
	}
	test.Tap(rec)
	f := u.detail.followUp
	if f == nil || f.who.Text != "王芳" || !f.reached.Checked {
		t.Fatalf("the dialog: %+v", f)
	}
	f.channel.SetSelected(pr().FollowUpChannel(data.FollowUpWeChat))
	f.rating.SetSelected("3")
	if f.reason.Validate() == nil {
		t.Fatal("a rating of 3 without a reason passes")
	}
	test.Type(f.reason, "退款等了一周")
	test.Type(f.remarks, "希望以后快一点")
	if err := f.reason.Validate(); err != nil {
		t.Fatalf("with a reason: %v", err)
	}
	f.accepts.SetChecked(true)
	f.dlg.Submit()

	got, _ := s.Case(context.Background(), c.Number)
	if len(got.FollowUp.Visits) != 1 || got.Satisfaction.Rating != 3 {
		t.Fatalf("recorded %+v, satisfaction %+v", got.FollowUp.Visits, got.Satisfaction)
	}
	v := got.FollowUp.Visits[0]
	if v.Channel != data.FollowUpWeChat || !v.Reached || v.Reason != "退款等了一周" || v.Remarks != "希望以后快一点" || !v.AcceptsClosing || v.By != "王芳" {
		t.Errorf("visit %+v", v)
	}
	// The card shows it; the supervisor may close now.
	found := false
	shown(u.detail.overview, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "退款等了一周") && strings.Contains(l.Text, pr().Rating(3)) {
			found = true
		}
	})
	if !found {
		t.Error("the follow-up is not on the case")
	}
	u.user.SetSelected("陈静")
	u.openCase(c.ID)
	if b := findButton(u.detail.overview, closeLabel); b == nil || b.Disabled() {
		t.Errorf("the supervisor may not close after the follow-up: %v", b)
	}
}

// The supervisor closes without follow-up with a reason; a rating of 2
// after closing puts the case on the supervisor's Today with Reopen….
func TestCloseWithoutFollowUpAndUnhappyOnToday(t *testing.T) {
	u, s := newTestUI(t)
	ctx := context.Background()
	c := newCaseAt(t, s, data.KindComplaint, "", resolvedPath...)
	u.user.SetSelected("陈静")
	u.refreshAll()
	u.openCase(c.ID)
	waive := findButton(u.detail.overview, waiveLabel())
	if waive == nil || waive.Disabled() {
		t.Fatal("the supervisor has no Close without follow-up…")
	}
	if _, err := u.svc.Cases.CloseWithoutFollowUp(ctx, u.actor(), c.Number, ""); err == nil {
		t.Fatal("closed without a reason")
	}
	d := newCaseAt(t, s, data.KindComplaint, "", resolvedPath...)
	if _, err := s.Update(ctx, d.Number, func(cs *data.Case, st data.Settings, now time.Time) error {
		if err := cs.RecordFollowUp(st, data.FollowUp{Channel: data.FollowUpPhone, Reached: true, Rating: 2, Reason: "导游未道歉"}, "王芳", now); err != nil {
			return err
		}
		return cs.Move(st, data.StatusClosed, "陈静", "", now)
	}); err != nil {
		t.Fatal(err)
	}
	u.today.recompute()
	if n := u.today.last.FollowUps.Unhappy.Count; n != 1 {
		t.Fatalf("unhappy on the supervisor's Today: %d", n)
	}
	reopen := findButton(u.today.body, T("Reopen…"))
	if reopen == nil || reopen.Disabled() {
		t.Fatal("no Reopen… on Today")
	}
	u.user.SetSelected("王芳")
	u.today.recompute()
	if n := u.today.last.FollowUps.Unhappy.Count; n != 0 {
		t.Errorf("staff see %d unhappy cases", n)
	}
}

// Settings → Deadlines → Follow-up: the working days and the attempts are
// saved, and a value out of range is marked, not saved.
func TestFollowUpSettings(t *testing.T) {
	u, s := newTestUI(t)
	u.user.SetSelected("赵总")
	u.tabs.Select(u.setTab)
	u.setView.load()
	v := u.setView
	days := v.marks.fields["followup.due_working_days"].(*widget.Entry)
	attempts := v.marks.fields["followup.max_attempts"].(*widget.Entry)
	if days.Text != "3" || attempts.Text != "3" {
		t.Fatalf("shown %q, %q", days.Text, attempts.Text)
	}
	retype(days, "0")
	before := settingsJSON(t, s)
	v.save()
	u.bg.Wait()
	if settingsJSON(t, s) != before || v.marks.text("followup.due_working_days") == "" {
		t.Fatal("0 working days saved or not marked")
	}
	days = u.setView.marks.fields["followup.due_working_days"].(*widget.Entry)
	attempts = u.setView.marks.fields["followup.max_attempts"].(*widget.Entry)
	retype(days, "５") // full-width, as an input method types it
	retype(attempts, "2")
	u.setView.save()
	u.bg.Wait()
	if f := s.Settings().FollowUps; f.Days() != 5 || f.Attempts() != 2 {
		t.Fatalf("saved %+v", f)
	}
}

// followedUpInStore records a reached follow-up, so a resolved case may be closed.
func followedUpInStore(t *testing.T, s interface {
	Update(ctx context.Context, number string, fn func(c *data.Case, st data.Settings, now time.Time) error) (data.Case, error)
}, number string) {
	t.Helper()
	if _, err := s.Update(context.Background(), number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.RecordFollowUp(st, data.FollowUp{Channel: data.FollowUpPhone, Reached: true, Rating: 5}, "王芳", now)
	}); err != nil {
		t.Fatal(err)
	}
}

// A resolved case rated 2 at follow-up: the case screen offers Reopen…,
// which asks for a reason and sends the case back to investigation.
func TestUnhappyResolvedCaseReopensFromTheCaseScreen(t *testing.T) {
	u, s := newTestUI(t)
	c := newCaseAt(t, s, data.KindComplaint, "", resolvedPath...)
	if _, err := s.Update(context.Background(), c.Number, func(cs *data.Case, st data.Settings, now time.Time) error {
		return cs.RecordFollowUp(st, data.FollowUp{Channel: data.FollowUpPhone, Reached: true, Rating: 2, Reason: "赔偿不足"}, "王芳", now)
	}); err != nil {
		t.Fatal(err)
	}
	u.user.SetSelected("陈静")
	u.refreshAll()
	u.openCase(c.ID)
	reopen := findButton(u.detail.overview, T("Reopen…"))
	if reopen == nil || reopen.Disabled() || findButton(u.detail.overview, T("Keep closed…")) == nil {
		t.Fatal("no Reopen… and Keep closed… for the unhappy customer")
	}
	test.Tap(reopen)
	confirm := findDialogButton(top(u), T("Confirm"))
	if confirm == nil || !confirm.Disabled() {
		t.Fatal("reopening does not require a reason")
	}
	test.Type(dialogEntry(t, u), "客户认为赔偿不足，重新核实")
	test.Tap(confirm)
	if u.detail.current.Status != data.StatusInvestigating {
		t.Fatalf("status %s", u.detail.current.Status)
	}
}
