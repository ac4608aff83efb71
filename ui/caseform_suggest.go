package ui

import "casebook/data"

// newLearnLine is the intake form's learned suggestion: it reads the subject
// and the description, and Apply sets the category and severity pickers
// (the user still saves).
func (f *caseForm) newLearnLine() *suggestLine {
	return newSuggestLine(f.u,
		func() (string, string) { return f.subject.Text, f.description.Text },
		func() (string, data.Severity) {
			return f.categoryChoice.value(&f.category.Select), f.severityChoice.value(&f.severity.Select)
		},
		func(s data.LearnedSuggestion) {
			if s.Category != "" {
				f.categoryChoice.set(&f.category.Select, s.Category)
			}
			if s.Severity != "" {
				f.severityChoice.set(&f.severity.Select, s.Severity)
			}
		})
}
