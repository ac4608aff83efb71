package store

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// The in-memory customer index, kept current after each commit, agrees with
// one loaded afresh from the file after intake, a correction, a case moved
// to another customer, profile changes and a merge — with searches running
// alongside the writes (go test -race).
func TestCustomerIndexFollowsEveryWrite(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	path := filepath.Join(t.TempDir(), "c.db")
	s := openTest(t, path, clock)
	ctx := context.Background()
	if _, err := s.Customers(ctx, CustomerQuery{}, clock.now()); err != nil { // loaded before the writes
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // searches alongside
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				if _, err := s.Customers(ctx, CustomerQuery{Text: "客"}, clock.now()); err != nil {
					t.Error(err)
					return
				}
			}
		}
	}()
	var cases []data.Case
	for i := range 12 {
		n := sampleCase()
		n.Customer = data.Customer{Name: fmt.Sprintf("客人%d", i%6), Phone: fmt.Sprintf("1380000%04d", i%6)}
		if i%3 == 0 {
			n.Kind = data.KindSuggestion
		}
		n.ReceivedAt = clock.now().Add(-time.Duration(i) * 24 * time.Hour)
		c, err := s.CreateCase(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	// A correction of the name; a case moved to another customer by phone.
	if _, err := s.EditCase(ctx, cases[0].Number, "王芳", data.CaseEdit{Name: new("客人零")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EditCase(ctx, cases[1].Number, "王芳", data.CaseEdit{Phone: new("13800000002"), Customer: data.CustomerMove}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateCustomerProfile(ctx, cases[2].CustomerID, "王芳", "tags", func(p *data.CustomerProfile, _ time.Time) (bool, error) {
		p.VIP = true
		return p.SetTags([]string{"常客"}, nil)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeCustomers(ctx, cases[3].CustomerID, cases[4].CustomerID, "陈静"); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()

	got, err := s.Customers(ctx, CustomerQuery{}, clock.now())
	if err != nil {
		t.Fatal(err)
	}
	fresh := &Store{db: s.db, now: s.now, settings: s.Settings(), notify: func(data.Notice) {}}
	want, err := fresh.Customers(ctx, CustomerQuery{}, clock.now())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range [][]data.CustomerSummary{got, want} {
		for i := range l {
			l[i].Last = l[i].Last.UTC() // rows read from the file are in UTC
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("kept current:\n%+v\nloaded afresh:\n%+v", got, want)
	}
	if len(got) != 5 { // six people, one merged away
		t.Fatalf("%d customers", len(got))
	}
	for _, q := range []string{"客人零", "13800000004", "0000 0004"} {
		list, _ := s.Customers(ctx, CustomerQuery{Text: q}, clock.now())
		if len(list) != 1 {
			t.Errorf("%q: %+v", q, list)
		}
	}
}

// After a merge, mail from the merged record's address counts as the
// customer's on the moved case (a subject tag threads it), though the case
// now carries the kept record's address.
func TestMergedAddressIsTheCustomers(t *testing.T) {
	s := openTest(t, "", nil)
	ctx := context.Background()
	a, b := sampleCase(), sampleCase()
	a.Customer = data.Customer{Name: "张伟", Phone: "13800000001", Email: "zw@163.com"}
	b.Customer = data.Customer{Name: "张伟", Phone: "13900000002", Email: "zhangwei@qq.com"}
	ca, err := s.CreateCase(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := s.CreateCase(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeCustomers(ctx, ca.CustomerID, cb.CustomerID, "陈静"); err != nil {
		t.Fatal(err)
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		l := &txLookup{tx: tx}
		if !l.CaseHasAddress(cb.ID, "ZhangWei@qq.com") || !l.CaseHasAddress(cb.ID, "zw@163.com") || l.CaseHasAddress(cb.ID, "other@qq.com") {
			t.Error("the moved case does not know the customer's addresses")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
