package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/classify"
)

// classifier is what the screens need of the suggestions learned from
// closed cases: a suggestion for a text, and what the model learned from.
type classifier interface {
	Suggest(subject, text string) data.LearnedSuggestion
	Status() data.LearnStatus
	// Evaluate cross-validates on the closed cases, next to the keyword rules.
	Evaluate(ctx context.Context, folds int, seed uint64) (classify.Report, error)
}

// suggestDelay is how long typing must pause before the form asks for a
// suggestion: a suggestion that changes with every character distracts.
const suggestDelay = 500 * time.Millisecond

// suggestLine shows "Suggested: 强制购物 (87 %) · 紧急 (72 %)" with an Apply
// button, or nothing: below the threshold, with too few closed cases, or
// when the case already has what is suggested (a field it already holds is
// left out of the line). Applying is always the
// user's click; nothing is set silently.
type suggestLine struct {
	u       *UI
	box     *fyne.Container
	label   *widget.Label
	apply   *widget.Button
	delay   time.Duration
	timer   *time.Timer
	current data.LearnedSuggestion

	texts   func() (subject, text string)
	holds   func() (string, data.Severity) // the category and severity the fields hold now
	onApply func(data.LearnedSuggestion)
}

func newSuggestLine(u *UI, texts func() (string, string), holds func() (string, data.Severity), onApply func(data.LearnedSuggestion)) *suggestLine {
	s := &suggestLine{u: u, delay: suggestDelay, texts: texts, holds: holds, onApply: onApply}
	s.label = widget.NewLabel("")
	s.label.Wrapping = fyne.TextWrapWord
	s.label.Importance = widget.HighImportance
	s.apply = widget.NewButtonWithIcon(T("Apply"), theme.ConfirmIcon(), func() {
		if s.current.Any() {
			s.onApply(s.current)
			s.refresh()
		}
	})
	s.box = container.NewBorder(nil, nil, nil, s.apply, s.label)
	s.box.Hide()
	return s
}

// changed asks again once typing pauses.
func (s *suggestLine) changed() {
	if s.u.svc.Classifier == nil {
		return
	}
	if s.timer != nil {
		s.timer.Stop()
	}
	if s.delay == 0 { // tests: at once
		s.refresh()
		return
	}
	s.timer = time.AfterFunc(s.delay, func() { s.u.do(s.refresh) })
}

// refresh asks the classifier now and shows what it suggests, or hides the line.
func (s *suggestLine) refresh() {
	if s.u.svc.Classifier == nil {
		return
	}
	subject, text := s.texts()
	if strings.TrimSpace(subject+text) == "" {
		s.clear()
		return
	}
	sug := s.u.svc.Classifier.Suggest(subject, text)
	// Only what would change something is offered.
	cat, sev := s.holds()
	if sug.Category == cat {
		sug.Category, sug.CategoryConfidence = "", 0
	}
	if sug.Severity == sev {
		sug.Severity, sug.SeverityConfidence = "", 0
	}
	s.current = sug
	if !sug.Any() {
		s.box.Hide()
		return
	}
	s.label.SetText(TF("Suggested: {{.S}}", map[string]any{"S": pr().Learned(s.u.settings(), sug)}))
	s.box.Show()
}

// clear hides the line and forgets the suggestion.
func (s *suggestLine) clear() {
	if s.timer != nil {
		s.timer.Stop()
	}
	s.current = data.LearnedSuggestion{}
	s.box.Hide()
}
