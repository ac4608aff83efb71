package mailsync

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	gomail "github.com/wneessen/go-mail"
	gosmtp "github.com/wneessen/go-mail/smtp"
)

// SMTPConfig is how to reach the agency's SMTP server.
type SMTPConfig struct {
	Host     string
	Port     int    // 0 = 465 for "tls", 587 for "starttls", 25 for "none"
	Security string // "tls" (implicit TLS, 465), "starttls" (587/25, STARTTLS required), "none"
	Username string // "" = no login
	Password string
	CAFile   string        // PEM file of a private CA to trust in addition to the system roots; "" = system roots only
	Timeout  time.Duration // dial and per-command timeout; 0 = 30s
}

// SendResult is what happened to one message.
type SendResult struct {
	Raw       []byte // the bytes sent (for a Sent-folder copy and "show original")
	Err       error  // nil when the server accepted it
	Permanent bool   // a 5xx answer: retrying will not help; false for 4xx and network errors
	// Uncertain: the message's data went out, final dot included, but the
	// server's answer never came (the connection was cut, or timed out, or
	// sending was cancelled while waiting for it). The server may have
	// accepted it: it must not be resent blindly. Err says what happened.
	Uncertain bool
}

// SendHooks let the caller record each message's fate while the session goes
// on, rather than after it. Either may be nil.
type SendHooks struct {
	// BeforeDot is called for message i after its data was written and
	// before the final dot that lets the server accept it: the last moment
	// at which the message certainly has not been delivered. An error
	// aborts the session without sending the dot (message i then fails as
	// temporary, the rest are not tried).
	BeforeDot func(i int) error
	// Done is called the moment message i's outcome is known (the server's
	// answer to its data, a refusal, a lost connection). An error stops the
	// session: the remaining messages are not tried.
	Done func(i int, r SendResult) error
}

// Errors of connecting and logging in; TestSMTP and Send wrap them with the details.
var (
	// ErrAuth: the server refused the login. Many providers (QQ, 163, 126,
	// Gmail, Outlook) want an app-specific authorisation code, not the
	// password of the web mailbox.
	ErrAuth = errors.New("the mail server refused the user name or password")
	// ErrCertificate: the server's certificate is not trusted (unknown CA,
	// wrong host name, expired).
	ErrCertificate = errors.New("the mail server's certificate is not trusted")
	// ErrNoSTARTTLS: security is "starttls" but the server does not offer it.
	ErrNoSTARTTLS = errors.New("the mail server does not offer STARTTLS")
)

const defaultSMTPTimeout = 30 * time.Second

// Send delivers messages over one connection; ctx cancels (the connection
// is closed at once, even in the middle of a command). A failure to connect
// or log in fails every message as temporary (Permanent=false); an
// authentication failure is reported with errors.Is(err, ErrAuth). A message
// that cannot be composed fails permanently (its data is invalid). When the
// connection is lost, the remaining messages fail as temporary without being
// tried. A message the server accepted counts as sent even if the command
// after it (RSET) fails. A message whose data went out completely but whose
// answer was lost is Uncertain, and the session ends there.
func Send(ctx context.Context, cfg SMTPConfig, msgs []Outgoing) []SendResult {
	return SendEach(ctx, cfg, msgs, SendHooks{})
}

// errNotTried is the error of messages a session ended before.
var errNotTried = errors.New("not sent: the session ended before this message")

