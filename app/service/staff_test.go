package service

import (
	"context"
	"errors"
	"slices"
	"testing"

	"casebook/data"
)

// Removing someone who owns unfinished cases is refused until the caller
// says who takes them over; then the removal and each case's owner event
// happen together. Closed and declined cases keep the name.
func TestRemoveStaffWithOpenCases(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	boss := data.Actor{Name: "老板", Role: data.RoleOwner}
	if err := svc.Settings.AddStaff(ctx, boss, "李强", data.RoleStaff); err != nil {
		t.Fatal(err)
	}
	mine := func() data.Case { return ownedCase(t, svc, wang) }
	open1, open2, resolved, closed := mine(), mine(), mine(), mine()
	for _, to := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed, data.StatusAgreed, data.StatusResolved} {
		for _, c := range []data.Case{resolved, closed} {
			if _, err := svc.Cases.Move(ctx, wang, c.Number, to, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	followedUp(t, svc, closed.Number)
	if _, err := svc.Cases.Move(ctx, boss, closed.Number, data.StatusClosed, ""); err != nil {
		t.Fatal(err)
	}
	want := []string{open1.Number, open2.Number, resolved.Number}
	if got := svc.Settings.OpenCasesOf("王芳"); !slices.Equal(got, want) {
		t.Fatalf("OpenCasesOf = %v, want %v", got, want)
	}

	// Undecided: refused, nothing changed.
	err := svc.Settings.RemoveStaff(ctx, boss, "王芳", nil)
	var oc *data.OwnsCasesError
	if !errors.As(err, &oc) || !slices.Equal(oc.Cases, want) {
		t.Fatalf("undecided: %v", err)
	}
	if _, ok := svc.Settings.Get().StaffRole("王芳"); !ok {
		t.Fatal("removed although refused")
	}
	// Not the staff's to decide; not to the person leaving; not to a stranger.
	to := "陈静"
	if err := svc.Settings.RemoveStaff(ctx, data.Actor{Name: "陈静", Role: data.RoleSupervisor}, "王芳", &to); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("a supervisor removing staff: %v", err)
	}
	self, stranger := "王芳", "路人甲"
	for _, who := range []*string{&self, &stranger} {
		if err := svc.Settings.RemoveStaff(ctx, boss, "王芳", who); err == nil {
			t.Errorf("taken over by %s", *who)
		}
		if _, ok := svc.Settings.Get().StaffRole("王芳"); !ok {
			t.Fatalf("removed although taking over by %s failed", *who)
		}
		if c, _ := svc.Cases.Get(ctx, open1.Number); c.Owner != "王芳" {
			t.Fatalf("case changed although the removal failed: %q", c.Owner)
		}
	}

	// Decided: 陈静 takes over; one owner event each, by the owner.
	if err := svc.Settings.RemoveStaff(ctx, boss, "王芳", &to); err != nil {
		t.Fatal(err)
	}
	if _, ok := svc.Settings.Get().StaffRole("王芳"); ok {
		t.Error("still on the staff list")
	}
	for _, n := range want {
		c, _ := svc.Cases.Get(ctx, n)
		last := c.Timeline[len(c.Timeline)-1]
		if c.Owner != "陈静" || last.Type != data.EventOwner || last.Old != "王芳" || last.New != "陈静" || last.By != "老板" {
			t.Errorf("%s: owner %q, last event %+v", n, c.Owner, last)
		}
	}
	if c, _ := svc.Cases.Get(ctx, closed.Number); c.Owner != "王芳" {
		t.Errorf("the closed case's owner became %q", c.Owner)
	}
	if rows := svc.Cases.List(data.Filter{Owner: "陈静"}, data.Sort{Key: data.SortNumber}, svc.core.store.Now()); len(rows) != 3 {
		t.Errorf("the list shows %d cases of 陈静", len(rows))
	}

	// Leaving them unassigned.
	c := ownedCase(t, svc, data.Actor{Name: "李强", Role: data.RoleStaff})
	none := ""
	if err := svc.Settings.RemoveStaff(ctx, boss, "李强", &none); err != nil {
		t.Fatal(err)
	}
	if got, _ := svc.Cases.Get(ctx, c.Number); got.Owner != "" || got.Timeline[len(got.Timeline)-1].Type != data.EventOwner {
		t.Errorf("unassigned: owner %q", got.Owner)
	}
	// Nobody to decide about: removed at once.
	if err := svc.Settings.AddStaff(ctx, boss, "赵六", data.RoleStaff); err != nil {
		t.Fatal(err)
	}
	if err := svc.Settings.RemoveStaff(ctx, boss, "赵六", nil); err != nil {
		t.Errorf("removing someone without cases: %v", err)
	}
	if got := (data.Settings{Staff: []data.Staff{{Name: "甲", Role: data.RoleOwner}, {Name: "乙", Role: data.RoleSupervisor}}}).DefaultTakeOver("丙"); got != "乙" {
		t.Errorf("DefaultTakeOver = %q, want the supervisor", got)
	}
	if got := (data.Settings{Staff: []data.Staff{{Name: "甲", Role: data.RoleOwner}, {Name: "乙", Role: data.RoleSupervisor}}}).DefaultTakeOver("乙"); got != "甲" {
		t.Errorf("DefaultTakeOver of the supervisor = %q, want the owner", got)
	}
}

// ownedCase records a case a takes on themselves.
func ownedCase(t *testing.T, svc *Service, a data.Actor) data.Case {
	t.Helper()
	c, err := svc.Cases.Create(context.Background(), a, data.NewCase{Kind: data.KindComplaint, Category: "luggage",
		Severity: data.SeverityNormal, Channel: data.ChannelPhone, Subject: "行李丢失", Owner: a.Name,
		Customer: data.Customer{Name: "赵敏", Phone: "13600000000"}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Owner != a.Name {
		t.Fatalf("owner %q", c.Owner)
	}
	return c
}
