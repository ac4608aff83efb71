package mailsync

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// --- a test CA and certificates ---

type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pem  []byte
}

func newTestCA(t *testing.T, name string) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testCA{cert: cert, key: key, pem: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}
}

// file writes the CA certificate to a temporary PEM file, for SMTPConfig.CAFile.
func (ca *testCA) file(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(p, ca.pem, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// serverCert issues a certificate for 127.0.0.1 (and the given DNS names).
func (ca *testCA) serverCert(t *testing.T, withIP bool, names ...string) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "test mail server"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     names,
	}
	if withIP {
		tmpl.IPAddresses = []net.IP{net.IPv4(127, 0, 0, 1)}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// --- an in-process SMTP server that records what it receives ---

type received struct {
	from string
	to   []string
	data []byte
}

type testBackend struct {
	user, pass string // "" = no login needed

	mu    sync.Mutex
	conns map[string]bool // client addresses: one per TCP connection (STARTTLS starts a new session)
	got   []received

	// Failures by recipient address: an SMTP error, or "drop" to close the connection.
	rcptErr map[string]*smtp.SMTPError
	dropAt  string
	// dataStarted is signalled and dataRelease awaited in DATA, when set.
	dataStarted chan struct{}
	dataRelease chan struct{}
}

func (b *testBackend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.conns == nil {
		b.conns = make(map[string]bool)
	}
	b.conns[c.Conn().RemoteAddr().String()] = true
	return &testSession{b: b, c: c}, nil
}

func (b *testBackend) messages() []received {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]received(nil), b.got...)
}

// connections counts the TCP connections the server saw.
func (b *testBackend) connections() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.conns)
}

type testSession struct {
	b      *testBackend
	c      *smtp.Conn
	authed bool
	from   string
	to     []string
}

