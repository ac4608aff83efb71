package main

import (
	"crypto/tls"
	"net"
	"sync"
	"time"
)

// Proxy relays TCP connections between Casebook and a mail server on
// loopback, and cuts them as its armed Plan says. With DownTLS it speaks TLS
// to the client (presenting the test servers' certificate) and with UpTLS to
// the server, so that it sees SMTP's plain text even though Postfix allows
// AUTH only over TLS.
type Proxy struct {
	Upstream string      // host:port of the real server
	UpTLS    *tls.Config // nil: plain TCP to the server
	DownTLS  *tls.Config // nil: plain TCP to the client
	SMTP     bool        // follow SMTP's DATA phases (cuts after DATA)

	ln    net.Listener
	mu    sync.Mutex
	cur   *cutter
	plan  Plan
	conns int
	wg    sync.WaitGroup
}

// Start listens on a free loopback port.
func (p *Proxy) Start() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	p.ln = ln
	p.cur = newCutter(Plan{}, p.SMTP)
	go p.serve()
	return nil
}

// Port is the port the proxy listens on.
func (p *Proxy) Port() int { return p.ln.Addr().(*net.TCPAddr).Port }

// Close stops listening (connections still open end on their own).
func (p *Proxy) Close() error { return p.ln.Close() }

// Arm sets the next round's cut; it counts bytes from zero again.
func (p *Proxy) Arm(plan Plan) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.plan = plan
	p.cur = newCutter(plan, p.SMTP)
	p.conns = 0
}

// Outcome is what happened in the round since Arm.
type Outcome struct {
	Cut, CutAfterDATA bool
	Bytes             int64 // relayed, both directions, before any cut
	Accepted          int   // SMTP: messages whose 2xx reached the client
	Conns             int
}

// Outcome reports the round so far.
func (p *Proxy) Outcome() Outcome {
	p.mu.Lock()
	defer p.mu.Unlock()
	return Outcome{Cut: p.cur.Cut, CutAfterDATA: p.cur.CutAfterDATA, Bytes: p.cur.total,
		Accepted: p.cur.Accepted, Conns: p.conns}
}

func (p *Proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.handle(c)
	}
}

func (p *Proxy) handle(rawDown net.Conn) {
	p.mu.Lock()
	p.conns++
	ct := p.cur
	if ct.done {
		// The round's cut has happened: later connections pass.
		ct = newCutter(Plan{}, p.SMTP)
	}
	p.mu.Unlock()

	rawUp, err := net.DialTimeout("tcp", p.Upstream, 10*time.Second)
	if err != nil {
		rawDown.Close()
		return
	}
	hardClose := func() {
		for _, c := range []net.Conn{rawDown, rawUp} {
			if tc, ok := c.(*net.TCPConn); ok {
				tc.SetLinger(0) // a reset, not a polite end
			}
			c.Close()
		}
	}
	var down, up net.Conn = rawDown, rawUp
	deadline := time.Now().Add(10 * time.Second)
	if p.DownTLS != nil {
		tc := tls.Server(rawDown, p.DownTLS)
		rawDown.SetDeadline(deadline)
		if err := tc.Handshake(); err != nil {
			hardClose()
			return
		}
		rawDown.SetDeadline(time.Time{})
		down = tc
	}
	if p.UpTLS != nil {
		tc := tls.Client(rawUp, p.UpTLS)
		rawUp.SetDeadline(deadline)
		if err := tc.Handshake(); err != nil {
			hardClose()
			return
		}
		rawUp.SetDeadline(time.Time{})
		up = tc
	}

	var once sync.Once
	// A cut resets both connections; a side that ends on its own (QUIT,
	// LOGOUT) ends the other politely (TLS close_notify, FIN).
	cutBoth := func() { once.Do(hardClose) }
	endBoth := func() {
		once.Do(func() {
			down.Close()
			up.Close()
		})
	}
	pump := func(dir Direction, src, dst net.Conn) {
		buf := make([]byte, 32*1024)
		for {
			n, err := src.Read(buf)
			if n > 0 {
				p.mu.Lock()
				w, cut := ct.admit(dir, buf[:n])
				p.mu.Unlock()
				if w > 0 {
					if _, werr := dst.Write(buf[:w]); werr != nil {
						endBoth()
						return
					}
				}
				if cut {
					cutBoth()
					return
				}
			}
			if err != nil {
				endBoth()
				return
			}
		}
	}
	p.wg.Add(2)
	go func() { defer p.wg.Done(); pump(ClientToServer, down, up) }()
	go func() { defer p.wg.Done(); pump(ServerToClient, up, down) }()
}
