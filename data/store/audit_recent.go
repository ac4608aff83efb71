package store

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// AuditRecent lists the chain's last n entries, oldest first: the actions
// that name no case (backups, restores, compactions) are read back so.
func (s *Store) AuditRecent(ctx context.Context, n int) ([]data.AuditEntry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []data.AuditEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		ab := tx.Bucket(bucketAudit)
		if ab == nil || n <= 0 {
			return nil
		}
		k, _ := ab.Cursor().Last()
		if len(k) != 8 {
			return nil
		}
		last := binary.BigEndian.Uint64(k)
		first := uint64(1)
		if last > uint64(n) {
			first = last - uint64(n) + 1
		}
		for seq := first; seq <= last; seq++ {
			prev := ""
			if p := ab.Get(u64(seq - 1)); len(p) >= 32 {
				prev = hex.EncodeToString(p[:32])
			}
			v := ab.Get(u64(seq))
			if v == nil {
				continue
			}
			e, err := decodeAuditEntry(v, prev)
			if err != nil {
				return fmt.Errorf("audit entry %d: %w", seq, err)
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("recent audit entries: %w", err)
	}
	return out, nil
}
