package main

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"
)

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
		l.rows = append(l.rows, [2]string{label, value})
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
