package data

import (
	"fmt"
	"testing"
	"time"
)

var todayLoc = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return l
}()

// todayNow is a Monday, 10:00 in Shanghai.
var todayNow = time.Date(2026, 11, 23, 10, 0, 0, 0, todayLoc)

func running(due time.Time, target time.Duration) Clock {
	return Clock{Target: target, CalendarTime: true, Started: due.Add(-target), Due: due, SoonAt: due.Add(-target / 5)}
}

func todayRow(id uint64, owner string, st Status, first, res Clock) *Row {
	return &Row{ID: id, Number: fmt.Sprintf("A-2026-%04d", id), Subject: fmt.Sprintf("case %d", id), Status: st,
		Severity: SeverityNormal, Owner: owner, Escalation: EscalationStaff, First: first, Resolution: res}
}

func todaySettings() Settings {
	st := DefaultSettings()
	st.Staff = []Staff{{Name: "王芳", Role: RoleStaff}, {Name: "陈静", Role: RoleSupervisor}, {Name: "李总", Role: RoleOwner}}
	return st
}

func numbers(s TodaySection) []string {
	var out []string
	for _, i := range s.Items {
		out = append(out, i.Number)
	}
	return out
}

func TestTodayCountsMyCases(t *testing.T) {
	now := todayNow
	h := time.Hour
	met := running(now.Add(-h), 10*h)
	met.MetAt = now.Add(-2 * h)
	waitingLong := running(now.Add(48*h), 72*h)
	waitingLong.Pause(now.Add(-4*24*h), Calendar{})
	waitingShort := running(now.Add(48*h), 72*h)
	waitingShort.Pause(now.Add(-2*24*h), Calendar{})
	rows := []*Row{
		todayRow(1, "王芳", StatusAcknowledged, met, running(now.Add(-time.Minute), 72*h)),         // overdue (resolution)
		todayRow(2, "王芳", StatusNew, running(now.Add(-3*h), 24*h), running(now.Add(40*h), 72*h)), // overdue (first), earlier
		todayRow(3, "王芳", StatusInvestigating, met, running(now.Add(5*h), 72*h)),                 // due today at 15:00, not yet due soon
		todayRow(4, "王芳", StatusInvestigating, met, running(now.Add(20*h), 100*h)),               // due tomorrow, past 80 %: due soon
		todayRow(5, "王芳", StatusInvestigating, met, running(now.Add(60*h), 72*h)),                // on track: nowhere
		todayRow(6, "王芳", StatusInvestigating, met, waitingLong),                                 // waiting 4 days
		todayRow(7, "王芳", StatusInvestigating, met, waitingShort),                                // waiting 2 days: not yet
		todayRow(8, "王芳", StatusClosed, met, running(now.Add(-h), 72*h)),                         // closed: nowhere
		todayRow(9, "陈静", StatusNew, running(now.Add(-h), 24*h), Clock{}),                        // someone else's
		todayRow(10, "", StatusNew, running(now.Add(2*h), 24*h), Clock{}),                        // unassigned
		todayRow(11, "", StatusResolved, met, met),                                               // unassigned but done
	}
	rows[5].Waiting, rows[6].Waiting = WaitingCustomer, WaitingSupplier
	rows[4].Escalation = EscalationSupervisor
	got := ComputeToday(rows, todaySettings(), "王芳", RoleStaff, 2, now)
	check := func(name string, s TodaySection, want ...string) {
		t.Helper()
		if s.Count != len(want) || fmt.Sprint(numbers(s)) != fmt.Sprint(want) {
			t.Errorf("%s: count %d %v, want %v", name, s.Count, numbers(s), want)
		}
	}
	check("overdue", got.Mine.Overdue, "A-2026-0002", "A-2026-0001")
	check("due today", got.Mine.DueToday, "A-2026-0003")
	check("due soon", got.Mine.DueSoon, "A-2026-0004")
	check("waiting", got.Mine.Waiting, "A-2026-0006")
	check("escalated", got.Mine.Escalated, "A-2026-0005")
	check("unassigned", got.Unassigned, "A-2026-0010")
	if got.NewMail != 2 || got.Everyone != nil {
		t.Errorf("new mail %d, everyone %v for staff", got.NewMail, got.Everyone)
	}
	if d := got.Mine.Overdue.Items[0].Due; !d.Equal(now.Add(-3 * time.Hour)) {
		t.Errorf("overdue since %v", d)
	}
	if s := got.Mine.Waiting.Items[0].Since; !s.Equal(now.Add(-4 * 24 * time.Hour)) {
		t.Errorf("waiting since %v", s)
	}
	// Waiting more days allowed: case 6 is no longer too long.
	st := todaySettings()
	st.Alerts.WaitingDays = 5
	if got := ComputeToday(rows, st, "王芳", RoleStaff, 0, now); got.Mine.Waiting.Count != 0 {
		t.Errorf("waiting with 5 days: %v", numbers(got.Mine.Waiting))
	}
}

