package mailsync

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"casebook/data"
)

// Address is a mailbox: a display name and a lower-cased address.
type Address struct {
	Name    string
	Address string
}

// String formats the address for display: "Name <addr>" or "addr".
func (a Address) String() string {
	if a.Name == "" {
		return a.Address
	}
	return a.Name + " <" + a.Address + ">"
}

// Parsed is an e-mail read into what Casebook needs. Parse fills it.
type Parsed struct {
	MessageID  string   // without angle brackets; "" when the mail has none
	InReplyTo  string   // first id of In-Reply-To, without brackets
	References []string // oldest first, without brackets
	From       Address
	To, Cc     []Address
	ReplyTo    []Address
	Subject    string // decoded
	Date       time.Time

	Text string // plain text: the text/plain part, else the HTML converted to text
	HTML string // the HTML part sanitised for display, or ""

	Attachments []ParsedAttachment

	// Automatic mail is recorded but never answered; AutoReason says which header or sender showed it.
	Automatic  bool
	AutoReason string

	// Bounce is set for a delivery-status report (or a recognisable bounce) of a message.
	Bounce *Bounce

	// Warnings say what of the message was not read: too many parts, too
	// deep a nesting, too large. What could be read is above.
	Warnings []data.MailWarning
}

// ParsedAttachment is a file part of a message (or an inline image).
type ParsedAttachment struct {
	Name        string // decoded file name; a generated one when the part has none
	ContentType string // e.g. "image/jpeg"
	ContentID   string // without brackets, for inline parts
	Inline      bool
	Data        []byte
}

// Bounce describes a delivery failure of one of our messages.
type Bounce struct {
	OriginalMessageID string // the Message-ID of the failed message, without brackets, if found
	Recipient         string // the address that failed, if found
	Reason            string // the diagnostic, e.g. "550 5.1.1 user unknown"
	Permanent         bool   // 5.x.x (or "failed") rather than 4.x.x ("delayed")
}

// ExtractAttachment cuts the attachment whose bytes have the SHA-256 sha
// (hex) out of a raw message: large attachments are stored only inside the
// message that brought them, and read back through this.
func ExtractAttachment(raw []byte, sha string) ([]byte, error) {
	p, err := Parse(raw)
	if err != nil {
		return nil, err
	}
	for _, a := range p.Attachments {
		sum := sha256.Sum256(a.Data)
		if hex.EncodeToString(sum[:]) == sha {
			return a.Data, nil
		}
	}
	return nil, fmt.Errorf("attachment %s: not in its message: %w", sha, data.ErrNotFound)
}
