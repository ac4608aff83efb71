package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

func formatRules(rules []data.KeywordRule) string { return data.FormatKeywordRules(rules) }

func parseRules(text string, st data.Settings) ([]data.KeywordRule, error) {
	rules, err := data.ParseKeywordRules(text, st)
	if err != nil {
		return nil, localError(errorText(err))
	}
	return rules, nil
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
