package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"casebook/data"
	"casebook/data/store"
)

// pendingBy is the note beside a pending restore: who asked for it, and
// the backup it is a checked copy of.
func pendingBy(pending string) string { return pending + ".by" }

type restoreNote struct {
	By        string `json:"by"`
	From      string `json:"from"` // the backup file chosen
	Size      int64  `json:"size"`
	Encrypted bool   `json:"encrypted,omitempty"`
	// Info is what the full check of the copy found when it was prepared.
	Info *data.BackupInfo `json:"info,omitempty"`
}

func writeRestoreNote(pending string, n restoreNote) error {
	raw, err := json.Marshal(n)
	if err != nil {
		return err
	}
	return os.WriteFile(pendingBy(pending), raw, 0o600)
}

// readRestoreNote reads the note; a missing or unreadable one is empty.
func readRestoreNote(pending string) restoreNote {
	var n restoreNote
	if raw, err := os.ReadFile(pendingBy(pending)); err == nil {
		_ = json.Unmarshal(raw, &n)
	}
	return n
}

// Pending is what waited for Casebook's start — a restore or a compaction
// asked for in the window, which restarts to put it in place — and what
// came of it.
type Pending struct {
	Restore    bool // a restore was waiting
	Restored   Restored
	RestoreErr error
	Compact    bool // a compaction was waiting
	Compacted  data.CompactResult
	CompactErr error
	CompactBy  string // who asked for the compaction
}

// Waiting tells whether a restore or a compaction waits for the next start.
func Waiting(dbPath string) (restore, compact bool) {
	_, err := os.Stat(PendingRestore(dbPath))
	restore = err == nil
	_, err = os.Stat(PendingCompact(dbPath))
	return restore, err == nil
}

// ApplyPending puts in place, before the database at dbPath is opened, a
// restore and then a compaction waiting for the start. On any failure the
// database is the one there was (a restore swaps only a checked copy, after
// the current file is kept aside; a compaction only a checked one).
func ApplyPending(ctx context.Context, dbPath string, now time.Time, timeout time.Duration) Pending {
	var p Pending
	p.Restored, p.Restore, p.RestoreErr = ApplyPendingRestore(ctx, dbPath, now, timeout)
	if p.Restore {
		slog.Info("pending restore", "db", dbPath, "taken", p.Restored.Backup.Taken, "cases", p.Restored.Backup.Cases, "aside", p.Restored.Aside, "err", p.RestoreErr)
	}
	by, _ := os.ReadFile(PendingCompact(dbPath))
	p.Compacted, p.Compact, p.CompactErr = ApplyPendingCompact(ctx, dbPath, now, timeout)
	if p.Compact {
		p.CompactBy = string(by)
		slog.Info("pending compaction", "db", dbPath, "before", p.Compacted.Before, "after", p.Compacted.After, "err", p.CompactErr)
	}
	return p
}

// RecordPending records on the database now open what ApplyPending did: the
// restore and the compaction on the audit chain, by whoever asked, and the
// compaction's sizes for Settings → Backup.
func (s *Service) RecordPending(ctx context.Context, p Pending) error {
	var errs []error
	if p.Restore && p.RestoreErr == nil {
		errs = append(errs, s.RecordRestore(ctx, data.Actor{Name: p.Restored.By}, p.Restored))
	}
	if p.Compact && p.CompactErr == nil {
		errs = append(errs, s.RecordCompact(ctx, data.Actor{Name: p.CompactBy}, p.Compacted))
	}
	return errors.Join(errs...)
}

// RecordRestore appends the restore to the chain of the database restored
// (open in s): the backup's chain head and the name of the file the replaced
// database was kept aside as, so the restored chain shows it was restored.
// Then no mail is sent twice: a message the restored outbox would send that
// the database kept aside shows as sent (or possibly sent) went out after
// the backup was taken, and becomes uncertain — never sent again on its
// own; staff see it and decide, as with any uncertain message. Call it
// before the mail worker starts.
func (s *Service) RecordRestore(ctx context.Context, by data.Actor, r Restored) error {
	held, herr := s.holdMailSentAfter(ctx, r.Aside)
	what := data.Head16(r.Backup.AuditHead)
	if what == "" {
		what = "-"
	}
	if r.Aside != "" {
		what += "; " + filepath.Base(r.Aside)
	}
	if err := s.core.record(ctx, data.AuditRestore, by, what, nil); err != nil {
		return fmt.Errorf("record the restore: %w", err)
	}
	// The backup just restored is a good one, and newer than any the
	// restored file knows of (its own record stops at its snapshot): Today
	// must not warn that there is none.
	if _, good, err := s.Backups(); err == nil && !r.Backup.Taken.IsZero() && r.Backup.Taken.After(good.At) {
		res := data.BackupResult{At: r.Backup.Taken, Path: r.Backup.Path, OK: true, Size: r.Backup.Size, Cases: r.Backup.Cases, Encrypted: r.Backup.Encrypted}
		if err := s.core.store.RecordBackup(res); err != nil {
			slog.Warn("restored backup not recorded as the last good one", "err", err)
		}
	}
	if herr != nil {
		return herr
	}
	if held > 0 {
		slog.Info("mail sent after the backup held as uncertain", "messages", held)
	}
	return nil
}

