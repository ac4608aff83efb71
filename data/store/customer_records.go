package store

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// bucketCustProfiles holds what the agency keeps about a customer beyond
// their contacts (tags, VIP, notes, contact history, merges): customer id →
// JSON data.CustomerProfile. Created when first written; a customer without
// one has an empty profile. A record merged away keeps only its profile, as
// a pointer (MergedInto) to the record it went to.
var bucketCustProfiles = []byte("cust_profiles")

// profileTx reads a customer's profile (empty when none was written).
func profileTx(tx *bolt.Tx, id uint64) (data.CustomerProfile, error) {
	var p data.CustomerProfile
	b := tx.Bucket(bucketCustProfiles)
	if b == nil {
		return p, nil
	}
	raw := b.Get(u64(id))
	if raw == nil {
		return p, nil
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return p, fmt.Errorf("customer %s profile: %w", data.CustomerRef(id), err)
	}
	return p, nil
}

// putProfile writes a profile; an empty one is removed.
func putProfile(tx *bolt.Tx, id uint64, p data.CustomerProfile) error {
	b, err := laterBucket(tx, bucketCustProfiles)
	if err != nil {
		return err
	}
	if !p.Personal() && !p.VIP && len(p.Merged) == 0 && p.MergedInto == 0 {
		return b.Delete(u64(id))
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return b.Put(u64(id), raw)
}

// addContactHistory appends changes to a customer's contact history.
func addContactHistory(tx *bolt.Tx, id uint64, changes []data.ContactChange) error {
	if len(changes) == 0 || id == 0 {
		return nil
	}
	p, err := profileTx(tx, id)
	if err != nil {
		return err
	}
	p.History = append(p.History, changes...)
	return putProfile(tx, id, p)
}

// liveCustomerTx reads a customer that still exists: a record merged away
// is a *data.MergedError naming where it went.
func liveCustomerTx(tx *bolt.Tx, id uint64) (data.Customer, data.CustomerProfile, error) {
	p, err := profileTx(tx, id)
	if err != nil {
		return data.Customer{}, p, err
	}
	if p.MergedInto != 0 {
		return data.Customer{}, p, &data.MergedError{ID: id, Into: p.MergedInto}
	}
	raw := tx.Bucket(bucketCustomers).Get(u64(id))
	if raw == nil {
		return data.Customer{}, p, fmt.Errorf("customer %s: %w", data.CustomerRef(id), data.ErrNotFound)
	}
	var c data.Customer
	if err := json.Unmarshal(raw, &c); err != nil {
		return data.Customer{}, p, fmt.Errorf("customer %s: %w", data.CustomerRef(id), err)
	}
	return c, p, nil
}

// customerAddresses is every e-mail address a customer was known by: their
// record's and the earlier ones of their contact history (a merged record's
// too), for finding their unfiled mail.
func customerAddresses(c data.Customer, p data.CustomerProfile) []string {
	out := []string{data.NormalizeEmail(c.Email)}
	for _, h := range p.History {
		if h.Field == data.ContactEmail {
			out = append(out, data.NormalizeEmail(h.Old), data.NormalizeEmail(h.New))
		}
	}
	slices.Sort(out)
	return slices.DeleteFunc(slices.Compact(out), func(s string) bool { return s == "" })
}

// unfiledFromAllTx is the unfiled incoming mail from any of addrs.
func unfiledFromAllTx(tx *bolt.Tx, addrs []string) ([]data.Message, error) {
	var out []data.Message
	for _, a := range addrs {
		ms, err := unfiledFromTx(tx, a)
		if err != nil {
			return nil, err
		}
		out = append(out, ms...)
	}
	slices.SortFunc(out, func(a, b data.Message) int { return a.Date.Compare(b.Date) })
	return out, nil
}

// CustomerProfile reads a customer and their profile; a record merged away
// is a *data.MergedError.
func (s *Store) CustomerProfile(ctx context.Context, id uint64) (data.Customer, data.CustomerProfile, error) {
	if err := ctx.Err(); err != nil {
		return data.Customer{}, data.CustomerProfile{}, err
	}
	var c data.Customer
	var p data.CustomerProfile
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		c, p, err = liveCustomerTx(tx, id)
		return err
	})
	return c, p, err
}

