package pdf

import "casebook/data"

// decline writes the notice of non-acceptance (不予受理通知书): what was
// received, why it is not accepted, how to object, where else to turn.
func (l *letter) decline() {
	c := l.c
	l.head(l.t.get("letter.decline.title"), l.number(), l.printed())
	l.text(l.t.fill("decline.intro", "date", l.date(c.ReceivedAt), "subject", c.Subject))
	l.block(
		l.fl("letter.received", l.dateTime(c.ReceivedAt)),
		l.fl("letter.channel", l.t.enum("channel", string(c.Channel))),
		l.fl("letter.subject", c.Subject),
	)
	if reason := c.StatusNote(data.StatusDeclined); reason != "" {
		l.section("decline.h_reason")
		l.text(reason)
	}
	l.text(l.t.fill("decline.objection", "days", itoa(objectionDays), "contact", l.contact()))

	l.closeWith("letter.recourse_heading", l.recourse(), l.t.get("decline.closing"))
}
