package mailsync

// In-process servers for the fast mail tests.
import (
	_ "github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	_ "github.com/emersion/go-smtp"
)
