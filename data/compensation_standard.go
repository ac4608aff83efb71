package data

import (
	"fmt"
	"slices"
	"strings"
)

// The 2011 compensation standard: 《旅行社服务质量赔偿标准》, issued by the
// National Tourism Administration (国家旅游局) with 旅办发〔2011〕44号. It
// applies when the contract says nothing about compensation (its art. 2),
// so what Casebook offers is a suggestion staff accept or adjust, never a
// remedy added on its own.
//
// Article numbers follow the text as issued in 2011. The issue that asked
// for these rules numbered them after the 2010 draft (征求意见稿: cancellation
// art. 5, transfer art. 6, guide service art. 10, contract breaches art. 11,
// suspension art. 12); in the issued text each is one lower. The wording
// each rule relies on is quoted with it; sources (secondary copies of the
// text, checked against each other):
//   - http://m.qebk.com/falvzhishi/a772ec45e7a809f00b94389698c7c682.html
//     (quotes "《旅行社服务质量赔偿标准》 第四条" with both cancellation bands)
//   - https://17kaodaoyou.com/wenda/1336.html (the articles in order:
//     cancellation, transfer 25 %, discriminatory fees, public transport,
//     services not as agreed, guide service 1 % to 5 %)
//   - http://woc88.com/v-112771710.html (a scan of the notice: "…本赔偿标准
//     另有规定的除外。第十条旅行社及导游或领队违反旅行社与旅游者的合同约定…")
//   - http://www.m9rr9o.cn/changshi/570924.html (the cancellation bands and
//     the contract breaches, item (一), verbatim)

// StandardRule names one rule of the standard Casebook can compute.
type StandardRule string

const (
	// 第四条 旅行社与旅游者订立合同或收取旅游者预付旅游费用后，因旅行社原因
	// 不能成行的，旅行社应在合理期限内通知旅游者，否则按下列标准承担赔偿责任：
	// （一）国内旅游应提前7日（不含7日）通知旅游者，否则应向旅游者全额退还预付
	// 旅游费用，并按下述标准向旅游者支付违约金：出发前7日（含7日）至4日，支付
	// 旅游费用总额10%的违约金；出发前3日至1日，支付旅游费用总额15%的违约金；
	// 出发当日，支付旅游费用总额20%的违约金。
	// （二）出境旅游（含赴台游）应提前30日（不含30日）通知旅游者，否则……出发前
	// 30日至15日，支付旅游费用总额2%的违约金；出发前14日至7日，……5%……；出发前
	// 6日至4日，……10%……；出发前3日至1日，……15%……；出发当日，……20%的违约金。
	// (The full refund of the fee paid is owed besides; it is not a penalty.)
	RuleCancellation StandardRule = "cancellation"
	// 第五条 旅行社未经旅游者同意，擅自将旅游者转团、拼团的，旅行社应向旅游者
	// 支付旅游费用总额25%的违约金。
	RuleTransfer StandardRule = "transfer"
	// 第八条 旅行社安排的旅游活动及服务档次与合同不符，造成旅游者经济损失的，
	// 旅行社应退还旅游者合同金额与实际花费的差额，并支付同额违约金。
	RuleBelowStandard StandardRule = "below_standard"
	// 第九条 导游或领队未按照国家或旅游行业对旅游者服务标准提供导游或者领队
	// 服务，影响旅游服务质量的，旅行社应向旅游者支付旅游费用总额1%至5%的
	// 违约金，本赔偿标准另有规定的除外。
	RuleGuideService StandardRule = "guide_service"
	// 第十条（一）擅自缩短游览时间、遗漏旅游景点、减少旅游服务项目的，旅行社
	// 应赔偿未完成约定旅游服务项目等合理费用，并支付同额违约金。遗漏无门票景点
	// 的，每遗漏一处旅行社向旅游者支付旅游费用总额5%的违约金。
	// (The 5 % is for a sight without a ticket; a left-out paid item is its
	// cost plus the same again, which is RuleSightPaid.)
	RuleSightMissed StandardRule = "sight_missed"
	// 第十条（一）, first sentence: the cost of the service not provided
	// (a ticket, a show) plus the same amount as penalty.
	RuleSightPaid StandardRule = "sight_paid"
	// 第十条（三）未经旅游者签字确认，擅自违反合同约定增加购物次数、延长停留
	// 时间的，每次向旅游者支付旅游费用总额10%的违约金。
	RuleShoppingAdded StandardRule = "shopping_added"
	// 第十条（四）强迫或者变相强迫旅游者购物的，每次向旅游者支付旅游费用总额
	// 20%的违约金。
	RuleForcedShopping StandardRule = "forced_shopping"
	// 第十一条 旅行社违反合同约定，中止对旅游者提供住宿、用餐、交通等旅游服务
	// 的，应当负担旅游者在被中止旅游服务期间所订的同等级别的住宿、用餐、交通等
	// 必要费用，并向旅游者支付旅游费用总额30%的违约金。
	RuleSuspended StandardRule = "suspended"
)

