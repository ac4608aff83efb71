package service

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

func init() { ScryptWorkFactor = 10 } // the tests' backups are encrypted quickly

func reopen(t *testing.T, path string) *Service {
	t.Helper()
	svc, err := Open(context.Background(), path, Options{Passwords: fakePasswords{}})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

func categories(t *testing.T, path string) map[string]string {
	t.Helper()
	svc, err := Open(context.Background(), path, Options{Passwords: fakePasswords{}, ReadOnly: true, Index: true})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	out := map[string]string{}
	for _, r := range svc.Cases.List(data.Filter{}, data.Sort{}, time.Now()) {
		c, err := svc.Cases.Get(context.Background(), r.Number)
		if err != nil {
			t.Fatalf("case %s listed but not readable: %v", r.Number, err)
		}
		out[c.Number] = c.Category
	}
	return out
}

func TestBackupChangesRestore(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	c1 := newTestCase(t, svc, wang)
	backup := filepath.Join(t.TempDir(), "backup.db")
	res, err := svc.Backup(ctx, boss, backup, "", false)
	if err != nil || !res.OK || res.Cases != 1 || res.Size == 0 {
		t.Fatalf("backup: %+v %v", res, err)
	}
	if _, good, err := svc.Backups(); err != nil || good.Path != backup || !good.OK || !good.At.Equal(*now) {
		t.Fatalf("last good backup recorded: %+v %v", good, err)
	}
	// Later changes: a second case, and the first one's subject.
	c2 := newTestCase(t, svc, wang)
	later := "meals"
	if _, err := svc.Cases.Change(ctx, wang, c1.Number, data.CaseChanges{Category: &later}); err != nil {
		t.Fatal(err)
	}
	path := svc.Path()

	// The window has the database open: a restore is refused, nothing touched.
	before, _ := os.ReadFile(path)
	if _, err := Restore(ctx, path, backup, "", now.Add(time.Hour), 100*time.Millisecond); !errors.Is(err, data.ErrLocked) {
		t.Fatalf("restore while open: %v", err)
	}
	if matches, _ := filepath.Glob(path + ".before-restore-*"); len(matches) != 0 {
		t.Fatalf("a refused restore left %v", matches)
	}
	svc.Close()
	after, _ := os.ReadFile(path)
	if len(after) < len(before) {
		t.Fatal("the refused restore changed the database")
	}

	info, err := InspectBackup(ctx, backup, "")
	if err != nil || info.Cases != 1 || !info.Taken.Equal(*now) || info.Schema == 0 || info.Encrypted {
		t.Fatalf("inspect: %+v %v", info, err)
	}
	at := time.Date(2026, 11, 24, 9, 30, 5, 0, time.Local)
	r, err := Restore(ctx, path, backup, "", at, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if want := path + ".before-restore-20261124-093005"; r.Aside != want || r.Backup.Cases != 1 {
		t.Fatalf("restored: %+v, want aside %s", r, want)
	}
	got := categories(t, path)
	if len(got) != 1 || got[c1.Number] != c1.Category {
		t.Errorf("after restore: %v", got)
	}
	kept := categories(t, r.Aside)
	if len(kept) != 2 || kept[c1.Number] != later || kept[c2.Number] == "" {
		t.Errorf("the file kept aside: %v", kept)
	}
	// A second restore in the same second keeps its own copy aside too.
	r2, err := Restore(ctx, path, backup, "", at, time.Second)
	if err != nil || r2.Aside == r.Aside || r2.Aside == "" {
		t.Fatalf("second restore: %+v %v", r2, err)
	}
	// The restored database opens for writing, with no unclean mark to check.
	svc2 := reopen(t, path)
	defer svc2.Close()
	if _, err := svc2.Cases.Get(ctx, c2.Number); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("a case made after the backup: %v", err)
	}
}

func TestEncryptedBackupNeedsItsPassphrase(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	c := newTestCase(t, svc, wang)
	backup := filepath.Join(t.TempDir(), "backup.age")
	if _, err := svc.Backup(ctx, boss, backup, "", true); !isBackupError(err, data.BackupEmptyPassphrase) {
		t.Fatalf("encrypting with no passphrase: %v", err)
	}
	res, err := svc.Backup(ctx, boss, backup, "门口的柜台 2026", true)
	if err != nil || !res.OK || !res.Encrypted {
		t.Fatalf("backup: %+v %v", res, err)
	}
	raw, _ := os.ReadFile(backup)
	if !bytes.HasPrefix(raw, []byte(ageHeader)) || bytes.Contains(raw, []byte("张晓明")) || bytes.Contains(raw, []byte("xm.zhang@163.com")) {
		t.Fatal("the encrypted backup is not encrypted")
	}
	newTestCase(t, svc, wang)
	path := svc.Path()
	svc.Close()
	orig, _ := os.ReadFile(path)
	for _, tc := range []struct{ pass, reason string }{{"", data.BackupNeedsPassphrase}, {"wrong", data.BackupWrongPassphrase}} {
		if _, err := Restore(ctx, path, backup, tc.pass, *now, time.Second); !isBackupError(err, tc.reason) {
			t.Fatalf("restore with %q: %v", tc.pass, err)
		}
		if _, err := InspectBackup(ctx, backup, tc.pass); !isBackupError(err, tc.reason) {
			t.Fatalf("inspect with %q: %v", tc.pass, err)
		}
		untouched(t, path, orig)
	}
	info, err := InspectBackup(ctx, backup, "门口的柜台 2026")
	if err != nil || info.Cases != 1 || !info.Encrypted {
		t.Fatalf("inspect: %+v %v", info, err)
	}
	if _, err := Restore(ctx, path, backup, "门口的柜台 2026", *now, time.Second); err != nil {
		t.Fatal(err)
	}
	if got := categories(t, path); len(got) != 1 || got[c.Number] == "" {
		t.Errorf("restored: %v", got)
	}
}

func isBackupError(err error, reason string) bool {
	var be *data.BackupError
	return errors.As(err, &be) && be.Reason == reason
}

func untouched(t *testing.T, path string, orig []byte) {
	t.Helper()
	now, _ := os.ReadFile(path)
	if !bytes.Equal(now, orig) {
		t.Fatal("the database was changed")
	}
	if m, _ := filepath.Glob(path + ".before-restore-*"); len(m) != 0 {
		t.Fatalf("left %v", m)
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".casebook-*")); len(m) != 0 {
		t.Fatalf("left %v", m)
	}
}