// UpdateCustomerProfile changes a customer's profile in one transaction,
// with its audit entry (what: tags, vip or note; by whom); fn reports whether
// it changed anything (nothing is written otherwise).
func (s *Store) UpdateCustomerProfile(ctx context.Context, id uint64, by, what string, fn func(p *data.CustomerProfile, now time.Time) (bool, error)) (data.CustomerProfile, error) {
	if err := ctx.Err(); err != nil {
		return data.CustomerProfile{}, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var p data.CustomerProfile
	changed := false
	err := s.db.Update(func(tx *bolt.Tx) error {
		var err error
		if _, p, err = liveCustomerTx(tx, id); err != nil {
			return err
		}
		if changed, err = fn(&p, s.now()); err != nil || !changed {
			return err
		}
		if err := putProfile(tx, id, p); err != nil {
			return err
		}
		return appendAudit(tx, profileAudit(id, by, what, p))
	})
	if err != nil {
		return data.CustomerProfile{}, fmt.Errorf("customer %s: %w", data.CustomerRef(id), err)
	}
	if changed {
		s.customersChanged(id)
	}
	return p, nil
}

// CustomerOfCase is the id of the customer of a case, by its number.
func (s *Store) CustomerOfCase(ctx context.Context, number string) (uint64, error) {
	c, err := s.Case(ctx, number)
	if err != nil {
		return 0, err
	}
	return c.CustomerID, nil
}

// CustomerPage reads what a customer's page shows: their cases (newest
// first) with status, outcome, compensation and rating, the compensation
// paid by currency, the ratings, the profile, and the repeat-complainant
// mark at now.
func (s *Store) CustomerPage(ctx context.Context, id uint64, now time.Time) (data.CustomerPage, error) {
	if err := ctx.Err(); err != nil {
		return data.CustomerPage{}, err
	}
	st := s.Settings().Customers
	pg := data.CustomerPage{Paid: map[string]data.Money{}, Window: st.Months()}
	var complaints []time.Time
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if pg.Customer, pg.Profile, err = liveCustomerTx(tx, id); err != nil {
			return err
		}
		for _, cid := range customerCaseIDs(tx, id) {
			c, err := getCaseByIDTx(tx, u64(cid))
			if err != nil {
				return err
			}
			cc := data.CustomerCase{ID: c.ID, Number: c.Number, Status: c.Status, Kind: c.Kind, Category: c.Category,
				Subject: c.Subject, ReceivedAt: c.ReceivedAt, ClosedAt: c.ClosedAt, Responsibility: c.Responsibility,
				Compensation: data.Compensation(&c), Currency: c.Currency, Rating: c.Satisfaction.Rating}
			pg.Cases = append(pg.Cases, cc)
			if cc.Compensation > 0 {
				pg.Paid[c.Currency] += cc.Compensation
			}
			if c.Kind == data.KindComplaint {
				complaints = append(complaints, c.ReceivedAt)
			}
		}
		return nil
	})
	if err != nil {
		return data.CustomerPage{}, fmt.Errorf("customer %s: %w", data.CustomerRef(id), err)
	}
	slices.SortFunc(pg.Cases, func(a, b data.CustomerCase) int { return b.ReceivedAt.Compare(a.ReceivedAt) })
	for _, c := range pg.Cases {
		if c.Rating > 0 {
			pg.Ratings = append(pg.Ratings, c.Rating)
		}
	}
	pg.Repeat, pg.Recent = st.IsRepeat(complaints, now), st.Within(complaints, now)
	return pg, nil
}

// CustomerQuery selects customers for the list of customers.
type CustomerQuery = data.CustomerQuery

