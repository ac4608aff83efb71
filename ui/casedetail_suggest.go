package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"casebook/data"
)

// learnLine is the case screen's learned suggestion, for a case still new
// or not yet given a category (the fallback one): Apply changes the
// category and severity like the pickers above it, with the timeline entry
// a change gets. Nothing otherwise.
func (d *caseDetail) learnLine(c data.Case) fyne.CanvasObject {
	d.learn = nil
	if d.u.svc.Classifier == nil || !c.Status.Open() || (c.Status != data.StatusNew && c.Category != data.FallbackCategory) {
		return container.NewVBox()
	}
	l := newSuggestLine(d.u,
		func() (string, string) { return c.Subject, c.Description },
		func() (string, data.Severity) { return c.Category, c.Severity },
		func(s data.LearnedSuggestion) {
			var ch data.CaseChanges
			if s.Category != "" && s.Category != c.Category {
				ch.Category = &s.Category
			}
			if s.Severity != "" && s.Severity != c.Severity {
				ch.Severity = &s.Severity
			}
			d.change(c, ch)
		})
	l.refresh()
	d.learn = l
	return l.box
}
