package store

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// eachCaseBatch is how many cases EachCase reads per read transaction: few
// enough that memory stays bounded and no transaction stays open long (a
// long reader keeps bbolt from reusing pages), many enough that the
// transactions cost nothing next to decoding.
const eachCaseBatch = 256

// EachCase calls fn with each case of ids, in that order, and stops at fn's
// first error. Cases are read a batch at a time, one batch ahead of fn on
// another goroutine (decoding is half the work of an export, and a desk
// computer has a second core), and fn runs outside any read transaction,
// so it may take its time writing a file. At most three batches are held
// at once however many ids there are.
func (s *Store) EachCase(ctx context.Context, ids []uint64, fn func(*data.Case) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type batch struct {
		cases []data.Case
		err   error
	}
	ch := make(chan batch, 1)
	go func() {
		defer close(ch)
		for start := 0; start < len(ids); start += eachCaseBatch {
			part := ids[start:min(start+eachCaseBatch, len(ids))]
			b := batch{cases: make([]data.Case, 0, len(part))}
			if b.err = ctx.Err(); b.err == nil {
				b.err = s.db.View(func(tx *bolt.Tx) error {
					for _, id := range part {
						c, err := getCaseByIDTx(tx, u64(id))
						if err != nil {
							return err
						}
						b.cases = append(b.cases, c)
					}
					return nil
				})
			}
			select {
			case ch <- b:
			case <-ctx.Done():
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	stop := func(err error) error {
		cancel()
		for range ch { // let the reader finish its transaction before returning
		}
		return err
	}
	for b := range ch {
		if b.err != nil {
			return stop(fmt.Errorf("read cases: %w", b.err))
		}
		for i := range b.cases {
			if err := fn(&b.cases[i]); err != nil {
				return stop(err)
			}
		}
	}
	return ctx.Err()
}
