package data

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// CreateCase records a new case and its customer in one transaction and returns
// it once it is on disk.
func (s *Store) CreateCase(ctx context.Context, n NewCase) (Case, error) {
	cs, err := s.CreateCases(ctx, []NewCase{n})
	if err != nil {
		return Case{}, err
	}
	return cs[0], nil
}

// CreateCases records several cases in one transaction: all or none.
func (s *Store) CreateCases(ctx context.Context, ns []NewCase) ([]Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := s.Settings()
	now := s.now()
	for i := range ns {
		if err := ns[i].normalize(st, now); err != nil {
			return nil, fmt.Errorf("create case: %w", err)
		}
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	out := make([]Case, 0, len(ns))
	err := s.db.Update(func(tx *bolt.Tx) error {
		for i := range ns {
			c, err := createInTx(tx, &ns[i], st, now)
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
	s.mu.Lock()
	for i := range out {
		s.index.put(rowOf(&out[i]))
	}
	s.mu.Unlock()
	return out, nil
}

func createInTx(tx *bolt.Tx, n *NewCase, st Settings, now time.Time) (Case, error) {
	cust, err := upsertCustomer(tx, n.Customer)
	if err != nil {
		return Case{}, err
	}
	number, err := nextNumber(tx, st.CounterCode, n.ReceivedAt)
	if err != nil {
		return Case{}, err
	}
	id, err := tx.Bucket(bucketCases).NextSequence()
	if err != nil {
		return Case{}, err
	}
	cat, _ := st.Category(n.Category)
	targets := st.Policy.TargetsFor(n.Severity, &cat)
	urgent := n.Severity == SeverityUrgent
	n.Customer.ID = cust.ID
	c := Case{
		ID: id, Number: number, Status: StatusNew, Kind: n.Kind, Category: n.Category,
		Severity: n.Severity, Channel: n.Channel, Subject: n.Subject, Description: n.Description,
		Demand: n.Demand, Amount: n.Amount, Currency: n.Currency, CustomerID: cust.ID,
		Customer: n.Customer, Booking: n.Booking, ReceivedAt: n.ReceivedAt, Owner: n.Owner,
		Escalation:    EscalationStaff,
		FirstResponse: StartClock(n.ReceivedAt, time.Duration(targets.FirstResponse), urgent, st.Calendar),
		Resolution:    StartClock(n.ReceivedAt, time.Duration(targets.Resolution), urgent, st.Calendar),
	}
	c.Timeline = []Event{{At: now, By: n.By, Type: EventCreated, New: string(StatusNew),
		Text: fmt.Sprintf("recorded %s via %s", c.Kind, c.Channel)}}
	if err := putCase(tx, &c, nil); err != nil {
		return Case{}, err
	}
	if err := tx.Bucket(bucketNumbers).Put([]byte(number), u64(id)); err != nil {
		return Case{}, err
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
func putCase(tx *bolt.Tx, c *Case, old *Case) error {
	raw, err := json.Marshal(c)
	if err != nil {
		return err
	}
	id := u64(c.ID)
	if err := tx.Bucket(bucketCases).Put(id, raw); err != nil {
		return err
	}
	if err := tx.Bucket(bucketRows).Put(id, encodeRow(rowOf(c))); err != nil {
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

func statusKey(c *Case) []byte {
	k := append([]byte(c.Status), 0)
	k = append(k, u64(timeKey(c.ReceivedAt))...)
	return append(k, u64(c.ID)...)
}

// dueKey indexes the earliest running deadline of an open case.
func dueKey(c *Case) []byte {
	if !c.Status.Open() {
		return nil
	}
	var due time.Time
	for _, cl := range []Clock{c.FirstResponse, c.Resolution} {
		if cl.Running() && (due.IsZero() || cl.Due.Before(due)) {
			due = cl.Due
		}
	}
	if due.IsZero() {
		return nil
	}
	return append(u64(timeKey(due)), u64(c.ID)...)
}

func getCaseTx(tx *bolt.Tx, number string) (Case, error) {
	number = strings.ToUpper(strings.TrimSpace(number))
	id := tx.Bucket(bucketNumbers).Get([]byte(number))
	if id == nil {
		return Case{}, fmt.Errorf("case %s: %w", number, ErrNotFound)
	}
	return getCaseByIDTx(tx, id)
}

func getCaseByIDTx(tx *bolt.Tx, id []byte) (Case, error) {
	raw := tx.Bucket(bucketCases).Get(id)
	if raw == nil {
		return Case{}, fmt.Errorf("case #%d: %w", binary.BigEndian.Uint64(id), ErrNotFound)
	}
	var c Case
	if err := json.Unmarshal(raw, &c); err != nil {
		return Case{}, fmt.Errorf("case #%d: %w", binary.BigEndian.Uint64(id), err)
	}
	return c, nil
}

// Case reads one case by its number.
func (s *Store) Case(ctx context.Context, number string) (Case, error) {
	if err := ctx.Err(); err != nil {
		return Case{}, err
	}
	var c Case
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		c, err = getCaseTx(tx, number)
		return err
	})
	return c, err
}

// CaseByID reads one case by its internal id (as found in a Row).
func (s *Store) CaseByID(ctx context.Context, id uint64) (Case, error) {
	if err := ctx.Err(); err != nil {
		return Case{}, err
	}
	var c Case
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		c, err = getCaseByIDTx(tx, u64(id))
		return err
	})
	return c, err
}

// update applies fn to a case and writes it, its row, its indexes and the events
// fn appended, in one transaction. Nothing is written if fn fails.
func (s *Store) update(ctx context.Context, number string, fn func(c *Case, st Settings, now time.Time) error) (Case, error) {
	if err := ctx.Err(); err != nil {
		return Case{}, err
	}
	st := s.Settings()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var c Case
	err := s.db.Update(func(tx *bolt.Tx) error {
		old, err := getCaseTx(tx, number)
		if err != nil {
			return err
		}
		c = old
		c.Timeline = append([]Event(nil), old.Timeline...)
		c.Remedies = append([]Remedy(nil), old.Remedies...)
		if err := fn(&c, st, s.now()); err != nil {
			return err
		}
		return putCase(tx, &c, &old)
	})
	if err != nil {
		return Case{}, err
	}
	s.mu.Lock()
	s.index.put(rowOf(&c))
	s.mu.Unlock()
	return c, nil
}

// Move takes a case to another workflow stage, with an optional note.
func (s *Store) Move(ctx context.Context, number string, to Status, by, note string) (Case, error) {
	c, err := s.update(ctx, number, func(c *Case, st Settings, now time.Time) error {
		if err := checkMove(c.Kind, c.Status, to); err != nil {
			return err
		}
		from := c.Status
		c.Status = to
		switch to {
		case StatusAcknowledged, StatusDeclined:
			c.FirstResponse.Stop(now)
			if to == StatusDeclined {
				c.Resolution.Stop(now)
			}
		case StatusResolved:
			c.Resolution.Stop(now)
		case StatusClosed:
			c.FirstResponse.Stop(now)
			c.Resolution.Stop(now)
			c.ClosedAt = now
		case StatusInvestigating:
			if from == StatusClosed { // reopened: the customer gets a fresh resolution deadline
				cat, _ := st.Category(c.Category)
				t := st.Policy.TargetsFor(c.Severity, &cat)
				c.Resolution = StartClock(now, time.Duration(t.Resolution), c.Severity == SeverityUrgent, st.Calendar)
				c.ClosedAt = time.Time{}
			}
		}
		c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventStatus,
			Old: string(from), New: string(to), Text: strings.TrimSpace(note)})
		if !to.Open() && c.Waiting != WaitingNone {
			c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventWaiting,
				Old: string(c.Waiting), New: "", Text: "no longer waiting: case " + string(to)})
			c.Waiting = WaitingNone
		}
		return nil
	})
	if err != nil {
		return Case{}, fmt.Errorf("move case %s to %s: %w", number, to, err)
	}
	return c, nil
}

