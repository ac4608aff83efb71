package data

import "strings"

// KeywordRule suggests how to classify a case from words in an e-mail's subject
// or text. Rules are tried in order; each field is taken from the first rule
// that matches and sets it.
type KeywordRule struct {
	Keywords []string `json:"keywords"` // any of them, case-insensitive substrings
	Kind     Kind     `json:"kind,omitzero"`
	Category string   `json:"category,omitzero"`
	Severity Severity `json:"severity,omitzero"`
}

// DefaultKeywordRules are the Chinese and English defaults; Settings can change them.
func DefaultKeywordRules() []KeywordRule {
	return []KeywordRule{
		{Keywords: []string{"受伤", "摔伤", "骨折", "事故", "急救", "住院", "injury", "injured", "accident", "hospital", "受傷", "摔傷"},
			Kind: KindIncident, Category: "safety_injury", Severity: SeverityUrgent},
		{Keywords: []string{"被困", "失联", "报警", "stranded", "missing", "police", "被困", "失聯", "報警"},
			Kind: KindIncident, Severity: SeverityUrgent},
		{Keywords: []string{"航班", "延误", "取消航班", "误机", "delay", "delayed", "flight", "延誤"}, Category: "transport_delay"},
		{Keywords: []string{"退款", "退团", "改期", "退改", "refund", "cancel my", "reschedule", "退團"}, Kind: KindRequest, Category: "refund_change"},
		{Keywords: []string{"发票", "出游证明", "invoice", "receipt", "發票"}, Kind: KindRequest, Category: "other"},
		{Keywords: []string{"购物", "购物店", "shopping", "購物"}, Category: "forced_shopping"},
		{Keywords: []string{"导游", "領隊", "领队", "guide", "導遊"}, Category: "guide_conduct"},
		{Keywords: []string{"酒店", "房间", "住宿", "hotel", "room", "飯店", "房間"}, Category: "accommodation"},
		{Keywords: []string{"餐", "饭菜", "meal", "food", "飯菜"}, Category: "meals"},
		{Keywords: []string{"行李", "luggage", "baggage"}, Category: "luggage"},
		{Keywords: []string{"签证", "护照", "visa", "passport", "簽證", "護照"}, Category: "visa_documents"},
		{Keywords: []string{"保险", "理赔", "insurance", "claim", "保險", "理賠"}, Category: "insurance"},
		{Keywords: []string{"行程", "景点", "itinerary", "skipped", "景點"}, Category: "itinerary_change"},
		{Keywords: []string{"收费", "多收", "费用", "charged", "overcharged", "fee", "收費", "費用"}, Category: "fee_dispute"},
		{Keywords: []string{"表扬", "感谢", "谢谢", "thank you", "great trip", "表揚", "感謝"}, Kind: KindPraise, Severity: SeverityLow},
		{Keywords: []string{"建议", "建議", "suggest", "suggestion"}, Kind: KindSuggestion, Severity: SeverityLow},
	}
}

// Suggest classifies a message by the rules; what no rule sets stays the
// default: a normal complaint in "other".
func Suggest(rules []KeywordRule, subject, text string) (Kind, string, Severity) {
	kind, category, severity := RulesSet(rules, subject, text)
	if kind == "" {
		kind = KindComplaint
	}
	if category == "" {
		category = "other"
	}
	if severity == "" {
		severity = SeverityNormal
	}
	return kind, category, severity
}

func lowerHay(subject, text string) string { return strings.ToLower(subject + "\n" + text) }

func matchesAny(hay string, words []string) bool {
	for _, w := range words {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" && strings.Contains(hay, w) {
			return true
		}
	}
	return false
}
