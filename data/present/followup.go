package present

import (
	"strconv"

	"casebook/data"
)

// FollowUpChannel names how the customer was contacted at follow-up.
func (p *P) FollowUpChannel(c data.FollowUpChannel) string {
	return p.enum("followup_channel", string(c))
}

// Rating writes a rating as "4/5 满意"; 0 is the dash.
func (p *P) Rating(r int) string {
	if r < 1 || r > 5 {
		return p.None()
	}
	return p.T("rating.value", "rating", r, "word", p.T("rating."+strconv.Itoa(r)))
}

// followUpEvent renders the follow-up events.
func (p *P) followUpEvent(e data.Event) string {
	a := e.Args
	switch e.Type {
	case data.EventFollowUp:
		ch := p.FollowUpChannel(data.FollowUpChannel(a[data.ArgChannel]))
		if a[data.ArgReached] != "true" {
			return p.T("event.followup_unreached", "channel", ch)
		}
		s := p.T("event.followup", "channel", ch)
		if r, err := strconv.Atoi(a[data.ArgRating]); err == nil {
			s = p.T("event.followup_rated", "channel", ch, "rating", p.Rating(r))
		}
		if a[data.ArgMessage] != "" {
			s += p.T("clause.sep") + p.T("event.followup_by_reply")
		}
		if a[data.ArgAccepts] == "yes" {
			s += p.T("clause.sep") + p.T("event.followup_accepts")
		}
		return s
	case data.EventFollowUpUnreachable:
		return p.T("event.followup_unreachable", "count", a[data.ArgCount])
	case data.EventFollowUpWaived:
		return p.T("event.followup_waived")
	case data.EventRatingCheck:
		if r, err := strconv.Atoi(a[data.ArgRating]); err == nil {
			return p.T("event.rating_check_guess", "rating", p.Rating(r))
		}
		return p.T("event.rating_check")
	case data.EventRatingDismissed:
		return p.T("event.rating_dismissed")
	case data.EventUnhappySeen:
		return p.T("event.unhappy_seen")
	}
	return string(e.Type)
}

// FollowUpError says why a follow-up step was refused.
func (p *P) FollowUpError(e *data.FollowUpError) string {
	switch e.Code {
	case data.FollowUpTooFew:
		return p.T("error.followup.too_few", "number", e.Number, "attempts", e.Attempts, "needed", e.Needed)
	case data.FollowUpBadRating:
		return p.T("error.followup.bad_rating")
	}
	return p.T("error.followup."+string(e.Code), "number", e.Number)
}