func (s *testSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *testSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != s.b.user || password != s.b.pass {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *testSession) Mail(from string, _ *smtp.MailOptions) error {
	if s.b.user != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *testSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if to == s.b.dropAt {
		_ = s.c.Conn().Close()
		return errors.New("dropped")
	}
	if e := s.b.rcptErr[to]; e != nil {
		return e
	}
	s.to = append(s.to, to)
	return nil
}

func (s *testSession) Data(r io.Reader) error {
	if s.b.dataStarted != nil {
		s.b.dataStarted <- struct{}{}
		<-s.b.dataRelease
	}
	d, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.b.mu.Lock()
	s.b.got = append(s.b.got, received{from: s.from, to: s.to, data: d})
	s.b.mu.Unlock()
	return nil
}

func (s *testSession) Reset()        { s.from, s.to = "", nil }
func (s *testSession) Logout() error { return nil }

// startSMTP serves be on 127.0.0.1: mode "starttls" (STARTTLS offered),
// "tls" (implicit TLS) or "none" (plain text, login allowed without TLS).
func startSMTP(t *testing.T, be *testBackend, mode string, cert tls.Certificate) SMTPConfig {
	t.Helper()
	s := smtp.NewServer(be)
	s.Domain = "mail.test"
	s.ReadTimeout = 10 * time.Second
	s.WriteTimeout = 10 * time.Second
	s.ErrorLog = quietLog{}
	if mode == "none" {
		s.AllowInsecureAuth = true
	} else {
		s.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if mode == "tls" {
		l = tls.NewListener(l, s.TLSConfig)
	}
	go func() { _ = s.Serve(l) }()
	t.Cleanup(func() { _ = s.Close() })
	return SMTPConfig{
		Host:     "127.0.0.1",
		Port:     l.Addr().(*net.TCPAddr).Port,
		Security: mode,
		Username: be.user,
		Password: be.pass,
		Timeout:  5 * time.Second,
	}
}

type quietLog struct{}

func (quietLog) Printf(string, ...any) {}
func (quietLog) Println(...any)        {}

// trustedServer is a STARTTLS server with a certificate from a private CA,
// and the config that trusts that CA through CAFile.
func trustedServer(t *testing.T, be *testBackend, mode string) SMTPConfig {
	t.Helper()
	ca := newTestCA(t, "Casebook Test CA")
	cfg := startSMTP(t, be, mode, ca.serverCert(t, true))
	cfg.CAFile = ca.file(t)
	return cfg
}

func outgoingTo(n int, rcpt string) Outgoing {
	o := composeSample()
	o.MessageID = NewMessageID(fmt.Sprintf("A-2026-%04d", n), o.From.Address)
	o.To = []Address{{Name: "客户", Address: rcpt}}
	o.Cc = nil
	return o
}

func sameMessage(a, b []byte) bool {
	return bytes.Equal(bytes.TrimRight(a, "\r\n"), bytes.TrimRight(b, "\r\n"))
}

func TestSendSeveralOverOneConnection(t *testing.T) {
	for _, mode := range []string{"starttls", "tls"} {
		t.Run(mode, func(t *testing.T) {
			be := &testBackend{user: "kefu@agency.test", pass: "授权码-abc123"}
			cfg := trustedServer(t, be, mode)
			msgs := []Outgoing{composeSample(), outgoingTo(2, "b@example.com"), outgoingTo(3, "c@example.com")}
			res := Send(context.Background(), cfg, msgs)
			if len(res) != len(msgs) {
				t.Fatalf("%d results for %d messages", len(res), len(msgs))
			}
			for i, r := range res {
				if r.Err != nil {
					t.Fatalf("message %d: %v", i, r.Err)
				}
			}
			got := be.messages()
			if len(got) != 3 {
				t.Fatalf("server got %d messages, want 3", len(got))
			}
			if n := be.connections(); n != 1 {
				t.Errorf("%d connections, want 1", n)
			}
			for i, g := range got {
				if !sameMessage(g.data, res[i].Raw) {
					t.Errorf("message %d: the server got other bytes than Raw", i)
				}
				if g.from != msgs[i].From.Address {
					t.Errorf("message %d: MAIL FROM %q", i, g.from)
				}
			}
			if want := []string{"zhangwei@example.com", "lina@chunqiu-travel.example", "boss@chunqiu-travel.example"}; strings.Join(got[0].to, ",") != strings.Join(want, ",") {
				t.Errorf("RCPT TO = %v, want To and Cc %v", got[0].to, want)
			}
			_, text, files := readBack(t, got[0].data)
			if !strings.Contains(text, "案件编号：A-2026-0001") || len(files) != 2 {
				t.Errorf("the delivered message lost its text or attachments")
			}
		})
	}
}

func TestSendPlainConnectionWithLogin(t *testing.T) {
	be := &testBackend{user: "u", pass: "p"}
	cfg := startSMTP(t, be, "none", tls.Certificate{})
	res := Send(context.Background(), cfg, []Outgoing{composeSample()})
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	if len(be.messages()) != 1 {
		t.Fatal("not delivered")
	}
}

func TestSendTemporaryAndPermanentFailures(t *testing.T) {
	be := &testBackend{
		user: "u", pass: "p",
		rcptErr: map[string]*smtp.SMTPError{
			"busy@example.com":   {Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Mailbox busy, try later"},
			"nobody@example.com": {Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "User unknown"},
		},
	}
	cfg := trustedServer(t, be, "starttls")
	msgs := []Outgoing{
		outgoingTo(1, "ok1@example.com"),
		outgoingTo(2, "busy@example.com"),
		outgoingTo(3, "nobody@example.com"),
		outgoingTo(4, "ok2@example.com"),
	}
	res := Send(context.Background(), cfg, msgs)
	want := []struct {
		ok, permanent bool
		text          string
	}{
		{ok: true},
		{text: "451"},
		{permanent: true, text: "550"},
		{ok: true},
	}
	for i, w := range want {
		r := res[i]
		if w.ok {
			if r.Err != nil {
				t.Errorf("message %d: %v", i, r.Err)
			}
			continue
		}
		if r.Err == nil {
			t.Errorf("message %d: no error", i)
			continue
		}
		if r.Permanent != w.permanent || !strings.Contains(r.Err.Error(), w.text) {
			t.Errorf("message %d: Permanent=%v err=%v; want Permanent=%v and %q", i, r.Permanent, r.Err, w.permanent, w.text)
		}
		if len(r.Raw) == 0 {
			t.Errorf("message %d: no Raw", i)
		}
	}
	if got := be.messages(); len(got) != 2 || be.connections() != 1 {
		t.Errorf("server got %d messages over %d connections, want 2 over 1", len(got), be.connections())
	}
}

func TestSendWrongPassword(t *testing.T) {
	be := &testBackend{user: "kefu@agency.test", pass: "right"}
	cfg := trustedServer(t, be, "starttls")
	cfg.Password = "wrong"
	res := Send(context.Background(), cfg, []Outgoing{outgoingTo(1, "a@example.com"), outgoingTo(2, "b@example.com")})
	for i, r := range res {
		if !errors.Is(r.Err, ErrAuth) || r.Permanent {
			t.Errorf("message %d: err=%v Permanent=%v; want ErrAuth, temporary", i, r.Err, r.Permanent)
		}
	}
	if len(be.messages()) != 0 {
		t.Error("delivered without login")
	}
}

func TestSendServerDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	cfg := SMTPConfig{Host: "127.0.0.1", Port: port, Security: "starttls", Username: "u", Password: "p", Timeout: 2 * time.Second}
	res := Send(context.Background(), cfg, []Outgoing{outgoingTo(1, "a@example.com"), outgoingTo(2, "b@example.com")})
	for i, r := range res {
		if r.Err == nil || r.Permanent || errors.Is(r.Err, ErrAuth) {
			t.Errorf("message %d: err=%v Permanent=%v; want a temporary connection error", i, r.Err, r.Permanent)
		}
		if len(r.Raw) == 0 {
			t.Errorf("message %d: no Raw", i)
		}
	}
	if res[0].Err != nil && !strings.Contains(res[0].Err.Error(), "refused the connection") {
		t.Errorf("unclear error: %v", res[0].Err)
	}
}

func TestSendConnectionLost(t *testing.T) {
	be := &testBackend{dropAt: "drop@example.com"}
	cfg := trustedServer(t, be, "starttls")
	cfg.Username, cfg.Password = "", ""
	res := Send(context.Background(), cfg, []Outgoing{
		outgoingTo(1, "ok@example.com"),
		outgoingTo(2, "drop@example.com"),
		outgoingTo(3, "later@example.com"),
	})
	if res[0].Err != nil {
		t.Errorf("message 0: %v", res[0].Err)
	}
	for i := 1; i < 3; i++ {
		if res[i].Err == nil || res[i].Permanent {
			t.Errorf("message %d: err=%v Permanent=%v; want a temporary error", i, res[i].Err, res[i].Permanent)
		}
	}
	if len(be.messages()) != 1 {
		t.Errorf("server got %d messages, want 1", len(be.messages()))
	}
}

func TestSendCancel(t *testing.T) {
	be := &testBackend{dataStarted: make(chan struct{}, 1), dataRelease: make(chan struct{})}
	cfg := trustedServer(t, be, "starttls")
	cfg.Username, cfg.Password = "", ""
	cfg.Timeout = 30 * time.Second // cancellation, not the timeout, must end it
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-be.dataStarted
		cancel()
	}()
	t.Cleanup(func() { close(be.dataRelease) })
	start := time.Now()
	res := Send(ctx, cfg, []Outgoing{outgoingTo(1, "a@example.com"), outgoingTo(2, "b@example.com")})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Send took %v after cancel", d)
	}
	// The server is inside DATA when the cancel comes: the first message's
	// final dot may already be out (then the server may still accept it, so
	// it is uncertain), or not (then it was cancelled, temporary). The second
	// message was never tried.
	if r := res[0]; r.Permanent || (!r.Uncertain && !errors.Is(r.Err, context.Canceled)) || r.Err == nil {
		t.Errorf("message 0: err=%v Permanent=%v Uncertain=%v; want uncertain, or context.Canceled and temporary", r.Err, r.Permanent, r.Uncertain)
	}
	if r := res[1]; !errors.Is(r.Err, context.Canceled) || r.Permanent || r.Uncertain {
		t.Errorf("message 1: err=%v Permanent=%v Uncertain=%v; want context.Canceled, temporary", r.Err, r.Permanent, r.Uncertain)
	}

	// Already cancelled: nothing is tried.
	res = Send(ctx, cfg, []Outgoing{outgoingTo(3, "c@example.com")})
	if !errors.Is(res[0].Err, context.Canceled) {
		t.Errorf("cancelled before the start: %v", res[0].Err)
	}
}

