package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// listNumbers runs case list --json with args and returns the case numbers.
func listNumbers(tc *testCLI, args ...string) []string {
	tc.t.Helper()
	var rows []struct {
		Number string `json:"number"`
	}
	if err := json.Unmarshal([]byte(tc.ok(append([]string{"case", "list", "--json"}, args...)...)), &rows); err != nil {
		tc.t.Fatal(err)
	}
	out := []string{}
	for _, r := range rows {
		out = append(out, r.Number)
	}
	slices.Sort(out)
	return out
}

func TestCaseListNewFilters(t *testing.T) {
	tc := newTestCLI(t)
	tc.ok("staff", "add", "王芳", "--role", "owner", "--by", "王芳")
	tc.ok("staff", "add", "小李", "--role", "staff", "--by", "王芳")
	mk := func(kind, category, owner, received string) string {
		return strings.TrimSpace(tc.ok("case", "new", "--customer", "王小明", "--channel", "walkin", "--kind", kind,
			"--category", category, "--severity", "normal", "--subject", "强制购物 "+category, "--owner", owner,
			"--received", received, "--by", "王芳"))
	}
	a := mk("complaint", "forced_shopping", "王芳", "2026-11-01T09:00:00+08:00")
	b := mk("complaint", "meals", "小李", "2026-11-10T23:59:00+08:00")
	c := mk("suggestion", "forced_shopping", "", "2026-11-11T00:00:00+08:00")
	d := mk("request", "other", "王芳", "2026-11-20T10:00:00+08:00")
	tc.ok("case", "move", d, "--to", "declined", "--note", "不属于本社", "--by", "王芳")
	tc.ok("staff", "add", "陈静", "--role", "supervisor", "--by", "王芳")
	tc.ok("case", "set", b, "--escalate", "supervisor", "--by", "王芳")
	tc.login = "陈静"
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{nil, []string{a, b, c, d}},
		{[]string{"--all"}, []string{a, b, c, d}},
		{[]string{"--open"}, []string{a, b, c}},
		{[]string{"--owner", "王芳"}, []string{a, d}},
		{[]string{"--owner", "陈静"}, []string{b}},
		{[]string{"--owner", "none"}, []string{c}},
		{[]string{"--owner", "mine"}, []string{b}}, // the login name (陈静): b was escalated to her
		{[]string{"--escalated"}, []string{b}},
		{[]string{"--escalated", "--owner", "mine", "--by", "陈静"}, []string{b}}, // escalated to me
		{[]string{"--owner", "mine", "--by", "王芳"}, []string{a, d}},             // --by says who "mine" is
		{[]string{"--category", "forced_shopping"}, []string{a, c}},
		{[]string{"--kind", "complaint"}, []string{a, b}},
		{[]string{"--from", "2026-11-11"}, []string{c, d}},
		{[]string{"--to", "2026-11-10"}, []string{a, b}}, // the whole last day, in the agency's zone
		{[]string{"--from", "2026-11-10", "--to", "2026-11-11"}, []string{b, c}},
		{[]string{"--category", "forced_shopping", "--owner", "none", "--kind", "suggestion", "--query", "强制购物"}, []string{c}},
		{[]string{"--owner", "王芳", "--open"}, []string{a}},
		{[]string{"--owner", "nobody-here"}, []string{}},
	} {
		if got := listNumbers(tc, tt.args...); !slices.Equal(got, tt.want) {
			t.Errorf("case list %s: %v, want %v", strings.Join(tt.args, " "), got, tt.want)
		}
	}
	// The text table shows owner and escalation.
	out := tc.ok("case", "list", "--owner", "none")
	if !strings.Contains(out, "Handler") || !strings.Contains(out, "Escalation") || !strings.Contains(out, "Staff") {
		t.Errorf("table without owner and escalation:\n%s", out)
	}
	for _, bad := range []struct {
		code int
		args []string
	}{
		{2, []string{"--all", "--open"}},
		{2, []string{"--all", "--status", "new"}},
		{2, []string{"--from", "11/01/2026"}},
		{2, []string{"--to", "2026-13-01"}},
		{2, []string{"--from", "2026-11-12", "--to", "2026-11-11"}},
		{2, []string{"--kind", "gripe"}},
		{1, []string{"--category", "nosuch"}},
		{1, []string{"--owner", "mine", "--by", "李四"}},
	} {
		if _, errs, code := tc.run(append([]string{"case", "list"}, bad.args...)...); code != bad.code {
			t.Errorf("case list %s: exit %d, want %d: %s", strings.Join(bad.args, " "), code, bad.code, errs)
		}
	}
}
