package main

import (
	"context"
	"fmt"
	"os"

	"casebook/app/service"
	"casebook/data/present"
)

// applyPending puts in place a restore or a compaction asked for in the
// window that is still waiting (the window restarts at once to do it; one
// waits only when that restart did not happen), before a changing command
// opens the database: a change made to the file the restore is about to
// replace would be set aside unseen at the next start. It says what it did
// on standard error; the database stays as it was when it fails.
func (c *cli) applyPending(ctx context.Context, path string) service.Pending {
	if r, k := service.Waiting(path); !r && !k {
		return service.Pending{}
	}
	p := service.ApplyPending(ctx, path, c.clockNow(), cliLockWait)
	pr := present.For(c.lang)
	if p.Restore {
		if p.RestoreErr != nil {
			c.say(TF("A restore asked for in the window could not be put in place: {{.Error}} The database is as it was.", map[string]any{"Error": pr.Error(p.RestoreErr)}))
		} else {
			c.say(TF("A restore asked for in the window was waiting and is now in place: the backup taken {{.Taken}}, {{.Cases}} cases. The database as it was is kept as {{.Aside}}.",
				map[string]any{"Taken": pr.DateTime(p.Restored.Backup.Taken.In(c.zone())), "Cases": p.Restored.Backup.Cases, "Aside": p.Restored.Aside}))
		}
	}
	if p.Compact {
		if p.CompactErr != nil {
			c.say(TF("A compaction asked for in the window could not be done: {{.Error}}", map[string]any{"Error": pr.Error(p.CompactErr)}))
		} else {
			c.say(TF("A compaction asked for in the window was waiting and is done: {{.Before}} before, {{.After}} after.",
				map[string]any{"Before": pr.Size(p.Compacted.Before), "After": pr.Size(p.Compacted.After)}))
		}
	}
	return p
}

// recordPending records what applyPending did on the database now open.
func (c *cli) recordPending(ctx context.Context, svc *service.Service, p service.Pending) {
	if err := svc.RecordPending(ctx, p); err != nil {
		fmt.Fprintln(c.stderr, present.For(c.lang).Error(err))
	}
}

// notePending tells a reading command's user that a restore or a compaction
// asked for in the window waits: reading commands change nothing, so they
// read the database as it is.
func (c *cli) notePending(path string) {
	if r, k := service.Waiting(path); r || k {
		c.say(T("A restore or compaction asked for in the window is waiting: the next changing command (or the window) puts it in place. This command reads the database as it is now."))
	}
}

// dropPendingRestore removes a restore still waiting from the window when
// another restore is done from the command line: the later one wins, and
// the window must not put the older one in place at its next start.
func (c *cli) dropPendingRestore(path string) {
	pending := service.PendingRestore(path)
	if _, err := os.Stat(pending); err != nil {
		return
	}
	if err := service.DropPendingRestore(path); err == nil {
		c.say(T("A restore asked for earlier in the window was waiting: this restore replaces it."))
	}
}
