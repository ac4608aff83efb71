package store

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
	"casebook/data/demo"
)

// demoBatch is how many demo cases go in one transaction: large enough to avoid
// one fsync per case, small enough to keep memory and the write lock short.
const demoBatch = 1000

// LoadDemo records generated cases (see package demo) with their workflow steps,
// at the times the generator chose, through the case operations (Move,
// SetWaiting) so they follow the same rules as cases recorded by hand, in
// batches. progress, if not nil, is called after each batch.
func (s *Store) LoadDemo(ctx context.Context, cases []demo.Case, progress func(done, total int)) error {
	st := s.Settings()
	now := s.now()
	for i := range cases {
		if err := cases[i].New.Normalize(st, now); err != nil {
			return fmt.Errorf("demo case %d: %w", i, err)
		}
	}
	for start := 0; start < len(cases); start += demoBatch {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch := cases[start:min(start+demoBatch, len(cases))]
		if err := s.loadDemoBatch(batch, st); err != nil {
			return fmt.Errorf("load demo cases: %w", err)
		}
		if progress != nil {
			progress(start+len(batch), len(cases))
		}
	}
	return nil
}

func (s *Store) loadDemoBatch(batch []demo.Case, st data.Settings) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	out := make([]data.Case, 0, len(batch))
	err := s.db.Update(func(tx *bolt.Tx) error {
		for i := range batch {
			d := &batch[i]
			c, err := createInTx(tx, &d.New, st, d.New.ReceivedAt, func(c *data.Case) error {
				last := d.New.ReceivedAt
				for _, step := range d.Steps {
					var err error
					switch {
					case step.FollowUp != nil:
						err = c.RecordFollowUp(st, *step.FollowUp, step.By, step.At)
					case step.KeepClosed:
						err = c.KeepClosed(step.By, "", step.At)
					case step.Findings != nil:
						err = c.SetFindings(*step.Findings, step.By, step.At)
					default:
						err = c.Move(st, step.To, step.By, step.Note, step.At)
					}
					if err != nil {
						return fmt.Errorf("case %s: %w", c.Number, err)
					}
					last = step.At
				}
				if d.Waiting == data.WaitingNone {
					return nil
				}
				return c.SetWaiting(st, d.Waiting, c.Owner, "", last)
			})
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return err
	}
	rows := make([]*data.Row, len(out))
	for i := range out {
		rows[i] = data.RowOf(&out[i])
	}
	s.indexPut(rows...)
	return nil
}
