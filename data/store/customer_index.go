package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// custIndex is the customers held in memory for "any part of a name, phone,
// e-mail or WeChat" search: a substring scan of one lower-cased string per
// customer. A trigram index would miss one- and two-character queries (a
// Chinese surname, 退款); at 100,000 cases the scan takes a few milliseconds
// (BenchmarkCustomerSearch100k). It is loaded when first needed and kept
// current after each commit: every write of a customer comes with a write of
// one of their cases (intake, an edit, anonymisation), whose row names the
// customer and marks it for reloading (indexPut), or comes from this file's
// own writes (customersChanged).
type custIndex struct {
	mu      sync.Mutex
	entries map[uint64]*custEntry
	dirty   map[uint64]bool
	// The cases of each customer as the list index has them (kind and
	// received time: what the list counts and the repeat mark needs), and
	// whose each case is, to move a case when its row names someone else.
	cases map[uint64]map[uint64]caseBrief
	owner map[uint64]uint64
}

// custEntry is one customer as the index holds it.
type custEntry struct {
	c    data.Customer
	vip  bool
	tags []string
	hay  string
}

type caseBrief struct {
	kind     data.Kind
	received time.Time
}

func newCustEntry(c data.Customer, p data.CustomerProfile) *custEntry {
	return &custEntry{c: c, vip: p.VIP, tags: p.Tags, hay: data.CustomerHay(c, p.History)}
}

// customerIndex returns the loaded index, loading it on first use, with
// the customers marked since brought up to date.
func (s *Store) customerIndex(ctx context.Context) (*custIndex, error) {
	s.mu.RLock()
	ci := s.custIndex
	s.mu.RUnlock()
	if ci == nil {
		li, err := s.listIndex(ctx) // before wmu: it may take it to load
		if err != nil {
			return nil, err
		}
		s.wmu.Lock() // no change slips between the read and the publish
		defer s.wmu.Unlock()
		s.mu.RLock()
		ci = s.custIndex
		s.mu.RUnlock()
		if ci == nil {
			if ci, err = s.loadCustIndex(ctx); err != nil {
				return nil, err
			}
			ci.putRows(li.All())
			s.mu.Lock()
			s.custIndex = ci
			s.mu.Unlock()
			return ci, nil
		}
	}
	return ci, s.refreshCustIndex(ci)
}

func (s *Store) loadCustIndex(ctx context.Context) (*custIndex, error) {
	ci := &custIndex{entries: map[uint64]*custEntry{}, dirty: map[uint64]bool{},
		cases: map[uint64]map[uint64]caseBrief{}, owner: map[uint64]uint64{}}
	err := s.db.View(func(tx *bolt.Tx) error {
		profiles := map[uint64]data.CustomerProfile{}
		if b := tx.Bucket(bucketCustProfiles); b != nil {
			err := b.ForEach(func(k, v []byte) error {
				var p data.CustomerProfile
				if err := json.Unmarshal(v, &p); err != nil {
					return fmt.Errorf("customer #%d profile: %w", binary.BigEndian.Uint64(k), err)
				}
				profiles[binary.BigEndian.Uint64(k)] = p
				return nil
			})
			if err != nil {
				return err
			}
		}
		n := 0
		return tx.Bucket(bucketCustomers).ForEach(func(k, v []byte) error {
			if n++; n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			var c data.Customer
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("customer #%d: %w", binary.BigEndian.Uint64(k), err)
			}
			p := profiles[c.ID]
			if p.MergedInto == 0 {
				ci.entries[c.ID] = newCustEntry(c, p)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read the customers: %w", err)
	}
	return ci, nil
}

// refreshCustIndex rereads the customers marked since the last search.
func (s *Store) refreshCustIndex(ci *custIndex) error {
	ci.mu.Lock()
	defer ci.mu.Unlock()
	if len(ci.dirty) == 0 {
		return nil
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		for id := range ci.dirty {
			c, p, err := liveCustomerTx(tx, id)
			if err != nil {
				delete(ci.entries, id) // merged away or gone
				continue
			}
			ci.entries[id] = newCustEntry(c, p)
		}
		return nil
	})
	if err == nil {
		clear(ci.dirty)
	}
	return err
}

func (ci *custIndex) markDirty(ids ...uint64) {
	ci.mu.Lock()
	defer ci.mu.Unlock()
	for _, id := range ids {
		if id != 0 {
			ci.dirty[id] = true
		}
	}
}

// putRows records the cases of rows under their customers; callers hold
// ci.mu or own ci alone.
func (ci *custIndex) putRows(rows []*data.Row) {
	for _, r := range rows {
		if old, ok := ci.owner[r.ID]; ok && old != r.CustomerID {
			delete(ci.cases[old], r.ID)
		}
		ci.owner[r.ID] = r.CustomerID
		m := ci.cases[r.CustomerID]
		if m == nil {
			m = map[uint64]caseBrief{}
			ci.cases[r.CustomerID] = m
		}
		m[r.ID] = caseBrief{kind: r.Kind, received: r.ReceivedAt}
	}
}

// custRowsChanged records written cases under their customers and marks
// those customers for reloading: a customer's record changes only together
// with one of their cases; callers hold wmu.
func (s *Store) custRowsChanged(rows []*data.Row) {
	s.mu.RLock()
	ci := s.custIndex
	s.mu.RUnlock()
	if ci == nil {
		return
	}
	ci.mu.Lock()
	defer ci.mu.Unlock()
	ci.putRows(rows)
	for _, r := range rows {
		if r.CustomerID != 0 {
			ci.dirty[r.CustomerID] = true
		}
	}
}

// search lists the customers q selects at now with their case counts.
func (ci *custIndex) search(q CustomerQuery, st data.CustomerSettings, now time.Time) []data.CustomerSummary {
	tag := strings.TrimSpace(q.Tag)
	ci.mu.Lock()
	defer ci.mu.Unlock()
	var out []data.CustomerSummary
	for id, e := range ci.entries {
		if (q.VIP && !e.vip) || (tag != "" && !slices.Contains(e.tags, tag)) || !data.CustomerQueryMatch(e.hay, q.Text) {
			continue
		}
		sum := ci.summaryOf(id, e, st, now)
		if q.Repeat && !sum.Repeat {
			continue
		}
		out = append(out, sum)
	}
	return out
}

// summary is one customer's summary; false when the index lacks them.
func (ci *custIndex) summary(id uint64, st data.CustomerSettings, now time.Time) (data.CustomerSummary, bool) {
	ci.mu.Lock()
	defer ci.mu.Unlock()
	e, ok := ci.entries[id]
	if !ok {
		return data.CustomerSummary{}, false
	}
	return ci.summaryOf(id, e, st, now), true
}

// summaryOf counts a customer's cases; callers hold ci.mu.
func (ci *custIndex) summaryOf(id uint64, e *custEntry, st data.CustomerSettings, now time.Time) data.CustomerSummary {
	since := st.RepeatSince(now)
	sum := data.CustomerSummary{Customer: e.c, VIP: e.vip, Tags: e.tags}
	for _, b := range ci.cases[id] {
		sum.Cases++
		if b.received.After(sum.Last) {
			sum.Last = b.received
		}
		if b.kind == data.KindComplaint && !b.received.Before(since) && !b.received.After(now) {
			sum.Complaints++
		}
	}
	sum.Repeat = sum.Complaints >= st.Count()
	return sum
}
