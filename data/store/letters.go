package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// SetFindings records the investigation's findings and the solution.
func (s *Store) SetFindings(ctx context.Context, number string, f data.Findings, by string) (data.Case, error) {
	c, err := s.update(ctx, number, func(c *data.Case, _ data.Settings, now time.Time) error {
		return c.SetFindings(f, by, now)
	})
	if err != nil {
		return data.Case{}, fmt.Errorf("record findings on %s: %w", number, err)
	}
	return c, nil
}

// RenderLetter makes a letter's PDF from the case as it is in the issuing
// transaction; it returns the letter's record (without its hash and size) and bytes.
type RenderLetter func(c data.Case, st data.Settings, now time.Time) (data.Letter, []byte, error)

// IssueLetter renders a letter and keeps it: the PDF goes to the blob store
// and the letter onto the case and its timeline, in one transaction, so what
// is recorded is exactly what was printed. A case not in a state for the
// letter is refused before anything is rendered. prepare, when not nil,
// changes the case first in the same transaction (acknowledging it, say).
func (s *Store) IssueLetter(ctx context.Context, number string, t data.LetterType,
	prepare func(c *data.Case, st data.Settings, now time.Time) error, render RenderLetter) (data.Case, data.Letter, []byte, error) {
	var letter data.Letter
	var doc []byte
	c, err := s.updateInTx(ctx, number, func(tx *bolt.Tx, c *data.Case, st data.Settings, now time.Time) error {
		if prepare != nil {
			if err := prepare(c, st, now); err != nil {
				return err
			}
		}
		if err := c.LetterReadiness(t); err != nil {
			return err
		}
		var err error
		if letter, doc, err = render(*c, st, now); err != nil {
			return err
		}
		sum := sha256.Sum256(doc)
		letter.Type, letter.SHA256, letter.Size = t, hex.EncodeToString(sum[:]), int64(len(doc))
		if letter.IssuedAt.IsZero() {
			letter.IssuedAt = now
		}
		c.AddLetter(letter)
		return putBlob(tx, letter.SHA256, doc)
	})
	if err != nil {
		return data.Case{}, data.Letter{}, nil, fmt.Errorf("issue %s letter for %s: %w", t, number, err)
	}
	return c, letter, doc, nil
}

// PutBlob stores bytes (an agency logo, a seal image) and returns their SHA-256.
func (s *Store) PutBlob(ctx context.Context, b []byte) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	sha := hex.EncodeToString(sum[:])
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err := s.db.Update(func(tx *bolt.Tx) error { return putBlob(tx, sha, b) })
	if err != nil {
		return "", fmt.Errorf("store file: %w", err)
	}
	return sha, nil
}

// ClosedBetween returns the cases closed in [from, to), oldest closure first.
func (s *Store) ClosedBetween(ctx context.Context, from, to time.Time) ([]data.Case, error) {
	var out []data.Case
	prefix := append([]byte(data.StatusClosed), 0)
	err := s.db.View(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketIdxStatus).Cursor()
		for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			c, err := getCaseByIDTx(tx, k[len(k)-8:])
			if err != nil {
				return err
			}
			if !c.ClosedAt.Before(from) && c.ClosedAt.Before(to) {
				out = append(out, c)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("closed cases: %w", err)
	}
	slices.SortFunc(out, func(a, b data.Case) int {
		if d := a.ClosedAt.Compare(b.ClosedAt); d != 0 {
			return d
		}
		return cmpString(a.Number, b.Number)
	})
	return out, nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
