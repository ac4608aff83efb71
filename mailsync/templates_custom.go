package mailsync

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"text/template"

	"casebook/data"
	"casebook/data/present"
)

// The agency's own wordings of the templates (data.MailTemplate, kept in the
// settings) replace the catalogue's per language; without one, the
// catalogue's text is used, so "reset to default" is deleting the override.

// RenderTemplateWith is RenderTemplate, using the agency's override of the
// template in that language when overrides has one.
func RenderTemplateWith(overrides []data.MailTemplate, lang, name string, v TemplateData) (subject, body string, err error) {
	lang = tmplLang(lang)
	i := slices.IndexFunc(overrides, func(t data.MailTemplate) bool { return t.Name == name && t.Language == lang })
	if i < 0 {
		return RenderTemplate(lang, name, v)
	}
	t, terr := tmplParse(overrides[i])
	if terr != nil {
		return "", "", fmt.Errorf("mail template %q: %w", name, terr)
	}
	subject, body, err = tmplExecute(t, name, v)
	var ee template.ExecError
	if errors.As(err, &ee) {
		part := "body"
		if ee.Name == "subject" {
			part = "subject"
		}
		return "", "", fmt.Errorf("mail template %q: %w", name, tmplError(overrides[i], part, ee))
	}
	return subject, body, err
}

// DefaultTemplate is the catalogue's subject and body of the template name
// in lang (unknown → en); ok is false for an unknown name.
func DefaultTemplate(lang, name string) (subject, body string, ok bool) {
	if !slices.Contains(tmplNames, name) {
		return "", "", false
	}
	lang = tmplLang(lang)
	subject, ok1 := present.Text(lang, "mail."+name+".subject")
	body, ok2 := present.Text(lang, "mail."+name+".body")
	return strings.TrimSpace(subject), body, ok1 && ok2
}

// SampleTemplateData fills a template for a preview when no case is chosen,
// and for the trial render that checks an edited template.
func SampleTemplateData(lang string) TemplateData {
	p := present.For(tmplLang(lang))
	return TemplateData{Number: "A-2026-0001", CustomerName: p.T("kb.sample_customer"), Handler: p.T("kb.sample_handler"),
		Agency: p.T("kb.sample_agency"), Subject: p.T("kb.sample_subject"),
		FirstResponseDue: "2026-03-04 18:00", ResolutionDue: "2026-03-07 18:00", Text: p.T("kb.sample_text")}
}

// CheckTemplate checks an edited template before it is saved: a known name
// and language, both parts present, both parse, a trial render with sample
// data succeeds (an unknown placeholder is named), and the case number is
// in the subject and in the body, which threading needs to file replies.
// The refusal is a *data.TemplateError.
func CheckTemplate(t data.MailTemplate) error {
	fail := func(part, reason string) *data.TemplateError {
		return &data.TemplateError{Name: t.Name, Language: t.Language, Part: part, Reason: reason}
	}
	if !slices.Contains(tmplNames, t.Name) || !slices.Contains(tmplLangs, t.Language) {
		return fail("", data.TemplateUnknown)
	}
	if strings.TrimSpace(t.Subject) == "" {
		return fail("subject", data.TemplateEmpty)
	}
	if strings.TrimSpace(t.Body) == "" {
		return fail("body", data.TemplateEmpty)
	}
	if _, err := tmplParse(t); err != nil {
		return err
	}
	v := SampleTemplateData(t.Language)
	subject, body, err := RenderTemplateWith([]data.MailTemplate{t}, t.Language, t.Name, v)
	if err != nil {
		var te *data.TemplateError
		if errors.As(err, &te) {
			return te
		}
		return fail("body", data.TemplateSyntax)
	}
	if !strings.Contains(subject, v.Number) {
		return fail("subject", data.TemplateNoNumber)
	}
	if !strings.Contains(body, v.Number) {
		return fail("body", data.TemplateNoNumber)
	}
	return nil
}

// tmplParse parses an override; a failure is a *data.TemplateError naming
// the part and, where the engine names one, the placeholder.
func tmplParse(t data.MailTemplate) (tmplPair, error) {
	var out tmplPair
	for _, part := range []struct {
		name string
		text string
		dst  **template.Template
	}{{"subject", strings.TrimSpace(t.Subject), &out.subject}, {"body", t.Body, &out.body}} {
		tt, err := template.New(part.name).Option("missingkey=error").Parse(part.text)
		if err != nil {
			return tmplPair{}, tmplError(t, part.name, err)
		}
		*part.dst = tt
	}
	return out, nil
}

var (
	tmplAtRe   = regexp.MustCompile(`at <([^>]*)>`)
	tmplFuncRe = regexp.MustCompile(`function "([^"]+)" not defined`)
	tmplLineRe = regexp.MustCompile(`^template: [^:]*:(\d+)(?::\d+)?: (.*)$`)
)

// tmplError turns a parse or execution error into a *data.TemplateError.
func tmplError(t data.MailTemplate, part string, err error) *data.TemplateError {
	te := &data.TemplateError{Name: t.Name, Language: t.Language, Part: part, Reason: data.TemplateSyntax}
	msg := err.Error()
	if m := tmplFuncRe.FindStringSubmatch(msg); m != nil {
		te.Reason, te.Placeholder = data.TemplatePlaceholder, m[1]
		return te
	}
	if m := tmplAtRe.FindStringSubmatch(msg); m != nil && strings.Contains(msg, "can't evaluate field") {
		te.Reason, te.Placeholder = data.TemplatePlaceholder, "{{"+m[1]+"}}"
		return te
	}
	if m := tmplLineRe.FindStringSubmatch(msg); m != nil {
		te.Detail = fmt.Sprintf("%s: %s", m[1], m[2])
	} else {
		te.Detail = msg
	}
	return te
}
