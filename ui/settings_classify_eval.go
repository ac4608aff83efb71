package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casebook/data/classify"
	"casebook/data/present"
)

// evaluateButton runs the cross-validation of casebook classify evaluate in
// the background and shows its figures; nil without a classifier.
func (v *settingsView) evaluateButton() *widget.Button {
	if v.u.svc.Classifier == nil {
		return nil
	}
	var b *widget.Button
	b = widget.NewButton(T("Compare with the keyword rules…"), func() {
		b.Disable()
		cls := v.u.svc.Classifier
		v.u.async(func() func() {
			rep, err := cls.Evaluate(v.u.ctx, 5, 1)
			return func() {
				b.Enable()
				if err != nil {
					v.u.showError(err)
					return
				}
				v.showEvaluation(rep)
			}
		})
	})
	v.evaluate = b
	return b
}

// showEvaluation shows the figures of a cross-validation, as the command line prints them.
func (v *settingsView) showEvaluation(r classify.Report) {
	minCases := v.u.settings().Classify.Minimum()
	if r.Cases < minCases || r.Cases < r.Folds {
		dialog.ShowInformation(T("Learned suggestions"), TF("Only {{.N}} closed cases: the classifier needs {{.Min}} before it learns anything (classify.min_cases), so there is nothing to evaluate.",
			map[string]any{"N": r.Cases, "Min": minCases}), v.u.win)
		return
	}
	n := r.Cases
	cell := func(right int) fyne.CanvasObject {
		return widget.NewLabel(fmt.Sprintf("%s (%d)", percentOf(right, n), right))
	}
	grid := container.NewGridWithColumns(4,
		widget.NewLabel(""), widget.NewLabelWithStyle(T("classifier"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(T("keyword rules"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(T("rules with defaults"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(T("Category")), cell(r.Category.Correct), cell(r.Category.RulesCorrect), cell(r.Category.RulesDefaultCorrect),
		widget.NewLabel(T("Severity")), cell(r.Severity.Correct), cell(r.Severity.RulesCorrect), cell(r.Severity.RulesDefaultCorrect),
	)
	text := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	at := func(key string, f classify.Field) *widget.Label {
		return text(TF(key, map[string]any{"T": present.Percent(r.Threshold), "Cov": percentOf(f.Suggested, n), "K": f.Suggested,
			"Acc": percentOf(f.SuggestedCorrect, f.Suggested)}))
	}
	body := container.NewVBox(
		text(TF("{{.N}} closed cases, {{.K}}-fold cross-validation (seed {{.Seed}}).", map[string]any{"N": n, "K": r.Folds, "Seed": r.Seed})),
		grid,
		text(TF("Accuracy is the share of the {{.N}} cases classified right. The keyword rules set no category for {{.C}} of them and no severity for {{.S}}: those count as wrong. “Rules with defaults” gives those cases what intake gives them (other, normal).",
			map[string]any{"N": n, "C": r.Category.RulesNothing, "S": r.Severity.RulesNothing})),
		at("At the threshold of {{.T}}, a category is suggested for {{.Cov}} of the cases ({{.K}}), and {{.Acc}} of those suggestions are right.", r.Category),
		at("At the threshold of {{.T}}, a severity is suggested for {{.Cov}} of the cases ({{.K}}), and {{.Acc}} of those suggestions are right.", r.Severity),
	)
	d := dialog.NewCustom(T("Learned suggestions"), T("Close"), body, v.u.win)
	d.Resize(fyne.NewSize(min32(720, v.u.win.Canvas().Size().Width-40), 0))
	v.evalDialog = d
	d.Show()
}

func percentOf(n, of int) string {
	if of == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f %%", 100*float64(n)/float64(of))
}

func min32(a, b float32) float32 {
	if a < b {
		return a
	}
	return b
}
