package main

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook/data"
)

// dbMentions reads the database file whole: its bytes, and every DEFLATE
// stream in it decompressed.
func dbMentions(t *testing.T, path, s string) bool {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(s)) {
		return true
	}
	for i := range raw {
		if raw[i] == 1 {
			out, _ := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw[i+1:])), 4<<20))
			if bytes.Contains(out, []byte(s)) {
				return true
			}
		}
	}
	return false
}

func TestCustomerExportAndAnonymiseCommands(t *testing.T) {
	tc := newTestCLI(t)
	number := newCase(tc, "早餐太差")
	tc.ok("agency", "set", "--name", "快乐旅行社")
	tc.ok("case", "note", number, "--text", "王小明又来电", "--by", "王芳")
	dir := filepath.Join(t.TempDir(), "export")
	if _, errs, code := tc.run("customer", "export", number); code != 2 || !strings.Contains(errs, "-o DIR") {
		t.Fatalf("without -o: %d %s", code, errs)
	}
	out := tc.ok("customer", "export", number, "-o", dir, "--lang", "zh-Hans")
	if !strings.Contains(out, "Exported customer #1: 1 cases") {
		t.Fatalf("export: %s", out)
	}
	var ex struct {
		Customer struct{ Name, Phone string }
		Cases    []struct{ Number string }
	}
	b, err := os.ReadFile(filepath.Join(dir, "customer.json"))
	if err != nil || json.Unmarshal(b, &ex) != nil || ex.Customer.Name != "王小明" || len(ex.Cases) != 1 || ex.Cases[0].Number != number {
		t.Fatalf("customer.json: %v %+v", err, ex)
	}
	if _, err := os.Stat(filepath.Join(dir, "customer.pdf")); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := tc.run("customer", "export", "#1", "-o", dir); code != 1 || !strings.Contains(errs, "exists and is not empty") {
		t.Fatalf("into a full folder: %d %s", code, errs)
	}
	if _, errs, code := tc.run("customer", "export", "#99", "-o", filepath.Join(t.TempDir(), "x")); code != 1 || errs == "" {
		t.Fatalf("unknown customer: %d %s", code, errs)
	}
	if _, errs, code := tc.run("customer", "anonymise", number, "--yes"); code != 1 || !strings.Contains(errs, "still open") {
		t.Fatalf("an open case: %d %s", code, errs)
	}
	tc.ok("case", "move", number, "--to", "declined", "--note", "重复投诉")
	if _, errs, code := tc.runIn("n\n", "customer", "anonymise", "#1"); code != 1 || !strings.Contains(errs, "Nothing was anonymised") {
		t.Fatalf("answered no: %d %s", code, errs)
	}
	out, errs, code := tc.runIn("y\n", "customer", "anonymise", "1")
	if code != 0 || !strings.Contains(out, "Anonymised customer #1: cases "+number) || !strings.Contains(out, "Compacted") {
		t.Fatalf("anonymise: %d %s %s", code, out, errs)
	}
	if out := tc.ok("audit", "verify"); !strings.Contains(out, "entries, head") {
		t.Fatalf("verify: %s", out)
	}
	if out := tc.ok("customer", "anonymise", number, "--yes"); !strings.Contains(out, "no personal data any more") {
		t.Fatalf("again: %s", out)
	}
	for _, s := range []string{"王小明", "13800138000"} {
		if dbMentions(t, tc.db, s) {
			t.Errorf("%q is still in the database file", s)
		}
	}
	if !dbMentions(t, tc.db, "客户 #1") {
		t.Error("the scan finds nothing at all")
	}
}

func TestPrivacyDueCommands(t *testing.T) {
	tc := newTestCLI(t)
	old := newCase(tc, "早餐太差")
	tc.ok("case", "move", old, "--to", "declined", "--note", "重复投诉")
	tc.now = tc.now.AddDate(3, 0, 0)
	var due data.RetentionDue
	if err := json.Unmarshal([]byte(tc.ok("privacy", "due", "--json")), &due); err != nil || len(due.Due) != 1 || due.Due[0].Cases[0].Number != old {
		t.Fatalf("due: %v %+v", err, due)
	}
	if out := tc.ok("privacy", "due", "--closed-before", "2020-01-01"); !strings.Contains(out, "Due: 0 customers") {
		t.Fatalf("before 2020: %s", out)
	}
	if _, errs, code := tc.run("privacy", "anonymise", "--yes"); code != 2 || !strings.Contains(errs, "--closed-before") {
		t.Fatalf("no date: %d %s", code, errs)
	}
	tc.ok("staff", "add", "李强", "--role", "staff")
	if _, errs, code := tc.run("privacy", "anonymise", "--closed-before", "2027-01-01", "--yes", "--by", "李强"); code != 1 || errs == "" {
		t.Fatalf("staff: %d %s", code, errs)
	}
	out := tc.ok("privacy", "anonymise", "--closed-before", "2027-01-01", "--yes")
	if !strings.Contains(out, "Anonymised customer #1") {
		t.Fatalf("bulk: %s", out)
	}
	if out := tc.ok("privacy", "due"); !strings.Contains(out, "Due: 0 customers") {
		t.Fatalf("after: %s", out)
	}
	tc.ok("audit", "verify")
}
