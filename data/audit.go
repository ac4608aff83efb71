package data

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// The audit chain: every committed change appends an AuditEntry that carries
// the SHA-256 of the previous entry, so altering, removing or reordering any
// entry (or the records they describe) shows.

// AuditKind says what an audit entry records.
type AuditKind string

const (
	AuditGenesis     AuditKind = "genesis"         // the chain's first entry; What: AuditNew or AuditBuilt
	AuditEvent       AuditKind = "case_event"      // events were added to a case's timeline; What: their types
	AuditCase        AuditKind = "case"            // a case was written without a new event
	AuditMessageIn   AuditKind = "message_in"      // an incoming message was stored or changed; What: its status
	AuditMessageOut  AuditKind = "message_out"     // an outgoing message was stored or changed; What: its status
	AuditMessageGone AuditKind = "message_removed" // a parked message's record was removed, to be imported again
	AuditSettings    AuditKind = "settings"        // the settings changed
	AuditStaff       AuditKind = "staff"           // the staff list changed
	AuditAnonymised  AuditKind = "anonymised"      // a case's personal data was erased: its earlier personal digests no longer match

	// Actions that change no record but must be provable afterwards; they
	// carry no State, so verification of the records ignores them.
	AuditSignIn       AuditKind = "sign_in"        // a staff member signed in; What: how ("pin", "cli")
	AuditSignOut      AuditKind = "sign_out"       // a staff member signed out or the window locked; What: why
	AuditSignInFailed AuditKind = "sign_in_failed" // a wrong PIN or password; What: the tries in a row
	AuditPINSet       AuditKind = "pin_set"        // a PIN or password was set or reset; What: whose
	AuditPrint        AuditKind = "print"          // personal data left as a document; What: which (letter kind, archive)
	AuditExport       AuditKind = "export"         // a customer's data was exported; What: the customer's reference, or "cases:FORMAT:N" for N case rows
	AuditBackup       AuditKind = "backup"         // a backup was written and checked; What: its file name
	AuditRestore      AuditKind = "restore"        // the database was replaced by a backup; What: the backup's head
	AuditCompact      AuditKind = "compact"        // the file was compacted; What: sizes before and after
)

// AuditAction is a recorded action that changes no record (see the kinds
// from AuditSignIn on): who did what, optionally on which case.
type AuditAction struct {
	Kind   AuditKind
	By     string
	What   string
	CaseID uint64
	Number string
}

// What a genesis entry says about where the chain starts.
const (
	AuditNew   = "new database"
	AuditBuilt = "built from the existing data"
)

// AuditEntry is one link of the audit chain. Content is the SHA-256 of the
// change's canonical content without personal data; Personal the SHA-256 of
// Salt followed by the personal data (customer name, phone, e-mail, WeChat,
// message bodies, free texts). Salt is not part of Hash: anonymisation erases
// it together with the personal data, and the chain stays intact.
type AuditEntry struct {
	Seq      uint64    `json:"seq"`
	At       time.Time `json:"at"`
	By       string    `json:"by,omitempty"`
	Counter  string    `json:"counter,omitempty"`
	Kind     AuditKind `json:"kind"`
	CaseID   uint64    `json:"case_id,omitempty"`
	Number   string    `json:"number,omitempty"`
	Ref      uint64    `json:"ref,omitempty"`    // a message's id
	What     string    `json:"what,omitempty"`   // the events' types (comma-separated), the message status, …
	Events   int       `json:"events,omitempty"` // how many timeline events this change added to its case
	Content  string    `json:"content"`
	Personal string    `json:"personal,omitempty"`
	State    string    `json:"state,omitempty"` // the record as stored after the change
	Prev     string    `json:"prev,omitempty"`
	Hash     string    `json:"hash,omitempty"`
	Salt     string    `json:"salt,omitempty"`
}

// Canonical is the entry's canonical content: its JSON without Prev, Hash
// and Salt.
func (e AuditEntry) Canonical() []byte {
	e.Prev, e.Hash, e.Salt = "", "", ""
	b, err := json.Marshal(e)
	if err != nil { // cannot happen: plain fields only
		panic(err)
	}
	return b
}

