package data

import (
	"fmt"
	"time"
)

// MailTemplate is the agency's own wording of one mail template in one
// language, replacing the catalogue's (assets/translations, keys
// mail.<name>.subject and .body). Both parts are text/template text over
// mailsync.TemplateData ({{.Number}}, {{.CustomerName}} …).
type MailTemplate struct {
	Name     string    `json:"name"`     // acknowledge, reply, ask_evidence, propose, close, followup
	Language string    `json:"language"` // zh-Hans, zh-Hant or en
	Subject  string    `json:"subject"`
	Body     string    `json:"body"`
	By       string    `json:"by,omitempty"`
	At       time.Time `json:"at,omitzero"`
}

// MailTemplate is the agency's override of the template name in lang, if any.
func (s Settings) MailTemplate(name, lang string) (MailTemplate, bool) {
	for _, t := range s.MailTemplates {
		if t.Name == name && t.Language == lang {
			return t, true
		}
	}
	return MailTemplate{}, false
}

// Template error reasons.
const (
	TemplateSyntax      = "syntax"      // the text does not parse (Detail says where)
	TemplatePlaceholder = "placeholder" // an unknown placeholder (Placeholder names it)
	TemplateNoNumber    = "no_number"   // the case number ({{.Number}}) is missing: replies would not thread
	TemplateEmpty       = "empty"       // the subject or the body is empty
	TemplateUnknown     = "unknown"     // no template of that name or language
)

// TemplateError says why a mail template was refused.
type TemplateError struct {
	Name, Language string
	Part           string // "subject" or "body"
	Reason         string // Template… above
	Placeholder    string // the bad placeholder, as written ("{{.Custmer}}")
	Detail         string // the template engine's words, for syntax errors
}

func (e *TemplateError) Error() string {
	return fmt.Sprintf("mail template %s (%s), %s: %s %s %s", e.Name, e.Language, e.Part, e.Reason, e.Placeholder, e.Detail)
}

// Unwrap makes it an ErrInvalid.
func (e *TemplateError) Unwrap() error { return ErrInvalid }

// TemplatePlaceholderList names the placeholders a template may use, for
// messages and help (the fields of mailsync.TemplateData).
const TemplatePlaceholderList = "{{.Number}} {{.CustomerName}} {{.Handler}} {{.Agency}} {{.Subject}} {{.FirstResponseDue}} {{.ResolutionDue}} {{.Text}}"

// TemplateInfo is one template in one language as it is in force.
type TemplateInfo struct {
	MailTemplate
	Custom bool `json:"custom"` // the agency's own wording; false: the catalogue's
}
