package store

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// UnfinishedCasesOf lists the rows of the unfinished cases (not closed or
// declined) that name owns, in number order.
func (s *Store) UnfinishedCasesOf(name string) []*data.Row {
	var out []*data.Row
	for _, r := range s.List(data.Filter{Owner: name}, data.Sort{Key: data.SortNumber, Asc: true}, s.now()) {
		if r.Status.Unfinished() {
			out = append(out, r)
		}
	}
	return out
}

// RemoveStaff saves st — the settings without the staff member name — and
// gives each of name's unfinished cases to `to` ("" for nobody), each with an
// owner event by `by`, in one transaction: either the person is gone and
// every case has its new owner, or nothing changed. It returns the cases it
// reassigned.
func (s *Store) RemoveStaff(ctx context.Context, st data.Settings, name, to, by string) ([]data.Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if _, still := st.StaffRole(name); still {
		return nil, fmt.Errorf("remove %s: still on the staff list", name)
	}
	if err := st.Validate(); err != nil {
		return nil, fmt.Errorf("remove %s: %w", name, err)
	}
	owned := s.UnfinishedCasesOf(name) // before wmu: the first List may load the index under it
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var changed []data.Case
	err := s.db.Update(func(tx *bolt.Tx) error {
		changed = changed[:0]
		if err := putSettings(tx, st, by); err != nil {
			return err
		}
		now := s.now()
		for _, r := range owned {
			old, err := getCaseByIDTx(tx, u64(r.ID))
			if err != nil {
				return err
			}
			if old.Owner != name || !old.Status.Unfinished() { // changed meanwhile
				continue
			}
			c := old
			c.Timeline = append([]data.Event(nil), old.Timeline...)
			if err := c.SetOwner(st, to, by, now); err != nil {
				return err
			}
			if err := putCase(tx, &c, &old); err != nil {
				return err
			}
			changed = append(changed, c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("remove %s: %w", name, err)
	}
	s.mu.Lock()
	s.settings = st
	s.mu.Unlock()
	rows := make([]*data.Row, len(changed))
	for i := range changed {
		rows[i] = data.RowOf(&changed[i])
	}
	s.indexPut(rows...)
	s.notify(data.SettingsChanged{})
	return changed, nil
}
