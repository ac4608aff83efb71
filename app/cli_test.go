package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testCLI runs commands against one database with a fixed clock in Asia/Shanghai.
type testCLI struct {
	t     *testing.T
	db    string
	now   time.Time
	loc   *time.Location
	lang  string // en unless a test says otherwise
	login string // the login name, the default of --by
}

func newTestCLI(t *testing.T) *testCLI {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	// The command line speaks the locale's language: English for the golden files.
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "C")
	return &testCLI{t: t, db: filepath.Join(t.TempDir(), "cli.db"),
		now: time.Date(2026, 11, 23, 10, 30, 0, 0, loc), loc: loc, lang: "en", login: "王芳"}
}

// run returns stdout, stderr and the exit code.
func (tc *testCLI) run(args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	c := &cli{stdout: &out, stderr: &errb, dbPath: tc.db, loc: tc.loc, lang: tc.lang,
		now:      func() time.Time { return tc.now },
		login:    func() string { return tc.login },
		startGUI: func(string) error { tc.t.Fatal("GUI started by a command"); return nil }}
	code := c.run(context.Background(), args)
	return out.String(), errb.String(), code
}

func (tc *testCLI) ok(args ...string) string {
	tc.t.Helper()
	out, errs, code := tc.run(args...)
	if code != 0 {
		tc.t.Fatalf("casebook %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	return out
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./app -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestCommandLineFlowGoldenJSON(t *testing.T) {
	tc := newTestCLI(t)
	number := strings.TrimSpace(tc.ok("case", "new", "--customer", "王小明", "--phone", "138 0013 8000",
		"--email", "xm.wang@163.com", "--channel", "walkin", "--kind", "complaint", "--category", "forced_shopping",
		"--severity", "normal", "--subject", "云南六日游导游强制购物", "--description", "在大理玉石店停留两个多小时。",
		"--demand", "退还费用并道歉", "--amount", "1200.50", "--booking", "TB20261101-0042",
		"--product", "云南大理丽江6日游", "--departure", "2026-11-10", "--destination", "大理",
		"--guide", "张导", "--supplier", "大理阳光地接社", "--received", "2026-11-23T09:15:00+08:00",
		"--owner", "王芳", "--by", "王芳"))
	if number != "A-2026-0001" {
		t.Fatalf("number %q", number)
	}
	// 王芳 recorded the first case, so she owns the database; 陈静 joins as supervisor.
	tc.ok("staff", "add", "陈静", "--role", "supervisor", "--by", "王芳")
	tc.now = tc.now.Add(30 * time.Minute)
	tc.ok("case", "move", number, "--to", "acknowledged", "--note", "已电话联系客户", "--by", "王芳")
	tc.now = tc.now.Add(time.Hour)
	tc.ok("case", "note", number, "--text", "客户将补充购物小票照片", "--by", "王芳")
	tc.ok("case", "set", number, "--waiting", "customer", "--by", "王芳", "--note", "等照片")
	tc.now = tc.now.Add(2 * time.Hour)
	tc.ok("case", "set", number, "--waiting", "off", "--owner", "陈静", "--escalate", "supervisor", "--by", "陈静")
	tc.ok("case", "move", number, "--to", "investigating", "--by", "陈静")

	golden(t, "case_show.json", tc.ok("case", "show", number, "--json"))
	golden(t, "case_list.json", tc.ok("case", "list", "--json"))

	// The JSON has exactly the documented names.
	var m map[string]any
	if err := json.Unmarshal([]byte(tc.ok("case", "show", number, "--json")), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"number", "status", "kind", "category", "severity", "channel", "subject",
		"description", "demand", "amount", "customer", "booking", "received_at", "first_response_due",
		"resolution_due", "first_response_at", "resolved_at", "closed_at", "owner", "escalation", "waiting", "timeline"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
}

func TestCommandLineRefusesBadInput(t *testing.T) {
	tc := newTestCLI(t)
	for _, args := range [][]string{
		{"case", "new", "--customer", "x", "--channel", "shop", "--kind", "complaint", "--severity", "low", "--subject", "s"},
		{"case", "new", "--customer", "x", "--channel", "phone", "--kind", "complaint", "--severity", "low"},
		{"case", "new", "--customer", "x", "--channel", "phone", "--kind", "complaint", "--severity", "low", "--subject", "s", "--email", "bad@"},
		{"case", "new", "--customer", "x", "--channel", "phone", "--kind", "complaint", "--severity", "low", "--subject", "s", "--amount", "12,3.456"},
		{"case", "new", "--customer", "x", "--channel", "phone", "--kind", "complaint", "--severity", "low", "--subject", "s", "--received", "yesterday"},
		{"case", "show", "A-2026-9999"},
		{"case", "frobnicate"},
		{"nonsense"},
	} {
		out, errs, code := tc.run(args...)
		if code == 0 || errs == "" || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	out, _, _ := tc.run("case", "list", "--json")
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("refused commands left cases behind: %s", out)
	}
	num := strings.TrimSpace(tc.ok("case", "new", "--customer", "x", "--channel", "phone", "--kind", "complaint", "--severity", "low", "--subject", "s"))
	if _, errs, code := tc.run("case", "move", num, "--to", "closed"); code == 0 || !strings.Contains(errs, "cannot go from “New” to “Closed”; allowed now: Acknowledged, Declined") {
		t.Errorf("illegal move: %d %s", code, errs)
	}
	// A wrong value in "case set" changes nothing, even the valid parts.
	if _, _, code := tc.run("case", "set", num, "--owner", "王芳", "--severity", "huge"); code == 0 {
		t.Error("bad severity accepted")
	}
	if !strings.Contains(tc.ok("case", "show", num, "--json"), `"owner": ""`) {
		t.Error("case set half-applied")
	}
	if _, _, code := tc.run("case", "new", "--help"); code != 0 {
		t.Error("--help should succeed")
	}
}

func TestCommandLineFiltersAndDemo(t *testing.T) {
	tc := newTestCLI(t)
	out := tc.ok("demo", "--cases", "300", "--seed", "3")
	if !strings.Contains(out, "300") {
		t.Errorf("demo output %q", out)
	}
	var all, overdue, open []map[string]any
	json.Unmarshal([]byte(tc.ok("case", "list", "--json")), &all)
	json.Unmarshal([]byte(tc.ok("case", "list", "--overdue", "--json")), &overdue)
	json.Unmarshal([]byte(tc.ok("case", "list", "--status", "new,acknowledged,investigating,proposed,agreed", "--json")), &open)
	if len(all) != 300 || len(open) == 0 || len(open) >= 300 {
		t.Errorf("all %d, open %d", len(all), len(open))
	}
	for _, r := range overdue {
		if r["first_response_sla"] != "overdue" && r["resolution_sla"] != "overdue" {
			t.Errorf("not overdue: %v", r)
		}
	}
	first := all[0]["customer"].(map[string]any)["name"].(string)
	var found []map[string]any
	json.Unmarshal([]byte(tc.ok("case", "list", "--query", first, "--json")), &found)
	if len(found) == 0 {
		t.Errorf("query %q found nothing", first)
	}
}

func TestEmptyFieldsStayInTheJSON(t *testing.T) {
	tc := newTestCLI(t)
	num := strings.TrimSpace(tc.ok("case", "new", "--customer", "Li", "--channel", "phone", "--kind", "praise",
		"--severity", "low", "--subject", "Thanks"))
	var m map[string]any
	if err := json.Unmarshal([]byte(tc.ok("case", "show", num, "--json")), &m); err != nil {
		t.Fatal(err)
	}
	for obj, keys := range map[string][]string{
		"customer": {"name", "phone", "email", "wechat"},
		"booking":  {"ref", "product", "departure", "destination", "guide", "supplier"},
	} {
		for _, k := range keys {
			if _, ok := m[obj].(map[string]any)[k]; !ok {
				t.Errorf("%s.%s missing when empty", obj, k)
			}
		}
	}
}

func TestCaseSetIsAllOrNothing(t *testing.T) {
	tc := newTestCLI(t)
	num := strings.TrimSpace(tc.ok("case", "new", "--customer", "韩梅梅", "--channel", "phone", "--kind", "complaint",
		"--severity", "low", "--subject", "退款慢"))
	tc.ok("case", "move", num, "--to", "declined", "--note", "已超过投诉时效")
	if _, errs, code := tc.run("case", "set", num, "--owner", "王芳", "--waiting", "customer"); code == 0 {
		t.Fatalf("waiting on a declined case accepted: %s", errs)
	}
	if !strings.Contains(tc.ok("case", "show", num, "--json"), `"owner": ""`) {
		t.Error("the owner changed although the command was refused")
	}
	if _, errs, code := tc.run("--db", filepath.Join(t.TempDir(), "typo.db"), "case", "list"); code == 0 || !strings.Contains(errs, "no database") {
		t.Errorf("a mistyped --db: %d %s", code, errs)
	}
	if _, _, code := tc.run("case", "move", num, "--to", "closed"); code == 0 {
		t.Error("declined → closed accepted")
	}
}