// Customers lists the customers q selects at now, the most recent case
// first. It scans the in-memory customer index (loaded when first needed),
// which also counts each customer's cases: no disk reads.
func (s *Store) Customers(ctx context.Context, q CustomerQuery, now time.Time) ([]data.CustomerSummary, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ci, err := s.customerIndex(ctx)
	if err != nil {
		return nil, err
	}
	out := ci.search(q, s.Settings().Customers, now)
	slices.SortFunc(out, func(a, b data.CustomerSummary) int {
		if c := b.Last.Compare(a.Last); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

// MergeCustomers merges the record other into keep, in one transaction:
// every case of other's moves to keep (its CustomerID, its copy of the
// customer, the customer index) with an EventCustomerMerged on its
// timeline; their mail follows (messages belong to cases; unfiled mail is
// found by every address on the kept record's contact history); tags, VIP,
// notes and contact history join keep's, and other's contacts that keep
// lacks fill keep's record, the rest go on its history; the phone and
// e-mail indexes that pointed to other point to keep. The record other is
// removed and leaves a pointer (its profile's MergedInto). The audit chain
// gets the moved cases' events and an AuditCustomerMerge entry.
func (s *Store) MergeCustomers(ctx context.Context, keep, other uint64, by string) (data.MergeResult, error) {
	if err := ctx.Err(); err != nil {
		return data.MergeResult{}, err
	}
	res := data.MergeResult{Keep: keep, Other: other}
	if keep == other {
		return res, fmt.Errorf("merge customers: %w: a record cannot be merged into itself", data.ErrInvalid)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var rows []*data.Row
	err := s.db.Update(func(tx *bolt.Tx) error {
		res = data.MergeResult{Keep: keep, Other: other}
		rows = nil
		now := s.now()
		kc, kp, err := liveCustomerTx(tx, keep)
		if err != nil {
			return err
		}
		oc, op, err := liveCustomerTx(tx, other)
		if err != nil {
			return err
		}
		// Contacts: fill what keep lacks, record the rest as history.
		merged := kc
		for _, f := range data.ContactFields {
			ov, kv := strings.TrimSpace(oc.Contact(f)), strings.TrimSpace(kc.Contact(f))
			if ov == "" || sameContact(f, ov, kv) {
				continue
			}
			ch := data.ContactChange{At: now, By: by, Field: f, Source: data.ContactByMerge, Old: ov, New: kv}
			if kv == "" {
				setContact(&merged, f, ov)
				ch.Old, ch.New = "", ov
			}
			kp.History = append(kp.History, ch)
			res.Contacts++
		}
		// The profile.
		kp.History = append(kp.History, op.History...)
		slices.SortStableFunc(kp.History, func(a, b data.ContactChange) int { return a.At.Compare(b.At) })
		before := len(kp.Tags)
		if _, err := kp.SetTags(op.Tags, nil); err != nil {
			return err
		}
		res.Tags = len(kp.Tags) - before
		kp.VIP = kp.VIP || op.VIP
		kp.Notes = append(kp.Notes, op.Notes...)
		slices.SortStableFunc(kp.Notes, func(a, b data.CustomerNote) int { return a.At.Compare(b.At) })
		res.Notes = len(op.Notes)
		kp.Merged = append(append(kp.Merged, op.Merged...), other)
		// The cases.
		idx := tx.Bucket(bucketIdxCustomer)
		for _, cid := range customerCaseIDs(tx, other) {
			old, err := getCaseByIDTx(tx, u64(cid))
			if err != nil {
				return err
			}
			c := old
			c.Timeline = append(slices.Clone(old.Timeline), data.Event{At: now, By: by, Type: data.EventCustomerMerged,
				Old: data.CustomerRef(other), New: data.CustomerRef(keep)})
			c.CustomerID, c.Customer = keep, merged
			if err := putCase(tx, &c, &old); err != nil {
				return err
			}
			if err := idx.Delete(append(u64(other), u64(cid)...)); err != nil {
				return err
			}
			if err := idx.Put(append(u64(keep), u64(cid)...), nil); err != nil {
				return err
			}
			ms, err := caseMessagesTx(tx, cid)
			if err != nil {
				return err
			}
			res.Messages += len(ms)
			res.Cases = append(res.Cases, c.Number)
			rows = append(rows, data.RowOf(&c))
		}
		// The contact indexes: whatever found other now finds keep.
		for _, b := range [][]byte{bucketCustPhone, bucketCustEmail} {
			if err := repoint(tx.Bucket(b), other, keep); err != nil {
				return err
			}
		}
		if err := putCustomer(tx, merged); err != nil {
			return err
		}
		if err := putProfile(tx, keep, kp); err != nil {
			return err
		}
		if err := tx.Bucket(bucketCustomers).Delete(u64(other)); err != nil {
			return err
		}
		if err := putProfile(tx, other, data.CustomerProfile{MergedInto: keep, MergedAt: now, MergedBy: by}); err != nil {
			return err
		}
		e := data.AuditEntry{Kind: data.AuditCustomerMerge, By: data.AuditBy(by),
			What: data.CustomerRef(other) + " → " + data.CustomerRef(keep)}
		e.Content = data.Digest(e.Canonical())
		return appendAudit(tx, &e)
	})
	if err != nil {
		return data.MergeResult{}, fmt.Errorf("merge customer %s into %s: %w", data.CustomerRef(other), data.CustomerRef(keep), err)
	}
	s.indexPut(rows...)
	s.customersChanged(keep, other)
	return res, nil
}

// sameContact compares two values of a contact field as the indexes do.
func sameContact(field, a, b string) bool {
	switch field {
	case data.ContactPhone:
		return data.NormalizePhone(a) == data.NormalizePhone(b)
	case data.ContactEmail:
		return data.NormalizeEmail(a) == data.NormalizeEmail(b)
	}
	return a == b
}

func setContact(c *data.Customer, field, v string) {
	switch field {
	case data.ContactName:
		c.Name = v
	case data.ContactPhone:
		c.Phone = v
	case data.ContactEmail:
		c.Email = v
	case data.ContactWeChat:
		c.WeChat = v
	}
}

// repoint makes every key of b that points to customer from point to to.
func repoint(b *bolt.Bucket, from, to uint64) error {
	var keys [][]byte
	err := b.ForEach(func(k, v []byte) error {
		if len(v) == 8 && binary.BigEndian.Uint64(v) == from {
			keys = append(keys, slices.Clone(k))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := b.Put(k, u64(to)); err != nil {
			return err
		}
	}
	return nil
}

// customersChanged refreshes the customer index entries of ids (if the
// index is loaded) and tells of the change; callers hold wmu.
func (s *Store) customersChanged(ids ...uint64) {
	s.mu.RLock()
	ci := s.custIndex
	s.mu.RUnlock()
	if ci != nil {
		ci.markDirty(ids...)
	}
	for _, id := range ids {
		s.notify(data.CustomerChanged{ID: id})
	}
}

// anonymiseProfile erases the personal part of a customer's profile (tags,
// notes, contact history) and reports whether there was any.
func anonymiseProfile(tx *bolt.Tx, id uint64) (bool, error) {
	p, err := profileTx(tx, id)
	if err != nil || !p.Personal() && p.MergedBy == "" {
		return false, err
	}
	return true, putProfile(tx, id, p.Anonymised())
}

// CustomerSummary is one customer as the list shows them (marks and case
// counts at now), from the in-memory index: cheap enough for every redraw of
// a case screen.
func (s *Store) CustomerSummary(ctx context.Context, id uint64, now time.Time) (data.CustomerSummary, error) {
	ci, err := s.customerIndex(ctx)
	if err != nil {
		return data.CustomerSummary{}, err
	}
	sum, ok := ci.summary(id, s.Settings().Customers, now)
	if !ok {
		return data.CustomerSummary{}, fmt.Errorf("customer %s: %w", data.CustomerRef(id), data.ErrNotFound)
	}
	return sum, nil
}

// knownAddressOf reports whether addr (normalised) is on the customer's
// contact history: an address they had before, or one a merged record
// brought. Mail from it is from them.
func knownAddressOf(tx *bolt.Tx, customerID uint64, addr string) bool {
	if customerID == 0 || addr == "" {
		return false
	}
	p, err := profileTx(tx, customerID)
	if err != nil {
		return false
	}
	for _, h := range p.History {
		if h.Field == data.ContactEmail && (data.NormalizeEmail(h.Old) == addr || data.NormalizeEmail(h.New) == addr) {
			return true
		}
	}
	return false
}

// profileAudit is the audit entry of a profile change: who changed what,
// with the profile's tags and flag in the content. The notes are personal
// and erased with the customer, so the entry does not digest them.
func profileAudit(id uint64, by, what string, p data.CustomerProfile) *data.AuditEntry {
	e := &data.AuditEntry{Kind: data.AuditCustomerProfile, By: data.AuditBy(by), What: data.CustomerRef(id) + " " + what}
	public, _ := json.Marshal(struct {
		Tags []string `json:"tags"`
		VIP  bool     `json:"vip"`
		N    int      `json:"notes"`
	}{p.Tags, p.VIP, len(p.Notes)})
	e.Content = data.Digest(append(e.Canonical(), public...))
	return e
}
