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

// The outbox bucket holds every outgoing message not yet settled, keyed by id;
// the value says where it stands: empty (written so before there were other
// states) while it waits to be sent, "sending" while an SMTP transaction for
// it may be under way, "uncertain" while staff must decide.
func outboxState(v []byte) data.MessageStatus {
	if len(v) == 0 {
		return data.MessageQueued
	}
	return data.MessageStatus(v)
}

func putOutbox(tx *bolt.Tx, id uint64, st data.MessageStatus) error {
	var v []byte
	if st != data.MessageQueued {
		v = []byte(st)
	}
	return tx.Bucket(bucketOutbox).Put(u64(id), v)
}

// DueOutgoing lists queued messages whose next attempt is due at now.
func (s *Store) DueOutgoing(ctx context.Context, now time.Time) ([]data.Message, error) {
	var out []data.Message
	err := s.db.View(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketOutbox).Cursor()
		for k, v := cur.First(); k != nil; k, v = cur.Next() {
			if outboxState(v) != data.MessageQueued {
				continue
			}
			m, err := getMessageTx(tx, k)
			if err != nil {
				return err
			}
			if m.Status == data.MessageQueued && !m.NextAttempt.After(now) {
				out = append(out, m)
			}
		}
		return nil
	})
	return out, err
}

// outboxWith lists the outbox's messages in state st.
func (s *Store) outboxWith(st data.MessageStatus) ([]data.Message, error) {
	var out []data.Message
	err := s.db.View(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketOutbox).Cursor()
		for k, v := cur.First(); k != nil; k, v = cur.Next() {
			if outboxState(v) != st {
				continue
			}
			m, err := getMessageTx(tx, k)
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		return nil
	})
	return out, err
}

// UncertainOutgoing lists the messages that may have been delivered and wait
// for a Sent-folder check or for staff, oldest first.
func (s *Store) UncertainOutgoing(ctx context.Context) ([]data.Message, error) {
	return s.outboxWith(data.MessageUncertain)
}

// QueuedCount is how many messages wait in the outbox to be sent (uncertain
// ones are not counted: they wait for staff).
func (s *Store) QueuedCount(ctx context.Context) (int, error) {
	q, _, err := s.OutboxCounts(ctx)
	return q, err
}

// OutboxCounts is how many messages wait to be sent, and how many may have
// been delivered and wait for staff.
func (s *Store) OutboxCounts(ctx context.Context) (queued, uncertain int, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketOutbox).ForEach(func(_, v []byte) error {
			if outboxState(v) == data.MessageUncertain {
				uncertain++
			} else {
				queued++
			}
			return nil
		})
	})
	return queued, uncertain, err
}

// outboxNotice is the outbox's counts as a change notice.
func (s *Store) outboxNotice() (data.OutboxChanged, error) {
	q, u, err := s.OutboxCounts(context.Background())
	return data.OutboxChanged{Queued: q, Uncertain: u}, err
}

// MarkSending notes on disk, before the message's SMTP transaction begins,
// that an attempt to send it starts: a process killed from here until the
// server's answer is recorded leaves it "sending", and the next run
// (RecoverSending) treats it as uncertain instead of sending it again. Only
// a queued message can start; anything else is refused.
func (s *Store) MarkSending(ctx context.Context, id uint64) (data.Message, error) {
	if err := ctx.Err(); err != nil {
		return data.Message{}, err
	}
	now := s.now()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var m data.Message
	err := s.db.Update(func(tx *bolt.Tx) error {
		var err error
		if m, err = getMessageTx(tx, u64(id)); err != nil {
			return err
		}
		if m.Direction != data.DirectionOut || m.Status != data.MessageQueued ||
			outboxState(tx.Bucket(bucketOutbox).Get(u64(id))) != data.MessageQueued {
			return fmt.Errorf("%w: message #%d is %s, not queued", data.ErrInvalid, id, m.Status)
		}
		m.Status, m.SendingAt = data.MessageSending, now
		if err := putOutbox(tx, id, data.MessageSending); err != nil {
			return err
		}
		return putMessage(tx, &m)
	})
	if err != nil {
		return data.Message{}, fmt.Errorf("start sending: %w", err)
	}
	return m, nil
}

// RecoverSending turns every message left "sending" — the process that was
// sending it stopped before the server's answer was recorded — into an
// uncertain one. Call it before sending, in the one process that sends.
func (s *Store) RecoverSending(ctx context.Context) ([]data.Message, error) {
	stuck, err := s.outboxWith(data.MessageSending)
	if err != nil {
		return nil, err
	}
	var out []data.Message
	for _, m := range stuck {
		m, err := s.RecordUncertain(ctx, m.ID, nil)
		if err != nil {
			return out, err
		}
		out = append(out, m)
	}
	return out, nil
}

// Backoff after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour.
func Backoff(n int) time.Duration {
	return min(time.Minute<<min(max(n-1, 0), 7), time.Hour)
}

