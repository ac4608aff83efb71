package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// EditCase corrects what was recorded on a case (see data.Case.Edit) in one
// transaction: the case, its customer record, the customer indexes when the
// case moves to another customer or the customer gets a new contact, and
// the received-time index.
func (s *Store) EditCase(ctx context.Context, number, by string, e data.CaseEdit) (data.Case, error) {
	if err := e.Normalize(s.now()); err != nil {
		return data.Case{}, fmt.Errorf("edit case %s: %w", number, err)
	}
	c, err := s.updateInTx(ctx, number, func(tx *bolt.Tx, c *data.Case, st data.Settings, now time.Time) error {
		oldReceived, oldCustomer := c.ReceivedAt, c.CustomerID
		cust, err := customerTx(tx, c.CustomerID)
		if err != nil {
			return err
		}
		out, err := c.Edit(e, st, cust, txCustomers{tx}, by, now)
		if err != nil || !out.Changed {
			return err
		}
		before, err := customerTx(tx, out.Customer.ID)
		if err != nil {
			return err
		}
		if err := addContactHistory(tx, out.Customer.ID, data.ContactChanges(before, out.Customer, by, data.ContactByEdit, c.Number, now)); err != nil {
			return err
		}
		if err := putCustomer(tx, out.Customer); err != nil {
			return err
		}
		id := u64(c.ID)
		if out.MovedFrom != 0 {
			idx := tx.Bucket(bucketIdxCustomer)
			if err := idx.Delete(append(u64(oldCustomer), id...)); err != nil {
				return err
			}
			if err := idx.Put(append(u64(c.CustomerID), id...), nil); err != nil {
				return err
			}
		}
		if !oldReceived.Equal(c.ReceivedAt) {
			idx := tx.Bucket(bucketIdxReceived)
			if err := idx.Delete(append(u64(timeKey(oldReceived)), id...)); err != nil {
				return err
			}
			return idx.Put(append(u64(timeKey(c.ReceivedAt)), id...), nil)
		}
		return nil
	})
	if err != nil {
		return data.Case{}, fmt.Errorf("edit case %s: %w", number, err)
	}
	return c, nil
}

// customerTx reads a customer record; a case whose record is missing (an old
// database) gets an empty one with its id.
func customerTx(tx *bolt.Tx, id uint64) (data.Customer, error) {
	raw := tx.Bucket(bucketCustomers).Get(u64(id))
	if raw == nil {
		return data.Customer{ID: id}, nil
	}
	var c data.Customer
	if err := json.Unmarshal(raw, &c); err != nil {
		return data.Customer{}, fmt.Errorf("customer #%d: %w", id, err)
	}
	return c, nil
}

// putCustomer writes a customer record and indexes its phone and e-mail
// where no other customer has them (a contact keeps pointing to whoever had
// it first, as at intake).
func putCustomer(tx *bolt.Tx, c data.Customer) error {
	if c.ID == 0 {
		return fmt.Errorf("%w: a customer without an id", data.ErrInvalid)
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return err
	}
	id := u64(c.ID)
	if err := tx.Bucket(bucketCustomers).Put(id, raw); err != nil {
		return err
	}
	for _, ix := range []struct {
		bucket []byte
		key    string
	}{{bucketCustPhone, data.NormalizePhone(c.Phone)}, {bucketCustEmail, data.NormalizeEmail(c.Email)}} {
		if ix.key == "" || tx.Bucket(ix.bucket).Get([]byte(ix.key)) != nil {
			continue
		}
		if err := tx.Bucket(ix.bucket).Put([]byte(ix.key), id); err != nil {
			return err
		}
	}
	return nil
}

// txCustomers finds customers by their indexed contacts inside a transaction.
type txCustomers struct{ tx *bolt.Tx }

func (t txCustomers) find(bucket []byte, key string) (data.Customer, bool) {
	if key == "" {
		return data.Customer{}, false
	}
	id := t.tx.Bucket(bucket).Get([]byte(key))
	if id == nil {
		return data.Customer{}, false
	}
	c, err := customerTx(t.tx, binary.BigEndian.Uint64(id))
	if err != nil {
		return data.Customer{}, false
	}
	return c, true
}

func (t txCustomers) ByPhone(p string) (data.Customer, bool) { return t.find(bucketCustPhone, p) }
func (t txCustomers) ByEmail(e string) (data.Customer, bool) { return t.find(bucketCustEmail, e) }

// AttachEvidence stores a file's bytes once by their SHA-256 and lists it on
// the case with its timeline event, in one transaction. The same content
// already on the case is not listed again: added is false and ev is the entry
// already there.
func (s *Store) AttachEvidence(ctx context.Context, number string, ev data.Evidence, b []byte) (c data.Case, out data.Evidence, added bool, err error) {
	if len(b) > data.MaxEvidenceBytes {
		return data.Case{}, data.Evidence{}, false, fmt.Errorf("attach to %s: %w", number,
			&data.EvidenceTooLargeError{Name: data.CleanFileName(ev.Name), Max: data.MaxEvidenceBytes})
	}
	sum := sha256.Sum256(b)
	ev.SHA256, ev.Size = hex.EncodeToString(sum[:]), int64(len(b))
	c, err = s.updateInTx(ctx, number, func(tx *bolt.Tx, c *data.Case, _ data.Settings, now time.Time) error {
		var err error
		if out, added, err = c.AddEvidence(ev, now); err != nil || !added {
			return err
		}
		if s.extract != nil && tx.Bucket(bucketBlobs).Get([]byte(ev.SHA256)) == nil {
			// A photo the customer e-mailed first is kept inside that message:
			// it is read from there, not stored a second time.
			if src := tx.Bucket(bucketBlobSrc); src != nil && src.Get([]byte(ev.SHA256)) != nil {
				return nil
			}
		}
		return putBlob(tx, ev.SHA256, b)
	})
	if err != nil {
		return data.Case{}, data.Evidence{}, false, fmt.Errorf("attach to %s: %w", number, err)
	}
	return c, out, added, nil
}
