package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// The "done when": on a demo database, the classifier beats or
// matches the keyword rules in casebook classify evaluate; it refuses to
// suggest below its threshold and with too few closed cases.
func TestClassifyEvaluateBeatsTheKeywordRules(t *testing.T) {
	tc := newTestCLI(t)
	tc.ok("demo", "--cases", "1500", "--seed", "5", "--by", "王芳")

	var rep struct {
		Cases, Folds int
		Enough       bool `json:"enough_cases"`
		Category     struct {
			Correct, Suggested, RulesCorrect, RulesNothing int
			SuggestedCorrect                               int `json:"suggested_correct"`
			RulesDefaultCorrect                            int `json:"rules_default_correct"`
		}
		Severity struct {
			Correct             int
			RulesCorrect        int `json:"rules_correct"`
			RulesDefaultCorrect int `json:"rules_default_correct"`
		}
	}
	out := tc.ok("classify", "evaluate", "--json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	t.Logf("%s", out)
	if rep.Cases < 1000 || rep.Folds != 5 || !rep.Enough {
		t.Fatalf("evaluated %d cases in %d folds", rep.Cases, rep.Folds)
	}
	c, s := rep.Category, rep.Severity
	if c.Correct < c.RulesCorrect || c.Correct < c.RulesDefaultCorrect {
		t.Errorf("category: classifier %d right, rules %d (with defaults %d)", c.Correct, c.RulesCorrect, c.RulesDefaultCorrect)
	}
	if s.Correct < s.RulesCorrect || s.Correct < s.RulesDefaultCorrect {
		t.Errorf("severity: classifier %d right, rules %d (with defaults %d)", s.Correct, s.RulesCorrect, s.RulesDefaultCorrect)
	}
	// Not trivially separable: the demo's noise leaves the classifier some cases to get wrong.
	if c.Correct == rep.Cases {
		t.Error("the classifier got every demo case right: the demo texts are too easy to compare anything")
	}
	// Above the threshold it is right more often than overall.
	if c.Suggested == 0 || float64(c.SuggestedCorrect)/float64(c.Suggested) < float64(c.Correct)/float64(rep.Cases) {
		t.Errorf("above the threshold %d of %d right; overall %d of %d", c.SuggestedCorrect, c.Suggested, c.Correct, rep.Cases)
	}
	// The same figures again: the shuffle is seeded.
	if again := tc.ok("classify", "evaluate", "--json"); again != out {
		t.Error("two evaluations differ")
	}

	text := tc.ok("classify", "evaluate")
	for _, want := range []string{"5-fold cross-validation", "keyword rules", "count as wrong", "At the threshold of 60 %"} {
		if !strings.Contains(text, want) {
			t.Errorf("evaluate does not say %q:\n%s", want, text)
		}
	}

	out = tc.ok("classify", "suggest", "--subject", "导游强制购物", "--text", "导游带我们连进三家购物店，不买东西不让上车。")
	if !strings.Contains(out, "Suggested: Forced shopping (") || !strings.Contains(out, "Keyword rules: Forced shopping") {
		t.Errorf("suggest:\n%s", out)
	}
	tc.ok("settings", "set", "classify.threshold", "0.99", "--by", "王芳")
	out = tc.ok("classify", "suggest", "--subject", "你好", "--text", "请回电")
	if !strings.Contains(out, "No learned suggestion.") || !strings.Contains(out, "below the threshold of 99 %") {
		t.Errorf("below the threshold:\n%s", out)
	}
}

func TestClassifyWithTooFewCases(t *testing.T) {
	tc := newTestCLI(t)
	tc.ok("demo", "--cases", "20", "--by", "王芳")
	_, errs, code := tc.run("classify", "evaluate")
	if code != 1 || !strings.Contains(errs, "the classifier needs 30") {
		t.Errorf("evaluate with too few cases: exit %d, %s", code, errs)
	}
	out := tc.ok("classify", "suggest", "--subject", "导游强制购物", "--text", "导游带我们进购物店")
	if !strings.Contains(out, "No learned suggestion.") || !strings.Contains(out, "it needs 30 before it suggests anything") {
		t.Errorf("suggest with too few cases:\n%s", out)
	}
	if _, _, code := tc.run("classify", "suggest"); code != 2 {
		t.Errorf("suggest with no text: exit %d", code)
	}
}
