package data

import (
	"errors"
	"testing"
)

func TestStandardRules(t *testing.T) {
	fee := Money(380000) // ¥3,800.00
	for _, tc := range []struct {
		name    string
		rule    StandardRule
		f       StandardFacts
		article string
		want    Money
		steps   int
	}{
		{"forced shopping once", RuleForcedShopping, StandardFacts{Fee: fee, Occurrences: 1}, "std2011:10.4", 76000, 1},
		{"forced shopping twice", RuleForcedShopping, StandardFacts{Fee: fee, Occurrences: 2}, "std2011:10.4", 152000, 1},
		{"shopping stop added, 3 times", RuleShoppingAdded, StandardFacts{Fee: fee, Occurrences: 3}, "std2011:10.3", 114000, 1},
		{"free sight left out, 2", RuleSightMissed, StandardFacts{Fee: fee, Occurrences: 2}, "std2011:10.1", 38000, 1},
		{"paid item left out", RuleSightPaid, StandardFacts{Difference: 12000}, "std2011:10.1", 24000, 2},
		{"transfer", RuleTransfer, StandardFacts{Fee: fee}, "std2011:5", 95000, 1},
		{"below standard", RuleBelowStandard, StandardFacts{Difference: 50000}, "std2011:8", 100000, 2},
		{"guide 1 %", RuleGuideService, StandardFacts{Fee: fee, Percent: 1}, "std2011:9", 3800, 1},
		{"guide 5 %", RuleGuideService, StandardFacts{Fee: fee, Percent: 5}, "std2011:9", 19000, 1},
		{"suspended with costs", RuleSuspended, StandardFacts{Fee: fee, Costs: 60000}, "std2011:11", 174000, 2},
		{"suspended, no costs", RuleSuspended, StandardFacts{Fee: fee}, "std2011:11", 114000, 1},
		{"rounding half up", RuleForcedShopping, StandardFacts{Fee: 333, Occurrences: 1}, "std2011:10.4", 67, 1},
	} {
		s, err := SuggestStandard(tc.rule, tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if s.Amount != tc.want || s.Article != tc.article || len(s.Steps) != tc.steps {
			t.Errorf("%s: got %v %s %d steps, want %v %s %d", tc.name, s.Amount, s.Article, len(s.Steps), tc.want, tc.article, tc.steps)
		}
		var sum Money
		for _, st := range s.Steps {
			sum += st.Result
		}
		if sum != s.Amount {
			t.Errorf("%s: steps sum to %v, amount %v", tc.name, sum, s.Amount)
		}
		if r := s.Remedy(); r.Kind != RemedyPenalty || r.Amount != tc.want || r.Article != tc.article {
			t.Errorf("%s: remedy %+v", tc.name, r)
		}
	}
}

// Art. 4's bands at each boundary, domestic and outbound.
func TestStandardCancellationBands(t *testing.T) {
	fee := Money(1000000) // ¥10,000
	for _, tc := range []struct {
		days     int
		outbound bool
		pct      int
	}{
		{8, false, 0}, {7, false, 10}, {4, false, 10}, {3, false, 15}, {1, false, 15}, {0, false, 20},
		{31, true, 0}, {30, true, 2}, {15, true, 2}, {14, true, 5}, {7, true, 5}, {6, true, 10},
		{4, true, 10}, {3, true, 15}, {1, true, 15}, {0, true, 20},
	} {
		if got := CancellationPercent(tc.days, tc.outbound); got != tc.pct {
			t.Errorf("%d days, outbound %v: %d %%, want %d %%", tc.days, tc.outbound, got, tc.pct)
		}
		s, err := SuggestStandard(RuleCancellation, StandardFacts{Fee: fee, DaysBefore: tc.days, Outbound: tc.outbound})
		if err != nil {
			t.Fatal(err)
		}
		want := Money(int64(fee) * int64(tc.pct) / 100)
		if s.Amount != want || s.NoPenalty != (tc.pct == 0) {
			t.Errorf("%d days, outbound %v: %v (no penalty %v), want %v", tc.days, tc.outbound, s.Amount, s.NoPenalty, want)
		}
		art := "std2011:4.1"
		if tc.outbound {
			art = "std2011:4.2"
		}
		if s.Article != art {
			t.Errorf("article %s, want %s", s.Article, art)
		}
	}
}

func TestStandardInputsChecked(t *testing.T) {
	var se *StandardError
	for _, tc := range []struct {
		rule StandardRule
		f    StandardFacts
		in   StandardInput
	}{
		{RuleForcedShopping, StandardFacts{Occurrences: 1}, InputFee},
		{RuleForcedShopping, StandardFacts{Fee: 100}, InputOccurrences},
		{RuleGuideService, StandardFacts{Fee: 100, Percent: 6}, InputPercent},
		{RuleGuideService, StandardFacts{Fee: 100}, InputPercent},
		{RuleBelowStandard, StandardFacts{}, InputDifference},
		{RuleCancellation, StandardFacts{Fee: 100, DaysBefore: -1}, InputDaysBefore},
	} {
		_, err := SuggestStandard(tc.rule, tc.f)
		if !errors.As(err, &se) || se.Input != tc.in || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s %+v: %v, want a %s error", tc.rule, tc.f, err, tc.in)
		}
	}
}

func TestStandardCategoriesAndArticleCodes(t *testing.T) {
	if !StandardCovers("forced_shopping") || StandardCovers("privacy") {
		t.Error("coverage")
	}
	rules := StandardRulesFor("forced_shopping")
	if len(rules) == 0 || rules[0].Rule != RuleShoppingAdded && rules[0].Rule != RuleForcedShopping {
		t.Errorf("forced shopping offers %v", rules)
	}
	for _, r := range StandardRules {
		if _, ok := ArticleCode(r.Article); !ok {
			t.Errorf("%s: article code %q does not read", r.Rule, r.Article)
		}
		for _, c := range r.Categories {
			if _, ok := DefaultSettings().Category(c); !ok {
				t.Errorf("%s: unknown category %s", r.Rule, c)
			}
		}
	}
	if a, ok := ArticleCode("std2011:10.4"); !ok || a.Article != 10 || a.Item != 4 {
		t.Errorf("10.4 read as %+v", a)
	}
	if _, ok := ArticleCode("合同第五条"); ok {
		t.Error("free text read as a code")
	}
}
