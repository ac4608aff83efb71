package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
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
	bucketBlobSrc  = []byte("blob_src")      // SHA-256 hex of a large attachment → SHA-256 hex of the raw mail holding it
	bucketFolders  = []byte("folders")       // folder name → JSON data.FolderState
	bucketCaseMsgs = []byte("idx_case_msgs") // case id(8) message id(8) → nil
	bucketOutbox   = []byte("outbox")        // message id → nil while an outgoing message waits

	// Added after schema 3, created when first written (readers allow their absence).
	bucketMsgContent = []byte("msg_content") // data.MailContentHash → message id (the first with that content)
	bucketFromIdx    = []byte("idx_from")    // sender address 0x00 date(8) message id(8) → nil, incoming mail
	bucketAckSent    = []byte("ack_sent")    // address → time(8) of the last acknowledgement queued to it
)

// metaMsgIDKey is the meta key of the secret that tags our Message-IDs. It
// is made once, when first needed, and never leaves the database file.
var metaMsgIDKey = []byte("msgid_key")

// MessageIDKey returns the database's secret for tagging Message-IDs
// (mailsync.SignedMessageID), making it on first use.
func (s *Store) MessageIDKey(ctx context.Context) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var key []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		key = bytes.Clone(tx.Bucket(bucketMeta).Get(metaMsgIDKey))
		return nil
	})
	if err != nil || len(key) > 0 {
		return key, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err = s.db.Update(func(tx *bolt.Tx) error {
		var err error
		key, err = msgIDKeyTx(tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("message id key: %w", err)
	}
	return key, nil
}

// msgIDKeyTx reads the secret, making it when tx may write and there is none.
func msgIDKeyTx(tx *bolt.Tx) ([]byte, error) {
	meta := tx.Bucket(bucketMeta)
	if k := meta.Get(metaMsgIDKey); len(k) > 0 {
		return bytes.Clone(k), nil
	}
	if !tx.Writable() {
		return nil, nil
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	return key, meta.Put(metaMsgIDKey, key)
}

// laterBucket returns a bucket added after schema 3: created in a writable
// transaction, nil in a read-only one of an older file.
func laterBucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	if b := tx.Bucket(name); b != nil || !tx.Writable() {
		return b, nil
	}
	return tx.CreateBucket(name)
}

func migrateMail(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketMessages, bucketMsgIDs, bucketMsgHash, bucketBlobs,
		bucketFolders, bucketCaseMsgs, bucketOutbox, bucketMsgContent, bucketFromIdx, bucketAckSent} {
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
	if st.Mail.IsZero() {
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
				ok, err := mayAcknowledge(tx, st, c.Customer.Email, now)
				if err != nil {
					return err
				}
				var am *data.Message
				if ok {
					if am, err = ack(*c, in); err != nil {
						return err
					}
				}
				if am != nil {
					queued, err := queueInTx(tx, c, nil, *am, "", now)
					if err != nil {
						return err
					}
					if err := noteAck(tx, c.Customer.Email, now); err != nil {
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

// mayAcknowledge applies RFC 3834 to an acknowledgement for a new case: never
// to one of the agency's own addresses, and at most one per address within
// the account's acknowledgement interval (default 24 h).
func mayAcknowledge(tx *bolt.Tx, st data.Settings, to string, now time.Time) (bool, error) {
	to = data.NormalizeEmail(to)
	if to == "" || st.Mail.IsOwn(to) {
		return false, nil
	}
	b, err := laterBucket(tx, bucketAckSent)
	if err != nil || b == nil {
		return err == nil, err
	}
	if v := b.Get([]byte(to)); len(v) == 8 {
		last := time.Unix(0, int64(binary.BigEndian.Uint64(v)))
		if now.Sub(last) < st.Mail.AckInterval() {
			return false, nil
		}
	}
	return true, nil
}

// noteAck remembers when an acknowledgement to an address was queued.
func noteAck(tx *bolt.Tx, to string, now time.Time) error {
	b, err := laterBucket(tx, bucketAckSent)
	if err != nil {
		return err
	}
	return b.Put([]byte(data.NormalizeEmail(to)), u64(uint64(now.UnixNano())))
}

// importOne stores one message; it returns the case it created or changed.
func (s *Store) importOne(tx *bolt.Tx, lk *txLookup, in *data.IncomingMail, st data.Settings, now time.Time,
	decide func(data.MailLookup, *data.IncomingMail) (data.Decision, error)) (data.Message, data.Outcome, *data.Case, bool, error) {
	sum := sha256.Sum256(in.Raw)
	hash := hex.EncodeToString(sum[:])
	m := in.Message
	if m.ContentSHA256 == "" {
		m.ContentSHA256 = data.MailContentHash(in.Raw)
	}
	// Duplicates: the very same bytes, or the same content (the same
	// Message-ID with it) delivered again with other trace headers.
	if id := tx.Bucket(bucketMsgHash).Get([]byte(hash)); id != nil {
		old, err := getMessageTx(tx, id)
		return old, data.OutcomeDuplicate, nil, false, err
	}
	contents, err := laterBucket(tx, bucketMsgContent)
	if err != nil {
		return m, "", nil, false, err
	}
	if id := contents.Get([]byte(m.ContentSHA256)); id != nil {
		old, err := getMessageTx(tx, id)
		return old, data.OutcomeDuplicate, nil, false, err
	}
	if m.MessageID != "" {
		if id := tx.Bucket(bucketMsgIDs).Get([]byte(m.MessageID)); id != nil {
			old, err := getMessageTx(tx, id)
			if err != nil {
				return old, "", nil, false, err
			}
			switch {
			case old.Direction == data.DirectionIn:
				if contentOf(tx, old) == m.ContentSHA256 {
					return old, data.OutcomeDuplicate, nil, false, nil
				}
				// The same Message-ID on a different message: some senders reuse
				// ids. It is kept, and marked, never dropped.
				m.ReusedMessageID = true
			case !st.Mail.IsOwn(m.FromAddress):
				m.ReusedMessageID = true // someone else using the id of one of ours
			}
			// Else our own message coming back (a Bcc, the Sent folder): recorded apart.
		}
	}
	d, err := decide(lk, in)
	if err != nil {
		return m, "", nil, false, err
	}
	m.Outcome = d.Outcome
	m.ThreadedBy, m.Mentions = d.Via, d.Mentions
	if d.Loop > 0 {
		m.Loop, m.Automatic = true, true
		m.AutoReason = fmt.Sprintf("probable mail loop: %d messages with the same subject", d.Loop)
	}
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
		if err := putAttachment(tx, sha, b, hash, len(in.Raw) > 0); err != nil {
			return m, "", nil, false, err
		}
	}
	if err := putMessage(tx, &m); err != nil {
		return m, "", nil, false, err
	}
	if err := tx.Bucket(bucketMsgHash).Put([]byte(hash), u64(id)); err != nil {
		return m, "", nil, false, err
	}
	if err := indexIncoming(tx, &m); err != nil {
		return m, "", nil, false, err
	}
	if c != nil && m.Outcome != data.OutcomeAutomatic || c != nil && newCase || c != nil && m.Loop && !loopNoted(lk, m) {
		old := *c
		c.Timeline = slices.Clone(c.Timeline)
		switch {
		case m.Loop:
			c.Timeline = append(c.Timeline, data.Event{At: now, By: m.FromAddress, Type: data.EventMailLoop,
				Args: map[string]string{data.ArgFrom: m.FromAddress, data.ArgSubject: m.Subject, data.ArgCount: strconv.Itoa(d.Loop)}})
		default:
			c.Timeline = append(c.Timeline, data.Event{At: now, By: m.FromAddress, Type: data.EventMailIn,
				Args: map[string]string{data.ArgSubject: m.Subject}})
		}
		if !newCase && !m.Loop {
			c.TakeRatingReply(st, m, now) // a reply with a rating at the follow-up stage (data/rating_reply.go)
		}
		if newCase && m.Mentions != "" {
			c.Timeline = append(c.Timeline, data.Event{At: now, By: m.FromAddress, Type: data.EventMentions,
				Args: map[string]string{data.ArgCase: m.Mentions, data.ArgFrom: m.FromAddress}})
		}
		// A new case was written by createInTx already: old is that, so its
		// audit entry covers only the events added here.
		if err := putCase(tx, c, &old); err != nil {
			return m, "", nil, false, err
		}
	}
	return m, m.Outcome, c, newCase, nil
}

// contentOf is a stored incoming message's content hash, read again from
// its bytes for messages stored before content hashes were kept.
func contentOf(tx *bolt.Tx, m data.Message) string {
	if m.ContentSHA256 != "" {
		return m.ContentSHA256
	}
	raw := tx.Bucket(bucketBlobs).Get([]byte(m.RawSHA256))
	if raw == nil {
		return ""
	}
	b, err := decodeBlob(raw)
	if err != nil {
		return ""
	}
	return data.MailContentHash(b)
}

// indexIncoming indexes an incoming message by content and by sender.
func indexIncoming(tx *bolt.Tx, m *data.Message) error {
	contents, err := laterBucket(tx, bucketMsgContent)
	if err != nil {
		return err
	}
	if m.ContentSHA256 != "" && contents.Get([]byte(m.ContentSHA256)) == nil {
		if err := contents.Put([]byte(m.ContentSHA256), u64(m.ID)); err != nil {
			return err
		}
	}
	if m.FromAddress == "" {
		return nil
	}
	from, err := laterBucket(tx, bucketFromIdx)
	if err != nil {
		return err
	}
	return from.Put(fromKey(m), nil)
}

func fromKey(m *data.Message) []byte {
	k := append([]byte(data.NormalizeEmail(m.FromAddress)), 0)
	return append(append(k, u64(uint64(max(m.Date.UnixNano(), 0)))...), u64(m.ID)...)
}

// loopNoted reports whether the case already heard of the loop m continues.
func loopNoted(lk *txLookup, m data.Message) bool {
	for _, old := range lk.RecentFrom(m.FromAddress, m.Date.Add(-time.Hour)) {
		if old.ID != m.ID && old.Loop && old.CaseID == m.CaseID {
			return true
		}
	}
	return false
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
	js, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := auditMessage(tx, m, js); err != nil {
		return err
	}
	raw, err := encodeBlob(js)
	if err != nil {
		return err
	}
	b := tx.Bucket(bucketMessages)
	b.FillPercent = appendFill
	if err := b.Put(u64(m.ID), raw); err != nil {
		return err
	}
	if m.MessageID != "" && tx.Bucket(bucketMsgIDs).Get([]byte(m.MessageID)) == nil {
		// The first message with an id keeps it (a reused id points to the first).
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

// largeAttachment is the size from which an incoming attachment is not
// stored again beside the raw message that holds it: it is cut out of that
// message when asked for, so a 30 MB attachment costs its size once.
const largeAttachment = 256 << 10

// putAttachment stores an incoming attachment's bytes, or, for a large one
// whose raw message is stored, only where to find it.
func putAttachment(tx *bolt.Tx, sha string, b []byte, rawSHA string, rawKept bool) error {
	if len(b) < largeAttachment || !rawKept || tx.Bucket(bucketBlobs).Get([]byte(sha)) != nil {
		return putBlob(tx, sha, b)
	}
	src, err := tx.CreateBucketIfNotExists(bucketBlobSrc)
	if err != nil {
		return err
	}
	if src.Get([]byte(sha)) != nil {
		return nil // already found in another message
	}
	return src.Put([]byte(sha), []byte(rawSHA))
}

// BlobBytes is how many bytes the blob store holds (compressed as stored):
// raw messages, attachments, letters, logos.
func (s *Store) BlobBytes(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketBlobs).ForEach(func(_, v []byte) error {
			n += int64(len(v))
			return nil
		})
	})
	return n, err
}

// ErrNeedsExtractor: a large attachment is kept only inside its raw message,
// and this store was opened without a way to cut it out (WithExtractor).
var ErrNeedsExtractor = errors.New("the attachment is kept inside its original message; open it through Casebook")

// Blob returns stored bytes: a raw message or an attachment (a large one is
// cut out of its raw message, see WithExtractor).
func (s *Store) Blob(ctx context.Context, sha string) ([]byte, error) {
	var out []byte
	var rawSHA string
	err := s.db.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketBlobs).Get([]byte(sha))
		if raw == nil {
			if src := tx.Bucket(bucketBlobSrc); src != nil {
				if v := src.Get([]byte(sha)); v != nil {
					rawSHA = string(v)
					return nil
				}
			}
			return fmt.Errorf("blob %s: %w", sha, data.ErrNotFound)
		}
		var err error
		out, err = decodeBlob(raw)
		return err
	})
	if err != nil || rawSHA == "" {
		return out, err
	}
	if s.extract == nil {
		return nil, fmt.Errorf("blob %s: %w", sha, ErrNeedsExtractor)
	}
	msg, err := s.Blob(ctx, rawSHA)
	if err != nil {
		return nil, fmt.Errorf("attachment %s: its message: %w", sha, err)
	}
	b, err := s.extract(msg, sha)
	if err != nil {
		return nil, fmt.Errorf("attachment %s: %w", sha, err)
	}
	return b, nil
}

// txLookup implements data.MailLookup on the import transaction.
type txLookup struct {
	tx      *bolt.Tx
	key     []byte
	keyErr  error
	keyRead bool
}

func (l *txLookup) MessageIDKey() []byte {
	if !l.keyRead {
		l.key, l.keyErr = msgIDKeyTx(l.tx)
		l.keyRead = true
	}
	return l.key
}

func (l *txLookup) CaseBySentID(mid string) (uint64, bool) {
	id := l.tx.Bucket(bucketMsgIDs).Get([]byte(mid))
	if id == nil {
		return 0, false
	}
	m, err := getMessageTx(l.tx, id)
	if err != nil || m.Direction != data.DirectionOut || m.CaseID == 0 {
		return 0, false
	}
	return m.CaseID, true
}

func (l *txLookup) RecentFrom(addr string, since time.Time) []data.Message {
	b := l.tx.Bucket(bucketFromIdx)
	addr = data.NormalizeEmail(addr)
	if b == nil || addr == "" {
		return nil
	}
	prefix := append([]byte(addr), 0)
	var out []data.Message
	cur := b.Cursor()
	for k, _ := cur.Seek(append(bytes.Clone(prefix), u64(uint64(max(since.UnixNano(), 0)))...)); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		if len(k) != len(prefix)+16 {
			continue
		}
		if m, err := getMessageTx(l.tx, k[len(prefix)+8:]); err == nil {
			out = append(out, m)
		}
		if len(out) >= 1000 {
			break
		}
	}
	return out
}

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
	if knownAddressOf(l.tx, c.CustomerID, addr) { // an earlier or merged address (customer_records.go)
		return true
	}
	prefix := u64(caseID)
	cur := l.tx.Bucket(bucketCaseMsgs).Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		m, err := getMessageTx(l.tx, k[8:])
		if err != nil {
			continue
		}
		switch {
		case m.Direction == data.DirectionOut:
			// Staff wrote to it on this case.
			if slices.ContainsFunc(append(slices.Clone(m.To), m.Cc...), func(t string) bool { return addressOf(t) == addr }) {
				return true
			}
		case m.FromAddress == addr && !m.Automatic && l.trustedThread(caseID, m):
			return true
		}
	}
	return false
}

