// Package mailtest runs a real Dovecot (IMAP, IMAPS, LMTP) and Postfix (SMTP
// with STARTTLS and AUTH through Dovecot, SMTPS) on loopback for tests, through
// scripts/mailservers.sh. It is a test helper: import it from _test.go files
// only.
//
// Two users exist, Agency and Customer, both with Password. Mail for their
// domains (casebook.test, example.test) that reaches Postfix is delivered to
// Dovecot over LMTP; mail for any other domain, or for an unknown user of
// those domains, bounces back to the sender at once. Nothing leaves the
// machine and no DNS is used.
//
// The servers need root (their daemons switch users) and Debian's
// dovecot-imapd, dovecot-lmtpd, postfix and openssl (scripts/deps.sh test).
// Without them Start skips the test, or fails it when CI is set.
package mailtest

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	gosmtp "github.com/emersion/go-smtp"
)

// The test users and their password.
const (
	Agency   = "agency@casebook.test"
	Customer = "customer@example.test"
	Password = "secret"
)

// Servers is one running pair of Dovecot and Postfix. All addresses are on
// 127.0.0.1; the ports are also given as numbers for command-line flags.
type Servers struct {
	Dir string // everything lives here: config, TLS files, queue, logs, mail

	Host      string // "127.0.0.1"
	IMAPAddr  string // IMAP without TLS (STARTTLS is offered too)
	IMAPSAddr string // IMAP over implicit TLS
	SMTPAddr  string // SMTP: STARTTLS, then AUTH PLAIN/LOGIN (AUTH only after STARTTLS)
	SMTPSAddr string // SMTP over implicit TLS, AUTH PLAIN/LOGIN
	LMTPAddr  string // Dovecot's LMTP: delivery without Postfix

	IMAPPort, IMAPSPort, SMTPPort, SMTPSPort, LMTPPort int

	CAFile      string // PEM of the test CA that signed the servers' certificate (for 127.0.0.1, localhost)
	MaildirRoot string // MaildirRoot/<user> is a user's Maildir (INBOX; folders are .Sent, .Trash …)

	StartupTime time.Duration // how long starting both servers took

	DovecotLog, PostfixLog string

	script           string
	mailUID, mailGID int
}

// Start starts Dovecot and Postfix in a fresh directory and stops them when
// the test ends. It skips the test when the servers cannot run here (not
// root, packages missing, -short), but fails it when the CI variable is set
// and only -short is not the reason.
func Start(t testing.TB) *Servers {
	t.Helper()
	if testing.Short() {
		t.Skip("mailtest: real mail servers are skipped in -short mode")
	}
	script, reason := available()
	if reason != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("mailtest: CI is set but the real mail servers cannot run: %s", reason)
		}
		t.Skipf("mailtest: %s", reason)
	}

	var lastErr error
	for attempt := 1; attempt <= 3; attempt++ {
		s, err := start(script)
		if err == nil {
			t.Cleanup(func() { s.stop(t) })
			t.Logf("mailtest: Dovecot and Postfix up in %v (dir %s, IMAP %s, SMTP %s)",
				s.StartupTime.Round(time.Millisecond), s.Dir, s.IMAPAddr, s.SMTPAddr)
			return s
		}
		lastErr = err
		t.Logf("mailtest: start attempt %d failed: %v", attempt, err)
	}
	t.Fatalf("mailtest: cannot start the mail servers: %v", lastErr)
	return nil
}

// available returns the script's path, or why the servers cannot run.
func available() (script, reason string) {
	if os.Geteuid() != 0 {
		return "", "real mail servers need root (Dovecot and Postfix switch users)"
	}
	var missing []string
	for _, f := range []string{"/usr/sbin/dovecot", "/usr/lib/dovecot/imap", "/usr/lib/dovecot/lmtp", "/usr/sbin/postfix"} {
		if _, err := os.Stat(f); err != nil {
			missing = append(missing, f)
		}
	}
	for _, c := range []string{"openssl", "bash"} {
		if _, err := exec.LookPath(c); err != nil {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return "", fmt.Sprintf("missing %s: install dovecot-imapd dovecot-lmtpd postfix openssl (scripts/deps.sh test)",
			strings.Join(missing, ", "))
	}
	script, err := findScript()
	if err != nil {
		return "", err.Error()
	}
	return script, ""
}

// findScript locates scripts/mailservers.sh from this source file, or by
// walking up from the working directory to the module root.
func findScript() (string, error) {
	const rel = "scripts/mailservers.sh"
	if _, file, _, ok := runtime.Caller(0); ok {
		p := filepath.Join(filepath.Dir(file), "..", "..", rel)
		if _, err := os.Stat(p); err == nil {
			return filepath.Abs(p)
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, rel)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("scripts/mailservers.sh not found above the working directory")
		}
		dir = parent
	}
}

