package main

import (
	"bytes"
	"strings"
)

// The cutting logic of the proxy, apart from sockets so that it can be
// tested byte by byte: a cutter sees every chunk relayed in either direction
// and says how much of it to pass on and whether to cut the connection after
// that.

// CutMode says where a round's cut falls.
type CutMode int

const (
	// CutNever relays everything (the proxy passes through).
	CutNever CutMode = iota
	// CutAtByte cuts once After bytes (both directions together, all
	// connections of the round together) have been relayed.
	CutAtByte
	// CutAfterData lets the client's end of data ("\r\n.\r\n") of the
	// Nth message (N = After, from 1) reach the server, then swallows the
	// server's reply to it and cuts: the message is accepted, and the client
	// never learns it.
	CutAfterData
)

// Plan is one round's cut.
type Plan struct {
	Mode  CutMode
	After int64
}

// Direction of a chunk.
type Direction int

const (
	ClientToServer Direction = iota
	ServerToClient
)

// cutter decides for one round. It is not safe for concurrent use: the proxy
// holds a lock around it.
type cutter struct {
	plan  Plan
	smtp  bool // track SMTP's DATA phases
	total int64
	done  bool // the cut has happened: everything else is dropped

	// SMTP tracking.
	cmdLine     []byte // the client's command line being read (command mode)
	inData      bool   // between the client's DATA and its end of data
	dataPending bool   // the client sent DATA; the server's 354 has not come yet
	tail        []byte // the last bytes of the data phase, to find "\r\n.\r\n" across chunks
	awaitReply  bool   // end of data sent; the server's reply not yet passed on
	replyLine   []byte // the server's reply line being read
	ends        int64  // ends of data passed to the server
	swallowing  bool   // CutAfterData: the Nth end of data is through; wait for the reply, drop it, cut

	// Results.
	Cut          bool // a cut happened
	CutAfterDATA bool // ... while a message's end of data had reached the server and its reply had not reached the client
	Accepted     int  // 2xx replies to an end of data passed on to the client
}

func newCutter(plan Plan, smtp bool) *cutter {
	return &cutter{plan: plan, smtp: smtp}
}

// admit takes a chunk read from one side and returns how many of its bytes
// to write to the other side, and whether to close both sides after writing
// them. Once it has said cut, it admits nothing more.
func (c *cutter) admit(dir Direction, chunk []byte) (n int, cut bool) {
	if c.done {
		return 0, true
	}
	if c.swallowing {
		if dir == ClientToServer {
			return 0, false // nothing more from the client reaches the server
		}
		// Read the server's reply to the last end of data, and drop it.
		for _, b := range chunk {
			if c.replyByte(b, false) {
				c.done, c.Cut, c.CutAfterDATA = true, true, true
				return 0, true
			}
		}
		return 0, false
	}
	n = len(chunk)
	if c.plan.Mode == CutAtByte {
		if left := c.plan.After - c.total; left <= int64(n) {
			n = int(max(left, 0))
			cut = true
		}
	}
	for i := 0; i < n; i++ {
		b := chunk[i]
		if !c.smtp {
			continue
		}
		if dir == ClientToServer {
			if c.clientByte(b) && c.plan.Mode == CutAfterData && c.ends == c.plan.After {
				// The Nth end of data goes through; the rest of the chunk does not.
				n = i + 1
				c.total += int64(n)
				c.swallowing = true
				return n, false
			}
		} else {
			c.replyByte(b, true)
		}
	}
	c.total += int64(n)
	if cut {
		c.cutNow()
	}
	return n, cut
}

func (c *cutter) cutNow() {
	c.done, c.Cut = true, true
	if c.awaitReply {
		c.CutAfterDATA = true
	}
}

// clientByte follows the client's side of SMTP; it reports an end of data.
func (c *cutter) clientByte(b byte) bool {
	if c.inData {
		c.tail = append(c.tail, b)
		if len(c.tail) > 5 {
			c.tail = c.tail[len(c.tail)-5:]
		}
		// "\r\n.\r\n", or ".\r\n" right at the start of the data.
		if bytes.HasSuffix(c.tail, []byte("\r\n.\r\n")) || string(c.tail) == ".\r\n" {
			c.inData, c.tail = false, nil
			c.awaitReply = true
			c.ends++
			return true
		}
		return false
	}
	c.cmdLine = append(c.cmdLine, b)
	if b == '\n' {
		line := strings.ToUpper(strings.TrimRight(string(c.cmdLine), "\r\n"))
		c.cmdLine = c.cmdLine[:0]
		if line == "DATA" {
			c.dataPending = true
		}
	} else if len(c.cmdLine) > 4096 {
		c.cmdLine = c.cmdLine[:0] // not a command line we care about
	}
	return false
}

// replyByte follows the server's replies; it reports the end of a final reply
// line to an end of data. passed: the byte reaches the client.
func (c *cutter) replyByte(b byte, passed bool) bool {
	c.replyLine = append(c.replyLine, b)
	if b != '\n' {
		if len(c.replyLine) > 4096 {
			c.replyLine = c.replyLine[:0]
		}
		return false
	}
	line := c.replyLine
	c.replyLine = c.replyLine[:0]
	if len(line) < 4 || line[3] == '-' { // a continuation line
		return false
	}
	code := string(line[:3])
	if c.dataPending {
		c.dataPending = false
		if code == "354" {
			c.inData, c.tail = true, nil
		}
		return false
	}
	if c.awaitReply {
		c.awaitReply = false
		if passed && code[0] == '2' {
			c.Accepted++
		}
		return true
	}
	return false
}
