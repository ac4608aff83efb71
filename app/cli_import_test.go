package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook/data/ledger/ledgertest"
)

// casebook import: the mapping, the problems by row and column, the counts,
// in each language; a second import adds nothing; exit 1 when no row can be
// imported.
func TestImportFromTheCommandLine(t *testing.T) {
	tc := newTestCLI(t)
	tc.ok("staff", "add", "老板", "--role", "owner", "--by", "老板")
	tc.ok("staff", "add", "陈静", "--role", "supervisor", "--by", "老板")
	tc.ok("staff", "add", "王芳", "--role", "staff", "--by", "老板")
	dir := t.TempDir()
	gbk, err := ledgertest.CSV(ledgertest.All(), true)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "台账.csv")
	if err := os.WriteFile(path, gbk, 0o600); err != nil {
		t.Fatal(err)
	}
	tc.lang = "zh-Hans"
	out := tc.ok("import", path, "--dry-run", "--by", "陈静")
	for _, want := range []string{"GBK", "B   投诉日期 → 投诉日期 (received)", "第 12 行：B 投诉日期：“2026/13/01”不是有效日期",
		"第 27 行：P 赔偿金额（元）：“约500元”不是金额", "第 42 行：C 客户姓名：客户姓名为空", "将新增 188 个"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run lacks %q:\n%s", want, out)
		}
	}
	out = tc.ok("import", path, "--by", "陈静", "--lang", "en", "--no-warnings")
	if !strings.Contains(out, "200 rows: 188 added, 0 skipped as already imported, 12 refused.") || strings.Contains(out, "(imported)") {
		t.Errorf("import:\n%s", out)
	}
	out = tc.ok("import", path, "--by", "陈静", "--lang", "zh-Hant", "--no-warnings")
	if !strings.Contains(out, "新增 0 個，已匯入過而略過 188 個") {
		t.Errorf("second import:\n%s", out)
	}
	if _, errs, code := tc.run("import", path, "--by", "王芳"); code != 1 || !strings.Contains(errs, "无权") {
		t.Errorf("staff imported: %d %q", code, errs)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("备注,电话\n甲,1390000\n"), 0o600)
	if _, errs, code := tc.run("import", bad, "--by", "陈静"); code != 1 || !strings.Contains(errs, "没有列对应到客户姓名、投诉日期") {
		t.Errorf("no name column: %d %q", code, errs)
	}
	if out, errs, code := tc.run("import", bad, "--by", "陈静", "--map", "备注=customer", "--map", "2=received"); code != 1 ||
		!strings.Contains(errs, "没有可以导入的行") || !strings.Contains(out, "A   备注 → 客户姓名 (customer)") {
		t.Errorf("nothing importable: %d %q %q", code, out, errs)
	}
	if _, errs, code := tc.run("import", bad, "--by", "陈静", "--map", "备注=colour"); code != 1 || !strings.Contains(errs, "未知字段") {
		t.Errorf("bad --map: %d %q", code, errs)
	}
	show := tc.ok("case", "list")
	if !strings.Contains(show, "A-2025-0001") {
		t.Errorf("list after import:\n%s", show)
	}
	tc.lang = "en"
	if show := tc.ok("case", "show", "A-2025-0001"); !strings.Contains(show, "Imported from 台账.csv, row 2, reference TS-2025-001 (as Closed)") {
		t.Errorf("case show lacks the imported event:\n%s", show)
	}
	if js := tc.ok("case", "show", "A-2025-0001", "--json"); !strings.Contains(js, `"imported": {`) || !strings.Contains(js, `"ref": "TS-2025-001"`) {
		t.Errorf("case show --json lacks the origin:\n%s", js)
	}
}
