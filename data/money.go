package data

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in hundredths of the case currency (fen, cents); integer so
// that sums never drift.
type Money int64

// ParseMoney reads "1200", "1200.5", "1,200.50" or "¥1200"; empty means zero.
func ParseMoney(s string) (Money, error) {
	s = strings.TrimSpace(halfWidth(s))
	s = strings.TrimLeft(s, "¥￥$€£")
	s = strings.ReplaceAll(s, ",", "")
	s = strings.ReplaceAll(s, "，", "")
	if s == "" {
		return 0, nil
	}
	neg := strings.HasPrefix(s, "-")
	if neg {
		return 0, fmt.Errorf("amount %q: %w: must not be negative", s, ErrInvalid)
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	if hasFrac && (len(frac) == 0 || len(frac) > 2) {
		return 0, fmt.Errorf("amount %q: %w: at most two decimals", s, ErrInvalid)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 1e12 {
		return 0, fmt.Errorf("amount %q: %w: not a number", s, ErrInvalid)
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("amount %q: %w: not a number", s, ErrInvalid)
	}
	return Money(w*100 + f), nil
}

// String formats as "1200.50".
func (m Money) String() string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s%d.%02d", sign, int64(m)/100, int64(m)%100)
}

// MarshalJSON writes a JSON number with two decimals, e.g. 1200.50.
func (m Money) MarshalJSON() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalJSON accepts a JSON number or string.
func (m *Money) UnmarshalJSON(b []byte) error {
	v, err := ParseMoney(strings.Trim(string(b), `"`))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// halfWidth turns full-width ASCII, as an input method may type it, into ASCII.
func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '！' && r <= '～' {
			return r - '！' + '!'
		}
		if r == '\u3000' {
			return ' '
		}
		return r
	}, s)
}
