package present

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

// refused is a real "connection refused": a port nobody listens on.
func refused(t *testing.T) error {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = net.DialTimeout("tcp", addr, time.Second)
	if err == nil {
		t.Skip("something answers on a closed port")
	}
	return err
}

func TestMailErrorsAreSortedAndTranslated(t *testing.T) {
	dns := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Name: "imap.qq.con", Err: "no such host", IsNotFound: true}}
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	cases := []struct {
		err  error
		kind string
		host string // named in the sentence
	}{
		{fmt.Errorf("imap: dial: %w", dns), "dns", "imap.qq.con"},
		{refused(t), "refused", "127.0.0.1"},
		{fmt.Errorf("smtp: %w", ctx.Err()), "timeout", ""},
		{&data.MailServerError{Server: "IMAP", Host: "imap.163.com", Cause: data.ErrMailAuth, Err: errors.New("NO [AUTHENTICATIONFAILED] Invalid credentials")}, "auth", ""},
		{&data.MailServerError{Server: "IMAP", Cause: data.ErrMailTimeout, Err: errors.New("watchdog")}, "timeout", ""},
		{fmt.Errorf("tls: %w", x509.UnknownAuthorityError{}), "certificate", ""},
		{&tls.CertificateVerificationError{Err: x509.HostnameError{Certificate: &x509.Certificate{}, Host: "mail.example.com"}}, "certificate", ""},
		{fmt.Errorf("handshake: %w", tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}), "tls", ""},
		{&data.MailServerError{Server: "IMAP", Cause: data.ErrMailboxNotFound, Err: errors.New("NO [NONEXISTENT] Unknown Mailbox: 投诉")}, "mailbox", ""},
		{fmt.Errorf("x: %w", data.ErrNoMailAccount), "account", ""},
		{errors.New("250 weird"), "other", ""},
	}
	for _, c := range cases {
		if got := MailFailure(c.err); got != c.kind {
			t.Errorf("%v: sorted as %s, want %s", c.err, got, c.kind)
		}
		for _, lang := range data.Languages {
			summary, detail := For(lang).MailError(c.err)
			if summary == "" || detail != c.err.Error() {
				t.Errorf("%s %v: summary %q detail %q", lang, c.err, summary, detail)
			}
			if c.host != "" && !strings.Contains(summary, c.host) {
				t.Errorf("%s: %q does not name %s", lang, summary, c.host)
			}
			if lang != "en" {
				for _, raw := range []string{"dial", "lookup", "tcp", "x509", "tls:", "NONEXISTENT", "AUTHENTICATIONFAILED"} {
					if strings.Contains(summary, raw) {
						t.Errorf("%s: %q shows the technical %q", lang, summary, raw)
					}
				}
			}
		}
	}
}

func TestMailTestErrorNamesEachServer(t *testing.T) {
	err := errors.Join(
		&data.MailServerError{Server: "IMAP", Host: "imap.qq.con", Err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Name: "imap.qq.con", Err: "no such host"}}},
		&data.MailServerError{Server: "SMTP", Host: "smtp.qq.com", Cause: data.ErrMailAuth, Err: errors.New("535 Login Fail")})
	summary, detail := For("zh-Hans").MailError(err)
	lines := strings.Split(summary, "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "收信服务器（IMAP）：") || !strings.Contains(lines[0], "imap.qq.con") ||
		!strings.HasPrefix(lines[1], "发信服务器（SMTP）：") || !strings.Contains(lines[1], "授权码") {
		t.Errorf("summary:\n%s", summary)
	}
	if !strings.Contains(detail, "535 Login Fail") || !strings.Contains(detail, "no such host") {
		t.Errorf("detail %q", detail)
	}
}
