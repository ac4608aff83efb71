package pdf

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

// The audit chain's head is printed in the footer of every page of an
// archive when given, in the document's language; letters carry none.
func TestArchiveFooterCarriesTheAuditHead(t *testing.T) {
	head := "0123456789abcdef" + strings.Repeat("f", 48)
	for lang, label := range map[string]string{"zh-Hans": "审计链", "en": "Audit chain"} {
		c := sampleCase(t, lang, data.StatusNew)
		opt := testOptions(t, lang)
		opt.AuditHead = head
		doc, err := CaseArchive(context.Background(), c, nil, opt)
		if err != nil {
			t.Fatal(err)
		}
		text := squeeze(pdfText(t, doc))
		if !strings.Contains(text, squeeze(label+" 0123456789abcdef")) || strings.Contains(text, "0123456789abcdefff") {
			t.Errorf("%s: the footer lacks the head's 16 digits:\n%s", lang, text)
		}
		if err := BulkArchive(context.Background(), io.Discard, []data.Case{c}, time.Time{}, time.Time{}, nil, opt, nil); err != nil {
			t.Fatal(err)
		}
		opt.AuditHead = ""
		doc, _ = CaseArchive(context.Background(), c, nil, opt)
		if strings.Contains(pdfText(t, doc), "0123456789abcdef") {
			t.Errorf("%s: a head printed without one given", lang)
		}
	}
}
