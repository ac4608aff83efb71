package data

import (
	"fmt"
	"strings"
	"time"
)

// Direction says whether a message came in or went out.
type Direction string

const (
	DirectionIn  Direction = "in"
	DirectionOut Direction = "out"
)

// MessageStatus is where a message stands; incoming mail is always "received".
//
// An outgoing message goes queued → sending → sent (or back to queued after a
// temporary failure, or failed). "sending" is written to disk before the
// message's SMTP transaction starts and replaced the moment the server
// answers its data. A message whose data was sent but whose answer never came
// (the connection cut or timing out after the final dot, or Casebook stopped
// while it was "sending") is "uncertain": the customer may have it. It is
// never resent on its own: it is looked for in the Sent folder, and staff
// decide (send again with the same Message-ID, or mark it sent).
type MessageStatus string

const (
	MessageReceived  MessageStatus = "received"
	MessageQueued    MessageStatus = "queued"
	MessageSending   MessageStatus = "sending"
	MessageSent      MessageStatus = "sent"
	MessageFailed    MessageStatus = "failed"
	MessageUncertain MessageStatus = "uncertain"
)

// ErrNotUncertain refuses to resend, or to mark as sent, a message that is not
// waiting for that decision (it was sent, is queued, or was settled meanwhile).
var ErrNotUncertain = fmt.Errorf("%w: the message is not waiting for a decision whether it was delivered", ErrInvalid)

// Settlement is how an uncertain message was settled.
type Settlement struct {
	Resend bool   // queue it again, with the same Message-ID
	By     string // the staff member who decided; "" when Casebook found it
	Folder string // the folder it was found in (then it was delivered)
}

// Outcome is what intake did with an incoming message.
type Outcome string

const (
	OutcomeNewCase   Outcome = "new-case"
	OutcomeThreaded  Outcome = "threaded"
	OutcomeAutomatic Outcome = "automatic"
	OutcomeDuplicate Outcome = "duplicate"
	OutcomeParked    Outcome = "parked"
)

// Attachment is a file that came with or goes with a message. Its bytes are
// stored once, under their SHA-256.
type Attachment struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	Inline      bool   `json:"inline,omitzero"`
	ContentID   string `json:"content_id,omitzero"`
}

// Codes of MailWarning: what of an incoming message Casebook did not read.
const (
	MailWarnTooManyParts = "too_many_parts" // more parts than intake reads
	MailWarnTooDeep      = "too_deep"       // multiparts nested deeper than intake reads
	MailWarnTooLarge     = "too_large"      // parts beyond the total size intake keeps
)

// MailWarning says that part of an incoming message was not read, so the
// conversation shows it instead of silently showing less. The original
// message is always kept whole.
type MailWarning struct {
	Code  string `json:"code"`           // MailWarn…
	Count int    `json:"count,omitzero"` // parts not read (too_many_parts, too_large)
	Total int    `json:"total,omitzero"` // parts in the message, as far as counted
	Limit int    `json:"limit,omitzero"` // the limit: parts, levels, or megabytes
}

// Attempt is one try to send an outgoing message.
type Attempt struct {
	At        time.Time `json:"at"`
	Error     string    `json:"error,omitzero"`
	Permanent bool      `json:"permanent,omitzero"` // a 5xx: retrying will not help
	Uncertain bool      `json:"uncertain,omitzero"` // the data went out but the server's answer did not come back
}

