package store

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
	"casebook/data/report"
)

// TestReportFactsFollowWrites: every write keeps the case's fact equal to
// report.FactOf of the case, and a database without facts gets them at open.
func TestReportFactsFollowWrites(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	path := filepath.Join(t.TempDir(), "f.db")
	s := openTest(t, path, clock)
	ctx := context.Background()
	c, err := s.CreateCase(ctx, sampleCase())
	if err != nil {
		t.Fatal(err)
	}
	clock.set(clock.t.Add(2 * time.Hour))
	if c, err = s.Move(ctx, c.Number, data.StatusAcknowledged, "王芳", ""); err != nil {
		t.Fatal(err)
	}
	same := func(when string) {
		t.Helper()
		facts, err := s.ReportFacts(ctx, time.Time{}, clock.now().Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		cur, _ := s.Case(ctx, c.Number)
		want, _ := report.DecodeFact(report.EncodeFact(new(report.FactOf(&cur, s.Settings())))) // times in one zone
		a, _ := json.Marshal(facts)
		b, _ := json.Marshal([]report.Fact{want})
		if string(a) != string(b) {
			t.Errorf("%s: stored facts\n%s\nwant\n%s", when, a, b)
		}
	}
	same("after acknowledging")
	if want := 2 * time.Hour; true {
		facts, _ := s.ReportFacts(ctx, time.Time{}, clock.now())
		if got := facts[0].First.Used; got != want {
			t.Errorf("first response used %v, want %v", got, want)
		}
	}
	if facts, _ := s.ReportFacts(ctx, time.Time{}, c.ReceivedAt); len(facts) != 0 {
		t.Errorf("a case received at the limit was included: %d", len(facts))
	}
	s.Close()

	// An older build's database: no facts. Open builds them.
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketFacts); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(metaFactsVer)
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s = openTest(t, path, clock)
	same("after the backfill")
}

// BenchmarkReport100k is the monthly report over 100,000 demo cases: read
// the facts, compute every figure. The README quotes its time.
func BenchmarkReport100k(b *testing.B) {
	s := benchStore(b)
	st := s.Settings()
	p := report.MonthOf(benchNow, st.Calendar.Zone())
	b.ResetTimer()
	var fig report.Figures
	for b.Loop() {
		facts, err := s.ReportFacts(context.Background(), p.Since(st), p.To)
		if err != nil {
			b.Fatal(err)
		}
		fig = report.Compute(facts, p, st, nil, benchNow)
	}
	b.StopTimer()
	b.Logf("%s: %d received, %d open at the end, first response median %v h; %.0f ms per report",
		fig.Period.Label, fig.Volume.Received.N, fig.Volume.OpenAtEnd.N, deref(fig.Timeliness.FirstResponse.All.MedianHours),
		float64(b.Elapsed().Milliseconds())/float64(b.N))
}

// BenchmarkReportFromCases100k is the same report from the case records, as
// a database without facts would need: the reason the facts exist.
func BenchmarkReportFromCases100k(b *testing.B) {
	s := benchStore(b)
	st := s.Settings()
	p := report.MonthOf(benchNow, st.Calendar.Zone())
	b.ResetTimer()
	for b.Loop() {
		var facts []report.Fact
		if err := s.db.View(func(tx *bolt.Tx) error { return s.factsFromCases(context.Background(), tx, p.Since(st), p.To, &facts) }); err != nil {
			b.Fatal(err)
		}
		report.Compute(facts, p, st, nil, benchNow)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
