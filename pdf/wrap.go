package pdf

import (
	"math"
	"strings"
	"sync"
	"unicode/utf8"
)

// wrapNormaliser turns every line ending into "\n" and tabs into a space:
// a tab has no defined width in a Cell, and a lone "\r" is a line end too.
var wrapNormaliser = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", " ")

// wrapText breaks text into lines whose width, summed rune by rune with
// runeWidth, is at most width. Casebook draws each line with Cell because
// gofpdf's MultiCell drops one CJK character at every automatic line break.
//
// "\n" (also "\r\n" and "\r") is a hard break, and an empty input line gives an
// empty output line, so blank lines between paragraphs survive; "" gives [""].
// CJK text may break between any two characters, Latin words only at spaces;
// the spaces at a break are dropped, all others are kept as typed. Kinsoku
// rules keep closing punctuation off the start of a line and opening
// punctuation off its end. A word wider than the line is split, after a / . @ -
// _ ? & = # when one is near the end of the line. A line is wider than width
// only when an unbreakable unit is: one rune, or a rune or word that kinsoku
// holds together with its punctuation (which then hangs past the margin).
//
// Every line is a substring of the (normalised) text, so no character is lost,
// repeated or altered, even in invalid UTF-8. runeWidth is called once per
// rune and the work is linear in the length of the text. A width that is not
// positive and finite (or a nil runeWidth) returns one line per paragraph.
func wrapText(text string, width float64, runeWidth func(rune) float64) []string {
	if strings.ContainsAny(text, "\r\t") {
		text = wrapNormaliser.Replace(text)
	}
	paras := strings.Split(text, "\n")
	if !(width > 0) || math.IsInf(width, 1) || runeWidth == nil {
		return paras
	}
	w := wrapPool.Get().(*wrapper)
	w.width, w.measure = width, runeWidth
	// Any rune wider than the line counts as just over it, which changes no
	// decision but keeps the running sums finite (an infinite rune width would
	// make them Inf-Inf = NaN).
	w.tooWide = math.Nextafter(width, math.Inf(1))
	lines := make([]string, 0, len(paras))
	for _, p := range paras {
		lines = w.paragraph(p, lines)
	}
	w.measure = nil // it may hold on to a whole document
	wrapPool.Put(w)
	return lines
}

// wrapPool keeps wrappers' buffers between calls: a document wraps many
// short texts, and allocating the buffers of a long one costs as much as
// wrapping it.
var wrapPool = sync.Pool{New: func() any { return new(wrapper) }}

// wrapper holds one wrapText call's settings and the per-paragraph buffers,
// which are reused from one paragraph to the next.
type wrapper struct {
	width, tooWide float64
	measure        func(rune) float64

	rs  []rune    // the paragraph's runes
	off []int     // off[k]: byte offset of rune k; off[n] = len(paragraph)
	pre []float64 // pre[k]: width of runes [0, k), so [a, b) is pre[b]-pre[a]
	// brk[k] describes a line break just before rune k: 0 none, next+1 if
	// allowed, -(next+1) if only kinsoku forbids it. next is where the
	// following line starts: k, or the end of the space run that starts at k
	// (the line then ends at k and the spaces are dropped).
	brk []int
}

// paragraph appends the lines of p, which holds no "\n", to out.
func (w *wrapper) paragraph(p string, out []string) []string {
	if p == "" {
		return append(out, "")
	}
	// Size the buffers once: growing them rune by rune costs more than the
	// wrapping itself on a long paragraph.
	n := utf8.RuneCountInString(p)
	if cap(w.rs) < n {
		w.rs = make([]rune, n)
		w.off = make([]int, n+1)
		w.pre = make([]float64, n+1)
		w.brk = make([]int, n+1)
	}
	rs, off, pre := w.rs[:n], w.off[:n+1], w.pre[:n+1]
	w.rs, w.off, w.pre = rs, off, pre
	k, sum := 0, 0.0
	for i, r := range p { // invalid UTF-8 reads as U+FFFD, one byte at a time
		rs[k], off[k] = r, i
		sum += w.runeW(r)
		k++
		pre[k] = sum
	}
	off[n], pre[0] = len(p), 0
	if sum <= w.width { // the common short line: nothing to decide
		return append(out, p)
	}
	w.findBreaks()
	brk := w.brk
	// Greedy fill. i only moves forward and start only moves forward, so the
	// loop is linear: [start, i) always fits, last is the end of the last
	// allowed break seen and lastBlocked that of the last one kinsoku forbade.
	start, i, last, lastBlocked := 0, 0, -1, -1
	emitted, midWord := false, false
	for start < n {
		if i == n {
			out = append(out, p[off[start]:])
			emitted = true
			break
		}
		if i > start { // a break at start would leave an empty line
			if b := brk[i]; b > 0 {
				last = i
			} else if b < 0 {
				lastBlocked = i
			}
		}
		if pre[i+1]-pre[start] <= w.width {
			i++
			continue
		}
		// Rune i does not fit. Break at the last allowed place; kinsoku has
		// already moved that before any character it must keep company with.
		var end, next int
		if last > start {
			end, next = last, brk[last]-1
		} else {
			end, next = w.forced(start, i, lastBlocked, midWord)
		}
		if end > start {
			out = append(out, p[off[start]:off[end]])
			emitted = true
		}
		// A line that starts inside a word continues one too wide to fit.
		midWord = end == next && end < n && brk[end] == 0
		start = next
		i = max(i, start)
	}
	if !emitted { // only spaces, all wider than the line
		out = append(out, "")
	}
	return out
}

