package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// newCase records a phone complaint received at received (RFC 3339) and returns its number.
func (tc *testCLI) newCase(received string, extra ...string) string {
	tc.t.Helper()
	args := append([]string{"case", "new", "--customer", "赵敏", "--phone", "13600000000", "--channel", "phone",
		"--kind", "complaint", "--severity", "normal", "--subject", "行李丢失", "--received", received}, extra...)
	return strings.TrimSpace(tc.ok(args...))
}

// Without --tz or $CASEBOOK_TZ the command line prints times in the agency's
// zone from the settings, whatever the computer's zone: 16:30 UTC on
// 1 December is 00:30 on 2 December in Beijing. --tz overrides it.
func TestCLITimesInTheAgencyZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	saved := time.Local
	time.Local = ny
	t.Cleanup(func() { time.Local = saved })

	tc := newTestCLI(t)
	tc.loc = nil // as main leaves it without $CASEBOOK_TZ
	tc.now = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	number := tc.newCase("2026-12-01T16:30:00Z", "--by", "王芳")
	if out := tc.ok("case", "show", number); !strings.Contains(out, "2026-12-02 00:30") {
		t.Errorf("case show not in Beijing time:\n%s", out)
	}
	if out := tc.ok("case", "list", "--json"); !strings.Contains(out, "2026-12-02T00:30:00+08:00") {
		t.Errorf("case list not in Beijing time:\n%s", out)
	}
	if out := tc.ok("case", "show", number, "--tz", "local"); !strings.Contains(out, "2026-12-01 11:30") {
		t.Errorf("--tz local not in the computer's zone:\n%s", out)
	}
	if out := tc.ok("case", "show", number, "--tz", "Asia/Tokyo"); !strings.Contains(out, "2026-12-02 01:30") {
		t.Errorf("--tz Asia/Tokyo:\n%s", out)
	}
	if _, _, code := tc.run("case", "show", number, "--tz", "Mars/Olympus"); code != 2 {
		t.Errorf("--tz Mars/Olympus: exit %d", code)
	}

	// The agency moves its zone: the same case prints in the new one.
	tc.ok("settings", "set", "timezone", "Asia/Tokyo", "--by", "王芳")
	if out := tc.ok("case", "show", number); !strings.Contains(out, "2026-12-02 01:30") {
		t.Errorf("after settings set timezone Asia/Tokyo:\n%s", out)
	}
	if _, errs, code := tc.run("settings", "set", "timezone", "Mars/Olympus", "--by", "王芳"); code != 1 || !strings.Contains(errs, "Mars/Olympus") {
		t.Errorf("unknown zone: exit %d, %s", code, errs)
	}
	if got := envZone(func(string) string { return "Europe/Paris" }); got == nil || got.String() != "Europe/Paris" {
		t.Errorf("$CASEBOOK_TZ=Europe/Paris gives %v", got)
	}
	if got := envZone(func(string) string { return "" }); got != nil {
		t.Errorf("no $CASEBOOK_TZ gives %v", got)
	}
}

// Holidays and swapped working days carry labels on the command line: set,
// shown, and refused where a date is impossible.
func TestCLIHolidayLabels(t *testing.T) {
	tc := newTestCLI(t)
	tc.newCase("2026-11-23T09:15:00+08:00", "--by", "王芳") // 王芳 becomes the owner
	out := tc.ok("settings", "set", "holidays", "2026-10-01 国庆节, 2026-10-02 国庆节，2026-12-31", "--by", "王芳")
	if strings.TrimSpace(out) != "holidays = 2026-10-01 国庆节,2026-10-02 国庆节,2026-12-31" {
		t.Errorf("set printed %q", out)
	}
	tc.ok("settings", "set", "extra_workdays", "2026-10-10=调休上班", "--by", "王芳")
	show := squeeze(tc.ok("settings", "show"))
	for _, want := range []string{"holidays = 2026-10-01 国庆节,2026-10-02 国庆节,2026-12-31", "extra_workdays = 2026-10-10 调休上班"} {
		if !strings.Contains(show, want) {
			t.Errorf("settings show lacks %q:\n%s", want, show)
		}
	}
	var st struct {
		Calendar struct {
			Holidays []any `json:"holidays"`
		} `json:"calendar"`
	}
	js := tc.ok("settings", "show", "--json")
	if err := json.Unmarshal([]byte(js), &st); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(st.Calendar.Holidays); got != "[map[date:2026-10-01 label:国庆节] map[date:2026-10-02 label:国庆节] 2026-12-31]" {
		t.Errorf("settings show --json holidays: %s", got)
	}
	_, errs, code := tc.run("settings", "set", "holidays", "2026-02-30 春节", "--by", "王芳")
	if code != 1 || !strings.Contains(errs, "2026-02-30") {
		t.Errorf("impossible date: exit %d, %q", code, errs)
	}
	_, errs, code = tc.run("settings", "set", "holidays", "国庆节 2026-10-01", "--by", "王芳")
	if code != 1 || !strings.Contains(errs, "YYYY-MM-DD") {
		t.Errorf("label first: exit %d, %q", code, errs)
	}
}

