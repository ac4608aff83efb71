package store

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// bucketImports remembers every imported ledger row: its key (data.ImportOrigin.Key:
// "ref\x00"+reference or "row\x00"+row hash) → the case id it became. Created
// at the first import.
var bucketImports = []byte("imports")

// ImportKnown reports which of keys an earlier import already brought in.
func (s *Store) ImportKnown(ctx context.Context, keys []string) (map[string]bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	known := map[string]bool{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketImports)
		if b == nil {
			return nil
		}
		for _, k := range keys {
			if b.Get([]byte(k)) != nil {
				known[k] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return known, nil
}

// ImportResult says what an import wrote.
type ImportResult struct {
	Added   []data.Case // in the order given
	Skipped []int       // indexes into the rows given: already imported (or twice in this file)
}

// Import writes the rows as cases in one transaction — all or none — with
// their customers found or created as at intake, skipping rows whose key an
// earlier import (or an earlier row of this one) already has, and appends an
// audit entry for the import itself (what: the file, its hash, the counts).
func (s *Store) Import(ctx context.Context, rows []data.ImportedCase, by, what string) (ImportResult, error) {
	if err := ctx.Err(); err != nil {
		return ImportResult{}, err
	}
	st := s.Settings()
	now := s.now()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var res ImportResult
	err := s.db.Update(func(tx *bolt.Tx) error {
		res = ImportResult{}
		b, err := tx.CreateBucketIfNotExists(bucketImports)
		if err != nil {
			return err
		}
		for i := range rows {
			ic := rows[i]
			key := []byte(ic.Origin.Key())
			if b.Get(key) != nil {
				res.Skipped = append(res.Skipped, i)
				continue
			}
			n := ic.New
			c, err := createInTx(tx, &n, st, now, func(c *data.Case) error {
				data.ApplyImport(c, ic, now)
				return nil
			})
			if err != nil {
				return fmt.Errorf("row %d: %w", ic.Origin.Row, err)
			}
			if err := b.Put(key, u64(c.ID)); err != nil {
				return err
			}
			res.Added = append(res.Added, c)
		}
		e := data.AuditEntry{Kind: data.AuditImport, By: data.AuditBy(by), What: what}
		e.Content = data.Digest(e.Canonical())
		return appendAudit(tx, &e)
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	out := make([]*data.Row, len(res.Added))
	for i := range res.Added {
		out[i] = data.RowOf(&res.Added[i])
	}
	s.indexPut(out...)
	return res, nil
}
