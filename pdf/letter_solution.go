package pdf

// solution writes the solution confirmation (处理方案确认书) that the
// customer and the agency sign at the counter: the complaint, the findings,
// the decision and each remedy with its amount.
func (l *letter) solution() {
	c := l.c
	l.head(l.t.get("letter.solution.title"),
		append([]field{l.number(), l.fl("letter.customer", c.Customer.Name)},
			append(l.booking(), l.printed())...)...)
	l.text(l.t.fill("solution.intro", "date", l.date(c.ReceivedAt), "subject", c.Subject))

	l.caseAndFindings(false, "solution.h_complaint", "solution.h_investigation", "solution.h_facts", "solution.h_decision")
	if len(c.Remedies) > 0 {
		rows := make([][]string, 0, len(c.Remedies)+1)
		for _, r := range c.Remedies {
			rows = append(rows, []string{l.t.enum("remedy", r.Kind), l.remedyNote(r), l.money(r.Amount)})
		}
		if total := l.remediesTotal(); total != 0 {
			rows = append(rows, []string{l.t.get("solution.total"), "", l.money(total)})
		}
		cols := []column{
			{head: l.t.get("solution.col_kind"), share: 0.28, align: "L"},
			{head: l.t.get("solution.col_note"), share: 0.47, align: "L"},
			{head: l.t.get("solution.col_amount"), share: 0.25, align: "R"},
		}
		l.keepTable(cols, rows)
		l.section("solution.h_remedies")
		l.table(cols, rows)
		l.gap(2)
	}
	l.block(l.payment()...)

	l.signOff("solution.h_confirm", []string{l.t.get("solution.confirm")},
		signer{party: l.t.get("letter.sign_customer"), name: c.Customer.Name},
		signer{party: l.t.get("letter.sign_agency"), name: l.signatory(), seal: true},
	)
}