// Message is one e-mail, in or out, with the case it belongs to (0: none).
type Message struct {
	ID          uint64        `json:"id"`
	CaseID      uint64        `json:"case_id,omitzero"`
	Direction   Direction     `json:"direction"`
	MessageID   string        `json:"message_id"` // without angle brackets
	InReplyTo   string        `json:"in_reply_to,omitzero"`
	References  []string      `json:"references,omitzero"`
	From        string        `json:"from"`      // display form, "Name <addr>"
	FromAddress string        `json:"from_addr"` // lower-case address
	To          []string      `json:"to,omitzero"`
	Cc          []string      `json:"cc,omitzero"`
	Subject     string        `json:"subject"`
	Date        time.Time     `json:"date"`
	Text        string        `json:"text"`          // plain text, for reading, search and quoting
	HTML        string        `json:"html,omitzero"` // sanitised HTML, for display
	Automatic   bool          `json:"automatic,omitzero"`
	AutoReason  string        `json:"auto_reason,omitzero"`
	Attachments []Attachment  `json:"attachments,omitzero"`
	RawSHA256   string        `json:"raw_sha256,omitzero"` // the original bytes, in the blob store
	Folder      string        `json:"folder,omitzero"`
	UIDValidity uint32        `json:"uid_validity,omitzero"`
	UID         uint32        `json:"uid,omitzero"`
	Outcome     Outcome       `json:"outcome,omitzero"`
	ParseError  string        `json:"parse_error,omitzero"` // why a parked message could not be read
	Warnings    []MailWarning `json:"warnings,omitzero"`    // what of the message was not read (MIME limits)
	Status      MessageStatus `json:"status"`
	Attempts    []Attempt     `json:"attempts,omitzero"`
	NextAttempt time.Time     `json:"next_attempt,omitzero"`
	SendingAt   time.Time     `json:"sending_at,omitzero"` // when the current (or last) SMTP transaction began
	Error       string        `json:"error,omitzero"`      // last error of an outgoing message, or a bounce reason
	Template    string        `json:"template,omitzero"`
	CreatedAt   time.Time     `json:"created_at"`
	SentAt      time.Time     `json:"sent_at,omitzero"`

	// ContentSHA256 is MailContentHash of the raw message: the same Message-ID
	// with the same content is a duplicate, with other content a new message.
	ContentSHA256 string `json:"content_sha256,omitzero"`
	// ReusedMessageID marks an incoming message whose Message-ID an earlier,
	// different message already had: kept, never dropped as a duplicate.
	ReusedMessageID bool `json:"reused_message_id,omitzero"`
	// ThreadedBy says what put an incoming message on its case (ThreadVia…).
	ThreadedBy ThreadVia `json:"threaded_by,omitzero"`
	// Loop marks a probable mail loop: held for staff, never answered.
	Loop bool `json:"loop,omitzero"`
	// Mentions is the number of another case the message names but was not
	// allowed to join (a stranger quoting a case number).
	Mentions string `json:"mentions,omitzero"`
}

// ThreadVia is how intake found an incoming message's case.
type ThreadVia string

const (
	// ThreadViaOurID: In-Reply-To or References name a Message-ID Casebook
	// sent (its tag verified, or remembered).
	ThreadViaOurID ThreadVia = "our-message-id"
	// ThreadViaReference: they name a message the case already holds.
	ThreadViaReference ThreadVia = "reference"
	// ThreadViaParticipant: a case number in the body or subject, from a
	// participant of that case.
	ThreadViaParticipant ThreadVia = "participant"
)

// MailAccount is the agency's mailbox. The password is not here: it lives in
// the OS keyring or CASEBOOK_MAIL_PASSWORD.
type MailAccount struct {
	IMAPHost     string `json:"imap_host"`
	IMAPPort     int    `json:"imap_port"`
	IMAPSecurity string `json:"imap_security"` // tls, starttls or none
	SMTPHost     string `json:"smtp_host"`
	SMTPPort     int    `json:"smtp_port"`
	SMTPSecurity string `json:"smtp_security"`
	Username     string `json:"username"`
	Address      string `json:"address"` // the agency's From address
	DisplayName  string `json:"display_name"`
	Folder       string `json:"folder"`           // default INBOX
	CAFile       string `json:"ca_file"`          // PEM of a private CA to trust, or ""
	InitialDays  int    `json:"initial_days"`     // how far back the first sync reaches (default 14)
	AutoAck      bool   `json:"auto_acknowledge"` // acknowledge new cases from people (default on)
	SentFolder   string `json:"sent_folder"`      // copy sent mail there, or "" for no copy
	SyncMinutes  int    `json:"sync_minutes"`     // how often the worker syncs (default 5)
	// Aliases are further addresses of the agency: mail from them never opens
	// a case and is never acknowledged.
	Aliases []string `json:"aliases,omitzero"`
	// AckHours is the least time between two acknowledgements to one address
	// (RFC 3834); 0 means DefaultAckHours.
	AckHours int `json:"ack_interval_hours,omitzero"`
}

