package service

import (
	"context"
	"testing"
	"time"
)

// Without Options.Loc, printed times follow the agency's zone in the
// settings, including a change made while the service runs; Options.Loc
// (the command line's --tz) fixes it.
func TestPrintedTimesFollowTheAgencyZone(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	if got := svc.core.zone().String(); got != "Asia/Shanghai" {
		t.Errorf("default zone %s", got)
	}
	if _, err := svc.Settings.Set(ctx, boss, "timezone", "Asia/Tokyo"); err != nil {
		t.Fatal(err)
	}
	if got := svc.core.zone().String(); got != "Asia/Tokyo" {
		t.Errorf("after the change: %s", got)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	svc.core.loc = paris
	if got := svc.core.zone(); got != paris {
		t.Errorf("with Options.Loc: %s", got)
	}
}
