package data

import (
	"fmt"
	"slices"
	"strings"
)

// Keyword rules are written as text, one rule a line, the same in Settings
// and on the command line:
//
//	受伤, 摔伤, injury = incident safety_injury urgent
//
// keywords before "=", then any of a kind, a category code and a severity;
// empty lines and lines starting with # are skipped.

// FormatKeywordRules writes rules as text, one a line.
func FormatKeywordRules(rules []KeywordRule) string {
	var b strings.Builder
	for _, r := range rules {
		b.WriteString(strings.Join(r.Keywords, ", "))
		b.WriteString(" =")
		for _, v := range []string{string(r.Kind), r.Category, string(r.Severity)} {
			if v != "" {
				b.WriteString(" " + v)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// ParseKeywordRules reads rules written as text; category codes must be
// among st's. A line that is not a rule is a *RuleError.
func ParseKeywordRules(text string, st Settings) ([]KeywordRule, error) {
	var out []KeywordRule
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words, effects, ok := strings.Cut(line, "=")
		if !ok {
			return nil, &RuleError{Line: n + 1, Text: line}
		}
		var r KeywordRule
		for _, w := range strings.FieldsFunc(words, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
			if w = strings.TrimSpace(w); w != "" {
				r.Keywords = append(r.Keywords, w)
			}
		}
		for _, f := range strings.Fields(effects) {
			switch {
			case slices.Contains(Kinds, Kind(f)):
				r.Kind = Kind(f)
			case slices.Contains(Severities, Severity(f)):
				r.Severity = Severity(f)
			default:
				if _, ok := st.Category(f); !ok {
					return nil, &RuleError{Line: n + 1, Text: line}
				}
				r.Category = f
			}
		}
		if len(r.Keywords) == 0 || (r.Kind == "" && r.Category == "" && r.Severity == "") {
			return nil, &RuleError{Line: n + 1, Text: line}
		}
		out = append(out, r)
	}
	return out, nil
}

// RuleError names a line of keyword rules that is not "keywords = kind category severity".
type RuleError struct {
	Line int
	Text string
}

func (e *RuleError) Error() string {
	return fmt.Sprintf("rule on line %d is not \"keywords = kind category severity\": %s", e.Line, e.Text)
}

// Unwrap makes it an ErrInvalid.
func (e *RuleError) Unwrap() error { return ErrInvalid }