// runeW measures r, treating NaN and negative widths as 0 so that a broken
// measure cannot stall the loop or make widths shrink.
func (w *wrapper) runeW(r rune) float64 {
	x := w.measure(r)
	switch {
	case !(x > 0):
		return 0
	case x > w.width:
		return w.tooWide
	}
	return x
}

// findBreaks fills w.brk for the paragraph in w.rs.
func (w *wrapper) findBreaks() {
	rs := w.rs
	n := len(rs)
	brk := w.brk[:n+1]
	clear(brk)
	w.brk = brk
	// From k = 1: leading spaces are an indent glued to the first word.
	cjkB := n > 0 && isCJK(rs[0])
	for k := 1; k < n; k++ {
		a, b := rs[k-1], rs[k]
		cjkA := cjkB
		cjkB = isCJK(b)
		switch {
		case b == ' ':
			if a == ' ' {
				continue
			}
			e := k + 1
			for e < n && rs[e] == ' ' {
				e++
			}
			switch {
			case e == n: // trailing spaces may always be dropped
				brk[k] = e + 1
			case isOpening(a) || isClosing(rs[e]):
				brk[k] = -(e + 1)
			default:
				brk[k] = e + 1
			}
			k = e - 1 // the run's other spaces are no break of their own
			cjkB = false
		case a == ' ':
			// Handled with the run that a ends.
		case !cjkA && !cjkB, joinsPrevious(b), a == zwj:
			// Inside a Latin word, or a mark that belongs to its base.
		case isOpening(a) || isClosing(b):
			brk[k] = -(k + 1)
		default:
			brk[k] = k + 1
		}
	}
}

// forced chooses where to end the line [start, ...) when rune i does not fit
// and no allowed break precedes it. It returns the line's end and where the
// next line starts; end == start means "skip to next, emit nothing". midWord
// says the line starts inside a word that was already split.
func (w *wrapper) forced(start, i, lastBlocked int, midWord bool) (end, next int) {
	rs, pre, n := w.rs, w.pre, len(w.rs)
	if rs[start] == ' ' { // only the paragraph's indent can start a line so
		e := start
		for e < n && rs[e] == ' ' {
			e++
		}
		if e > i { // the indent alone is too wide: drop it
			return start, e
		}
	}
	lo := start
	if lastBlocked > start && midWord {
		// Kinsoku glues something to the rest of a word too wide for any
		// line: split that word again rather than hang what follows it.
		hi := start + 1
		for hi < i && w.brk[hi] == 0 {
			hi++
		}
		if p := w.split(start, start, hi); p > start {
			return p, p
		}
	}
	if lastBlocked > start {
		// The line holds whole words and kinsoku glues the next one to them.
		// If that word would fit on a line of its own it stays whole and the
		// line overflows (hanging punctuation) rather than splitting it;
		// otherwise it has to be split anyway, so split it here.
		qn := w.brk[lastBlocked]
		qn = max(qn, -qn) - 1
		te := max(i, qn) + 1
		for te < n && w.brk[te] == 0 && pre[te]-pre[qn] <= w.width {
			te++
		}
		if pre[te]-pre[qn] <= w.width {
			return w.hang(te)
		}
		lo = qn
	}
	if p := w.split(start, lo, i); p > lo {
		return p, p
	}
	// Kinsoku forbids every split that fits: overflow up to the next place
	// where a line may end.
	return w.hang(i + 1)
}

