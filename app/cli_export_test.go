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

// TestExportFromTheCommandLine round-trips the case rows: every case of the
// list in the XLSX, the list's filters in the CSV, an existing file kept
// unless --force, and nothing left behind by a refused export.
func TestExportFromTheCommandLine(t *testing.T) {
	tc := newTestCLI(t)
	tc.ok("demo", "--cases", "200", "--seed", "3")
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "cases.xlsx")
	out := tc.ok("export", "-o", xlsx, "--lang", "zh-Hant", "--by", "王芳")
	if !strings.Contains(out, "200 cases → ") {
		t.Errorf("output %q", out)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("案件")
	f.Close()
	if err != nil || len(rows) != 201 || rows[0][0] != "案件編號" {
		t.Fatalf("%d rows, %v, header %q", len(rows), err, rows[0][:1])
	}
	var list []map[string]any
	json.Unmarshal([]byte(tc.ok("case", "list", "--json")), &list)
	numbers := map[string]bool{}
	for _, r := range rows[1:] {
		numbers[r[0]] = true
	}
	for _, r := range list {
		if !numbers[r["number"].(string)] {
			t.Errorf("case %s missing from the XLSX", r["number"])
		}
	}

	// The file exists: kept, unless --force.
	before, _ := os.ReadFile(xlsx)
	if _, errs, code := tc.run("export", "-o", xlsx, "--by", "王芳"); code != 1 || !strings.Contains(errs, "exists already") {
		t.Errorf("existing file: exit %d: %s", code, errs)
	}
	if after, _ := os.ReadFile(xlsx); !bytes.Equal(before, after) {
		t.Error("an existing file was overwritten without --force")
	}

	// The list's filters select the rows; CSV from the extension.
	var open []map[string]any
	json.Unmarshal([]byte(tc.ok("case", "list", "--open", "--category", "forced_shopping", "--json")), &open)
	csvPath := filepath.Join(dir, "open.csv")
	tc.ok("export", "-o", csvPath, "--open", "--category", "forced_shopping", "--lang", "en", "--by", "王芳")
	b, _ := os.ReadFile(csvPath)
	if !bytes.HasPrefix(b, []byte(sheet.BOM)) {
		t.Error("CSV without BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[len(sheet.BOM):])).ReadAll()
	if err != nil || len(recs) != len(open)+1 {
		t.Fatalf("%d records for %d open cases, %v", len(recs), len(open), err)
	}
	tc.ok("export", "-o", xlsx, "--force", "--format", "csv", "--status", "closed", "--by", "王芳")
	if b, _ := os.ReadFile(xlsx); !bytes.HasPrefix(b, []byte(sheet.BOM)) {
		t.Error("--force --format csv did not replace the file with CSV")
	}

	// Bad input: refused, no file.
	for _, args := range [][]string{
		{"export", "-o", filepath.Join(dir, "x.txt")},
		{"export", "--format", "pdf", "-o", filepath.Join(dir, "x.pdf")},
		{"export", "-o", filepath.Join(dir, "x.csv"), "--lang", "fr"},
		{"export", "-o", filepath.Join(dir, "x.csv"), "--from", "2026/13/01"},
		{"export"},
	} {
		if _, errs, code := tc.run(args...); code != 2 {
			t.Errorf("%v: exit %d: %s", args, code, errs)
		}
	}
	if _, errs, code := tc.run("export", "-o", filepath.Join(dir, "x.csv"), "--category", "nope", "--by", "王芳"); code != 1 {
		t.Errorf("unknown category: exit %d: %s", code, errs)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "x*")); len(left) != 0 {
		t.Errorf("refused exports left %v", left)
	}
	if all, _ := filepath.Glob(filepath.Join(dir, ".casebook-*")); len(all) != 0 {
		t.Errorf("temporary files left: %v", all)
	}
}
