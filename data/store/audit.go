package store

import (
	"bytes"
	"compress/flate"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// The audit chain lives in two buckets; its head in the meta bucket.
var (
	bucketAudit     = []byte("audit")      // seq(8) → JSON data.AuditEntry
	bucketAuditCase = []byte("audit_case") // case id(8) seq(8) → nil
	metaAuditHead   = []byte("audit_head") // seq(8) hash(32) counter code
)

// auditHead reads the chain's last sequence number, hash and the counter code
// entries are stamped with.
func auditHead(tx *bolt.Tx) (seq uint64, hash, counter string) {
	v := tx.Bucket(bucketMeta).Get(metaAuditHead)
	if len(v) < 40 {
		return 0, "", ""
	}
	seq = binary.BigEndian.Uint64(v[:8])
	if seq == 0 { // the chain is about to start: the genesis entry follows nothing
		return 0, "", string(v[40:])
	}
	return seq, hex.EncodeToString(v[8:40]), string(v[40:])
}

// appendAudit links e to the chain in tx: the change and its entry commit
// together or not at all.
func appendAudit(tx *bolt.Tx, e *data.AuditEntry) error {
	seq, prev, counter := auditHead(tx)
	if tx.Bucket(bucketAudit) == nil { // before the migration that creates the chain
		return nil
	}
	e.Seq, e.Prev = seq+1, prev
	if e.Counter == "" {
		e.Counter = counter
	}
	if e.At.IsZero() {
		e.At = txNow(tx)
	}
	e.At = e.At.UTC()
	canon := e.Canonical()
	e.Hash = data.ChainHash(e.Prev, canon)
	raw := encodeAuditEntry(e.Hash, e.Salt, canon)
	b := tx.Bucket(bucketAudit)
	b.FillPercent = appendFill
	if err := b.Put(u64(e.Seq), raw); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if e.CaseID != 0 {
		ix := tx.Bucket(bucketAuditCase)
		if err := ix.Put(append(u64(e.CaseID), u64(e.Seq)...), nil); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
	}
	h, _ := hex.DecodeString(e.Hash)
	head := append(append(u64(e.Seq), h...), e.Counter...)
	return tx.Bucket(bucketMeta).Put(metaAuditHead, head)
}

// An entry is stored as its hash (32 bytes), the length of its salt (one
// byte), the salt, and its canonical JSON: the previous entry's hash is not
// repeated, it is the hash stored under the key before.
func encodeAuditEntry(hash, salt string, canon []byte) []byte {
	h, _ := hex.DecodeString(hash)
	sb, _ := hex.DecodeString(salt)
	out := make([]byte, 0, 33+len(sb)+len(canon))
	out = append(append(append(out, h...), byte(len(sb))), sb...)
	return append(out, canon...)
}

// decodeAuditEntry reads encodeAuditEntry's output; prev is the hash of the
// entry before (stored under the previous key).
func decodeAuditEntry(v []byte, prev string) (data.AuditEntry, error) {
	var e data.AuditEntry
	if len(v) < 33 || len(v) < 33+int(v[32]) {
		return e, errBadRecord
	}
	n := int(v[32])
	if err := json.Unmarshal(v[33+n:], &e); err != nil {
		return e, err
	}
	e.Hash = hex.EncodeToString(v[:32])
	if n > 0 {
		e.Salt = hex.EncodeToString(v[33 : 33+n])
	}
	e.Prev = prev
	return e, nil
}

// clocks maps an open database to its store's clock, so entries written
// inside any transaction are stamped by it (tests and demos run on a clock
// of their own).
var clocks sync.Map // *bolt.DB → func() time.Time

func txNow(tx *bolt.Tx) time.Time {
	if f, ok := clocks.Load(tx.DB()); ok {
		return f.(func() time.Time)()
	}
	return time.Now()
}

// RecordAudit appends an action that changes no record — a sign-in, a print,
// an export, a backup — to the chain, in its own transaction, stamped by the
// store's clock.
func (s *Store) RecordAudit(ctx context.Context, a data.AuditAction) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.db.Update(func(tx *bolt.Tx) error {
		e := data.AuditEntry{Kind: a.Kind, By: data.AuditBy(a.By), What: a.What, CaseID: a.CaseID, Number: a.Number}
		e.Content = data.Digest(e.Canonical())
		return appendAudit(tx, &e)
	})
}

func salt() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (Go 1.24+)
	return hex.EncodeToString(b)
}

func saltBytes(s string) []byte {
	b, _ := hex.DecodeString(s)
	return b
}

