package main

import (
	"strings"
	"testing"
)

// A retired category stays on the cases that have it and is refused for new
// ones, at the command line as in the screens; restoring it makes it usable again.
func TestRetiredCategoryKeptOnOldCasesRefusedForNew(t *testing.T) {
	tc := newTestCLI(t)
	newCase := func(category string) (string, string, int) {
		return tc.run("case", "new", "--customer", "王小明", "--channel", "phone", "--kind", "complaint",
			"--severity", "normal", "--subject", "午餐不合格", "--category", category)
	}
	out, errs, code := newCase("privacy")
	if code != 0 {
		t.Fatalf("case new: %d %s", code, errs)
	}
	old := strings.TrimSpace(out)
	other := strings.TrimSpace(tc.ok("case", "new", "--customer", "李四", "--channel", "phone", "--kind", "complaint",
		"--severity", "normal", "--subject", "导游迟到", "--category", "guide_conduct"))

	tc.ok("settings", "set", "category.privacy.retired", "true")
	if got := strings.TrimSpace(tc.ok("settings", "show")); !strings.Contains(got, "category.privacy.retired") {
		t.Errorf("settings show does not list the retired key:\n%s", got)
	}

	_, errs, code = newCase("privacy")
	if code == 0 || !strings.Contains(errs, "“Privacy” is retired") || !strings.Contains(errs, "category.privacy.retired false") {
		t.Errorf("case new with a retired category: exit %d, %q", code, errs)
	}
	_, errs, code = tc.run("case", "set", other, "--category", "privacy")
	if code == 0 || !strings.Contains(errs, "retired") {
		t.Errorf("case set to a retired category: exit %d, %q", code, errs)
	}
	// The old case keeps it, labelled as before, and can still be changed otherwise.
	if show := tc.ok("case", "show", old); !strings.Contains(show, "Privacy") {
		t.Errorf("case show lost the retired category's name:\n%s", show)
	}
	tc.ok("case", "set", old, "--severity", "urgent")

	// "other" is where uncategorised cases go; a rule cannot point at a retired category.
	if _, errs, code = tc.run("settings", "set", "category.other.retired", "true"); code == 0 || !strings.Contains(errs, "cannot be retired") {
		t.Errorf("retiring other: exit %d, %q", code, errs)
	}
	if _, errs, code = tc.run("settings", "set", "category.accommodation.retired", "true"); code == 0 || !strings.Contains(errs, "Keyword rule") {
		t.Errorf("retiring a category a keyword rule uses: exit %d, %q", code, errs)
	}
	if _, errs, code = tc.run("settings", "set", "category.nosuch.retired", "true"); code == 0 {
		t.Errorf("retiring an unknown category: exit %d, %q", code, errs)
	}
	if _, errs, code = tc.run("settings", "set", "category.privacy.retired", "maybe"); code == 0 || !strings.Contains(errs, "true or false") {
		t.Errorf("retired maybe: exit %d, %q", code, errs)
	}

	tc.ok("settings", "set", "category.privacy.retired", "false")
	if _, errs, code = newCase("privacy"); code != 0 {
		t.Errorf("a restored category is refused: %s", errs)
	}
	tc.ok("case", "set", other, "--category", "privacy")
}
