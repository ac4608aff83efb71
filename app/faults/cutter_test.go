package main

import (
	"strings"
	"testing"
)

// step is one chunk through the cutter and what must come of it.
type step struct {
	dir     Direction
	chunk   string
	wantN   int
	wantCut bool
}

func runSteps(t *testing.T, c *cutter, steps []step) {
	t.Helper()
	for i, s := range steps {
		n, cut := c.admit(s.dir, []byte(s.chunk))
		if n != s.wantN || cut != s.wantCut {
			t.Fatalf("step %d (%q): admit = %d, %v; want %d, %v", i, s.chunk, n, cut, s.wantN, s.wantCut)
		}
	}
}

const (
	c2s = ClientToServer
	s2c = ServerToClient
)

func TestCutterPassesEverythingWithoutAPlan(t *testing.T) {
	c := newCutter(Plan{}, false)
	runSteps(t, c, []step{{c2s, "a001 LOGIN x y\r\n", 16, false}, {s2c, strings.Repeat("x", 100000), 100000, false}})
	if c.Cut || c.total != 100016 {
		t.Fatalf("cut %v, total %d", c.Cut, c.total)
	}
}

func TestCutterCutsAtTheByteAcrossDirectionsAndChunks(t *testing.T) {
	c := newCutter(Plan{Mode: CutAtByte, After: 10}, false)
	runSteps(t, c, []step{
		{s2c, "* OK", 4, false},         // 4
		{c2s, "abc", 3, false},          // 7
		{s2c, "defgh", 3, true},         // 10: only 3 of 5 pass, then the cut
		{c2s, "more", 0, true},          // nothing after the cut
		{s2c, "and more", 0, true},      //
		{c2s, "", 0, true},              //
		{s2c, "x", 0, true},             //
		{c2s, "y", 0, true},             //
		{s2c, "zzzz", 0, true},          //
		{c2s, "still nothing", 0, true}, //
	})
	if !c.Cut || c.total != 10 || c.CutAfterDATA {
		t.Fatalf("cut %v, total %d, after data %v", c.Cut, c.total, c.CutAfterDATA)
	}
}

func TestCutterCutsBeforeTheFirstByte(t *testing.T) {
	c := newCutter(Plan{Mode: CutAtByte, After: 0}, false)
	runSteps(t, c, []step{{s2c, "* OK ready\r\n", 0, true}})
	if !c.Cut {
		t.Fatal("no cut at byte 0")
	}
}

// An SMTP session as the proxy sees it, one message.
var session = []step{
	{s2c, "220 mail ESMTP\r\n", 16, false},
	{c2s, "EHLO x\r\n", 8, false},
	{s2c, "250-mail\r\n250 DSN\r\n", 19, false},
	{c2s, "MAIL FROM:<a@b>\r\n", 17, false},
	{s2c, "250 2.1.0 Ok\r\n", 14, false},
	{c2s, "RCPT TO:<c@d>\r\n", 15, false},
	{s2c, "250 2.1.5 Ok\r\n", 14, false},
	{c2s, "DATA\r\n", 6, false},
	{s2c, "354 End data with <CR><LF>.<CR><LF>\r\n", 37, false},
	{c2s, "Subject: x\r\n\r\nhello\r\n.\r", 23, false}, // the end of data split over two chunks
	{c2s, "\n", 1, false},
	{s2c, "250 2.0.0 Ok: queued as 1\r\n", 27, false},
}

func TestCutterFollowsSMTPAndCountsAcceptedMessages(t *testing.T) {
	c := newCutter(Plan{}, true)
	runSteps(t, c, session)
	if c.ends != 1 || c.Accepted != 1 || c.awaitReply {
		t.Fatalf("ends %d, accepted %d, awaiting %v", c.ends, c.Accepted, c.awaitReply)
	}
}

func TestCutterByteCutBetweenEndOfDataAndReplyCountsAsAfterDATA(t *testing.T) {
	total := 0
	for _, s := range session[:11] {
		total += len(s.chunk)
	}
	// Cut inside the server's 250: the client never reads it whole.
	c := newCutter(Plan{Mode: CutAtByte, After: int64(total + 5)}, true)
	steps := append([]step(nil), session[:11]...)
	steps = append(steps, step{s2c, "250 2.0.0 Ok: queued as 1\r\n", 5, true})
	runSteps(t, c, steps)
	if !c.Cut || !c.CutAfterDATA || c.Accepted != 0 {
		t.Fatalf("cut %v, after data %v, accepted %d", c.Cut, c.CutAfterDATA, c.Accepted)
	}

	// Cut just before the end of data is complete: not after DATA.
	c = newCutter(Plan{Mode: CutAtByte, After: int64(total - 1)}, true)
	steps = append([]step(nil), session[:9]...)
	steps = append(steps, step{c2s, "Subject: x\r\n\r\nhello\r\n.\r", 23, true})
	runSteps(t, c, steps)
	if !c.Cut || c.CutAfterDATA {
		t.Fatalf("cut %v, after data %v", c.Cut, c.CutAfterDATA)
	}

	// Cut right after the whole reply: not after DATA either.
	c = newCutter(Plan{Mode: CutAtByte, After: int64(total + 27)}, true)
	steps = append([]step(nil), session[:11]...)
	steps = append(steps, step{s2c, "250 2.0.0 Ok: queued as 1\r\n", 27, true})
	runSteps(t, c, steps)
	if !c.Cut || c.CutAfterDATA || c.Accepted != 1 {
		t.Fatalf("cut %v, after data %v, accepted %d", c.Cut, c.CutAfterDATA, c.Accepted)
	}
}