func TestADamagedOrForeignBackupIsRefused(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	newTestCase(t, svc, wang)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if _, err := svc.Backup(ctx, boss, good, "", false); err != nil {
		t.Fatal(err)
	}
	enc := filepath.Join(dir, "good.age")
	if _, err := svc.Backup(ctx, boss, enc, "pw", true); err != nil {
		t.Fatal(err)
	}
	path := svc.Path()
	svc.Close()
	orig, _ := os.ReadFile(path)
	raw, _ := os.ReadFile(good)
	rawEnc, _ := os.ReadFile(enc)
	garbage := make([]byte, 64<<10)
	rand.Read(garbage)
	flipped := bytes.Clone(raw)
	for i := 4 * 4096; i < len(flipped); i += 4096 { // every page after the meta pages and freelist
		flipped[i+20] ^= 0xff
	}
	foreign := filepath.Join(dir, "foreign.db")
	fdb, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	fdb.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err })
	fdb.Close()
	files := map[string][]byte{
		"empty":         {},
		"garbage":       garbage,
		"truncated":     raw[:len(raw)/2],
		"one page less": raw[:len(raw)-4096],
		"cut mid-page":  raw[:len(raw)-100],
		"flipped":       flipped,
		"enc-truncated": rawEnc[:len(rawEnc)-50],
		"enc-header":    rawEnc[:40],
	}
	for name, b := range files {
		t.Run(name, func(t *testing.T) {
			f := filepath.Join(dir, name)
			os.WriteFile(f, b, 0o600)
			_, err := Restore(ctx, path, f, "pw", *now, time.Second)
			if !isBackupError(err, data.BackupDamaged) {
				t.Errorf("restore: %v", err)
			}
			untouched(t, path, orig)
		})
	}
	if _, err := Restore(ctx, path, foreign, "", *now, time.Second); !isBackupError(err, data.BackupForeign) {
		t.Errorf("a bbolt file of another program: %v", err)
	}
	untouched(t, path, orig)
	if _, err := Restore(ctx, path, path, "", *now, time.Second); !isBackupError(err, data.BackupSameAsDatabase) {
		t.Errorf("restoring the database onto itself: %v", err)
	}
	untouched(t, path, orig)
}