// AddNote appends a note to the timeline.
func (s *Store) AddNote(ctx context.Context, number, by, text string) (Case, error) {
	text = strings.TrimSpace(text)
	c, err := s.update(ctx, number, func(c *Case, _ Settings, now time.Time) error {
		if text == "" {
			return fieldErr("note", "the note is empty")
		}
		c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventNote, Text: text})
		return nil
	})
	if err != nil {
		return Case{}, fmt.Errorf("add note to %s: %w", number, err)
	}
	return c, nil
}

// SetOwner assigns the case to a staff member ("" to nobody).
func (s *Store) SetOwner(ctx context.Context, number, owner, by string) (Case, error) {
	owner = strings.TrimSpace(owner)
	c, err := s.update(ctx, number, func(c *Case, _ Settings, now time.Time) error {
		if c.Owner == owner {
			return nil
		}
		c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventOwner, Old: c.Owner, New: owner})
		c.Owner = owner
		return nil
	})
	if err != nil {
		return Case{}, fmt.Errorf("assign %s: %w", number, err)
	}
	return c, nil
}

// SetSeverity changes the severity. Running clocks keep their deadlines; the
// change is on the timeline so the supervisor sees it.
func (s *Store) SetSeverity(ctx context.Context, number string, sev Severity, by string) (Case, error) {
	c, err := s.update(ctx, number, func(c *Case, _ Settings, now time.Time) error {
		if !validSeverity(sev) {
			return fieldErr("severity", "unknown severity %q", sev)
		}
		if c.Severity == sev {
			return nil
		}
		c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventSeverity, Old: string(c.Severity), New: string(sev)})
		c.Severity = sev
		return nil
	})
	if err != nil {
		return Case{}, fmt.Errorf("set severity of %s: %w", number, err)
	}
	return c, nil
}

