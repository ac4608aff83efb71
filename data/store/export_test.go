package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"casebook/data"
	"casebook/data/demo"
)

// EachCase hands every case over in the order asked, across batches, and
// stops cleanly at the consumer's error or a cancelled context.
func TestEachCaseInOrderAndStops(t *testing.T) {
	s := openTest(t, "", nil)
	ctx := context.Background()
	if err := s.LoadDemo(ctx, demo.Generate(1, 3*eachCaseBatch+17, time.Now()), nil); err != nil {
		t.Fatal(err)
	}
	rows := s.List(data.Filter{}, data.Sort{Key: data.SortReceived, Asc: true}, time.Now())
	ids := make([]uint64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	i := 0
	err := s.EachCase(ctx, ids, func(c *data.Case) error {
		if c.ID != ids[i] || c.Number != rows[i].Number {
			t.Fatalf("case %d is %s, want %s", i, c.Number, rows[i].Number)
		}
		i++
		return nil
	})
	if err != nil || i != len(ids) {
		t.Fatalf("EachCase: %d of %d, %v", i, len(ids), err)
	}

	stop := errors.New("disk full")
	n := 0
	if err := s.EachCase(ctx, ids, func(*data.Case) error {
		n++
		if n == eachCaseBatch+3 {
			return stop
		}
		return nil
	}); !errors.Is(err, stop) || n != eachCaseBatch+3 {
		t.Errorf("stopped at %d with %v", n, err)
	}

	cctx, cancel := context.WithCancel(ctx)
	n = 0
	if err := s.EachCase(cctx, ids, func(*data.Case) error {
		if n++; n == 10 {
			cancel()
		}
		return nil
	}); !errors.Is(err, context.Canceled) || n >= len(ids) {
		t.Errorf("cancelled: %d cases, %v", n, err)
	}

	if err := s.EachCase(ctx, []uint64{ids[0], 1 << 40}, func(*data.Case) error { return nil }); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("missing id: %v", err)
	}
	// Writes go on while nothing is exported; the store closes with no reader left.
	if _, err := s.CreateCase(ctx, sampleCase()); err != nil {
		t.Fatal(err)
	}
}