// StandardInput names what a rule needs besides the fee.
type StandardInput string

const (
	InputFee         StandardInput = "fee"         // the tour fee (Booking.Fee)
	InputOccurrences StandardInput = "occurrences" // how many times (shopping stops, sights)
	InputDaysBefore  StandardInput = "days_before" // days before departure the cancellation was notified
	InputOutbound    StandardInput = "outbound"    // an outbound tour (incl. Taiwan) rather than domestic
	InputDifference  StandardInput = "difference"  // contract amount minus what was actually spent; a ticket's cost
	InputPercent     StandardInput = "percent"     // 1–5, for guide service
	InputCosts       StandardInput = "costs"       // the necessary costs the customer paid while suspended
)

// StandardRuleInfo describes a rule: its article, the categories it is
// offered for first, and its inputs.
type StandardRuleInfo struct {
	Rule       StandardRule
	Article    string // the article code, e.g. "std2011:10.4"; see ArticleCode
	Categories []string
	Inputs     []StandardInput
}

// StandardRules lists the rules in the standard's order.
var StandardRules = []StandardRuleInfo{
	{RuleCancellation, "std2011:4", []string{"tour_cancellation", "refund_change"}, []StandardInput{InputFee, InputDaysBefore, InputOutbound}},
	{RuleTransfer, "std2011:5", []string{"itinerary_change", "tour_cancellation"}, []StandardInput{InputFee}},
	{RuleBelowStandard, "std2011:8", []string{"accommodation", "meals", "transport_delay", "itinerary_change"}, []StandardInput{InputDifference}},
	{RuleGuideService, "std2011:9", []string{"guide_conduct"}, []StandardInput{InputFee, InputPercent}},
	{RuleSightMissed, "std2011:10.1", []string{"itinerary_change", "guide_conduct"}, []StandardInput{InputFee, InputOccurrences}},
	{RuleSightPaid, "std2011:10.1", []string{"itinerary_change", "guide_conduct"}, []StandardInput{InputDifference}},
	{RuleShoppingAdded, "std2011:10.3", []string{"forced_shopping", "itinerary_change", "guide_conduct"}, []StandardInput{InputFee, InputOccurrences}},
	{RuleForcedShopping, "std2011:10.4", []string{"forced_shopping", "guide_conduct"}, []StandardInput{InputFee, InputOccurrences}},
	{RuleSuspended, "std2011:11", []string{"accommodation", "meals", "transport_delay", "itinerary_change"}, []StandardInput{InputFee, InputCosts}},
}

// StandardRuleFor returns a rule's description.
func StandardRuleFor(r StandardRule) (StandardRuleInfo, bool) {
	i := slices.IndexFunc(StandardRules, func(x StandardRuleInfo) bool { return x.Rule == r })
	if i < 0 {
		return StandardRuleInfo{}, false
	}
	return StandardRules[i], true
}

// StandardRulesFor lists the rules offered for a category, most specific
// first; nil when the standard does not cover it.
func StandardRulesFor(category string) []StandardRuleInfo {
	var out []StandardRuleInfo
	for _, r := range StandardRules {
		if slices.Contains(r.Categories, category) {
			out = append(out, r)
		}
	}
	return out
}

// Covers reports whether the standard has a rule for the category.
func StandardCovers(category string) bool { return len(StandardRulesFor(category)) > 0 }

// StandardFacts are the inputs of a calculation.
type StandardFacts struct {
	Fee         Money
	Occurrences int
	DaysBefore  int // days before departure the customer was told; 0 = on the day
	Outbound    bool
	Difference  Money
	Percent     int // 1–5 (guide service)
	Costs       Money
}

// CalcStep is one term of a sum: Percent % of Base, Times times; Percent 0
// means Base itself.
type CalcStep struct {
	Percent int
	Base    Money
	Times   int // 0 or 1: once
	Result  Money
}

// Suggestion is what the standard says the case is owed under one rule:
// the amount, the article it comes from, and the arithmetic, as data that
// data/present writes ("20 % × ¥3,800.00 × 2 = ¥1,520.00").
type Suggestion struct {
	Rule    StandardRule
	Article string // article code; see ArticleCode
	Steps   []CalcStep
	Amount  Money
	// NoPenalty: notice was early enough that art. 4 owes no penalty.
	NoPenalty bool
}

// StandardError says which input is missing or out of range.
type StandardError struct {
	Input  StandardInput
	Reason string
}

func (e *StandardError) Error() string {
	return fmt.Sprintf("compensation standard: %s: %s", e.Input, e.Reason)
}

// Unwrap makes it an ErrInvalid.
func (e *StandardError) Unwrap() error { return ErrInvalid }

