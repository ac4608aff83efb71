package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// QueueOutgoing puts a message for a case in the outbox: it is on disk, and on
// the case's timeline, before anything is sent. The worker sends it.
// blobs holds the bytes of m's attachments by SHA-256. prepare, when not nil,
// changes the case in the same transaction (acknowledging it, say) first.
func (s *Store) QueueOutgoing(ctx context.Context, number string, m data.Message, by string, blobs map[string][]byte,
	prepare func(c *data.Case, st data.Settings, now time.Time) error) (data.Message, error) {
	if err := ctx.Err(); err != nil {
		return data.Message{}, err
	}
	now := s.now()
	st := s.Settings()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var out data.Message
	var c data.Case
	err := s.db.Update(func(tx *bolt.Tx) error {
		old, err := getCaseTx(tx, number)
		if err != nil {
			return err
		}
		c = old
		if prepare != nil {
			c.Timeline = slices.Clone(old.Timeline)
			if err := prepare(&c, st, now); err != nil {
				return err
			}
		}
		for _, a := range m.Attachments {
			b, ok := blobs[a.SHA256]
			if !ok {
				return fmt.Errorf("%w: attachment %s has no content", data.ErrInvalid, a.Name)
			}
			if err := putBlob(tx, a.SHA256, b); err != nil {
				return err
			}
		}
		out, err = queueInTx(tx, &c, &old, m, by, now)
		return err
	})
	if err != nil {
		return data.Message{}, fmt.Errorf("queue mail for %s: %w", number, err)
	}
	s.indexPut(data.RowOf(&c))
	s.outboxChanged()
	return out, nil
}

// queueInTx stores an outgoing message for c and notes it on the timeline;
// old is the case as stored (its index entries are replaced), nil to use c.
func queueInTx(tx *bolt.Tx, c, old *data.Case, m data.Message, by string, now time.Time) (data.Message, error) {
	if m.MessageID == "" || len(m.To) == 0 {
		return m, fmt.Errorf("%w: an outgoing message needs a Message-ID and a recipient", data.ErrInvalid)
	}
	id, err := tx.Bucket(bucketMessages).NextSequence()
	if err != nil {
		return m, err
	}
	m.ID, m.CaseID = id, c.ID
	m.Direction, m.Status = data.DirectionOut, data.MessageQueued
	m.CreatedAt, m.NextAttempt = now, now
	if m.Date.IsZero() {
		m.Date = now
	}
	if err := putMessage(tx, &m); err != nil {
		return m, err
	}
	if err := tx.Bucket(bucketOutbox).Put(u64(id), nil); err != nil {
		return m, err
	}
	if old == nil {
		stored := *c
		old = &stored
	}
	if by == "" {
		by = m.FromAddress
	}
	c.Timeline = append(slices.Clone(c.Timeline), data.Event{At: now, By: by, Type: data.EventMailOut,
		Args: map[string]string{data.ArgSubject: m.Subject, data.ArgTo: strings.Join(m.To, ", ")}})
	return m, putCase(tx, c, old)
}

// DueOutgoing lists queued messages whose next attempt is due at now.
func (s *Store) DueOutgoing(ctx context.Context, now time.Time) ([]data.Message, error) {
	var out []data.Message
	err := s.db.View(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketOutbox).Cursor()
		for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
			m, err := getMessageTx(tx, k)
			if err != nil {
				return err
			}
			if !m.NextAttempt.After(now) {
				out = append(out, m)
			}
		}
		return nil
	})
	return out, err
}

// QueuedCount is how many messages wait in the outbox.
func (s *Store) QueuedCount(ctx context.Context) (int, error) {
	n := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketOutbox).Stats().KeyN
		return nil
	})
	return n, err
}

// Backoff after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour.
func Backoff(n int) time.Duration {
	return min(time.Minute<<min(max(n-1, 0), 7), time.Hour)
}

