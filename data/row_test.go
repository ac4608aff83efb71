package data

import (
	"testing"
	"time"
)

func TestRowEncodingRoundTrip(t *testing.T) {
	st := DefaultSettings()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)
	c := NewCaseFrom(NewCase{
		Kind: KindComplaint, Category: "meals", Severity: SeverityNormal, Channel: ChannelPhone,
		Subject: "团餐标准不符", Description: "十菜一汤变成六菜", ReceivedAt: now, By: "王芳",
		Customer: Customer{Name: "李雷", Phone: "13912345678", Email: "li@qq.com"},
		Booking:  Booking{Ref: "TB-1"},
	}, 7, "A-2026-0007", 3, st, now)
	if err := c.SetWaiting(st, WaitingSupplier, "王芳", "", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	r := RowOf(&c)
	got, err := DecodeRow(EncodeRow(r))
	if err != nil {
		t.Fatal(err)
	}
	if got.Number != r.Number || got.hay != r.hay || !got.ReceivedAt.Equal(r.ReceivedAt) ||
		!got.First.PausedAt.Equal(r.First.PausedAt) || got.First.Remaining != r.First.Remaining ||
		got.Waiting != WaitingSupplier || got.CustomerID != 3 || got.Subject != "团餐标准不符" {
		t.Errorf("round trip:\n%+v\n%+v", r, got)
	}
	if _, err := DecodeRow(EncodeRow(r)[:20]); err == nil {
		t.Error("truncated row decoded")
	}
}

func TestListIndexPutKeepsOrderAndSnapshots(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var rows []*Row
	for i := 1; i <= 40; i++ {
		rows = append(rows, &Row{ID: uint64(i), ReceivedAt: base.Add(time.Duration(i%7) * time.Hour)})
	}
	x := NewListIndex(rows[:10])
	snapshot := x.List(Filter{}, Sort{}, base)
	x.Put(rows[10:]...)                                       // merge path
	x.Put(&Row{ID: 3, ReceivedAt: base.Add(100 * time.Hour)}) // replace path
	if len(snapshot) != 10 {
		t.Fatalf("snapshot changed: %d", len(snapshot))
	}
	all := x.List(Filter{}, Sort{}, base)
	if len(all) != 40 || all[0].ID != 3 {
		t.Fatalf("after put: %d rows, first %d", len(all), all[0].ID)
	}
	for i := 1; i < len(all); i++ {
		if newerFirst(all[i-1], all[i]) > 0 {
			t.Fatalf("out of order at %d", i)
		}
	}
	asc := x.List(Filter{}, Sort{Asc: true}, base)
	if asc[len(asc)-1].ID != 3 {
		t.Errorf("ascending order wrong")
	}
}
