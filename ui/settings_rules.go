package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// The keyword rules are edited as text, one rule a line:
//
//	受伤, 摔伤, injury = incident safety_injury urgent
//
// keywords before "=", then any of a kind, a category code and a severity.

func formatRules(rules []data.KeywordRule) string {
	var b strings.Builder
	for _, r := range rules {
		b.WriteString(strings.Join(r.Keywords, ", "))
		b.WriteString(" =")
		for _, v := range []string{string(r.Kind), r.Category, string(r.Severity)} {
			if v != "" {
				b.WriteString(" " + v)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func parseRules(text string, st data.Settings) ([]data.KeywordRule, error) {
	var out []data.KeywordRule
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words, effects, ok := strings.Cut(line, "=")
		if !ok {
			return nil, ruleError(n+1, line)
		}
		var r data.KeywordRule
		for _, w := range strings.FieldsFunc(words, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
			if w = strings.TrimSpace(w); w != "" {
				r.Keywords = append(r.Keywords, w)
			}
		}
		for _, f := range strings.Fields(effects) {
			switch {
			case slices.Contains(data.Kinds, data.Kind(f)):
				r.Kind = data.Kind(f)
			case slices.Contains(data.Severities, data.Severity(f)):
				r.Severity = data.Severity(f)
			default:
				if _, ok := st.Category(f); !ok {
					return nil, ruleError(n+1, line)
				}
				r.Category = f
			}
		}
		if len(r.Keywords) == 0 || (r.Kind == "" && r.Category == "" && r.Severity == "") {
			return nil, ruleError(n+1, line)
		}
		out = append(out, r)
	}
	return out, nil
}

func ruleError(line int, text string) error {
	return localError(TF("Rule on line {{.Line}} is not “keywords = kind category severity”: {{.Text}}",
		map[string]any{"Line": line, "Text": text}))
}

// rulesEditor is the text box with the rules and how to write them.
func rulesEditor(rules []data.KeywordRule) (fyne.CanvasObject, *widget.Entry) {
	e := widget.NewMultiLineEntry()
	e.SetText(formatRules(rules))
	e.SetMinRowsVisible(10)
	help := widget.NewLabel(fmt.Sprintf("%s\n%s: %s\n%s: %s", T("One rule a line: keywords, a “=”, then what to suggest. The first matching rule decides each part."),
		T("Kinds"), joinKinds(), T("Severities"), "urgent, normal, low"))
	help.Wrapping = fyne.TextWrapWord
	return container.NewVBox(help, e), e
}

func joinKinds() string {
	var out []string
	for _, k := range data.Kinds {
		out = append(out, string(k))
	}
	return strings.Join(out, ", ")
}
