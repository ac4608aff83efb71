package main

import (
	"strings"
	"testing"
)

// A staff member is refused what the permission table keeps from them —
// closing, declining, reopening, approving, settings, the staff list — and a
// supervisor the settings and the staff list: the translated ForbiddenError
// on stderr, nothing on stdout, exit 1 ("refused", like every refused input;
// 2 is a wrong command line), and nothing changed. The same commands as
// someone allowed succeed.
func TestRolesRefusedFromTheCommandLine(t *testing.T) {
	for _, lang := range []string{"en", "zh_CN.UTF-8", "zh_TW.UTF-8"} {
		t.Run(lang, func(t *testing.T) {
			tc := newTestCLI(t)
			tc.lang = langFromEnv(func(k string) string { return map[string]string{"LANG": lang}[k] })
			tc.ok("staff", "add", "老板", "--role", "owner", "--by", "老板")
			tc.ok("staff", "add", "王芳", "--role", "staff", "--by", "老板")
			tc.ok("staff", "add", "陈静", "--role", "supervisor", "--by", "老板")
			newCase := func() string {
				return strings.TrimSpace(tc.ok("case", "new", "--customer", "王小明", "--phone", "13800138000", "--channel", "walkin",
					"--kind", "complaint", "--category", "forced_shopping", "--severity", "normal", "--subject", "强制购物", "--by", "王芳"))
			}
			moveTo := func(n string, stages ...string) {
				for _, s := range stages {
					tc.ok("case", "move", n, "--to", s, "--by", "王芳")
				}
			}
			resolved, fresh, closed, waiting := newCase(), newCase(), newCase(), newCase()
			moveTo(resolved, "acknowledged", "investigating", "proposed", "agreed", "resolved")
			moveTo(closed, "acknowledged", "investigating", "proposed", "agreed", "resolved")
			for _, n := range []string{resolved, closed} { // closing needs a follow-up
				tc.ok("case", "followup", n, "--channel", "phone", "--reached", "yes", "--rating", "5", "--by", "王芳")
			}
			tc.ok("case", "move", closed, "--to", "closed", "--by", "陈静")
			moveTo(waiting, "acknowledged", "investigating")
			tc.ok("case", "findings", waiting, "--decision", "退还购物款", "--remedy", "refund:800", "--by", "王芳")
			moveTo(waiting, "proposed")

			// The message names the person, their role, the action and the role it needs.
			want := map[string]map[string]string{
				"en": {
					"close":    "王芳 (Staff) may not close a case: this needs the Supervisor role or higher.",
					"decline":  "王芳 (Staff) may not decline a case: this needs the Supervisor role or higher.",
					"reopen":   "王芳 (Staff) may not reopen a case: this needs the Supervisor role or higher.",
					"approve":  "王芳 (Staff) may not approve a solution above its proposer's limit: this needs the Supervisor role or higher.",
					"settings": "%s may not change the settings: this needs the Owner role or higher.",
					"staff":    "%s may not change the staff list: this needs the Owner role or higher.",
				},
				"zh_CN.UTF-8": {
					"close":    "王芳（员工）无权关闭案件：需要主管或以上权限。",
					"decline":  "王芳（员工）无权作出不予受理决定：需要主管或以上权限。",
					"reopen":   "王芳（员工）无权重新打开案件：需要主管或以上权限。",
					"approve":  "王芳（员工）无权审批超出提议人限额的解决方案：需要主管或以上权限。",
					"settings": "%s无权修改设置：需要店长或以上权限。",
					"staff":    "%s无权修改员工名单：需要店长或以上权限。",
				},
				"zh_TW.UTF-8": {
					"close":    "王芳（員工）無權關閉案件：需要主管或以上權限。",
					"decline":  "王芳（員工）無權作出不予受理決定：需要主管或以上權限。",
					"reopen":   "王芳（員工）無權重新開啟案件：需要主管或以上權限。",
					"approve":  "王芳（員工）無權審批超出提議人限額的解決方案：需要主管或以上權限。",
					"settings": "%s無權修改設定：需要店長或以上權限。",
					"staff":    "%s無權修改員工名單：需要店長或以上權限。",
				},
			}[lang]
			who := map[string]map[string]string{
				"en":          {"王芳": "王芳 (Staff)", "陈静": "陈静 (Supervisor)"},
				"zh_CN.UTF-8": {"王芳": "王芳（员工）", "陈静": "陈静（主管）"},
				"zh_TW.UTF-8": {"王芳": "王芳（員工）", "陈静": "陈静（主管）"},
			}[lang]
			refused := func(msg string, args ...string) {
				t.Helper()
				before := tc.ok("case", "list", "--json") + tc.ok("settings", "show") + tc.ok("staff", "list")
				out, errs, code := tc.run(args...)
				if code != 1 || out != "" || strings.TrimSpace(errs) != "casebook: "+msg {
					t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 1 and %q", strings.Join(args, " "), code, out, errs, msg)
				}
				if after := tc.ok("case", "list", "--json") + tc.ok("settings", "show") + tc.ok("staff", "list"); after != before {
					t.Errorf("%s: refused, but something changed", strings.Join(args, " "))
				}
			}
			refused(want["close"], "case", "move", resolved, "--to", "closed", "--by", "王芳")
			refused(want["decline"], "case", "move", fresh, "--to", "declined", "--note", "不属于本社业务", "--by", "王芳")
			refused(want["reopen"], "case", "move", closed, "--to", "investigating", "--note", "客户补充材料", "--by", "王芳")
			refused(want["approve"], "case", "approve", waiting, "--by", "王芳")
			refused(want["approve"], "case", "approve", waiting, "--refuse", "--reason", "金额过高", "--by", "王芳")
			for _, name := range []string{"王芳", "陈静"} {
				settings := strings.Replace(want["settings"], "%s", who[name], 1)
				staff := strings.Replace(want["staff"], "%s", who[name], 1)
				refused(settings, "settings", "set", "currency", "HKD", "--by", name)
				refused(staff, "staff", "add", "李强", "--role", "staff", "--by", name)
				refused(staff, "staff", "remove", "王芳", "--reassign-to", "none", "--by", name)
				refused(staff, "staff", "set", "王芳", "--role", "owner", "--by", name)
			}

			// Whom the table allows, the same commands do it.
			tc.ok("case", "move", resolved, "--to", "closed", "--by", "陈静")
			tc.ok("case", "move", fresh, "--to", "declined", "--note", "不属于本社业务", "--by", "陈静")
			tc.ok("case", "move", closed, "--to", "investigating", "--note", "客户补充材料", "--by", "陈静")
			tc.ok("case", "approve", waiting, "--by", "陈静")
			tc.ok("settings", "set", "currency", "HKD", "--by", "老板")
			tc.ok("staff", "add", "李强", "--role", "staff", "--by", "老板")
			tc.ok("staff", "remove", "李强", "--by", "老板")
		})
	}
}