// trustedThread reports whether an incoming message joined the case by what
// Casebook issued (one of our Message-IDs) or from a participant — not by a
// case number a stranger could write. Messages stored before ThreadedBy was
// kept are judged by their headers: do they name a message we sent on the case?
func (l *txLookup) trustedThread(caseID uint64, m data.Message) bool {
	switch m.ThreadedBy {
	case data.ThreadViaOurID, data.ThreadViaParticipant:
		return true
	case "":
		for _, id := range append([]string{m.InReplyTo}, m.References...) {
			if c, ok := l.CaseBySentID(id); ok && c == caseID {
				return true
			}
		}
	}
	return false
}

// addressOf is the address in "Name <addr>" or a bare address, lower-case.
func addressOf(s string) string {
	s = strings.TrimSpace(s)
	if lt := strings.LastIndexByte(s, '<'); lt >= 0 && strings.HasSuffix(s, ">") {
		s = s[lt+1 : len(s)-1]
	}
	return data.NormalizeEmail(s)
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
		if err := appendAudit(tx, &data.AuditEntry{Kind: data.AuditMessageGone, Ref: m.ID, What: string(m.Outcome)}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMsgHash).Delete([]byte(m.RawSHA256)); err != nil {
			return err
		}
		if b := tx.Bucket(bucketMsgContent); b != nil && m.ContentSHA256 != "" && bytes.Equal(b.Get([]byte(m.ContentSHA256)), id) {
			if err := b.Delete([]byte(m.ContentSHA256)); err != nil {
				return err
			}
		}
		if b := tx.Bucket(bucketFromIdx); b != nil && m.FromAddress != "" {
			if err := b.Delete(fromKey(&m)); err != nil {
				return err
			}
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