// The theme and the text size are settings like the others.
func TestCLIAppearanceSettings(t *testing.T) {
	tc := newTestCLI(t)
	tc.newCase("2026-11-23T09:15:00+08:00", "--by", "王芳")
	if out := squeeze(tc.ok("settings", "show")); !strings.Contains(out, "ui.theme = system") || !strings.Contains(out, "ui.text_size = normal") {
		t.Errorf("defaults:\n%s", out)
	}
	if out := tc.ok("settings", "set", "ui.theme", "dark", "--by", "王芳"); strings.TrimSpace(out) != "ui.theme = dark" {
		t.Errorf("set printed %q", out)
	}
	tc.ok("settings", "set", "ui.text_size", "Larger", "--by", "王芳")
	if out := squeeze(tc.ok("settings", "show")); !strings.Contains(out, "ui.theme = dark") || !strings.Contains(out, "ui.text_size = larger") {
		t.Errorf("after setting:\n%s", out)
	}
	if _, errs, code := tc.run("settings", "set", "ui.theme", "purple", "--by", "王芳"); code != 1 || !strings.Contains(errs, "system, light or dark") {
		t.Errorf("purple: exit %d, %q", code, errs)
	}
}

// staff remove refuses to leave someone's unfinished cases behind unless
// --reassign-to says who takes them over, or none.
func TestCLIStaffRemoveReassigns(t *testing.T) {
	tc := newTestCLI(t)
	tc.newCase("2026-11-23T09:15:00+08:00", "--by", "王芳") // 王芳 becomes the owner
	tc.ok("staff", "add", "陈静", "--role", "supervisor", "--by", "王芳")
	tc.ok("staff", "add", "李强", "--role", "staff", "--by", "王芳")
	a := tc.newCase("2026-11-23T09:20:00+08:00", "--owner", "李强", "--by", "王芳")
	b := tc.newCase("2026-11-23T09:25:00+08:00", "--owner", "李强", "--by", "王芳")

	out, errs, code := tc.run("staff", "remove", "李强", "--by", "王芳")
	if code != 1 || out != "" || !strings.Contains(errs, "李强 still owns 2 unfinished cases ("+a+", "+b+")") || !strings.Contains(errs, "--reassign-to") {
		t.Errorf("undecided: exit %d, %q, %q", code, out, errs)
	}
	if !strings.Contains(tc.ok("staff", "list"), "李强") {
		t.Fatal("removed although refused")
	}
	if _, errs, code := tc.run("staff", "remove", "李强", "--reassign-to", "路人甲", "--by", "王芳"); code != 1 || !strings.Contains(errs, "owner") && !strings.Contains(errs, "Settings") {
		t.Errorf("to a stranger: exit %d, %q", code, errs)
	}
	out = tc.ok("staff", "remove", "李强", "--reassign-to", "陈静", "--by", "王芳")
	if !strings.Contains(out, "2 unfinished cases now belong to 陈静: "+a+", "+b) {
		t.Errorf("reassigned: %q", out)
	}
	show := tc.ok("case", "show", a)
	if !strings.Contains(show, "陈静") {
		t.Errorf("case %s after the removal:\n%s", a, show)
	}
	if strings.Contains(tc.ok("staff", "list"), "李强") {
		t.Error("still on the staff list")
	}

	// none: unassigned.
	tc.ok("staff", "add", "赵六", "--role", "staff", "--by", "王芳")
	c := tc.newCase("2026-11-23T09:30:00+08:00", "--owner", "赵六", "--by", "王芳")
	if out := tc.ok("staff", "remove", "赵六", "--reassign-to", "none", "--by", "王芳"); !strings.Contains(out, "1 unfinished cases are now unassigned: "+c) {
		t.Errorf("none: %q", out)
	}
	var cs struct {
		Owner string `json:"owner"`
	}
	if err := json.Unmarshal([]byte(tc.ok("case", "show", c, "--json")), &cs); err != nil || cs.Owner != "" {
		t.Errorf("owner after none: %q, %v", cs.Owner, err)
	}
}
