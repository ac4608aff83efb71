package service

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"casebook/data"
)

// scheduledName is a scheduled backup's file name; pruning touches only
// files named so.
var scheduledName = regexp.MustCompile(`^casebook-(\d{8}-\d{6})\.db$`)

const scheduledLayout = "20060102-150405"

// retryAfter is how long a failed scheduled backup waits before the next try.
const retryAfter = time.Hour

// ScheduleActor is who a scheduled backup is recorded by on the audit chain.
var ScheduleActor = data.Actor{Name: "schedule"}

// ScheduledBackup makes the scheduled backup when it is due at now — once a
// day after its time of day, or when Casebook closes (closing) for "close" —
// into the schedule's folder as casebook-<date-time>.db, checked like any
// backup, then deletes the copies there that BackupsToKeep does not keep.
// done is false when none was due.
func (s *Service) ScheduledBackup(ctx context.Context, now time.Time, closing bool) (res data.BackupResult, done bool, err error) {
	sch := s.Settings.Get().Backup
	if sch.Folder == "" || !s.backupDue(sch, now, closing) {
		return res, false, nil
	}
	if err := os.MkdirAll(sch.Folder, 0o700); err != nil {
		r := data.BackupResult{At: now, Path: sch.Folder, Error: err.Error()}
		_ = s.core.store.RecordBackup(r)
		return r, true, fmt.Errorf("scheduled backup: %w", err)
	}
	loc := s.core.zone()
	dest := filepath.Join(sch.Folder, "casebook-"+now.In(loc).Format(scheduledLayout)+".db")
	res, err = s.backupAt(ctx, ScheduleActor, dest, "", false, now)
	if err != nil {
		return res, true, err
	}
	pruneBackups(sch.Folder, loc)
	return res, true, nil
}

// backupDue: a time of day passed today with no good backup in the folder
// since, and no failed try in the last hour; or closing, for "close".
func (s *Service) backupDue(sch data.BackupSchedule, now time.Time, closing bool) bool {
	if sch.At == data.BackupAtClose {
		return closing
	}
	mins, ok := sch.TimeOfDay()
	if !ok || closing {
		return false
	}
	local := now.In(s.core.zone())
	y, m, d := local.Date()
	due := time.Date(y, m, d, 0, mins, 0, 0, local.Location())
	if local.Before(due) {
		return false
	}
	last, good, err := s.Backups()
	if err != nil {
		return false
	}
	if good.OK && !good.At.Before(due) && filepath.Dir(good.Path) == filepath.Clean(sch.Folder) {
		return false
	}
	if !last.OK && !last.At.IsZero() && now.Sub(last.At) < retryAfter && !last.At.Before(due) {
		return false
	}
	return true
}

// pruneBackups deletes the scheduled copies in dir that are not kept.
func pruneBackups(dir string, loc *time.Location) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	var names []string
	var taken []time.Time
	for _, e := range entries {
		m := scheduledName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		t, err := time.ParseInLocation(scheduledLayout, m[1], loc)
		if err != nil {
			continue
		}
		names, taken = append(names, e.Name()), append(taken, t)
	}
	for i, keep := range data.BackupsToKeep(taken, loc) {
		if !keep {
			if err := os.Remove(filepath.Join(dir, names[i])); err == nil {
				slog.Info("old backup deleted", "file", names[i])
			}
		}
	}
}

// RunBackupSchedule makes the scheduled backup whenever it is due, checking
// at every tick, until ctx ends.
func (s *Service) RunBackupSchedule(ctx context.Context, ticks <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case t := <-ticks:
			if _, done, err := s.ScheduledBackup(ctx, t, false); done && err != nil {
				slog.Warn("scheduled backup failed", "err", err)
			}
		}
	}
}
