package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestCaseApproveFromTheCommandLine(t *testing.T) {
	tc := newTestCLI(t)
	tc.ok("staff", "add", "老板", "--role", "owner", "--by", "老板")
	tc.ok("staff", "add", "王芳", "--role", "staff", "--by", "老板")
	tc.ok("staff", "add", "陈静", "--role", "supervisor", "--by", "老板")
	tc.ok("agency", "set", "--name", "北京晴空国际旅行社有限公司", "--by", "老板")
	propose := func(by, amount string, waits bool) string {
		n := strings.TrimSpace(tc.ok("case", "new", "--customer", "王小明", "--phone", "13800138000", "--channel", "walkin",
			"--kind", "complaint", "--category", "forced_shopping", "--severity", "normal", "--subject", "强制购物", "--by", by))
		tc.ok("case", "move", n, "--to", "acknowledged", "--by", by)
		tc.ok("case", "move", n, "--to", "investigating", "--by", by)
		tc.ok("case", "findings", n, "--decision", "退还购物款", "--remedy", "refund:"+amount, "--by", by)
		out := tc.ok("case", "move", n, "--to", "proposed", "--by", by)
		if strings.Contains(out, "Awaiting approval by") != waits {
			t.Errorf("%s proposing %s: waits %v?\n%s", by, amount, waits, out)
		}
		return n
	}
	n := propose("王芳", "800", true)
	if show := tc.ok("case", "show", n); !strings.Contains(show, "Awaiting approval by a supervisor (total ¥800.00)") &&
		!strings.Contains(show, "Awaiting approval by a supervisor (total CNY 800.00)") {
		t.Errorf("show:\n%s", show)
	}
	var shown struct {
		A *struct {
			Total      float64 `json:"total"`
			ProposedBy string  `json:"proposed_by"`
		} `json:"awaiting_approval"`
	}
	if err := json.Unmarshal([]byte(tc.ok("case", "show", n, "--json")), &shown); err != nil || shown.A == nil ||
		shown.A.Total != 800 || shown.A.ProposedBy != "王芳" {
		t.Errorf("show --json: %v %+v", err, shown.A)
	}
	pdf := filepath.Join(t.TempDir(), "solution.pdf")
	if _, errs, code := tc.run("letter", n, "--type", "solution", "-o", pdf, "--by", "王芳"); code != 1 || !strings.Contains(errs, "waits for approval") {
		t.Errorf("letter before approval: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("case", "move", n, "--to", "agreed", "--by", "王芳"); code != 1 || !strings.Contains(errs, "waits for approval") {
		t.Errorf("agreement before approval: exit %d: %s", code, errs)
	}
	// Staff may not approve; a refusal needs a reason.
	if _, errs, code := tc.run("case", "approve", n, "--by", "王芳"); code != 1 || !strings.Contains(errs, "王芳 (Staff) may not approve") {
		t.Errorf("staff approving: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("case", "approve", n, "--refuse", "--by", "陈静"); code != 2 || !strings.Contains(errs, "--refuse needs --reason") {
		t.Errorf("refusal without reason: exit %d: %s", code, errs)
	}
	out := tc.ok("case", "approve", n, "--by", "陈静")
	if strings.Contains(tc.ok("case", "show", n, "--json"), "awaiting_approval") {
		t.Error("approved, show --json still says it waits")
	}
	if !strings.Contains(out, "Solution approved") {
		t.Errorf("approve: %s", out)
	}
	tc.ok("letter", n, "--type", "solution", "-o", pdf, "--by", "王芳")

	// A supervisor cannot approve 8,000; the owner can. Refusal in Chinese.
	big := propose("王芳", "8000", true)
	if _, errs, code := tc.run("case", "approve", big, "--by", "陈静"); code != 1 || !strings.Contains(errs, "above your approval limit") {
		t.Errorf("supervisor approving 8000: exit %d: %s", code, errs)
	}
	tc.lang = "zh-Hans"
	out = tc.ok("case", "approve", big, "--refuse", "--reason", "超出公司补偿标准", "--by", "老板")
	if !strings.Contains(out, "方案审批未通过") || !strings.Contains(out, "investigating") {
		t.Errorf("refuse: %s", out)
	}
	if _, errs, code := tc.run("case", "approve", big, "--by", "老板"); code != 1 || !strings.Contains(errs, "没有待审批的方案") {
		t.Errorf("nothing waits: exit %d: %s", code, errs)
	}
	// The limits are settings.
	tc.lang = "en"
	if _, errs, code := tc.run("settings", "set", "approval.limit.staff", "abc", "--by", "老板"); code != 1 || !strings.Contains(errs, "limit") {
		t.Errorf("bad limit: exit %d: %s", code, errs)
	}
	tc.ok("settings", "set", "approval.limit.staff", "1000", "--by", "老板")
	if out := tc.ok("case", "move", propose("王芳", "800", false), "--to", "agreed", "--by", "王芳"); !strings.Contains(out, "agreed") {
		t.Errorf("800 under a 1000 limit: %s", out)
	}
}

func TestTodayListsSolutionsAwaitingMyApproval(t *testing.T) {
	tc := todayFixture(t)
	n := strings.TrimSpace(tc.ok("case", "new", "--customer", "李雷", "--phone", "13912345678", "--channel", "walkin",
		"--kind", "complaint", "--severity", "normal", "--subject", "购物退款", "--owner", "王芳", "--by", "老板"))
	tc.ok("case", "move", n, "--to", "acknowledged", "--by", "王芳")
	tc.ok("case", "move", n, "--to", "investigating", "--by", "王芳")
	tc.ok("case", "findings", n, "--remedy", "refund:800", "--by", "王芳")
	tc.ok("case", "move", n, "--to", "proposed", "--by", "王芳")
	section := func(by string) (int, []map[string]any) {
		var got struct {
			S struct {
				Count int              `json:"count"`
				Cases []map[string]any `json:"cases"`
			} `json:"awaiting_my_approval"`
		}
		if err := json.Unmarshal([]byte(tc.ok("today", "--by", by, "--json")), &got); err != nil {
			t.Fatal(err)
		}
		return got.S.Count, got.S.Cases
	}
	if c, _ := section("王芳"); c != 0 {
		t.Errorf("staff sees %d to approve", c)
	}
	c, cases := section("陈静")
	if c != 1 || cases[0]["number"] != n || cases[0]["total"] != "800.00" || cases[0]["currency"] != "CNY" {
		t.Errorf("supervisor: %d %v", c, cases)
	}
	if out := tc.ok("today", "--by", "陈静"); !strings.Contains(out, "Awaiting my approval") || !strings.Contains(out, "800.00") {
		t.Errorf("text:\n%s", out)
	}
	tc.ok("case", "approve", n, "--by", "陈静")
	if c, _ := section("陈静"); c != 0 {
		t.Errorf("approved, still listed: %d", c)
	}
}
