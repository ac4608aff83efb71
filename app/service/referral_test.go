package service

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

// pdfTextOf is pdftotext's reading of a PDF, squeezed of white space.
func pdfTextOf(t *testing.T, b []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// A referred case: the reply clock on the case and on Today, the penalty of
// the standard accepted into the findings, and the bureau letter that quotes
// the referral, the facts, the solution and the article, and stops the clock.
func TestReferralReplyAndBureauLetter(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	if _, err := svc.Settings.SetAgency(ctx, boss, func(a *data.Agency) { a.Name = "北京晴空国际旅行社有限公司" }); err != nil {
		t.Fatal(err)
	}
	c, err := svc.Cases.Create(ctx, wang, data.NewCase{Kind: data.KindComplaint, Category: "forced_shopping",
		Severity: data.SeverityNormal, Channel: data.ChannelHotline, Subject: "导游强制购物", Customer: data.Customer{Name: "张晓明"},
		Booking: data.Booking{Fee: 380000, TripEnd: "2026-11-10", Departure: "2026-11-05"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Booking.Fee != 380000 || c.Booking.TripEnd != "2026-11-10" {
		t.Fatalf("booking %+v", c.Booking)
	}
	if _, err := svc.Cases.RecordReferral(ctx, wang, c.Number, data.ReferralInput{Source: data.ReferralHotline, Number: "", Notice: "2026-11-20"}); err == nil {
		t.Error("a referral without its number was recorded")
	}
	c, err = svc.Cases.RecordReferral(ctx, wang, c.Number, data.ReferralInput{Source: data.ReferralHotline, Number: "12345-2026-7788", Notice: "2026-11-20"})
	if err != nil {
		t.Fatal(err)
	}
	loc := svc.Settings.Get().Calendar.Zone()
	if want := time.Date(2026, 11, 30, 23, 59, 0, 0, loc); !c.Referral.Reply.Due.Equal(want) {
		t.Errorf("reply due %v, want %v", c.Referral.Reply.Due.In(loc), want)
	}
	today, err := svc.Cases.Today(ctx, boss, *now)
	if err != nil {
		t.Fatal(err)
	}
	if today.BureauReplies.Count != 1 || today.BureauReplies.Items[0].Number != c.Number {
		t.Errorf("Today's bureau replies: %+v", today.BureauReplies)
	}

	// Findings with the standard's penalty, accepted as suggested.
	for _, s := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating} {
		if c, err = svc.Cases.Move(ctx, wang, c.Number, s, ""); err != nil {
			t.Fatal(err)
		}
	}
	sug, err := data.SuggestStandard(data.RuleForcedShopping, data.StandardFacts{Fee: c.Booking.Fee, Occurrences: 2})
	if err != nil {
		t.Fatal(err)
	}
	rem := sug.Remedy()
	rem.Note = "两次进店购物"
	if _, err := svc.Cases.SetFindings(ctx, boss, c.Number, data.Findings{Facts: "导游在第三天安排了两次合同外的玉石店购物。",
		Responsibility: data.ResponsibilityAgency, Decision: "按赔偿标准支付违约金并致歉。", Remedies: []data.Remedy{rem}}); err != nil {
		t.Fatal(err)
	}
	if c, err = svc.Cases.Move(ctx, boss, c.Number, data.StatusProposed, ""); err != nil {
		t.Fatal(err)
	}

	*now = time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	out, err := svc.Documents.IssueLetter(ctx, wang, c.Number, data.LetterBureau, "en")
	if err != nil {
		t.Fatal(err)
	}
	if out.Letter.Language != "zh-Hans" {
		t.Errorf("the bureau letter is in %s", out.Letter.Language)
	}
	text := pdfTextOf(t, out.PDF)
	for _, want := range []string{"书面答复", "12345-2026-7788", "导游在第三天安排了两次合同外的玉石店购物", "按赔偿标准支付违约金并致歉",
		"两次进店购物", "（依据《旅行社服务质量赔偿标准》第十条第", "（四）项）", "1,520.00", "正等待游客确认"} {
		if !strings.Contains(text, want) {
			t.Errorf("the bureau letter lacks %q:\n%s", want, text)
		}
	}
	if out.Case.Referral.Reply.State(*now) != data.ClockMet {
		t.Errorf("after the letter the reply clock is %v", out.Case.Referral.Reply.State(*now))
	}
	if today, _ := svc.Cases.Today(ctx, boss, *now); today.BureauReplies.Count != 0 {
		t.Errorf("a sent reply still on Today: %+v", today.BureauReplies)
	}

	// The solution confirmation quotes the article too.
	sol, err := svc.Documents.IssueLetter(ctx, wang, c.Number, data.LetterSolution, "en")
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfTextOf(t, sol.PDF); !strings.Contains(text, "(under2011CompensationStandard,") || !strings.Contains(text, "art.10(4))") {
		t.Errorf("the solution letter does not quote the article: %s", text)
	}

	// Too late for the regulator: 90 days after the trip is not flagged, 91 is.
	got, _ := svc.Cases.Get(ctx, c.Number)
	for _, tc := range []struct {
		end  string
		late bool
	}{{"2026-08-25", false}, {"2026-08-24", true}} {
		end := tc.end
		if got, err = svc.Cases.Edit(ctx, wang, c.Number, data.CaseEdit{TripEnd: &end}); err != nil {
			t.Fatal(err)
		}
		if _, late := got.LateForRegulator(loc); late != tc.late {
			d, _ := got.DaysAfterTrip(loc)
			t.Errorf("trip end %s (%d days): late %v", end, d, late)
		}
	}
	fee := data.Money(420000)
	if got, err = svc.Cases.Edit(ctx, wang, c.Number, data.CaseEdit{Fee: &fee}); err != nil || got.Booking.Fee != fee {
		t.Errorf("fee edit: %v %v", got.Booking.Fee, err)
	}
}