// auditCase appends the entry for a case write: the events added since old
// (all of them for a new case) and the digest of the record as stored (raw:
// its JSON). One entry per write, however many events it added.
func auditCase(tx *bolt.Tx, c *data.Case, old *data.Case, raw []byte) error {
	start := 0
	if old != nil {
		start = min(len(old.Timeline), len(c.Timeline))
	}
	state := data.Digest(raw)
	added := c.Timeline[start:]
	if len(added) == 0 {
		return appendAudit(tx, &data.AuditEntry{Kind: data.AuditCase, CaseID: c.ID, Number: c.Number, State: state})
	}
	last := added[len(added)-1]
	types := make([]string, len(added))
	for i, ev := range added {
		types[i] = string(ev.Type)
	}
	e := data.AuditEntry{Kind: data.AuditEvent, At: last.At, By: data.AuditBy(last.By), CaseID: c.ID, Number: c.Number,
		What: strings.Join(types, ","), Events: len(added), State: state, Salt: salt()}
	e.Content, e.Personal = data.EventDigests(added, saltBytes(e.Salt))
	if e.Personal == "" {
		e.Salt = ""
	}
	return appendAudit(tx, &e)
}

// auditMessage appends the entry for a stored message.
func auditMessage(tx *bolt.Tx, m *data.Message, raw []byte) error {
	kind := data.AuditMessageIn
	if m.Direction == data.DirectionOut {
		kind = data.AuditMessageOut
	}
	e := data.AuditEntry{Kind: kind, Ref: m.ID, What: string(m.Status), State: data.Digest(raw), Salt: salt()}
	e.Content, e.Personal = data.MessageDigests(m, saltBytes(e.Salt))
	return appendAudit(tx, &e)
}

// putSettings stores the settings with their audit entry: "staff" when the
// staff list changed, "settings" otherwise. The entry's counter is the new
// counter code, and so is every later entry's.
func putSettings(tx *bolt.Tx, st data.Settings, by string) error {
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	meta := tx.Bucket(bucketMeta)
	kind := data.AuditSettings
	var old data.Settings
	if json.Unmarshal(meta.Get([]byte("settings")), &old) == nil && !slices.Equal(old.Staff, st.Staff) {
		kind = data.AuditStaff
	}
	if err := meta.Put([]byte("settings"), raw); err != nil {
		return err
	}
	if err := pruneCredentials(tx, st); err != nil { // nobody keeps a PIN off the staff list
		return err
	}
	d := data.Digest(raw)
	return appendAudit(tx, &data.AuditEntry{Kind: kind, By: by, Counter: st.CounterCode, Content: d, State: d})
}

// migrateAudit (schema 3 → 4) starts the audit chain: a genesis entry, then,
// for a database that holds data already, one entry per event of every case
// in id order and one per message, built from the records as they are.
func migrateAudit(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketAudit, bucketAuditCase} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	var st data.Settings
	if err := json.Unmarshal(tx.Bucket(bucketMeta).Get([]byte("settings")), &st); err != nil {
		return fmt.Errorf("read settings: %w", err)
	}
	if err := tx.Bucket(bucketMeta).Put(metaAuditHead, append(make([]byte, 40), st.CounterCode...)); err != nil {
		return err
	}
	cases := tx.Bucket(bucketCases)
	msgs := tx.Bucket(bucketMessages)
	what := data.AuditNew
	if k, _ := cases.Cursor().First(); k != nil {
		what = data.AuditBuilt
	} else if msgs != nil {
		if k, _ := msgs.Cursor().First(); k != nil {
			what = data.AuditBuilt
		}
	}
	sraw := tx.Bucket(bucketMeta).Get([]byte("settings"))
	if err := appendAudit(tx, &data.AuditEntry{Kind: data.AuditGenesis, What: what, Content: data.Digest(sraw), State: data.Digest(sraw)}); err != nil {
		return err
	}
	cur := cases.Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		raw, err := recordJSON(v)
		if err != nil {
			return fmt.Errorf("case #%d: %w", binary.BigEndian.Uint64(k), err)
		}
		var c data.Case
		if err := json.Unmarshal(raw, &c); err != nil {
			return fmt.Errorf("case #%d: %w", binary.BigEndian.Uint64(k), err)
		}
		if err := auditCase(tx, &c, nil, raw); err != nil {
			return err
		}
	}
	if msgs == nil {
		return nil
	}
	cur = msgs.Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		raw, err := recordJSON(v)
		if err != nil {
			return fmt.Errorf("message #%d: %w", binary.BigEndian.Uint64(k), err)
		}
		var m data.Message
		if err := json.Unmarshal(raw, &m); err != nil {
			return fmt.Errorf("message #%d: %w", binary.BigEndian.Uint64(k), err)
		}
		if err := auditMessage(tx, &m, raw); err != nil {
			return err
		}
	}
	return nil
}

// recordJSON is a stored record's JSON, decompressed.
func recordJSON(v []byte) ([]byte, error) {
	if len(v) > 0 && v[0] == '{' {
		return v, nil
	}
	return decodeBlob(v)
}

