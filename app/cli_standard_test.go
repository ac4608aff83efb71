package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The compensation standard and a referral from the command line: the
// suggestion printed with its arithmetic, added only with --add, the
// referral's reply clock, the bureau letter that meets it.
func TestStandardAndReferralFromTheCommandLine(t *testing.T) {
	tc := newTestCLI(t)
	number := strings.TrimSpace(tc.ok("case", "new", "--customer", "张晓明", "--channel", "hotline", "--kind", "complaint",
		"--category", "forced_shopping", "--severity", "normal", "--subject", "导游强制购物", "--fee", "3800",
		"--trip-end", "2026-08-01", "--owner", "王芳", "--by", "王芳"))
	out := tc.ok("case", "standard", number, "--occurrences", "2")
	for _, want := range []string{"art. 10(3)", "10 % × ¥3,800.00 × 2 = ¥760.00", "art. 10(4)", "20 % × ¥3,800.00 × 2 = ¥1,520.00"} {
		if !strings.Contains(out, want) {
			t.Errorf("case standard lacks %q:\n%s", want, out)
		}
	}
	if show := tc.ok("case", "show", number); strings.Contains(show, "1,520.00") {
		t.Error("a suggestion was added without --add")
	}
	if _, errs, code := tc.run("case", "standard", number, "--add"); code != 2 || !strings.Contains(errs, "--rule") {
		t.Errorf("--add without --rule: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("case", "standard", number, "--rule", "guide_service", "--percent", "7"); code != 0 || !strings.Contains(errs+tc.ok("case", "standard", number, "--rule", "guide_service", "--percent", "7"), "1 % to 5 %") {
		t.Errorf("percent 7: exit %d: %s", code, errs)
	}
	tc.ok("case", "standard", number, "--rule", "forced_shopping", "--occurrences", "2", "--add", "--note", "两次进店", "--by", "王芳")
	show := tc.ok("case", "show", number)
	for _, want := range []string{"1,520.00", "两次进店", "2011 Compensation Standard, art. 10(4)", "the regulator may decline it"} {
		if !strings.Contains(show, want) {
			t.Errorf("case show lacks %q:\n%s", want, show)
		}
	}

	if _, errs, code := tc.run("case", "referral", number, "--source", "tv", "--number", "1", "--notice", "2026-11-20"); code != 2 {
		t.Errorf("unknown source: exit %d: %s", code, errs)
	}
	tc.ok("case", "referral", number, "--source", "hotline12345", "--number", "12345-2026-7788", "--notice", "2026-11-20", "--by", "王芳")
	if today := tc.ok("today", "--by", "王芳"); !strings.Contains(today, "Replies due to the bureau") || !strings.Contains(today, number) {
		t.Errorf("today lacks the reply:\n%s", today)
	}
	tc.ok("agency", "set", "--name", "北京晴空国际旅行社有限公司", "--complaint-phone", "400-810-1234")
	tc.ok("case", "move", number, "--to", "acknowledged", "--by", "王芳")
	tc.ok("case", "move", number, "--to", "investigating", "--by", "王芳")
	tc.ok("case", "findings", number, "--facts", "导游安排两次合同外购物", "--by", "王芳")
	pdfPath := filepath.Join(t.TempDir(), "bureau.pdf")
	tc.ok("letter", number, "--type", "bureau", "-o", pdfPath, "--by", "王芳")
	if show := tc.ok("case", "show", number); !strings.Contains(show, "12345-2026-7788") {
		t.Errorf("case show lacks the referral:\n%s", show)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	b, err := exec.Command("pdftotext", pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(b)), "")
	for _, want := range []string{"书面答复", "12345-2026-7788", "导游安排两次合同外购物", "1,520.00", "第十条第"} {
		if !strings.Contains(text, want) {
			t.Errorf("the bureau letter lacks %q", want)
		}
	}
}
