package service

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"casebook/data"
)

// Changes to a customer's tags, VIP flag and notes, and to the knowledge
// base, are in the audit chain with who made them, and the chain verifies.
func TestProfileAndKnowledgeBaseChangesAreAudited(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	c := customerCase(t, svc, data.KindComplaint, data.Customer{Name: "刘女士", Phone: "13700000001"}, now.Add(-time.Hour))
	id := c.CustomerID
	if _, err := svc.Customers.SetTags(ctx, wang, id, []string{"常客"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Customers.SetVIP(ctx, chen, id, true); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Customers.AddNote(ctx, wang, id, "只接受电话联系"); err != nil {
		t.Fatal(err)
	}
	a, err := svc.KB.Add(ctx, boss, data.Article{Title: "行李延误", Body: "请保留行李延误证明。"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.KB.Edit(ctx, chen, a.ID, func(x *data.Article) { x.Body += "\n并拍照。" }); err != nil {
		t.Fatal(err)
	}
	if err := svc.KB.Remove(ctx, chen, a.ID); err != nil {
		t.Fatal(err)
	}
	entries, err := svc.Audit.Recent(ctx, 20)
	if err != nil {
		t.Fatal(err)
	}
	ref := data.CustomerRef(id)
	want := []struct {
		kind     data.AuditKind
		by, what string
	}{
		{data.AuditCustomerProfile, wang.Name, ref + " tags"},
		{data.AuditCustomerProfile, chen.Name, ref + " vip"},
		{data.AuditCustomerProfile, wang.Name, ref + " note"},
		{data.AuditKB, "", ""}, // the default articles, seeded before the first own one
		{data.AuditKB, boss.Name, fmt.Sprintf("article %d added", a.ID)},
		{data.AuditKB, chen.Name, fmt.Sprintf("article %d changed", a.ID)},
		{data.AuditKB, chen.Name, fmt.Sprintf("article %d removed", a.ID)},
	}
	for _, w := range want {
		if !slices.ContainsFunc(entries, func(e data.AuditEntry) bool {
			return e.Kind == w.kind && e.By == w.by && (w.what == "" || e.What == w.what)
		}) {
			t.Errorf("no %s entry %q by %q in %+v", w.kind, w.what, w.by, entries)
		}
	}
	for _, e := range entries {
		if e.Kind == data.AuditCustomerProfile && slices.Contains([]string{e.What, e.Content}, "只接受电话联系") {
			t.Error("the note's text is in the chain")
		}
	}
	if _, err := svc.Audit.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}