func TestSendInvalidMessageIsPermanent(t *testing.T) {
	be := &testBackend{}
	cfg := trustedServer(t, be, "starttls")
	cfg.Username, cfg.Password = "", ""
	bad := outgoingTo(1, "a@example.com")
	bad.To = []Address{{Address: "not an address"}}
	res := Send(context.Background(), cfg, []Outgoing{bad, outgoingTo(2, "b@example.com")})
	if res[0].Err == nil || !res[0].Permanent {
		t.Errorf("bad message: err=%v Permanent=%v; want a permanent error", res[0].Err, res[0].Permanent)
	}
	if res[1].Err != nil {
		t.Errorf("good message: %v", res[1].Err)
	}
	// Nothing to send: no connection at all.
	if res := Send(context.Background(), SMTPConfig{Host: "127.0.0.1", Port: 1, Security: "tls"}, []Outgoing{bad}); !res[0].Permanent {
		t.Errorf("only a bad message: %+v", res[0])
	}
}

func TestSendUntrustedCertificate(t *testing.T) {
	for _, mode := range []string{"starttls", "tls"} {
		t.Run(mode, func(t *testing.T) {
			rogue := newTestCA(t, "Rogue CA")
			be := &testBackend{}
			cfg := startSMTP(t, be, mode, rogue.serverCert(t, true))
			cfg.CAFile = newTestCA(t, "Casebook Test CA").file(t) // trusts another CA
			res := Send(context.Background(), cfg, []Outgoing{outgoingTo(1, "a@example.com")})
			if !errors.Is(res[0].Err, ErrCertificate) || res[0].Permanent {
				t.Errorf("err=%v Permanent=%v; want ErrCertificate, temporary", res[0].Err, res[0].Permanent)
			}
			if err := TestSMTP(context.Background(), cfg); !errors.Is(err, ErrCertificate) {
				t.Errorf("TestSMTP: %v; want ErrCertificate", err)
			}
			if len(be.messages()) != 0 {
				t.Error("delivered over an untrusted connection")
			}
		})
	}
}