// SendEach is Send with hooks that record every message as it is settled.
func SendEach(ctx context.Context, cfg SMTPConfig, msgs []Outgoing, hooks SendHooks) []SendResult {
	results := make([]SendResult, len(msgs))
	ready := make([]bool, len(msgs))
	settled := make([]bool, len(msgs))
	stopped := false
	done := func(i int) {
		settled[i] = true
		if hooks.Done != nil && !stopped {
			if err := hooks.Done(i, results[i]); err != nil {
				results[i].Err = errors.Join(results[i].Err, fmt.Errorf("recording the result: %w", err))
				stopped = true
			}
		}
	}
	pending := 0
	for i, o := range msgs {
		m, err := outBuild(o)
		if err == nil {
			results[i].Raw, err = outRender(m)
		}
		if err != nil {
			results[i] = SendResult{Err: err, Permanent: true}
			done(i)
			continue
		}
		ready[i] = true
		pending++
	}
	// failRest fails the messages not yet tried as temporary.
	failRest := func(from int, err error) {
		for i := from; i < len(msgs); i++ {
			if ready[i] && !settled[i] {
				results[i].Err = err
				done(i)
			}
		}
	}
	if pending == 0 || stopped {
		failRest(0, errNotTried)
		return results
	}

	sess, err := dialSMTP(ctx, cfg)
	if err != nil {
		failRest(0, err)
		return results
	}
	defer sess.close(ctx)

	for i := range msgs {
		if !ready[i] {
			continue
		}
		if stopped {
			failRest(i, errNotTried)
			break
		}
		if ctx.Err() != nil {
			failRest(i, fmt.Errorf("sending cancelled: %w", context.Cause(ctx)))
			break
		}
		var before func() error
		if hooks.BeforeDot != nil {
			before = func() error { return hooks.BeforeDot(i) }
		}
		phase, err := sess.transact(ctx, msgs[i], results[i].Raw, before)
		switch {
		case err == nil:
			done(i)
			if phase == phaseResetFailed {
				// Accepted, but the session is unusable: the rest waits.
				sess.broken = true
			}
		case phase == phaseHook:
			results[i].Err = fmt.Errorf("not sent: %w", err)
			stopped = true // the store could not record: send nothing more
			settled[i] = true
			if hooks.Done != nil {
				_ = hooks.Done(i, results[i]) // try to put it back in the queue
			}
		case phase == phaseAnswer && smtpCode(err) == 0:
			// The data and its final dot went out; the answer did not come back.
			results[i].Err = fmt.Errorf("the connection to %s broke after the message was sent, before the server confirmed it: %w", sess.addr, err)
			results[i].Uncertain = true
			done(i)
			sess.broken = true
		case ctx.Err() != nil:
			failRest(i, fmt.Errorf("sending cancelled: %w", context.Cause(ctx)))
		case smtpCode(err) == 0:
			// No SMTP answer before the data was complete: the connection is gone
			// and the message certainly was not accepted; the rest waits.
			err = fmt.Errorf("connection to %s lost: %w", sess.addr, err)
			results[i].Err = err
			done(i)
			sess.broken = true
		default:
			code, temp := smtpReplyCode(err)
			results[i].Err = fmt.Errorf("the mail server refused the message: %w", err)
			results[i].Permanent = code >= 500 && code < 600 && !temp
			done(i)
		}
		if sess.broken || ctx.Err() != nil {
			reason := errNotTried
			switch {
			case ctx.Err() != nil:
				reason = fmt.Errorf("sending cancelled: %w", context.Cause(ctx))
			case results[i].Err != nil:
				reason = fmt.Errorf("not sent: %w", results[i].Err)
			}
			failRest(i+1, reason)
			break
		}
	}
	return results
}

// hangUpWait is how long the client listens for a hang-up before the final
// dot: long enough for a closed connection's end to arrive on a busy machine
// and most networks, short beside an SMTP transaction (a hang-up ends the
// wait at once). A variable for tests on slow machines.
var hangUpWait = 100 * time.Millisecond

// errHungUpBeforeDot: the server closed the connection while the message's
// data was being written, before its end: nothing was delivered.
var errHungUpBeforeDot = errors.New("the server closed the connection before the message was complete")

// The step of an SMTP transaction an error came from.
type smtpPhase int

const (
	phaseEnvelope    smtpPhase = iota // MAIL, RCPT, DATA, the data itself: nothing can have been delivered
	phaseHook                         // BeforeDot failed: the dot was not sent
	phaseAnswer                       // the final dot went out; waiting for the server's answer
	phaseResetFailed                  // accepted; RSET afterwards failed
)

