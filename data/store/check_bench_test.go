package store

import (
	"context"
	"os"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestCheckTimeOnALargeDatabase times the checks made before a file is
// trusted, on a database given in CASEBOOK_BIG_DB (e.g. one made by
// `casebook demo --cases 100000`); it is skipped without one.
// It never writes to the file.
func TestCheckTimeOnALargeDatabase(t *testing.T) {
	path := os.Getenv("CASEBOOK_BIG_DB")
	if path == "" {
		t.Skip("set CASEBOOK_BIG_DB to a large database to time the checks")
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	start := time.Now()
	fi, err := quickCheck(path, f)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("file %d MB, %d pages of %d bytes", st.Size()>>20, fi.meta.pgid, fi.meta.pageSize)
	t.Logf("quick check (meta pages, length): %v", time.Since(start))
	start = time.Now()
	if err := deepCheck(path, f, fi); err != nil {
		t.Fatal(err)
	}
	t.Logf("page walk (every reachable page, plain reads): %v", time.Since(start))
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start = time.Now()
	n := 0
	db.View(func(tx *bolt.Tx) error {
		for range tx.Check() {
			n++
		}
		return nil
	})
	t.Logf("bbolt Tx.Check: %v (%d problems)", time.Since(start), n)
	db.Close()
	start = time.Now()
	s, err := Open(context.Background(), path, WithReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("read-only Open (quick check only): %v", time.Since(start))
	s.Close()
}
