package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"casebook/data"
)

func (s *testService) RecordReferral(ctx context.Context, a data.Actor, number string, in data.ReferralInput) (data.Case, error) {
	return s.Update(ctx, number, func(c *data.Case, st data.Settings, now time.Time) error {
		if err := in.Normalize(now); err != nil {
			return err
		}
		return c.RecordReferral(in, st, a.Name, now)
	})
}

// The findings of a forced-shopping case offer the standard's penalty; it
// is added only when accepted, as an editable penalty row with its article,
// and saved with the article.
func TestFindingsOfferTheStandardsPenalty(t *testing.T) {
	u, s := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	c, err := u.svc.Cases.Create(u.ctx, u.actor(), data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal,
		Category: "forced_shopping", Channel: data.ChannelHotline, Subject: "导游强制购物", Customer: data.Customer{Name: "王小明"},
		Booking: data.Booking{Fee: 380000, TripEnd: "2026-01-02"}})
	if err != nil {
		t.Fatal(err)
	}
	u.list.refresh()
	u.openCase(c.ID)
	f := u.detail.findings
	if len(f.rows) != 0 {
		t.Fatal("a remedy was added before anyone accepted it")
	}
	shown := labelTexts(f.content)
	want := pr().Suggestion(data.Suggestion{Rule: data.RuleShoppingAdded, Article: "std2011:10.3",
		Steps: []data.CalcStep{{Percent: 10, Base: 380000, Times: 1, Result: 38000}}, Amount: 38000}, "CNY")
	if !strings.Contains(shown, want) {
		t.Fatalf("no suggestion %q in %q", want, shown)
	}
	accept := buttonIn(f.content, T("Accept as remedy"))
	if accept == nil {
		t.Fatal("no accept button")
	}
	test.Tap(accept)
	if len(f.rows) != 1 || f.rows[0].amount.Text != "380.00" || f.rows[0].articleValue() != "std2011:10.3" {
		t.Fatalf("accepted rows: %d", len(f.rows))
	}
	f.rows[0].amount.SetText("400") // adjusted
	if !f.save() {
		t.Fatal("not saved")
	}
	got, _ := s.Case(u.ctx, c.Number)
	if len(got.Remedies) != 1 || got.Remedies[0].Amount != 40000 || got.Remedies[0].Article != "std2011:10.3" || got.Remedies[0].Kind != data.RemedyPenalty {
		t.Fatalf("saved remedies %+v", got.Remedies)
	}

	// Record the referral from the case: the reply clock shows on it.
	u.detail.showReferral(got)
	dlg := u.win.Canvas().Overlays().Top()
	if dlg == nil {
		t.Fatal("no referral dialog")
	}
	var number *keyEntry
	for _, o := range test.LaidOutObjects(dlg) {
		if e, ok := o.(*keyEntry); ok && number == nil {
			number = e
		}
	}
	number.SetText("12345-2026-0099")
	test.Tap(buttonIn(dlg, T("Save")))
	got, _ = s.Case(u.ctx, c.Number)
	if got.Referral.Number != "12345-2026-0099" || !got.Referral.Reply.Running() {
		t.Fatalf("referral %+v", got.Referral)
	}
	if shown := labelTexts(u.detail.content); !strings.Contains(shown, "12345-2026-0099") || !strings.Contains(shown, pr().LateComplaint(mustLate(t, got))) {
		t.Errorf("the case does not show the referral or the late flag: %q", shown)
	}
}

func mustLate(t *testing.T, c data.Case) int {
	t.Helper()
	d, late := c.LateForRegulator(zone())
	if !late {
		t.Fatal("not late")
	}
	return d
}
