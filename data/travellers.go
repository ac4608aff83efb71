package data

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Travellers served per month (出团人次): the agency enters them (Settings
// or `casebook settings travellers 2026-11 1840`) so the report can give
// complaints per 1,000 travellers.

// MaxTravellers bounds a month's figure (a typo guard, not a business rule).
const MaxTravellers = 10_000_000

var travellersMonthRe = regexp.MustCompile(`^(\d{4})-(0[1-9]|1[0-2])$`)

// ParseTravellersMonth checks a month written "2026-11" (a one-digit month
// is accepted and padded).
func ParseTravellersMonth(s string) (string, error) {
	s = strings.TrimSpace(halfWidth(s))
	if y, m, ok := strings.Cut(s, "-"); ok && len(m) == 1 {
		s = y + "-0" + m
	}
	if !travellersMonthRe.MatchString(s) {
		return "", fieldErr("travellers.month", "%q is not a month written like 2026-11", s)
	}
	return s, nil
}

// ParseTravellers reads a month's number of travellers: a whole number from
// 0 (which removes the month's figure) to MaxTravellers; "1,840" is fine.
func ParseTravellers(s string) (int, error) {
	s = strings.NewReplacer(",", "", "，", "", " ", "").Replace(halfWidth(strings.TrimSpace(s)))
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > MaxTravellers {
		return 0, &FieldError{Field: "travellers.count", Max: MaxTravellers, Reason: fmt.Sprintf("%q is not a number of travellers from 0 to %d", s, MaxTravellers)}
	}
	return n, nil
}

// SetTravellers records a month's travellers; 0 removes the month.
func (s *Settings) SetTravellers(month string, n int) error {
	month, err := ParseTravellersMonth(month)
	if err != nil {
		return err
	}
	if n < 0 || n > MaxTravellers {
		return &FieldError{Field: "travellers.count", Max: MaxTravellers, Reason: fmt.Sprintf("%d is not from 0 to %d", n, MaxTravellers)}
	}
	m := maps.Clone(s.Travellers) // copies of the settings keep theirs
	if m == nil {
		m = map[string]int{}
	}
	if n == 0 {
		delete(m, month)
	} else {
		m[month] = n
	}
	if len(m) == 0 {
		m = nil
	}
	s.Travellers = m
	return nil
}

// TravellerMonths lists the months with a figure, oldest first.
func (s Settings) TravellerMonths() []string {
	return slices.Sorted(maps.Keys(s.Travellers))
}

func validTravellers(m map[string]int) error {
	for month, n := range m {
		if !travellersMonthRe.MatchString(month) {
			return fieldErr("travellers.month", "%q is not a month written like 2026-11", month)
		}
		if n <= 0 || n > MaxTravellers {
			return fieldErr("travellers.count", "%s: %d is not from 1 to %d", month, n, MaxTravellers)
		}
	}
	return nil
}
