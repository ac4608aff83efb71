//go:build unix

package mailsync

import (
	"errors"
	"net"
	"syscall"
	"time"
)

// hungUp waits up to wait for the server to close the connection, without
// reading anything it may have sent (MSG_PEEK). Called with the message's
// data written but its final dot not yet sent: a connection already gone
// then cannot have delivered the message, so it is retried instead of
// being held as "may have been sent".
func hungUp(c net.Conn, wait time.Duration) bool {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return false
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return false
	}
	if tc.SetReadDeadline(time.Now().Add(wait)) != nil {
		return false
	}
	defer tc.SetReadDeadline(time.Time{})
	closed := false
	buf := make([]byte, 1)
	_ = rc.Read(func(fd uintptr) bool {
		n, _, err := syscall.Recvfrom(int(fd), buf, syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		switch {
		case errors.Is(err, syscall.EAGAIN), errors.Is(err, syscall.EWOULDBLOCK), errors.Is(err, syscall.EINTR):
			return false // nothing yet: wait for the socket until the deadline
		case err != nil, n == 0:
			closed = true // reset, or the server's end of stream
		}
		return true // closed, or the server said something: stop looking
	})
	return closed
}
