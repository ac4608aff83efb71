package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// CreateCase records a new case and its customer in one transaction and returns
// it once it is on disk.
func (s *Store) CreateCase(ctx context.Context, n data.NewCase) (data.Case, error) {
	cs, err := s.CreateCases(ctx, []data.NewCase{n})
	if err != nil {
		return data.Case{}, err
	}
	return cs[0], nil
}

// CreateCases records several cases in one transaction: all or none.
func (s *Store) CreateCases(ctx context.Context, ns []data.NewCase) ([]data.Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := s.Settings()
	now := s.now()
	for i := range ns {
		if err := ns[i].Normalize(st, now); err != nil {
			return nil, fmt.Errorf("create case: %w", err)
		}
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	out := make([]data.Case, 0, len(ns))
	err := s.db.Update(func(tx *bolt.Tx) error {
		for i := range ns {
			c, err := createInTx(tx, &ns[i], st, now, nil)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("create case: %w", err)
	}
	rows := make([]*data.Row, len(out))
	for i := range out {
		rows[i] = data.RowOf(&out[i])
	}
	s.indexPut(rows...)
	return out, nil
}

// createInTx writes a new case; adjust, when given, may change it before the write.
func createInTx(tx *bolt.Tx, n *data.NewCase, st data.Settings, now time.Time, adjust func(*data.Case) error) (data.Case, error) {
	number, err := nextNumber(tx, st.CounterCode, n.ReceivedAt)
	if err != nil {
		return data.Case{}, err
	}
	cust, err := upsertCustomer(tx, n.Customer, n.By, number, now)
	if err != nil {
		return data.Case{}, err
	}
	id, err := tx.Bucket(bucketCases).NextSequence()
	if err != nil {
		return data.Case{}, err
	}
	c := data.NewCaseFrom(*n, id, number, cust.ID, st, now)
	if adjust != nil {
		if err := adjust(&c); err != nil {
			return data.Case{}, err
		}
	}
	if err := putCase(tx, &c, nil); err != nil {
		return data.Case{}, err
	}
	if err := tx.Bucket(bucketNumbers).Put([]byte(number), u64(id)); err != nil {
		return data.Case{}, err
	}
	return c, tx.Bucket(bucketIdxCustomer).Put(append(u64(cust.ID), u64(id)...), nil)
}

// nextNumber hands out COUNTER-YEAR-NNNN; the counter lives in the database so a
// number is never reused, even after the case is gone.
func nextNumber(tx *bolt.Tx, counter string, received time.Time) (string, error) {
	key := fmt.Sprintf("%s-%d", counter, received.Year())
	b := tx.Bucket(bucketSeq)
	var last uint64
	if v := b.Get([]byte(key)); len(v) == 8 {
		last = binary.BigEndian.Uint64(v)
	}
	for {
		last++
		number := fmt.Sprintf("%s-%04d", key, last)
		if tx.Bucket(bucketNumbers).Get([]byte(number)) == nil {
			return number, b.Put([]byte(key), u64(last))
		}
	}
}

// putCase writes the case, its list row and its index entries, replacing old's.
// It appends the write's audit entries in the same transaction.
func putCase(tx *bolt.Tx, c *data.Case, old *data.Case) error {
	js, err := json.Marshal(c)
	if err != nil {
		return err
	}
	if err := auditCase(tx, c, old, js); err != nil {
		return err
	}
	raw, err := encodeBlob(js)
	if err != nil {
		return err
	}
	id := u64(c.ID)
	cases, rows := tx.Bucket(bucketCases), tx.Bucket(bucketRows)
	// Ids only grow: pack pages full instead of splitting them in half.
	cases.FillPercent, rows.FillPercent = appendFill, appendFill
	if err := cases.Put(id, raw); err != nil {
		return err
	}
	if err := rows.Put(id, data.EncodeRow(data.RowOf(c))); err != nil {
		return err
	}
	if err := putFact(tx, c); err != nil { // facts.go
		return err
	}
	if old != nil {
		if err := tx.Bucket(bucketIdxStatus).Delete(statusKey(old)); err != nil {
			return err
		}
		if k := dueKey(old); k != nil {
			if err := tx.Bucket(bucketIdxDue).Delete(k); err != nil {
				return err
			}
		}
	} else if err := tx.Bucket(bucketIdxReceived).Put(append(u64(timeKey(c.ReceivedAt)), id...), nil); err != nil {
		return err
	}
	if err := tx.Bucket(bucketIdxStatus).Put(statusKey(c), nil); err != nil {
		return err
	}
	if k := dueKey(c); k != nil {
		return tx.Bucket(bucketIdxDue).Put(k, nil)
	}
	return nil
}

func statusKey(c *data.Case) []byte {
	k := append([]byte(c.Status), 0)
	k = append(k, u64(timeKey(c.ReceivedAt))...)
	return append(k, u64(c.ID)...)
}

// dueKey indexes the earliest running deadline of an open case.
func dueKey(c *data.Case) []byte {
	if !c.Status.Open() {
		return nil
	}
	var due time.Time
	for _, cl := range []data.Clock{c.FirstResponse, c.Resolution} {
		if cl.Running() && (due.IsZero() || cl.Due.Before(due)) {
			due = cl.Due
		}
	}
	if due.IsZero() {
		return nil
	}
	return append(u64(timeKey(due)), u64(c.ID)...)
}

func getCaseTx(tx *bolt.Tx, number string) (data.Case, error) {
	number = strings.ToUpper(strings.TrimSpace(number))
	id := tx.Bucket(bucketNumbers).Get([]byte(number))
	if id == nil {
		return data.Case{}, fmt.Errorf("case %s: %w", number, data.ErrNotFound)
	}
	return getCaseByIDTx(tx, id)
}

func getCaseByIDTx(tx *bolt.Tx, id []byte) (data.Case, error) {
	raw := tx.Bucket(bucketCases).Get(id)
	if raw == nil {
		return data.Case{}, fmt.Errorf("case #%d: %w", binary.BigEndian.Uint64(id), data.ErrNotFound)
	}
	var c data.Case
	if err := decodeRecord(raw, &c); err != nil {
		return data.Case{}, fmt.Errorf("case #%d: %w", binary.BigEndian.Uint64(id), err)
	}
	return c, nil
}

// Case reads one case by its number.
func (s *Store) Case(ctx context.Context, number string) (data.Case, error) {
	if err := ctx.Err(); err != nil {
		return data.Case{}, err
	}
	var c data.Case
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		c, err = getCaseTx(tx, number)
		return err
	})
	return c, err
}

// CaseByID reads one case by its internal id (as found in a Row).
func (s *Store) CaseByID(ctx context.Context, id uint64) (data.Case, error) {
	if err := ctx.Err(); err != nil {
		return data.Case{}, err
	}
	var c data.Case
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		c, err = getCaseByIDTx(tx, u64(id))
		return err
	})
	return c, err
}

