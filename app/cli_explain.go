package main

import (
	"errors"

	"casebook/data"
	"casebook/data/present"
)

// explain says what went wrong in lang: the presentation package's sentence
// for every error of the application layer, with the command to run where
// the desktop's sentence names a Settings page. An error the presentation
// package does not know is shown as it is.
func explain(lang string, err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, data.ErrNoAgency):
		return tr(lang, T("The agency's name is not set: run casebook agency set --name NAME (or enter it in Settings → Agency) first."))
	case errors.Is(err, data.ErrAgencyImage):
		return tr(lang, T("The agency's logo or seal cannot be used; choose it again (casebook agency set --logo/--seal, or Settings → Agency)."))
	case errors.Is(err, data.ErrNotFound):
		return tr(lang, TF("Not found: {{.What}}.", map[string]any{"What": trimSentinel(err, data.ErrNotFound)}))
	case errors.Is(err, data.ErrLocked):
		return tr(lang, T("The database is open in another Casebook window or command; close it and try again."))
	}
	if s, ok := present.For(lang).Known(err); ok {
		return s
	}
	return err.Error()
}

// trimSentinel is err's text without the sentinel's own words at its end.
func trimSentinel(err, sentinel error) string {
	s := err.Error()
	if n := len(s) - len(sentinel.Error()) - 2; n > 0 && s[n:] == ": "+sentinel.Error() {
		return s[:n]
	}
	return s
}
