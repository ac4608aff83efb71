package store

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// UnfiledMail counts the incoming messages that are on no case and wait for
// staff: unreadable ones (parked) and those held as a probable mail loop.
// Automatic mail on no case (an out-of-office without a case) is not counted:
// nobody has to act on it. It reads every message, so callers compute it when
// mail changed, not every minute; to be quick it inflates each record into a
// reused buffer and decodes only those whose JSON can match (a key in the
// JSON of a message is never inside a string: quotes there are escaped).
func (s *Store) UnfiledMail(ctx context.Context) (int, error) {
	n := 0
	var buf bytes.Buffer
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketMessages)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			raw, err := inflateRecord(v, &buf)
			if err != nil {
				return fmt.Errorf("message #%d: %w", binary.BigEndian.Uint64(k), err)
			}
			// case_id is left out when it is 0; the outcome or the loop mark must be there.
			if bytes.Contains(raw, []byte(`"case_id":`)) ||
				!bytes.Contains(raw, []byte(`"outcome":"parked"`)) && !bytes.Contains(raw, []byte(`"loop":true`)) {
				return nil
			}
			var m struct {
				CaseID    uint64         `json:"case_id"`
				Direction data.Direction `json:"direction"`
				Outcome   data.Outcome   `json:"outcome"`
				Loop      bool           `json:"loop"`
			}
			if err := json.Unmarshal(raw, &m); err != nil {
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

var inflaters = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}

// inflateRecord is decodeBlob for a record (plain JSON too) into buf, reusing
// an inflater: a new one allocates tens of kilobytes.
func inflateRecord(b []byte, buf *bytes.Buffer) ([]byte, error) {
	switch {
	case len(b) > 0 && b[0] == '{':
		return b, nil
	case len(b) > 0 && b[0] == markerRaw:
		return b[1:], nil
	case len(b) == 0 || b[0] != markerDeflate:
		return nil, fmt.Errorf("%w: unknown format", errBadRecord)
	}
	r := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(b[1:]), nil); err != nil {
		return nil, fmt.Errorf("%w: %v", errBadRecord, err)
	}
	buf.Reset()
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, fmt.Errorf("%w: %v", errBadRecord, err)
	}
	return buf.Bytes(), nil
}
