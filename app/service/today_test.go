package service

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"casebook/data"
)

func TestTodayFromTheListRows(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	chen := data.Actor{Name: "陈静", Role: data.RoleSupervisor}
	empty, err := svc.Cases.Today(ctx, wang, *now)
	if err != nil || !empty.Mine.Empty() || empty.Unassigned.Count != 0 || empty.NewMail != 0 {
		t.Fatalf("no cases: %+v %v", empty, err)
	}
	mine := newTestCase(t, svc, wang)
	me := "王芳"
	if _, err := svc.Cases.Change(ctx, wang, mine.Number, data.CaseChanges{Owner: &me}); err != nil {
		t.Fatal(err)
	}
	unowned := newTestCase(t, svc, wang)
	*now = now.Add(30 * time.Hour) // the normal first response (24 business hours) has run out
	got, err := svc.Cases.Today(ctx, wang, *now)
	if err != nil {
		t.Fatal(err)
	}
	if got.Mine.Overdue.Count != 1 || got.Mine.Overdue.Items[0].Number != mine.Number || got.Everyone != nil {
		t.Errorf("王芳's today: %+v", got)
	}
	if got.Unassigned.Count != 1 || got.Unassigned.Items[0].Number != unowned.Number {
		t.Errorf("unassigned: %+v", got.Unassigned)
	}
	// The supervisor sees her case under her name, and nothing of her own.
	sup := svc.Cases.TodayRows(chen, *now, 3)
	if !sup.Mine.Empty() || sup.NewMail != 3 || len(sup.Everyone) != 3 {
		t.Fatalf("supervisor's today: %+v", sup)
	}
	for _, s := range sup.Everyone {
		if want := map[bool]int{true: 1, false: 0}[s.Name == "王芳"]; s.Overdue.Count != want {
			t.Errorf("%s: %d overdue", s.Name, s.Overdue.Count)
		}
	}
}

// BenchmarkToday100k is Today of a supervisor (every staff member's lists)
// over 100,000 demo cases: the target is ≤ 200 ms. The database is built
// first (tens of seconds): go test ./app/service -run - -bench Today100k
func BenchmarkToday100k(b *testing.B) {
	svc := benchService(b)
	chen := data.Actor{Name: "陈静", Role: data.RoleSupervisor}
	now := benchNow.Add(24 * time.Hour)
	var n int
	for b.Loop() {
		t, err := svc.Cases.Today(context.Background(), chen, now)
		if err != nil {
			b.Fatal(err)
		}
		n = t.Unassigned.Count + len(t.Everyone)
	}
	_ = n
}

var benchNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

const benchCases = 100_000

// benchService builds the 100,000 cases in b's temporary directory and
// opens them as the GUI does (the list loaded at open).
func benchService(b *testing.B) *Service {
	path := filepath.Join(b.TempDir(), "bench.db")
	svc, err := Open(context.Background(), path, Options{Now: func() time.Time { return benchNow }, Passwords: fakePasswords{}})
	if err != nil {
		b.Fatal(err)
	}
	owner := data.Actor{Name: "张伟", Role: data.RoleOwner}
	if _, _, err := svc.Settings.ActorOrFirstOwner(context.Background(), owner.Name); err != nil {
		b.Fatal(err)
	}
	if err := svc.LoadDemo(context.Background(), owner, benchCases, 1, nil); err != nil {
		b.Fatal(err)
	}
	svc.Close()
	svc, err = Open(context.Background(), path, Options{Index: true, Passwords: fakePasswords{}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { svc.Close() })
	if svc.Cases.Count() < benchCases {
		b.Fatalf("%d cases", svc.Cases.Count())
	}
	b.ResetTimer()
	return svc
}

func TestAlertSettingsByKey(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	values := func() map[string]string {
		m := map[string]string{}
		for _, kv := range svc.Settings.Values() {
			m[kv[0]] = kv[1]
		}
		return m
	}
	v := values()
	if v["today.waiting_days"] != "3" || v["warn.urgent"] != "on" || v["warn.due"] != "on" || v["warn.escalated"] != "on" ||
		v["warn.bounced"] != "on" || v["tray.keep_running"] != "off" {
		t.Errorf("defaults: %v", v)
	}
	for key, value := range map[string]string{"today.waiting_days": "5", "warn.urgent": "off", "warn.due": "OFF",
		"warn.escalated": "no", "warn.bounced": "false", "tray.keep_running": "on"} {
		if _, err := svc.Settings.Set(ctx, boss, key, value); err != nil {
			t.Fatalf("%s=%s: %v", key, value, err)
		}
	}
	a := svc.Settings.Get().Alerts
	if a != (data.Alerts{WaitingDays: 5, NoUrgent: true, NoDue: true, NoEscalated: true, NoBounced: true, TrayKeepRunning: true}) {
		t.Errorf("alerts: %+v", a)
	}
	if _, err := svc.Settings.Set(ctx, boss, "warn.urgent", "on"); err != nil || svc.Settings.Get().Alerts.NoUrgent {
		t.Errorf("warn.urgent on: %v", err)
	}
	for key, value := range map[string]string{"today.waiting_days": "0", "warn.due": "maybe", "tray.keep_running": "",
		"warn.bounced": "2"} {
		if _, err := svc.Settings.Set(ctx, boss, key, value); !errors.Is(err, data.ErrInvalid) {
			t.Errorf("%s=%q accepted: %v", key, value, err)
		}
	}
	if _, err := svc.Settings.Set(ctx, boss, "today.waiting_days", "366"); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("366 days accepted: %v", err)
	}
	if _, err := svc.Settings.Set(ctx, wang, "warn.due", "on"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff changed a warning setting: %v", err)
	}
}
