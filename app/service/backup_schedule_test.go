package service

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"casebook/data"
)

// Forty days of a daily backup at 18:30 under a fake clock: one copy a day,
// none before the time or twice a day, the folder pruned to what the
// retention keeps, and other files there left alone.
func TestScheduledBackupsUnderAFakeClock(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	loc := time.FixedZone("CST", 8*3600)
	svc.core.loc = loc
	newTestCase(t, svc, wang)
	folder := filepath.Join(t.TempDir(), "usb")
	st := svc.Settings.Get()
	st.Backup = data.BackupSchedule{Folder: folder, At: "18:30"}
	if err := svc.Settings.Save(ctx, data.Actor{Name: "老板", Role: data.RoleOwner}, st); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(folder, 0o700)
	os.WriteFile(filepath.Join(folder, "holiday-photos.db"), []byte("mine"), 0o600)

	ticks := make(chan time.Time)
	runCtx, stop := context.WithCancel(ctx)
	finished := make(chan struct{})
	go func() { svc.RunBackupSchedule(runCtx, ticks); close(finished) }()
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, loc)
	made := 0
	for d := 0; d < 40; d++ {
		for _, hm := range []int{9 * 60, 18*60 + 29, 18*60 + 30, 18*60 + 31, 23 * 60} { // ticks through the day
			tm := start.AddDate(0, 0, d).Add(time.Duration(hm) * time.Minute)
			ticks <- tm
		}
		ticks <- start // a tick the loop has to take before the day's last one is surely done
		_, good, _ := svc.Backups()
		if !good.OK || good.At.In(loc).Day() != start.AddDate(0, 0, d).Day() || good.At.In(loc).Format("15:04") != "18:30" {
			t.Fatalf("day %d: last good backup %+v", d, good)
		}
		made++
	}
	stop()
	<-finished
	entries, _ := os.ReadDir(folder)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	// 40 days from 1 October: 7 daily (11-03 … 11-09), Sundays 11-01 and 10-25 more, and 31 October.
	want := []string{"casebook-20261025-183000.db", "casebook-20261031-183000.db", "casebook-20261101-183000.db",
		"casebook-20261103-183000.db", "casebook-20261104-183000.db", "casebook-20261105-183000.db", "casebook-20261106-183000.db",
		"casebook-20261107-183000.db", "casebook-20261108-183000.db", "casebook-20261109-183000.db", "holiday-photos.db"}
	if len(names) != len(want) {
		t.Fatalf("folder after %d days: %v", made, names)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("folder after %d days: %v\nwant %v", made, names, want)
		}
	}
	// Each kept copy restores.
	if info, err := InspectBackup(ctx, filepath.Join(folder, want[0]), ""); err != nil || info.Cases != 1 {
		t.Errorf("a kept copy: %+v %v", info, err)
	}
}

func TestABackupAtClose(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	folder := t.TempDir()
	st := svc.Settings.Get()
	st.Backup = data.BackupSchedule{Folder: folder, At: data.BackupAtClose}
	if err := svc.Settings.Save(ctx, data.Actor{Name: "老板", Role: data.RoleOwner}, st); err != nil {
		t.Fatal(err)
	}
	if _, done, _ := svc.ScheduledBackup(ctx, *now, false); done {
		t.Fatal("an at-close backup ran on a tick")
	}
	res, done, err := svc.ScheduledBackup(ctx, *now, true)
	if !done || err != nil || !res.OK || filepath.Dir(res.Path) != folder {
		t.Fatalf("at close: %+v %v %v", res, done, err)
	}
	// Off: nothing.
	st.Backup = data.BackupSchedule{}
	svc.Settings.Save(ctx, data.Actor{Name: "老板", Role: data.RoleOwner}, st)
	if _, done, _ := svc.ScheduledBackup(ctx, *now, true); done {
		t.Fatal("a backup with the schedule off")
	}
}

func TestTodayWarnsOfAnOldBackup(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	owner := data.Actor{Name: "老板", Role: data.RoleOwner}
	if got := svc.Cases.TodayRows(owner, *now, 0).Backup; !got.Warn || !got.Never {
		t.Errorf("no backup yet: %+v", got)
	}
	if got := svc.Cases.TodayRows(wang, *now, 0).Backup; got.Warn {
		t.Errorf("staff are warned: %+v", got)
	}
	if _, err := svc.Backup(ctx, boss, filepath.Join(t.TempDir(), "b.db"), "", false); err != nil {
		t.Fatal(err)
	}
	if got := svc.Cases.TodayRows(owner, now.Add(2*24*time.Hour), 0).Backup; got.Warn || got.Days != 2 {
		t.Errorf("two days later: %+v", got)
	}
	if got := svc.Cases.TodayRows(owner, now.Add(3*24*time.Hour), 0).Backup; !got.Warn || got.Days != 3 {
		t.Errorf("three days later: %+v", got)
	}
	// A failed backup does not count as a good one.
	if _, err := svc.Backup(ctx, boss, filepath.Join(t.TempDir(), "no", "such", "dir", "b.db"), "", false); err == nil {
		t.Fatal("a backup into a missing folder")
	}
	if got := svc.Cases.TodayRows(owner, now.Add(3*24*time.Hour), 0).Backup; !got.Warn {
		t.Errorf("after a failed backup: %+v", got)
	}
}
