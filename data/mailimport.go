package data

import "time"

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
	// CaseByNumber is the case with this number.
	CaseByNumber(number string) (uint64, bool)
	// CaseHasAddress reports whether addr is the case's customer or wrote to it before.
	CaseHasAddress(caseID uint64, addr string) bool
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
	Outcome Outcome // new-case, threaded, automatic or parked
	CaseID  uint64  // for threaded (and automatic mail that belongs to a case)
}

// ImportResult tells what an import did, message by message.
type ImportResult struct {
	Outcomes []Outcome
	Messages []Message // as stored (duplicates: the earlier copy)
	NewCases []Case
	Acks     []Message // acknowledgements queued with the new cases
}
