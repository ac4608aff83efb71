package store

import (
	"context"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// OutboxAheadIn lists the messages waiting in this outbox (queued or
// sending) that other — the database as it was before a restore — holds,
// with the same Message-ID, as sent, sending or uncertain: mail that went
// out after the backup was taken, which the restored outbox would send a
// second time.
func (s *Store) OutboxAheadIn(ctx context.Context, other *Store) ([]uint64, error) {
	type waiting struct {
		id  []byte
		mid string
	}
	var here []waiting
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
			if st := outboxState(v); st != data.MessageQueued && st != data.MessageSending {
				return nil
			}
			m, err := getMessageTx(tx, k)
			if err != nil {
				return err
			}
			here = append(here, waiting{append([]byte(nil), k...), m.MessageID})
			return nil
		})
	})
	if err != nil || len(here) == 0 {
		return nil, err
	}
	var ahead []uint64
	err = other.db.View(func(tx *bolt.Tx) error {
		for _, w := range here {
			if err := ctx.Err(); err != nil {
				return err
			}
			if tx.Bucket(bucketMessages).Get(w.id) == nil {
				continue
			}
			m, err := getMessageTx(tx, w.id)
			if err != nil {
				return err
			}
			if m.MessageID != w.mid {
				continue
			}
			switch m.Status {
			case data.MessageSent, data.MessageSending, data.MessageUncertain:
				ahead = append(ahead, binary.BigEndian.Uint64(w.id))
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("compare the outbox with the database before the restore: %w", err)
	}
	return ahead, nil
}
