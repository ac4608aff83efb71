//go:build !unix

package mailsync

import (
	"net"
	"time"
)

// hungUp cannot look at the socket without reading here: it never tells.
func hungUp(net.Conn, time.Duration) bool { return false }
