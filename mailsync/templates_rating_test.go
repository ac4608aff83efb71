package mailsync

import (
	"strings"
	"testing"

	"casebook/data"
)

// The rating reply parser reads what a customer writes above the closing
// and follow-up mails that asked for it, and nothing in those mails
// themselves: every line of the rating scale they list is quoted back.
func TestRatingRepliesToTheMailsThatAskForThem(t *testing.T) {
	words := map[string]string{"zh-Hans": "非常满意", "zh-Hant": "非常滿意", "en": "very satisfied"}
	for lang, word := range words {
		for _, name := range []string{"close", "followup"} {
			_, body, err := RenderTemplate(lang, name, templateFull)
			if err != nil {
				t.Fatal(err)
			}
			quoted := "> " + strings.ReplaceAll(strings.TrimSpace(body), "\n", "\n> ")
			outlook := "-----原始邮件-----\n发件人: service@agency.example\n\n" + body
			apple := "On Tue, 3 Mar 2026, at 10:00, Agency <service@agency.example> wrote:\n" + body
			for _, c := range []struct {
				reply string
				want  int
				maybe bool
			}{
				{"5\n\n" + quoted, 5, false},
				{word + "，谢谢\n\n" + quoted, 5, false},
				{"4\n" + outlook, 4, false},
				{"2 " + "\n" + apple, 2, false},
				{quoted, 0, false},             // only the quoted mail: no rating
				{"\n\n" + outlook, 0, false},   // an empty top above the original
				{"收到了\n\n" + quoted, 0, false}, // words, no rating
			} {
				got := data.ReadRating(c.reply)
				if got.Rating != c.want || got.Maybe != c.maybe {
					t.Errorf("%s/%s: reply %q… read %+v, want rating %d maybe %v", lang, name, topLine(c.reply), got, c.want, c.maybe)
				}
			}
		}
	}
}

func topLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }
