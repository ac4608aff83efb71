package service

import (
	"context"
	"fmt"
	"slices"

	"casebook/data"
	"casebook/mailsync"
)

// Templates is the agency's wording of the mail templates: per language,
// an override (data.MailTemplate in the settings) or the catalogue's text.
// Reading is for everyone; setting and resetting is data.ActionSettings.
type Templates struct{ *core }

// List is every template in every language, in the order a case uses them.
func (t *Templates) List() []data.TemplateInfo {
	var out []data.TemplateInfo
	for _, name := range mailsync.TemplateNames() {
		for _, lang := range data.Languages {
			if ti, err := t.Get(name, lang); err == nil {
				out = append(out, ti)
			}
		}
	}
	return out
}

// Get is the template name in lang as it is in force.
func (t *Templates) Get(name, lang string) (data.TemplateInfo, error) {
	if own, ok := t.store.Settings().MailTemplate(name, lang); ok {
		return data.TemplateInfo{MailTemplate: own, Custom: true}, nil
	}
	subject, body, ok := mailsync.DefaultTemplate(lang, name)
	if !ok || !slices.Contains(data.Languages, lang) {
		return data.TemplateInfo{}, &data.TemplateError{Name: name, Language: lang, Reason: data.TemplateUnknown}
	}
	return data.TemplateInfo{MailTemplate: data.MailTemplate{Name: name, Language: lang, Subject: subject, Body: body}}, nil
}

// Set checks tm (mailsync.CheckTemplate: it parses, every placeholder is
// known, the case number is in subject and body) and makes it the agency's
// wording of tm.Name in tm.Language.
func (t *Templates) Set(ctx context.Context, a data.Actor, tm data.MailTemplate) error {
	if err := check(a, data.ActionSettings); err != nil {
		return err
	}
	if err := mailsync.CheckTemplate(tm); err != nil {
		return err
	}
	tm.By, tm.At = a.Name, t.store.Now()
	return t.saveTemplates(ctx, a, func(list []data.MailTemplate) []data.MailTemplate {
		list = slices.DeleteFunc(list, func(x data.MailTemplate) bool { return x.Name == tm.Name && x.Language == tm.Language })
		return append(list, tm)
	})
}

// Reset drops the agency's wording of name in lang: the catalogue's is used again.
func (t *Templates) Reset(ctx context.Context, a data.Actor, name, lang string) error {
	if err := check(a, data.ActionSettings); err != nil {
		return err
	}
	if _, err := t.Get(name, lang); err != nil {
		return err
	}
	return t.saveTemplates(ctx, a, func(list []data.MailTemplate) []data.MailTemplate {
		return slices.DeleteFunc(list, func(x data.MailTemplate) bool { return x.Name == name && x.Language == lang })
	})
}

func (t *Templates) saveTemplates(ctx context.Context, a data.Actor, edit func([]data.MailTemplate) []data.MailTemplate) error {
	st := t.store.Settings()
	st.MailTemplates = edit(slices.Clone(st.MailTemplates))
	if err := t.store.SaveSettingsBy(ctx, st, a.Name); err != nil {
		return fmt.Errorf("mail template: %w", err)
	}
	return nil
}

// Preview fills tm (saved or not) for case number as its mail would be
// sent, with text as the clerk's words; number "" fills it with sample data
// in tm's language. A bad template is a *data.TemplateError.
func (t *Templates) Preview(ctx context.Context, tm data.MailTemplate, number, text string) (subject, body string, err error) {
	if err := mailsync.CheckTemplate(tm); err != nil {
		return "", "", err
	}
	td := mailsync.SampleTemplateData(tm.Language)
	if text != "" {
		td.Text = text
	}
	if number != "" {
		c, err := t.store.Case(ctx, number)
		if err != nil {
			return "", "", err
		}
		_, td = mailsync.CaseTemplateData(t.store.Settings(), c, text)
	}
	return mailsync.RenderTemplateWith([]data.MailTemplate{tm}, tm.Language, tm.Name, td)
}

// TemplateNames lists the mail templates in the order a case uses them.
func TemplateNames() []string { return mailsync.TemplateNames() }