// update applies fn to a case and writes it, its row, its indexes and the events
// fn appended, in one transaction. Nothing is written if fn fails.
func (s *Store) update(ctx context.Context, number string, fn func(c *data.Case, st data.Settings, now time.Time) error) (data.Case, error) {
	return s.updateInTx(ctx, number, func(_ *bolt.Tx, c *data.Case, st data.Settings, now time.Time) error {
		return fn(c, st, now)
	})
}

// updateInTx is update for changes that write more than the case (a blob, say)
// in the same transaction.
func (s *Store) updateInTx(ctx context.Context, number string, fn func(tx *bolt.Tx, c *data.Case, st data.Settings, now time.Time) error) (data.Case, error) {
	if err := ctx.Err(); err != nil {
		return data.Case{}, err
	}
	st := s.Settings()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var c data.Case
	err := s.db.Update(func(tx *bolt.Tx) error {
		old, err := getCaseTx(tx, number)
		if err != nil {
			return err
		}
		c = old
		c.Timeline = append([]data.Event(nil), old.Timeline...)
		c.Remedies = append([]data.Remedy(nil), old.Remedies...)
		c.Letters = append([]data.Letter(nil), old.Letters...)
		if err := fn(tx, &c, st, s.now()); err != nil {
			return err
		}
		return putCase(tx, &c, &old)
	})
	if err != nil {
		return data.Case{}, err
	}
	s.indexPut(data.RowOf(&c))
	return c, nil
}

