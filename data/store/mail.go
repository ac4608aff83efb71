package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// Mail buckets (schema 2).
var (
	bucketMessages = []byte("messages")      // id → compressed JSON data.Message
	bucketMsgIDs   = []byte("msg_ids")       // Message-ID → message id
	bucketMsgHash  = []byte("msg_hash")      // SHA-256 of the raw message → message id
	bucketBlobs    = []byte("blobs")         // SHA-256 hex → compressed bytes (raw mail, attachments)
	bucketFolders  = []byte("folders")       // folder name → JSON data.FolderState
	bucketCaseMsgs = []byte("idx_case_msgs") // case id(8) message id(8) → nil
	bucketOutbox   = []byte("outbox")        // message id → nil while an outgoing message waits
)

func migrateMail(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketMessages, bucketMsgIDs, bucketMsgHash, bucketBlobs,
		bucketFolders, bucketCaseMsgs, bucketOutbox} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	// Settings written before mail existed get the mail defaults.
	meta := tx.Bucket(bucketMeta)
	var st data.Settings
	if err := json.Unmarshal(meta.Get([]byte("settings")), &st); err != nil {
		return err
	}
	if st.Mail == (data.MailAccount{}) {
		st.Mail = data.DefaultMailAccount()
	}
	if st.MailRules == nil {
		st.MailRules = data.DefaultKeywordRules()
	}
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return meta.Put([]byte("settings"), raw)
}

// Folder returns the state of a folder; the zero state means never synced.
func (s *Store) Folder(ctx context.Context, name string) (data.FolderState, error) {
	var fs data.FolderState
	err := s.db.View(func(tx *bolt.Tx) error {
		if raw := tx.Bucket(bucketFolders).Get([]byte(name)); raw != nil {
			return json.Unmarshal(raw, &fs)
		}
		return nil
	})
	return fs, err
}

// ImportMail stores a batch of fetched messages and moves the folder's
// high-water mark, in one transaction: after a crash either all of the batch and
// the mark are there, or none. Messages already stored (same Message-ID, or the
// same bytes when there is none) count as duplicates. decide threads each
// message; ack, when not nil, may return an acknowledgement to queue for a new case.
func (s *Store) ImportMail(ctx context.Context, folder string, state data.FolderState, items []data.IncomingMail,
	decide func(data.MailLookup, *data.IncomingMail) (data.Decision, error),
	ack func(c data.Case, in *data.IncomingMail) (*data.Message, error)) (data.ImportResult, error) {
	if err := ctx.Err(); err != nil {
		return data.ImportResult{}, err
	}
	st := s.Settings()
	now := s.now()
	var res data.ImportResult
	var changed []*data.Case
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err := s.db.Update(func(tx *bolt.Tx) error {
		res = data.ImportResult{}
		changed = changed[:0]
		lk := &txLookup{tx: tx}
		for i := range items {
			in := &items[i]
			m, outcome, c, newCase, err := s.importOne(tx, lk, in, st, now, decide)
			if err != nil {
				return err
			}
			res.Outcomes = append(res.Outcomes, outcome)
			res.Messages = append(res.Messages, m)
			if c != nil {
				changed = append(changed, c)
			}
			if newCase && ack != nil && c != nil {
				res.NewCases = append(res.NewCases, *c)
				am, err := ack(*c, in)
				if err != nil {
					return err
				}
				if am != nil {
					queued, err := queueInTx(tx, c, nil, *am, "", now)
					if err != nil {
						return err
					}
					res.Acks = append(res.Acks, queued)
				}
			} else if newCase {
				res.NewCases = append(res.NewCases, *c)
			}
			if in.Message.UID > state.LastUID {
				state.LastUID = in.Message.UID
			}
		}
		if folder == "" { // not from a folder (a retried message without one)
			return nil
		}
		if cur := tx.Bucket(bucketFolders).Get([]byte(folder)); cur != nil {
			var old data.FolderState
			if json.Unmarshal(cur, &old) == nil && old.UIDValidity == state.UIDValidity && old.LastUID > state.LastUID {
				state.LastUID = old.LastUID // a retry of old mail never moves the mark back
			}
		}
		state.LastSync = now
		raw, err := json.Marshal(state)
		if err != nil {
			return err
		}
		return tx.Bucket(bucketFolders).Put([]byte(folder), raw)
	})
	if err != nil {
		return data.ImportResult{}, fmt.Errorf("import mail from %s: %w", folder, err)
	}
	rows := make([]*data.Row, 0, len(changed))
	for _, c := range changed {
		rows = append(rows, data.RowOf(c))
	}
	s.indexPut(rows...)
	if len(items) > 0 {
		s.outboxChanged() // acknowledgements queued, bounced messages failed
	}
	return res, nil
}

