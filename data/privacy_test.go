package data

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestOnlyTheOwnerAnonymises(t *testing.T) {
	for _, r := range []Role{RoleStaff, RoleSupervisor} {
		err := (Actor{Name: "x", Role: r}).Check(ActionPrivacy)
		if fe, ok := err.(*ForbiddenError); !ok || fe.Needs() != RoleOwner {
			t.Errorf("%s: %v", r, err)
		}
	}
	if !(Actor{Name: "boss", Role: RoleOwner}).Can(ActionPrivacy) {
		t.Error("the owner may not anonymise")
	}
}

// Anonymising changes only what the audit chain holds as personal: every
// event's public digest stays; figures stay.
func TestAnonymiseCaseKeepsPublicContent(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	c := Case{ID: 7, Number: "A-2026-0007", CustomerID: 3, Status: StatusClosed, Category: "meals", Channel: ChannelEmail,
		Customer: Customer{ID: 3, Name: "王小二", Phone: "13800000000", Email: "w2@qq.com", WeChat: "w2wx"},
		Subject:  "王小二投诉", Description: "王小二说", Demand: "退款", Amount: 12300, Booking: Booking{Ref: "R1", Product: "三亚"},
		Remedies:     []Remedy{{Kind: "refund", Amount: 5000, Recovered: 2000, Note: "给王小二"}},
		Satisfaction: Satisfaction{Rating: 2, Reason: "王小二不满"}, Facts: "王小二", Letters: []Letter{{Type: LetterAck, Name: "王小二.pdf", SHA256: "ab"}},
		Evidence: []Evidence{{Name: "王小二.JPG", SHA256: "cd", Note: "王小二的"}},
		Timeline: []Event{
			{At: at, By: "w2@qq.com", Type: EventMailIn, Args: map[string]string{ArgSubject: "王小二"}},
			{At: at, By: "王芳", Type: EventNote, Note: "王小二来电"},
			{At: at, By: "王芳", Type: EventEdited, Args: map[string]string{ArgField: "phone"}, Old: "1", New: "13800000000"},
			{At: at, By: "王芳", Type: EventEdited, Args: map[string]string{ArgField: "amount"}, Old: "100.00", New: "123.00"},
			{At: at, By: "王芳", Type: EventStatus, Old: "resolved", New: "closed"},
		}}
	before := c
	if !AnonymiseCase(&c) {
		t.Fatal("nothing changed")
	}
	if before.Customer.Name != "王小二" || before.Timeline[1].Note == "" {
		t.Fatal("the original was changed in place")
	}
	for i := range c.Timeline {
		c1, _ := EventDigests(before.Timeline[i:i+1], nil)
		c2, _ := EventDigests(c.Timeline[i:i+1], nil)
		if c1 != c2 {
			t.Errorf("event %d: public content changed: %+v → %+v", i, before.Timeline[i], c.Timeline[i])
		}
	}
	s := fmt.Sprintf("%+v", c)
	for _, p := range []string{"王小二", "13800000000", "w2@qq.com", "w2wx", "R1"} {
		if strings.Contains(s, p) {
			t.Errorf("%q is left: %s", p, s)
		}
	}
	if c.Customer.Name != "客户 #3" || c.Amount != 12300 || c.Remedies[0].Amount != 5000 || c.Remedies[0].Recovered != 2000 ||
		c.Satisfaction.Rating != 2 || c.Timeline[3].New != "123.00" || c.Evidence[0].Name != "evidence-1.jpg" || c.Booking.Product != "三亚" {
		t.Errorf("a figure went: %+v", c)
	}
	if AnonymiseCase(&c) || HoldsPersonal(&c) {
		t.Error("anonymising twice changed it again")
	}
}

func TestRetentionKeepsACustomerWithARecentCase(t *testing.T) {
	cut := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	old := cut.AddDate(-1, 0, 0)
	mk := func(n string, cust uint64, st Status, closed time.Time) *Case {
		return &Case{Number: n, CustomerID: cust, Status: st, ClosedAt: closed, Customer: Customer{ID: cust, Name: "某"}}
	}
	got := Retention([]*Case{
		mk("A-1", 1, StatusClosed, old), mk("A-2", 1, StatusClosed, old), // due
		mk("A-3", 2, StatusClosed, old), mk("A-4", 2, StatusInvestigating, time.Time{}), // kept: open
		mk("A-5", 3, StatusClosed, old), mk("A-6", 3, StatusClosed, cut.AddDate(0, 1, 0)), // kept: recent
		mk("A-7", 4, StatusClosed, cut.AddDate(0, 1, 0)), // nothing due
	}, cut)
	if len(got.Due) != 1 || got.Due[0].Customer != 1 || len(got.Due[0].Cases) != 2 {
		t.Errorf("due %+v", got.Due)
	}
	if len(got.Kept) != 2 || got.Kept[0].KeptBy != "A-4" || got.Kept[1].KeptBy != "A-6" {
		t.Errorf("kept %+v", got.Kept)
	}
	anon := mk("A-8", 5, StatusClosed, old)
	AnonymiseCase(anon)
	if r := Retention([]*Case{anon}, cut); len(r.Due) != 0 {
		t.Errorf("an anonymised case is due: %+v", r)
	}
}
