package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// caseOwner reads a case's owner and escalation level through case show --json.
func caseOwner(tc *testCLI, number string) (owner, level string) {
	tc.t.Helper()
	var c struct {
		Owner      string `json:"owner"`
		Escalation string `json:"escalation"`
	}
	if err := json.Unmarshal([]byte(tc.ok("case", "show", number, "--json")), &c); err != nil {
		tc.t.Fatal(err)
	}
	return c.Owner, c.Escalation
}

func TestCaseSetEscalateAssignsThePersonOfTheLevel(t *testing.T) {
	tc := newTestCLI(t)
	newCase := func() string {
		return strings.TrimSpace(tc.ok("case", "new", "--customer", "王小明", "--phone", "13800138000", "--channel", "walkin",
			"--kind", "complaint", "--category", "forced_shopping", "--severity", "normal", "--subject", "强制购物",
			"--owner", "小李", "--by", "王芳"))
	}
	tc.ok("staff", "add", "王芳", "--role", "owner", "--by", "王芳")
	tc.ok("staff", "add", "小李", "--role", "staff", "--by", "王芳")
	a := newCase()
	// Nobody is a supervisor yet: the owner stands in.
	tc.ok("case", "set", a, "--escalate", "supervisor", "--note", "客户情绪激动", "--by", "王芳")
	if o, l := caseOwner(tc, a); o != "王芳" || l != "supervisor" {
		t.Errorf("no supervisor: owner %q level %q", o, l)
	}
	tc.ok("staff", "add", "陈静", "--role", "supervisor", "--by", "王芳")
	tc.ok("staff", "add", "赵敏", "--role", "supervisor", "--by", "王芳")
	// The default of Settings.
	tc.ok("settings", "set", "escalation.supervisor", "赵敏", "--by", "王芳")
	b := newCase()
	tc.ok("case", "set", b, "--escalate", "supervisor", "--note", "需要主管", "--by", "陈静")
	if o, _ := caseOwner(tc, b); o != "赵敏" {
		t.Errorf("default supervisor: owner %q", o)
	}
	// Chosen with --to.
	c := newCase()
	tc.ok("case", "set", c, "--escalate", "supervisor", "--to", "陈静", "--by", "陈静")
	if o, _ := caseOwner(tc, c); o != "陈静" {
		t.Errorf("--to: owner %q", o)
	}
	show := tc.ok("case", "show", c)
	if !strings.Contains(show, "Escalation: Staff → Supervisor, to 陈静") {
		t.Errorf("the timeline does not say to whom:\n%s", show)
	}
	// A person below the level is refused, and nothing is written.
	d := newCase()
	_, errs, code := tc.run("case", "set", d, "--escalate", "supervisor", "--to", "小李", "--by", "陈静")
	if code != 1 || !strings.Contains(errs, "小李 is Staff: a case escalated to Supervisor goes to a Supervisor or above.") {
		t.Errorf("below level: exit %d: %s", code, errs)
	}
	if o, l := caseOwner(tc, d); o != "小李" || l != "staff" {
		t.Errorf("refused escalation wrote: %q %q", o, l)
	}
	_, errs, code = tc.run("case", "set", d, "--escalate", "owner", "--to", "陈静", "--by", "陈静")
	if code != 1 || !strings.Contains(errs, "陈静 is Supervisor") {
		t.Errorf("supervisor to owner level: exit %d: %s", code, errs)
	}
	// A staff member may not escalate at all.
	if _, _, code := tc.run("case", "set", d, "--escalate", "supervisor", "--by", "小李"); code != 1 {
		t.Errorf("staff escalated: exit %d", code)
	}
	// Usage errors.
	if _, _, code := tc.run("case", "set", d, "--to", "陈静", "--by", "陈静"); code != 2 {
		t.Errorf("--to without --escalate: exit %d", code)
	}
	if _, _, code := tc.run("case", "set", d, "--escalate", "supervisor", "--to", "陈静", "--owner", "赵敏", "--by", "陈静"); code != 2 {
		t.Errorf("--to and --owner differ: exit %d", code)
	}
	// The default must be of the level.
	if _, errs, code := tc.run("settings", "set", "escalation.owner", "陈静", "--by", "王芳"); code != 1 || !strings.Contains(errs, "陈静 is Supervisor") {
		t.Errorf("supervisor as owner default: exit %d: %s", code, errs)
	}
	if _, _, code := tc.run("settings", "set", "escalation.supervisor", "李四", "--by", "王芳"); code != 1 {
		t.Errorf("stranger as default: exit %d", code)
	}
	// Emptied, the default is the first supervisor again.
	tc.ok("settings", "set", "escalation.supervisor", "", "--by", "王芳")
	if out := tc.ok("settings", "show"); !regexp.MustCompile(`(?m)^escalation\.supervisor +=\s*$`).MatchString(out) {
		t.Errorf("settings show after emptying:\n%s", out)
	}
	e := newCase()
	tc.ok("case", "set", e, "--escalate", "supervisor", "--by", "王芳")
	if o, _ := caseOwner(tc, e); o != "陈静" {
		t.Errorf("emptied default: owner %q", o)
	}
}

// The refusal speaks the user's language. (Nobody of a level cannot happen
// through valid settings — there is always an owner, who stands in for a
// missing supervisor; data's tests cover the refusal.)
func TestCaseSetEscalateBelowLevelZh(t *testing.T) {
	tc := newTestCLI(t)
	tc.lang = "zh-Hans"
	tc.ok("staff", "add", "王芳", "--role", "owner", "--by", "王芳")
	tc.ok("staff", "add", "小李", "--role", "staff", "--by", "王芳")
	n := strings.TrimSpace(tc.ok("case", "new", "--customer", "王小明", "--phone", "13800138000", "--channel", "walkin",
		"--kind", "complaint", "--category", "forced_shopping", "--severity", "normal", "--subject", "强制购物", "--by", "王芳"))
	_, errs, code := tc.run("case", "set", n, "--escalate", "owner", "--to", "小李", "--by", "王芳")
	if code != 1 || !strings.Contains(errs, "小李是员工：升级到“店长”的案件只能交给店长或更高角色。") {
		t.Errorf("exit %d: %s", code, errs)
	}
}
