package classify

import (
	"testing"
	"time"

	"casebook/data"
	"casebook/data/demo"
)

// demoCases are generated demo cases as the classifier would learn from them.
func demoCases(n int) []Case {
	now := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	var out []Case
	for _, c := range demo.Generate(7, n, now) {
		out = append(out, Case{Subject: c.New.Subject, Text: c.New.Description, Category: c.New.Category, Severity: string(c.New.Severity)})
	}
	return out
}

func keywordRules(subject, text string) (string, string) {
	_, c, s := data.RulesSet(data.DefaultKeywordRules(), subject, text)
	return c, string(s)
}

func TestEvaluateDemo(t *testing.T) {
	cases := demoCases(2000)
	rep := Evaluate(cases, 5, 1, 0.6, Options{MinCases: 30, MinPerLabel: DefaultMinPerLabel}, keywordRules, "other", "normal")
	t.Logf("%+v", rep)
	if rep.Category.Correct < rep.Category.RulesCorrect {
		t.Errorf("classifier %d right, rules %d", rep.Category.Correct, rep.Category.RulesCorrect)
	}
}