// importOne stores one message; it returns the case it created or changed.
func (s *Store) importOne(tx *bolt.Tx, lk *txLookup, in *data.IncomingMail, st data.Settings, now time.Time,
	decide func(data.MailLookup, *data.IncomingMail) (data.Decision, error)) (data.Message, data.Outcome, *data.Case, bool, error) {
	sum := sha256.Sum256(in.Raw)
	hash := hex.EncodeToString(sum[:])
	m := in.Message
	// Duplicates: same Message-ID among incoming mail, or the very same bytes.
	if id := tx.Bucket(bucketMsgHash).Get([]byte(hash)); id != nil {
		old, err := getMessageTx(tx, id)
		return old, data.OutcomeDuplicate, nil, false, err
	}
	if m.MessageID != "" {
		if id := tx.Bucket(bucketMsgIDs).Get([]byte(m.MessageID)); id != nil {
			old, err := getMessageTx(tx, id)
			if err != nil {
				return old, "", nil, false, err
			}
			if old.Direction == data.DirectionIn {
				return old, data.OutcomeDuplicate, nil, false, nil
			}
			// Our own message coming back (e.g. a Bcc or the Sent folder): record it apart.
			m.MessageID = ""
		}
	}
	d, err := decide(lk, in)
	if err != nil {
		return m, "", nil, false, err
	}
	m.Outcome = d.Outcome
	m.Direction = data.DirectionIn
	m.Status = data.MessageReceived
	m.RawSHA256 = hash
	m.CreatedAt = now
	if m.Date.IsZero() {
		m.Date = now
	}
	var c *data.Case
	newCase := false
	switch {
	case d.Outcome == data.OutcomeNewCase:
		if in.NewCase == nil {
			return m, "", nil, false, fmt.Errorf("new case without intake data")
		}
		nc := *in.NewCase
		if err := nc.Normalize(st, now); err != nil {
			// A mail that cannot make a valid case is kept, parked, with the reason.
			m.Outcome, m.ParseError = data.OutcomeParked, "cannot open a case: "+err.Error()
			break
		}
		created, err := createInTx(tx, &nc, st, now, nil)
		if err != nil {
			return m, "", nil, false, err
		}
		c, newCase = &created, true
	case d.CaseID != 0:
		existing, err := getCaseByIDTx(tx, u64(d.CaseID))
		if err != nil {
			return m, "", nil, false, err
		}
		c = &existing
	}
	if c != nil {
		m.CaseID = c.ID
	}
	// Bounce of one of our messages: that message failed, and the case says so.
	if in.BounceOf != "" {
		if err := markBounced(tx, in.BounceOf, in.BounceError, now, &c); err != nil {
			return m, "", nil, false, err
		}
		if c != nil {
			m.CaseID = c.ID
		}
	}
	id, err := tx.Bucket(bucketMessages).NextSequence()
	if err != nil {
		return m, "", nil, false, err
	}
	m.ID = id
	if err := putBlob(tx, hash, in.Raw); err != nil {
		return m, "", nil, false, err
	}
	for sha, b := range in.Attachments {
		if err := putBlob(tx, sha, b); err != nil {
			return m, "", nil, false, err
		}
	}
	if err := putMessage(tx, &m); err != nil {
		return m, "", nil, false, err
	}
	if err := tx.Bucket(bucketMsgHash).Put([]byte(hash), u64(id)); err != nil {
		return m, "", nil, false, err
	}
	if c != nil && m.Outcome != data.OutcomeAutomatic || c != nil && newCase {
		old := *c
		c.Timeline = append(slices.Clone(c.Timeline), data.Event{At: now, By: m.FromAddress, Type: data.EventMailIn,
			Args: map[string]string{data.ArgSubject: m.Subject}})
		if newCase {
			if err := putCase(tx, c, nil); err != nil {
				return m, "", nil, false, err
			}
		} else if err := putCase(tx, c, &old); err != nil {
			return m, "", nil, false, err
		}
	}
	return m, m.Outcome, c, newCase, nil
}