// DefaultAckHours is how long after one acknowledgement an address gets none.
const DefaultAckHours = 24

// AckInterval is the least time between two acknowledgements to one address.
func (a MailAccount) AckInterval() time.Duration {
	if a.AckHours <= 0 {
		return DefaultAckHours * time.Hour
	}
	return time.Duration(a.AckHours) * time.Hour
}

// IsOwn reports whether addr is one of the agency's own addresses: the
// account's From address, its user name when that is an address, or an alias.
func (a MailAccount) IsOwn(addr string) bool {
	addr = NormalizeEmail(addr)
	if addr == "" {
		return false
	}
	for _, own := range append([]string{a.Address, a.Username}, a.Aliases...) {
		if own = NormalizeEmail(own); own != "" && strings.Contains(own, "@") && own == addr {
			return true
		}
	}
	return false
}

// IsZero reports whether no account field is set (a database from before mail).
func (a MailAccount) IsZero() bool {
	return a.IMAPHost == "" && a.IMAPPort == 0 && a.IMAPSecurity == "" && a.SMTPHost == "" && a.SMTPPort == 0 &&
		a.SMTPSecurity == "" && a.Username == "" && a.Address == "" && a.DisplayName == "" && a.Folder == "" &&
		a.CAFile == "" && a.InitialDays == 0 && !a.AutoAck && a.SentFolder == "" && a.SyncMinutes == 0 &&
		len(a.Aliases) == 0 && a.AckHours == 0
}

// DefaultMailAccount has the defaults but no server.
func DefaultMailAccount() MailAccount {
	return MailAccount{Folder: "INBOX", InitialDays: 14, AutoAck: true, SyncMinutes: 5, AckHours: DefaultAckHours,
		IMAPSecurity: "tls", IMAPPort: 993, SMTPSecurity: "tls", SMTPPort: 465}
}

// Validate checks an account before it is saved.
func (a MailAccount) Validate() error {
	for _, alias := range a.Aliases {
		if err := ValidateEmail(alias); err != nil || alias == "" {
			return fieldErr("mail", "the alias %q is not an e-mail address", alias)
		}
	}
	if a.AckHours < 0 {
		return fieldErr("mail", "days, hours and minutes must not be negative")
	}
	if a.IMAPHost == "" && a.SMTPHost == "" && a.Username == "" && a.Address == "" {
		return nil // no account yet
	}
	for _, sec := range []string{a.IMAPSecurity, a.SMTPSecurity} {
		if sec != "tls" && sec != "starttls" && sec != "none" {
			return fieldErr("mail", "security %q must be tls, starttls or none", sec)
		}
	}
	if a.IMAPPort <= 0 || a.IMAPPort > 65535 || a.SMTPPort <= 0 || a.SMTPPort > 65535 {
		return fieldErr("mail", "ports must be between 1 and 65535")
	}
	if a.IMAPHost == "" || a.SMTPHost == "" || a.Username == "" {
		return fieldErr("mail", "IMAP host, SMTP host and user name are all needed")
	}
	if err := ValidateEmail(a.Address); err != nil || a.Address == "" {
		return fieldErr("mail", "the From address %q is not an e-mail address", a.Address)
	}
	if a.InitialDays < 0 || a.SyncMinutes < 0 || a.AckHours < 0 {
		return fieldErr("mail", "days, hours and minutes must not be negative")
	}

	return nil
}

// Configured reports whether intake and sending can run.
func (a MailAccount) Configured() bool {
	return a.IMAPHost != "" && a.SMTPHost != "" && a.Username != "" && a.Address != ""
}

// MailLogEntry is a message with the number of its case, for the mail log.
type MailLogEntry struct {
	Message
	CaseNumber string
}
