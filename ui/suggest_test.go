package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/classify"
)

// fakeClassifier suggests forced shopping (87 %) and urgent (72 %) for a
// text about shopping, and nothing above the threshold for anything else.
type fakeClassifier struct{ asked int }

func (f *fakeClassifier) Suggest(subject, text string) data.LearnedSuggestion {
	f.asked++
	if strings.Contains(subject+text, "购物") {
		return data.LearnedSuggestion{Category: "forced_shopping", CategoryConfidence: 0.87,
			Severity: data.SeverityUrgent, SeverityConfidence: 0.72, Threshold: 0.6, Cases: 120}
	}
	return data.LearnedSuggestion{Reason: data.LearnBelowThreshold, Best: "meals", BestConfidence: 0.3, Threshold: 0.6, Cases: 120}
}

func (f *fakeClassifier) Status() data.LearnStatus {
	return data.LearnStatus{Cases: 120, Ready: true, Threshold: 0.6, MinCases: 30,
		TrainedAt: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
}

func (f *fakeClassifier) Evaluate(ctx context.Context, folds int, seed uint64) (classify.Report, error) {
	return classify.Report{Cases: 200, Folds: folds, Seed: seed, Threshold: 0.6,
		Category: classify.Field{Correct: 170, Suggested: 150, SuggestedCorrect: 141, RulesCorrect: 90, RulesNothing: 30, RulesDefaultCorrect: 96},
		Severity: classify.Field{Correct: 150, Suggested: 120, SuggestedCorrect: 100, RulesCorrect: 20, RulesNothing: 170, RulesDefaultCorrect: 140}}, nil
}

func TestLearnedSuggestionInTheNewCaseForm(t *testing.T) {
	u, _ := newTestUI(t)
	fc := &fakeClassifier{}
	u.svc.Classifier = fc
	u.form.learn.delay = 0
	u.showNewCase()
	f := u.form
	if f.learn.box.Visible() {
		t.Fatal("a suggestion on an empty form")
	}
	test.Type(f.subject, "团餐")
	if f.learn.box.Visible() {
		t.Fatal("a suggestion below the threshold is shown")
	}
	test.Type(f.description, "导游带我们进了三家购物店，不买不让走")
	if !f.learn.box.Visible() || f.learn.label.Text != "Suggested: Forced shopping (87 %) · Urgent (72 %)" {
		t.Fatalf("after typing: visible %v, %q", f.learn.box.Visible(), f.learn.label.Text)
	}
	// Shown, not applied: the pickers still hold the defaults.
	if f.categoryChoice.value(&f.category.Select) != "other" || f.severityChoice.value(&f.severity.Select) != data.SeverityNormal {
		t.Fatal("the suggestion was applied without a click")
	}
	test.Tap(f.learn.apply)
	if got := f.categoryChoice.value(&f.category.Select); got != "forced_shopping" {
		t.Errorf("Apply set the category to %q", got)
	}
	if got := f.severityChoice.value(&f.severity.Select); got != data.SeverityUrgent {
		t.Errorf("Apply set the severity to %q", got)
	}
	if f.learn.box.Visible() {
		t.Error("the line stays after its suggestion was applied")
	}
	// The user still saves: the case is recorded with what was applied.
	test.Type(f.name, "王小明")
	test.Tap(f.saveBtn)
	rows := u.svc.Cases.List(data.Filter{}, data.Sort{}, u.now())
	if len(rows) != 1 || rows[0].Category != "forced_shopping" || rows[0].Severity != data.SeverityUrgent {
		t.Fatalf("saved %+v", rows)
	}
	if f.learn.box.Visible() {
		t.Error("the line outlives the saved case")
	}
}

func TestLearnedSuggestionOnTheCaseScreen(t *testing.T) {
	u, s := newTestUI(t)
	u.svc.Classifier = &fakeClassifier{}
	c, err := u.svc.Cases.Create(u.ctx, u.actor(), data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal,
		Channel: data.ChannelEmail, Subject: "投诉", Description: "导游安排的购物店太多",
		Customer: data.Customer{Name: "王小明", Phone: "13800138000"}})
	if err != nil {
		t.Fatal(err)
	}
	u.list.refresh()
	u.openCase(c.ID)
	l := u.detail.learn
	if l == nil || !l.box.Visible() || !strings.Contains(l.label.Text, "Forced shopping (87 %)") {
		t.Fatalf("no suggestion on a new case: %+v", l)
	}
	test.Tap(l.apply)
	got, err := s.Case(u.ctx, c.Number)
	if err != nil {
		t.Fatal(err)
	}
	if got.Category != "forced_shopping" || got.Severity != data.SeverityUrgent {
		t.Errorf("after Apply: %s / %s", got.Category, got.Severity)
	}
	if l := u.detail.learn; l != nil && l.box.Visible() {
		t.Error("the suggestion is still offered after it was applied")
	}

	// A new case that already has the suggested category: only the severity is offered.
	c2, err := u.svc.Cases.Create(u.ctx, u.actor(), data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal,
		Category: "forced_shopping", Channel: data.ChannelPhone, Subject: "购物店太多", Customer: data.Customer{Name: "李雷"}})
	if err != nil {
		t.Fatal(err)
	}
	u.list.refresh()
	u.openCase(c2.ID)
	if l := u.detail.learn; l == nil || !l.box.Visible() || l.label.Text != "Suggested: Urgent (72 %)" {
		t.Errorf("a case with the suggested category: %+v", l)
	}
}

func TestSettingsClassifyCard(t *testing.T) {
	u, s := newTestUI(t)
	u.svc.Classifier = &fakeClassifier{}
	u.setView.load()
	if !strings.Contains(u.setView.learnStatus.Text, "Learned from 120 closed cases") {
		t.Errorf("status line %q", u.setView.learnStatus.Text)
	}
	st, err := u.setView.read()
	if err != nil {
		t.Fatal(err)
	}
	if st.Classify != (data.ClassifySettings{}) {
		t.Errorf("the defaults read as %+v: a save would store them", st.Classify)
	}
	// The comparison with the keyword rules, as casebook classify evaluate prints it.
	test.Tap(u.setView.evaluate)
	u.bg.Wait() // the cross-validation runs off the UI goroutine
	if u.setView.evalDialog == nil {
		t.Fatal("no figures after Compare")
	}
	var texts []string
	for _, o := range test.LaidOutObjects(u.win.Canvas().Overlays().Top()) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{"85.0 % (170)", "45.0 % (90)", "count as wrong", "a category is suggested for 75.0 % of the cases (150), and 94.0 %"} {
		if !strings.Contains(all, want) {
			t.Errorf("the figures do not say %q: %s", want, all)
		}
	}
	u.setView.evalDialog.Hide()

	// A threshold typed in percent is saved as a fraction; a wrong one is marked.
	th := u.setView.marks.fields["classify.threshold"].(*widget.Entry)
	th.SetText("75")
	u.setView.save()
	if got := s.Settings().Classify.Threshold; got != 0.75 {
		t.Errorf("saved threshold %v", got)
	}
	th = u.setView.marks.fields["classify.threshold"].(*widget.Entry)
	th.SetText("30")
	u.setView.save()
	if u.setView.marks.text("classify.threshold") == "" || s.Settings().Classify.Threshold != 0.75 {
		t.Errorf("a threshold of 30 %%: mark %q, saved %v", u.setView.marks.text("classify.threshold"), s.Settings().Classify.Threshold)
	}
}
