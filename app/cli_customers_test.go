package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// The customer commands: list and search, show, tag, VIP, notes and merge,
// refused to staff, in English and Chinese.
func TestCustomerCommands(t *testing.T) {
	tc := newTestCLI(t)
	tc.ok("staff", "add", "陈静", "--role", "supervisor", "--by", "老板") // 老板 becomes the owner
	tc.ok("staff", "add", "王芳", "--role", "staff", "--by", "老板")
	newCase := func(name, phone, email string) string {
		tc.t.Helper()
		out := tc.ok("case", "new", "--customer", name, "--phone", phone, "--email", email, "--channel", "phone",
			"--kind", "complaint", "--category", "forced_shopping", "--severity", "normal", "--subject", "导游强制购物")
		return strings.TrimSpace(out)
	}
	a := newCase("欧阳明", "13800000001", "")
	b := newCase("欧阳明", "13900000002", "oym@qq.com")
	if out := tc.ok("customer", "list", "--search", "欧阳"); strings.Count(out, "欧阳明") != 2 {
		t.Fatalf("list:\n%s", out)
	}
	out := tc.ok("customer", "list", "--search", "0000 0002", "--json")
	var list []customerJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 || list[0].Phone != "13900000002" {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	other := list[0].Ref
	tc.ok("customer", "tag", a, "--add", "常客,老年团")
	tc.ok("customer", "tag", a, "--remove", "老年团")
	tc.ok("customer", "vip", a, "on")
	tc.ok("customer", "note", b, "下午三点后再打电话")
	if out := tc.ok("customer", "list", "--vip"); !strings.Contains(out, "13800000001") || !strings.Contains(out, "[VIP]") || strings.Contains(out, "13900000002") {
		t.Fatalf("list --vip:\n%s", out)
	}
	if out := tc.ok("customer", "list", "--tag", "常客"); strings.Count(out, "\n") != 1 {
		t.Fatalf("list --tag:\n%s", out)
	}
	// Staff may not merge; a supervisor may.
	if _, errs, code := tc.run("customer", "merge", a, b, "--yes"); code != 1 || !strings.Contains(errs, "may not merge customer records") {
		t.Fatalf("staff merge: exit %d: %s", code, errs)
	}
	out = tc.ok("customer", "merge", a, other, "--yes", "--by", "陈静")
	if !strings.Contains(out, "into #1: cases "+b) || !strings.Contains(out, "1 notes") {
		t.Fatalf("merge: %s", out)
	}
	out = tc.ok("customer", "show", b)
	for _, want := range []string{"#1\t欧阳明\t[VIP]\t[repeat complainant]", "Tags: 常客", "Cases (2):", a, b, "下午三点后再打电话",
		"phone: 13900000002 → 13800000001 (from a merge)", "e-mail: — → oym@qq.com (from a merge)", "Records merged into this one: " + other} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	if _, errs, code := tc.run("customer", "show", other); code != 1 || !strings.Contains(errs, "was merged into #1") {
		t.Fatalf("show merged: exit %d: %s", code, errs)
	}
	if out := tc.ok("case", "show", b); !strings.Contains(out, "Customer record "+other+" merged into #1") {
		t.Fatalf("timeline:\n%s", out)
	}
	tc.lang = "zh-Hans"
	if out := tc.ok("customer", "show", a); !strings.Contains(out, "[重复投诉人]") || !strings.Contains(out, "合并带入") {
		t.Fatalf("show (zh-Hans):\n%s", out)
	}
	if _, errs, code := tc.run("customer", "vip", a, "maybe"); code != 2 || !strings.Contains(errs, "on") {
		t.Fatalf("vip maybe: exit %d: %s", code, errs)
	}
}
