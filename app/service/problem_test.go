package service

import (
	"context"
	"fmt"
	"net"
	"testing"
	"time"

	"casebook/data"
	"casebook/mailsync"
)

func TestMailProblemsAreSorted(t *testing.T) {
	dnsErr := &net.DNSError{Err: "no such host", Name: "imap.example.invalid", IsNotFound: true} // no real lookup
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	_, refused := net.DialTimeout("tcp", addr, time.Second)
	for _, tc := range []struct {
		err  error
		want data.Problem
	}{
		{nil, data.ProblemNone},
		{fmt.Errorf("log in: %w", mailsync.ErrIMAPAuth), data.ProblemAuth},
		{fmt.Errorf("send: %w", mailsync.ErrAuth), data.ProblemAuth},
		{ErrNoPassword, data.ProblemPassword},
		{fmt.Errorf("fetch: %w", mailsync.ErrTimeout), data.ProblemTimeout},
		{fmt.Errorf("connect: %w", dnsErr), data.ProblemOffline},
		{fmt.Errorf("connect: %w", refused), data.ProblemOffline},
		{context.Canceled, data.ProblemOther},
	} {
		if got := Problem(tc.err); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.err, got, tc.want)
		}
	}
}
