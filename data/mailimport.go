package data

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/textproto"
	"strings"
	"time"
)

// The types of a mail import, shared by intake (mailsync) and the store.

// FolderState is how far intake has read a mailbox folder.
type FolderState struct {
	UIDValidity uint32    `json:"uid_validity"`
	LastUID     uint32    `json:"last_uid"`
	LastSync    time.Time `json:"last_sync,omitzero"`
}

// MailLookup answers threading questions inside the import transaction, so a
// reply in the same batch as its first message still finds the new case.
type MailLookup interface {
	// CaseByMessageID is the case of a message (in or out) with this Message-ID.
	CaseByMessageID(messageID string) (uint64, bool)
	// CaseBySentID is the case of a message Casebook sent (or queued) with this
	// Message-ID: every id we send is remembered.
	CaseBySentID(messageID string) (uint64, bool)
	// CaseByNumber is the case with this number.
	CaseByNumber(number string) (uint64, bool)
	// CaseHasAddress reports whether addr is a participant of the case: its
	// customer, an address staff wrote to on it, or one that wrote to it
	// before in answer to a message Casebook sent.
	CaseHasAddress(caseID uint64, addr string) bool
	// MessageIDKey is the database's secret for the tag of our Message-IDs.
	MessageIDKey() []byte
	// RecentFrom lists the incoming messages from addr dated from since on, oldest first.
	RecentFrom(addr string, since time.Time) []Message
}

// IncomingMail is one fetched message, ready to store.
type IncomingMail struct {
	Message     Message           // everything but ID, CaseID, Outcome and RawSHA256
	Raw         []byte            // the bytes as fetched
	Attachments map[string][]byte // SHA-256 hex → bytes, for Message.Attachments
	NewCase     *NewCase          // the case to open if decide says so
	BounceOf    string            // Message-ID of our message this bounce reports, or ""
	BounceError string            // the bounce's reason
}

// Decision is what intake does with a message.
type Decision struct {
	Outcome  Outcome   // new-case, threaded, automatic or parked
	CaseID   uint64    // for threaded (and automatic mail that belongs to a case)
	Via      ThreadVia // how the case was found
	Mentions string    // a case number the message names but may not join
	Loop     int       // > 0: a probable mail loop of this many messages, held
}

// ImportResult tells what an import did, message by message.
type ImportResult struct {
	Outcomes []Outcome
	Messages []Message // as stored (duplicates: the earlier copy)
	NewCases []Case
	Acks     []Message // acknowledgements queued with the new cases
}

// contentFields are the header fields that make a message what it is; the
// trace fields a server adds on delivery (Received, Return-Path,
// Delivered-To, X-Original-To, authentication results…) are left out, so one
// message delivered twice (to two of the agency's aliases, say) hashes the same.
var contentFields = []string{"From", "Sender", "Reply-To", "To", "Cc", "Subject", "Date", "Message-Id",
	"In-Reply-To", "References", "Mime-Version", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition"}

// MailContentHash is the SHA-256 (hex) of a raw message's content: its
// content header fields (unfolded, white space collapsed) and its body (line
// ends and trailing white space normalised). A message whose header cannot
// be read hashes as its bytes.
func MailContentHash(raw []byte) string {
	h := sha256.New()
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(raw)))
	hdr, err := r.ReadMIMEHeader()
	if err != nil && len(hdr) == 0 {
		sum := sha256.Sum256(raw)
		return hex.EncodeToString(sum[:])
	}
	for _, k := range contentFields {
		for _, v := range hdr[k] {
			io.WriteString(h, k+": "+strings.Join(strings.Fields(v), " ")+"\n")
		}
	}
	io.WriteString(h, "\n")
	body, _ := io.ReadAll(r.R)
	lines := bytes.Split(bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n")), []byte("\n"))
	for len(lines) > 0 && len(bytes.TrimSpace(lines[len(lines)-1])) == 0 {
		lines = lines[:len(lines)-1]
	}
	for _, l := range lines {
		h.Write(bytes.TrimRight(l, " \t\r"))
		h.Write([]byte("\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}