func TestCutterAfterDataSwallowsTheReplyOfTheNthMessage(t *testing.T) {
	c := newCutter(Plan{Mode: CutAfterData, After: 2}, true)
	runSteps(t, c, session) // message 1 goes through, accepted
	runSteps(t, c, []step{
		{c2s, "MAIL FROM:<a@b>\r\n", 17, false},
		{s2c, "250 2.1.0 Ok\r\n", 14, false},
		{c2s, "RCPT TO:<c@d>\r\n", 15, false},
		{s2c, "250 2.1.5 Ok\r\n", 14, false},
		{c2s, "DATA\r\n", 6, false},
		{s2c, "354 go ahead\r\n", 14, false},
		// The end of data and a pipelined RSET in one chunk: only up to the end passes.
		{c2s, "body\r\n.\r\nRSET\r\n", 9, false},
		{c2s, "QUIT\r\n", 0, false},                     // the client is held back
		{s2c, "250 2.0.0 Ok: qu", 0, false},             // the reply is read, not passed
		{s2c, "eued as 2\r\n", 0, true},                 // ... and when it is whole, the cut
		{s2c, "221 bye\r\n", 0, true},                   //
		{c2s, "anything", 0, true},                      //
		{s2c, "250 late\r\n", 0, true},                  //
		{c2s, "MAIL FROM:<a@b>\r\n", 0, true},           //
		{s2c, "250 2.1.0 Ok\r\n", 0, true},              //
		{c2s, "RCPT TO:<c@d>\r\n", 0, true},             //
		{s2c, "250 2.1.5 Ok\r\n", 0, true},              //
		{c2s, "DATA\r\n", 0, true},                      //
		{s2c, "354 go ahead\r\n", 0, true},              //
		{c2s, "body\r\n.\r\n", 0, true},                 //
		{s2c, "250 2.0.0 Ok: queued as 3\r\n", 0, true}, //
	})
	if !c.Cut || !c.CutAfterDATA || c.Accepted != 1 || c.ends != 2 {
		t.Fatalf("cut %v, after data %v, accepted %d, ends %d", c.Cut, c.CutAfterDATA, c.Accepted, c.ends)
	}
}

func TestCutterDataRefusedIsNoDataPhase(t *testing.T) {
	c := newCutter(Plan{Mode: CutAfterData, After: 1}, true)
	runSteps(t, c, []step{
		{c2s, "DATA\r\n", 6, false},
		{s2c, "554 5.5.1 Error: no valid recipients\r\n", 38, false},
		// Not data: a line with a lone dot here is no end of data.
		{c2s, "RSET\r\n.\r\n", 9, false},
		{s2c, "250 2.0.0 Ok\r\n", 14, false},
	})
	if c.Cut || c.ends != 0 || c.Accepted != 0 {
		t.Fatalf("cut %v, ends %d, accepted %d", c.Cut, c.ends, c.Accepted)
	}
}

func TestCutterEmptyMessageEndsAtOnce(t *testing.T) {
	c := newCutter(Plan{}, true)
	runSteps(t, c, []step{
		{c2s, "DATA\r\n", 6, false},
		{s2c, "354 go\r\n", 8, false},
		{c2s, ".\r\n", 3, false},
		{s2c, "250 ok\r\n", 8, false},
	})
	if c.ends != 1 || c.Accepted != 1 {
		t.Fatalf("ends %d, accepted %d", c.ends, c.Accepted)
	}
}

func TestCutterDotStuffedLineIsNotTheEnd(t *testing.T) {
	c := newCutter(Plan{}, true)
	runSteps(t, c, []step{
		{c2s, "DATA\r\n", 6, false},
		{s2c, "354 go\r\n", 8, false},
		{c2s, "line\r\n..\r\n.x\r\n", 14, false},
	})
	if c.ends != 0 || !c.inData {
		t.Fatalf("ends %d, in data %v", c.ends, c.inData)
	}
	runSteps(t, c, []step{{c2s, ".\r\n", 3, false}})
	if c.ends != 1 {
		t.Fatalf("ends %d", c.ends)
	}
}
