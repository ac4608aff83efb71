package pdf

import (
	"strings"
	"testing"

	"casebook/data"
)

// The acknowledgement's closing and signature are kept with the end of the
// last section: whatever the length of the letter, the page with the closing
// also holds the end of the text before it. The story's length is varied so
// the page break falls at every point of the last section and the closing
// (the ranges are where it does with the sample case; before the fix every
// one of them but the first and last put the closing alone on a page).
func TestAckClosingNeverAloneOnAPage(t *testing.T) {
	needPoppler(t)
	for _, lang := range []string{"zh-Hans", "en"} {
		from, to := 13, 21
		if lang == "en" {
			from, to = 9, 17
		}
		tail := []rune(squeeze(letterText(lang, "letter.recourse", "")))
		tail = tail[len(tail)-6:]
		closing := []rune(squeeze(letterText(lang, "ack.closing", "")))
		closing = closing[:6]
		base := sampleCase(t, lang, data.StatusAcknowledged)
		line := strings.Repeat("导游在购物店停留两个多小时，不购物不让离开。", 2)
		if lang == "en" {
			line = strings.Repeat("The guide kept the group in a jade shop for over two hours. ", 2)
		}
		twoPages := 0
		for n := from; n < to; n++ {
			c := base
			c.Description = strings.TrimSpace(strings.Repeat(line+"\n", n))
			doc, err := Letter(c, data.LetterAck, testOptions(t, lang))
			if err != nil {
				t.Fatal(err)
			}
			pages := strings.Split(strings.TrimRight(pdfText(t, doc), "\f"), "\f")
			if len(pages) < 2 {
				continue
			}
			twoPages++
			last := squeeze(pages[len(pages)-1])
			if !strings.Contains(last, string(closing)) {
				t.Errorf("%s, %d lines: the closing is not on the last page", lang, n)
				continue
			}
			if !strings.Contains(last, string(tail)) {
				t.Errorf("%s, %d lines: the last page holds only the closing:\n%s", lang, n, pages[len(pages)-1])
				writeTemp(t, doc)
			}
		}
		if twoPages < 5 {
			t.Errorf("%s: only %d of the letters ran over a page: the test does not reach the break", lang, twoPages)
		}
	}
}
