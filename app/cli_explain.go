package main

import (
	"errors"

	"casebook/data"
	"casebook/data/present"
)

// explain says what went wrong in lang: the presentation package's sentence
// for every error of the application layer, with the command to run where
// the desktop's sentence names a Settings page. Any other error is shown as
// it is.
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
	var fe *data.FieldError
	if errors.As(err, &fe) || errors.Is(err, data.ErrInvalid) || errors.Is(err, data.ErrTransition) ||
		errors.Is(err, data.ErrForbidden) || errors.Is(err, data.ErrNoPassword) ||
		errors.Is(err, data.ErrDamaged) || errors.Is(err, data.ErrNotWritable) || errors.Is(err, data.ErrNeedsUpgrade) || errors.Is(err, data.ErrNoDatabase) {
		return present.For(lang).Error(err)
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