func TestCompactionShrinksAndKeepsEveryCase(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	var numbers []string
	for i := 0; i < 20; i++ {
		c := newTestCase(t, svc, wang)
		numbers = append(numbers, c.Number)
		blob := make([]byte, 200<<10)
		rand.Read(blob)
		if _, err := svc.Cases.Attach(ctx, wang, c.Number, "photo.jpg", bytes.NewReader(blob), ""); err != nil {
			t.Fatal(err)
		}
	}
	path := svc.Path()
	if _, err := Compact(ctx, path, 100*time.Millisecond); !errors.Is(err, data.ErrLocked) {
		t.Fatalf("compacting while open: %v", err)
	}
	svc.Close()
	// Delete the blobs with bbolt directly: the store itself deletes none.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("blobs"))
		var keys [][]byte
		b.ForEach(func(k, _ []byte) error { keys = append(keys, bytes.Clone(k)); return nil })
		for _, k := range keys {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	res, err := Compact(ctx, path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if res.Before < 4<<20 || res.After > res.Before/4 || res.After != st.Size() || res.Cases != 20 {
		t.Fatalf("compacted %+v, file now %d", res, st.Size())
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".casebook-*")); len(m) != 0 {
		t.Fatalf("left %v", m)
	}
	got := categories(t, path)
	for _, n := range numbers {
		if got[n] == "" {
			t.Errorf("case %s lost", n)
		}
	}
	if len(got) != 20 {
		t.Errorf("%d cases after compaction", len(got))
	}
	svc2 := reopen(t, path)
	svc2.Close()
}

func TestBackupWhileWritingIsConsistent(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var made atomic.Int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := svc.Cases.Create(ctx, wang, data.NewCase{Kind: data.KindComplaint, Category: "meals",
				Severity: data.SeverityNormal, Channel: data.ChannelPhone, Subject: "早餐太差",
				Customer: data.Customer{Name: "李雷", Phone: "13800138000"}}); err != nil {
				t.Error(err)
				return
			}
			made.Add(1)
		}
	}()
	for made.Load() < 5 {
		time.Sleep(time.Millisecond)
	}
	dir := t.TempDir()
	var counts []int
	for i := 0; i < 5; i++ {
		f := filepath.Join(dir, fmt.Sprintf("b%d.db", i))
		res, err := svc.Backup(ctx, boss, f, "", false)
		if err != nil || !res.OK {
			t.Fatalf("backup %d: %+v %v", i, res, err)
		}
		// The list rows and the cases agree in the copy: one transaction's view.
		got := categories(t, f)
		if len(got) != res.Cases {
			t.Errorf("backup %d: %d cases listed and readable, %d stored", i, len(got), res.Cases)
		}
		counts = append(counts, res.Cases)
		for n := made.Load(); made.Load() < n+3; {
			time.Sleep(time.Millisecond)
		}
	}
	close(stop)
	wg.Wait()
	if counts[len(counts)-1] <= counts[0] {
		t.Errorf("the writer did not write between the backups: %v", counts)
	}
}

