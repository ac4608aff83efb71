package present

import (
	"strings"
	"testing"

	"casebook/data"
)

func TestFollowUpWordsInEveryLanguage(t *testing.T) {
	codes := []data.FollowUpCode{data.FollowUpNeeded, data.FollowUpNotStage, data.FollowUpBadRating, data.FollowUpNeedReason,
		data.FollowUpBadChannel, data.FollowUpRatingUnmet, data.FollowUpTooFew, data.FollowUpWaiveReason, data.FollowUpNoCheck,
		data.FollowUpAlreadyDone, data.FollowUpFuture, data.FollowUpNotUnhappy, data.FollowUpNotResolvedYet}
	for _, lang := range data.Languages {
		p := For(lang)
		for _, c := range data.FollowUpChannels {
			if s := p.FollowUpChannel(c); s == string(c) && lang != "en" || s == "" {
				t.Errorf("%s: channel %s has no label", lang, c)
			}
		}
		for r := 1; r <= 5; r++ {
			checkRendering(t, lang, "rating", p.Rating(r))
		}
		for _, c := range codes {
			s := p.Error(&data.FollowUpError{Code: c, Number: "A-2026-0001", Attempts: 1, Needed: 3})
			checkRendering(t, lang, "follow-up error "+string(c), s)
			if strings.Contains(s, "error.followup") {
				t.Errorf("%s: %s untranslated", lang, c)
			}
		}
	}
}
