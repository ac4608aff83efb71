package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"casebook/data"
	"casebook/data/demo"
)

// The benchmarks run on 100,000 demo cases, built once per run in a temporary
// directory (about ten seconds). Targets: cold open ≤ 1 s, a list page or a
// filter ≤ 20 ms, a text search ≤ 50 ms.

const benchCases = 100_000

var (
	benchOnce sync.Once
	benchDir  string
	benchNow  = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
)

func benchDB(b *testing.B) string {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "casebook-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
		s, err := Open(context.Background(), filepath.Join(dir, "bench.db"), WithClock(func() time.Time { return benchNow }))
		if err != nil {
			b.Fatal(err)
		}
		if err := s.LoadDemo(context.Background(), demo.Generate(1, benchCases, benchNow), nil); err != nil {
			b.Fatal(err)
		}
		s.Close()
	})
	return filepath.Join(benchDir, "bench.db")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func benchStore(b *testing.B) *Store {
	s, err := Open(context.Background(), benchDB(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if s.Count() < benchCases {
		b.Fatalf("%d cases", s.Count())
	}
	return s
}

func BenchmarkOpen100k(b *testing.B) {
	path := benchDB(b)
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(context.Background(), path, WithIndex())
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

func benchList(b *testing.B, f data.Filter, srt data.Sort) {
	s := benchStore(b)
	var n int
	b.ResetTimer()
	for b.Loop() {
		rows := s.List(f, srt, benchNow)
		n = len(rows)
		_ = rows[:min(50, len(rows))]
	}
	b.ReportMetric(float64(n), "rows")
}

func BenchmarkListFirstPage100k(b *testing.B) { benchList(b, data.Filter{}, data.Sort{}) }
func BenchmarkListOpenCases100k(b *testing.B) {
	benchList(b, data.Filter{OpenOnly: true}, data.Sort{})
}
func BenchmarkFilterStatus100k(b *testing.B) {
	benchList(b, data.Filter{Statuses: []data.Status{data.StatusInvestigating}}, data.Sort{})
}
func BenchmarkFilterOverdue100k(b *testing.B) { benchList(b, data.Filter{Overdue: true}, data.Sort{}) }
func BenchmarkSortByResolutionDue100k(b *testing.B) {
	benchList(b, data.Filter{}, data.Sort{Key: data.SortResolutionDue, Asc: true})
}
func BenchmarkSearchChinese100k(b *testing.B) {
	benchList(b, data.Filter{Query: "强制购物"}, data.Sort{})
}
func BenchmarkSearchPhone100k(b *testing.B) { benchList(b, data.Filter{Query: "1380"}, data.Sort{}) }
func BenchmarkSearchRare100k(b *testing.B) {
	benchList(b, data.Filter{Query: "玉龙雪山索道"}, data.Sort{})
}

func BenchmarkCreateCase100k(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.CreateCase(ctx, sampleCase()); err != nil {
			b.Fatal(err)
		}
	}
}

// The list's newer filters: category, owner (a person, nobody), kind, a
// received-date range, and all of them with a search over every status.
func BenchmarkFilterCategory100k(b *testing.B) {
	benchList(b, data.Filter{Category: "forced_shopping"}, data.Sort{})
}
func BenchmarkFilterOwnerOpen100k(b *testing.B) {
	benchList(b, data.Filter{Owner: "王芳", OpenOnly: true}, data.Sort{})
}
func BenchmarkFilterUnassigned100k(b *testing.B) {
	benchList(b, data.Filter{NoOwner: true}, data.Sort{})
}
func BenchmarkFilterKind100k(b *testing.B) {
	benchList(b, data.Filter{Kind: data.KindIncident}, data.Sort{})
}
func BenchmarkFilterReceivedMonth100k(b *testing.B) {
	benchList(b, data.Filter{ReceivedFrom: benchNow.AddDate(0, -1, 0), ReceivedTo: benchNow}, data.Sort{})
}
func BenchmarkFilterEverything100k(b *testing.B) {
	benchList(b, data.Filter{Category: "forced_shopping", Kind: data.KindComplaint, Owner: "王芳",
		ReceivedFrom: benchNow.AddDate(-1, 0, 0), ReceivedTo: benchNow, Query: "强制购物"}, data.Sort{Key: data.SortResolutionDue, Asc: true})
}

// BenchmarkAnonymise100k anonymises one customer with a closed case per
// iteration, on a copy of the 100,000 cases: every other case and message
// is read to find what names them there.
func BenchmarkAnonymise100k(b *testing.B) {
	src, err := os.ReadFile(benchDB(b))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "anon.db")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		b.Fatal(err)
	}
	s, err := Open(context.Background(), path, WithClock(func() time.Time { return benchNow }))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var ids []uint64
	seen := map[uint64]bool{}
	for _, r := range s.List(data.Filter{Statuses: []data.Status{data.StatusClosed}}, data.Sort{}, benchNow) {
		c, err := s.CaseByID(context.Background(), r.ID)
		if err == nil && c.CustomerID != 0 && !seen[c.CustomerID] {
			seen[c.CustomerID] = true
			ids = append(ids, c.CustomerID)
		}
		if len(ids) >= 50 {
			break
		}
	}
	i := 0
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.AnonymiseCustomers(context.Background(), []uint64{ids[i%len(ids)]}, "bench"); err != nil {
			var refused *data.AnonymiseRefusedError
			if !errors.As(err, &refused) {
				b.Fatal(err)
			}
		}
		i++
	}
}
