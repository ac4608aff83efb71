// Package classify learns to suggest a case's category and severity from the
// agency's own closed cases: a multinomial naive Bayes over character bigrams
// and unigrams of Chinese text and lower-case words of Latin text, with
// Laplace smoothing and a temperature that makes its posterior probability a
// usable confidence. It is pure Go and deterministic: the same cases give the
// same model and the same suggestions.
package classify

import (
	"hash/fnv"
	"slices"
	"unicode"
)

// Feature is one feature of a text, as a number: a CJK character, a pair of
// neighbouring ones, or a hashed Latin word (see Features).
type Feature uint64

// Kinds of feature, in the top bits.
const (
	featUni  Feature = 1 << 62
	featBi   Feature = 2 << 62
	featWord Feature = 3 << 62
	featMask Feature = 1<<62 - 1
)

// Features returns the distinct features of a text, sorted: each pair of
// neighbouring Han (or other CJK) characters, a character that stands alone
// between punctuation (餐, 贵), and each Latin
// word of two letters or more, lower-cased. Full-width forms are folded to
// their usual width first, so "ＶＩＳＡ" and "visa" are one word. Digits and
// punctuation only separate: amounts, dates and flight numbers say nothing of
// the category and would make every case look different.
//
// Characters are not features besides their pairs: each would count the
// same evidence a third time (导, 游 and 导游), and naive Bayes, which takes
// features as independent, would grow overconfident — measured on the demo
// cases, pairs alone keep the accuracy and let a third more suggestions
// through the threshold at the same precision.
//
// Presence, not counts: a long letter that repeats "酒店" ten times is not ten
// times more about the hotel, and binary features keep naive Bayes' posterior
// from growing more extreme with the length of a text.
//
// Features are numbers, not strings: a 10,000-case training then hashes
// integers instead of allocating a string per bigram.
func Features(text string) []Feature {
	out := make([]Feature, 0, len(text)/2)
	var word []byte
	h := fnv.New64a()
	flush := func() {
		if len(word) >= 2 {
			h.Reset()
			h.Write(word)
			out = append(out, featWord|Feature(h.Sum64())&featMask)
		}
		word = word[:0]
	}
	var prev rune  // the previous CJK character, 0 after anything else
	alone := false // prev began a run of CJK characters and is so far alone in it
	endRun := func() {
		if alone {
			out = append(out, featUni|Feature(prev))
		}
		prev, alone = 0, false
	}
	for _, r := range text {
		r = fold(r)
		switch {
		case isCJK(r):
			flush()
			if prev != 0 {
				out = append(out, featBi|Feature(prev)<<21|Feature(r))
			}
			alone = prev == 0
			prev = r
			continue
		case unicode.IsLetter(r):
			word = append(word, string(unicode.ToLower(r))...)
		default:
			flush()
		}
		endRun()
	}
	endRun()
	flush()
	slices.Sort(out)
	return slices.Compact(out)
}

// fold maps full-width ASCII forms and the ideographic space to their usual width.
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	}
	return r
}

func isCJK(r rune) bool {
	if r < 0x2E80 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// hashFeatures is a stable hash of a text's features: which cases the
// temperature fit holds out must not depend on their order.
func hashFeatures(fs []Feature) uint64 {
	x := uint64(1469598103934665603)
	for _, f := range fs {
		x ^= uint64(f)
		x *= 1099511628211
	}
	return x
}
