package classify

import (
	"reflect"
	"slices"
	"testing"
)

func TestFeatures(t *testing.T) {
	got := Features("导游强制购物 Shopping ＳＨＯＰ shop 3000元, MU5123!")
	// 5 pairs, "元" alone between a digit and a comma; the words shopping, shop (once) and mu.
	if len(got) != 5+1+3 {
		t.Errorf("%d features, want 9", len(got))
	}
	if !slices.Contains(got, featUni|Feature('元')) || slices.Contains(got, featUni|Feature('导')) {
		t.Error("a character in a run is a feature of its own, or one alone is not")
	}
	if !slices.IsSorted(got) {
		t.Error("features not sorted")
	}
	if a, b := Features("ＶＩＳＡ　签证"), Features("visa 签证"); !slices.Equal(a, b) {
		t.Error("full-width forms are not folded")
	}
	if len(Features("2026-06-01 12:30 ¥3000")) != 0 {
		t.Error("digits and punctuation made features")
	}
}

func TestTooFewCasesSuggestsNothing(t *testing.T) {
	cases := demoCases(29)
	c := New(cases, Options{MinCases: 30, MinPerLabel: 1})
	if c.Category != nil || c.Severity != nil {
		t.Fatal("trained on 29 cases with a minimum of 30")
	}
	if s := c.Suggest("导游强制购物", "导游带我们进了三家购物店", 0.1); s != (Suggestion{}) {
		t.Errorf("suggested %+v without a model", s)
	}
}

func TestThreshold(t *testing.T) {
	c := New(demoCases(1500), Options{MinCases: 30, MinPerLabel: DefaultMinPerLabel})
	s := c.Suggest("导游强制购物", "导游带我们进了三家购物店，不买不让走。", 0.6)
	if s.Category.Value != "forced_shopping" || s.Category.Confidence < 0.6 {
		t.Fatalf("a clear forced shopping text: %+v", s)
	}
	// The same text with a threshold above the model's confidence: nothing.
	above := c.Suggest("导游强制购物", "导游带我们进了三家购物店，不买不让走。", s.Category.Confidence+0.001)
	if above.Category != (Guess{}) || above.BestCategory != s.Category {
		t.Errorf("above the confidence: %+v", above)
	}
	// A text with nothing to go on is not confidently anything.
	vague := c.Suggest("你好", "请回电", 0.6)
	if vague.Category != (Guess{}) {
		t.Errorf("a vague text got %+v", vague.Category)
	}
	if empty := c.Suggest("", " ", 0); empty != (Suggestion{}) {
		t.Errorf("an empty text got %+v", empty)
	}
}

func TestLabelsTooRareAreLeftOut(t *testing.T) {
	cases := demoCases(400)
	cases = append(cases, Case{Subject: "独一无二", Text: "稀有类别", Category: "rare", Severity: "normal"})
	c := New(cases, Options{MinCases: 30, MinPerLabel: 5})
	if slices.Contains(c.Category.Labels, "rare") {
		t.Error("a category seen once is suggested")
	}
}

func TestDeterministic(t *testing.T) {
	cases := demoCases(800)
	a := New(cases, Options{MinCases: 30, MinPerLabel: 5})
	// The same cases in another order give the same model and the same answers.
	rev := slices.Clone(cases)
	slices.Reverse(rev)
	b := New(rev, Options{MinCases: 30, MinPerLabel: 5})
	for _, c := range cases[:200] {
		sa, sb := a.Suggest(c.Subject, c.Text, 0.6), b.Suggest(c.Subject, c.Text, 0.6)
		if sa != sb {
			t.Fatalf("%q: %+v vs %+v", c.Subject, sa, sb)
		}
	}
	r1 := Evaluate(cases, 5, 42, 0.6, Options{MinCases: 30, MinPerLabel: 5}, keywordRules, "other", "normal")
	r2 := Evaluate(cases, 5, 42, 0.6, Options{MinCases: 30, MinPerLabel: 5}, keywordRules, "other", "normal")
	if !reflect.DeepEqual(r1, r2) {
		t.Errorf("two evaluations differ: %+v, %+v", r1, r2)
	}
}

// BenchmarkTrain10k trains both models on 10,000 demo cases.
func BenchmarkTrain10k(b *testing.B) {
	cases := demoCases(10000)
	b.ResetTimer()
	for b.Loop() {
		New(cases, Options{MinCases: 30, MinPerLabel: 5})
	}
}

// BenchmarkSuggest classifies one typed complaint.
func BenchmarkSuggest(b *testing.B) {
	c := New(demoCases(10000), Options{MinCases: 30, MinPerLabel: 5})
	b.ResetTimer()
	for b.Loop() {
		c.Suggest("酒店房间有霉味", "入住的酒店房间有明显霉味，床单有污渍，前台说没有空房可换。", 0.6)
	}
}

// BenchmarkFeatures10k reads the features of 10,000 demo cases.
func BenchmarkFeatures10k(b *testing.B) {
	cases := demoCases(10000)
	b.ResetTimer()
	for b.Loop() {
		for _, c := range cases {
			CaseFeatures(c.Subject, c.Text)
		}
	}
}