// transact sends one message: MAIL, RCPT for every recipient, DATA, the raw
// bytes, beforeDot, the final dot and its answer, then RSET. The phase says
// how far it got when it failed.
func (s *smtpSession) transact(ctx context.Context, o Outgoing, raw []byte, beforeDot func() error) (smtpPhase, error) {
	c := s.smtp
	if err := c.Mail(o.From.Address); err != nil {
		if smtpCode(err) != 0 {
			s.reset()
		}
		return phaseEnvelope, err
	}
	var rcptErr error
	for _, list := range [][]Address{o.To, o.Cc} {
		for _, a := range list {
			if err := c.Rcpt(a.Address); err != nil {
				if smtpCode(err) == 0 {
					return phaseEnvelope, err
				}
				rcptErr = errors.Join(rcptErr, fmt.Errorf("%s: %w", a.Address, err))
			}
		}
	}
	if rcptErr != nil {
		s.reset()
		return phaseEnvelope, rcptErr
	}
	w, err := c.Data()
	if err != nil {
		if smtpCode(err) != 0 {
			s.reset()
		}
		return phaseEnvelope, err
	}
	if _, err := w.Write(raw); err != nil {
		return phaseEnvelope, err
	}
	// Everything but the final dot goes out now; a server already gone then
	// did not get the message, which is retried rather than held as
	// "may have been sent".
	if err := c.Text.W.Flush(); err != nil {
		return phaseEnvelope, err
	}
	if s.conn != nil && hungUp(s.conn, hangUpWait) {
		s.broken = true
		return phaseEnvelope, errHungUpBeforeDot
	}
	if ctx.Err() != nil {
		return phaseEnvelope, context.Cause(ctx)
	}
	if beforeDot != nil {
		if err := beforeDot(); err != nil {
			s.broken = true // in the middle of DATA: only closing the connection aborts it
			return phaseHook, err
		}
	}
	if ctx.Err() != nil { // do not let it go now: closing the connection drops it unsent
		s.broken = true
		return phaseEnvelope, context.Cause(ctx)
	}
	if err := w.Close(); err != nil {
		if code := smtpCode(err); code < 200 || code > 299 {
			return phaseAnswer, err
		}
		// Another 2xx than 250 (251, say): the server took it all the same.
	}
	if err := c.Reset(); err != nil {
		return phaseResetFailed, nil
	}
	return phaseEnvelope, nil
}

// reset ends a refused transaction so the next message can start; a failure
// leaves the session broken.
func (s *smtpSession) reset() {
	if err := s.smtp.Reset(); err != nil {
		s.broken = true
	}
}

// smtpCode is the SMTP reply code in err, or 0 when the server did not answer.
func smtpCode(err error) int {
	code, _ := smtpReplyCode(err)
	return code
}

// smtpReplyCode is the SMTP reply code of a send error, or 0 when there was
// no answer (a network error), and whether go-mail calls it temporary.
func smtpReplyCode(err error) (code int, temporary bool) {
	var se *gomail.SendError
	if errors.As(err, &se) {
		return se.ErrorCode(), se.IsTemp()
	}
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code, te.Code < 500
	}
	return 0, false
}

// TestSMTP connects, logs in and out, and says exactly what failed: the host
// name (DNS), the connection, TLS and the certificate, a missing STARTTLS, or
// the login (ErrAuth).
func TestSMTP(ctx context.Context, cfg SMTPConfig) error {
	sess, err := dialSMTP(ctx, cfg)
	if err != nil {
		return err
	}
	if err := sess.client.CloseWithSMTPClient(sess.smtp); err != nil {
		sess.stop()
		_ = sess.conn.Close()
		return fmt.Errorf("smtp %s: logging out: %w", sess.addr, err)
	}
	sess.stop()
	_ = sess.conn.Close()
	return nil
}

// smtpSession is an open, logged-in connection.
type smtpSession struct {
	addr   string
	client *gomail.Client
	smtp   *gosmtp.Client
	conn   net.Conn    // the TCP connection under everything
	stop   func() bool // unregisters the close-on-cancel hook
	broken bool        // the connection cannot carry another command
}

func (s *smtpSession) close(ctx context.Context) {
	if ctx.Err() == nil && !s.broken {
		_ = s.client.CloseWithSMTPClient(s.smtp) // QUIT
	}
	s.stop()
	_ = s.conn.Close()
}

// normalize fills in the defaults and checks cfg.
func (cfg SMTPConfig) normalize() (SMTPConfig, error) {
	cfg.Host = strings.TrimSpace(cfg.Host)
	cfg.Security = strings.ToLower(strings.TrimSpace(cfg.Security))
	if cfg.Host == "" {
		return cfg, errors.New("smtp: no server host name is set")
	}
	if cfg.Port == 0 {
		switch cfg.Security {
		case "tls":
			cfg.Port = 465
		case "starttls":
			cfg.Port = 587
		default:
			cfg.Port = 25
		}
	}
	if cfg.Port < 1 || cfg.Port > 65535 {
		return cfg, fmt.Errorf("smtp: port %d is not a valid port", cfg.Port)
	}
	switch cfg.Security {
	case "tls", "starttls", "none":
	default:
		return cfg, fmt.Errorf("smtp: unknown security %q (want tls, starttls or none)", cfg.Security)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = defaultSMTPTimeout
	}
	return cfg, nil
}