// inflater reads stored records' JSON with one reused DEFLATE reader and
// buffer: verifying 100,000 cases otherwise spends much of its time
// allocating a reader per record and collecting them.
type inflater struct {
	r   io.ReadCloser
	br  bytes.Reader
	buf bytes.Buffer
}

// json is the record's JSON, valid until the next call.
func (d *inflater) json(v []byte) ([]byte, error) {
	switch {
	case len(v) > 0 && v[0] == '{':
		return v, nil
	case len(v) > 0 && v[0] == markerRaw:
		return v[1:], nil
	case len(v) == 0 || v[0] != markerDeflate:
		return nil, fmt.Errorf("%w: unknown format", errBadRecord)
	}
	d.br.Reset(v[1:])
	if d.r == nil {
		d.r = flate.NewReader(&d.br)
	} else if err := d.r.(flate.Resetter).Reset(&d.br, nil); err != nil {
		return nil, err
	}
	d.buf.Reset()
	if _, err := d.buf.ReadFrom(d.r); err != nil {
		return nil, fmt.Errorf("%w: %v", errBadRecord, err)
	}
	return d.buf.Bytes(), nil
}

// trail is what the chain recorded about one record.
type trail struct {
	events []trailEvent
	state  string
	seq    uint64
	at     time.Time
	number string
	anon   uint64 // the last AuditAnonymised entry: personal digests recorded before it may no longer match
	gone   bool   // the record was removed on purpose (see data.AuditMessageGone)
}

type trailEvent struct {
	seq               uint64
	at                time.Time
	n                 int // events
	content, personal string
	salt              string
}

// AuditVerify walks the chain (each entry's link to the one before and its own
// hash), then checks every case and message against it: a case's timeline
// must hash, event by event and in order, to the chain's entries for that
// case, and every stored record must be the one the chain recorded last.
// The first disagreement is a *data.AuditBrokenError.
func (s *Store) AuditVerify(ctx context.Context) (data.AuditSummary, error) {
	var sum data.AuditSummary
	err := s.db.View(func(tx *bolt.Tx) error {
		ab := tx.Bucket(bucketAudit)
		if ab == nil {
			return fmt.Errorf("audit: no chain in this database")
		}
		cases := map[uint64]*trail{}
		msgs := map[uint64]*trail{}
		prev := ""
		var last data.AuditEntry
		cur := ab.Cursor()
		n := uint64(0)
		for k, v := cur.First(); k != nil; k, v = cur.Next() {
			if n%4096 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			n++
			e, err := decodeAuditEntry(v, prev)
			if err != nil {
				return &data.AuditBrokenError{Why: data.AuditUnreadable, Seq: binary.BigEndian.Uint64(k), At: last.At, Detail: err.Error()}
			}
			if e.Seq != n || binary.BigEndian.Uint64(k) != n {
				return &data.AuditBrokenError{Why: data.AuditBrokenLink, Seq: n, Number: e.Number, Ref: e.Ref, At: e.At}
			}
			if e.ComputeHash() != e.Hash {
				return &data.AuditBrokenError{Why: data.AuditBrokenHash, Seq: n, Number: e.Number, Ref: e.Ref, At: e.At}
			}
			prev, last = e.Hash, e
			var t *trail
			switch {
			case e.CaseID != 0:
				if t = cases[e.CaseID]; t == nil {
					t = &trail{}
					cases[e.CaseID] = t
				}
				t.number = e.Number
				switch e.Kind {
				case data.AuditEvent:
					t.events = append(t.events, trailEvent{seq: e.Seq, at: e.At, n: e.Events, content: e.Content, personal: e.Personal, salt: e.Salt})
				case data.AuditAnonymised:
					t.anon = e.Seq
				}
			case e.Ref != 0:
				if t = msgs[e.Ref]; t == nil {
					t = &trail{}
					msgs[e.Ref] = t
				}
			}
			if t != nil && e.State != "" {
				t.state, t.seq, t.at, t.gone = e.State, e.Seq, e.At, false
			}
			if t != nil && e.Kind == data.AuditMessageGone {
				t.state, t.seq, t.at, t.gone = "", e.Seq, e.At, true
			}
		}
		if head, hash, _ := auditHead(tx); head != n || hash != prev {
			return &data.AuditBrokenError{Why: data.AuditBrokenLink, Seq: n, Number: last.Number, At: last.At, Detail: "the head does not name the last entry"}
		}
		if err := verifyRecords(ctx, tx.Bucket(bucketCases), cases, true); err != nil {
			return err
		}
		if mb := tx.Bucket(bucketMessages); mb != nil {
			if err := verifyRecords(ctx, mb, msgs, false); err != nil {
				return err
			}
		}
		sum = data.AuditSummary{Entries: n, Head: prev, Cases: len(cases)}
		return nil
	})
	if err != nil {
		return data.AuditSummary{}, fmt.Errorf("audit verify: %w", err)
	}
	return sum, nil
}

