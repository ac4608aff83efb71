package pdf

import (
	"slices"

	"casebook/data"
)

// closure writes the closure notice (结案通知书): the case's dates, the
// complaint, the investigation and its findings, the decision, the
// compensation paid, what changed, and what to do if the customer disagrees.
func (l *letter) closure() {
	c := l.c
	l.head(l.t.get("letter.closure.title"),
		l.number(),
		l.fl("letter.received", l.date(c.ReceivedAt)),
		l.fl("closure.acknowledged", l.date(c.StatusSince(data.StatusAcknowledged))),
		l.fl("closure.closed", l.date(c.ClosedAt)),
		l.printed(),
	)
	l.text(l.t.fill("closure.intro", "date", l.date(c.ReceivedAt), "subject", c.Subject))

	l.caseAndFindings(true, "closure.h_complaint", "closure.h_investigation", "closure.h_findings", "closure.h_decision")
	if rows := l.compensation(); len(rows) > 0 {
		cols := []column{
			{head: l.t.get("solution.col_kind"), share: 0.6, align: "L"},
			{head: l.t.get("solution.col_amount"), share: 0.4, align: "R"},
		}
		l.keepTable(cols, rows)
		l.section("closure.h_compensation")
		l.table(cols, rows)
		l.gap(2)
		l.block(append([]field{l.articles()}, l.payment()...)...)
	}
	if c.Preventive != "" {
		l.section("closure.h_preventive")
		l.text(c.Preventive)
	}

	thanks := l.t.fill("closure.thanks", "days", l.followUpDays())
	if l.closureFollowUp() { // letter_followup.go
		thanks = l.t.get("closure.thanks_after")
	}

	l.section("closure.h_disagree")
	l.text(l.t.fill("closure.disagree", "days", itoa(objectionDays), "contact", l.contact()))
	l.closeWith("", l.recourse(), thanks, l.t.get("closure.closing"))
}

// compensation breaks the remedies' amounts down into refund, penalty and
// goodwill (goodwill payments and vouchers together), then any other paid
// remedy by its kind, and the total; nil when nothing is paid.
func (l *letter) compensation() [][]string {
	group := func(kind string) string {
		if kind == data.RemedyVoucher {
			return data.RemedyGoodwill
		}
		return kind
	}
	sums := map[string]data.Money{}
	order := []string{data.RemedyRefund, data.RemedyPenalty, data.RemedyGoodwill}
	for _, r := range l.c.Remedies {
		if r.Amount == 0 {
			continue
		}
		g := group(r.Kind)
		if !slices.Contains(order, g) {
			order = append(order, g)
		}
		sums[g] += r.Amount
	}
	if len(sums) == 0 {
		return nil
	}
	rows := make([][]string, 0, len(sums)+1)
	for _, g := range order {
		if sums[g] == 0 {
			continue
		}
		label := l.t.enum("remedy", g)
		if g == data.RemedyGoodwill {
			label = l.t.get("closure.goodwill")
		}
		rows = append(rows, []string{label, l.money(sums[g])})
	}
	return append(rows, []string{l.t.get("solution.total"), l.money(l.remediesTotal())})
}
