package data

import (
	"errors"
	"testing"
	"time"
)

func escalationFixture(staff ...Staff) (Settings, Case, time.Time) {
	st := DefaultSettings()
	st.Staff = staff
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	c := NewCaseFrom(NewCase{Kind: KindComplaint, Severity: SeverityNormal, Channel: ChannelPhone, Category: st.Categories[0].Slug,
		Subject: "s", ReceivedAt: t0, Owner: "小李"}, 1, "A-1", 1, st, t0)
	return st, c, t0
}

var escalationStaff = []Staff{{"王芳", RoleOwner}, {"小李", RoleStaff}, {"陈静", RoleSupervisor}, {"赵敏", RoleSupervisor}, {"孙强", RoleOwner}}

func TestEscalateGivesTheCaseToTheNextLevel(t *testing.T) {
	st, c, t0 := escalationFixture(escalationStaff...)
	// Nobody chosen, no default: the first supervisor on the list.
	if err := c.Escalate(st, EscalationSupervisor, "", "陈静", "客户情绪激动", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if c.Owner != "陈静" || c.Escalation != EscalationSupervisor {
		t.Fatalf("owner %q level %q", c.Owner, c.Escalation)
	}
	n := len(c.Timeline)
	esc, own := c.Timeline[n-2], c.Timeline[n-1]
	if esc.Type != EventEscalation || esc.Arg(ArgOwner) != "陈静" || esc.By != "陈静" || esc.Note != "客户情绪激动" ||
		esc.Old != "staff" || esc.New != "supervisor" {
		t.Errorf("escalation event %+v", esc)
	}
	if own.Type != EventOwner || own.Old != "小李" || own.New != "陈静" {
		t.Errorf("owner event %+v", own)
	}
	// The configured default wins over the list order.
	st.Escalation.Owner = "孙强"
	if err := c.Escalate(st, EscalationOwner, "", "陈静", "", t0.Add(2*time.Hour)); err != nil || c.Owner != "孙强" {
		t.Fatalf("owner default: %v, owner %q", err, c.Owner)
	}
}

func TestEscalateToAChosenPerson(t *testing.T) {
	st, c, t0 := escalationFixture(escalationStaff...)
	st.Escalation.Supervisor = "陈静"
	if err := c.Escalate(st, EscalationSupervisor, "赵敏", "王芳", "", t0); err != nil || c.Owner != "赵敏" {
		t.Fatalf("chosen: %v, owner %q", err, c.Owner)
	}
	// An owner may take a supervisor-level case.
	_, c2, _ := escalationFixture(escalationStaff...)
	if err := c2.Escalate(st, EscalationSupervisor, "王芳", "王芳", "", t0); err != nil || c2.Owner != "王芳" {
		t.Fatalf("owner at supervisor level: %v, owner %q", err, c2.Owner)
	}
}

func TestEscalateRefusesBelowLevelAndStrangers(t *testing.T) {
	st, c, t0 := escalationFixture(escalationStaff...)
	before := len(c.Timeline)
	var ee *EscalationError
	err := c.Escalate(st, EscalationSupervisor, "小李", "陈静", "", t0)
	if !errors.As(err, &ee) || ee.Name != "小李" || ee.Role != RoleStaff || ee.Level != EscalationSupervisor || !errors.Is(err, ErrInvalid) {
		t.Errorf("staff member at supervisor level: %v", err)
	}
	if err := c.Escalate(st, EscalationOwner, "陈静", "陈静", "", t0); !errors.As(err, &ee) || ee.Role != RoleSupervisor {
		t.Errorf("supervisor at owner level: %v", err)
	}
	var us *UnknownStaffError
	if err := c.Escalate(st, EscalationSupervisor, "李四", "陈静", "", t0); !errors.As(err, &us) {
		t.Errorf("stranger: %v", err)
	}
	if len(c.Timeline) != before || c.Escalation != EscalationStaff || c.Owner != "小李" {
		t.Errorf("a refused escalation changed the case: %d events, %q, %q", len(c.Timeline), c.Escalation, c.Owner)
	}
}

func TestEscalateWithNobodyOfTheLevel(t *testing.T) {
	// Only staff: nobody can take a supervisor-level case.
	st, c, t0 := escalationFixture(Staff{"小李", RoleStaff}, Staff{"小王", RoleStaff})
	var ee *EscalationError
	if err := c.Escalate(st, EscalationSupervisor, "", "小李", "", t0); !errors.As(err, &ee) || ee.Name != "" {
		t.Errorf("nobody of the level: %v", err)
	}
	// An owner but no supervisor: the owner takes it.
	st, c, t0 = escalationFixture(Staff{"小李", RoleStaff}, Staff{"王芳", RoleOwner})
	if err := c.Escalate(st, EscalationSupervisor, "", "王芳", "", t0); err != nil || c.Owner != "王芳" {
		t.Errorf("owner standing in: %v, %q", err, c.Owner)
	}
	// A default no longer on the staff list, or demoted, is passed over.
	st, c, t0 = escalationFixture(escalationStaff...)
	st.Escalation.Supervisor = "已离职"
	if err := c.Escalate(st, EscalationSupervisor, "", "王芳", "", t0); err != nil || c.Owner != "陈静" {
		t.Errorf("stale default: %v, %q", err, c.Owner)
	}
	st, c, t0 = escalationFixture(escalationStaff...)
	st.Escalation.Supervisor = "小李"
	if d, _ := st.EscalationDefault(EscalationSupervisor); d != "陈静" {
		t.Errorf("demoted default chosen: %q", d)
	}
}

func TestLoweringEscalationKeepsTheOwner(t *testing.T) {
	st, c, t0 := escalationFixture(escalationStaff...)
	if err := c.Escalate(st, EscalationSupervisor, "", "陈静", "", t0); err != nil {
		t.Fatal(err)
	}
	if err := c.Escalate(st, EscalationStaff, "", "陈静", "已处理", t0); err != nil || c.Owner != "陈静" || c.Escalation != EscalationStaff {
		t.Errorf("lowered: %v, %q %q", err, c.Owner, c.Escalation)
	}
	if e := c.Timeline[len(c.Timeline)-1]; e.Type != EventEscalation || e.Arg(ArgOwner) != "" {
		t.Errorf("lowering event %+v", e)
	}
	// A closed case is not escalated, whoever is named.
	if err := c.Move(st, StatusDeclined, "陈静", "不属于本社", t0); err != nil {
		t.Fatal(err)
	}
	if err := c.Escalate(st, EscalationOwner, "王芳", "陈静", "", t0); !errors.Is(err, ErrTransition) {
		t.Errorf("declined case escalated: %v", err)
	}
}

func TestCaseChangesEscalateToOwnerField(t *testing.T) {
	st, c, t0 := escalationFixture(escalationStaff...)
	to, level := "赵敏", EscalationSupervisor
	if err := (CaseChanges{Owner: &to, Escalation: &level, Note: "n"}).Apply(&c, st, "陈静", t0); err != nil {
		t.Fatal(err)
	}
	owners := 0
	for _, e := range c.Timeline {
		if e.Type == EventOwner {
			owners++
		}
	}
	if c.Owner != "赵敏" || owners != 1 {
		t.Errorf("owner %q, %d owner events", c.Owner, owners)
	}
	// Owner with an escalation to a below-level person is refused as a whole.
	_, c2, _ := escalationFixture(escalationStaff...)
	low := "小李"
	if err := (CaseChanges{Owner: &low, Escalation: &level}).Apply(&c2, st, "陈静", t0); err == nil {
		t.Error("below-level owner accepted with escalation")
	}
}
