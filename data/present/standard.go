package present

import (
	"fmt"
	"strings"

	"casebook/data"
)

// StandardRule names a rule of the 2011 compensation standard: "强迫购物".
func (p *P) StandardRule(r data.StandardRule) string { return p.enum("standard", string(r)) }

// StandardInput names an input of the standard's arithmetic: "次数".
func (p *P) StandardInput(in data.StandardInput) string { return p.enum("standard_input", string(in)) }

// ReferralSource names who referred a case: "12345 热线".
func (p *P) ReferralSource(s data.ReferralSource) string { return p.enum("referral_source", string(s)) }

// Article writes a remedy's article: a code of the 2011 standard in the
// presenter's language ("《旅行社服务质量赔偿标准》（2011）第十条第（四）项",
// "2011 Compensation Standard, art. 10(4)"); anything else as typed.
func (p *P) Article(s string) string {
	a, ok := data.ArticleCode(s)
	if !ok {
		return s
	}
	if p.lang == "en" {
		ref := fmt.Sprintf("art. %d", a.Article)
		if a.Item > 0 {
			ref += fmt.Sprintf("(%d)", a.Item)
		}
		return p.T("standard.article", "ref", ref)
	}
	art, item := "条", "项"
	if p.lang == "zh-Hant" {
		art, item = "條", "項"
	}
	ref := "第" + chineseNumber(a.Article) + art
	if a.Item > 0 {
		ref += "第（" + chineseNumber(a.Item) + "）" + item
	}
	return p.T("standard.article", "ref", ref)
}

// chineseNumber writes 1–99 in Chinese numerals: 4 → 四, 10 → 十, 11 → 十一.
func chineseNumber(n int) string {
	digits := []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + digits[n%10]
	case n < 100:
		s := digits[n/10] + "十"
		if n%10 != 0 {
			s += digits[n%10]
		}
		return s
	}
	return fmt.Sprint(n)
}

// shortMoney writes an amount for arithmetic: "¥3,800.00", "USD 120.00".
func (p *P) shortMoney(m data.Money, currency string) string {
	n := groupThousands(m.String())
	if currency == "CNY" || currency == "" {
		return "¥" + n
	}
	return currency + " " + n
}

// Arithmetic writes a suggestion's sum: "20 % × ¥3,800.00 × 2 = ¥1,520.00",
// "¥600.00 + 30 % × ¥3,800.00 = ¥1,740.00".
func (p *P) Arithmetic(s data.Suggestion, currency string) string {
	if s.NoPenalty {
		return p.T("standard.no_penalty")
	}
	terms := make([]string, 0, len(s.Steps))
	for _, st := range s.Steps {
		t := p.shortMoney(st.Base, currency)
		if st.Percent > 0 {
			t = fmt.Sprintf("%d %% × %s", st.Percent, t)
		}
		if st.Times > 1 {
			t += fmt.Sprintf(" × %d", st.Times)
		}
		terms = append(terms, t)
	}
	return strings.Join(terms, " + ") + " = " + p.shortMoney(s.Amount, currency)
}

// Suggestion writes the whole offer on one line: "Suggested by the standard
// (art. 10(4), forced shopping): 20 % × ¥3,800.00 × 2 = ¥1,520.00".
func (p *P) Suggestion(s data.Suggestion, currency string) string {
	return p.T("standard.suggested", "article", p.Article(s.Article), "rule", p.StandardRule(s.Rule),
		"sum", p.Arithmetic(s, currency))
}

// LateComplaint warns of a complaint made long after the trip: "received 120
// days after the trip ended — the regulator may decline it".
func (p *P) LateComplaint(days int) string {
	return p.T("referral.late", "days", days)
}

// referral writes a referral event: "Referred by the 12345 hotline, no. X, notice of 1 March 2026".
func (p *P) referral(e data.Event) string {
	key := "event.referral"
	if e.Old != "" {
		key = "event.referral_corrected"
	}
	return p.T(key, "source", p.ReferralSource(data.ReferralSource(e.Arg(data.ArgSource))),
		"number", e.Arg(data.ArgNumber), "day", p.Day(e.Arg(data.ArgDay)))
}

// standardError says which input of the standard's arithmetic is missing.
func (p *P) standardError(e *data.StandardError) string {
	switch e.Input {
	case data.InputFee:
		return p.T("standard.error.fee")
	case data.InputPercent:
		return p.T("standard.error.percent")
	}
	return p.T("standard.error.input", "input", p.StandardInput(e.Input))
}
