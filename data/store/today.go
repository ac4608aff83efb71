package store

import (
	"context"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// UnfiledMail counts the incoming messages that are on no case and wait for
// staff: unreadable ones (parked) and those held as a probable mail loop.
// Automatic mail on no case (an out-of-office without a case) is not counted:
// nobody has to act on it. It reads every message, so callers compute it when
// mail changed, not every minute.
func (s *Store) UnfiledMail(ctx context.Context) (int, error) {
	n := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketMessages)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			// Only the fields the count needs: the rest of the JSON is skipped.
			var m struct {
				CaseID    uint64         `json:"case_id"`
				Direction data.Direction `json:"direction"`
				Outcome   data.Outcome   `json:"outcome"`
				Loop      bool           `json:"loop"`
			}
			if err := decodeRecord(v, &m); err != nil {
				return fmt.Errorf("message #%d: %w", binary.BigEndian.Uint64(k), err)
			}
			if m.Direction == data.DirectionIn && m.CaseID == 0 && (m.Outcome == data.OutcomeParked || m.Loop) {
				n++
			}
			return nil
		})
	})
	return n, err
}