// ComputeHash is the entry's own hash: SHA-256 over the previous entry's
// hash (32 bytes; none for the first entry) followed by Canonical.
func (e AuditEntry) ComputeHash() string { return ChainHash(e.Prev, e.Canonical()) }

// ChainHash is SHA-256 over prev (hex, decoded) and canonical.
func ChainHash(prev string, canonical []byte) string {
	p, _ := hex.DecodeString(prev)
	h := sha256.New()
	h.Write(p)
	h.Write(canonical)
	return hex.EncodeToString(h.Sum(nil))
}

// Digest is the lower-case hex SHA-256 of b.
func Digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Head16 is the first 16 hex digits of a chain head, as printed on documents.
func Head16(hash string) string {
	if len(hash) > 16 {
		return hash[:16]
	}
	return hash
}

// AuditBy is who an audit entry names as having acted: a staff member's
// name; "" for an e-mail address (the customer's, on mail they sent), which
// is personal data and enters the chain only through the personal digest.
func AuditBy(by string) string {
	if strings.Contains(by, "@") {
		return ""
	}
	return by
}

// personalArgs are event arguments that may name or quote the customer.
var personalArgs = map[string]bool{ArgSubject: true, ArgTo: true, "from": true, "name": true, "error": true}

type eventPublic struct {
	At   time.Time         `json:"at"`
	By   string            `json:"by,omitempty"`
	Type EventType         `json:"type"`
	Args map[string]string `json:"args,omitempty"`
	Keys []string          `json:"personal_keys,omitempty"`
	Old  string            `json:"old,omitempty"`
	New  string            `json:"new,omitempty"`
}

type eventPersonal struct {
	By   string            `json:"by,omitempty"` // a customer's address, for mail they sent
	Text string            `json:"text,omitempty"`
	Args map[string]string `json:"args,omitempty"`
	Old  string            `json:"old,omitempty"`
	New  string            `json:"new,omitempty"`
}

// EventDigests splits the events one change added to a case into their
// public content and their personal part and returns the digests of each
// (the personal one salted; "" when the events hold nothing personal).
func EventDigests(evs []Event, salt []byte) (content, personal string) {
	pubs := make([]eventPublic, len(evs))
	pers := make([]eventPersonal, len(evs))
	anyPersonal := false
	for i, ev := range evs {
		pub := eventPublic{At: ev.At.UTC(), By: AuditBy(ev.By), Type: ev.Type}
		var per eventPersonal
		per.Text = ev.Note
		if pub.By != ev.By {
			per.By = ev.By
		}
		for k, v := range ev.Args {
			if personalArgs[k] {
				if per.Args == nil {
					per.Args = map[string]string{}
				}
				per.Args[k] = v
				pub.Keys = append(pub.Keys, k)
				continue
			}
			if pub.Args == nil {
				pub.Args = map[string]string{}
			}
			pub.Args[k] = v
		}
		if ev.Type == EventEdited {
			per.Old, per.New = ev.Old, ev.New // a corrected field may be the customer's phone
		} else {
			pub.Old, pub.New = ev.Old, ev.New
		}
		sortStrings(pub.Keys)
		if per.By != "" || per.Text != "" || per.Args != nil || per.Old != "" || per.New != "" {
			anyPersonal = true
		}
		pubs[i], pers[i] = pub, per
	}
	b, _ := json.Marshal(pubs)
	content = Digest(b)
	if !anyPersonal {
		return content, ""
	}
	pb, _ := json.Marshal(pers)
	return content, Digest(append(append([]byte(nil), salt...), pb...))
}

type messagePublic struct {
	ID          uint64        `json:"id"`
	CaseID      uint64        `json:"case_id,omitempty"`
	Direction   Direction     `json:"direction"`
	Status      MessageStatus `json:"status"`
	Date        time.Time     `json:"date"`
	CreatedAt   time.Time     `json:"created_at"`
	SentAt      time.Time     `json:"sent_at,omitzero"`
	Attempts    int           `json:"attempts,omitempty"`
	Attachments []string      `json:"attachments,omitempty"` // their SHA-256s
	Raw         string        `json:"raw,omitempty"`
}