// errSentAfterBackup is what an uncertain message held after a restore says.
var errSentAfterBackup = errors.New("sent after the backup this database was restored from; check the Sent folder")

// holdMailSentAfter makes uncertain each message waiting in the outbox that
// the database kept aside at aside shows as sent, sending or uncertain.
func (s *Service) holdMailSentAfter(ctx context.Context, aside string) (int, error) {
	if aside == "" {
		return 0, nil
	}
	old, err := store.Open(ctx, aside, store.WithReadOnly(), store.WithTimeout(time.Second))
	if err != nil {
		return 0, fmt.Errorf("compare the outbox with %s: %w", filepath.Base(aside), err)
	}
	defer old.Close()
	ids, err := s.core.store.OutboxAheadIn(ctx, old)
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		if _, err := s.core.store.RecordUncertain(ctx, id, errSentAfterBackup); err != nil {
			return 0, fmt.Errorf("hold message #%d sent after the backup: %w", id, err)
		}
	}
	return len(ids), nil
}

// RecordCompact keeps a compaction's sizes for Settings → Backup and
// appends it to the chain: "<bytes before> → <bytes after>".
func (s *Service) RecordCompact(ctx context.Context, by data.Actor, r data.CompactResult) error {
	if r.At.IsZero() {
		r.At = s.Now()
	}
	if err := s.core.store.RecordCompaction(r); err != nil {
		return fmt.Errorf("record the compaction: %w", err)
	}
	if err := s.core.record(ctx, data.AuditCompact, by, fmt.Sprintf("%d → %d", r.Before, r.After), nil); err != nil {
		return fmt.Errorf("record the compaction: %w", err)
	}
	return nil
}

// DropPendingRestore removes a restore waiting for the next start (another
// restore replaces it).
func DropPendingRestore(dbPath string) error {
	pending := PendingRestore(dbPath)
	os.Remove(pendingBy(pending))
	if err := os.Remove(pending); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// UndoRestore puts the database kept aside by a restore back in place (the
// restored file, a copy of a backup that still exists, is dropped): for a
// restored file that then cannot be opened. It holds the database's lock.
func UndoRestore(dbPath string, r Restored, timeout time.Duration) error {
	if r.Aside == "" {
		return fmt.Errorf("undo the restore: no database was kept aside")
	}
	release, err := store.HoldExclusive(dbPath, timeout)
	if err != nil {
		return fmt.Errorf("undo the restore: %w", err)
	}
	defer release()
	if err := os.Rename(r.Aside, dbPath); err != nil {
		return fmt.Errorf("undo the restore: %w", err)
	}
	syncDir(filepath.Dir(dbPath))
	slog.Warn("restore undone: the database kept aside is back", "db", dbPath, "aside", r.Aside)
	return nil
}

// putPrepared puts in place a restore prepared in the window: the copy
// beside the database was checked in full when it was prepared, so now it
// gets the check the database gets at every open (CheckPrepared) and is
// renamed onto the database — no second copy, no second full check, which
// at 100,000 cases would add about 20 s to the restart. The current file is
// kept aside first, under the database's lock, as Restore does.
func putPrepared(ctx context.Context, dbPath, pending string, info data.BackupInfo, now time.Time, timeout time.Duration) (Restored, error) {
	res := Restored{Backup: info}
	if err := store.CheckPrepared(ctx, pending); err != nil {
		return res, err
	}
	var err error
	if res.Aside, err = swapIn(dbPath, pending, now, timeout); err != nil {
		return res, err
	}
	slog.Info("database restored", "db", dbPath, "from", info.Path, "taken", info.Taken, "cases", info.Cases, "aside", res.Aside)
	return res, nil
}
