package service

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casebook/data"
	"casebook/data/store"
)

// lastAudit is the chain's last entry, after the chain verifies.
func lastAudit(t *testing.T, svc *Service) data.AuditEntry {
	t.Helper()
	ctx := context.Background()
	if _, err := svc.Audit.Verify(ctx); err != nil {
		t.Fatalf("audit verify: %v", err)
	}
	es, err := svc.Audit.Recent(ctx, 1)
	if err != nil || len(es) != 1 {
		t.Fatalf("last entry: %v %v", es, err)
	}
	return es[0]
}

// A backup, a restore asked for in the window and put in place at the
// (re)start, and a compaction each leave their entry on the chain, by whoever
// did them; the restored chain ends with the restore; verify passes after
// each; the restored database answers with its own cases and takes work.
func TestBackupRestoreCompactAreOnTheAuditChain(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	boss := data.Actor{Name: "老板", Role: data.RoleOwner}
	c1 := newTestCase(t, svc, wang)
	backup := filepath.Join(t.TempDir(), "monday.db")
	if _, err := svc.Backup(ctx, boss, backup, "", false); err != nil {
		t.Fatal(err)
	}
	if e := lastAudit(t, svc); e.Kind != data.AuditBackup || e.By != "老板" || e.What != "monday.db" {
		t.Fatalf("after the backup: %+v", e)
	}
	info, err := InspectBackup(ctx, backup, "")
	if err != nil || info.AuditHead == "" {
		t.Fatalf("inspect: %+v %v", info, err)
	}
	// A failed backup is no entry.
	_, head0, _ := svc.Audit.Head(ctx)
	if _, err := svc.Backup(ctx, boss, filepath.Join(t.TempDir(), "no", "dir", "x.db"), "", false); err == nil {
		t.Fatal("a backup into no folder")
	}
	if _, head, _ := svc.Audit.Head(ctx); head != head0 {
		t.Fatal("a failed backup joined the chain")
	}
	c2 := newTestCase(t, svc, wang) // after the backup: gone after the restore
	if _, err := svc.PrepareRestore(ctx, boss, backup, ""); err != nil {
		t.Fatal(err)
	}
	if r, _ := Waiting(svc.Path()); !r {
		t.Fatal("no restore waiting")
	}
	path := svc.Path()
	svc.Close()
	p := ApplyPending(ctx, path, *now, time.Second)
	if !p.Restore || p.RestoreErr != nil || p.Compact || p.Restored.By != "老板" || p.Restored.Aside == "" {
		t.Fatalf("pending: %+v", p)
	}
	svc2 := reopen(t, path)
	if err := svc2.RecordPending(ctx, p); err != nil {
		t.Fatal(err)
	}
	e := lastAudit(t, svc2)
	wantWhat := data.Head16(info.AuditHead) + "; " + filepath.Base(p.Restored.Aside)
	if e.Kind != data.AuditRestore || e.By != "老板" || e.What != wantWhat {
		t.Fatalf("after the restore: %+v, want What %q", e, wantWhat)
	}
	// The backup restored from is the last good backup (Today does not warn).
	if _, good, _ := svc2.Backups(); !good.OK || good.Path != backup || !good.At.Equal(info.Taken) || good.Cases != 1 {
		t.Errorf("last good backup after the restore: %+v, want %s taken %v", good, backup, info.Taken)
	}
	if _, err := svc2.Cases.Get(ctx, c2.Number); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("a case made after the backup is still there: %v", err)
	}
	if _, err := svc2.Cases.Get(ctx, c1.Number); err != nil {
		t.Fatal(err)
	}
	c3 := newTestCase(t, svc2, wang) // the restored database takes work
	if kept := categories(t, p.Restored.Aside); len(kept) != 2 {
		t.Errorf("kept aside: %v", kept)
	}

	// Compaction: free space made by deleted blobs is given back; by whoever asked.
	for i := 0; i < 6; i++ {
		blob := make([]byte, 100<<10)
		rand.Read(blob)
		if _, err := svc2.Cases.Attach(ctx, wang, c3.Number, "scan.jpg", bytes.NewReader(blob), ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc2.RequestCompact(boss); err != nil {
		t.Fatal(err)
	}
	svc2.Close()
	p = ApplyPending(ctx, path, *now, time.Second)
	if p.Restore || !p.Compact || p.CompactErr != nil || p.CompactBy != "老板" || p.Compacted.Cases != 2 {
		t.Fatalf("pending compaction: %+v", p)
	}
	svc3 := reopen(t, path)
	defer svc3.Close()
	if err := svc3.RecordPending(ctx, p); err != nil {
		t.Fatal(err)
	}
	e = lastAudit(t, svc3)
	if e.Kind != data.AuditCompact || e.By != "老板" || !strings.Contains(e.What, " → ") {
		t.Fatalf("after the compaction: %+v", e)
	}
	if _, _, last, _ := svc3.Compaction(); last.Before != p.Compacted.Before || last.After != p.Compacted.After {
		t.Errorf("compaction not kept for Settings: %+v", last)
	}
	// The restored chain: the backup's own entry came after its snapshot,
	// so it is not in it; the restore and the compaction are.
	es, _ := svc3.Audit.Recent(ctx, 50)
	kinds := []data.AuditKind{}
	for _, e := range es {
		if e.Kind == data.AuditRestore || e.Kind == data.AuditBackup || e.Kind == data.AuditCompact {
			kinds = append(kinds, e.Kind)
		}
	}
	if len(kinds) != 2 || kinds[0] != data.AuditRestore || kinds[1] != data.AuditCompact {
		t.Errorf("actions on the chain: %v", kinds)
	}
}

// A scheduled backup is on the chain as the schedule's.
func TestAScheduledBackupIsOnTheChain(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	st := svc.Settings.Get()
	st.Backup = data.BackupSchedule{Folder: t.TempDir(), At: data.BackupAtClose}
	if err := svc.Settings.Save(ctx, data.Actor{Name: "老板", Role: data.RoleOwner}, st); err != nil {
		t.Fatal(err)
	}
	res, done, err := svc.ScheduledBackup(ctx, *now, true)
	if err != nil || !done {
		t.Fatal(done, err)
	}
	if e := lastAudit(t, svc); e.Kind != data.AuditBackup || e.By != ScheduleActor.Name || e.What != filepath.Base(res.Path) {
		t.Fatalf("entry %+v", e)
	}
}

// A restore that fails leaves the database in place, open and writable:
// a backup damaged after it was chosen is refused at its check; one waiting
// while another Casebook holds the file waits for the next start.
func TestAFailedRestoreLeavesTheDatabaseUsable(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	newTestCase(t, svc, wang)
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := svc.Backup(ctx, boss, backup, "", false); err != nil {
		t.Fatal(err)
	}
	newTestCase(t, svc, wang)
	// Damaged: every page after the two headers overwritten with noise.
	raw, _ := os.ReadFile(backup)
	bad := filepath.Join(t.TempDir(), "bad.db")
	noise := make([]byte, len(raw)-8192)
	rand.Read(noise)
	copy(raw[8192:], noise)
	os.WriteFile(bad, raw, 0o600)
	if _, err := svc.PrepareRestore(ctx, boss, bad, ""); !isBackupError(err, data.BackupDamaged) {
		t.Fatalf("damaged backup: %v", err)
	}
	if r, c := Waiting(svc.Path()); r || c {
		t.Fatal("a refused restore is waiting")
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(svc.Path()), ".casebook-*")); len(m) != 0 {
		t.Fatalf("left behind: %v", m)
	}
	newTestCase(t, svc, wang) // still takes work

	// Prepared, but at the start the file is held by another process.
	if _, err := svc.PrepareRestore(ctx, boss, backup, ""); err != nil {
		t.Fatal(err)
	}
	path := svc.Path()
	svc.Close()
	release, err := store.HoldExclusive(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(path)
	p := ApplyPending(ctx, path, *now, 50*time.Millisecond)
	release()
	if !p.Restore || !errors.Is(p.RestoreErr, data.ErrLocked) {
		t.Fatalf("while held: %+v", p)
	}
	untouched(t, path, orig)
	if r, _ := Waiting(path); !r {
		t.Fatal("the restore was dropped: it should wait for the next start")
	}
	if got := categories(t, path); len(got) != 3 {
		t.Fatalf("the database as it was: %v, want 3 cases", got)
	}
	svc2 := reopen(t, path)
	newTestCase(t, svc2, wang)
	svc2.Close()
	// The next start puts it in place.
	p = ApplyPending(ctx, path, *now, time.Second)
	if p.RestoreErr != nil || p.Restored.Backup.Cases != 1 {
		t.Fatalf("next start: %+v", p)
	}
	if got := categories(t, path); len(got) != 1 {
		t.Fatalf("restored: %v", got)
	}
}

// A reply queued before the backup and sent after it is not sent again by
// the restored database: it is uncertain there (staff decide), while a reply
// still unsent in both stays queued.
func TestMailSentAfterTheBackupIsNotSentAgain(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	c := newTestCase(t, svc, wang)
	setMailAccount(t, svc)
	sent, err := svc.Mail.Reply(ctx, wang, c.Number, data.Reply{Text: "收到，谢谢"})
	if err != nil {
		t.Fatal(err)
	}
	unsent, err := svc.Mail.Reply(ctx, wang, c.Number, data.Reply{Text: "明天再联系"})
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := svc.Backup(ctx, boss, backup, "", false); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.core.store.MarkSending(ctx, sent.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.core.store.RecordSend(ctx, sent.ID, nil, false, []byte("raw")); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PrepareRestore(ctx, boss, backup, ""); err != nil {
		t.Fatal(err)
	}
	path := svc.Path()
	svc.Close()
	p := ApplyPending(ctx, path, *now, time.Second)
	if p.RestoreErr != nil {
		t.Fatal(p.RestoreErr)
	}
	svc2 := reopen(t, path)
	defer svc2.Close()
	if q, _, _ := svc2.core.store.OutboxCounts(ctx); q != 2 {
		t.Fatalf("restored outbox: %d queued, want both as the backup had them", q)
	}
	if err := svc2.RecordPending(ctx, p); err != nil {
		t.Fatal(err)
	}
	due, err := svc2.core.store.DueOutgoing(ctx, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].ID != unsent.ID {
		t.Fatalf("due after the restore: %+v, want only #%d", due, unsent.ID)
	}
	unc, _ := svc2.core.store.UncertainOutgoing(ctx)
	if len(unc) != 1 || unc[0].ID != sent.ID {
		t.Fatalf("uncertain after the restore: %+v", unc)
	}
	if _, err := svc2.Audit.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}

// A prepared copy damaged while it waits for the start (garbage, or cut
// short) is refused by the check at the start and dropped; the database is
// untouched and opens.
func TestAPreparedCopyDamagedBeforeTheStartIsRefused(t *testing.T) {
	ctx := context.Background()
	for _, damage := range []string{"garbage", "truncated"} {
		t.Run(damage, func(t *testing.T) {
			svc, now := newTestService(t)
			newTestCase(t, svc, wang)
			backup := filepath.Join(t.TempDir(), "b.db")
			if _, err := svc.Backup(ctx, boss, backup, "", false); err != nil {
				t.Fatal(err)
			}
			newTestCase(t, svc, wang)
			if _, err := svc.PrepareRestore(ctx, boss, backup, ""); err != nil {
				t.Fatal(err)
			}
			path := svc.Path()
			svc.Close()
			pending := PendingRestore(path)
			raw, _ := os.ReadFile(pending)
			switch damage {
			case "garbage":
				rand.Read(raw)
			case "truncated":
				raw = raw[:len(raw)/2+100]
			}
			os.WriteFile(pending, raw, 0o600)
			orig, _ := os.ReadFile(path)
			p := ApplyPending(ctx, path, *now, time.Second)
			if !p.Restore || !isBackupError(p.RestoreErr, data.BackupDamaged) {
				t.Fatalf("damaged copy: %+v", p)
			}
			untouched(t, path, orig)
			if r, _ := Waiting(path); r {
				t.Error("a damaged copy still waits")
			}
			if _, err := os.Stat(pendingBy(pending)); err == nil {
				t.Error("its note stays")
			}
			if got := categories(t, path); len(got) != 2 {
				t.Errorf("the database as it was: %v", got)
			}
		})
	}
}

// A tight file — a backup just restored, written page by page — does not
// come out of compaction larger: the pages bbolt grows ahead are cut off,
// and a file that would not shrink stays as it is.
func TestCompactionNeverGrowsTheFile(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	for i := 0; i < 300; i++ {
		newTestCase(t, svc, wang)
	}
	// Past bbolt's 16 MB step, where it grows files ahead by up to 16 MB.
	c := newTestCase(t, svc, wang)
	for i := 0; i < 20; i++ {
		blob := make([]byte, 1<<20)
		rand.Read(blob)
		if _, err := svc.Cases.Attach(ctx, wang, c.Number, fmt.Sprintf("scan%d.jpg", i), bytes.NewReader(blob), ""); err != nil {
			t.Fatal(err)
		}
	}
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := svc.Backup(ctx, boss, backup, "", false); err != nil {
		t.Fatal(err)
	}
	path := svc.Path()
	svc.Close()
	if _, err := Restore(ctx, path, backup, "", *now, time.Second); err != nil {
		t.Fatal(err)
	}
	for round := 0; round < 2; round++ {
		res, err := Compact(ctx, path, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(path)
		if res.After > res.Before || st.Size() != res.After || res.Cases != 301 {
			t.Fatalf("round %d: %+v, file %d bytes", round, res, st.Size())
		}
	}
	if got := categories(t, path); len(got) != 301 {
		t.Fatalf("after compaction: %d cases", len(got))
	}
	svc2 := reopen(t, path)
	defer svc2.Close()
	if _, err := svc2.Audit.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	newTestCase(t, svc2, wang)
}

// lockDir makes dir refuse new names (as root, whom permissions do not
// stop: the immutable attribute; else mode 0500) until the test ends.
func lockDir(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
			t.Skipf("cannot make %s read-only as root: %v %s", dir, err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
		return
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
}

// The database's folder made read-only: a restore from the window is
// refused when it is prepared (nothing waits), and one already waiting is
// refused at the start (the file is not kept aside, so not replaced); each
// time the database as it was opens and takes work.
func TestARestoreIntoAReadOnlyFolderLeavesTheDatabaseUsable(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	newTestCase(t, svc, wang)
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := svc.Backup(ctx, boss, backup, "", false); err != nil {
		t.Fatal(err)
	}
	newTestCase(t, svc, wang)
	path := svc.Path()
	dir := filepath.Dir(path)

	// Read-only before it is prepared.
	lockDir(t, dir)
	if _, err := svc.PrepareRestore(ctx, boss, backup, ""); err == nil {
		t.Fatal("prepared into a read-only folder")
	}
	if r, _ := Waiting(path); r {
		t.Fatal("a refused restore waits")
	}
	newTestCase(t, svc, wang) // the open database still takes work
	unlock := func() {
		if os.Geteuid() == 0 {
			exec.Command("chattr", "-i", dir).Run()
		} else {
			os.Chmod(dir, 0o700)
		}
	}
	unlock()

	// Read-only after it is prepared, before the start.
	if _, err := svc.PrepareRestore(ctx, boss, backup, ""); err != nil {
		t.Fatal(err)
	}
	svc.Close()
	lockDir(t, dir)
	orig, _ := os.ReadFile(path)
	p := ApplyPending(ctx, path, *now, time.Second)
	if !p.Restore || p.RestoreErr == nil {
		t.Fatalf("restored into a read-only folder: %+v", p)
	}
	untouched(t, path, orig)
	svc2 := reopen(t, path)
	newTestCase(t, svc2, wang)
	svc2.Close()
	unlock()
	if got := categories(t, path); len(got) != 4 {
		t.Fatalf("the database as it was, with the new work: %d cases, want 4", len(got))
	}
	// Writable again: the waiting restore is put in place at the next start.
	if p := ApplyPending(ctx, path, *now, time.Second); p.RestoreErr != nil || p.Restored.Backup.Cases != 1 {
		t.Fatalf("next start: %+v", p)
	}
}
