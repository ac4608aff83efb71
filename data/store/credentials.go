package store

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
	"casebook/data/secret"
)

// bucketCredentials holds the staff's sign-in secrets: staff name → JSON
// data.Credential (an argon2id hash, its salt and parameters, the failed
// tries). Never part of the settings. Created by the first PIN set, so a
// database without PINs has none (and needs no migration).
var bucketCredentials = []byte("credentials")

// Credential is name's stored secret, if any.
func (s *Store) Credential(name string) (c data.Credential, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		c, ok, err = getCredential(tx, name)
		return err
	})
	return c, ok, err
}

// CredentialNames lists who has a PIN or password.
func (s *Store) CredentialNames() ([]string, error) {
	var names []string
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCredentials)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error { names = append(names, string(k)); return nil })
	})
	return names, err
}

func getCredential(tx *bolt.Tx, name string) (data.Credential, bool, error) {
	b := tx.Bucket(bucketCredentials)
	if b == nil {
		return data.Credential{}, false, nil
	}
	raw := b.Get([]byte(name))
	if raw == nil {
		return data.Credential{}, false, nil
	}
	var c data.Credential
	if err := json.Unmarshal(raw, &c); err != nil {
		return data.Credential{}, false, fmt.Errorf("credential of %s: %w", name, err)
	}
	return c, true, nil
}

func putCredential(tx *bolt.Tx, name string, c data.Credential) error {
	b, err := tx.CreateBucketIfNotExists(bucketCredentials)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return b.Put([]byte(name), raw)
}

// pruneCredentials drops the secrets of people no longer on the staff list
// (whoever is added again under that name starts without one).
func pruneCredentials(tx *bolt.Tx, st data.Settings) error {
	b := tx.Bucket(bucketCredentials)
	if b == nil {
		return nil
	}
	var gone [][]byte
	_ = b.ForEach(func(k, _ []byte) error {
		if _, ok := st.StaffRole(string(k)); !ok {
			gone = append(gone, append([]byte(nil), k...))
		}
		return nil
	})
	for _, k := range gone {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// SetCredential stores name's new secret, made by by, and its audit entry
// (AuditPINSet naming whose) in one transaction. A new secret starts with
// no failed tries and no lock.
func (s *Store) SetCredential(ctx context.Context, name string, c data.Credential, by string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, ok := s.Settings().StaffRole(name); !ok {
		return &data.UnknownStaffError{Name: name}
	}
	c.Failures, c.LockedUntil = 0, time.Time{}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.db.Update(func(tx *bolt.Tx) error {
		if err := putCredential(tx, name, c); err != nil {
			return err
		}
		return auditAction(tx, data.AuditAction{Kind: data.AuditPINSet, By: by, What: name})
	})
}

// TrySecret checks name's secret at the store's clock, counts a wrong try
// (locking after data.LockAfter, see data.Credential.Try) and records the
// outcome in the audit chain — a sign-in (What: how; none when how is
// "", a check before a change) or a failure (What: the
// tries in a row) — in one transaction. A try while locked is refused
// unchecked and uncounted. The refusal is a *data.SignInError.
func (s *Store) TrySecret(ctx context.Context, name, pin, how string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var refused error
	err := s.db.Update(func(tx *bolt.Tx) error {
		refused = nil
		c, ok, err := getCredential(tx, name)
		if err != nil {
			return err
		}
		if !ok {
			refused = &data.SignInError{Name: name, Reason: data.SignInNoSecret}
			return nil
		}
		before := c.Failures
		refused = c.Try(name, func(c data.Credential) bool { return secret.Matches(c, pin) }, txNow(tx))
		if refused == nil {
			if before != 0 {
				if err := putCredential(tx, name, c); err != nil {
					return err
				}
			}
			if how == "" { // a check of the old PIN before a change: the change is recorded
				return nil
			}
			return auditAction(tx, data.AuditAction{Kind: data.AuditSignIn, By: name, What: how})
		}
		if c.Failures == before { // locked: not checked, not counted
			return nil
		}
		if err := putCredential(tx, name, c); err != nil {
			return err
		}
		return auditAction(tx, data.AuditAction{Kind: data.AuditSignInFailed, By: name, What: strconv.Itoa(c.Failures)})
	})
	if err != nil {
		return fmt.Errorf("sign in %s: %w", name, err)
	}
	return refused
}

// auditAction appends an action that changes no record inside tx (as
// RecordAudit does in a transaction of its own).
func auditAction(tx *bolt.Tx, a data.AuditAction) error {
	e := data.AuditEntry{Kind: a.Kind, By: data.AuditBy(a.By), What: a.What, CaseID: a.CaseID, Number: a.Number}
	e.Content = data.Digest(e.Canonical())
	return appendAudit(tx, &e)
}

// SignInEntries lists the audit chain's sign-in entries (sign-ins,
// sign-outs, failures, PINs set), oldest first.
func (s *Store) SignInEntries(ctx context.Context) ([]data.AuditEntry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []data.AuditEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		ab := tx.Bucket(bucketAudit)
		if ab == nil {
			return nil
		}
		prev := ""
		return ab.ForEach(func(k, v []byte) error {
			e, err := decodeAuditEntry(v, prev)
			if err != nil {
				return fmt.Errorf("audit entry %x: %w", k, err)
			}
			if len(v) >= 32 {
				prev = hex.EncodeToString(v[:32])
			}
			switch e.Kind {
			case data.AuditSignIn, data.AuditSignOut, data.AuditSignInFailed, data.AuditPINSet:
				out = append(out, e)
			}
			return nil
		})
	})
	return out, err
}
