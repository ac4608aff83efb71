package present

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strings"
	"syscall"

	"casebook/data"
)

// MailError explains a failure with the agency's mail servers in the
// presenter's language — one sentence per server that failed, naming what
// went wrong (name not found, connection refused, no answer, certificate,
// secure connection, login refused, mailbox not found) — and gives the
// technical text apart, for a "Details" fold: a Chinese dialog never shows
// "dial tcp: lookup …" as its message.
func (p *P) MailError(err error) (summary, detail string) {
	if err == nil {
		return "", ""
	}
	var parts []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		parts = j.Unwrap()
	} else {
		parts = []error{err}
	}
	var lines []string
	for _, e := range parts {
		var mse *data.MailServerError
		line := p.mailReason(e)
		if errors.As(e, &mse) {
			line = p.T("mailerr.server_failed", "server", p.mailServer(mse.Server), "reason", line)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"), err.Error()
}

// mailServer names a server by its role.
func (p *P) mailServer(s string) string {
	switch s {
	case "IMAP":
		return p.T("mailerr.server_imap")
	case "SMTP":
		return p.T("mailerr.server_smtp")
	}
	return s
}

// MailFailure sorts a mail failure: auth, password, account, dns, refused,
// unreachable, timeout, certificate, tls, mailbox or other.
func MailFailure(err error) string {
	var dns *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var badHost x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	var alert tls.AlertError
	var netErr net.Error
	switch {
	case errors.Is(err, data.ErrNoMailAccount):
		return "account"
	case errors.Is(err, data.ErrNoPassword):
		return "password"
	case errors.Is(err, data.ErrMailAuth):
		return "auth"
	case errors.Is(err, data.ErrMailboxNotFound):
		return "mailbox"
	case errors.Is(err, data.ErrMailCertificate), errors.As(err, &unknownCA), errors.As(err, &badHost),
		errors.As(err, &invalid), errors.As(err, &verify):
		return "certificate"
	case errors.As(err, &dns):
		return "dns"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused"
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return "unreachable"
	case errors.Is(err, data.ErrMailTimeout), errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case errors.As(err, &record), errors.As(err, &alert):
		return "tls"
	}
	return "other"
}

// mailReason is the sentence for one failure.
func (p *P) mailReason(err error) string {
	var dns *net.DNSError
	var op *net.OpError
	host := ""
	var mse *data.MailServerError
	if errors.As(err, &mse) {
		host = mse.Host
	}
	switch kind := MailFailure(err); kind {
	case "account", "password":
		return p.Error(err)
	case "dns":
		if errors.As(err, &dns) && dns.Name != "" {
			host = dns.Name
		}
		return p.T("mailerr.fail.dns", "host", host)
	case "refused":
		if errors.As(err, &op) && op.Addr != nil {
			host = op.Addr.String()
		}
		return p.T("mailerr.fail.refused", "host", host)
	default:
		return p.T("mailerr.fail." + kind)
	}
}
