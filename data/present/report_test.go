package present

import (
	"testing"

	"casebook/data"
	"casebook/data/report"
)

// Every report definition has its name and its text in every language.
func TestReportDefinitionsInEveryLanguage(t *testing.T) {
	for _, lang := range data.Languages {
		p := For(lang)
		for _, name := range report.Definitions {
			for _, key := range []string{"report.label." + name, "report.def." + name} {
				if _, ok := p.m[key]; !ok {
					t.Errorf("%s: no %s", lang, key)
				}
			}
		}
	}
}