// smtpTLSConfig verifies certificates against the system roots plus the CA file.
func smtpTLSConfig(cfg SMTPConfig) (*tls.Config, error) {
	tc := &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12}
	if cfg.CAFile == "" {
		return tc, nil
	}
	pemBytes, err := os.ReadFile(cfg.CAFile)
	if err != nil {
		return nil, fmt.Errorf("smtp: reading the CA file: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pemBytes) {
		return nil, fmt.Errorf("smtp: the CA file %s holds no PEM certificate", cfg.CAFile)
	}
	tc.RootCAs = pool
	return tc, nil
}

// dialSMTP connects, secures and logs in, with errors that say which step failed.
func dialSMTP(ctx context.Context, cfg SMTPConfig) (*smtpSession, error) {
	cfg, err := cfg.normalize()
	if err != nil {
		return nil, err
	}
	tc, err := smtpTLSConfig(cfg)
	if err != nil {
		return nil, err
	}
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))

	// Our own dialer: it knows the TCP connection, so a cancelled ctx closes
	// it (go-mail watches ctx only while dialling), it sets an idle timeout on
	// every read and write, and it tells DNS, connect and TLS errors apart.
	var raw net.Conn
	stop := func() bool { return false }
	dial := func(dctx context.Context, network, address string) (net.Conn, error) {
		d := net.Dialer{Timeout: cfg.Timeout}
		c, err := d.DialContext(dctx, network, address)
		if err != nil {
			return nil, &smtpStepError{step: "connect", err: err}
		}
		raw = c
		stop = context.AfterFunc(ctx, func() { _ = c.Close() })
		conn := net.Conn(&smtpIdleConn{Conn: c, timeout: cfg.Timeout})
		if cfg.Security == "tls" {
			tlsConn := tls.Client(conn, tc)
			if err := tlsConn.HandshakeContext(dctx); err != nil {
				return nil, &smtpStepError{step: "tls", err: err}
			}
			return tlsConn, nil // a *tls.Conn: go-mail's smtp client sees an encrypted connection
		}
		return conn, nil
	}

	opts := []gomail.Option{
		gomail.WithPort(cfg.Port),
		gomail.WithTimeout(cfg.Timeout),
		gomail.WithTLSConfig(tc),
		gomail.WithDialContextFunc(dial),
	}
	switch cfg.Security {
	case "tls":
		opts = append(opts, gomail.WithSSL()) // the dialer does the handshake
	case "starttls":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if cfg.Username != "" {
		opts = append(opts, gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password))
		// PLAIN or LOGIN is what works with app passwords everywhere (CRAM-MD5,
		// NTLM and the like fail on many Chinese providers); other mechanisms
		// only when neither is offered. Without TLS ("none", chosen explicitly)
		// the password travels in clear, as the user asked.
		if cfg.Security == "none" {
			opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlainNoEnc, gomail.SMTPAuthLoginNoEnc))
		} else {
			opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlain, gomail.SMTPAuthLogin))
		}
	}
	client, err := gomail.NewClient(cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp %s: %w", addr, err)
	}
	sc, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		stop()
		if raw != nil {
			_ = raw.Close()
		}
		return nil, smtpExplain(ctx, cfg, addr, err)
	}
	return &smtpSession{addr: addr, client: client, smtp: sc, conn: raw, stop: stop}, nil
}

// smtpStepError marks an error of our dialer with the step that failed.
type smtpStepError struct {
	step string // "connect" or "tls"
	err  error
}

func (e *smtpStepError) Error() string { return e.err.Error() }
func (e *smtpStepError) Unwrap() error { return e.err }

