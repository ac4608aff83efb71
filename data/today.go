package data

import (
	"cmp"
	"slices"
	"time"
)

// Alerts are the agency's settings for the Today overview, the desktop
// warnings and the tray. The zero value is the default: every warning on,
// waiting counted as too long after DefaultWaitingDays, the window closing
// Casebook. (Off-switches, so databases written before these settings
// existed read as the defaults.)
type Alerts struct {
	WaitingDays     int  `json:"waiting_days,omitzero"` // 0: DefaultWaitingDays
	NoUrgent        bool `json:"no_urgent,omitzero"`    // no warning when an urgent case arrives
	NoDue           bool `json:"no_due,omitzero"`       // no warning when one of my cases becomes due soon or overdue
	NoEscalated     bool `json:"no_escalated,omitzero"` // no warning when a case is escalated to me
	NoBounced       bool `json:"no_bounced,omitzero"`   // no warning when a reply bounced
	TrayKeepRunning bool `json:"tray_keep_running,omitzero"`
}

// DefaultWaitingDays is how many days a case may wait on the customer or a
// supplier before Today lists it as waiting too long.
const DefaultWaitingDays = 3

// MaxWaitingDays bounds the setting (a year).
const MaxWaitingDays = 365

// Waiting is the number of days after which waiting is too long.
func (a Alerts) Waiting() int {
	if a.WaitingDays <= 0 {
		return DefaultWaitingDays
	}
	return min(a.WaitingDays, MaxWaitingDays)
}

// TodayLimit is how many cases a Today section lists (its count counts all).
const TodayLimit = 8

// TodayItem is one case in a Today section.
type TodayItem struct {
	ID       uint64
	Number   string
	Subject  string
	Owner    string
	Severity Severity
	Status   Status
	Due      time.Time // the deadline that put it there; zero when none runs
	Since    time.Time // waiting: since when (zero when not known)
	Total    Money     // awaiting approval: the remedies' total (0 elsewhere)
	Currency string    // of Total
	Rating   int       // unhappy after closing: the customer's rating
}

// TodaySection is a count and the first TodayLimit cases, most pressing first.
type TodaySection struct {
	Count int
	Items []TodayItem
}

// TodayLists are one person's sections. The deadline sections do not
// overlap: a case is overdue, or due today, or due soon (due later than
// today), in that order. Waiting cases have paused clocks and appear only
// under Waiting; Escalated may overlap with the deadline sections.
type TodayLists struct {
	Overdue   TodaySection
	DueToday  TodaySection
	DueSoon   TodaySection
	Waiting   TodaySection // waiting on the customer or a supplier for more than Alerts.Waiting() days
	Escalated TodaySection // open cases the person owns at supervisor or owner level
}

// Empty reports whether no section has a case.
func (l TodayLists) Empty() bool {
	return l.Overdue.Count+l.DueToday.Count+l.DueSoon.Count+l.Waiting.Count+l.Escalated.Count == 0
}

// StaffToday is one staff member's lists in the supervisor's overview.
type StaffToday struct {
	Name    string
	Role    Role // "" when the name is no longer on the staff list
	Removed bool // owns cases but is no longer on the staff list
	TodayLists
}

// Today is the overview of the work of the day for one person.
type Today struct {
	Person     string
	Role       Role
	At         time.Time
	Mine       TodayLists
	Unassigned TodaySection // open cases nobody owns
	// ToApprove are the solutions waiting for approval that the person may
	// approve (their role approves and their limit covers the total).
	ToApprove TodaySection
	NewMail   int // incoming messages on no case: unreadable (parked) or held
	// Everyone is each staff member's lists (and of anyone no longer on the
	// staff list who still owns open cases), for a supervisor or owner; nil
	// for staff.
	Everyone []StaffToday
	Backup   BackupAge // the last good backup, for a supervisor or owner (set by the application layer)
	// BureauReplies are the written replies owed to a regulator that
	// referred a case, earliest due first: the person's own cases and the
	// unassigned ones, every case for a supervisor or owner (referral.go).
	BureauReplies TodaySection

	FollowUps FollowUpToday // return visits due and overdue, replies to confirm, unhappy ratings (today_followup.go)
}

