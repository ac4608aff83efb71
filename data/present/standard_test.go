package present

import (
	"testing"

	"casebook/data"
)

func TestStandardArithmeticInEveryLanguage(t *testing.T) {
	s, err := data.SuggestStandard(data.RuleForcedShopping, data.StandardFacts{Fee: 380000, Occurrences: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := For("en").Arithmetic(s, "CNY"); got != "20 % × ¥3,800.00 × 2 = ¥1,520.00" {
		t.Errorf("en arithmetic %q", got)
	}
	want := map[string]string{
		"zh-Hans": "按赔偿标准建议（《旅行社服务质量赔偿标准》第十条第（四）项，强迫或变相强迫购物）：20 % × ¥3,800.00 × 2 = ¥1,520.00",
		"zh-Hant": "按賠償標準建議（《旅行社服務質量賠償標準》第十條第（四）項，強迫或變相強迫購物）：20 % × ¥3,800.00 × 2 = ¥1,520.00",
		"en":      "Suggested by the standard (2011 Compensation Standard, art. 10(4), Forced shopping): 20 % × ¥3,800.00 × 2 = ¥1,520.00",
	}
	for lang, w := range want {
		if got := For(lang).Suggestion(s, "CNY"); got != w {
			t.Errorf("%s: %q\nwant %q", lang, got, w)
		}
	}
	sus, _ := data.SuggestStandard(data.RuleSuspended, data.StandardFacts{Fee: 380000, Costs: 60000})
	if got := For("en").Arithmetic(sus, "USD"); got != "USD 600.00 + 30 % × USD 3,800.00 = USD 1,740.00" {
		t.Errorf("suspended %q", got)
	}
	if got := For("zh-Hans").Article("合同第八条"); got != "合同第八条" {
		t.Errorf("free text %q", got)
	}
	for _, lang := range data.Languages {
		p := For(lang)
		for _, r := range data.StandardRules {
			checkRendering(t, lang, "rule", p.StandardRule(r.Rule))
			if p.StandardRule(r.Rule) == string(r.Rule) {
				t.Errorf("%s: rule %s has no name", lang, r.Rule)
			}
			for _, in := range r.Inputs {
				if p.StandardInput(in) == string(in) {
					t.Errorf("%s: input %s has no name", lang, in)
				}
			}
		}
		for _, s := range data.ReferralSources {
			if p.ReferralSource(s) == string(s) {
				t.Errorf("%s: source %s has no name", lang, s)
			}
		}
		checkRendering(t, lang, "late", p.LateComplaint(91))
	}
}