type messagePersonal struct {
	MessageID string   `json:"message_id,omitempty"`
	From      string   `json:"from,omitempty"`
	To        []string `json:"to,omitempty"`
	Cc        []string `json:"cc,omitempty"`
	Subject   string   `json:"subject,omitempty"`
	Text      string   `json:"text,omitempty"`
	HTML      string   `json:"html,omitempty"`
	Names     []string `json:"names,omitempty"`
}

// MessageDigests is EventDigests for a stored message.
func MessageDigests(m *Message, salt []byte) (content, personal string) {
	pub := messagePublic{ID: m.ID, CaseID: m.CaseID, Direction: m.Direction, Status: m.Status,
		Date: m.Date.UTC(), CreatedAt: m.CreatedAt.UTC(), SentAt: m.SentAt.UTC(), Attempts: len(m.Attempts), Raw: m.RawSHA256}
	per := messagePersonal{MessageID: m.MessageID, From: m.From, To: m.To, Cc: m.Cc, Subject: m.Subject, Text: m.Text, HTML: m.HTML}
	for _, a := range m.Attachments {
		pub.Attachments = append(pub.Attachments, a.SHA256)
		per.Names = append(per.Names, a.Name)
	}
	b, _ := json.Marshal(pub)
	pb, _ := json.Marshal(per)
	return Digest(b), Digest(append(append([]byte(nil), salt...), pb...))
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// AuditBreak is why verification stopped.
type AuditBreak string

const (
	AuditBrokenLink    AuditBreak = "link"          // an entry does not follow the one before it
	AuditBrokenHash    AuditBreak = "hash"          // an entry's content does not match its own hash
	AuditBrokenEvent   AuditBreak = "event"         // a case's event differs from the one the chain recorded (altered or reordered)
	AuditMissingEvent  AuditBreak = "missing_event" // the chain recorded an event the case no longer has
	AuditExtraEvent    AuditBreak = "extra_event"   // the case has an event the chain never recorded
	AuditBrokenState   AuditBreak = "state"         // the stored record differs from the one last recorded
	AuditMissingRecord AuditBreak = "missing"       // a record the chain recorded is gone
	AuditUnreadable    AuditBreak = "unreadable"    // a stored record or entry cannot be read
)

// AuditBrokenError is the first place where the audit chain and the data
// disagree: the case (or record) and the time of the entry concerned.
type AuditBrokenError struct {
	Why    AuditBreak
	Seq    uint64
	Number string // the case's number; "" when the entry belongs to none
	Ref    uint64 // a message's id, for messages
	At     time.Time
	Detail string
}

func (e *AuditBrokenError) Error() string {
	where := fmt.Sprintf("entry %d", e.Seq)
	if e.Number != "" {
		where = "case " + e.Number + ", " + where
	} else if e.Ref != 0 {
		where = fmt.Sprintf("message #%d, %s", e.Ref, where)
	}
	s := fmt.Sprintf("audit chain broken at %s (%s): %s", where, e.At.UTC().Format(time.RFC3339), e.Why)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// AuditSummary is what a successful verification found.
type AuditSummary struct {
	Entries uint64
	Head    string // the last entry's hash
	Cases   int
}

// AuditEvents pairs a case's audit entries (oldest first) with the timeline
// events each one recorded: entries[i]'s events are the result's [i] (none
// for entries that added no event, or beyond the timeline's end).
func AuditEvents(entries []AuditEntry, timeline []Event) [][]Event {
	out := make([][]Event, len(entries))
	from := 0
	for i, e := range entries {
		if e.Kind != AuditEvent || e.Events <= 0 {
			continue
		}
		to := min(from+e.Events, len(timeline))
		out[i] = timeline[min(from, to):to]
		from += e.Events
	}
	return out
}
