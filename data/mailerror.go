package data

import "errors"

// Failures with the agency's mail servers that only the mail code can
// recognise (the server's own answers); the network's failures — a name
// not found, a refused connection, a timeout, a certificate — are the
// standard library's errors and are recognised with errors.As.
var (
	ErrMailAuth        = errors.New("the mail server refused the user name or password")
	ErrMailTimeout     = errors.New("the mail server did not answer in time")
	ErrMailCertificate = errors.New("the mail server's certificate is not trusted")
	ErrMailboxNotFound = errors.New("the mailbox folder was not found on the server")
)

// MailServerError is a failure with one of the agency's mail servers:
// Server is "IMAP" or "SMTP", Host its name, Cause one of the ErrMail…
// sentinels above when the mail code recognised it (errors.Is finds it),
// and Err what happened, for the details.
type MailServerError struct {
	Server string
	Host   string
	Cause  error
	Err    error
}

func (e *MailServerError) Error() string { return e.Server + ": " + e.Err.Error() }
func (e *MailServerError) Unwrap() error { return e.Err }

// Is reports the recognised cause as well as what Err wraps.
func (e *MailServerError) Is(target error) bool { return e.Cause != nil && target == e.Cause }
