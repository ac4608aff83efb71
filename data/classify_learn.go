package data

import "time"

// LearningCase is a closed case as the classifier learns from it (see
// data/classify): its texts and the category and severity it ended with.
type LearningCase struct {
	ID       uint64
	Number   string
	Subject  string
	Text     string // the description, then the first incoming message's text
	Category string
	Severity Severity
}

// Classify settings: when learned suggestions are shown.
type ClassifySettings struct {
	// Threshold is the confidence (0–1) a learned suggestion needs to be
	// shown; 0 means DefaultClassifyThreshold.
	Threshold float64 `json:"threshold,omitzero"`
	// MinCases is how many closed cases the classifier needs before it
	// suggests anything; 0 means DefaultClassifyMinCases.
	MinCases int `json:"min_cases,omitzero"`
}

// Defaults and bounds of the classify settings.
const (
	DefaultClassifyThreshold = 0.6
	DefaultClassifyMinCases  = 30
	MaxClassifyMinCases      = 100000
)

// Confidence is the threshold in force.
func (c ClassifySettings) Confidence() float64 {
	if c.Threshold <= 0 {
		return DefaultClassifyThreshold
	}
	return c.Threshold
}

// Minimum is the minimum training size in force.
func (c ClassifySettings) Minimum() int {
	if c.MinCases <= 0 {
		return DefaultClassifyMinCases
	}
	return c.MinCases
}

// Validate checks the bounds: a threshold of 50 % to 99 % (below a coin
// toss a suggestion misleads more than it helps) and a minimum of 10 cases.
func (c ClassifySettings) Validate() error {
	if c.Threshold != 0 && (c.Threshold < 0.5 || c.Threshold > 0.99) {
		return fieldErr("classify.threshold", "the threshold must be from 0.5 to 0.99 (50 %% to 99 %%)")
	}
	if c.MinCases != 0 && (c.MinCases < 10 || c.MinCases > MaxClassifyMinCases) {
		return fieldErr("classify.min_cases", "the minimum must be from 10 to %d closed cases", MaxClassifyMinCases)
	}
	return nil
}

// LearnedSuggestion is what the classifier proposes for a case's texts, in
// the service's answer to the screens and the command line. A zero Category
// or Severity means no suggestion for that field; Reason says why when
// neither is suggested.
type LearnedSuggestion struct {
	Category           string    `json:"category,omitzero"`
	CategoryConfidence float64   `json:"category_confidence,omitzero"`
	Severity           Severity  `json:"severity,omitzero"`
	SeverityConfidence float64   `json:"severity_confidence,omitzero"`
	Reason             string    `json:"reason,omitzero"` // one of the LearnReason codes
	Best               string    `json:"best_category,omitzero"`
	BestConfidence     float64   `json:"best_category_confidence,omitzero"`
	Threshold          float64   `json:"threshold"`
	Cases              int       `json:"cases"` // closed cases the model learned from
	TrainedAt          time.Time `json:"trained_at,omitzero"`
}

// Why a learned suggestion is missing.
const (
	LearnNotTrained     = "not_trained"     // the model is still being trained
	LearnTooFewCases    = "too_few_cases"   // fewer closed cases than the minimum
	LearnBelowThreshold = "below_threshold" // the model is not confident enough
	LearnNoText         = "no_text"         // nothing typed yet
)

// Any tells whether anything is suggested.
func (s LearnedSuggestion) Any() bool { return s.Category != "" || s.Severity != "" }

// LearnStatus is what the classifier learned from, for the Settings page and
// the command line.
type LearnStatus struct {
	Cases     int       `json:"cases"`               // closed cases of the current model
	TrainedAt time.Time `json:"trained_at,omitzero"` // when it was trained; zero: not yet
	Training  bool      `json:"training,omitzero"`   // a training is under way
	Err       string    `json:"error,omitzero"`      // why the last training failed
	Ready     bool      `json:"ready"`               // enough cases: it suggests
	Threshold float64   `json:"threshold"`           // in force
	MinCases  int       `json:"min_cases"`           // in force
}

// ClassifierChanged says the classifier was trained again (its status changed).
type ClassifierChanged struct{}

func (ClassifierChanged) notice() {}
