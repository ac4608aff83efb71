package mailsync

// The libraries this package is built on (see the README).
import (
	_ "github.com/emersion/go-imap/v2/imapclient"
	_ "github.com/emersion/go-message/charset"
	_ "github.com/emersion/go-message/mail"
	_ "github.com/k3a/html2text"
	_ "github.com/microcosm-cc/bluemonday"
	_ "github.com/wneessen/go-mail"
	_ "golang.org/x/text/encoding/simplifiedchinese"
)
