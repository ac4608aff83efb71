package data

import (
	"errors"
	"testing"
	"time"
)

func TestCategoryCodeDerived(t *testing.T) {
	taken := map[string]bool{"other": true, "cat_1": true, "noise": true}
	for _, tc := range []struct {
		names map[string]string
		want  string
	}{
		{map[string]string{"zh-Hans": "噪音扰民"}, "cat_2"},                                 // no English: the first free cat_N
		{map[string]string{"zh-Hans": "噪音", "en": "Noise at night!"}, "noise_at_night"}, // an ASCII slug of the English name
		{map[string]string{"en": "Noise"}, "noise_2"},                                   // taken: a suffix
		{map[string]string{"en": "导游 / Guide-tips 2"}, "guide_tips_2"},
		{map[string]string{"en": "退款"}, "cat_2"}, // no letters or digits to use
	} {
		got := CategoryCode(tc.names, taken)
		if got != tc.want {
			t.Errorf("CategoryCode(%v) = %q, want %q", tc.names, got, tc.want)
		}
		if !slugRe.MatchString(got) {
			t.Errorf("%q breaks the code rule", got)
		}
		if again := CategoryCode(tc.names, taken); again != got {
			t.Errorf("not stable: %q then %q", got, again)
		}
	}
	long := CategoryCode(map[string]string{"en": "a very long category name that goes on and on and on"}, nil)
	if !slugRe.MatchString(long) {
		t.Errorf("long name gives %q", long)
	}
}

func TestFillCategoryCodesKeepsChineseOnlyCategories(t *testing.T) {
	st := DefaultSettings()
	st.Categories = append(st.Categories,
		Category{Names: map[string]string{"zh-Hans": "噪音扰民"}},
		Category{Names: map[string]string{"zh-Hant": "噪音擾民"}},
		Category{Names: map[string]string{"en": "Other"}}) // "other" is taken
	before := len(st.Categories)
	st.FillCategoryCodes()
	if len(st.Categories) != before {
		t.Fatalf("%d categories, want %d", len(st.Categories), before)
	}
	got := []string{st.Categories[before-3].Slug, st.Categories[before-2].Slug, st.Categories[before-1].Slug}
	if got[0] != "cat_1" || got[1] != "cat_2" || got[2] != "other_2" {
		t.Errorf("derived codes %v", got)
	}
	if err := st.Validate(); err != nil {
		t.Fatalf("filled settings refused: %v", err)
	}

	// A row with neither a code nor a name is refused, never dropped silently.
	st.Categories = append(st.Categories, Category{Names: map[string]string{"en": " "}})
	st.FillCategoryCodes()
	var ce *CategoryError
	if err := st.Validate(); !errors.As(err, &ce) || ce.Reason != CategoryNoCode {
		t.Errorf("empty category: %v", err)
	}
}

func TestRetiredCategoryRules(t *testing.T) {
	st := DefaultSettings()
	retire := func(st *Settings, slug string) {
		for i := range st.Categories {
			if st.Categories[i].Slug == slug {
				st.Categories[i].Retired = true
			}
		}
	}
	reason := func(err error) CategoryProblem {
		var ce *CategoryError
		if errors.As(err, &ce) {
			return ce.Reason
		}
		return ""
	}

	privacy := st
	privacy.Categories = append([]Category(nil), st.Categories...)
	retire(&privacy, "privacy")
	if err := privacy.Validate(); err != nil {
		t.Fatalf("retiring privacy: %v", err)
	}
	if len(privacy.ActiveCategories()) != len(st.Categories)-1 {
		t.Error("a retired category is still offered")
	}
	if _, ok := privacy.Category("privacy"); !ok {
		t.Error("a retired category must still be found, for old cases' labels")
	}

	fallback := st
	fallback.Categories = append([]Category(nil), st.Categories...)
	retire(&fallback, FallbackCategory)
	if r := reason(fallback.Validate()); r != CategoryFallbackRetired {
		t.Errorf("retiring other: %q", r)
	}

	ruled := st
	ruled.Categories = append([]Category(nil), st.Categories...)
	retire(&ruled, "meals")
	var ce *CategoryError
	if err := ruled.Validate(); !errors.As(err, &ce) || ce.Reason != CategoryRuleRetired || ce.Line == 0 || ce.Category.Slug != "meals" {
		t.Errorf("a rule pointing at a retired category: %v", err)
	}

	none := st
	none.MailRules = nil
	none.Categories = []Category{{Slug: "a", Retired: true}}
	if r := reason(none.Validate()); r != CategoryNoneActive {
		t.Errorf("all retired: %q", r)
	}

	// New cases and changes refuse it; a case that has it keeps it.
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	n := NewCase{Kind: KindComplaint, Severity: SeverityNormal, Channel: ChannelPhone, Subject: "s",
		Customer: Customer{Name: "王"}, Category: "privacy"}
	if err := n.Normalize(privacy, now); reason(err) != CategoryIsRetired || !errors.Is(err, ErrInvalid) {
		t.Errorf("new case in a retired category: %v", err)
	}
	c := Case{Category: "privacy"}
	if err := c.SetCategory(privacy, "privacy", "王", now); err != nil {
		t.Errorf("keeping a retired category: %v", err)
	}
	if err := c.SetCategory(privacy, "meals", "王", now); err != nil || c.Category != "meals" {
		t.Errorf("moving off a retired category: %v", err)
	}
	if err := c.SetCategory(privacy, "privacy", "王", now); reason(err) != CategoryIsRetired {
		t.Errorf("moving back to a retired category: %v", err)
	}
}
