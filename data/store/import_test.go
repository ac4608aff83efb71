package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"casebook/data"
)

// An import writes every row in one transaction, skips rows it has by their
// key (an earlier import's or an earlier row's of the same batch), finds
// customers by phone as intake does, and appends its own audit entry.
func TestImportSkipsKnownRows(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "i.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	row := func(ref, name, phone string) data.ImportedCase {
		n := data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal, Channel: data.ChannelPhone, Subject: "投诉",
			Customer: data.Customer{Name: name, Phone: phone}, ReceivedAt: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), By: "陈静", Category: "other"}
		if err := n.Normalize(s.Settings(), s.Now()); err != nil {
			t.Fatal(err)
		}
		return data.ImportedCase{New: n, Status: data.StatusClosed, Origin: data.ImportOrigin{File: "a.csv", Ref: ref, RowKey: name}}
	}
	res, err := s.Import(ctx, []data.ImportedCase{row("1", "王伟", "13800138000"), row("2", "李芳", "13900139000"), row("1", "王伟", "13800138000")}, "陈静", "a.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Added) != 2 || len(res.Skipped) != 1 || res.Skipped[0] != 2 || s.Count() != 2 {
		t.Fatalf("added %d skipped %v", len(res.Added), res.Skipped)
	}
	known, err := s.ImportKnown(ctx, []string{"ref\x001", "ref\x003"})
	if err != nil || !known["ref\x001"] || known["ref\x003"] {
		t.Errorf("known %v %v", known, err)
	}
	res, err = s.Import(ctx, []data.ImportedCase{row("3", "王伟", "138 0013 8000"), row("2", "李芳", "13900139000")}, "陈静", "b.csv")
	if err != nil || len(res.Added) != 1 || len(res.Skipped) != 1 {
		t.Fatalf("%v: added %d skipped %v", err, len(res.Added), res.Skipped)
	}
	first, _ := s.Case(ctx, "A-2025-0001")
	if res.Added[0].CustomerID != first.CustomerID {
		t.Errorf("the same phone made another customer")
	}
	if _, err := s.AuditVerify(ctx); err != nil {
		t.Errorf("audit chain: %v", err)
	}
}
