package main

import (
	"context"
	"fmt"
	"net"
	"testing"
	"time"

	"casebook/mailsync"
	"casebook/ui"
)

func TestMailProblemsAreSorted(t *testing.T) {
	dnsErr := &net.DNSError{Err: "no such host", Name: "imap.example.invalid", IsNotFound: true} // no real lookup
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	_, refused := net.DialTimeout("tcp", addr, time.Second)
	for _, tc := range []struct {
		err  error
		want ui.Problem
	}{
		{nil, ui.ProblemNone},
		{fmt.Errorf("log in: %w", mailsync.ErrIMAPAuth), ui.ProblemAuth},
		{fmt.Errorf("send: %w", mailsync.ErrAuth), ui.ProblemAuth},
		{errNoPassword, ui.ProblemPassword},
		{fmt.Errorf("fetch: %w", mailsync.ErrTimeout), ui.ProblemTimeout},
		{fmt.Errorf("connect: %w", dnsErr), ui.ProblemOffline},
		{fmt.Errorf("connect: %w", refused), ui.ProblemOffline},
		{context.Canceled, ui.ProblemOther},
	} {
		if got := mailProblem(tc.err); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.err, got, tc.want)
		}
	}
}
