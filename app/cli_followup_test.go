package main

import (
	"strings"
	"testing"
)

// casebook case followup, case close [--without-followup], case rating and
// Today's follow-up lists, with refusals in each language.
func TestFollowUpFromTheCommandLine(t *testing.T) {
	tc := newTestCLI(t)
	tc.ok("staff", "add", "王芳", "--role", "owner", "--by", "王芳")
	tc.ok("staff", "add", "李蕾", "--role", "staff", "--by", "王芳")
	tc.ok("staff", "add", "陈静", "--role", "supervisor", "--by", "王芳")
	newResolved := func() string {
		n := strings.TrimSpace(tc.ok("case", "new", "--customer", "张晓明", "--phone", "13800138000",
			"--channel", "walkin", "--kind", "complaint", "--category", "accommodation", "--severity", "normal",
			"--subject", "酒店房间漏水", "--owner", "李蕾", "--by", "王芳"))
		for _, to := range []string{"acknowledged", "investigating", "proposed", "agreed", "resolved"} {
			tc.ok("case", "move", n, "--to", to, "--by", "李蕾")
		}
		return n
	}
	n := newResolved()
	if out := tc.ok("today", "--by", "李蕾"); !strings.Contains(out, "Follow-ups due") || !strings.Contains(out, n) {
		t.Errorf("today lacks the follow-up due:\n%s", out)
	}
	for lang, want := range map[string]string{"en": "cannot be closed yet", "zh-Hans": "还不能结案", "zh-Hant": "還不能結案"} {
		tc.lang = lang
		if _, errs, code := tc.run("case", "close", n, "--by", "陈静"); code != 1 || !strings.Contains(errs, want) {
			t.Errorf("%s: closed without follow-up: %d %q", lang, code, errs)
		}
	}
	tc.lang = "zh-Hans"
	if _, errs, code := tc.run("case", "followup", n, "--channel", "phone", "--reached", "yes", "--rating", "3", "--by", "李蕾"); code != 1 || !strings.Contains(errs, "须填写原因") {
		t.Errorf("3 without a reason: %d %q", code, errs)
	}
	if _, errs, code := tc.run("case", "followup", n, "--channel", "fax", "--reached", "yes", "--by", "李蕾"); code == 0 || errs == "" {
		t.Errorf("an unknown channel: %d %q", code, errs)
	}
	tc.lang = "en"
	tc.ok("case", "followup", n, "--channel", "phone", "--reached", "yes", "--rating", "2", "--reason", "退款太慢", "--remark", "导游没道歉", "--accepts-closing", "yes", "--by", "李蕾")
	if _, errs, code := tc.run("case", "close", n, "--by", "李蕾"); code != 1 || !strings.Contains(errs, "may not close") {
		t.Errorf("staff closed: %d %q", code, errs)
	}
	tc.ok("case", "close", n, "--by", "陈静")
	out := tc.ok("today", "--by", "陈静")
	if !strings.Contains(out, "Unhappy after closing") || !strings.Contains(out, "2/5 unsatisfied") {
		t.Errorf("the supervisor's today lacks the unhappy case:\n%s", out)
	}
	tc.ok("case", "rating", n, "--keep-closed", "--note", "已致歉", "--by", "陈静")
	if out := tc.ok("today", "--by", "陈静"); strings.Contains(out, "Unhappy after closing") {
		t.Errorf("still unhappy after keeping it closed:\n%s", out)
	}
	show := tc.ok("case", "show", n)
	if !strings.Contains(show, "Follow-up:") || !strings.Contains(show, "2/5 unsatisfied · accepts closing · 退款太慢 · 导游没道歉") {
		t.Errorf("case show:\n%s", show)
	}

	// Three unreached attempts, then unreachable; or the supervisor's reason.
	m := newResolved()
	for range 3 {
		tc.ok("case", "followup", m, "--channel", "phone", "--reached", "no", "--by", "李蕾")
	}
	tc.ok("case", "followup", m, "--unreachable", "--note", "三次未接通", "--by", "李蕾")
	tc.ok("case", "close", m, "--by", "陈静")
	w := newResolved()
	if _, errs, code := tc.run("case", "close", w, "--without-followup", "--by", "陈静"); code != 2 || !strings.Contains(errs, "--reason") {
		t.Errorf("without a reason: %d %q", code, errs)
	}
	if _, errs, code := tc.run("case", "close", w, "--without-followup", "--reason", "客户出国", "--by", "李蕾"); code != 1 || !strings.Contains(errs, "may not close") {
		t.Errorf("staff without follow-up: %d %q", code, errs)
	}
	tc.ok("case", "close", w, "--without-followup", "--reason", "客户已移居国外", "--by", "陈静")
	if show := tc.ok("case", "show", w); !strings.Contains(show, "Closed without a follow-up — 客户已移居国外") {
		t.Errorf("the waiver is not on the timeline:\n%s", show)
	}
}