// RecordSend notes one attempt to send a queued message. Sent: it leaves the
// outbox and its bytes are kept. A permanent failure, or too many temporary ones,
// fails it (and says so on the case); otherwise it is retried after Backoff.
func (s *Store) RecordSend(ctx context.Context, id uint64, sendErr error, permanent bool, raw []byte) (data.Message, error) {
	now := s.now()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var m data.Message
	var changed *data.Case
	err := s.db.Update(func(tx *bolt.Tx) error {
		var err error
		if m, err = getMessageTx(tx, u64(id)); err != nil {
			return err
		}
		a := data.Attempt{At: now, Permanent: permanent}
		if sendErr != nil {
			a.Error = sendErr.Error()
		}
		m.Attempts = append(m.Attempts, a)
		var event *data.Event
		switch {
		case sendErr == nil:
			m.Status, m.SentAt, m.Error = data.MessageSent, now, ""
			if len(raw) > 0 {
				sum := sha256.Sum256(raw)
				m.RawSHA256 = hex.EncodeToString(sum[:])
				if err := putBlob(tx, m.RawSHA256, raw); err != nil {
					return err
				}
			}
			event = &data.Event{At: now, Type: data.EventMailSent, Args: map[string]string{data.ArgSubject: m.Subject}}
		case permanent || len(m.Attempts) >= maxAttempts:
			m.Status, m.Error = data.MessageFailed, a.Error
			event = &data.Event{At: now, Type: data.EventMailFailed, Args: map[string]string{data.ArgSubject: m.Subject, data.ArgError: a.Error}}
		default:
			m.Error = a.Error
			m.NextAttempt = now.Add(Backoff(len(m.Attempts)))
		}
		if m.Status != data.MessageQueued {
			if err := tx.Bucket(bucketOutbox).Delete(u64(id)); err != nil {
				return err
			}
		}
		if err := putMessage(tx, &m); err != nil {
			return err
		}
		if event != nil && m.CaseID != 0 {
			c, err := getCaseByIDTx(tx, u64(m.CaseID))
			if err != nil {
				return err
			}
			old := c
			c.Timeline = append(slices.Clone(c.Timeline), *event)
			if err := putCase(tx, &c, &old); err != nil {
				return err
			}
			changed = &c
		}
		return nil
	})
	if err != nil {
		return data.Message{}, fmt.Errorf("record sending: %w", err)
	}
	if changed != nil {
		s.indexPut(data.RowOf(changed))
	}
	s.outboxChanged()
	return m, nil
}

// maxAttempts bounds the retries of a temporarily failing message (about two days with Backoff).
const maxAttempts = 60

// CaseMessages lists a case's messages, oldest first.
func (s *Store) CaseMessages(ctx context.Context, caseID uint64) ([]data.Message, error) {
	var out []data.Message
	err := s.db.View(func(tx *bolt.Tx) error {
		prefix := u64(caseID)
		cur := tx.Bucket(bucketCaseMsgs).Cursor()
		for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
			m, err := getMessageTx(tx, k[8:])
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b data.Message) int { return a.Date.Compare(b.Date) })
	return out, err
}

// MailLog lists messages newest first: incoming, outgoing, or both ("").
func (s *Store) MailLog(ctx context.Context, dir data.Direction, limit int) ([]data.MailLogEntry, error) {
	var out []data.MailLogEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketMessages).Cursor()
		for k, v := cur.Last(); k != nil && (limit <= 0 || len(out) < limit); k, v = cur.Prev() {
			var m data.Message
			if err := decodeRecord(v, &m); err != nil {
				return fmt.Errorf("message #%d: %w", binary.BigEndian.Uint64(k), err)
			}
			if dir != "" && m.Direction != dir {
				continue
			}
			e := data.MailLogEntry{Message: m}
			if m.CaseID != 0 {
				if c, err := getCaseByIDTx(tx, u64(m.CaseID)); err == nil {
					e.CaseNumber = c.Number
				}
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}
