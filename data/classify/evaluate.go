package classify

import (
	"math/rand/v2"
)

// Rules is what the keyword rules suggest for a text: "" where no rule sets
// the field.
type Rules func(subject, text string) (category, severity string)

// Field holds the cross-validated figures of one field (category or severity).
type Field struct {
	Correct int `json:"correct"` // classifier's top guess right, whatever its confidence
	// Above the threshold: how many cases got a suggestion, and how many of those were right.
	Suggested        int `json:"suggested"`
	SuggestedCorrect int `json:"suggested_correct"`
	// The keyword rules on the same cases; a case no rule sets the field for counts as wrong.
	RulesCorrect int `json:"rules_correct"`
	RulesNothing int `json:"rules_nothing"`
	// The rules as intake applies them: with the default (other, normal) where none matches.
	RulesDefaultCorrect int `json:"rules_default_correct"`
}

// Report is the result of a cross-validation.
type Report struct {
	Cases     int     `json:"cases"`
	Folds     int     `json:"folds"`
	Seed      uint64  `json:"seed"`
	Threshold float64 `json:"threshold"`
	Category  Field   `json:"category"`
	Severity  Field   `json:"severity"`
}

// Evaluate runs k-fold cross-validation: the cases are shuffled with seed
// (deterministically), cut into k folds, and each fold is classified by a
// model trained on the other folds; the keyword rules classify the same
// cases. defCategory and defSeverity are what intake uses where no rule matches.
func Evaluate(cases []Case, k int, seed uint64, threshold float64, o Options, rules Rules, defCategory, defSeverity string) Report {
	rep := Report{Cases: len(cases), Folds: k, Seed: seed, Threshold: threshold}
	if k < 2 || len(cases) < k {
		return rep
	}
	order := make([]int, len(cases))
	for i := range order {
		order[i] = i
	}
	r := rand.New(rand.NewPCG(seed, 0x636c6173))
	r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	feats := make([][]Feature, len(cases))
	for i, c := range cases {
		feats[i] = CaseFeatures(c.Subject, c.Text)
	}
	for fold := range k {
		var trainCases []Case
		var trainFeats [][]Feature
		var test []int
		for pos, i := range order {
			if pos%k == fold {
				test = append(test, i)
			} else {
				trainCases = append(trainCases, cases[i])
				trainFeats = append(trainFeats, feats[i])
			}
		}
		cl := newFromFeatures(trainCases, trainFeats, o)
		for _, i := range test {
			c := cases[i]
			score(&rep.Category, cl.Category, feats[i], c.Category, threshold)
			score(&rep.Severity, cl.Severity, feats[i], c.Severity, threshold)
			if rules != nil {
				rc, rs := rules(c.Subject, c.Text)
				scoreRule(&rep.Category, rc, c.Category, defCategory)
				scoreRule(&rep.Severity, rs, c.Severity, defSeverity)
			}
		}
	}
	return rep
}

func score(f *Field, m *Model, feats []Feature, want string, threshold float64) {
	if m == nil || len(feats) == 0 {
		return
	}
	v, p := m.Predict(feats)
	if v == want {
		f.Correct++
	}
	if p >= threshold {
		f.Suggested++
		if v == want {
			f.SuggestedCorrect++
		}
	}
}

func scoreRule(f *Field, got, want, def string) {
	switch {
	case got == "":
		f.RulesNothing++
		if def == want {
			f.RulesDefaultCorrect++
		}
	case got == want:
		f.RulesCorrect++
		f.RulesDefaultCorrect++
	}
}
