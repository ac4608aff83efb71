package main

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http/httptest"
	"net/smtp"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeSMTP is a minimal SMTP server over TLS that keeps every message whose
// end of data it read (as a real server queues it before answering).
type fakeSMTP struct {
	ln       net.Listener
	mu       sync.Mutex
	messages []string
}

func startFakeSMTP(t *testing.T, cfg *tls.Config) *fakeSMTP {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := &fakeSMTP{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *fakeSMTP) serve(c net.Conn) {
	defer c.Close()
	tp := textproto.NewConn(c)
	tp.PrintfLine("220 fake ESMTP")
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		switch cmd := strings.ToUpper(strings.Fields(line + " x")[0]); cmd {
		case "EHLO", "HELO":
			tp.PrintfLine("250-fake\r\n250 8BITMIME")
		case "MAIL", "RCPT", "RSET", "NOOP":
			tp.PrintfLine("250 ok")
		case "DATA":
			tp.PrintfLine("354 go ahead")
			b, err := tp.ReadDotBytes()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.messages = append(s.messages, string(b))
			n := len(s.messages)
			s.mu.Unlock()
			tp.PrintfLine("250 2.0.0 Ok: queued as %d", n)
		case "QUIT":
			tp.PrintfLine("221 bye")
			return
		default:
			tp.PrintfLine("502 no")
		}
	}
}

func (s *fakeSMTP) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.messages)
}

// sendThrough sends n messages over one SMTP session through addr (implicit
// TLS) and returns how many the client saw accepted, and the first error.
func sendThrough(addr string, roots *x509.CertPool, n int) (int, error) {
	conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: roots, ServerName: "127.0.0.1"})
	if err != nil {
		return 0, err
	}
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	c, err := smtp.NewClient(conn, "127.0.0.1")
	if err != nil {
		return 0, err
	}
	defer c.Close()
	ok := 0
	for i := range n {
		if err := c.Mail("a@example.test"); err != nil {
			return ok, err
		}
		if err := c.Rcpt("b@example.test"); err != nil {
			return ok, err
		}
		w, err := c.Data()
		if err != nil {
			return ok, err
		}
		fmt.Fprintf(w, "Subject: %d\r\n\r\nmessage %d\r\n", i, i)
		if err := w.Close(); err != nil {
			return ok, err
		}
		ok++
	}
	c.Quit() // the answer to QUIT is not what is tested
	return ok, nil
}

func tlsPair(t *testing.T) (*tls.Config, *x509.CertPool) {
	t.Helper()
	// httptest's built-in certificate is valid for 127.0.0.1.
	srv := httptest.NewUnstartedServer(nil)
	srv.StartTLS()
	cert := srv.TLS.Certificates[0]
	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	srv.Close()
	return &tls.Config{Certificates: []tls.Certificate{cert}}, roots
}

func startProxy(t *testing.T, upstream string, serverCfg *tls.Config, roots *x509.CertPool) *Proxy {
	t.Helper()
	p := &Proxy{Upstream: upstream, DownTLS: serverCfg, UpTLS: &tls.Config{RootCAs: roots, ServerName: "127.0.0.1"}, SMTP: true}
	if err := p.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func TestProxyRelaysTLSAndCountsAcceptedMessages(t *testing.T) {
	cfg, roots := tlsPair(t)
	srv := startFakeSMTP(t, cfg)
	p := startProxy(t, srv.ln.Addr().String(), cfg, roots)
	p.Arm(Plan{})
	ok, err := sendThrough(fmt.Sprintf("127.0.0.1:%d", p.Port()), roots, 3)
	if err != nil || ok != 3 {
		t.Fatalf("sent %d, err %v", ok, err)
	}
	waitFor(t, func() bool { return p.Outcome().Accepted == 3 })
	oc := p.Outcome()
	if oc.Cut || oc.CutAfterDATA || oc.Bytes == 0 || srv.count() != 3 {
		t.Fatalf("outcome %+v, server has %d", oc, srv.count())
	}
}

func TestProxyCutAfterDataDeliversButTheClientNeverHearsOfIt(t *testing.T) {
	cfg, roots := tlsPair(t)
	srv := startFakeSMTP(t, cfg)
	p := startProxy(t, srv.ln.Addr().String(), cfg, roots)
	p.Arm(Plan{Mode: CutAfterData, After: 2})
	ok, err := sendThrough(fmt.Sprintf("127.0.0.1:%d", p.Port()), roots, 3)
	if err == nil || ok != 1 {
		t.Fatalf("client saw %d accepted, err %v; want 1 and an error", ok, err)
	}
	waitFor(t, func() bool { return srv.count() == 2 })
	oc := p.Outcome()
	if !oc.Cut || !oc.CutAfterDATA || oc.Accepted != 1 {
		t.Fatalf("outcome %+v", oc)
	}
	// The next connection of the round passes: the cut was once.
	ok, err = sendThrough(fmt.Sprintf("127.0.0.1:%d", p.Port()), roots, 1)
	if err != nil || ok != 1 {
		t.Fatalf("after the cut: sent %d, err %v", ok, err)
	}
}

func TestProxyCutAtByteEndsTheSession(t *testing.T) {
	cfg, roots := tlsPair(t)
	srv := startFakeSMTP(t, cfg)
	p := startProxy(t, srv.ln.Addr().String(), cfg, roots)
	p.Arm(Plan{Mode: CutAtByte, After: 40}) // inside the EHLO exchange
	ok, err := sendThrough(fmt.Sprintf("127.0.0.1:%d", p.Port()), roots, 2)
	if err == nil || ok != 0 {
		t.Fatalf("sent %d, err %v; want 0 and an error", ok, err)
	}
	oc := p.Outcome()
	if !oc.Cut || oc.CutAfterDATA || oc.Bytes != 40 || srv.count() != 0 {
		t.Fatalf("outcome %+v, server has %d", oc, srv.count())
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
