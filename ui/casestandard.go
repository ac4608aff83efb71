package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// articleValue is the article to store: the standard's code while the text
// still shows it, else what the person typed.
func (r *remedyRow) articleValue() string {
	s := strings.TrimSpace(r.article.Text)
	if r.articleCode != "" && s == pr().Article(r.articleCode) {
		return r.articleCode
	}
	return s
}

// standardBox offers what the 2011 compensation standard suggests for a
// case of a category it covers: the rule, its inputs, the amount with its
// article and arithmetic, and a button that adds it as a penalty remedy the
// clerk can still change. Nothing is added without that click. Empty for a
// category the standard does not cover, and for read-only findings.
func (f *findingsForm) standardBox(c data.Case) fyne.CanvasObject {
	rules := data.StandardRulesFor(c.Category)
	if len(rules) == 0 || c.FindingsLocked() {
		return container.NewVBox()
	}
	p := pr()
	ids := make([]data.StandardRule, len(rules))
	for i, r := range rules {
		ids[i] = r.Rule
	}
	ruleChoice := newChoice(ids, p.StandardRule) // the article follows in the suggestion
	rule := newSelect(ruleChoice.labels, nil)

	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		return e
	}
	occurrences := entry("1")
	occurrences.SetText("1")
	daysBefore := entry("0")
	outbound := widget.NewCheck(p.StandardInput(data.InputOutbound), nil)
	difference := entry("0.00")
	percent := entry("1–5")
	costs := entry("0.00")
	inputs := map[data.StandardInput]*widget.FormItem{
		data.InputOccurrences: widget.NewFormItem(p.StandardInput(data.InputOccurrences), occurrences),
		data.InputDaysBefore:  widget.NewFormItem(p.StandardInput(data.InputDaysBefore), daysBefore),
		data.InputOutbound:    widget.NewFormItem("", outbound),
		data.InputDifference:  widget.NewFormItem(p.StandardInput(data.InputDifference), difference),
		data.InputPercent:     widget.NewFormItem(p.StandardInput(data.InputPercent), percent),
		data.InputCosts:       widget.NewFormItem(p.StandardInput(data.InputCosts), costs),
	}
	form := widget.NewForm()
	result := widget.NewLabel("")
	result.Wrapping = fyne.TextWrapWord
	var current data.Suggestion
	accept := widget.NewButtonWithIcon(T("Accept as remedy"), theme.ConfirmIcon(), nil)

	facts := func() data.StandardFacts {
		n := func(e *widget.Entry) int { v, _ := strconv.Atoi(strings.TrimSpace(halfWidthDigits(e.Text))); return v }
		m := func(e *widget.Entry) data.Money { v, _ := data.ParseMoney(e.Text); return v }
		return data.StandardFacts{Fee: c.Booking.Fee, Occurrences: n(occurrences), DaysBefore: n(daysBefore),
			Outbound: outbound.Checked, Difference: m(difference), Percent: n(percent), Costs: m(costs)}
	}
	compute := func() {
		info, ok := data.StandardRuleFor(ruleChoice.value(rule))
		if !ok {
			result.SetText("")
			accept.Disable()
			return
		}
		s, err := data.SuggestStandard(info.Rule, facts())
		switch {
		case err != nil:
			result.SetText(p.Error(err))
			result.Importance = widget.WarningImportance
			accept.Disable()
		case s.NoPenalty:
			result.SetText(p.Arithmetic(s, f.currency))
			result.Importance = widget.MediumImportance
			accept.Disable()
		default:
			current = s
			result.SetText(p.Suggestion(s, f.currency))
			result.Importance = widget.SuccessImportance
			accept.Enable()
		}
		result.Refresh()
	}
	showInputs := func() {
		form.Items = nil
		info, _ := data.StandardRuleFor(ruleChoice.value(rule))
		for _, in := range info.Inputs {
			if it := inputs[in]; it != nil {
				form.Items = append(form.Items, it)
			}
		}
		form.Refresh()
		compute()
	}
	for _, e := range []*widget.Entry{occurrences, daysBefore, difference, percent, costs} {
		e.OnChanged = func(string) { compute() }
	}
	outbound.OnChanged = func(bool) { compute() }
	rule.OnChanged = func(string) { showInputs() }
	accept.OnTapped = func() {
		if current.Rule == "" {
			return
		}
		row := f.addRow(remedyDraft{id: f.nextRowID(), kind: data.RemedyPenalty, amount: current.Amount.String(),
			note: p.StandardRule(current.Rule), article: current.Article})
		f.changed()
		f.d.u.win.Canvas().Focus(row.amount)
	}
	ruleChoice.set(rule, ids[0])
	showInputs()
	title := widget.NewLabelWithStyle(T("Suggested by the compensation standard (2011)"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	note := widget.NewLabel(T("A suggestion: accept it as a remedy, then adjust it, or leave it."))
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	return widget.NewCard("", "", container.NewVBox(title,
		widget.NewForm(widget.NewFormItem(T("Rule"), rule)), form, result,
		container.NewBorder(nil, nil, nil, accept, note)))
}

// halfWidthDigits turns full-width digits, as an input method types them, into ASCII.
func halfWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}