func TestTodaySupervisorSeesEveryone(t *testing.T) {
	now := todayNow
	h := time.Hour
	rows := []*Row{
		todayRow(1, "王芳", StatusNew, running(now.Add(-h), 24*h), Clock{}),
		todayRow(2, "王芳", StatusNew, running(now.Add(-2*h), 24*h), Clock{}),
		todayRow(3, "陈静", StatusNew, running(now.Add(3*h), 24*h), Clock{}),
		todayRow(4, "张伟", StatusNew, running(now.Add(-h), 24*h), Clock{}), // removed from the staff list
		todayRow(5, "", StatusNew, Clock{}, Clock{}),                      // no owner, no clock
	}
	got := ComputeToday(rows, todaySettings(), "陈静", RoleSupervisor, 0, now)
	if got.Mine.DueToday.Count != 1 || got.Mine.Overdue.Count != 0 {
		t.Errorf("陈静's own: %+v", got.Mine)
	}
	var names []string
	for _, s := range got.Everyone {
		names = append(names, fmt.Sprintf("%s:%d/%d/%v", s.Name, s.Overdue.Count, s.DueToday.Count, s.Removed))
	}
	want := "[王芳:2/0/false 陈静:0/1/false 李总:0/0/false 张伟:1/0/true]"
	if fmt.Sprint(names) != want {
		t.Errorf("everyone %v, want %s", names, want)
	}
	if got.Unassigned.Count != 1 || !got.Unassigned.Items[0].Due.IsZero() {
		t.Errorf("unassigned %+v", got.Unassigned)
	}
	// The owner sees the same; staff do not.
	if o := ComputeToday(rows, todaySettings(), "李总", RoleOwner, 0, now); len(o.Everyone) != 4 {
		t.Errorf("owner sees %d people", len(o.Everyone))
	}
}

func TestTodayHostile(t *testing.T) {
	now := todayNow
	h := time.Hour
	// No cases, no staff, no person.
	empty := ComputeToday(nil, DefaultSettings(), "", RoleStaff, 0, now)
	if !empty.Mine.Empty() || empty.Unassigned.Count != 0 {
		t.Errorf("empty: %+v", empty)
	}
	if e := ComputeToday(nil, DefaultSettings(), "x", RoleOwner, 0, now); len(e.Everyone) != 0 || e.Everyone == nil {
		t.Errorf("owner of an empty agency: %#v", e.Everyone)
	}
	// Exactly at the boundaries: due at now is overdue; 80 % at now is due soon;
	// due at midnight is tomorrow's.
	midnight := time.Date(2026, 11, 24, 0, 0, 0, 0, todayLoc)
	justBefore := midnight.Add(-time.Nanosecond)
	soonNow := Clock{Target: 100 * h, CalendarTime: true, Due: now.Add(20 * h), SoonAt: now}
	rows := []*Row{
		todayRow(1, "王芳", StatusNew, running(now, 24*h), Clock{}),
		todayRow(2, "王芳", StatusNew, Clock{Target: 100 * h, CalendarTime: true, Due: midnight, SoonAt: midnight.Add(-h)}, Clock{}),
		todayRow(3, "王芳", StatusNew, running(justBefore, 100*h), Clock{}),
		todayRow(4, "王芳", StatusNew, soonNow, Clock{}),
	}
	got := ComputeToday(rows, todaySettings(), "王芳", RoleStaff, 0, now)
	if fmt.Sprint(numbers(got.Mine.Overdue), numbers(got.Mine.DueToday), numbers(got.Mine.DueSoon)) !=
		"[A-2026-0001] [A-2026-0003] [A-2026-0004]" {
		t.Errorf("boundaries: overdue %v, today %v, soon %v", numbers(got.Mine.Overdue), numbers(got.Mine.DueToday), numbers(got.Mine.DueSoon))
	}
	// Waiting exactly the allowed days counts; a waiting case without clocks does not.
	w := running(now.Add(h), 72*h)
	w.Pause(now.Add(-3*24*h), Calendar{})
	exact := todayRow(5, "王芳", StatusInvestigating, Clock{}, w)
	noClock := todayRow(6, "王芳", StatusInvestigating, Clock{}, Clock{})
	exact.Waiting, noClock.Waiting = WaitingCustomer, WaitingCustomer
	got = ComputeToday([]*Row{exact, noClock}, todaySettings(), "王芳", RoleStaff, 0, now)
	if got.Mine.Waiting.Count != 1 || got.Mine.Waiting.Items[0].ID != 5 {
		t.Errorf("waiting at the boundary: %+v", got.Mine.Waiting)
	}
	// A long list is counted whole and listed short.
	var many []*Row
	for i := range 30 {
		many = append(many, todayRow(uint64(100+i), "王芳", StatusNew, running(now.Add(-time.Duration(i+1)*time.Minute), 24*h), Clock{}))
	}
	got = ComputeToday(many, todaySettings(), "王芳", RoleStaff, 0, now)
	if got.Mine.Overdue.Count != 30 || len(got.Mine.Overdue.Items) != TodayLimit || got.Mine.Overdue.Items[0].Number != "A-2026-0129" {
		t.Errorf("long list: %d, %d items, first %s", got.Mine.Overdue.Count, len(got.Mine.Overdue.Items), got.Mine.Overdue.Items[0].Number)
	}
}

func TestAlertsWaitingDays(t *testing.T) {
	for in, want := range map[int]int{0: 3, -2: 3, 1: 1, 7: 7, 10000: MaxWaitingDays} {
		if got := (Alerts{WaitingDays: in}).Waiting(); got != want {
			t.Errorf("%d days: %d, want %d", in, got, want)
		}
	}
}
