package mailsync

import (
	"bufio"
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

// cutDuringLogin is an SMTP server that greets, offers AUTH and closes the
// connection when the client starts to log in (after a LOGIN challenge when
// challenge is set).
func cutDuringLogin(t *testing.T, challenge bool) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				r := bufio.NewReader(c)
				_, _ = c.Write([]byte("220 cut.test ESMTP\r\n"))
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					cmd := strings.ToUpper(strings.TrimSpace(line))
					switch {
					case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
						auth := "AUTH PLAIN LOGIN"
						if challenge {
							auth = "AUTH LOGIN"
						}
						_, _ = c.Write([]byte("250-cut.test\r\n250 " + auth + "\r\n"))
					case strings.HasPrefix(cmd, "AUTH") && challenge:
						_, _ = c.Write([]byte("334 VXNlcm5hbWU6\r\n"))
						_, _ = r.ReadString('\n')
						return // cut after the user name
					case strings.HasPrefix(cmd, "AUTH"):
						return // cut as the login arrives
					default:
						_, _ = c.Write([]byte("250 ok\r\n"))
					}
				}
			}(c)
		}
	}()
	return l.Addr().(*net.TCPAddr).Port
}

// A connection cut during the login is a connection problem, not a wrong
// password (the issue: "wrong password or authorisation code").
func TestSMTPCutDuringLoginIsNotAWrongPassword(t *testing.T) {
	for _, challenge := range []bool{false, true} {
		cfg := SMTPConfig{Host: "127.0.0.1", Port: cutDuringLogin(t, challenge), Security: "none",
			Username: "kefu@agency.test", Password: "right", Timeout: 3 * time.Second}
		err := TestSMTP(context.Background(), cfg)
		if err == nil {
			t.Fatal("TestSMTP succeeded against a server that cuts the login")
		}
		t.Logf("challenge %v: %v", challenge, err)
		if errors.Is(err, ErrAuth) || strings.Contains(err.Error(), "password") {
			t.Errorf("challenge %v: reported as a wrong password: %v", challenge, err)
		}
		if !strings.Contains(err.Error(), "connection was lost while logging in") {
			t.Errorf("challenge %v: does not say the connection was lost: %v", challenge, err)
		}
		res := Send(context.Background(), cfg, []Outgoing{outgoingTo(1, "customer@example.com")})
		if len(res) != 1 || res[0].Err == nil || errors.Is(res[0].Err, ErrAuth) || res[0].Permanent {
			t.Errorf("challenge %v: Send: %+v", challenge, res)
		}
	}
}