// percentOf is p % of m, n times, rounded half up to the fen.
func percentOf(m Money, p, n int) Money {
	if n <= 0 {
		n = 1
	}
	v := int64(m) * int64(p) * int64(n)
	return Money((v + 50) / 100)
}

// CancellationPercent is art. 4's penalty for the agency cancelling a tour
// days before departure (0 = on the day); 0 when the notice was early
// enough (domestic: more than 7 days, outbound: more than 30 days).
func CancellationPercent(days int, outbound bool) int {
	if days < 0 {
		days = 0
	}
	if outbound {
		switch {
		case days > 30:
			return 0
		case days >= 15:
			return 2
		case days >= 7:
			return 5
		case days >= 4:
			return 10
		case days >= 1:
			return 15
		}
		return 20
	}
	switch {
	case days > 7:
		return 0
	case days >= 4:
		return 10
	case days >= 1:
		return 15
	}
	return 20
}

// SuggestStandard computes what rule r owes with the facts given.
func SuggestStandard(r StandardRule, f StandardFacts) (Suggestion, error) {
	info, ok := StandardRuleFor(r)
	if !ok {
		return Suggestion{}, fmt.Errorf("%w: unknown rule %q", ErrInvalid, r)
	}
	for _, in := range info.Inputs {
		switch in {
		case InputFee:
			if f.Fee <= 0 {
				return Suggestion{}, &StandardError{InputFee, "the tour fee is not recorded"}
			}
		case InputOccurrences:
			if f.Occurrences < 1 || f.Occurrences > 99 {
				return Suggestion{}, &StandardError{InputOccurrences, "give how many times, 1 to 99"}
			}
		case InputDaysBefore:
			if f.DaysBefore < 0 || f.DaysBefore > 3660 {
				return Suggestion{}, &StandardError{InputDaysBefore, "give the days before departure, 0 for the day itself"}
			}
		case InputDifference:
			if f.Difference <= 0 {
				return Suggestion{}, &StandardError{InputDifference, "give the amount"}
			}
		case InputPercent:
			if f.Percent < 1 || f.Percent > 5 {
				return Suggestion{}, &StandardError{InputPercent, "art. 9 allows 1 % to 5 %"}
			}
		case InputCosts:
			if f.Costs < 0 {
				return Suggestion{}, &StandardError{InputCosts, "the costs must not be negative"}
			}
		}
	}
	s := Suggestion{Rule: r, Article: info.Article}
	step := func(p int, base Money, times int) {
		res := base
		if p > 0 {
			res = percentOf(base, p, times)
		}
		s.Steps = append(s.Steps, CalcStep{Percent: p, Base: base, Times: times, Result: res})
		s.Amount += res
	}
	switch r {
	case RuleCancellation:
		if f.Outbound {
			s.Article = "std2011:4.2"
		} else {
			s.Article = "std2011:4.1"
		}
		p := CancellationPercent(f.DaysBefore, f.Outbound)
		if p == 0 {
			s.NoPenalty = true
			return s, nil
		}
		step(p, f.Fee, 1)
	case RuleTransfer:
		step(25, f.Fee, 1)
	case RuleBelowStandard, RuleSightPaid:
		step(0, f.Difference, 1)
		step(100, f.Difference, 1)
	case RuleGuideService:
		step(f.Percent, f.Fee, 1)
	case RuleSightMissed:
		step(5, f.Fee, f.Occurrences)
	case RuleShoppingAdded:
		step(10, f.Fee, f.Occurrences)
	case RuleForcedShopping:
		step(20, f.Fee, f.Occurrences)
	case RuleSuspended:
		if f.Costs > 0 {
			step(0, f.Costs, 1)
		}
		step(30, f.Fee, 1)
	}
	return s, nil
}

// Remedy is the suggestion as a remedy of kind penalty, for staff to accept
// (and adjust) in the findings.
func (s Suggestion) Remedy() Remedy {
	return Remedy{Kind: RemedyPenalty, Amount: s.Amount, Article: s.Article}
}

// ArticleRef is an article of the standard read from its code.
type ArticleRef struct {
	Article int // 第N条
	Item    int // 第（N）项; 0 = the whole article
}

// ArticleCode reads a Remedy.Article written by Casebook ("std2011:10.4");
// ok is false for anything else (a person's own text, printed verbatim).
func ArticleCode(s string) (ArticleRef, bool) {
	rest, ok := strings.CutPrefix(s, "std2011:")
	if !ok {
		return ArticleRef{}, false
	}
	var a ArticleRef
	art, item, hasItem := strings.Cut(rest, ".")
	if _, err := fmt.Sscanf(art, "%d", &a.Article); err != nil || a.Article < 1 || a.Article > 20 {
		return ArticleRef{}, false
	}
	if hasItem {
		if _, err := fmt.Sscanf(item, "%d", &a.Item); err != nil || a.Item < 1 || a.Item > 20 {
			return ArticleRef{}, false
		}
	}
	return a, true
}