// RecordSend notes one attempt to send a queued (or "sending") message, in
// its own transaction, the moment the server answered. Sent: it leaves the
// outbox and its bytes are kept. A permanent failure, or too many temporary
// ones, fails it (and says so on the case); otherwise it is retried after
// Backoff. A message already settled is refused (data.ErrInvalid).
func (s *Store) RecordSend(ctx context.Context, id uint64, sendErr error, permanent bool, raw []byte) (data.Message, error) {
	return s.changeOutgoing(ctx, id, "record sending", func(tx *bolt.Tx, m *data.Message, now time.Time) (*data.Event, error) {
		if m.Status != data.MessageQueued && m.Status != data.MessageSending {
			return nil, fmt.Errorf("%w: message #%d is already %s", data.ErrInvalid, id, m.Status)
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
					return nil, err
				}
			}
			event = &data.Event{At: now, Type: data.EventMailSent, Args: map[string]string{data.ArgSubject: m.Subject}}
		case permanent || len(m.Attempts) >= maxAttempts:
			m.Status, m.Error = data.MessageFailed, a.Error
			event = &data.Event{At: now, Type: data.EventMailFailed, Args: map[string]string{data.ArgSubject: m.Subject, data.ArgError: a.Error}}
		default:
			m.Status, m.Error = data.MessageQueued, a.Error
			m.NextAttempt = now.Add(Backoff(len(m.Attempts)))
		}
		if m.Status == data.MessageQueued {
			return event, putOutbox(tx, id, data.MessageQueued)
		}
		return event, tx.Bucket(bucketOutbox).Delete(u64(id))
	})
}

// changeOutgoing loads message id, lets fn change it (and the outbox) in one
// transaction, stores it, notes fn's event on its case, and tells of it. It
// does not look at ctx: what a server answered is recorded even while the
// sending is being cancelled.
func (s *Store) changeOutgoing(_ context.Context, id uint64, what string,
	fn func(tx *bolt.Tx, m *data.Message, now time.Time) (*data.Event, error)) (data.Message, error) {
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
		event, err := fn(tx, &m, now)
		if err != nil {
			return err
		}
		if err := putMessage(tx, &m); err != nil {
			return err
		}
		if event != nil {
			changed, err = noteOnCase(tx, m, *event)
		}
		return err
	})
	if err != nil {
		return data.Message{}, fmt.Errorf("%s: %w", what, err)
	}
	if changed != nil {
		s.indexPut(data.RowOf(changed))
	}
	s.outboxChanged()
	return m, nil
}

// RecordUncertain notes that a message's data went out but the server's
// answer did not come back (sendErr), or, with sendErr nil, that Casebook
// stopped while it was sending: the customer may have it. It stays in the
// outbox as uncertain — never sent again on its own — and the case's
// timeline says so.
func (s *Store) RecordUncertain(ctx context.Context, id uint64, sendErr error) (data.Message, error) {
	return s.changeOutgoing(ctx, id, "record an uncertain message", func(tx *bolt.Tx, m *data.Message, now time.Time) (*data.Event, error) {
		if m.Status != data.MessageQueued && m.Status != data.MessageSending {
			return nil, fmt.Errorf("%w: message #%d is already %s", data.ErrInvalid, id, m.Status)
		}
		a := data.Attempt{At: now, Uncertain: true}
		if sendErr != nil {
			a.Error = sendErr.Error()
		} else if !m.SendingAt.IsZero() {
			a.At = m.SendingAt
		}
		m.Attempts = append(m.Attempts, a)
		m.Status, m.Error = data.MessageUncertain, a.Error
		return &data.Event{At: now, Type: data.EventMailUncertain,
			Args: map[string]string{data.ArgSubject: m.Subject, data.ArgError: a.Error}}, putOutbox(tx, id, data.MessageUncertain)
	})
}

// SettleUncertain decides an uncertain message: found in the Sent folder or
// marked sent by staff (it leaves the outbox as sent), or queued again to be
// resent with the same Message-ID. A message not uncertain (any more) is
// refused with data.ErrNotUncertain.
func (s *Store) SettleUncertain(ctx context.Context, id uint64, how data.Settlement) (data.Message, error) {
	if err := ctx.Err(); err != nil {
		return data.Message{}, err
	}
	return s.changeOutgoing(ctx, id, fmt.Sprintf("settle message #%d", id), func(tx *bolt.Tx, m *data.Message, now time.Time) (*data.Event, error) {
		if m.Direction != data.DirectionOut || m.Status != data.MessageUncertain {
			return nil, fmt.Errorf("message #%d is %s: %w", id, m.Status, data.ErrNotUncertain)
		}
		var err error
		ev := data.Event{At: now, By: how.By, Args: map[string]string{data.ArgSubject: m.Subject}}
		switch {
		case how.Resend:
			m.Status, m.NextAttempt = data.MessageQueued, now
			ev.Type = data.EventMailResend
			err = putOutbox(tx, id, data.MessageQueued)
		case how.Folder != "":
			m.Status, m.Error, m.SentAt = data.MessageSent, "", m.SendingAt
			ev.Type, ev.Args[data.ArgFolder] = data.EventMailFoundSent, how.Folder
			err = tx.Bucket(bucketOutbox).Delete(u64(id))
		default:
			m.Status, m.Error, m.SentAt = data.MessageSent, "", m.SendingAt
			ev.Type = data.EventMailMarkedSent
			err = tx.Bucket(bucketOutbox).Delete(u64(id))
		}
		if m.SentAt.IsZero() && m.Status == data.MessageSent {
			m.SentAt = now
		}
		return &ev, err
	})
}

// noteOnCase appends an event to the timeline of m's case, if it has one.
func noteOnCase(tx *bolt.Tx, m data.Message, ev data.Event) (*data.Case, error) {
	if m.CaseID == 0 {
		return nil, nil
	}
	c, err := getCaseByIDTx(tx, u64(m.CaseID))
	if err != nil {
		return nil, err
	}
	old := c
	c.Timeline = append(slices.Clone(c.Timeline), ev)
	if err := putCase(tx, &c, &old); err != nil {
		return nil, err
	}
	return &c, nil
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
