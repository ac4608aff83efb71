package present

import (
	"errors"
	"strings"
	"testing"

	"casebook/data"
)

func TestApprovalSentencesInEveryLanguage(t *testing.T) {
	st := data.DefaultSettings()
	c := data.Case{Currency: "CNY", Approval: data.Approval{Awaiting: true, Total: 800_00}}
	big := data.Case{Currency: "CNY", Approval: data.Approval{Awaiting: true, Total: 8000_00}}
	want := map[string][2]string{"en": {"supervisor", "owner"}, "zh-Hans": {"主管", "店长"}, "zh-Hant": {"主管", "店長"}}
	for _, lang := range data.Languages {
		p := For(lang)
		s, o := p.Awaiting(&c, st), p.Awaiting(&big, st)
		if !strings.Contains(s, want[lang][0]) || !strings.Contains(s, "800.00") || !strings.Contains(o, want[lang][1]) || !strings.Contains(o, "8,000.00") {
			t.Errorf("%s: %q / %q", lang, s, o)
		}
		checkRendering(t, lang, "awaiting", s)
		if p.Awaiting(&data.Case{}, st) != "" {
			t.Errorf("%s: a case that does not wait says so", lang)
		}
		for _, code := range []string{"awaiting", "limit", "none"} {
			err := error(&data.ApprovalError{Code: code, Total: 8000_00, Currency: "CNY", Needs: data.RoleOwner})
			msg := p.Error(errors.Join(errors.New("change case A-1"), err))
			if strings.Contains(msg, "Could not save") || strings.Contains(msg, "{{") || msg == p.Error(&data.ApprovalError{Code: "other"}) && code != "none" {
				t.Errorf("%s %s: %q", lang, code, msg)
			}
		}
		nr := p.Error(&data.NotReadyError{Code: "awaiting-approval"})
		if nr == p.NotReady("") {
			t.Errorf("%s: awaiting-approval has no sentence of its own", lang)
		}
		if fe := p.Error(&data.FieldError{Field: "refuse_reason"}); fe == p.Error(&data.FieldError{Field: "no such field"}) {
			t.Errorf("%s: refuse_reason has no sentence", lang)
		}
		if p.Action(data.ActionApprove) == "approve" || p.Action(data.ActionApprove) == "" {
			t.Errorf("%s: action approve untranslated", lang)
		}
	}
}
