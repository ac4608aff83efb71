package service

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"casebook/data"
	"casebook/data/sheet"
)

// demoService is a service holding n demo cases.
func demoService(t testing.TB, n int) *Service {
	t.Helper()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	svc, err := Open(context.Background(), t.TempDir()+"/c.db", Options{
		Now: func() time.Time { return now }, DocsDir: t.TempDir(), Passwords: fakePasswords{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	if err := svc.LoadDemo(context.Background(), boss, n, 1, nil); err != nil {
		t.Fatal(err)
	}
	return svc
}

func TestExportCasesXLSXEveryRowAndAudited(t *testing.T) {
	const n = 2000
	svc := demoService(t, n)
	ctx := context.Background()
	var buf bytes.Buffer
	var last, total int
	got, err := svc.Documents.ExportCases(ctx, wang, data.Filter{}, data.ExportXLSX, "zh-Hans", &buf,
		func(done, tot int) { last, total = done, tot })
	if err != nil || got != n {
		t.Fatalf("ExportCases = %d, %v", got, err)
	}
	if last != n || total != n {
		t.Errorf("progress ended at %d of %d", last, total)
	}
	lastEntry(t, svc, data.AuditExport, "cases:xlsx:2000")
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("案件")
	if err != nil || len(rows) != n+1 {
		t.Fatalf("%d rows, %v; want %d and the header", len(rows), err, n)
	}
	// Oldest received first, every case once.
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		seen[r[0]] = true
	}
	if len(seen) != n {
		t.Errorf("%d distinct numbers", len(seen))
	}
	all := svc.Cases.List(data.Filter{}, data.Sort{Key: data.SortReceived, Asc: true}, svc.Now())
	if rows[1][0] != all[0].Number || rows[n][0] != all[n-1].Number {
		t.Errorf("first/last %s/%s, want %s/%s", rows[1][0], rows[n][0], all[0].Number, all[n-1].Number)
	}
}

func TestExportCasesCSVFilterAndLanguage(t *testing.T) {
	svc := demoService(t, 300)
	ctx := context.Background()
	f := data.Filter{Statuses: []data.Status{data.StatusClosed}}
	want := len(svc.Cases.List(f, data.Sort{}, svc.Now()))
	if want == 0 || want == 300 {
		t.Fatalf("demo has %d closed cases of 300: the filter test needs some", want)
	}
	var buf bytes.Buffer
	got, err := svc.Documents.ExportCases(ctx, wang, f, data.ExportCSV, "en", &buf, nil)
	if err != nil || got != want {
		t.Fatalf("ExportCases = %d, %v; want %d", got, err, want)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte(sheet.BOM)))).ReadAll()
	if err != nil || len(recs) != want+1 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	st := sheet.ColumnIndex("status")
	for _, r := range recs[1:] {
		if r[st] != "Closed" {
			t.Fatalf("status %q in a closed-only export", r[st])
		}
	}
	lastEntry(t, svc, data.AuditExport, "cases:csv:"+strconv.Itoa(want))
}

func TestExportCasesRefusesBadInput(t *testing.T) {
	svc, _ := newTestService(t)
	ctx := context.Background()
	if _, err := svc.Documents.ExportCases(ctx, wang, data.Filter{}, "pdf", "", &bytes.Buffer{}, nil); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("format pdf: %v", err)
	}
	if _, err := svc.Documents.ExportCases(ctx, wang, data.Filter{}, data.ExportCSV, "fr", &bytes.Buffer{}, nil); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("lang fr: %v", err)
	}
	if _, err := svc.Documents.ExportCases(ctx, data.Actor{Name: "x", Role: "guest"}, data.Filter{}, data.ExportCSV, "", &bytes.Buffer{}, nil); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("unknown role: %v", err)
	}
}

// TestExportCases100k is the measure: 100,000 demo cases to XLSX in
// at most 15 s with bounded memory, read back with every row. Long: run it
// with CASEBOOK_LONG=1 (make export-bench).
func TestExportCases100k(t *testing.T) {
	if os.Getenv("CASEBOOK_LONG") == "" {
		t.Skip("set CASEBOOK_LONG=1 to export 100,000 demo cases")
	}
	const n = 100_000
	var svc *Service
	if db := os.Getenv("CASEBOOK_EXPORT_DB"); db != "" { // a database of n demo cases made before: measure the export alone
		var err error
		if svc, err = Open(context.Background(), db, Options{Passwords: fakePasswords{}, DocsDir: t.TempDir()}); err != nil {
			t.Fatal(err)
		}
		defer svc.Close()
	} else {
		svc = demoService(t, n)
	}
	path := t.TempDir() + "/cases.xlsx"
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	svc.Cases.Count() // the case list index is held by a running Casebook anyway: loaded before the baseline
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	peak := uint64(0)
	start := time.Now()
	got, err := svc.Documents.ExportCases(context.Background(), boss, data.Filter{}, data.ExportXLSX, "zh-Hans", out,
		func(done, _ int) {
			if done%10_000 == 0 {
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapAlloc)
			}
		})
	took := time.Since(start)
	if err != nil || got != n {
		t.Fatalf("ExportCases = %d, %v", got, err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	runtime.GC()
	var live runtime.MemStats
	runtime.ReadMemStats(&live)
	fi, _ := os.Stat(path)
	t.Logf("%d cases → %.1f MB XLSX in %v; live heap before %.0f MB (the case list), peak heap seen %.0f MB, live after %.0f MB, total allocated %.0f MB",
		n, float64(fi.Size())/1e6, took.Round(time.Millisecond), float64(before.HeapAlloc)/1e6, float64(peak)/1e6,
		float64(live.HeapAlloc)/1e6, float64(after.TotalAlloc-before.TotalAlloc)/1e6)
	if took > 15*time.Second {
		t.Errorf("took %v, want ≤ 15 s", took)
	}
	// Read back as a stream: every row is there.
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, err := f.Rows("案件")
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	for rs.Next() {
		count++
	}
	if err := rs.Close(); err != nil {
		t.Fatal(err)
	}
	if count != n+1 {
		t.Errorf("read back %d rows, want %d and the header", count, n)
	}
}

func TestExportCasesToReplacesOnlyWhenComplete(t *testing.T) {
	svc := demoService(t, 50)
	ctx := context.Background()
	path := t.TempDir() + "/cases.csv"
	os.WriteFile(path, []byte("old"), 0o600)
	ctx2, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := svc.Documents.ExportCasesTo(ctx2, wang, data.Filter{}, data.ExportCSV, path, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled export: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("a cancelled export touched the file: %q", b)
	}
	n, err := svc.Documents.ExportCasesTo(ctx, wang, data.Filter{}, data.ExportCSV, path, nil)
	if err != nil || n != 50 {
		t.Fatalf("ExportCasesTo = %d, %v", n, err)
	}
	if b, _ := os.ReadFile(path); !bytes.HasPrefix(b, []byte(sheet.BOM)) {
		t.Errorf("file not replaced: %q", b[:10])
	}
	if _, err := svc.Documents.ExportCasesTo(ctx, wang, data.Filter{}, data.ExportCSV, "/nonexistent-dir/x.csv", nil); err == nil {
		t.Error("export into a missing folder succeeded")
	}
}
