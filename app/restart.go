package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"casebook/app/service"
	"casebook/data"
	"casebook/ui"
)

// A restore or a compaction from the window is put in place by starting
// Casebook again rather than by reopening the database inside the running
// window: the restored file may carry another language, time zone or
// appearance (read once, when Fyne starts), and the store is shared by
// every screen, the list index, the mail worker and the schedule — a fresh
// process has none of the old state by construction. The window prepares
// the checked copy (or the compaction's mark), then restart stops the mail
// worker and waits for it (a send under way is recorded first), closes the
// database, and replaces the process with the same executable, arguments
// and environment; the new process puts the work in place before it opens
// the database (applyAtStart), exactly as at any start.

// restartEnv tells the new process when its predecessor began to restart,
// so the pause can be logged (it is the only variable added).
const restartEnv = "CASEBOOK_RESTARTED_AT"

// liveBackups is the Backup page's service: the application's backups and
// Restart.
type liveBackups struct {
	*service.Service
	restart func() error
}

func (l liveBackups) Restart() error { return l.restart() }

// execSelf replaces the process (Unix: execve); tests replace it.
var execSelf = execProcess

// restarter stops what uses the database — cancel ends the mail worker,
// the schedule and the screens' refresh; workerDone closes when the worker
// has returned — closes the database and starts Casebook again. It returns
// only when that failed; the database is closed by then unless the
// executable could not even be found.
func restarter(cancel context.CancelFunc, workerDone <-chan struct{}, svc *service.Service) func() error {
	return func() error {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("restart: %w", err)
		}
		start := time.Now()
		slog.Info("restarting to put a restore or compaction in place", "db", svc.Path())
		cancel()
		select {
		case <-workerDone:
		case <-time.After(time.Minute):
			// A worker that does not stop in a minute is stuck in I/O the
			// watchdog will end; the database closes under it regardless
			// of what it does next, and the new process recovers "sending".
			slog.Warn("mail worker did not stop within a minute; restarting anyway")
		}
		if err := svc.Close(); err != nil {
			slog.Warn("database close before restart", "err", err)
		}
		slog.Info("database closed for the restart", "took", time.Since(start))
		os.Setenv(restartEnv, start.UTC().Format(time.RFC3339Nano))
		return execSelf(exe, os.Args, os.Environ())
	}
}

// applyAtStart puts in place what waits for the start (a restore, a
// compaction) before the database is opened.
func applyAtStart(ctx context.Context, path string) service.Pending {
	return service.ApplyPending(ctx, path, time.Now(), time.Second)
}

// openAtStart opens the database after applyAtStart. A restored file that
// then does not open (it passed its checks, so this is rare: a migration
// that fails, a disk error) is undone — the database kept aside goes back in
// place and is opened — and the restore counts as failed with that reason.
func openAtStart(ctx context.Context, path string, p *service.Pending, o service.Options) (*service.Service, error) {
	svc, err := service.Open(ctx, path, o)
	if err == nil || !p.Restore || p.RestoreErr != nil || p.Restored.Aside == "" {
		return svc, err
	}
	slog.Error("the restored database does not open", "db", path, "err", err)
	if uerr := service.UndoRestore(path, p.Restored, time.Second); uerr != nil {
		return nil, fmt.Errorf("%w (and the database as it was could not be put back: %v; it is %s)", err, uerr, p.Restored.Aside)
	}
	p.RestoreErr = err
	p.Compact = false // it compacted the file just dropped
	return service.Open(ctx, path, o)
}

// afterStart records on the database just opened what applyAtStart did (the
// audit entries; mail sent after a restored backup held as uncertain) —
// before the mail worker starts — and tells the window what to show. It
// logs how long a restart took when this process is one.
func afterStart(ctx context.Context, svc *service.Service, p service.Pending) ui.AfterRestart {
	if at := os.Getenv(restartEnv); at != "" {
		os.Unsetenv(restartEnv)
		if t, err := time.Parse(time.RFC3339Nano, at); err == nil {
			slog.Info("restarted", "pause", time.Since(t))
		}
	}
	if err := svc.RecordPending(ctx, p); err != nil {
		slog.Warn("restore or compaction not recorded", "err", err)
	}
	r := ui.AfterRestart{Restored: p.Restore, Compacted: p.Compact, RestoreErr: p.RestoreErr, CompactErr: p.CompactErr,
		Taken: p.Restored.Backup.Taken, Cases: p.Restored.Backup.Cases, Head: data.Head16(p.Restored.Backup.AuditHead),
		Aside: p.Restored.Aside, Before: p.Compacted.Before, After: p.Compacted.After}
	return r
}