// verifyRecords checks every record of b against its trail, and that every
// trail still has its record. Records are checked in id order, so the first
// break reported is the lowest case (or message) that breaks.
func verifyRecords(ctx context.Context, b *bolt.Bucket, trails map[uint64]*trail, isCase bool) error {
	broken := func(why data.AuditBreak, id uint64, t *trail, seq uint64, at time.Time, detail string) error {
		e := &data.AuditBrokenError{Why: why, Seq: seq, At: at, Detail: detail}
		if isCase {
			e.Number = t.number
			if e.Number == "" {
				e.Number = fmt.Sprintf("#%d", id)
			}
		} else {
			e.Ref = id
		}
		return e
	}
	seen := 0
	var inf inflater
	cur := b.Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if seen%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		seen++
		id := binary.BigEndian.Uint64(k)
		t := trails[id]
		if t == nil {
			t = &trail{}
			if isCase {
				var c data.Case
				if decodeRecord(v, &c) == nil {
					t.number = c.Number
				}
			}
			return broken(data.AuditBrokenState, id, t, 0, time.Time{}, "the chain never recorded it")
		}
		raw, err := inf.json(v)
		if err != nil {
			return broken(data.AuditUnreadable, id, t, t.seq, t.at, err.Error())
		}
		if !isCase {
			if data.Digest(raw) != t.state {
				return broken(data.AuditBrokenState, id, t, t.seq, t.at, "")
			}
			continue
		}
		var c struct { // only what the replay needs: the state digest covers the rest
			Number   string       `json:"number"`
			Timeline []data.Event `json:"timeline"`
		}
		if err := json.Unmarshal(raw, &c); err != nil {
			return broken(data.AuditUnreadable, id, t, t.seq, t.at, err.Error())
		}
		if c.Number != "" {
			t.number = c.Number
		}
		from := 0
		for _, te := range t.events {
			if from+te.n > len(c.Timeline) {
				return broken(data.AuditMissingEvent, id, t, te.seq, te.at, fmt.Sprintf("events %d–%d of %d", from+1, from+te.n, len(c.Timeline)))
			}
			content, personal := data.EventDigests(c.Timeline[from:from+te.n], saltBytes(te.salt))
			if content != te.content || (personal != te.personal && te.seq > t.anon) {
				return broken(data.AuditBrokenEvent, id, t, te.seq, te.at, fmt.Sprintf("events %d–%d", from+1, from+te.n))
			}
			from += te.n
		}
		if from < len(c.Timeline) {
			ev := c.Timeline[from]
			return broken(data.AuditExtraEvent, id, t, t.seq, ev.At, fmt.Sprintf("event %d (%s)", from+1, ev.Type))
		}
		if data.Digest(raw) != t.state {
			return broken(data.AuditBrokenState, id, t, t.seq, t.at, "")
		}
	}
	if seen < len(trails) {
		ids := make([]uint64, 0, len(trails))
		for id, t := range trails {
			if !t.gone && b.Get(u64(id)) == nil {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		if len(ids) > 0 {
			t := trails[ids[0]]
			return broken(data.AuditMissingRecord, ids[0], t, t.seq, t.at, "")
		}
	}
	return nil
}

// AuditOf lists a case's audit entries, oldest first.
func (s *Store) AuditOf(ctx context.Context, number string) ([]data.AuditEntry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []data.AuditEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		c, err := getCaseTx(tx, number)
		if err != nil {
			return err
		}
		ab, ix := tx.Bucket(bucketAudit), tx.Bucket(bucketAuditCase)
		if ab == nil || ix == nil {
			return nil
		}
		prefix := u64(c.ID)
		cur := ix.Cursor()
		for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
			seq := binary.BigEndian.Uint64(k[8:16])
			prev := ""
			if p := ab.Get(u64(seq - 1)); len(p) >= 32 {
				prev = hex.EncodeToString(p[:32])
			}
			e, err := decodeAuditEntry(ab.Get(k[8:16]), prev)
			if err != nil {
				return fmt.Errorf("audit entry %d: %w", seq, err)
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("audit of %s: %w", number, err)
	}
	return out, nil
}

// AuditHead is the chain's head: its entry count and last hash ("" before the
// chain exists).
func (s *Store) AuditHead(ctx context.Context) (uint64, string, error) {
	if err := ctx.Err(); err != nil {
		return 0, "", err
	}
	var n uint64
	var h string
	err := s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketAudit) == nil {
			return nil
		}
		n, h, _ = auditHead(tx)
		return nil
	})
	return n, h, err
}