// SeesEveryone reports whether a role's Today shows every staff member's lists.
func SeesEveryone(r Role) bool { return r == RoleSupervisor || r == RoleOwner }

// WaitingSince is when a waiting case began to wait, read from its paused
// clocks; zero when no clock tells (a case without deadlines).
func (r *Row) WaitingSince() time.Time {
	if r.Waiting == WaitingNone {
		return time.Time{}
	}
	for _, c := range []Clock{r.Resolution, r.First} {
		if c.Target > 0 && !c.PausedAt.IsZero() && c.MetAt.IsZero() {
			return c.PausedAt
		}
	}
	return time.Time{}
}

// NextDue is the earliest deadline of the running clocks, and whether one runs.
func (r *Row) NextDue() (time.Time, bool) {
	var due time.Time
	for _, c := range []Clock{r.First, r.Resolution} {
		if c.Running() && (due.IsZero() || c.Due.Before(due)) {
			due = c.Due
		}
	}
	return due, !due.IsZero()
}

// todayCollector gathers one section's cases; sorted and cut at the end.
type todayCollector struct {
	count int
	items []TodayItem
	key   func(TodayItem) time.Time
}

func (c *todayCollector) add(r *Row, due, since time.Time) {
	c.count++
	c.items = append(c.items, TodayItem{ID: r.ID, Number: r.Number, Subject: r.Subject, Owner: r.Owner,
		Severity: r.Severity, Status: r.Status, Due: due, Since: since})
}

func (c *todayCollector) section(limit int) TodaySection {
	slices.SortFunc(c.items, func(a, b TodayItem) int {
		if x := c.key(a).Compare(c.key(b)); x != 0 {
			return x
		}
		if x := cmp.Compare(severityRank[a.Severity], severityRank[b.Severity]); x != 0 {
			return x
		}
		return cmp.Compare(a.Number, b.Number)
	})
	items := c.items
	if len(items) > limit {
		items = items[:limit]
	}
	return TodaySection{Count: c.count, Items: slices.Clip(items)}
}

// never sorts cases without a time after those with one.
var never = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

func byDue(i TodayItem) time.Time {
	if i.Due.IsZero() {
		return never
	}
	return i.Due
}

func bySince(i TodayItem) time.Time {
	if i.Since.IsZero() {
		return never
	}
	return i.Since
}

type listsCollector struct {
	overdue, dueToday, dueSoon, waiting, escalated todayCollector
}

func newListsCollector() *listsCollector {
	due, since := byDue, bySince
	return &listsCollector{
		overdue: todayCollector{key: due}, dueToday: todayCollector{key: due}, dueSoon: todayCollector{key: due},
		waiting: todayCollector{key: since}, escalated: todayCollector{key: due},
	}
}

func (l *listsCollector) lists(limit int) TodayLists {
	return TodayLists{Overdue: l.overdue.section(limit), DueToday: l.dueToday.section(limit),
		DueSoon: l.dueSoon.section(limit), Waiting: l.waiting.section(limit), Escalated: l.escalated.section(limit)}
}

// add puts an open case into the sections it belongs to at now.
func (l *listsCollector) add(r *Row, now, endOfDay, waitedTooLong time.Time) {
	due, running := r.NextDue()
	switch {
	case r.Overdue(now):
		l.overdue.add(r, overdueAt(r, now), time.Time{})
	case running && due.Before(endOfDay):
		l.dueToday.add(r, due, time.Time{})
	case r.DueSoon(now):
		l.dueSoon.add(r, due, time.Time{})
	}
	if r.Waiting != WaitingNone {
		if since := r.WaitingSince(); !since.IsZero() && !since.After(waitedTooLong) {
			l.waiting.add(r, time.Time{}, since)
		}
	}
	if r.Escalation == EscalationSupervisor || r.Escalation == EscalationOwner {
		l.escalated.add(r, due, time.Time{})
	}
}

