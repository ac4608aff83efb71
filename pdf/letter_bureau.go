package pdf

import (
	"strconv"
	"strings"

	"casebook/data"
)

// bureau writes the written reply (书面答复) to the regulator that referred
// the case — the 12345 hotline or the culture and tourism bureau: their
// referral number, the complaint, how it was investigated, the facts found,
// the responsibility, the solution with each remedy (and the article of the
// compensation standard it follows) and where the customer stands. It is
// always in Simplified Chinese, the regulator's language (see Letter).
func (l *letter) bureau() {
	c := l.c
	r := c.Referral
	source := l.t.enum("referral_source", string(r.Source))
	l.title(l.t.get("letter.bureau.title"))
	l.fields([]field{
		l.fl("bureau.source", source),
		l.fl("bureau.referral_number", r.Number),
		l.fl("bureau.notice", l.day(r.Notice)),
		l.number(),
		l.printed(),
	})
	l.gap(4)
	l.para(l.t.fill("bureau.salutation", "to", source))
	l.gap(1)
	l.text(l.t.fill("bureau.intro", "day", l.day(r.Notice), "number", r.Number,
		"customer", strings.TrimSpace(c.Customer.Name), "subject", c.Subject))

	complaint := append([]field{
		l.fl("letter.customer", c.Customer.Name),
		l.fl("letter.received", l.dateTime(c.ReceivedAt)),
		l.fl("letter.channel", l.t.enum("channel", string(c.Channel))),
	}, l.booking()...)
	complaint = append(complaint, l.fl("letter.subject", c.Subject), l.fl("letter.description", c.Description),
		l.fl("bureau.demand", c.Demand), l.fl("letter.amount", l.money(c.Amount)))
	l.section("bureau.h_complaint")
	l.block(complaint...)
	if days, late := c.LateForRegulator(l.opt.Loc); late {
		l.text(l.t.fill("bureau.late", "days", strconv.Itoa(days)))
	}
	if c.Investigation != "" {
		l.section("bureau.h_investigation")
		l.text(c.Investigation)
	}
	if c.Facts != "" {
		l.section("bureau.h_facts")
		l.text(c.Facts)
	}
	if fs := l.responsibility(); anyValue(fs) {
		l.section("bureau.h_responsibility")
		l.block(fs...)
	}
	if c.Decision != "" || len(c.Remedies) > 0 {
		l.section("bureau.h_solution")
		l.text(c.Decision)
		l.remedyTable()
		l.block(l.payment()...)
	}
	l.section("bureau.h_position")
	l.text(l.position())
	if c.Preventive != "" {
		l.section("bureau.h_preventive")
		l.text(c.Preventive)
	}
	l.closeWith("", l.t.fill("bureau.contact_line", "contact", l.contact()), l.t.get("bureau.closing"))
}

// position is where the customer stands on the solution, read from the
// case's status and its timeline.
func (l *letter) position() string {
	c := l.c
	switch c.Status {
	case data.StatusProposed:
		return l.t.fill("bureau.position.proposed", "date", l.date(c.StatusSince(data.StatusProposed)))
	case data.StatusAgreed, data.StatusResolved, data.StatusClosed:
		if at := c.StatusSince(data.StatusAgreed); !at.IsZero() {
			return l.t.fill("bureau.position.agreed", "date", l.date(at))
		}
		return l.t.get("bureau.position.settled")
	case data.StatusDeclined:
		return l.t.get("bureau.position.declined")
	}
	for i := len(c.Timeline) - 1; i >= 0; i-- {
		if e := c.Timeline[i]; e.Type == data.EventStatus && e.Old == string(data.StatusProposed) && e.New == string(data.StatusInvestigating) {
			return l.t.fill("bureau.position.rejected", "date", l.date(e.At))
		}
	}
	return l.t.get("bureau.position.pending")
}

// remedyTable lists each remedy with its note (and the article of the
// compensation standard it follows) and amount, and the total.
func (l *letter) remedyTable() {
	c := l.c
	if len(c.Remedies) == 0 {
		return
	}
	rows := make([][]string, 0, len(c.Remedies)+1)
	for _, r := range c.Remedies {
		rows = append(rows, []string{l.t.enum("remedy", r.Kind), l.remedyNote(r), l.money(r.Amount)})
	}
	if total := l.remediesTotal(); total != 0 {
		rows = append(rows, []string{l.t.get("solution.total"), "", l.money(total)})
	}
	cols := []column{
		{head: l.t.get("solution.col_kind"), share: 0.22, align: "L"},
		{head: l.t.get("solution.col_note"), share: 0.53, align: "L"},
		{head: l.t.get("solution.col_amount"), share: 0.25, align: "R"},
	}
	l.keepTable(cols, rows)
	l.table(cols, rows)
	l.gap(2)
}

// remedyNote is a remedy's note followed by the article it follows:
// "导游安排两次购物（依据《旅行社服务质量赔偿标准》第十条第（四）项）".
func (l *letter) remedyNote(r data.Remedy) string {
	if strings.TrimSpace(r.Article) == "" {
		return r.Note
	}
	return strings.TrimSpace(r.Note + " " + l.t.fill("letter.remedy_article", "article", l.t.p.Article(r.Article)))
}

// articles lists the articles the remedies follow, once each, for a letter
// that sums remedies by kind (the closure notice).
func (l *letter) articles() field {
	var seen []string
	for _, r := range l.c.Remedies {
		if a := strings.TrimSpace(r.Article); a != "" {
			s := l.t.p.Article(a)
			if !containsString(seen, s) {
				seen = append(seen, s)
			}
		}
	}
	return l.fl("letter.articles", strings.Join(seen, l.t.get("letter.list_sep")))
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
