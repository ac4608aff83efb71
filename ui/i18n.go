package ui

import (
	"fyne.io/fyne/v2/lang"

	"casebook/data"
	"casebook/data/present"
)

// T translates an interface string. Keys are the English text; every key used
// in this package is checked against the three translation files by a test.
func T(key string) string { return lang.L(key) }

// TF translates a template such as "{{.N}} cases".
func TF(key string, values map[string]any) string { return lang.L(key, values) }

// enum translates a value of a closed set, keyed "group.value".
func enum(group, value string) string {
	if value == "" {
		return ""
	}
	return lang.X(group+"."+value, value)
}

// pr presents data in the interface language (package data/present holds
// the words shared with documents, mail and the command line).
func pr() *present.P { return present.For(currentLanguage()) }

func statusLabel(s data.Status) string                 { return pr().Status(s) }
func kindLabel(k data.Kind) string                     { return pr().Kind(k) }
func severityLabel(s data.Severity) string             { return pr().Severity(s) }
func channelLabel(c data.Channel) string               { return pr().Channel(c) }
func escalationLabel(e data.Escalation) string         { return pr().Escalation(e) }
func roleLabel(r data.Role) string                     { return pr().Role(r) }
func remedyLabel(k string) string                      { return pr().Remedy(k) }
func letterTitle(t data.LetterType) string             { return pr().Letter(t) }
func responsibilityLabel(r data.Responsibility) string { return pr().Responsibility(r) }
func waitingLabel(w data.Waiting) string               { return pr().Waiting(w) }

// categoryLabel shows a category in the interface language.
func categoryLabel(st data.Settings, slug string) string { return pr().Category(st, slug) }

// currentLanguage maps Fyne's chosen locale to one of data.Languages.
func currentLanguage() string { return present.LanguageFromLocale(string(lang.SystemLocale())) }

// errorText turns an error from the services into a sentence in the user's language.
func errorText(err error) string { return pr().Error(err) }

// printErrorText explains why a document was not printed.
func printErrorText(err error) string { return pr().PrintError(err) }

// fieldErrorText explains what is wrong with one field.
func fieldErrorText(fe *data.FieldError) string { return pr().FieldError(fe) }

// notReadyText says why a case cannot issue a letter yet.
func notReadyText(code string) string { return pr().NotReady(code) }
