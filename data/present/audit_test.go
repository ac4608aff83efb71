package present

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

// A broken chain reads in each language with the case, the entry and the
// time; a verified one as its length and 16 digits of its head.
func TestAuditBrokenInThreeLanguages(t *testing.T) {
	at := time.Date(2026, 11, 23, 9, 5, 0, 0, time.UTC)
	err := fmt.Errorf("audit verify: %w", &data.AuditBrokenError{Why: data.AuditBrokenEvent, Seq: 318, Number: "A-2026-0042", At: at})
	want := map[string]string{"en": "case A-2026-0042 (entry 318, 23 Nov 2026 09:05): an event on the case's timeline was changed, removed or moved.",
		"zh-Hans": "案件 A-2026-0042 处断开（第 318 条，2026年11月23日 09:05）：案件时间线上的一条事件被改动、删除或调换了顺序。",
		"zh-Hant": "案件 A-2026-0042 處斷開（第 318 條，2026年11月23日 09:05）：案件時間線上的一條事件被改動、刪除或調換了順序。"}
	for lang, w := range want {
		p := For(lang)
		got, ok := p.Known(err)
		if !ok || !strings.Contains(got, w) {
			t.Errorf("%s: %q, want it to contain %q", lang, got, w)
		}
	}
	msg := &data.AuditBrokenError{Why: data.AuditMissingRecord, Seq: 9, Ref: 12, At: at}
	if got := For("en").Error(msg); !strings.Contains(got, "message #12") || !strings.Contains(got, "a record the chain recorded is gone") {
		t.Errorf("message break: %q", got)
	}
	for _, why := range []data.AuditBreak{data.AuditBrokenLink, data.AuditBrokenHash, data.AuditMissingEvent, data.AuditExtraEvent,
		data.AuditBrokenState, data.AuditUnreadable} {
		a := For("zh-Hans").AuditBroken(&data.AuditBrokenError{Why: why, Seq: 1, At: at})
		b := For("zh-Hans").AuditBroken(&data.AuditBrokenError{Why: data.AuditBrokenEvent, Seq: 1, At: at})
		if a == b || strings.Contains(a, "{{") {
			t.Errorf("%s: %q", why, a)
		}
	}
	if got := For("en").AuditSummary(data.AuditSummary{Entries: 1234, Head: strings.Repeat("ab", 32)}); got != "1234 entries, head abababababababab" {
		t.Errorf("summary %q", got)
	}
}
