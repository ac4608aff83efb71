package report

import (
	"testing"
	"time"

	"casebook/data"
)

// The fixture: October 2026 in Asia/Shanghai, the default calendar (09:00–
// 18:00, 国庆 1–7 October off, Saturday 10 October worked), normal clocks
// of 9 h / 27 h working time, urgent 1 h / 24 h calendar time. Every answer
// in report_test.go is worked out by hand in the comments there.

var shanghai = func() *time.Location { l, _ := time.LoadLocation("Asia/Shanghai"); return l }()

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

func fixtureSettings() data.Settings {
	st := data.DefaultSettings()
	st.Staff = []data.Staff{{Name: "王", Role: data.RoleStaff}, {Name: "李", Role: data.RoleStaff}, {Name: "张", Role: data.RoleOwner}}
	return st
}

type builder struct {
	t  *testing.T
	st data.Settings
	c  data.Case
}

type spec struct {
	id       uint64
	kind     data.Kind
	sev      data.Severity
	cat      string
	received string
	cust     uint64
	supplier string
	owner    string
}

func build(t *testing.T, st data.Settings, s spec) *builder {
	t.Helper()
	n := data.NewCase{Kind: s.kind, Category: s.cat, Severity: s.sev, Channel: data.ChannelPhone,
		Subject: "x", Currency: "CNY", ReceivedAt: at(s.received), Owner: s.owner, By: s.owner,
		Booking: data.Booking{Supplier: s.supplier, Destination: "三亚", Product: "海南五日游", Guide: "导游甲"}}
	if n.Kind == "" {
		n.Kind = data.KindComplaint
	}
	if n.Severity == "" {
		n.Severity = data.SeverityNormal
	}
	if n.Category == "" {
		n.Category = "accommodation"
	}
	c := data.NewCaseFrom(n, s.id, "A-2026-"+string(rune('0'+s.id/10))+string(rune('0'+s.id%10)), s.cust, st, at(s.received))
	return &builder{t: t, st: st, c: c}
}

func (b *builder) move(to data.Status, when string) *builder {
	b.t.Helper()
	note := ""
	if to == data.StatusDeclined || b.c.Status == data.StatusClosed {
		note = "reason"
	}
	if err := b.c.Move(b.st, to, "王", note, at(when)); err != nil {
		b.t.Fatalf("case %d → %s: %v", b.c.ID, to, err)
	}
	return b
}

func (b *builder) wait(w data.Waiting, when string) *builder {
	b.t.Helper()
	if err := b.c.SetWaiting(b.st, w, "王", "", at(when)); err != nil {
		b.t.Fatal(err)
	}
	return b
}

// resolve walks investigating → proposed → agreed → resolved at when.
func (b *builder) resolve(when string, remedies ...data.Remedy) *builder {
	b.c.Remedies = remedies
	return b.move(data.StatusInvestigating, when).move(data.StatusProposed, when).move(data.StatusAgreed, when).move(data.StatusResolved, when)
}

func (b *builder) remedies(r ...data.Remedy) *builder { b.c.Remedies = r; return b }

func (b *builder) followUp(reached bool, rating int, when string) *builder {
	b.t.Helper()
	v := data.FollowUp{Channel: data.FollowUpPhone, Reached: reached, Rating: rating, At: at(when)}
	if data.RatingNeedsReason(rating) {
		v.Reason = "not happy"
	}
	if err := b.c.RecordFollowUp(b.st, v, "王", at(when)); err != nil {
		b.t.Fatal(err)
	}
	return b
}

// fixtureNow is when the report is made: after October, so nothing in it is undecided.
var fixtureNow = at("2026-11-05 10:00")

