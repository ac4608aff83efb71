package present

import (
	"strings"
	"testing"

	"casebook/data"
)

// A typed remark after an event is set off with full-width brackets in
// Chinese, never ASCII punctuation; English keeps its own.
func TestRemarkPunctuation(t *testing.T) {
	e := data.Event{Type: data.EventStatus, Old: string(data.StatusNew), New: string(data.StatusDeclined), Note: "不属于本社业务范围"}
	st := data.Settings{}
	for _, c := range []struct{ lang, want string }{
		{"zh-Hans", "状态：新登记 → 不予受理（不属于本社业务范围）"},
		{"zh-Hant", "狀態：新登記 → 不予受理（不属于本社业务范围）"},
		{"en", "Status: New → Declined — 不属于本社业务范围"},
	} {
		got := For(c.lang).Event(e, st)
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.lang, got, c.want)
		}
		if strings.HasPrefix(c.lang, "zh") && strings.ContainsAny(got, ":;,()") {
			t.Errorf("%s: half-width punctuation in %q", c.lang, got)
		}
	}
	// Every event kind with a note, in Chinese: no ASCII separator around it.
	for _, typ := range []data.EventType{data.EventWaiting, data.EventEscalation, data.EventSeverity, data.EventOwner, data.EventCategory} {
		ev := data.Event{Type: typ, Note: "客户情绪激动", Old: "a", New: "b"}
		for _, lang := range []string{"zh-Hans", "zh-Hant"} {
			got := For(lang).Event(ev, st)
			if !strings.HasSuffix(got, "（客户情绪激动）") || strings.ContainsAny(got, ":;()") {
				t.Errorf("%s %s: %q", lang, typ, got)
			}
		}
	}
}