// Update applies several changes to one case in one transaction: if any of
// them fails, none is written. fn gets the settings and the store's clock.
func (s *Store) Update(ctx context.Context, number string, fn func(c *data.Case, st data.Settings, now time.Time) error) (data.Case, error) {
	c, err := s.update(ctx, number, fn)
	if err != nil {
		return data.Case{}, fmt.Errorf("change case %s: %w", number, err)
	}
	return c, nil
}

// Move takes a case to another workflow stage, with an optional note.
func (s *Store) Move(ctx context.Context, number string, to data.Status, by, note string) (data.Case, error) {
	c, err := s.update(ctx, number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.Move(st, to, by, note, now)
	})
	if err != nil {
		return data.Case{}, fmt.Errorf("move case %s to %s: %w", number, to, err)
	}
	return c, nil
}

// AddNote appends a note to the timeline.
func (s *Store) AddNote(ctx context.Context, number, by, text string) (data.Case, error) {
	c, err := s.update(ctx, number, func(c *data.Case, _ data.Settings, now time.Time) error {
		return c.AddNote(by, text, now)
	})
	if err != nil {
		return data.Case{}, fmt.Errorf("add note to %s: %w", number, err)
	}
	return c, nil
}

// SetOwner assigns the case to a staff member ("" to nobody).
func (s *Store) SetOwner(ctx context.Context, number, owner, by string) (data.Case, error) {
	c, err := s.update(ctx, number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.SetOwner(st, owner, by, now)
	})
	if err != nil {
		return data.Case{}, fmt.Errorf("assign %s: %w", number, err)
	}
	return c, nil
}

// SetSeverity changes the severity.
func (s *Store) SetSeverity(ctx context.Context, number string, sev data.Severity, by string) (data.Case, error) {
	c, err := s.update(ctx, number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.SetSeverity(st, sev, by, now)
	})
	if err != nil {
		return data.Case{}, fmt.Errorf("set severity of %s: %w", number, err)
	}
	return c, nil
}

// SetCategory changes the category.
func (s *Store) SetCategory(ctx context.Context, number, slug, by string) (data.Case, error) {
	c, err := s.update(ctx, number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.SetCategory(st, slug, by, now)
	})
	if err != nil {
		return data.Case{}, fmt.Errorf("set category of %s: %w", number, err)
	}
	return c, nil
}

// SetWaiting pauses the case's clocks while it waits on the customer or a
// supplier, or resumes them (data.WaitingNone).
func (s *Store) SetWaiting(ctx context.Context, number string, w data.Waiting, by, note string) (data.Case, error) {
	c, err := s.update(ctx, number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.SetWaiting(st, w, by, note, now)
	})
	if err != nil {
		return data.Case{}, fmt.Errorf("set waiting on %s: %w", number, err)
	}
	return c, nil
}

// Escalate sets who answers for the case: staff, supervisor or owner; raised,
// the case goes to the person to, or the level's default (see data.Case.Escalate).
func (s *Store) Escalate(ctx context.Context, number string, level data.Escalation, to, by, note string) (data.Case, error) {
	c, err := s.update(ctx, number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.Escalate(st, level, to, by, note, now)
	})
	if err != nil {
		return data.Case{}, fmt.Errorf("escalate %s: %w", number, err)
	}
	return c, nil
}
