package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sync"

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
}

// custEntry is one customer as the index holds it; never changed in place.
type custEntry struct {
	c    data.Customer
	vip  bool
	tags []string
	hay  string
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
		s.wmu.Lock() // no change slips between the read and the publish
		defer s.wmu.Unlock()
		s.mu.RLock()
		ci = s.custIndex
		s.mu.RUnlock()
		if ci == nil {
			var err error
			if ci, err = s.loadCustIndex(ctx); err != nil {
				return nil, err
			}
			s.mu.Lock()
			s.custIndex = ci
			s.mu.Unlock()
			return ci, nil
		}
	}
	return ci, s.refreshCustIndex(ci)
}

func (s *Store) loadCustIndex(ctx context.Context) (*custIndex, error) {
	ci := &custIndex{entries: map[uint64]*custEntry{}, dirty: map[uint64]bool{}}
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

// snapshot lists the entries; they are never changed in place.
func (ci *custIndex) snapshot() []*custEntry {
	ci.mu.Lock()
	defer ci.mu.Unlock()
	out := make([]*custEntry, 0, len(ci.entries))
	for _, e := range ci.entries {
		out = append(out, e)
	}
	return out
}

// custRowsChanged marks the customers of written cases for reloading: a
// customer's record changes only together with one of their cases.
func (s *Store) custRowsChanged(rows []*data.Row) {
	s.mu.RLock()
	ci := s.custIndex
	s.mu.RUnlock()
	if ci == nil {
		return
	}
	ids := make([]uint64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.CustomerID)
	}
	ci.markDirty(ids...)
}
