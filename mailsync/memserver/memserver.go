// Package memserver runs in-process IMAP and SMTP servers for fast mail tests:
// go-imap's imapmemserver and a go-smtp server that records what it receives.
package memserver

import (
	"bytes"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// The one account both servers know.
const (
	User     = "agency@casebook.test"
	Password = "secret"
)

// IMAP is an in-process IMAP server holding User's INBOX.
type IMAP struct {
	user *imapmemserver.User
	Addr string
}

// StartIMAP starts the server; it stops when the test ends.
func StartIMAP(t testing.TB) *IMAP {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser(User, Password)
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
		Logger:       quiet{},
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return &IMAP{user: user, Addr: ln.Addr().String()}
}

type quiet struct{}

func (quiet) Printf(string, ...any) {}

// Deliver appends a message to the INBOX; LF line ends become CRLF.
func (m *IMAP) Deliver(t testing.TB, raw string) {
	t.Helper()
	raw = strings.ReplaceAll(strings.ReplaceAll(raw, "\r\n", "\n"), "\n", "\r\n")
	if _, err := m.user.Append("INBOX", bytes.NewReader([]byte(raw)), &imap.AppendOptions{Time: time.Now()}); err != nil {
		t.Fatal(err)
	}
}

// SeenCount is how many INBOX messages carry \Seen.
func (m *IMAP) SeenCount(t testing.TB) int {
	t.Helper()
	c, err := imapclient.DialInsecure(m.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(User, Password).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	d, err := c.Search(&imap.SearchCriteria{Flag: []imap.Flag{imap.FlagSeen}}, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return len(d.AllSeqNums())
}

// SMTP records the messages it accepts.
type SMTP struct {
	mu       sync.Mutex
	msgs     [][]byte
	fail     error
	accepted func(n int) // called with the count after each message is stored, before the 250 goes out
	Addr     string
}

// StartSMTP starts the server (no TLS, AUTH PLAIN); it stops when the test ends.
func StartSMTP(t testing.TB) *SMTP {
	t.Helper()
	b := &SMTP{}
	srv := smtp.NewServer(b)
	srv.AllowInsecureAuth = true
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	b.Addr = ln.Addr().String()
	return b
}

// Fail makes the server answer every message with err (nil: accept again).
func (b *SMTP) Fail(err error) {
	b.mu.Lock()
	b.fail = err
	b.mu.Unlock()
}

// OnAccept calls fn with the number of messages accepted so far each time
// one is stored — before the server's 250 for it goes out (nil: no hook).
// A test kills or cuts the client there: the message is delivered, the client
// never hears it.
func (b *SMTP) OnAccept(fn func(n int)) {
	b.mu.Lock()
	b.accepted = fn
	b.mu.Unlock()
}

// Sent returns the messages accepted so far.
func (b *SMTP) Sent() [][]byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([][]byte(nil), b.msgs...)
}

// NewSession implements smtp.Backend.
func (b *SMTP) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{b: b}, nil }

type session struct{ b *SMTP }

func (s *session) AuthMechanisms() []string { return []string{"PLAIN"} }
func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != User || pass != Password {
			return errors.New("bad credentials")
		}
		return nil
	}), nil
}
func (s *session) Mail(string, *smtp.MailOptions) error { return nil }
func (s *session) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.b.mu.Lock()
	if s.b.fail != nil {
		s.b.mu.Unlock()
		return s.b.fail
	}
	s.b.msgs = append(s.b.msgs, b)
	n, fn := len(s.b.msgs), s.b.accepted
	s.b.mu.Unlock()
	if fn != nil {
		fn(n) // the message is accepted; its 250 goes out when fn returns
	}
	return nil
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

// HostPort splits an address into host and port number.
func HostPort(addr string) (string, int) {
	host, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)
	return host, p
}

// Mail builds a plain UTF-8 message dated an hour ago; extra lines are headers.
func Mail(id, from, subject, body string, extra ...string) string {
	date := time.Now().Add(-time.Hour).Format(time.RFC1123Z)
	h := "Message-ID: <" + id + ">\nDate: " + date + "\nFrom: " + from + "\nTo: " + User + "\nSubject: " + subject +
		"\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
	for _, e := range extra {
		h += e + "\n"
	}
	return h + "\n" + body + "\n"
}

// CreateFolder adds a mailbox, such as "Sent".
func (m *IMAP) CreateFolder(t testing.TB, name string) {
	t.Helper()
	if err := m.user.Create(name, nil); err != nil {
		t.Fatal(err)
	}
}

// Count is how many messages a mailbox holds.
func (m *IMAP) Count(t testing.TB, folder string) int {
	t.Helper()
	st, err := m.user.Status(folder, &imap.StatusOptions{NumMessages: true})
	if err != nil {
		t.Fatal(err)
	}
	return int(*st.NumMessages)
}

// Append stores a raw message in a folder (such as "Sent", where a provider
// files what was sent through its SMTP server); LF line ends become CRLF.
func (m *IMAP) Append(t testing.TB, folder string, raw []byte) {
	t.Helper()
	raw = bytes.ReplaceAll(bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
	if _, err := m.user.Append(folder, bytes.NewReader(raw), &imap.AppendOptions{Time: time.Now()}); err != nil {
		t.Fatal(err)
	}
}
