package data

// RulesSet is what the keyword rules set, field by field: "" where no rule
// that matches sets the field (Suggest fills those with its defaults). The
// classifier's evaluation needs the difference: a rule that says nothing is
// not a rule that said "other".
func RulesSet(rules []KeywordRule, subject, text string) (Kind, string, Severity) {
	hay := lowerHay(subject, text)
	kind, category, severity := Kind(""), "", Severity("")
	for _, r := range rules {
		if !matchesAny(hay, r.Keywords) {
			continue
		}
		if kind == "" && r.Kind != "" {
			kind = r.Kind
		}
		if category == "" && r.Category != "" {
			category = r.Category
		}
		if severity == "" && r.Severity != "" {
			severity = r.Severity
		}
	}
	return kind, category, severity
}
