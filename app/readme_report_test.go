package main

import (
	"os"
	"strings"
	"testing"

	"casebook/data/present"
	"casebook/data/report"
)

// The README's "Report figures" repeats every definition in English, word
// for word, as the catalogue has it.
func TestREADMEHasTheReportDefinitions(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	p := present.For("en")
	for _, name := range report.Definitions {
		if def := p.ReportDefinition(name); !strings.Contains(readme, "| "+def+" |") {
			t.Errorf("README.md lacks the definition of %s: %q", name, def)
		}
	}
}
