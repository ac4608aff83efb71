package pdf

import (
	"context"
	"strings"
	"testing"

	"casebook/data"
)

// A case whose follow-up never reached the customer: the closure notice says
// so instead of promising a call, and the archive lists every attempt. A
// case closed without follow-up promises none either.
func TestFollowUpInTheClosureNoticeAndArchive(t *testing.T) {
	st := testSettings()
	for _, lang := range data.Languages {
		cat, _ := catalog(lang)
		c := sampleCase(t, lang, data.StatusResolved)
		at := c.StatusSince(data.StatusResolved)
		for i := range st.FollowUps.Attempts() {
			at = at.Add(3 * 3600e9)
			if err := c.RecordFollowUp(st, data.FollowUp{Channel: data.FollowUpPhone, Remarks: []string{"无人接听", "关机", "号码停机"}[i%3]}, "王芳", at); err != nil {
				t.Fatal(err)
			}
		}
		if err := c.CloseFollowUpUnreachable(st, "王芳", "", at); err != nil {
			t.Fatal(err)
		}
		if err := c.Move(st, data.StatusClosed, "王芳", "", at.Add(3600e9)); err != nil {
			t.Fatal(err)
		}
		doc, err := Letter(c, data.LetterClosure, testOptions(t, lang))
		if err != nil {
			t.Fatal(err)
		}
		text := squeeze(pdfText(t, doc))
		for _, w := range []string{cat.get("closure.h_followup"), cat.fill("closure.followup_unreachable", "n", "3"), cat.get("closure.thanks_after")} {
			if !strings.Contains(text, squeeze(w)) {
				t.Errorf("%s closure notice lacks %q", lang, w)
			}
		}
		doc, err = CaseArchive(context.Background(), c, nil, testOptions(t, lang))
		if err != nil {
			t.Fatal(err)
		}
		wantArchiveText(t, pdfText(t, doc), "无人接听", "关机", "号码停机", cat.get("archive.followup.not_reached"), cat.get("archive.followup.unreachable"))

		w := sampleCase(t, lang, data.StatusResolved)
		if err := w.CloseWithoutFollowUp(st, "陈静", "客户已移居国外", w.StatusSince(data.StatusResolved).Add(3600e9)); err != nil {
			t.Fatal(err)
		}
		doc, err = Letter(w, data.LetterClosure, testOptions(t, lang))
		if err != nil {
			t.Fatal(err)
		}
		text = squeeze(pdfText(t, doc))
		if strings.Contains(text, squeeze(cat.get("closure.h_followup"))) || !strings.Contains(text, squeeze(cat.get("closure.thanks_after"))) {
			t.Errorf("%s: a case closed without follow-up reports or promises one", lang)
		}
		doc, err = CaseArchive(context.Background(), w, nil, testOptions(t, lang))
		if err != nil {
			t.Fatal(err)
		}
		wantArchiveText(t, pdfText(t, doc), cat.get("archive.followup.waived"))
	}
}
