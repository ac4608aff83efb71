package present

import (
	"errors"

	"casebook/data"
)

// isKBError tells the errors of the knowledge base and the mail templates.
func isKBError(err error) bool {
	var te *data.TemplateError
	var nf *data.ArticleNotFoundError
	return errors.As(err, &te) || errors.As(err, &nf)
}

func (p *P) kbError(err error) string {
	var te *data.TemplateError
	var nf *data.ArticleNotFoundError
	switch {
	case errors.As(err, &nf):
		return p.T("kb.error.not_found", "id", nf.ID)
	case errors.As(err, &te):
		return p.TemplateError(te)
	}
	return err.Error()
}

// TemplateError says why an edited mail template was refused, naming the
// part and the placeholder: "The body uses {{.Custmer}}, which is not a
// placeholder. Use one of: …".
func (p *P) TemplateError(e *data.TemplateError) string {
	part := e.Part
	if part == "" {
		part = "template"
	}
	part = p.T("kb.template.part." + part)
	switch e.Reason {
	case data.TemplatePlaceholder:
		return p.T("kb.template.error.placeholder", "part", part, "placeholder", e.Placeholder, "known", data.TemplatePlaceholderList)
	case data.TemplateNoNumber:
		return p.T("kb.template.error.no_number", "part", part)
	case data.TemplateEmpty:
		return p.T("kb.template.error.empty", "part", part)
	case data.TemplateUnknown:
		return p.T("kb.template.error.unknown", "name", e.Name, "lang", e.Language)
	}
	return p.T("kb.template.error.syntax", "part", part, "detail", e.Detail)
}

// TemplateName is a mail template's label ("Closing", "结案通知").
func (p *P) TemplateName(name string) string { return p.enum("template", name) }

// ArticleKind is a knowledge-base kind's label ("Canned answer", "标准答复").
func (p *P) ArticleKind(k data.ArticleKind) string { return p.enum("kb.kind", string(k)) }

func (p *P) kbFieldError(field string) string {
	return p.T("kb.field_error." + field)
}
