package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
	"casebook/data/demo"
)

var (
	goodDBOnce sync.Once
	goodDB     []byte
	goodDBErr  error
)

// realDatabase returns the bytes of a database with 300 demo cases, made
// once per test run.
func realDatabase(t *testing.T) []byte {
	t.Helper()
	goodDBOnce.Do(func() {
		dir, err := os.MkdirTemp("", "casebook-good-")
		if err != nil {
			goodDBErr = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "good.db")
		now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		s, err := Open(context.Background(), path, WithClock(func() time.Time { return now }))
		if err != nil {
			goodDBErr = err
			return
		}
		if goodDBErr = s.LoadDemo(context.Background(), demo.Generate(1, 300, now), nil); goodDBErr != nil {
			s.Close()
			return
		}
		if goodDBErr = s.Close(); goodDBErr != nil {
			return
		}
		goodDB, goodDBErr = os.ReadFile(path)
	})
	if goodDBErr != nil {
		t.Fatal(goodDBErr)
	}
	return goodDB
}

// fileState is what must not change when Casebook refuses a file.
type fileState struct {
	sum   [32]byte
	size  int64
	mtime time.Time
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fileState{sha256.Sum256(b), st.Size(), st.ModTime()}
}

// writeCopy writes b as a database file with an mtime in the past, so any
// write would show.
func writeCopy(t *testing.T, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "casebook.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	return path
}

func highWater(t *testing.T, b []byte) int {
	t.Helper()
	f := writeCopy(t, b)
	fh, err := os.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	fi, err := quickCheck(f, fh)
	if err != nil {
		t.Fatal(err)
	}
	return int(fi.meta.pgid) * fi.meta.pageSize
}

func TestTruncatedFilesAreRefusedUntouched(t *testing.T) {
	good := realDatabase(t)
	hwm := highWater(t, good)
	if hwm <= 16<<10 || len(good)/2 >= hwm {
		t.Fatalf("the sample database is too small for the test: %d bytes, pages up to %d", len(good), hwm)
	}
	for _, tc := range []struct {
		name string
		size int
	}{
		{"8 KB", 8 << 10},
		{"16 KB", 16 << 10},
		{"half", len(good) / 2},
		{"one byte short of the last page", hwm - 1},
		{"one page", 4096},
		{"100 bytes", 100},
	} {
		for _, readOnly := range []bool{true, false} {
			name := tc.name + map[bool]string{true: ", to read", false: ", to write"}[readOnly]
			t.Run(name, func(t *testing.T) {
				path := writeCopy(t, good[:tc.size])
				before := stateOf(t, path)
				var opts []Option
				if readOnly {
					opts = append(opts, WithReadOnly())
				}
				s, err := Open(context.Background(), path, opts...)
				if err == nil {
					s.Close()
					t.Fatal("a truncated file was opened")
				}
				var d *data.DamagedError
				if !errors.As(err, &d) || !errors.Is(err, data.ErrDamaged) || d.Path != path {
					t.Fatalf("got %v (%T), want a DamagedError naming the file", err, err)
				}
				if after := stateOf(t, path); after != before {
					t.Errorf("the damaged file changed: %+v → %+v", before, after)
				}
			})
		}
	}
}