// silentServer accepts connections and never says anything.
func silentServer(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		_ = l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return l.Addr().(*net.TCPAddr).Port
}

func TestSMTPSaysWhatFailed(t *testing.T) {
	ca := newTestCA(t, "Casebook Test CA")
	caFile := ca.file(t)
	cert := ca.serverCert(t, true)

	withAuth := &testBackend{user: "kefu@agency.test", pass: "right"}
	starttls := startSMTP(t, withAuth, "starttls", cert)
	starttls.CAFile = caFile
	implicit := startSMTP(t, withAuth, "tls", cert)
	implicit.CAFile = caFile
	plain := startSMTP(t, &testBackend{}, "none", tls.Certificate{})

	refused := func() int {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		return l.Addr().(*net.TCPAddr).Port
	}()

	type tc struct {
		name   string
		cfg    SMTPConfig
		target error    // errors.Is, or nil
		says   []string // all must appear in the message
	}
	mod := func(c SMTPConfig, f func(*SMTPConfig)) SMTPConfig { f(&c); return c }
	cases := []tc{
		{"ok starttls", starttls, nil, nil},
		{"ok tls", implicit, nil, nil},
		{"ok plain without login", plain, nil, nil},
		{"wrong password", mod(starttls, func(c *SMTPConfig) { c.Password = "wrong" }), ErrAuth,
			[]string{"refused the user name or password", "535", "authorisation code"}},
		{"no STARTTLS", mod(plain, func(c *SMTPConfig) { c.Security = "starttls" }), ErrNoSTARTTLS,
			[]string{"STARTTLS"}},
		{"no private CA", mod(starttls, func(c *SMTPConfig) { c.CAFile = "" }), ErrCertificate,
			[]string{"not trusted", "CA file"}},
		{"wrong host name", mod(starttls, func(c *SMTPConfig) { c.Host = "localhost" }), ErrCertificate,
			[]string{"not trusted", "another name"}},
		{"implicit TLS on a STARTTLS port", mod(starttls, func(c *SMTPConfig) { c.Security = "tls" }), nil,
			[]string{"TLS handshake failed", "security setting"}},
		{"connection refused", SMTPConfig{Host: "127.0.0.1", Port: refused, Security: "tls", Timeout: 2 * time.Second}, nil,
			[]string{"refused the connection", fmt.Sprint(refused)}},
		{"server silent", SMTPConfig{Host: "127.0.0.1", Port: silentServer(t), Security: "starttls", Timeout: 300 * time.Millisecond}, nil,
			[]string{"stopped answering"}},
		{"unknown host", SMTPConfig{Host: "no-such-host.invalid", Port: 587, Security: "starttls", Timeout: 3 * time.Second}, nil,
			[]string{"no-such-host.invalid", "(DNS)"}},
		{"unknown security", mod(starttls, func(c *SMTPConfig) { c.Security = "ssl" }), nil,
			[]string{`unknown security "ssl"`}},
		{"missing CA file", mod(starttls, func(c *SMTPConfig) { c.CAFile = filepath.Join(t.TempDir(), "none.pem") }), os.ErrNotExist,
			[]string{"CA file"}},
		{"no host", SMTPConfig{}, nil, []string{"no server host name"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := TestSMTP(context.Background(), c.cfg)
			if c.says == nil && c.target == nil {
				if err != nil {
					t.Fatalf("TestSMTP: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("TestSMTP succeeded")
			}
			t.Logf("%s: %v", c.name, err)
			if c.target != nil && !errors.Is(err, c.target) {
				t.Errorf("errors.Is(%v, %v) = false", err, c.target)
			}
			for _, s := range c.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("the error does not say %q: %v", s, err)
				}
			}
			if c.target != ErrAuth && errors.Is(err, ErrAuth) {
				t.Errorf("%v is not an authentication failure", err)
			}
		})
	}
}

func TestSMTPCancel(t *testing.T) {
	port := silentServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	err := TestSMTP(ctx, SMTPConfig{Host: "127.0.0.1", Port: port, Security: "starttls", Timeout: 30 * time.Second})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}