func start(script string) (*Servers, error) {
	// Not t.TempDir: its path is long (unix sockets allow 107 bytes) and its
	// parents are 0700 on some systems; the daemons need to traverse it.
	dir, err := os.MkdirTemp("", "cbmail-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	ports, err := freePorts(5)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	began := time.Now()
	cmd := exec.Command("bash", script, "start", dir)
	cmd.Env = append(os.Environ(),
		"IMAP_PORT="+strconv.Itoa(ports[0]),
		"IMAPS_PORT="+strconv.Itoa(ports[1]),
		"SMTP_PORT="+strconv.Itoa(ports[2]),
		"SMTPS_PORT="+strconv.Itoa(ports[3]),
		"LMTP_PORT="+strconv.Itoa(ports[4]),
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = runWithTimeout(cmd, 90*time.Second)
	elapsed := time.Since(began)
	if err != nil {
		stopDir(script, dir)
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%s start: %w\n%s", script, err, stderr.String())
	}
	env := map[string]string{}
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			env[k] = v
		}
	}
	s := &Servers{
		Dir:         dir,
		Host:        env["HOST"],
		CAFile:      env["CA_FILE"],
		MaildirRoot: env["MAILDIR_ROOT"],
		DovecotLog:  env["DOVECOT_LOG"],
		PostfixLog:  env["POSTFIX_LOG"],
		StartupTime: elapsed,
		script:      script,
	}
	for key, dst := range map[string]*int{
		"IMAP_PORT": &s.IMAPPort, "IMAPS_PORT": &s.IMAPSPort, "SMTP_PORT": &s.SMTPPort,
		"SMTPS_PORT": &s.SMTPSPort, "LMTP_PORT": &s.LMTPPort, "MAIL_UID": &s.mailUID, "MAIL_GID": &s.mailGID,
	} {
		n, err := strconv.Atoi(env[key])
		if err != nil {
			stopDir(script, dir)
			os.RemoveAll(dir)
			return nil, fmt.Errorf("%s start printed no %s: %q", script, key, stdout.String())
		}
		*dst = n
	}
	addr := func(port int) string { return net.JoinHostPort(s.Host, strconv.Itoa(port)) }
	s.IMAPAddr, s.IMAPSAddr = addr(s.IMAPPort), addr(s.IMAPSPort)
	s.SMTPAddr, s.SMTPSAddr = addr(s.SMTPPort), addr(s.SMTPSPort)
	s.LMTPAddr = addr(s.LMTPPort)
	return s, nil
}

// freePorts asks the kernel for n free loopback ports. They are free when
// chosen; the script fails (and Start retries) if one is taken meanwhile.
func freePorts(n int) ([]int, error) {
	var ports []int
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

func runWithTimeout(cmd *exec.Cmd, d time.Duration) error {
	// Should a daemon keep the script's output pipe open, stop waiting for it.
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		cmd.Process.Kill()
		<-done
		return fmt.Errorf("timed out after %v", d)
	}
}

