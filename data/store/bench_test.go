package store

import (
	"context"
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