// smtpExplain turns an error of connecting or logging in into one that
// says what failed and what to check, keeping the cause for errors.Is/As.
func smtpExplain(ctx context.Context, cfg SMTPConfig, addr string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("smtp %s: cancelled: %w", addr, context.Cause(ctx))
	}
	var (
		dnsErr  *net.DNSError
		step    *smtpStepError
		te      *textproto.Error
		netErr  net.Error
		certErr *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		host    x509.HostnameError
		invalid x509.CertificateInvalidError
		alert   tls.AlertError
		record  tls.RecordHeaderError
	)
	msg := err.Error()
	switch {
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return fmt.Errorf("smtp: the server name %q does not exist (DNS): check the host name: %w", cfg.Host, err)
		}
		return fmt.Errorf("smtp: cannot look up %q (DNS): check the network connection: %w", cfg.Host, err)
	case errors.As(err, &certErr), errors.As(err, &unknown), errors.As(err, &host), errors.As(err, &invalid):
		hint := "if the server uses a private certificate authority, set its CA file"
		if errors.As(err, &host) {
			hint = "the certificate is made out to another name: use the host name it names"
		} else if errors.As(err, &invalid) && invalid.Reason == x509.Expired {
			hint = "the certificate has expired or the computer's clock is wrong"
		}
		return fmt.Errorf("smtp %s: %w (%s): %w", addr, ErrCertificate, hint, err)
	case strings.Contains(msg, "does not support STARTTLS"):
		return fmt.Errorf("smtp %s: %w: choose security \"tls\" (usually port 465), or \"none\" only for a trusted local server", addr, ErrNoSTARTTLS)
	case errors.As(err, &step) && step.step == "connect":
		if errors.As(err, &netErr) && netErr.Timeout() {
			return fmt.Errorf("smtp: no answer from %s within %s: check the host, the port and any firewall: %w", addr, cfg.Timeout, err)
		}
		if errors.Is(err, syscall.ECONNREFUSED) {
			return fmt.Errorf("smtp: %s refused the connection: check the port (465 for tls, 587 for starttls): %w", addr, err)
		}
		return fmt.Errorf("smtp: cannot connect to %s: %w", addr, err)
	case errors.As(err, &record), errors.As(err, &alert), errors.As(err, &step) && step.step == "tls":
		return fmt.Errorf("smtp %s: the TLS handshake failed: check the security setting (port 465 uses tls, 587 starttls): %w", addr, err)
	case strings.HasPrefix(msg, "SMTP AUTH failed") && smtpConnectionLost(err):
		// The connection broke during the login: nothing says the password is wrong.
		return fmt.Errorf("smtp %s: the connection was lost while logging in (the server or the network dropped it): try again later: %w", addr, err)
	case strings.HasPrefix(msg, "SMTP AUTH failed"):
		if errors.As(err, &te) && te.Code >= 400 && te.Code < 500 {
			return fmt.Errorf("smtp %s: the server cannot check the login now, try again later: %w", addr, err)
		}
		return fmt.Errorf("smtp %s: %w (%s); QQ, 163, 126, Gmail and Outlook want an app-specific authorisation code instead of the mailbox password", addr, ErrAuth, smtpServerSaid(err))
	case msg == "server does not support SMTP AUTH":
		hint := "leave the user name empty if the server needs no login"
		if cfg.Security == "none" {
			hint = "many servers offer login only over TLS: try security \"starttls\" or \"tls\""
		}
		return fmt.Errorf("smtp %s: the server offers no login (AUTH) on this connection: %s: %w", addr, hint, err)
	case errors.Is(err, gomail.ErrNoSupportedAuthDiscovered), strings.HasPrefix(msg, "server does not support SMTP AUTH type"):
		return fmt.Errorf("smtp %s: the server offers no login method Casebook supports: %w", addr, err)
	case errors.As(err, &te):
		return fmt.Errorf("smtp %s: the server refused the session: %w", addr, err)
	case errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Errorf("smtp %s: the server stopped answering (no reply within %s): %w", addr, cfg.Timeout, err)
	case errors.Is(err, io.EOF), errors.Is(err, syscall.ECONNRESET), errors.Is(err, net.ErrClosed):
		return fmt.Errorf("smtp %s: the server closed the connection: %w", addr, err)
	}
	return fmt.Errorf("smtp %s: %w", addr, err)
}

// smtpConnectionLost reports whether err is the connection breaking (closed,
// reset, timed out) rather than an answer of the server's.
func smtpConnectionLost(err error) bool {
	var te *textproto.Error
	if errors.As(err, &te) {
		return false
	}
	var netErr net.Error
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, net.ErrClosed) || errors.As(err, &netErr)
}

// smtpServerSaid is the server's answer in an error, for the user to read.
func smtpServerSaid(err error) string {
	var te *textproto.Error
	if errors.As(err, &te) {
		return fmt.Sprintf("the server said: %d %s", te.Code, te.Msg)
	}
	return err.Error()
}

// smtpIdleConn fails a read or write that waits longer than timeout, so a
// half-dead server cannot hang a send, while a large message on a slow line
// may take as long as it keeps moving.
type smtpIdleConn struct {
	net.Conn
	timeout time.Duration
}

func (c *smtpIdleConn) Read(p []byte) (int, error) {
	if err := c.Conn.SetReadDeadline(time.Now().Add(c.timeout)); err != nil {
		return 0, err
	}
	return c.Conn.Read(p)
}

func (c *smtpIdleConn) Write(p []byte) (int, error) {
	if err := c.Conn.SetWriteDeadline(time.Now().Add(c.timeout)); err != nil {
		return 0, err
	}
	return c.Conn.Write(p)
}