func stopDir(script, dir string) string {
	cmd := exec.Command("bash", script, "stop", dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := runWithTimeout(cmd, 60*time.Second); err != nil {
		return fmt.Sprintf("%v: %s", err, out.String())
	}
	return ""
}

func (s *Servers) stop(t testing.TB) {
	if t.Failed() {
		t.Logf("mailtest: logs of the failed test's servers:\n%s", s.Logs())
	}
	if msg := stopDir(s.script, s.Dir); msg != "" {
		t.Errorf("mailtest: stopping the servers: %s", msg)
		return
	}
	if os.Getenv("MAILTEST_KEEP") != "" {
		t.Logf("mailtest: MAILTEST_KEEP is set: keeping %s", s.Dir)
		return
	}
	if err := os.RemoveAll(s.Dir); err != nil {
		t.Errorf("mailtest: %v", err)
	}
}

// StopSMTP stops Postfix only (an SMTP outage); StartSMTP starts it again on
// the same ports. Mail already queued in Postfix stays queued across both.
func (s *Servers) StopSMTP(t testing.TB) {
	t.Helper()
	s.run(t, "stop-smtp")
}

// StartSMTP starts Postfix again after StopSMTP.
func (s *Servers) StartSMTP(t testing.TB) {
	t.Helper()
	s.run(t, "start-smtp")
}

func (s *Servers) run(t testing.TB, sub string) {
	t.Helper()
	cmd := exec.Command("bash", s.script, sub, s.Dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := runWithTimeout(cmd, 60*time.Second); err != nil {
		t.Fatalf("mailtest: %s: %v\n%s", sub, err, out.String())
	}
}

// Logs returns the last lines of Dovecot's and Postfix's logs.
func (s *Servers) Logs() string {
	var b strings.Builder
	for _, f := range []string{s.DovecotLog, s.PostfixLog} {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(&b, "--- %s: %v\n", f, err)
			continue
		}
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		if len(lines) > 60 {
			lines = lines[len(lines)-60:]
		}
		fmt.Fprintf(&b, "--- %s\n%s\n", f, strings.Join(lines, "\n"))
	}
	return b.String()
}

// TLSConfig trusts the test CA, for IMAPS, SMTPS and STARTTLS to 127.0.0.1.
func (s *Servers) TLSConfig() *tls.Config {
	pool := x509.NewCertPool()
	if pem, err := os.ReadFile(s.CAFile); err == nil {
		pool.AppendCertsFromPEM(pem)
	}
	return &tls.Config{RootCAs: pool, ServerName: s.Host}
}

// Maildir is the user's Maildir directory (its INBOX).
func (s *Servers) Maildir(user string) string {
	return filepath.Join(s.MaildirRoot, strings.ToLower(user))
}

// Deliver delivers raw to the mailbox of to through Dovecot's LMTP (the path
// Postfix uses). The envelope sender is the address in raw's From header.
func (s *Servers) Deliver(t testing.TB, to string, raw []byte) {
	t.Helper()
	from := ""
	if msg, err := mail.ReadMessage(bytes.NewReader(raw)); err == nil {
		if a, err := mail.ParseAddress(msg.Header.Get("From")); err == nil {
			from = a.Address
		}
	}
	s.DeliverFrom(t, from, to, raw)
}

// DeliverFrom is Deliver with an explicit envelope sender, which Dovecot
// writes as Return-Path ("" gives "<>", as in bounces).
func (s *Servers) DeliverFrom(t testing.TB, from, to string, raw []byte) {
	t.Helper()
	if err := s.deliver(from, to, raw); err != nil {
		t.Fatalf("mailtest: LMTP delivery to %s: %v", to, err)
	}
}

func (s *Servers) deliver(from, to string, raw []byte) error {
	conn, err := net.DialTimeout("tcp", s.LMTPAddr, 10*time.Second)
	if err != nil {
		return err
	}
	conn.SetDeadline(time.Now().Add(60 * time.Second))
	c := gosmtp.NewClientLMTP(conn)
	defer c.Close()
	if err := c.Hello("mailtest.casebook.test"); err != nil {
		return err
	}
	if err := c.Mail(from, nil); err != nil {
		return err
	}
	if err := c.Rcpt(to, nil); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(raw); err != nil {
		return err
	}
	if _, err := w.CloseWithLMTPResponse(); err != nil {
		return err
	}
	return c.Quit()
}

// Send submits raw through Postfix as user: SMTP, STARTTLS (trusting the test
// CA), AUTH PLAIN with Password, envelope sender user. Delivery to the
// recipients' mailboxes follows asynchronously: use WaitMessages.
func (s *Servers) Send(t testing.TB, user string, to []string, raw []byte) {
	t.Helper()
	if err := s.send(user, Password, to, raw); err != nil {
		t.Fatalf("mailtest: sending through Postfix as %s: %v", user, err)
	}
}

func (s *Servers) send(user, password string, to []string, raw []byte) error {
	conn, err := net.DialTimeout("tcp", s.SMTPAddr, 10*time.Second)
	if err != nil {
		return err
	}
	conn.SetDeadline(time.Now().Add(60 * time.Second))
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if err := c.StartTLS(s.TLSConfig()); err != nil {
		return fmt.Errorf("STARTTLS: %w", err)
	}
	if err := c.Auth(smtp.PlainAuth("", user, password, s.Host)); err != nil {
		return fmt.Errorf("AUTH: %w", err)
	}
	if err := c.Mail(user); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt); err != nil {
			return fmt.Errorf("RCPT TO:<%s>: %w", rcpt, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(raw); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// DropMaildir writes raws as files into the user's Maildir new/ (INBOX), in
// order, the fast way to load thousands of messages: Dovecot picks them up at
// the next IMAP access and gives them UIDs in this order. Each file's time
// (IMAP's INTERNALDATE) is the message's Date header when it has one. The
// bytes are stored as given (LF or CRLF line ends both work).
func (s *Servers) DropMaildir(t testing.TB, user string, raws [][]byte) {
	t.Helper()
	if err := WriteMaildir(s.Maildir(user), s.mailUID, s.mailGID, raws); err != nil {
		t.Fatalf("mailtest: dropping into %s's Maildir: %v", user, err)
	}
}

// Messages returns every message of the user's folder ("INBOX", "Sent" …)
// in UID order, fetched over IMAP with BODY.PEEK[] (flags stay unchanged).
func (s *Servers) Messages(t testing.TB, user, folder string) [][]byte {
	t.Helper()
	msgs, err := s.fetch(user, folder)
	if err != nil {
		t.Fatalf("mailtest: fetching %s's %s: %v", user, folder, err)
	}
	return msgs
}

// WaitMessages polls the user's folder until it holds at least n messages
// and returns them all, or fails the test after timeout. A folder that does
// not exist yet counts as empty.
func (s *Servers) WaitMessages(t testing.TB, user, folder string, n int, timeout time.Duration) [][]byte {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var msgs [][]byte
	var err error
	for {
		msgs, err = s.fetch(user, folder)
		if err == nil && len(msgs) >= n {
			return msgs
		}
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("mailtest: waiting for %d messages in %s's %s: %v\n%s", n, user, folder, err, s.Logs())
	}
	t.Fatalf("mailtest: %s's %s has %d messages after %v, want at least %d\n%s", user, folder, len(msgs), timeout, n, s.Logs())
	return nil
}

// errNoMailbox is returned by fetch for a folder that does not exist.
var errNoMailbox = errors.New("no such mailbox")

func (s *Servers) fetch(user, folder string) ([][]byte, error) {
	conn, err := net.DialTimeout("tcp", s.IMAPAddr, 10*time.Second)
	if err != nil {
		return nil, err
	}
	// go-imap v2 has no timeout of its own before a response starts.
	watchdog := time.AfterFunc(2*time.Minute, func() { conn.Close() })
	defer watchdog.Stop()
	c := imapclient.New(conn, nil)
	defer c.Close()
	if err := c.Login(user, Password).Wait(); err != nil {
		return nil, fmt.Errorf("LOGIN %s: %w", user, err)
	}
	data, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		var imapErr *imap.Error
		if errors.As(err, &imapErr) && imapErr.Code == imap.ResponseCodeNonExistent {
			return nil, errNoMailbox
		}
		return nil, fmt.Errorf("EXAMINE %s: %w", folder, err)
	}
	var out [][]byte
	if data.NumMessages > 0 {
		section := &imap.FetchItemBodySection{Peek: true}
		msgs, err := c.Fetch(imap.UIDSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{
			UID:         true,
			BodySection: []*imap.FetchItemBodySection{section},
		}).Collect()
		if err != nil {
			return nil, fmt.Errorf("UID FETCH: %w", err)
		}
		slices.SortFunc(msgs, func(a, b *imapclient.FetchMessageBuffer) int { return cmp.Compare(a.UID, b.UID) })
		for _, m := range msgs {
			out = append(out, m.FindBodySection(section))
		}
	}
	c.Logout().Wait()
	return out, nil
}