// markBounced fails our message with that Message-ID and notes it on its case.
func markBounced(tx *bolt.Tx, messageID, reason string, now time.Time, c **data.Case) error {
	id := tx.Bucket(bucketMsgIDs).Get([]byte(messageID))
	if id == nil {
		return nil
	}
	orig, err := getMessageTx(tx, id)
	if err != nil || orig.Direction != data.DirectionOut {
		return err
	}
	orig.Status = data.MessageFailed
	orig.Error = "bounced: " + reason
	tx.Bucket(bucketOutbox).Delete(u64(orig.ID))
	if err := putMessage(tx, &orig); err != nil {
		return err
	}
	if orig.CaseID == 0 {
		return nil
	}
	cs := *c
	if cs == nil || cs.ID != orig.CaseID {
		got, err := getCaseByIDTx(tx, u64(orig.CaseID))
		if err != nil {
			return err
		}
		cs = &got
	}
	old := *cs
	cs.Timeline = append(slices.Clone(cs.Timeline), data.Event{At: now, Type: data.EventMailBounced,
		Args: map[string]string{data.ArgSubject: orig.Subject, data.ArgError: reason}})
	if err := putCase(tx, cs, &old); err != nil {
		return err
	}
	*c = cs
	return nil
}

func putMessage(tx *bolt.Tx, m *data.Message) error {
	raw, err := encodeRecord(m)
	if err != nil {
		return err
	}
	b := tx.Bucket(bucketMessages)
	b.FillPercent = appendFill
	if err := b.Put(u64(m.ID), raw); err != nil {
		return err
	}
	if m.MessageID != "" {
		if err := tx.Bucket(bucketMsgIDs).Put([]byte(m.MessageID), u64(m.ID)); err != nil {
			return err
		}
	}
	if m.CaseID != 0 {
		if err := tx.Bucket(bucketCaseMsgs).Put(append(u64(m.CaseID), u64(m.ID)...), nil); err != nil {
			return err
		}
	}
	return nil
}

func getMessageTx(tx *bolt.Tx, id []byte) (data.Message, error) {
	var m data.Message
	raw := tx.Bucket(bucketMessages).Get(id)
	if raw == nil {
		return m, fmt.Errorf("message #%d: %w", binary.BigEndian.Uint64(id), data.ErrNotFound)
	}
	return m, decodeRecord(raw, &m)
}

// putBlob stores bytes under their hash once.
func putBlob(tx *bolt.Tx, sha string, b []byte) error {
	blobs := tx.Bucket(bucketBlobs)
	if blobs.Get([]byte(sha)) != nil {
		return nil
	}
	enc, err := encodeBlob(b)
	if err != nil {
		return err
	}
	return blobs.Put([]byte(sha), enc)
}

