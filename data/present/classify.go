package present

import (
	"fmt"
	"math"

	"casebook/data"
)

// Percent is a confidence (0–1) as a whole percentage: "87 %".
func Percent(p float64) string { return fmt.Sprintf("%d %%", int(math.Round(p*100))) }

// Learned is a learned suggestion as the screens and the command line show
// it: "强制购物 (87 %) · 紧急 (72 %)", or only the field that is suggested;
// "" when nothing is.
func (p *P) Learned(st data.Settings, s data.LearnedSuggestion) string {
	out := ""
	if s.Category != "" {
		out = p.Category(st, s.Category) + " (" + Percent(s.CategoryConfidence) + ")"
	}
	if s.Severity != "" {
		if out != "" {
			out += " · "
		}
		out += p.Severity(s.Severity) + " (" + Percent(s.SeverityConfidence) + ")"
	}
	return out
}

// LearnedWhy says why a learned suggestion is missing.
func (p *P) LearnedWhy(st data.Settings, s data.LearnedSuggestion) string {
	switch s.Reason {
	case data.LearnNotTrained:
		return p.T("classify.why.not_trained")
	case data.LearnTooFewCases:
		return p.T("classify.why.too_few", "N", s.Cases, "Min", st.Classify.Minimum())
	case data.LearnNoText:
		return p.T("classify.why.no_text")
	case data.LearnBelowThreshold:
		if s.Best != "" {
			return p.T("classify.why.below", "Best", p.Category(st, s.Best), "P", Percent(s.BestConfidence), "T", Percent(s.Threshold))
		}
		return p.T("classify.why.below_none", "T", Percent(s.Threshold))
	}
	return ""
}

// LearnStatus is the line saying what the classifier learned from.
func (p *P) LearnStatus(s data.LearnStatus, at string) string {
	switch {
	case s.Training && s.TrainedAt.IsZero():
		return p.T("classify.status.training")
	case s.TrainedAt.IsZero():
		return p.T("classify.status.never")
	case !s.Ready:
		return p.T("classify.status.too_few", "N", s.Cases, "At", at, "Min", s.MinCases)
	}
	return p.T("classify.status.ready", "N", s.Cases, "At", at)
}
