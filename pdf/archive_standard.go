package pdf

import (
	"strings"

	"casebook/data"
)

// The archive's parts of the compensation standard and of referrals: the
// booking's fee, the referral, its reply clock and each remedy's article.

func (a *archiver) feeText(c data.Case) string {
	if c.Booking.Fee == 0 {
		return ""
	}
	return a.t.money(c.Booking.Fee, c.Currency)
}

// referralClockRows is the reply-to-the-bureau clock as a deadlines row.
func (a *archiver) referralClockRows(c data.Case) [][]string {
	if !c.Referral.Recorded() {
		return nil
	}
	return [][]string{a.clockRow(a.t.get("archive.clock.referral_reply"), c.Referral.Reply)}
}

// remedyNote is a remedy's note and, when it has one, its article.
func (a *archiver) remedyNote(r data.Remedy) string {
	if strings.TrimSpace(r.Article) == "" {
		return r.Note
	}
	return strings.TrimSpace(r.Note + " " + a.t.fill("letter.remedy_article", "article", a.t.p.Article(r.Article)))
}

func nonEmptyStrings(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
