package sheet

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"casebook/data"
	"casebook/data/present"
	"casebook/data/report"
)

// figures computes the report of November 2026 over cases, with October's
// for the previous columns.
func figures(cases []data.Case) Report {
	st := data.DefaultSettings()
	facts := make([]report.Fact, len(cases))
	for i := range cases {
		facts[i] = report.FactOf(&cases[i], st)
	}
	now := opts("").Now
	p := report.Month(2026, 11, shanghai)
	return Report{Figures: report.Compute(facts, p, st, nil, now), Previous: report.Compute(facts, p.Previous(), st, nil, now)}
}

// The report workbook read back: its sheets in order, frozen headers and
// filters on each, a percentage as a fraction with a % format, money as a
// number with a money format, Chinese intact, every case row there.
func TestReportWorkbookReadBack(t *testing.T) {
	const n = 40
	cases := fixture(n)
	cases[1].Category, cases[1].Booking.Supplier = "meals", "" // a second category, a case without a supplier
	cases[2].FirstResponse.MetAt = cases[2].FirstResponse.Due.Add(time.Hour)
	r := figures(cases)
	var buf bytes.Buffer
	got, err := WriteReport(&buf, r, source(cases), opts("zh-Hans"))
	if err != nil || got != n {
		t.Fatalf("WriteReport = %d, %v", got, err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := present.For("zh-Hans")
	want := ReportSheetNames(p)
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") || want[0] != "汇总" || want[4] != "本期收到的案件" {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	for i, name := range want {
		head := 1
		if i == 0 {
			head = SummaryHeaderRow
		}
		panes, err := f.GetPanes(name)
		if err != nil || !panes.Freeze || panes.YSplit != head {
			t.Errorf("%s: panes %+v, %v: want rows 1–%d frozen", name, panes, err, head)
		}
		filter := false
		for _, d := range f.GetDefinedName() {
			if d.Name == "_xlnm._FilterDatabase" && d.Scope == name && strings.Contains(d.RefersTo, "$A$"+strconv.Itoa(head)) {
				filter = true
			}
		}
		if !filter {
			t.Errorf("%s: no filter from row %d: %+v", name, head, f.GetDefinedName())
		}
	}
	// Every case row, in order.
	rows, err := f.GetRows(want[4])
	if err != nil || len(rows) != n+1 {
		t.Fatalf("cases sheet: %d rows, %v", len(rows), err)
	}
	for i := 1; i <= n; i++ {
		if rows[i][0] != cases[i-1].Number {
			t.Fatalf("case row %d is %q", i, rows[i][0])
		}
	}
	// Summary: find rows by their JSON path.
	sum := want[0]
	srows, _ := f.GetRows(sum)
	if srows[0][0] != "统计期间" || srows[0][1] != "2026-11" || !strings.Contains(srows[4][0], "本期收到的 40 个案件") {
		t.Errorf("summary top %q", srows[:5])
	}
	if got := strings.Join(srows[SummaryHeaderRow-1], "|"); got != "部分|指标|数值|案件数 (n)|总数|JSON 字段|键（casebook report cases KEY）" {
		t.Errorf("summary header %q", got)
	}
	at := map[string]int{} // path → row (1-based)
	for i, r := range srows {
		if len(r) > 5 && i >= SummaryHeaderRow {
			at[r[5]] = i + 1
		}
	}
	style := func(sheet, ref string) (int, string) {
		id, _ := f.GetCellStyle(sheet, ref)
		st, _ := f.GetStyle(id)
		if st.CustomNumFmt != nil {
			return st.NumFmt, *st.CustomNumFmt
		}
		return st.NumFmt, ""
	}
	numeric := func(sheet, ref string) float64 {
		t.Helper()
		typ, _ := f.GetCellType(sheet, ref)
		raw, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
			t.Errorf("%s!%s = %q (type %v): not a number", sheet, ref, raw, typ)
		}
		return v
	}
	sla := r.Figures.Timeliness.FirstResponse.SLA
	row := at["timeliness.first_response.sla.pct"]
	if row == 0 || sla.Pct == nil {
		t.Fatalf("no first-response SLA row (%+v)", sla)
	}
	ref := "C" + strconv.Itoa(row)
	if v := numeric(sum, ref); v != *sla.Pct/100 {
		t.Errorf("SLA cell %v, want %v", v, *sla.Pct/100)
	}
	if nf, _ := style(sum, ref); nf != 10 {
		t.Errorf("SLA cell number format %d, want 10 (0.00%%)", nf)
	}
	if shown, _ := f.GetCellValue(sum, ref); shown != strconv.FormatFloat(*sla.Pct, 'f', 2, 64)+"%" {
		t.Errorf("SLA shows %q (%v)", shown, *sla.Pct)
	}
	if srows[row-1][3] != strconv.Itoa(sla.N) || srows[row-1][4] != strconv.Itoa(sla.Of) || srows[row-1][6] != sla.Key {
		t.Errorf("SLA row %q", srows[row-1])
	}
	row = at["compensation.total.amount"]
	ref = "C" + strconv.Itoa(row)
	if v := numeric(sum, ref); v != float64(r.Figures.Compensation.Total.Amount)/100 || v != 300*n {
		t.Errorf("compensation %v", v)
	}
	if _, cf := style(sum, ref); cf != `"¥"#,##0.00` {
		t.Errorf("compensation format %q", cf)
	}
	if lbl := srows[at["volume.by_category.0.n"]-1][1]; lbl != "按类别 · 导游服务" && !strings.HasPrefix(lbl, "按类别 · 导游") {
		t.Errorf("category label %q", lbl)
	}
	if v := srows[at["satisfaction.mean_rating"]-1][2]; v != "4" {
		t.Errorf("mean rating %q", v)
	}
	// A figure that is null in the JSON is an empty cell.
	if r.Figures.Timeliness.FirstResponse.Urgent.MedianHours != nil {
		t.Fatal("fixture has urgent cases")
	}
	if v := srows[at["timeliness.first_response.urgent.median_hours"]-1][2]; v != "" {
		t.Errorf("a null median shows %q", v)
	}

	// By category: this period and the previous, a change, compensation.
	crows, _ := f.GetRows(want[1])
	if len(crows) != 3 || crows[0][0] != "类别" {
		t.Fatalf("by category %q", crows)
	}
	if crows[1][1] != strconv.Itoa(n-1) || crows[1][2] != "0" || crows[1][6] != "¥0.00" {
		t.Errorf("by category row %q", crows[1])
	}
	// Staff: 王芳 handled every case.
	strows, _ := f.GetRows(want[2])
	found := false
	for _, r := range strows {
		if len(r) > 1 && r[0] == "王芳" && r[1] == strconv.Itoa(n) {
			found = true
		}
	}
	if !found {
		t.Errorf("staff %q", strows)
	}
	// Suppliers: the supplier in Chinese and the case without one.
	surows, _ := f.GetRows(want[3])
	if len(surows) != 3 || surows[1][0] != "漓江地接社" || surows[2][0] != p.ReportLabel("not_recorded") {
		t.Errorf("suppliers %q", surows)
	}
}

// Every number of the JSON report is a Summary row (or its n / of), at
// its path, with its key.
func TestSummaryRowsCoverTheJSON(t *testing.T) {
	cases := fixture(12)
	cases[3].Booking.Supplier = "桂林酒店"
	r := figures(cases)
	b, err := json.Marshal(r.Figures)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, row := range SummaryRows(r.Figures) {
		covered[row.Path] = true
		parent := row.Path[:strings.LastIndex(row.Path, ".")]
		if row.N != nil {
			covered[parent+".n"] = true
		}
		if row.Of != nil {
			covered[parent+".of"] = true
		}
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(strings.TrimPrefix(path+"."+k, "."), x)
			}
		case []any:
			for i, x := range v {
				walk(path+"."+strconv.Itoa(i), x)
			}
		case float64:
			if !covered[path] {
				t.Errorf("%s = %v is in no Summary row", path, v)
			}
		}
	}
	walk("", doc)
}
