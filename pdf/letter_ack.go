package pdf

// ack writes the acknowledgement (受理确认函): the case is accepted, this is
// how we understood it, who handles it and when the customer hears from us.
func (l *letter) ack() {
	c := l.c
	l.head(l.t.get("letter.ack.title"), l.number(), l.printed())
	l.text(l.t.fill("ack.intro", "date", l.date(c.ReceivedAt), "number", c.Number))

	receipt := append([]field{
		l.fl("letter.received", l.dateTime(c.ReceivedAt)),
		l.fl("letter.channel", l.t.enum("channel", string(c.Channel))),
	}, l.booking()...)
	if anyValue(receipt) {
		l.section("ack.h_receipt")
		l.block(receipt...)
	}

	if understood := l.complaint(true); anyValue(understood) {
		l.section("ack.h_understood")
		l.block(understood...)
		l.text(l.t.fill("ack.correct", "days", itoa(correctionDays)))
	}

	if contact := []field{
		l.fl("letter.handler", c.Owner),
		l.fl("letter.complaint_phone", l.phone()),
		l.fl("letter.email", l.ag.Email),
	}; anyValue(contact) {
		l.section("ack.h_contact")
		l.block(contact...)
	}

	l.section("ack.h_next")
	next := l.t.get("ack.next_nodue")
	// Promise a date only while the resolution clock runs towards one still ahead.
	if due, ok := c.Resolution.Deadline(); ok && c.Resolution.MetAt.IsZero() && due.After(l.opt.Now) {
		next = l.t.fill("ack.next_due", "date", l.date(due))
	}
	l.text(l.t.fill("ack.next_steps", "then", next))
	l.ackFollowUp() // letter_followup.go

	if c.EvidenceNeeded != "" {
		l.section("ack.h_evidence")
		l.text(c.EvidenceNeeded)
		if l.ag.Email != "" {
			l.text(l.t.fill("ack.evidence_email", "email", l.ag.Email))
		} else {
			l.text(l.t.get("ack.evidence_counter"))
		}
	}

	l.section("ack.h_privacy")
	l.text(l.t.get("ack.privacy"))

	l.closeWith("letter.recourse_heading", l.recourse(), l.t.get("ack.closing"))
}
