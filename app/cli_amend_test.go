package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// After the closure letter the findings are refused from the command line
// unless --amend-reason says why; a reopening needs --note.
func TestFindingsAfterTheClosureLetterNeedAnAmendReason(t *testing.T) {
	tc := newTestCLI(t)
	number := strings.TrimSpace(tc.ok("case", "new", "--customer", "张晓明", "--phone", "13800138000",
		"--channel", "walkin", "--kind", "complaint", "--category", "accommodation", "--severity", "normal",
		"--subject", "酒店房间漏水", "--by", "王芳"))
	tc.ok("agency", "set", "--name", "北京晴空国际旅行社有限公司")
	for _, to := range []string{"acknowledged", "investigating"} {
		tc.ok("case", "move", number, "--to", to)
	}
	tc.ok("case", "findings", number, "--facts", "房间漏水属实", "--remedy", "refund:300")
	for _, to := range []string{"proposed", "agreed", "resolved"} {
		tc.ok("case", "move", number, "--to", to)
	}
	tc.ok("case", "followup", number, "--channel", "phone", "--reached", "yes", "--rating", "5") // closing needs a follow-up
	tc.ok("case", "move", number, "--to", "closed")
	// Closed, no letter yet: still editable.
	tc.ok("case", "findings", number, "--preventive", "更换合作酒店")
	tc.ok("letter", number, "--type", "closure", "-o", filepath.Join(t.TempDir(), "closure.pdf"))

	if _, errs, code := tc.run("case", "findings", number, "--facts", "改了"); code != 1 || !strings.Contains(errs, "findings are read-only") {
		t.Fatalf("findings changed after the closure letter without a reason: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("case", "findings", number, "--facts", "改了", "--amend-reason", "  "); code != 1 || !strings.Contains(errs, "Give a reason for amending") {
		t.Fatalf("blank amend reason: exit %d: %s", code, errs)
	}
	if shown := tc.ok("case", "show", number); strings.Contains(shown, "改了") {
		t.Fatalf("a refused change was stored:\n%s", shown)
	}
	tc.ok("case", "findings", number, "--facts", "房间漏水属实，另有霉味", "--amend-reason", "客户补交照片")
	shown := tc.ok("case", "show", number)
	if !strings.Contains(shown, "Findings amended after the closure letter: Facts found") || !strings.Contains(shown, "客户补交照片") ||
		!strings.Contains(shown, "另有霉味") {
		t.Errorf("the amendment is not on the case:\n%s", shown)
	}

	// Reopening: refused without a reason, like declining.
	if _, errs, code := tc.run("case", "move", number, "--to", "investigating"); code != 1 || !strings.Contains(errs, "Give a reason for reopening") {
		t.Fatalf("reopened without --note: exit %d: %s", code, errs)
	}
	tc.ok("case", "move", number, "--to", "investigating", "--note", "客户对金额有异议")
	tc.ok("case", "findings", number, "--facts", "重新调查")

	// The help speaks the user's language.
	tc.lang = "zh-Hans"
	if help := tc.ok("case", "findings", "--help"); !strings.Contains(help, "--amend-reason") || !strings.Contains(help, "更正调查结论的原因") {
		t.Errorf("help:\n%s", help)
	}
}
