package service

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"casebook/data"
	"casebook/mailsync"
)

func TestServerErrorNamesTheCause(t *testing.T) {
	cases := []struct {
		err   error
		cause error
	}{
		{fmt.Errorf("login: %w: NO", mailsync.ErrIMAPAuth), data.ErrMailAuth},
		{fmt.Errorf("smtp x: %w (535)", mailsync.ErrAuth), data.ErrMailAuth},
		{fmt.Errorf("smtp x: %w", mailsync.ErrCertificate), data.ErrMailCertificate},
		{fmt.Errorf("list: %w", mailsync.ErrTimeout), data.ErrMailTimeout},
		{errors.New("imap: NO [NONEXISTENT] no such folder"), data.ErrMailboxNotFound},
		{errors.New("something else"), nil},
	}
	for _, c := range cases {
		err := serverError("IMAP", "imap.example.com", c.err)
		if !strings.HasPrefix(err.Error(), "IMAP: ") || !errors.Is(err, c.err) {
			t.Errorf("%v: %q does not keep the error", c.err, err)
		}
		for _, s := range []error{data.ErrMailAuth, data.ErrMailCertificate, data.ErrMailTimeout, data.ErrMailboxNotFound} {
			if errors.Is(err, s) != (s == c.cause) {
				t.Errorf("%v: errors.Is(%v) = %v", c.err, s, errors.Is(err, s))
			}
		}
	}
}