func TestARestoreFromTheWindowIsAppliedAtTheNextStart(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	c1 := newTestCase(t, svc, wang)
	backup := filepath.Join(t.TempDir(), "b.age")
	if _, err := svc.Backup(ctx, boss, backup, "pw", true); err != nil {
		t.Fatal(err)
	}
	c2 := newTestCase(t, svc, wang)
	path := svc.Path()
	if _, err := svc.PrepareRestore(ctx, boss, backup, "wrong"); !isBackupError(err, data.BackupWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if _, err := os.Stat(PendingRestore(path)); err == nil {
		t.Fatal("a refused restore was prepared")
	}
	info, err := svc.PrepareRestore(ctx, boss, backup, "pw")
	if err != nil || info.Cases != 1 {
		t.Fatalf("prepare: %+v %v", info, err)
	}
	// Nothing changes while the window runs.
	if _, err := svc.Cases.Get(ctx, c2.Number); err != nil {
		t.Fatal(err)
	}
	svc.Close()
	r, ok, err := ApplyPendingRestore(ctx, path, *now, time.Second)
	if err != nil || !ok || r.Aside == "" || r.Backup.Cases != 1 {
		t.Fatalf("apply: %+v %v %v", r, ok, err)
	}
	if _, err := os.Stat(PendingRestore(path)); err == nil {
		t.Fatal("the pending restore stays after it was applied")
	}
	got := categories(t, path)
	if len(got) != 1 || got[c1.Number] == "" {
		t.Errorf("after restore: %v", got)
	}
	if kept := categories(t, r.Aside); len(kept) != 2 {
		t.Errorf("kept aside: %v", kept)
	}
	if _, ok, err := ApplyPendingRestore(ctx, path, *now, time.Second); ok || err != nil {
		t.Errorf("a second start restores again: %v %v", ok, err)
	}
	// A pending file that no longer reads is dropped, the database untouched.
	orig, _ := os.ReadFile(path)
	os.WriteFile(PendingRestore(path), []byte("garbage garbage garbage"), 0o600)
	if _, ok, err := ApplyPendingRestore(ctx, path, *now, time.Second); !ok || !isBackupError(err, data.BackupDamaged) {
		t.Errorf("damaged pending: %v %v", ok, err)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, orig) {
		t.Error("a damaged pending restore changed the database")
	}
	if _, err := os.Stat(PendingRestore(path)); err == nil {
		t.Error("the damaged pending file stays")
	}
}

func TestACompactionAskedForIsDoneAtTheNextStart(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	for i := 0; i < 10; i++ {
		c := newTestCase(t, svc, wang)
		blob := make([]byte, 100<<10)
		rand.Read(blob)
		if _, err := svc.Cases.Attach(ctx, wang, c.Number, "scan.jpg", bytes.NewReader(blob), ""); err != nil {
			t.Fatal(err)
		}
	}
	path := svc.Path()
	if svc.CompactRequested() {
		t.Fatal("asked before asking")
	}
	if err := svc.RequestCompact(boss); err != nil || !svc.CompactRequested() {
		t.Fatal(err)
	}
	size, _, last, err := svc.Compaction()
	if err != nil || size == 0 || !last.At.IsZero() {
		t.Fatalf("sizes: %d %+v %v", size, last, err)
	}
	// While the window has it open, nothing is done and the request stays.
	if _, ok, err := ApplyPendingCompact(ctx, path, *now, 50*time.Millisecond); !ok || !errors.Is(err, data.ErrLocked) || !svc.CompactRequested() {
		t.Fatalf("while open: %v %v", ok, err)
	}
	svc.Close()
	res, ok, err := ApplyPendingCompact(ctx, path, *now, time.Second)
	if err != nil || !ok || res.Cases != 10 || res.After > res.Before || !res.At.Equal(*now) {
		t.Fatalf("at start: %+v %v %v", res, ok, err)
	}
	svc2 := reopen(t, path)
	defer svc2.Close()
	if svc2.CompactRequested() {
		t.Error("the request stays after the compaction")
	}
	if err := svc2.RecordCompaction(res); err != nil {
		t.Fatal(err)
	}
	if _, _, last, err := svc2.Compaction(); err != nil || !last.At.Equal(res.At) || last.Before != res.Before || last.After != res.After || last.Cases != res.Cases {
		t.Errorf("recorded: %+v %v", last, err)
	}
}
