package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// An action entry joins the chain, is stamped by the store's clock, lists
// under its case, and leaves the chain verifiable.
func TestRecordAuditAction(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	s, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"), WithClock(func() time.Time { return at }))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.RecordAudit(ctx, data.AuditAction{Kind: data.AuditSignIn, By: "王芳", What: "pin"}); err != nil {
		t.Fatal(err)
	}
	n, head, err := s.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.AuditVerify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Entries != n || sum.Head != head || n < 2 {
		t.Fatalf("verify %+v, head %d %s", sum, n, head)
	}
	var last data.AuditEntry
	if err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		last, err = decodeAuditEntry(tx.Bucket(bucketAudit).Get(u64(n)), "")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if last.Kind != data.AuditSignIn || last.By != "王芳" || !last.At.Equal(at) || last.Content == "" {
		t.Fatalf("entry %+v", last)
	}
}