// split finds where to split a word wider than the line that starts at start:
// the last place in (lo, hi] after a URL or address separator in the second
// half of the line, else the last place at all. It returns lo if there is
// none. It scans back over at most one line's runes.
func (w *wrapper) split(start, lo, hi int) int {
	for p := hi; p > lo && w.pre[p]-w.pre[start] >= w.width/2; p-- {
		if isSeparator(w.rs[p-1]) && w.okAt(p) {
			return p
		}
	}
	for p := hi; p > lo; p-- {
		if w.okAt(p) {
			return p
		}
	}
	return lo
}

// hang returns the first break at or after from.
func (w *wrapper) hang(from int) (end, next int) {
	n := len(w.rs)
	for p := from; p < n; p++ {
		if b := w.brk[p]; b > 0 {
			return p, b - 1
		}
		if w.okAt(p) {
			return p, p
		}
	}
	return n, n
}

// okAt reports whether a word may be split before rune p: not at a space,
// not against kinsoku and not before a mark that belongs to rune p-1.
func (w *wrapper) okAt(p int) bool {
	a, b := w.rs[p-1], w.rs[p]
	return a != ' ' && b != ' ' && a != zwj && !joinsPrevious(b) &&
		!isOpening(a) && !isClosing(b)
}

const zwj = '\u200d' // zero width joiner, inside emoji sequences

// joinsPrevious reports combining marks, variation selectors and the zero
// width joiner, which must stay on the line of the rune before them.
func joinsPrevious(r rune) bool {
	switch {
	case r < 0x300:
		return false
	case r <= 0x36f, // combining diacritical marks
		r == zwj,
		r >= 0x1ab0 && r <= 0x1aff, r >= 0x1dc0 && r <= 0x1dff,
		r >= 0x20d0 && r <= 0x20ff,
		r >= 0x3099 && r <= 0x309a, // combining kana voicing marks
		r >= 0xfe00 && r <= 0xfe0f, r >= 0xfe20 && r <= 0xfe2f,
		r >= 0x1f3fb && r <= 0x1f3ff, // emoji skin tones
		r >= 0xe0100 && r <= 0xe01ef:
		return true
	}
	return false
}

// isCJK reports runes of scripts written without spaces, which may break
// between any two characters: Han, kana, Hangul, Bopomofo, CJK punctuation
// and symbols, and the fullwidth and halfwidth forms.
func isCJK(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x11ff, // Hangul Jamo
		r >= 0x2e80 && r <= 0x2fff,   // radicals, ideographic description
		r >= 0x3000 && r <= 0x4dbf,   // punctuation, kana, Bopomofo, Hangul compatibility, ..., Ext. A
		r >= 0x4e00 && r <= 0x9fff,   // unified ideographs
		r >= 0xa960 && r <= 0xa97f,   // Hangul Jamo Ext. A
		r >= 0xac00 && r <= 0xd7ff,   // Hangul syllables, Jamo Ext. B
		r >= 0xf900 && r <= 0xfaff,   // compatibility ideographs
		r >= 0xfe10 && r <= 0xfe1f,   // vertical forms
		r >= 0xfe30 && r <= 0xfe6f,   // compatibility and small forms
		r >= 0xff00 && r <= 0xffef,   // fullwidth and halfwidth forms
		r >= 0x1b000 && r <= 0x1b16f, // kana supplement and extensions
		r >= 0x20000 && r <= 0x3ffff: // ideographs Ext. B and later
		return true
	}
	return false
}

// isClosing reports characters that must not start a line.
func isClosing(r rune) bool {
	switch r {
	case ',', '.', ';', ':', '!', '?', ')', ']', '}',
		'，', '．', '；', '：', '！', '？', '）', '］', '｝',
		'。', '、', '」', '』', '》', '〉', '】', '〕', '〗',
		'…', '‥', '’', '”', '·', '・',
		'々', '〻', 'ー',
		'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ',
		'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'ヵ', 'ヶ':
		return true
	}
	return false
}

// isOpening reports characters that must not end a line.
func isOpening(r rune) bool {
	switch r {
	case '(', '[', '{', '（', '［', '｛',
		'「', '『', '《', '〈', '【', '〔', '〖', '“', '‘':
		return true
	}
	return false
}

// isSeparator reports the characters after which a URL or an e-mail address
// reads best when it has to be split.
func isSeparator(r rune) bool {
	switch r {
	case '/', '.', '@', '-', '_', '?', '&', '=', '#':
		return true
	}
	return false
}
