package classify

import "strings"

// Case is a closed case as the classifier learns from it.
type Case struct {
	Subject  string
	Text     string // the description and the first message's text
	Category string
	Severity string
}

// Options are the limits under which the classifier suggests anything.
type Options struct {
	MinCases    int // closed cases needed before anything is learned
	MinPerLabel int // cases a category or severity needs to be suggested at all
}

// DefaultMinPerLabel is how many closed cases a category or severity needs
// before the classifier will suggest it.
const DefaultMinPerLabel = 5

// Classifier is a learned model for the category and one for the severity.
// A nil model means that field cannot be suggested (too few cases, or fewer
// than two labels with enough cases).
type Classifier struct {
	Category *Model
	Severity *Model
	Cases    int // closed cases it learned from
}

// CaseFeatures turns a case's texts into the features the models read.
func CaseFeatures(subject, text string) []Feature { return Features(subject + "\n" + text) }

// New trains a classifier on closed cases. With fewer than o.MinCases it
// learns nothing: both models are nil.
func New(cases []Case, o Options) *Classifier {
	feats := make([][]Feature, len(cases))
	for i, c := range cases {
		feats[i] = CaseFeatures(c.Subject, c.Text)
	}
	return newFromFeatures(cases, feats, o)
}

func newFromFeatures(cases []Case, feats [][]Feature, o Options) *Classifier {
	out := &Classifier{Cases: len(cases)}
	if len(cases) < max(1, o.MinCases) {
		return out
	}
	cat := make([]Doc, len(cases))
	sev := make([]Doc, len(cases))
	for i, c := range cases {
		cat[i] = Doc{feats[i], c.Category}
		sev[i] = Doc{feats[i], c.Severity}
	}
	out.Category = Train(cat, o.MinPerLabel)
	out.Severity = Train(sev, o.MinPerLabel)
	return out
}

// Guess is one suggested value and the model's confidence in it (0–1).
type Guess struct {
	Value      string  `json:"value"`
	Confidence float64 `json:"confidence"`
}

// Suggestion is what the classifier proposes for a text; a zero Guess is no
// suggestion. Best holds the models' top guesses even below the threshold,
// for explaining why nothing was suggested.
type Suggestion struct {
	Category     Guess `json:"category,omitzero"`
	Severity     Guess `json:"severity,omitzero"`
	BestCategory Guess `json:"best_category,omitzero"`
	BestSeverity Guess `json:"best_severity,omitzero"`
}

// Suggest proposes a category and a severity for a text, each only when the
// model's confidence is at least threshold. An empty text gets nothing.
func (c *Classifier) Suggest(subject, text string, threshold float64) Suggestion {
	var s Suggestion
	if c == nil || strings.TrimSpace(subject+text) == "" {
		return s
	}
	f := CaseFeatures(subject, text)
	if c.Category != nil && len(f) > 0 {
		v, p := c.Category.Predict(f)
		s.BestCategory = Guess{v, p}
		if p >= threshold {
			s.Category = s.BestCategory
		}
	}
	if c.Severity != nil && len(f) > 0 {
		v, p := c.Severity.Predict(f)
		s.BestSeverity = Guess{v, p}
		if p >= threshold {
			s.Severity = s.BestSeverity
		}
	}
	return s
}