// SetCategory changes the category.
func (s *Store) SetCategory(ctx context.Context, number, slug, by string) (Case, error) {
	c, err := s.update(ctx, number, func(c *Case, st Settings, now time.Time) error {
		if _, ok := st.Category(slug); !ok {
			return fieldErr("category", "unknown category %q", slug)
		}
		if c.Category == slug {
			return nil
		}
		c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventCategory, Old: c.Category, New: slug})
		c.Category = slug
		return nil
	})
	if err != nil {
		return Case{}, fmt.Errorf("set category of %s: %w", number, err)
	}
	return c, nil
}

// SetWaiting marks the case as waiting on the customer or a supplier, pausing both
// clocks, or clears it (WaitingNone), resuming them.
func (s *Store) SetWaiting(ctx context.Context, number string, w Waiting, by, note string) (Case, error) {
	c, err := s.update(ctx, number, func(c *Case, st Settings, now time.Time) error {
		if w != WaitingNone && w != WaitingCustomer && w != WaitingSupplier {
			return fieldErr("waiting", "unknown waiting state %q", w)
		}
		if c.Waiting == w {
			return nil
		}
		if w != WaitingNone && !c.Status.Open() {
			return fmt.Errorf("%w: a %s case does not wait", ErrTransition, c.Status)
		}
		if w == WaitingNone {
			c.FirstResponse.Resume(now, st.Calendar)
			c.Resolution.Resume(now, st.Calendar)
		} else {
			c.FirstResponse.Pause(now, st.Calendar)
			c.Resolution.Pause(now, st.Calendar)
		}
		c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventWaiting, Old: string(c.Waiting), New: string(w), Text: strings.TrimSpace(note)})
		c.Waiting = w
		return nil
	})
	if err != nil {
		return Case{}, fmt.Errorf("set waiting on %s: %w", number, err)
	}
	return c, nil
}

// Escalate sets who answers for the case: staff, supervisor or owner.
func (s *Store) Escalate(ctx context.Context, number string, level Escalation, by, note string) (Case, error) {
	c, err := s.update(ctx, number, func(c *Case, _ Settings, now time.Time) error {
		if level != EscalationStaff && level != EscalationSupervisor && level != EscalationOwner {
			return fieldErr("escalation", "unknown escalation level %q", level)
		}
		if c.Escalation == level {
			return nil
		}
		c.Timeline = append(c.Timeline, Event{At: now, By: by, Type: EventEscalation, Old: string(c.Escalation), New: string(level), Text: strings.TrimSpace(note)})
		c.Escalation = level
		return nil
	})
	if err != nil {
		return Case{}, fmt.Errorf("escalate %s: %w", number, err)
	}
	return c, nil
}

// NextEscalation is the level above l, or l itself at the top.
func NextEscalation(l Escalation) Escalation {
	switch l {
	case EscalationStaff, "":
		return EscalationSupervisor
	default:
		return EscalationOwner
	}
}