func TestIntactButOddLengthIsCheckedAndRead(t *testing.T) {
	good := realDatabase(t)
	if len(good) <= highWater(t, good) {
		t.Skip("the sample database has no room after its pages")
	}
	// Cut in the unused space after the last page: nothing is lost, the
	// length is odd, the whole file is checked and then read.
	path := writeCopy(t, good[:len(good)-1])
	log := captureLog(t)
	s, err := Open(context.Background(), path, WithReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := s.Count(); n != 300 {
		t.Errorf("%d cases, want 300", n)
	}
	if !strings.Contains(log.String(), "database checked") {
		t.Errorf("the whole file was not checked:\n%s", log)
	}
	s.Close()
	// Readable, but not what any writer left: it is not written to.
	before, _ := os.ReadFile(path)
	_, err = Open(context.Background(), path)
	var d *data.DamagedError
	if !errors.As(err, &d) || d.Reason != data.DamageTruncated {
		t.Errorf("opened to write: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the cut file was written to")
	}
}

func captureLog(t *testing.T) *bytes.Buffer {
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	return &buf
}

func TestUncleanCloseIsCheckedAndGarbageRefused(t *testing.T) {
	path := writeCopy(t, realDatabase(t))
	// A writer that died: the open mark stays.
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.DB.Close(); err != nil { // without Close's clean mark
		t.Fatal(err)
	}
	log := captureLog(t)
	s, err = Open(context.Background(), path, WithReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if !strings.Contains(log.String(), "the last writer did not close it") {
		t.Fatalf("an unclean file was not checked:\n%s", log)
	}
	// Garbage over a page in the middle, found by the check.
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := quickCheck(path, fh)
	fh.Close()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	ps := fi.meta.pageSize
	refused := 0
	for _, pg := range []int{2, int(fi.meta.pgid) / 2, int(fi.meta.pgid) - 1} {
		bad := bytes.Clone(b)
		for i := pg * ps; i < (pg+1)*ps; i++ {
			bad[i] = byte(i*7 + 3)
		}
		p := writeCopy(t, bad)
		before := stateOf(t, p)
		s, err := Open(context.Background(), p, WithReadOnly())
		if err == nil {
			// The page was free: nothing is lost; every case still reads.
			for _, r := range s.List(data.Filter{}, data.Sort{}, time.Now()) {
				if _, err := s.Case(context.Background(), r.Number); err != nil {
					t.Errorf("page %d: %v", pg, err)
				}
			}
			s.Close()
			continue
		}
		if !errors.Is(err, data.ErrDamaged) {
			t.Errorf("page %d garbled: %v, want ErrDamaged", pg, err)
		}
		if _, err := Open(context.Background(), p); !errors.Is(err, data.ErrDamaged) {
			t.Errorf("page %d garbled, opened to write: %v, want ErrDamaged", pg, err)
		}
		if after := stateOf(t, p); after != before {
			t.Errorf("page %d: a damaged file was written to", pg)
		}
		refused++
	}
	if refused == 0 {
		t.Error("no garbled page was found")
	}
}

func TestEmptyAndMissingFilesAreNotMadeIntoDatabases(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	var nd *data.NoDatabaseError
	_, err := Open(context.Background(), empty, WithReadOnly())
	if !errors.As(err, &nd) || !nd.Empty {
		t.Fatalf("empty file: %v", err)
	}
	if st, _ := os.Stat(empty); st.Size() != 0 {
		t.Errorf("the empty file became %d bytes", st.Size())
	}
	missing := filepath.Join(dir, "sub", "missing.db")
	_, err = Open(context.Background(), missing, WithReadOnly())
	if !errors.As(err, &nd) || nd.Empty || !errors.Is(err, data.ErrNoDatabase) {
		t.Fatalf("missing file: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a read created %s", filepath.Dir(missing))
	}
}

func TestReadOnlyStoreReadsAndRefusesChanges(t *testing.T) {
	path := writeCopy(t, realDatabase(t))
	before := stateOf(t, path)
	s, err := Open(context.Background(), path, WithReadOnly(), WithIndex())
	if err != nil {
		t.Fatal(err)
	}
	// Two readers at once: the lock is shared.
	s2, err := Open(context.Background(), path, WithReadOnly(), WithTimeout(100*time.Millisecond))
	if err != nil {
		t.Fatalf("a second reader: %v", err)
	}
	s2.Close()
	rows := s.List(data.Filter{}, data.Sort{}, time.Now())
	if len(rows) != 300 {
		t.Fatalf("%d rows", len(rows))
	}
	if _, err := s.Case(context.Background(), rows[0].Number); err != nil {
		t.Fatal(err)
	}
	_, err = s.CreateCase(context.Background(), sampleCase())
	var nw *data.NotWritableError
	if !errors.As(err, &nw) || nw.Why != data.NotWritableOpenedReadOnly || !errors.Is(err, data.ErrNotWritable) {
		t.Fatalf("a change on a read-only store: %v", err)
	}
	if err := s.SaveSettings(context.Background(), s.Settings()); !errors.Is(err, data.ErrNotWritable) {
		t.Fatalf("settings on a read-only store: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if after := stateOf(t, path); after != before {
		t.Errorf("reading changed the file: %+v → %+v", before, after)
	}
}

func TestOlderLayoutOpenedToReadAsksForAnUpgrade(t *testing.T) {
	path := writeCopy(t, realDatabase(t))
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put([]byte("schema"), u64(2)) })
	db.Close()
	_, err = Open(context.Background(), path, WithReadOnly())
	var up *data.NeedsUpgradeError
	if !errors.As(err, &up) || up.From != 2 || up.To != SchemaVersion {
		t.Fatalf("got %v", err)
	}
}

func TestFileModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "folder")
	path := filepath.Join(dir, "casebook.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for p, want := range map[string]os.FileMode{path: 0o600, dir: 0o700, filepath.Dir(dir): 0o700} {
		if st, _ := os.Stat(p); st.Mode().Perm() != want {
			t.Errorf("%s: %v, want %v", p, st.Mode().Perm(), want)
		}
	}
	for _, tc := range []struct {
		from, want os.FileMode
		readOnly   bool
	}{{0o644, 0o600, false}, {0o666, 0o600, true}, {0o640, 0o600, true}, {0o400, 0o400, true}} {
		if err := os.Chmod(path, tc.from); err != nil {
			t.Fatal(err)
		}
		var opts []Option
		if tc.readOnly {
			opts = append(opts, WithReadOnly())
		}
		s, err := Open(context.Background(), path, opts...)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if st, _ := os.Stat(path); st.Mode().Perm() != tc.want {
			t.Errorf("%v opened (read-only %v): %v, want %v", tc.from, tc.readOnly, st.Mode().Perm(), tc.want)
		}
	}
}

func TestCleanCloseLeavesNoMark(t *testing.T) {
	path := writeCopy(t, realDatabase(t))
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketMeta).Get(metaOpen) != nil {
			t.Error("the open mark survived a clean close")
		}
		return nil
	})
}

// A page garbled in a file that was closed cleanly is not looked for at
// open (that would cost every open a whole read); reading it later gives a
// DamagedError, not a crash, and the store then refuses to write.
func TestGarbageFoundLaterIsADamagedErrorNotACrash(t *testing.T) {
	good := realDatabase(t)
	hwm := highWater(t, good)
	captureLog(t)
	found := 0
	for pg := 2; pg < hwm/4096; pg += 5 {
		bad := bytes.Clone(good)
		for i := pg * 4096; i < (pg+1)*4096; i++ {
			bad[i] = 0xff
		}
		p := writeCopy(t, bad)
		s, err := Open(context.Background(), p, WithReadOnly())
		if err != nil {
			if !errors.Is(err, data.ErrDamaged) && !strings.Contains(err.Error(), "settings") {
				t.Errorf("page %d: %v", pg, err)
			}
			found++
			continue
		}
		if err := s.LoadIndex(context.Background()); err != nil {
			found++
		} else {
			for _, r := range s.List(data.Filter{}, data.Sort{}, time.Now()) {
				if _, err := s.Case(context.Background(), r.Number); err != nil {
					found++
					break
				}
			}
		}
		s.Close()
	}
	if found == 0 {
		t.Error("no garbled page was noticed")
	}
}
