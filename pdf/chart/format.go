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
// so it may break between any two Chinese characters; Latin words stay whole
// (breaking at spaces, after "/" or "-") unless one alone is too wide. Two
// lines are balanced, so no character is left alone on the second.
func wrap(label string, s text.Style, max vg.Length, lines int) string {
	return strings.Join(wrapLines([]rune(label), s, max, lines), "\n")
}

func wrapLines(r []rune, s text.Style, max vg.Length, lines int) []string {
	width := func(r []rune) vg.Length { return s.Width(strings.TrimSpace(string(r))) }
	if width(r) <= max {
		return []string{strings.TrimSpace(string(r))}
	}
	if lines <= 1 {
		return []string{truncate(r, s, max)}
	}
	if lines == 2 {
		// the allowed break whose longer line is shortest
		best, bestW := -1, vg.Length(0)
		for i := 1; i < len(r); i++ {
			if !breakable(r, i) {
				continue
			}
			w1, w2 := width(r[:i]), width(r[i:])
			if w1 > max || w2 > max {
				continue
			}
			if w := vg.Length(math.Max(float64(w1), float64(w2))); best < 0 || w <= bestW { // a tie: the longer first line
				best, bestW = i, w
			}
		}
		if best > 0 {
			return []string{strings.TrimSpace(string(r[:best])), strings.TrimSpace(string(r[best:]))}
		}
	}
	// the longest first line that fits, at an allowed break if there is one
	n := fit(r, s, max)
	for i := n; i > 0; i-- {
		if breakable(r, i) && width(r[:i]) <= max {
			n = i
			break
		}
	}
	return append([]string{strings.TrimSpace(string(r[:n]))}, wrapLines(r[n:], s, max, lines-1)...)
}

// breakable reports whether a line may end before r[i].
func breakable(r []rune, i int) bool {
	a, b := r[i-1], r[i]
	return a == ' ' || a == '/' || a == '-' || a >= 0x2E80 || b >= 0x2E80
}

// truncate cuts r to fit max with a mark: the font's "…" sits mid-line as
// Chinese wants it, Latin text gets three low dots.
func truncate(r []rune, s text.Style, max vg.Length) string {
	n := fit(r, s, max)
	dots := "…"
	if n > 0 && r[n-1] < 0x2E80 {
		dots = "..."
	}
	for n > 0 && s.Width(strings.TrimSpace(string(r[:n]))+dots) > max {
		n--
	}
	return strings.TrimRight(strings.TrimSpace(string(r[:n])), ",.;:，。；：、") + dots
}

// fit is how many runes of r fit in max (at least one).
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
