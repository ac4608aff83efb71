package mailsync

import (
	"errors"
	"strings"
	"testing"

	"casebook/data"
)

// The closing and follow-up mails ask for a rating by reply, with the exact
// words the reply parser recognises, in every language.
func TestClosingAndFollowupAskForARatingWord(t *testing.T) {
	words := map[string][]string{
		"zh-Hans": {"非常满意", "满意", "一般", "不满意", "非常不满意"},
		"zh-Hant": {"非常滿意", "滿意", "一般", "不滿意", "非常不滿意"},
		"en":      {"very satisfied", "satisfied", "neutral", "unsatisfied", "very unsatisfied"},
	}
	for lang, ws := range words {
		for _, name := range []string{"close", "followup"} {
			_, body, err := RenderTemplate(lang, name, templateFull)
			if err != nil {
				t.Fatal(err)
			}
			for i, w := range ws {
				if digit := string(rune('5' - i)); !strings.Contains(body, digit+" "+w) {
					t.Errorf("%s/%s lacks %q:\n%s", lang, name, digit+" "+w, body)
				}
			}
			if !strings.Contains(body, "1–5") && !strings.Contains(body, "1 to 5") {
				t.Errorf("%s/%s does not ask for a digit from 1 to 5:\n%s", lang, name, body)
			}
		}
	}
}

func TestTemplateOverrideAndFallback(t *testing.T) {
	own := data.MailTemplate{Name: "reply", Language: "zh-Hans", Subject: "[案件 {{.Number}}] 来自{{.Agency}}的答复",
		Body: "{{.CustomerName}}您好：\n{{.Text}}\n案件编号：{{.Number}}\n"}
	if err := CheckTemplate(own); err != nil {
		t.Fatal(err)
	}
	subject, body, err := RenderTemplateWith([]data.MailTemplate{own}, "zh-CN", "reply", templateFull)
	if err != nil || subject != "[案件 A-2026-0001] 来自春秋国际旅行社的答复" || !strings.HasPrefix(body, "张伟先生您好：") {
		t.Fatalf("override: %v %q\n%s", err, subject, body)
	}
	// Another language, or another template, still comes from the catalogue.
	s1, b1, _ := RenderTemplateWith([]data.MailTemplate{own}, "en", "reply", templateFull)
	s2, b2, _ := RenderTemplate("en", "reply", templateFull)
	if s1 != s2 || b1 != b2 {
		t.Errorf("the zh-Hans override changed the English template")
	}
	if s, _, ok := DefaultTemplate("zh-Hans", "followup"); !ok || !strings.Contains(s, "{{.Number}}") {
		t.Errorf("DefaultTemplate(zh-Hans, followup) = %q %v", s, ok)
	}
}

func TestInvalidTemplateNamesThePlaceholder(t *testing.T) {
	for _, c := range []struct {
		tmpl        data.MailTemplate
		reason      string
		part, place string
	}{
		{data.MailTemplate{Name: "close", Language: "en", Subject: "[Case {{.Number}}]", Body: "Dear {{.Custmer}}, case number {{.Number}}"},
			data.TemplatePlaceholder, "body", "{{.Custmer}}"},
		{data.MailTemplate{Name: "close", Language: "en", Subject: "[Case {{.Number}}] {{.Subjekt}}", Body: "case number {{.Number}}"},
			data.TemplatePlaceholder, "subject", "{{.Subjekt}}"},
		{data.MailTemplate{Name: "close", Language: "en", Subject: "[Case {{.Number}}]", Body: "{{upper .Text}} {{.Number}}"},
			data.TemplatePlaceholder, "body", "upper"},
		{data.MailTemplate{Name: "close", Language: "en", Subject: "[Case {{.Number}}]", Body: "{{if .Text}}unclosed {{.Number}}"},
			data.TemplateSyntax, "body", ""},
		{data.MailTemplate{Name: "close", Language: "en", Subject: "Your case", Body: "case number {{.Number}}"},
			data.TemplateNoNumber, "subject", ""},
		{data.MailTemplate{Name: "close", Language: "en", Subject: "[Case {{.Number}}]", Body: " "},
			data.TemplateEmpty, "body", ""},
		{data.MailTemplate{Name: "nosuch", Language: "en", Subject: "x", Body: "y"}, data.TemplateUnknown, "", ""},
	} {
		err := CheckTemplate(c.tmpl)
		var te *data.TemplateError
		if !errors.As(err, &te) || te.Reason != c.reason || te.Part != c.part || te.Placeholder != c.place || !errors.Is(err, data.ErrInvalid) {
			t.Errorf("%q / %q: %#v (%v), want %s in the %s naming %q", c.tmpl.Subject, c.tmpl.Body, te, err, c.reason, c.part, c.place)
		}
	}
}
