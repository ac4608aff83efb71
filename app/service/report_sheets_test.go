package service

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"casebook/data"
	"casebook/data/present"
	"casebook/data/report"
	"casebook/data/sheet"
)

// The same figures from JSON and from the XLSX read back: every Summary
// row's value, n, of and key equal the JSON's at the row's path, every
// number of the JSON is on the sheet, and the Cases sheet and the CSV hold
// the cases received in the period, every one. Both files are audited.
func TestReportXLSXAgreesWithJSON(t *testing.T) {
	svc := demoService(t, 600)
	ctx := context.Background()
	// Three paid cases this month, two recovered from their supplier, so
	// the compensation figures have amounts whatever the demo pays.
	for i, sup := range []string{"漓江地接社", "漓江地接社", "南方航空"} {
		c, err := svc.Cases.Create(ctx, boss, data.NewCase{Kind: data.KindComplaint, Category: []string{"meals", "forced_shopping", "transport_delay"}[i],
			Severity: data.SeverityNormal, Channel: data.ChannelPhone, Subject: "赔偿测试", Booking: data.Booking{Supplier: sup},
			Customer: data.Customer{Name: "赵六", Phone: "1390000000" + strconv.Itoa(i)}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Cases.SetFindings(ctx, boss, c.Number, data.Findings{Responsibility: data.ResponsibilitySupplier,
			Remedies: []data.Remedy{{Kind: data.RemedyRefund, Amount: data.Money(300_00 * (i + 1)), Recovered: data.Money(100_00 * i)},
				{Kind: data.RemedyVoucher, Amount: 50_25}}}); err != nil {
			t.Fatal(err)
		}
		for _, to := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed, data.StatusAgreed} {
			if _, err := svc.Cases.Move(ctx, boss, c.Number, to, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, spec := range []string{"2026-11", "2026-Q4"} {
		p, err := svc.Reports.Period(spec, "", "")
		if err != nil {
			t.Fatal(err)
		}
		var js, xl, cs bytes.Buffer
		if err := svc.Reports.Write(ctx, boss, p, data.ReportJSON, "en", &js); err != nil {
			t.Fatal(err)
		}
		if err := svc.Reports.Write(ctx, boss, p, data.ReportXLSX, "zh-Hans", &xl); err != nil {
			t.Fatal(err)
		}
		var fig report.Figures
		if err := json.Unmarshal(js.Bytes(), &fig); err != nil {
			t.Fatal(err)
		}
		received := fig.Volume.Received.N
		if k := fig.Compensation; k.Total.Amount < 1800_00+3*50_25 || k.Recovered.Amount < 300_00 || len(k.BySupplier) < 2 {
			t.Errorf("%s: compensation %+v", spec, k)
		}
		if received < 10 {
			t.Fatalf("%s: %d cases received: the test needs a busy period", spec, received)
		}
		lastEntry(t, svc, data.AuditExport, "report:xlsx:"+strconv.Itoa(received))
		var doc any
		if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&xl)
		if err != nil {
			t.Fatal(err)
		}
		names := sheet.ReportSheetNames(present.For("zh-Hans"))
		rows, err := f.GetRows(names[0], excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		keys := report.Keys(fig)
		covered := map[string]bool{}
		checked := 0
		for i, r := range rows[sheet.SummaryHeaderRow:] {
			r = append(r, make([]string, len(sheet.SummaryColumns))...)
			value, n, of, path, key := r[2], r[3], r[4], r[5], r[6]
			where := spec + " summary row " + strconv.Itoa(i+sheet.SummaryHeaderRow+1) + " " + path
			parentPath := path[:strings.LastIndex(path, ".")]
			parent, _ := lookup(doc, parentPath).(map[string]any)
			want := lookup(doc, path)
			covered[path] = true
			switch w := want.(type) {
			case nil:
				if value != "" {
					t.Errorf("%s: %q where the JSON has null", where, value)
				}
			case float64:
				got, err := strconv.ParseFloat(value, 64)
				if strings.HasSuffix(path, ".pct") {
					got *= 100
				}
				if err != nil || math.Abs(got-w) > 1e-9 {
					t.Errorf("%s: %q, JSON %v", where, value, w)
				}
			default:
				t.Errorf("%s: JSON has %T", where, want)
			}
			for _, c := range []struct{ name, cell string }{{"n", n}, {"of", of}} {
				if c.cell == "" {
					continue
				}
				covered[parentPath+"."+c.name] = true
				if w, ok := parent[c.name].(float64); !ok || strconv.FormatFloat(w, 'f', -1, 64) != c.cell {
					t.Errorf("%s: %s %q, JSON %v", where, c.name, c.cell, parent[c.name])
				}
			}
			if key != "" {
				if k, _ := parent["key"].(string); k != key && !slices.Contains(keys, key) {
					t.Errorf("%s: key %q, JSON %q", where, key, k)
				}
			}
			checked++
		}
		walkNumbers(doc, "", func(path string) {
			if !covered[path] {
				t.Errorf("%s: %s of the JSON is on no Summary row", spec, path)
			}
		})
		// By category and Suppliers: this period's counts and compensation,
		// the previous period's counts, as the two periods' JSON has them.
		prev, err := svc.Reports.Figures(ctx, boss, p.Previous())
		if err != nil {
			t.Fatal(err)
		}
		pr := present.For("zh-Hans")
		st := svc.Settings.Get()
		for _, d := range []struct {
			sheet, dim string
			cur, prev  []report.Bucket
			amounts    []report.Amount
		}{{names[1], "category", fig.Volume.ByCategory, prev.Volume.ByCategory, fig.Compensation.ByCategory},
			{names[3], "supplier", fig.Volume.BySupplier, prev.Volume.BySupplier, fig.Compensation.BySupplier}} {
			rows, _ := f.GetRows(d.sheet, excelize.Options{RawCellValue: true})
			byName := map[string][]string{}
			for _, r := range rows[1:] {
				byName[r[0]] = r
			}
			for _, b := range d.cur {
				r := byName[pr.ReportValue(st, d.dim, b.Value)]
				if len(r) < 8 || r[1] != strconv.Itoa(b.N) || r[7] != b.Key {
					t.Errorf("%s %s: %q, want %d %s", d.sheet, b.Value, r, b.N, b.Key)
				}
			}
			for _, b := range d.prev {
				if r := byName[pr.ReportValue(st, d.dim, b.Value)]; len(r) < 3 || r[2] != strconv.Itoa(b.N) {
					t.Errorf("%s %s previous: %q, want %d", d.sheet, b.Value, r, b.N)
				}
			}
			for _, a := range d.amounts {
				r := byName[pr.ReportValue(st, d.dim, a.Value)]
				if len(r) < 6 || r[5] == "" {
					t.Errorf("%s %s compensation: %q", d.sheet, a.Value, r)
					continue
				}
				if v, err := strconv.ParseFloat(r[5], 64); err != nil || math.Abs(v*100-float64(a.Amount)) > 1e-6 {
					t.Errorf("%s %s compensation: %q, want %s", d.sheet, a.Value, r, a.Amount)
				}
			}
		}

		cases, err := f.GetRows(names[4])
		if err != nil || len(cases)-1 != received {
			t.Errorf("%s: Cases sheet %d rows, %v; want %d", spec, len(cases)-1, err, received)
		}
		want := svc.Cases.List(ReportCasesFilter(p), data.Sort{Key: data.SortReceived, Asc: true}, svc.Now())
		for i, c := range want {
			if i+1 < len(cases) && cases[i+1][0] != c.Number {
				t.Fatalf("%s: case row %d is %s, want %s", spec, i+1, cases[i+1][0], c.Number)
			}
		}
		f.Close()
		if checked < 100 {
			t.Errorf("%s: only %d figures checked", spec, checked)
		}

		// CSV: the same cases, UTF-8 with a BOM.
		if err := svc.Reports.Write(ctx, boss, p, data.ReportCSV, "zh-Hant", &cs); err != nil {
			t.Fatal(err)
		}
		lastEntry(t, svc, data.AuditExport, "report:csv:"+strconv.Itoa(received))
		if !bytes.HasPrefix(cs.Bytes(), []byte(sheet.BOM)) {
			t.Fatalf("%s: the CSV has no BOM", spec)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(cs.Bytes(), []byte(sheet.BOM)))).ReadAll()
		if err != nil || len(recs)-1 != received {
			t.Fatalf("%s: CSV %d rows, %v; want %d", spec, len(recs)-1, err, received)
		}
		if recs[0][0] != "案件編號" {
			t.Errorf("CSV header %q", recs[0][:3])
		}
		for i, c := range want {
			if recs[i+1][0] != c.Number {
				t.Fatalf("%s: CSV row %d is %s, want %s", spec, i+1, recs[i+1][0], c.Number)
			}
		}
	}
}

// lookup finds a dotted path (volume.by_kind.0.n) in a decoded JSON document.
func lookup(doc any, path string) any {
	for part := range strings.SplitSeq(path, ".") {
		switch d := doc.(type) {
		case map[string]any:
			doc = d[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(d) {
				return nil
			}
			doc = d[i]
		default:
			return nil
		}
	}
	return doc
}

// walkNumbers calls fn with the path of every number in doc.
func walkNumbers(doc any, path string, fn func(string)) {
	switch d := doc.(type) {
	case map[string]any:
		for k, v := range d {
			walkNumbers(v, strings.TrimPrefix(path+"."+k, "."), fn)
		}
	case []any:
		for i, v := range d {
			walkNumbers(v, path+"."+strconv.Itoa(i), fn)
		}
	case float64:
		fn(path)
	}
}

// The report files through WriteTo: complete or absent, refused to staff
// before anything is written or audited.
func TestReportWriteToSheets(t *testing.T) {
	svc, _ := newTestService(t)
	ctx := context.Background()
	newTestCase(t, svc, boss)
	p, _ := svc.Reports.Period("2026-11", "", "")
	dir := t.TempDir()
	for _, format := range []data.ReportFormat{data.ReportXLSX, data.ReportCSV} {
		path := filepath.Join(dir, "r."+string(format))
		if err := svc.Reports.WriteTo(ctx, boss, p, format, "", path); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(path); err != nil || fi.Size() < 100 {
			t.Errorf("%s: %v %v", format, fi, err)
		}
		lastEntry(t, svc, data.AuditExport, "report:"+string(format)+":1")
	}
	path := filepath.Join(dir, "staff.xlsx")
	if err := svc.Reports.WriteTo(ctx, wang, p, data.ReportXLSX, "", path); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff wrote the report: %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused report left %s: %v", path, err)
	}
	lastEntry(t, svc, data.AuditExport, "report:csv:1")
}