// overdueAt is the earliest deadline that has passed.
func overdueAt(r *Row, now time.Time) time.Time {
	var at time.Time
	for _, c := range []Clock{r.First, r.Resolution} {
		if c.State(now) == ClockOverdue && (at.IsZero() || c.Due.Before(at)) {
			at = c.Due
		}
	}
	return at
}

// ComputeToday builds the Today overview of person (with role) from the list
// rows at now: their open cases overdue, due today (before midnight in the
// agency's time zone), due soon, waiting too long and escalated to them; the
// open cases nobody owns; and, for a supervisor or owner, the same lists for
// every staff member. newMail is the number of messages on no case (the
// store counts them). It reads rows only, so it is fast enough for every
// minute at 100,000 cases.
func ComputeToday(rows []*Row, st Settings, person string, role Role, newMail int, now time.Time) Today {
	loc := st.Calendar.Zone()
	local := now.In(loc)
	endOfDay := time.Date(local.Year(), local.Month(), local.Day()+1, 0, 0, 0, 0, loc)
	waitedTooLong := now.Add(-time.Duration(st.Alerts.Waiting()) * 24 * time.Hour)

	t := Today{Person: person, Role: role, At: now, NewMail: newMail}
	mine := newListsCollector()
	unassigned := todayCollector{key: byDue}
	everyone := SeesEveryone(role)
	per := map[string]*listsCollector{}
	approver := Actor{Role: role}.Can(ActionApprove)
	toApprove := todayCollector{key: byDue}
	bureau := todayCollector{key: byDue}
	for _, r := range rows {
		if everyone || r.Owner == "" || (person != "" && r.Owner == person) {
			bureau.addReferral(r)
		}
		if !r.Status.Open() {
			continue
		}
		if approver && r.Awaiting > 0 && st.Approval.Covers(role, r.Awaiting) {
			due, _ := r.NextDue()
			toApprove.add(r, due, time.Time{})
			it := &toApprove.items[len(toApprove.items)-1]
			it.Total, it.Currency = r.Awaiting, r.Currency
		}
		if r.Owner == "" {
			due, _ := r.NextDue()
			if r.Overdue(now) {
				due = overdueAt(r, now)
			}
			unassigned.add(r, due, time.Time{})
			continue
		}
		if person != "" && r.Owner == person {
			mine.add(r, now, endOfDay, waitedTooLong)
		}
		if everyone {
			l := per[r.Owner]
			if l == nil {
				l = newListsCollector()
				per[r.Owner] = l
			}
			l.add(r, now, endOfDay, waitedTooLong)
		}
	}
	t.Mine = mine.lists(TodayLimit)
	t.Unassigned = unassigned.section(TodayLimit)
	t.ToApprove = toApprove.section(TodayLimit)
	t.BureauReplies = bureau.section(TodayLimit)
	if everyone {
		t.Everyone = []StaffToday{}
		for _, s := range st.Staff {
			l := per[s.Name]
			if l == nil {
				l = newListsCollector()
			}
			delete(per, s.Name)
			t.Everyone = append(t.Everyone, StaffToday{Name: s.Name, Role: s.Role, TodayLists: l.lists(TodayLimit)})
		}
		// Owners no longer on the staff list still have cases someone must take.
		gone := make([]string, 0, len(per))
		for name := range per {
			gone = append(gone, name)
		}
		slices.Sort(gone)
		for _, name := range gone {
			t.Everyone = append(t.Everyone, StaffToday{Name: name, Removed: true, TodayLists: per[name].lists(TodayLimit)})
		}
	}
	return t
}
