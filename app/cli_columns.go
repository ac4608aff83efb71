package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"casebook/data"
)

// termLine makes a stored string safe to print on one line of a terminal:
// control characters show as their pictures (ESC as ␛, BEL as ␇, a newline
// as ␊), other invisible controls as ⟨U+202E⟩, invalid UTF-8 as U+FFFD. Every
// stored string the text output prints passes through it (or termText), so
// data written before input was checked cannot drive the terminal either.
func termLine(s string) string { return termSafe(s, false) }

// termText is termLine for a text of several lines: newlines and tabs stay.
func termText(s string) string { return termSafe(s, true) }

func termSafe(s string, lines bool) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || data.IsControl(r) && !(lines && (r == '\n' || r == '\t')) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case lines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r < 0x20:
			b.WriteRune(0x2400 + r) // ␀ … ␟
		case r == 0x7f:
			b.WriteRune('\u2421') // ␡
		case data.IsControl(r):
			fmt.Fprintf(&b, "⟨%U⟩", r)
		default:
			b.WriteRune(r) // an invalid byte decodes as U+FFFD
		}
	}
	return b.String()
}

// termWriter passes what is written through termText: for output written
// with text/tabwriter, whose cells are formatted into one string.
type termWriter struct{ w io.Writer }

func (t termWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(t.w, termText(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// displayWidth is how many terminal columns s takes: Chinese characters and
// full-width punctuation take two. (text/tabwriter counts them as one, which
// misaligns Chinese labels.)
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// pad writes s padded with spaces to w columns.
func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(w-displayWidth(s), 0))
}

// labelled collects "label: value" lines and writes them with the values
// lined up, whatever the labels' script; Chinese labels end in a full-width colon.
type labelled struct {
	lang string
	rows [][2]string
}

// add keeps a line unless its value is empty.
func (l *labelled) add(label, value string) {
	if value != "" {
		l.rows = append(l.rows, [2]string{label, termText(value)})
	}
}

func (l *labelled) write(w io.Writer) {
	colon := ":"
	if strings.HasPrefix(l.lang, "zh") {
		colon = "："
	}
	width := 0
	for _, r := range l.rows {
		width = max(width, displayWidth(r[0]+colon))
	}
	for _, r := range l.rows {
		fmt.Fprintf(w, "%s %s\n", pad(r[0]+colon, width), r[1])
	}
}

// writeTable writes rows under a header with the columns lined up by their
// display width; the last column is not padded.
func writeTable(w io.Writer, header []string, rows [][]string) {
	safe := make([][]string, len(rows))
	for i, r := range rows {
		safe[i] = make([]string, len(r))
		for j, cell := range r {
			safe[i][j] = termLine(cell)
		}
	}
	rows = safe
	widths := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for i, cell := range r {
			widths[i] = max(widths[i], displayWidth(cell))
		}
	}
	line := func(r []string) {
		var b strings.Builder
		for i, cell := range r {
			if i == len(r)-1 {
				b.WriteString(cell)
			} else {
				b.WriteString(pad(cell, widths[i]+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(header)
	for _, r := range rows {
		line(r)
	}
}