// fixture returns the facts of ten cases, nine of them complaints.
func fixture(t *testing.T) ([]Fact, data.Settings) {
	t.Helper()
	st := fixtureSettings()
	rem := func(kind string, amt, rec data.Money) data.Remedy {
		return data.Remedy{Kind: kind, Amount: amt, Recovered: rec}
	}
	cases := []*builder{
		// C1: Fri 9 Oct 17:00; answered Sat 10 Oct 10:00 (a worked Saturday):
		// 1 h + 1 h = 2 h. Resolved Mon 12 Oct 12:00: 1 + 9 + 3 = 13 h (due Tue 13 Oct 17:00).
		build(t, st, spec{id: 1, received: "2026-10-09 17:00", cust: 1, supplier: "Hotel A", owner: "王"}).
			move(data.StatusAcknowledged, "2026-10-10 10:00").
			resolve("2026-10-12 12:00", rem("refund", 50000, 20000)).
			followUp(true, 5, "2026-10-13 10:00").move(data.StatusClosed, "2026-10-13 11:00"),
		// C2: received on a holiday, 2 Oct 10:00: the clocks start Thu 8 Oct 09:00.
		// Answered 12:00: 3 h. Waits on the supplier 14:00 to Fri 9 Oct 15:00 (5 h
		// used, 22 h left: due Tue 13 Oct 10:00), resolved Fri 17:00: 5 + 2 = 7 h.
		build(t, st, spec{id: 2, received: "2026-10-02 10:00", cust: 2, supplier: "Hotel A", owner: "王"}).
			move(data.StatusAcknowledged, "2026-10-08 12:00").move(data.StatusInvestigating, "2026-10-08 13:00").
			wait(data.WaitingSupplier, "2026-10-08 14:00").wait(data.WaitingNone, "2026-10-09 15:00").
			remedies(rem("penalty", 30000, 0), rem("apology", 0, 0)).
			move(data.StatusProposed, "2026-10-09 16:00").move(data.StatusAgreed, "2026-10-09 16:30").
			move(data.StatusResolved, "2026-10-09 17:00").followUp(true, 3, "2026-10-12 10:00"),
		// C3: Mon 12 Oct 09:00, waits on the customer 10:00 to Wed 14 Oct 09:00,
		// answered 13:00: 1 + 4 = 5 h. Still investigating: resolution due Fri
		// 16 Oct 17:00 (26 h left at the pause), overdue now.
		build(t, st, spec{id: 3, received: "2026-10-12 09:00", cust: 100, supplier: "Hotel A", owner: "王"}).
			wait(data.WaitingCustomer, "2026-10-12 10:00").wait(data.WaitingNone, "2026-10-14 09:00").
			move(data.StatusAcknowledged, "2026-10-14 13:00").move(data.StatusInvestigating, "2026-10-14 14:00"),
		// C4: urgent, Tue 13 Oct 20:00, answered 20:30 (0.5 h calendar), resolved
		// Wed 08:00 (12 h calendar, due 20:00). Follow-up tried, not reached.
		build(t, st, spec{id: 4, sev: data.SeverityUrgent, cat: "meals", received: "2026-10-13 20:00", cust: 4, supplier: "Airline B", owner: "李"}).
			move(data.StatusAcknowledged, "2026-10-13 20:30").
			resolve("2026-10-14 08:00", rem("refund", 15000, 0)).
			followUp(false, 0, "2026-10-15 10:00"),
		// C5: Wed 14 Oct 09:00, never answered: first response due 18:00 the same
		// day, resolution Fri 16 Oct 18:00; both overdue now.
		build(t, st, spec{id: 5, received: "2026-10-14 09:00", cust: 5, owner: "李"}),
		// C6: Thu 15 Oct 09:00, answered Fri 16 Oct 12:00: 9 + 3 = 12 h, late
		// (due Thu 18:00). Resolved Mon 19 Oct 15:00, rated 2, closed, reopened
		// Wed 21 Oct 10:00: a fresh resolution clock due Mon 26 Oct 10:00, missed.
		// Its refund is not paid (investigating).
		build(t, st, spec{id: 6, cat: "meals", received: "2026-10-15 09:00", cust: 6, supplier: "Airline B", owner: "李"}).
			move(data.StatusAcknowledged, "2026-10-16 12:00").
			resolve("2026-10-19 15:00", rem("refund", 100000, 0)).
			followUp(true, 2, "2026-10-20 09:00").move(data.StatusClosed, "2026-10-20 10:00").
			move(data.StatusInvestigating, "2026-10-21 10:00"),
		// C7: the customer of C3 complained in August (declined): C3's customer repeats.
		build(t, st, spec{id: 7, received: "2026-08-10 10:00", cust: 100}).move(data.StatusDeclined, "2026-08-10 11:00"),
		// C8: a low suggestion, Tue 20 Oct 10:00, answered 11:00 (1 h), closed at
		// once 11:30 (1.5 h): the one first-contact resolution.
		build(t, st, spec{id: 8, kind: data.KindSuggestion, sev: data.SeverityLow, cat: "guide_conduct", received: "2026-10-20 10:00", cust: 8, owner: "李"}).
			move(data.StatusAcknowledged, "2026-10-20 11:00").move(data.StatusClosed, "2026-10-20 11:30"),
		// C9: Thu 22 Oct 10:00, declined 11:00 (first response 1 h).
		build(t, st, spec{id: 9, received: "2026-10-22 10:00", cust: 9, owner: "李"}).move(data.StatusDeclined, "2026-10-22 11:00"),
		// C10: September, the customer of C2, at Hotel A, declined.
		build(t, st, spec{id: 10, received: "2026-09-15 10:00", cust: 2, supplier: "Hotel A"}).move(data.StatusDeclined, "2026-09-15 11:00"),
	}
	facts := make([]Fact, len(cases))
	for i, b := range cases {
		facts[i] = FactOf(&b.c, st)
	}
	return facts, st
}
