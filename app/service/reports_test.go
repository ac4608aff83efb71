package service

import (
	"context"
	"errors"
	"testing"
	"time"

	"casebook/data"
)

// The use cases over data/report: the month by default, the figures, the
// cases behind a key, the travellers setting; the figures' own answers are
// tested in data/report.
func TestReportFiguresAndCases(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	c := newTestCase(t, svc, boss) // Mon 23 Nov 2026 10:00
	*now = now.Add(90 * time.Minute)
	if _, err := svc.Cases.Move(ctx, boss, c.Number, data.StatusAcknowledged, ""); err != nil {
		t.Fatal(err)
	}
	// Working time in the agency's calendar, whatever zone the test runs in.
	wantHours := svc.Settings.Get().Calendar.Between(c.ReceivedAt, *now).Hours()
	newTestCase(t, svc, boss)

	p, err := svc.Reports.Period("", "", "")
	if err != nil || p.Label() != "2026-11" {
		t.Fatalf("default period = %v, %v; want this month", p.Label(), err)
	}
	if err := svc.Settings.SetTravellers(ctx, boss, "2026-11", 1840); err != nil {
		t.Fatal(err)
	}
	fig, err := svc.Reports.Figures(ctx, boss, p)
	if err != nil {
		t.Fatal(err)
	}
	fr := fig.Timeliness.FirstResponse.All
	if fig.Volume.Received.N != 2 || fr.N != 1 || fr.MedianHours == nil || *fr.MedianHours != wantHours {
		t.Errorf("received %d, first response %+v", fig.Volume.Received.N, fr)
	}
	if r := fig.Travellers.Per1000; r == nil || *r != 1.09 { // 2 complaints per 1,840 travellers
		t.Errorf("per 1,000 travellers = %v", r)
	}
	got, err := svc.Reports.Cases(ctx, data.Actor{Name: "陈静", Role: data.RoleSupervisor}, p, fr.Key)
	if err != nil || len(got) != 1 || got[0].Number != c.Number {
		t.Errorf("cases of %s = %v, %v", fr.Key, got, err)
	}
	if _, err := svc.Reports.Cases(ctx, boss, p, "nonsense"); !IsUnknownFigure(err) || !errors.Is(err, data.ErrInvalid) {
		t.Errorf("an unknown key: %v", err)
	}
	var fe *data.ForbiddenError
	if _, err := svc.Reports.Figures(ctx, wang, p); !errors.As(err, &fe) || fe.Action != data.ActionReport {
		t.Errorf("staff read the report: %v", err)
	}

	// Periods: one or the other; custom dates inclusive.
	if q, err := svc.Reports.Period("", "2026-11-01", "2026-11-15"); err != nil || q.Days() != 15 {
		t.Errorf("custom = %v %v", q, err)
	}
	for _, bad := range [][3]string{{"2026-11", "2026-11-01", "2026-11-02"}, {"", "2026-11-01", ""}, {"2026-14", "", ""}} {
		if _, err := svc.Reports.Period(bad[0], bad[1], bad[2]); !errors.Is(err, data.ErrInvalid) {
			t.Errorf("%q accepted: %v", bad, err)
		}
	}

	// Travellers: listed, removed with 0, bad months refused as a field.
	if l := svc.Settings.Travellers(); len(l) != 1 || l[0] != [2]string{"2026-11", "1840"} {
		t.Errorf("travellers = %v", l)
	}
	var fErr *data.FieldError
	if err := svc.Settings.SetTravellers(ctx, boss, "2026-13", 5); !errors.As(err, &fErr) {
		t.Errorf("month 13: %v", err)
	}
	if err := svc.Settings.SetTravellers(ctx, boss, "2026-11", 0); err != nil || len(svc.Settings.Travellers()) != 0 {
		t.Errorf("removing: %v %v", err, svc.Settings.Travellers())
	}
}
