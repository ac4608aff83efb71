package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"casebook/data/sheet"
)

// casebook report as files: the workbook, the CSV and the JSON of a month
// round-trip with the same count of cases; the format follows -o's
// extension; an existing file is kept unless --force; a file format is
// refused on the screen, in the user's language; the PDF from -o's
// extension.
func TestReportFilesFromTheCommandLine(t *testing.T) {
	tc := todayFixture(t) // five cases received in November 2026
	dir := t.TempDir()
	xlsx, csvPath, js := filepath.Join(dir, "报告.xlsx"), filepath.Join(dir, "r.csv"), filepath.Join(dir, "r.json")

	out := tc.ok("report", "--period", "2026-11", "--format", "xlsx", "-o", xlsx, "--lang", "zh-Hans", "--by", "老板")
	if !strings.Contains(out, "report 2026-11 (xlsx) → "+xlsx) {
		t.Errorf("output %q", out)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	cases, _ := f.GetRows("本期收到的案件")
	f.Close()
	if strings.Join(sheets, ",") != "汇总,按类别,员工,供应商,本期收到的案件" || len(cases) != 6 {
		t.Fatalf("sheets %v, %d case rows", sheets, len(cases)-1)
	}

	tc.ok("report", "--period", "2026-11", "-o", csvPath, "--by", "老板") // csv from the extension
	b, _ := os.ReadFile(csvPath)
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(sheet.BOM)))).ReadAll()
	if !bytes.HasPrefix(b, []byte(sheet.BOM)) || err != nil || len(recs) != 6 || recs[0][0] != "Case number" {
		t.Fatalf("CSV: %d records, %v, %q", len(recs), err, b[:min(len(b), 40)])
	}

	tc.ok("report", "--period", "2026-11", "-o", js, "--by", "老板") // json from the extension
	var fig struct {
		Volume struct {
			Received struct{ N int } `json:"received"`
		} `json:"volume"`
	}
	if b, _ := os.ReadFile(js); json.Unmarshal(b, &fig) != nil || fig.Volume.Received.N != 5 {
		t.Errorf("JSON file: received %d: %s", fig.Volume.Received.N, b)
	}

	// An existing file is kept without --force and replaced with it.
	before, _ := os.ReadFile(xlsx)
	if _, errs, code := tc.run("report", "--period", "2026-11", "-o", xlsx, "--by", "老板"); code != 1 || !strings.Contains(errs, "exists already") {
		t.Errorf("existing file: exit %d: %s", code, errs)
	}
	if after, _ := os.ReadFile(xlsx); !bytes.Equal(before, after) {
		t.Error("an existing file was replaced without --force")
	}
	tc.ok("report", "--period", "2026-11", "-o", xlsx, "--format", "csv", "--force", "--by", "老板")
	if b, _ := os.ReadFile(xlsx); !bytes.HasPrefix(b, []byte(sheet.BOM)) {
		t.Error("--force --format csv did not replace the file")
	}

	// A file format on the screen: refused, in the user's language.
	for _, c := range []struct {
		lang string
		args []string
		says string
	}{
		{"en", []string{"report", "--format", "xlsx", "--by", "老板"}, "give -o FILE"},
		{"en", []string{"report", "--format", "csv", "-o", "-", "--by", "老板"}, "give -o FILE"},
		{"zh-Hans", []string{"report", "--format", "xlsx", "--by", "老板"}, "请用 -o 文件 指定"},
		{"zh-Hant", []string{"report", "--format", "pdf", "--by", "老板"}, "請用 -o 檔案 指定"},
	} {
		tc.lang = c.lang
		out, errs, code := tc.run(c.args...)
		if code != 2 || !strings.Contains(errs, c.says) || out != "" {
			t.Errorf("%s %v: exit %d, stdout %d bytes, %q", c.lang, c.args, code, len(out), errs)
		}
	}
	tc.lang = "en"
	// pdf: from the extension too, on the agency's letterhead.
	tc.ok("agency", "set", "--name", "北京晴空国际旅行社有限公司", "--by", "老板")
	pdf := filepath.Join(dir, "r.pdf")
	tc.ok("report", "--period", "2026-11", "-o", pdf, "--lang", "zh-Hant", "--by", "老板")
	if b, _ := os.ReadFile(pdf); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("report -o r.pdf wrote %q", b[:min(len(b), 8)])
	}
	// Staff may not write the report: refused, nothing left.
	staff := filepath.Join(dir, "staff.xlsx")
	if _, errs, code := tc.run("report", "-o", staff, "--by", "王芳"); code != 1 || !strings.Contains(errs, "Supervisor") {
		t.Errorf("staff: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(staff); !os.IsNotExist(err) {
		t.Errorf("a refused report left a file: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".casebook-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