// Blob returns stored bytes: a raw message or an attachment.
func (s *Store) Blob(ctx context.Context, sha string) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketBlobs).Get([]byte(sha))
		if raw == nil {
			return fmt.Errorf("blob %s: %w", sha, data.ErrNotFound)
		}
		var err error
		out, err = decodeBlob(raw)
		return err
	})
	return out, err
}

// txLookup implements data.MailLookup on the import transaction.
type txLookup struct{ tx *bolt.Tx }

func (l *txLookup) CaseByMessageID(mid string) (uint64, bool) {
	id := l.tx.Bucket(bucketMsgIDs).Get([]byte(mid))
	if id == nil {
		return 0, false
	}
	m, err := getMessageTx(l.tx, id)
	if err != nil || m.CaseID == 0 {
		return 0, false
	}
	return m.CaseID, true
}

func (l *txLookup) CaseByNumber(number string) (uint64, bool) {
	id := l.tx.Bucket(bucketNumbers).Get([]byte(strings.ToUpper(strings.TrimSpace(number))))
	if id == nil {
		return 0, false
	}
	return binary.BigEndian.Uint64(id), true
}

func (l *txLookup) CaseHasAddress(caseID uint64, addr string) bool {
	addr = data.NormalizeEmail(addr)
	c, err := getCaseByIDTx(l.tx, u64(caseID))
	if err != nil {
		return false
	}
	if data.NormalizeEmail(c.Customer.Email) == addr {
		return true
	}
	prefix := u64(caseID)
	cur := l.tx.Bucket(bucketCaseMsgs).Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		m, err := getMessageTx(l.tx, k[8:])
		if err == nil && (m.FromAddress == addr || slices.ContainsFunc(m.To, func(t string) bool {
			return strings.Contains(strings.ToLower(t), addr)
		})) {
			return true
		}
	}
	return false
}

// RetryParked reads parked messages again (after an update of the parser, say):
// reparse turns the stored bytes into an incoming message; those that now read
// are imported in place of their parked copy, in one transaction each.
func (s *Store) RetryParked(ctx context.Context, reparse func(raw []byte, old data.Message) data.IncomingMail,
	decide func(data.MailLookup, *data.IncomingMail) (data.Decision, error),
	ack func(c data.Case, in *data.IncomingMail) (*data.Message, error)) (retried, stillParked int, err error) {
	parked, err := s.MailLog(ctx, data.DirectionIn, 0)
	if err != nil {
		return 0, 0, err
	}
	for _, e := range parked {
		if e.Outcome != data.OutcomeParked {
			continue
		}
		raw, err := s.Blob(ctx, e.RawSHA256)
		if err != nil {
			return retried, stillParked, err
		}
		in := reparse(raw, e.Message)
		if in.Message.ParseError != "" {
			stillParked++
			continue
		}
		if err := s.forgetMessage(e.Message); err != nil {
			return retried, stillParked, err
		}
		if _, err := s.ImportMail(ctx, e.Folder, data.FolderState{UIDValidity: e.UIDValidity}, []data.IncomingMail{in}, decide, ack); err != nil {
			return retried, stillParked, err
		}
		retried++
	}
	return retried, stillParked, nil
}

// forgetMessage removes a parked message's record and index entries; its bytes stay.
func (s *Store) forgetMessage(m data.Message) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.db.Update(func(tx *bolt.Tx) error {
		id := u64(m.ID)
		if err := tx.Bucket(bucketMessages).Delete(id); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMsgHash).Delete([]byte(m.RawSHA256)); err != nil {
			return err
		}
		if m.MessageID != "" {
			if cur := tx.Bucket(bucketMsgIDs).Get([]byte(m.MessageID)); bytes.Equal(cur, id) {
				if err := tx.Bucket(bucketMsgIDs).Delete([]byte(m.MessageID)); err != nil {
					return err
				}
			}
		}
		if m.CaseID != 0 {
			return tx.Bucket(bucketCaseMsgs).Delete(append(u64(m.CaseID), id...))
		}
		return nil
	})
}
