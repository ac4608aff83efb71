package ui

import (
	"context"
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
func remedyLabel(k string) string              { return enum("remedy", k) }
func letterTitle(t data.LetterType) string     { return enum("letter", string(t)) }
func responsibilityLabel(r data.Responsibility) string {
	if r == data.ResponsibilityUnknown {
		return T("Not yet determined")
	}
	return enum("responsibility", string(r))
}
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
	var nr *data.NotReadyError
	switch {
	case errors.As(err, &fe):
		return fieldErrorText(fe)
	case errors.As(err, &nr):
		return notReadyText(nr.Code)
	case errors.Is(err, data.ErrNotReady):
		return T("The case is not ready for this letter.")
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
	case "responsibility":
		return T("Choose who is responsible from the list.")
	case "remedy":
		return T("Every remedy needs a kind, and its amounts cannot be negative.")
	case "payment_due":
		return T("Write the payment date as YYYY-MM-DD, e.g. 2026-03-31.")
	case "agency_email":
		return T("The agency's e-mail address is not valid.")
	case "agency_phone":
		return T("The agency's phone number may only have digits, spaces, dashes, brackets and a leading +.")
	case "agency_complaint_phone":
		return T("The complaint phone number may only have digits, spaces, dashes, brackets and a leading +.")
	case "recourse":
		return T("The texts on where else customers can turn are only for Simplified Chinese, Traditional Chinese and English.")
	}
	return T("Some input is not valid.")
}

// notReadyText says in the user's language why a case cannot issue a letter
// yet, by the code of a *data.NotReadyError.
func notReadyText(code string) string {
	switch code {
	case "acknowledge":
		return T("Acknowledge the case before printing its acknowledgement.")
	case "declined":
		return T("The case was declined: print the decline notice instead.")
	case "not-declined":
		return T("Only a declined case has a decline notice.")
	case "no-proposal":
		return T("Propose a solution before printing its confirmation.")
	case "no-remedies":
		return T("Record the solution and its remedies under Findings and solution first.")
	case "not-closed":
		return T("Only a closed case has a closure letter.")
	}
	return T("The case is not ready for this letter.")
}

// printErrorText explains why a document was not printed.
func printErrorText(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return T("Cancelled.")
	case errors.Is(err, data.ErrNoAgency):
		return T("Enter the agency's name in Settings → Agency first.")
	case errors.Is(err, data.ErrAgencyImage):
		return T("The agency's logo or seal cannot be read. Choose it again in Settings → Agency.")
	case errors.Is(err, data.ErrTransition), errors.Is(err, data.ErrNotFound), errors.Is(err, data.ErrInvalid),
		errors.Is(err, data.ErrLocked):
		return errorText(err)
	}
	return T("Could not print:") + " " + err.Error()
}
