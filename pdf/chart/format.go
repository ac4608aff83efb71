package chart

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// Unit says how a chart writes its values.
type Unit struct {
	// Currency, when set, makes the values amounts of money in whole
	// currency units ("CNY", "USD" …): written "¥12,340" (CNY) or
	// "USD 1,200", rounded to the unit. Empty means counts ("1,234").
	Currency string
	// Percent writes values as "93.5 %".
	Percent bool
}

// format writes v in the unit.
func (u Unit) format(v float64) string {
	switch {
	case u.Percent:
		return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) + " %"
	case u.Currency == "CNY":
		return "¥" + thousands(v)
	case u.Currency != "":
		return u.Currency + " " + thousands(v)
	}
	return thousands(v)
}

// axis writes a tick value: money without the currency (the axis label names
// it), large values shortened ("12k").
func (u Unit) axis(v float64) string {
	if u.Percent {
		return strconv.FormatFloat(v, 'f', -1, 64) + "%"
	}
	if math.Abs(v) >= 100000 {
		return thousands(v/1000) + "k"
	}
	return thousands(v)
}

// thousands writes v rounded to a whole number with comma separators.
func thousands(v float64) string {
	n := int64(math.Round(v))
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// wrap breaks label into at most lines lines no wider than max in style s,
// ending the last with "…" when it still does not fit. Chinese has no spaces,
// so it breaks between any two characters, but keeps Latin words whole when
// it can.
func wrap(label string, s text.Style, max vg.Length, lines int) string {
	if s.Width(label) <= max {
		return label
	}
	var out []string
	rest := []rune(label)
	for len(out) < lines && len(rest) > 0 {
		n := fit(rest, s, max)
		if len(out) == lines-1 && n < len(rest) {
			// the last line: cut and mark; the font's "…" sits mid-line
			// as Chinese wants it, Latin text gets three low dots
			dots := "…"
			if n > 0 && rest[n-1] < 0x2E80 {
				dots = "..."
			}
			for n > 0 && s.Width(string(rest[:n])+dots) > max {
				n--
			}
			cut := strings.TrimRight(strings.TrimSpace(string(rest[:n])), ",.;:，。；：、")
			out = append(out, cut+dots)
			break
		}
		// when the rest fits on the next line, balance the two lines
		// instead of leaving one character alone on the second
		if n < len(rest) && len(out) == lines-2 && s.Width(string(rest[n:])) <= max {
			half := s.Width(string(rest)) / 2
			for n > 1 && s.Width(string(rest[:n-1])) >= half {
				n--
			}
		}
		// prefer a break at a space inside a Latin word run
		if n < len(rest) {
			if i := lastSpace(rest[:n]); i > n/2 {
				n = i + 1
			}
		}
		out = append(out, strings.TrimSpace(string(rest[:n])))
		rest = rest[n:]
	}
	return strings.Join(out, "\n")
}

// fit is how many runes of r fit in max.
func fit(r []rune, s text.Style, max vg.Length) int {
	lo, hi := 1, len(r)
	for lo < hi { // the largest n with width(r[:n]) <= max
		mid := (lo + hi + 1) / 2
		if s.Width(string(r[:mid])) <= max {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

func lastSpace(r []rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] == ' ' {
			return i
		}
	}
	return -1
}

// niceStep is a step of 1, 2 or 5 × 10ⁿ that cuts [0, max] into at most n
// intervals; at least min.
func niceStep(max float64, n int, min float64) float64 {
	if max <= 0 || n <= 0 {
		return math.Max(min, 1)
	}
	raw := max / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if s := m * mag; s >= raw {
			return math.Max(s, min)
		}
	}
	return math.Max(10*mag, min)
}
