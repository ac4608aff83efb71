package mailsync

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"mime"
	"net"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/charset"
)

// IMAPConfig is how to reach the agency's IMAP server.
type IMAPConfig struct {
	Host     string
	Port     int
	Security string // "tls", "starttls" or "none"
	Username string
	Password string
	CAFile   string        // PEM of a private CA trusted besides the system roots
	Timeout  time.Duration // per command; 0 = 60 s
}

func (c IMAPConfig) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return 60 * time.Second
}

// wordDecoder decodes encoded-word headers with every charset go-message knows,
// including the aliases registered in charset.go (GBK is not in the default).
var wordDecoder = &mime.WordDecoder{CharsetReader: charset.Reader}

// ErrIMAPAuth means the server refused the user name or password.
var ErrIMAPAuth = errors.New("the IMAP server refused the user name or password")

// ErrTimeout means the server stopped answering.
var ErrTimeout = errors.New("the mail server did not answer in time")

// tlsConfig verifies certificates against the system roots plus the CA file.
func tlsConfig(host, caFile string) (*tls.Config, error) {
	cfg := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	if caFile == "" {
		return cfg, nil
	}
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("read the CA file: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("the CA file %s holds no PEM certificate", caFile)
	}
	cfg.RootCAs = pool
	return cfg, nil
}

// imapConn is a logged-in IMAP connection whose every command runs under a
// watchdog: go-imap v2 sets no read deadline before a response starts, so a
// half-dead connection would hang forever.
type imapConn struct {
	c       *imapclient.Client
	conn    net.Conn
	timeout time.Duration
	mu      sync.Mutex
}

// watch runs fn; if ctx ends or the timeout passes first, the connection is
// closed, which makes the pending command return.
func (ic *imapConn) watch(ctx context.Context, what string, fn func() error) error {
	done := make(chan struct{})
	var timedOut, cancelled bool
	var mu sync.Mutex
	go func() {
		t := time.NewTimer(ic.timeout)
		defer t.Stop()
		select {
		case <-done:
			return
		case <-t.C:
			mu.Lock()
			timedOut = true
			mu.Unlock()
		case <-ctx.Done():
			mu.Lock()
			cancelled = true
			mu.Unlock()
		}
		ic.conn.Close()
	}()
	err := fn()
	close(done)
	mu.Lock()
	defer mu.Unlock()
	switch {
	case cancelled:
		return fmt.Errorf("%s: %w", what, ctx.Err())
	case timedOut:
		return fmt.Errorf("%s: %w (%s)", what, ErrTimeout, ic.timeout)
	case err != nil:
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// dialIMAP connects, logs in and sends ID when the server offers it; unilateral,
// when given, hears about new mail while idling.
func dialIMAP(ctx context.Context, cfg IMAPConfig, unilateral ...*imapclient.UnilateralDataHandler) (*imapConn, error) {
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	d := net.Dialer{Timeout: cfg.timeout()}
	raw, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", addr, err)
	}
	tc, err := tlsConfig(cfg.Host, cfg.CAFile)
	if err != nil {
		raw.Close()
		return nil, err
	}
	conn := raw
	if cfg.Security == "tls" {
		conn = tls.Client(raw, tc)
	}
	ic := &imapConn{conn: conn, timeout: cfg.timeout()}
	opts := &imapclient.Options{TLSConfig: tc, WordDecoder: wordDecoder}
	if len(unilateral) > 0 {
		opts.UnilateralDataHandler = unilateral[0]
	}
	err = ic.watch(ctx, "greeting from "+addr, func() error {
		if cfg.Security == "starttls" {
			var err error
			ic.c, err = imapclient.NewStartTLS(conn, opts)
			if err != nil {
				return fmt.Errorf("STARTTLS: %w", err)
			}
			return nil
		}
		ic.c = imapclient.New(conn, opts)
		return ic.c.WaitGreeting()
	})
	if err != nil {
		conn.Close()
		return nil, err
	}
	if err := ic.watch(ctx, "log in", func() error { return ic.c.Login(cfg.Username, cfg.Password).Wait() }); err != nil {
		ic.close()
		var imapErr *imap.Error
		if errors.As(err, &imapErr) && imapErr.Type == imap.StatusResponseTypeNo {
			return nil, fmt.Errorf("%w: %s", ErrIMAPAuth, imapErr.Text)
		}
		return nil, err
	}
	// 163 and 126 refuse SELECT from clients that do not identify themselves.
	if ic.c.Caps().Has(imap.CapID) {
		_ = ic.watch(ctx, "ID", func() error {
			_, err := ic.c.ID(&imap.IDData{Name: "Casebook", Version: "0.1", Vendor: "Casebook"}).Wait()
			return err
		})
	}
	return ic, nil
}

func (ic *imapConn) close() {
	if ic.c != nil {
		ic.c.Close()
	} else {
		ic.conn.Close()
	}
}

// logout says goodbye politely, but never waits long for it.
func (ic *imapConn) logout(ctx context.Context) {
	_ = ic.watch(ctx, "log out", func() error { return ic.c.Logout().Wait() })
	ic.close()
}

// TestIMAP logs in and out, and says exactly what failed.
func TestIMAP(ctx context.Context, cfg IMAPConfig) error {
	ic, err := dialIMAP(ctx, cfg)
	if err != nil {
		return err
	}
	defer ic.logout(ctx)
	return ic.watch(ctx, "check the folder list", func() error {
		_, err := ic.c.List("", "INBOX", nil).Collect()
		return err
	})
}

// appendSent copies sent messages into the Sent folder, marked as read.
func appendSent(ctx context.Context, cfg IMAPConfig, folder string, raws [][]byte) error {
	if folder == "" || len(raws) == 0 {
		return nil
	}
	ic, err := dialIMAP(ctx, cfg)
	if err != nil {
		return err
	}
	defer ic.logout(ctx)
	for _, raw := range raws {
		if err := ic.watch(ctx, "copy to "+folder, func() error {
			cmd := ic.c.Append(folder, int64(len(raw)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}, Time: time.Now()})
			if _, err := cmd.Write(raw); err != nil {
				cmd.Close()
				return err
			}
			if err := cmd.Close(); err != nil {
				return err
			}
			_, err := cmd.Wait()
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}
