package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2/lang"

	"casebook/data"
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

func statusLabel(s data.Status) string         { return enum("status", string(s)) }
func kindLabel(k data.Kind) string             { return enum("kind", string(k)) }
func severityLabel(s data.Severity) string     { return enum("severity", string(s)) }
func channelLabel(c data.Channel) string       { return enum("channel", string(c)) }
func escalationLabel(e data.Escalation) string { return enum("escalation", string(e)) }
func roleLabel(r data.Role) string             { return enum("role", string(r)) }
func waitingLabel(w data.Waiting) string {
	if w == data.WaitingNone {
		return T("Not waiting")
	}
	return enum("waiting", string(w))
}

// categoryLabel shows a category in the interface language.
func categoryLabel(st data.Settings, slug string) string {
	if c, ok := st.Category(slug); ok {
		return c.Name(currentLanguage())
	}
	return slug
}

// currentLanguage maps Fyne's chosen locale to one of data.Languages.
func currentLanguage() string {
	loc := strings.ToLower(string(lang.SystemLocale()))
	switch {
	case strings.HasPrefix(loc, "zh") && (strings.Contains(loc, "tw") || strings.Contains(loc, "hk") || strings.Contains(loc, "mo") || strings.Contains(loc, "hant")):
		return "zh-Hant"
	case strings.HasPrefix(loc, "zh"):
		return "zh-Hans"
	}
	return "en"
}

// errorText turns an error from the services into a sentence in the user's language.
func errorText(err error) string {
	var fe *data.FieldError
	switch {
	case errors.As(err, &fe):
		return fieldErrorText(fe)
	case errors.Is(err, data.ErrTransition):
		return T("This step is not allowed for the case now.")
	case errors.Is(err, data.ErrNotFound):
		return T("The case was not found. It may have been changed elsewhere; reload the list.")
	case errors.Is(err, data.ErrLocked):
		return T("The database is open in another Casebook window.")
	case errors.Is(err, data.ErrInvalid):
		return T("Some input is not valid.")
	}
	return T("Could not save:") + " " + err.Error()
}

func fieldErrorText(fe *data.FieldError) string {
	switch fe.Field {
	case "customer":
		return T("Enter the customer's name.")
	case "subject":
		return T("Enter a subject of at most 200 characters.")
	case "phone":
		return T("The phone number is not valid: use 5 to 15 digits.")
	case "email":
		return T("The e-mail address is not valid.")
	case "departure":
		return T("Write the departure date as YYYY-MM-DD.")
	case "amount":
		return T("The amount is not valid: a number such as 1200.50.")
	case "received":
		return T("The received time cannot be in the future.")
	case "note":
		return T("The note is empty.")
	case "reason":
		return T("Give a reason for declining.")
	case "owner":
		return T("The owner must be one of the staff in Settings.")
	}
	return T("Some input is not valid.")
}
