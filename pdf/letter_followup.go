package pdf

import (
	"strconv"

	"casebook/data"
)

// The follow-up (回访) in the letters: the acknowledgement says it will
// come and how to rate by reply; the closure notice reports it when it has
// taken place, and promises it only when it has not.

// lastReached is the current round's latest visit that reached the customer.
func lastReached(c *data.Case) (data.FollowUp, bool) {
	cur := c.FollowUp.Current()
	for i := len(cur) - 1; i >= 0; i-- {
		if cur[i].Reached {
			return cur[i], true
		}
	}
	return data.FollowUp{}, false
}

// followUpDays is the agency's follow-up period in working days (Settings).
func (l *letter) followUpDays() string { return itoa(l.opt.Settings.FollowUps.Days()) }

// ackFollowUp is the acknowledgement's promise of a follow-up, with the
// rating scale a reply may use when the agency has a mailbox.
func (l *letter) ackFollowUp() {
	l.text(l.t.fill("ack.followup", "days", l.followUpDays()))
	if l.ag.Email != "" {
		l.text(l.t.get("ack.followup_reply"))
	}
}

// closureFollowUp writes the closure notice's follow-up section when the
// follow-up has taken place (or was closed as unreachable), and reports
// whether it did: the thanks then promise no follow-up still to come.
func (l *letter) closureFollowUp() bool {
	c := l.c
	v, reached := lastReached(c)
	switch {
	case reached:
		l.section("closure.h_followup")
		rating := l.t.p.Rating(v.Rating)
		if v.Rating == 0 {
			rating = l.t.get("closure.followup_no_rating")
		}
		l.text(l.t.fill("closure.followup_done", "date", l.date(v.At), "channel", l.t.p.FollowUpChannel(v.Channel), "rating", rating))
		if v.Remarks != "" {
			l.text(l.t.fill("closure.followup_remarks", "remarks", v.Remarks))
		}
		return true
	case c.FollowUp.Unreachable:
		l.section("closure.h_followup")
		l.text(l.t.fill("closure.followup_unreachable", "n", strconv.Itoa(len(c.FollowUp.Current()))))
		return true
	}
	return c.FollowUp.Waived
}
