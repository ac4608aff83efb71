package ui

import (
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// classifyCard is the Suggestions page's card for the suggestions learned
// from closed cases: the confidence they need to be shown, the closed cases
// needed before any is, and what the current model learned from. It returns
// the reader of its fields; a wrong number is marked under its field.
func (v *settingsView) classifyCard(st data.Settings, marks *fieldMarks) (fyne.CanvasObject, func() (data.ClassifySettings, bool)) {
	threshold := widget.NewEntry()
	threshold.SetText(strconv.Itoa(int(math.Round(st.Classify.Confidence() * 100))))
	minimum := widget.NewEntry()
	minimum.SetText(strconv.Itoa(st.Classify.Minimum()))
	v.learnStatus = widget.NewLabel("")
	v.showLearnStatus()
	form := widget.NewForm(
		widget.NewFormItem(T("Confidence threshold (%)"), marks.under("classify.threshold", threshold)),
		widget.NewFormItem(T("Minimum closed cases"), marks.under("classify.min_cases", minimum)),
	)
	form.Items[0].HintText = T("A suggestion shows only at this confidence or above: 50 to 99")
	form.Items[1].HintText = T("Nothing is suggested until this many cases are closed: at least 10")
	card := widget.NewCard(T("Learned suggestions"),
		T("The category and severity suggested from the agency's own closed cases, with their confidence. They are never applied without a click."),
		v.learnBody(form))
	return card, func() (data.ClassifySettings, bool) {
		out, ok := st.Classify, true
		if n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(threshold.Text), "%"))); err != nil || n < 50 || n > 99 {
			marks.mark("classify.threshold", T("A whole number from 50 to 99"))
			ok = false
		} else if float64(n)/100 != st.Classify.Confidence() {
			out.Threshold = float64(n) / 100
		}
		if n, err := strconv.Atoi(strings.TrimSpace(minimum.Text)); err != nil || n < 10 || n > data.MaxClassifyMinCases {
			marks.mark("classify.min_cases", T("A whole number of cases, at least 10"))
			ok = false
		} else if n != st.Classify.Minimum() {
			out.MinCases = n
		}
		return out, ok
	}
}

// showLearnStatus says what the classifier learned from, and when.
func (v *settingsView) showLearnStatus() {
	if v.learnStatus == nil {
		return
	}
	if v.u.svc.Classifier == nil {
		v.learnStatus.Hide()
		return
	}
	s := v.u.svc.Classifier.Status()
	at := ""
	if !s.TrainedAt.IsZero() {
		at = pr().DateTime(s.TrainedAt.In(zone()))
	}
	v.learnStatus.SetText(pr().LearnStatus(s, at))
	v.learnStatus.Show()
}

// learnBody is the card's fields, the status line and, with a classifier, the evaluate button.
func (v *settingsView) learnBody(form *widget.Form) fyne.CanvasObject {
	// The status and the button share a line: no wrapped text at the end
	// of the page, whose height a scroll can underestimate.
	if b := v.evaluateButton(); b != nil {
		return container.NewVBox(form, container.NewBorder(nil, nil, nil, b, v.learnStatus))
	}
	return container.NewVBox(form, v.learnStatus)
}
