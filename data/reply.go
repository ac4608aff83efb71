package data

import (
	"errors"
	"fmt"
)

// Reply is what staff write to a case's customer: a mail template (reply,
// acknowledge, ask_evidence, propose, close) with their text, issued letters
// attached exactly as issued, and files.
type Reply struct {
	Template string
	Text     string
	Letters  []Letter
	Files    []File
}

// File is an attachment's name and bytes.
type File struct {
	Name string
	Data []byte
}

// Errors of writing to a customer, translated by the interfaces.
var (
	ErrNoMailAccount   = fmt.Errorf("%w: no mail account is set up", ErrInvalid)
	ErrNoCustomerEmail = fmt.Errorf("%w: the customer has no e-mail address", ErrInvalid)
	ErrEmptyReply      = fmt.Errorf("%w: the reply is empty", ErrInvalid)
)

// ErrNoPassword means neither the OS keyring nor CASEBOOK_MAIL_PASSWORD holds the mail password.
var ErrNoPassword = errors.New("no mail password: store it with `casebook account password`, or set CASEBOOK_MAIL_PASSWORD")

// UnknownSettingError names a setting that does not exist.
type UnknownSettingError struct{ Key string }

func (e *UnknownSettingError) Error() string {
	return fmt.Sprintf("no setting %q (casebook settings show lists them)", e.Key)
}

// Unwrap makes it an ErrInvalid.
func (e *UnknownSettingError) Unwrap() error { return ErrInvalid }

// UnknownStaffError says a name is not on the staff list.
type UnknownStaffError struct{ Name string }

func (e *UnknownStaffError) Error() string {
	return fmt.Sprintf("%q is not on the staff list", e.Name)
}

// Unwrap makes it an ErrForbidden: only staff act on cases.
func (e *UnknownStaffError) Unwrap() error { return ErrForbidden }

// LatestLetter is the last letter of type t (and lang, if given) issued on c.
func (c *Case) LatestLetter(t LetterType, lang string) (Letter, error) {
	for i := len(c.Letters) - 1; i >= 0; i-- {
		if l := c.Letters[i]; l.Type == t && (lang == "" || l.Language == lang) {
			return l, nil
		}
	}
	return Letter{}, fmt.Errorf("case %s has no %s letter issued yet: %w", c.Number, t, ErrNotFound)
}
