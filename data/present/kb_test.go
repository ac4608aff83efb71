package present

import (
	"strings"
	"testing"

	"casebook/data"
)

func TestTemplateErrorNamesThePlaceholder(t *testing.T) {
	e := &data.TemplateError{Name: "close", Language: "en", Part: "body", Reason: data.TemplatePlaceholder, Placeholder: "{{.Custmer}}"}
	for _, lang := range data.Languages {
		s, ok := For(lang).Known(e)
		if !ok || !strings.Contains(s, "{{.Custmer}}") || !strings.Contains(s, "{{.CustomerName}}") {
			t.Errorf("%s: %q", lang, s)
		}
	}
	s := For("zh-Hans").Error(&data.TemplateError{Part: "subject", Reason: data.TemplateNoNumber})
	if !strings.Contains(s, "{{.Number}}") || !strings.HasPrefix(s, "标题") {
		t.Errorf("no number: %q", s)
	}
	if s := For("en").Error(&data.ArticleNotFoundError{ID: 7}); !strings.Contains(s, "article 7") {
		t.Errorf("not found: %q", s)
	}
}
