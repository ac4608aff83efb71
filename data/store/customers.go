package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// upsertCustomer finds the customer by phone, then e-mail, filling in details
// they did not have (recorded on their contact history, with the case number
// and who recorded it); otherwise it creates a new customer.
func upsertCustomer(tx *bolt.Tx, in data.Customer, by, number string, now time.Time) (data.Customer, error) {
	phone, email := data.NormalizePhone(in.Phone), data.NormalizeEmail(in.Email)
	byPhone, byEmail := tx.Bucket(bucketCustPhone), tx.Bucket(bucketCustEmail)
	custs := tx.Bucket(bucketCustomers)
	var id []byte
	if phone != "" {
		id = byPhone.Get([]byte(phone))
	}
	if id == nil && email != "" {
		id = byEmail.Get([]byte(email))
	}
	var c data.Customer
	if id != nil {
		if err := json.Unmarshal(custs.Get(id), &c); err != nil {
			return data.Customer{}, fmt.Errorf("customer #%d: %w", binary.BigEndian.Uint64(id), err)
		}
		before := c
		if c.Phone == "" {
			c.Phone = in.Phone
		}
		if c.Email == "" {
			c.Email = in.Email
		}
		if c.WeChat == "" {
			c.WeChat = in.WeChat
		}
		if err := addContactHistory(tx, c.ID, data.ContactChanges(before, c, by, data.ContactByIntake, number, now)); err != nil {
			return data.Customer{}, err
		}
	} else {
		seq, err := custs.NextSequence()
		if err != nil {
			return data.Customer{}, err
		}
		c = in
		c.ID = seq
		id = u64(seq)
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return data.Customer{}, err
	}
	if err := custs.Put(id, raw); err != nil {
		return data.Customer{}, err
	}
	// A contact already used by another customer keeps pointing there.
	if phone != "" && byPhone.Get([]byte(phone)) == nil {
		if err := byPhone.Put([]byte(phone), id); err != nil {
			return data.Customer{}, err
		}
	}
	if email != "" && byEmail.Get([]byte(email)) == nil {
		if err := byEmail.Put([]byte(email), id); err != nil {
			return data.Customer{}, err
		}
	}
	return c, nil
}

// FindCustomers returns customers whose phone or e-mail starts with prefix, for
// "found again as you type". Phones are matched however they were typed.
func (s *Store) FindCustomers(ctx context.Context, prefix string, limit int) ([]data.Customer, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []data.Customer
	seen := map[string]bool{}
	err := s.db.View(func(tx *bolt.Tx) error {
		scan := func(bucket []byte, p string) error {
			if len(p) < 3 {
				return nil
			}
			cur := tx.Bucket(bucket).Cursor()
			for k, id := cur.Seek([]byte(p)); k != nil && bytes.HasPrefix(k, []byte(p)) && len(out) < limit; k, id = cur.Next() {
				if seen[string(id)] {
					continue
				}
				seen[string(id)] = true
				var c data.Customer
				if err := json.Unmarshal(tx.Bucket(bucketCustomers).Get(id), &c); err != nil {
					return fmt.Errorf("customer #%d: %w", binary.BigEndian.Uint64(id), err)
				}
				out = append(out, c)
			}
			return nil
		}
		if err := scan(bucketCustPhone, data.NormalizePhone(prefix)); err != nil {
			return err
		}
		return scan(bucketCustEmail, data.NormalizeEmail(prefix))
	})
	if err != nil {
		return nil, fmt.Errorf("find customers: %w", err)
	}
	return out, nil
}

// Customer reads one customer.
func (s *Store) Customer(ctx context.Context, id uint64) (data.Customer, error) {
	if err := ctx.Err(); err != nil {
		return data.Customer{}, err
	}
	var c data.Customer
	err := s.db.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketCustomers).Get(u64(id))
		if raw == nil {
			return fmt.Errorf("customer #%d: %w", id, data.ErrNotFound)
		}
		return json.Unmarshal(raw, &c)
	})
	return c, err
}

// CustomerCases lists a customer's cases, newest first, from the customer index.
func (s *Store) CustomerCases(ctx context.Context, customerID uint64) ([]*data.Row, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var ids []uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		prefix := u64(customerID)
		cur := tx.Bucket(bucketIdxCustomer).Cursor()
		for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
			ids = append(ids, binary.BigEndian.Uint64(k[8:]))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("customer cases: %w", err)
	}
	idx, err := s.listIndex(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*data.Row, 0, len(ids))
	for _, id := range ids {
		if r, ok := idx.Get(id); ok {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *data.Row) int { return b.ReceivedAt.Compare(a.ReceivedAt) })
	return out, nil
}
