package data

import "time"

// FollowUpToday is the follow-up part of Today: the person's resolved cases
// whose follow-up is overdue or due (for a supervisor or owner, everyone's),
// the replies that may hold a rating, and for a supervisor or owner the
// cases a customer rated 2 or below that nobody has looked at yet.
type FollowUpToday struct {
	Overdue      TodaySection // Due: when it was due
	Due          TodaySection // Due: when it is due
	RatingChecks TodaySection
	Unhappy      TodaySection // supervisor and owner only
}

// Empty reports whether no section has a case.
func (f FollowUpToday) Empty() bool {
	return f.Overdue.Count+f.Due.Count+f.RatingChecks.Count+f.Unhappy.Count == 0
}

// ComputeFollowUpToday builds the follow-up sections from the list rows of
// resolved and closed cases (others are skipped) at now.
func ComputeFollowUpToday(rows []*Row, st Settings, person string, role Role, now time.Time) FollowUpToday {
	everyone := SeesEveryone(role)
	overdue, due := todayCollector{key: byDue}, todayCollector{key: byDue}
	checks, unhappy := todayCollector{key: byDue}, todayCollector{key: byDue}
	for _, r := range rows {
		if r.Status != StatusResolved && r.Status != StatusClosed {
			continue
		}
		mine := everyone || person != "" && r.Owner == person
		if !r.FollowUpFrom.IsZero() && r.Status == StatusResolved && (mine || r.Owner == "") {
			at := FollowUpDue(st.Calendar, r.FollowUpFrom, st.FollowUps.Days())
			if now.After(at) {
				overdue.add(r, at, time.Time{})
			} else {
				due.add(r, at, time.Time{})
			}
		}
		if r.RatingChecks > 0 && (mine || r.Owner == "") {
			checks.add(r, time.Time{}, time.Time{})
		}
		if r.Unhappy && everyone {
			unhappy.add(r, time.Time{}, time.Time{})
			unhappy.items[len(unhappy.items)-1].Rating = r.Rating
		}
	}
	return FollowUpToday{Overdue: overdue.section(TodayLimit), Due: due.section(TodayLimit),
		RatingChecks: checks.section(TodayLimit), Unhappy: unhappy.section(TodayLimit)}
}
