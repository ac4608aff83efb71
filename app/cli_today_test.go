package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// todayFixture records cases with known deadlines (老板 owns the database,
// 王芳 is staff, 陈静 supervisor): at Monday 2026-11-23
// 10:30 in Shanghai 王芳 has one overdue, one due today, one waiting for four
// days; one case has no owner; 陈静 (supervisor) owns one escalated to her.
func todayFixture(t *testing.T) *testCLI {
	tc := newTestCLI(t)
	monday := tc.now
	tc.ok("staff", "add", "王芳", "--role", "staff", "--by", "老板") // 老板 is the first, so the owner
	tc.ok("staff", "add", "陈静", "--role", "supervisor", "--by", "老板")
	newCase := func(at time.Time, sev, subject, owner string) string {
		tc.now = at
		args := []string{"case", "new", "--customer", "王小明", "--phone", "138 0013 8000", "--channel", "phone",
			"--kind", "complaint", "--severity", sev, "--subject", subject, "--received", at.Format(time.RFC3339), "--by", "老板"}
		if owner != "" {
			args = append(args, "--owner", owner)
		}
		return strings.TrimSpace(tc.ok(args...))
	}
	thursday := monday.AddDate(0, 0, -4).Add(-90 * time.Minute) // Thursday 09:00
	newCase(thursday, "normal", "导游强制购物", "王芳")                 // first response due Friday: overdue
	waiting := newCase(thursday.Add(time.Hour), "normal", "等客户补充发票", "王芳")
	tc.ok("case", "move", waiting, "--to", "acknowledged", "--by", "王芳")
	tc.ok("case", "set", waiting, "--waiting", "customer", "--note", "等发票", "--by", "王芳")
	escalated := newCase(monday.Add(-2*time.Hour), "normal", "酒店降级", "陈静")
	tc.ok("case", "set", escalated, "--owner", "陈静", "--escalate", "supervisor", "--note", "客户要求主管处理", "--by", "陈静")
	newCase(monday.Add(-20*time.Minute), "urgent", "航班取消滞留机场", "王芳") // urgent: first response in 1 h, due 11:10 today
	newCase(monday.Add(-10*time.Minute), "low", "建议增加素食", "")        // nobody's
	tc.now = monday
	return tc
}

func TestTodayCommandGolden(t *testing.T) {
	tc := todayFixture(t)
	golden(t, "today_wang.json", tc.ok("today", "--by", "王芳", "--json"))
	golden(t, "today_chen.json", tc.ok("today", "--by", "陈静", "--json"))
	golden(t, "today_chen.en.txt", tc.ok("today", "--by", "陈静"))
	tc.lang = "zh-Hans"
	golden(t, "today_wang.zh-Hans.txt", tc.ok("today", "--by", "王芳"))

	// The JSON has the documented names and the counts the fixture made.
	var got map[string]any
	if err := json.Unmarshal([]byte(tc.ok("today", "--by", "王芳", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"person", "role", "at", "overdue", "due_today", "due_soon", "waiting_too_long",
		"escalated_to_me", "unassigned", "new_mail_not_on_a_case", "waiting_days", "everyone"} {
		if _, ok := got[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	count := func(k string) float64 { return got[k].(map[string]any)["count"].(float64) }
	if count("overdue") != 1 || count("due_today") != 1 || count("waiting_too_long") != 1 || count("unassigned") != 1 ||
		got["everyone"] != nil {
		t.Errorf("王芳's today: %v", got)
	}
}

func TestTodayCommandRefusesAndCopes(t *testing.T) {
	tc := newTestCLI(t)
	// No database: the read-only command does not create one.
	if _, errs, code := tc.run("today"); code != 1 || !strings.Contains(errs, "no database") {
		t.Errorf("no database: exit %d, %s", code, errs)
	}
	tc = todayFixture(t)
	if _, errs, code := tc.run("today", "--by", "无名氏"); code != 1 || !strings.Contains(errs, "not on the staff list") {
		t.Errorf("unknown person: exit %d, %s", code, errs)
	}
	tc.login = "nobody"
	if _, errs, code := tc.run("today"); code != 1 || !strings.Contains(errs, "login name") {
		t.Errorf("unknown login: exit %d, %s", code, errs)
	}
	if _, _, code := tc.run("today", "extra"); code != 2 {
		t.Errorf("an argument: exit %d", code)
	}
	// Its settings are explained where they are refused.
	if _, errs, code := tc.run("settings", "set", "today.waiting_days", "0", "--by", "老板"); code != 1 || !strings.Contains(errs, "from 1 to 365") {
		t.Errorf("0 days: exit %d, %s", code, errs)
	}
	if _, errs, code := tc.run("settings", "set", "warn.due", "maybe", "--by", "老板"); code != 1 || !strings.Contains(errs, "on or off") {
		t.Errorf("warn.due maybe: exit %d, %s", code, errs)
	}
	tc.ok("settings", "set", "today.waiting_days", "5", "--by", "老板")
	if out := tc.ok("today", "--by", "王芳"); !strings.Contains(out, "Waiting more than 5 days: 0") {
		t.Errorf("after today.waiting_days 5:\n%s", out)
	}
	// Removing someone who owns open cases asks who takes them over; left
	// to nobody, they are on the supervisor's Today as unassigned.
	tc.ok("staff", "add", "李强", "--role", "staff", "--by", "老板")
	n := strings.TrimSpace(tc.ok("case", "new", "--customer", "赵六", "--channel", "walkin", "--kind", "complaint",
		"--severity", "normal", "--subject", "行李丢失", "--owner", "李强", "--by", "老板"))
	if _, errs, code := tc.run("staff", "remove", "李强", "--by", "老板"); code != 1 || !strings.Contains(errs, n) {
		t.Errorf("removing an owner of open cases without a choice: exit %d, %s", code, errs)
	}
	tc.ok("staff", "remove", "李强", "--reassign-to", "none", "--by", "老板")
	out := tc.ok("today", "--by", "陈静", "--json")
	var got todayJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range got.Unassigned.Cases {
		found = found || it.Number == n
	}
	if !found {
		t.Errorf("the case left to nobody is not among the unassigned: %+v", got.Unassigned)
	}
	for _, p := range got.Everyone {
		if p.Name == "李强" {
			t.Errorf("a person removed with their cases handed on still listed: %+v", p)
		}
	}
}
