package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
	"casebook/data/report"
)

// The report's facts (data/report): one small binary record per case, kept
// beside the case by every write, so a report over 100,000 cases reads
// 100,000 short records instead of decompressing and decoding 100,000 case
// documents with their timelines (measured: BenchmarkReport100k, README).
var (
	bucketFacts  = []byte("facts")         // id → report.EncodeFact
	metaFactsVer = []byte("facts_version") // report.FactVersion the facts were built with
)

// settingsCache keeps the decoded settings of the last transaction that
// wrote a fact: FactOf needs the calendar, and decoding the settings for
// every case written in a batch of 200 would be waste.
var settingsCache struct {
	sync.Mutex
	raw []byte
	st  data.Settings
}

func txSettings(tx *bolt.Tx) (data.Settings, error) {
	raw := tx.Bucket(bucketMeta).Get([]byte("settings"))
	settingsCache.Lock()
	defer settingsCache.Unlock()
	if settingsCache.raw != nil && bytes.Equal(raw, settingsCache.raw) {
		return settingsCache.st, nil
	}
	var st data.Settings
	if err := json.Unmarshal(raw, &st); err != nil {
		return data.Settings{}, fmt.Errorf("read settings: %w", err)
	}
	settingsCache.raw, settingsCache.st = bytes.Clone(raw), st
	return st, nil
}

// putFact writes a case's fact. Without the bucket (a database opened by an
// older build since) it does nothing: the next open rebuilds every fact.
func putFact(tx *bolt.Tx, c *data.Case) error {
	b := tx.Bucket(bucketFacts)
	if b == nil {
		return nil
	}
	st, err := txSettings(tx)
	if err != nil {
		return err
	}
	f := report.FactOf(c, st)
	b.FillPercent = appendFill
	return b.Put(u64(c.ID), report.EncodeFact(&f))
}

// factsCurrent reports whether the facts bucket holds every case's fact in
// this build's layout.
func factsCurrent(tx *bolt.Tx) bool {
	v := tx.Bucket(bucketMeta).Get(metaFactsVer)
	return tx.Bucket(bucketFacts) != nil && len(v) == 8 && binary.BigEndian.Uint64(v) == report.FactVersion
}

// ensureFacts builds the facts of every case when the bucket is missing or
// of another layout: once after an upgrade (a backfill, not a schema step,
// so a later FactVersion rebuilds them again without a migration).
func (s *Store) ensureFacts(ctx context.Context) error {
	current := false
	if err := s.db.View(func(tx *bolt.Tx) error { current = factsCurrent(tx); return nil }); err != nil || current {
		return err
	}
	start := time.Now()
	n := 0
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err := s.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketFacts) != nil {
			if err := tx.DeleteBucket(bucketFacts); err != nil {
				return err
			}
		}
		b, err := tx.CreateBucket(bucketFacts)
		if err != nil {
			return err
		}
		b.FillPercent = appendFill
		st, err := txSettings(tx)
		if err != nil {
			return err
		}
		cur := tx.Bucket(bucketCases).Cursor()
		for k, v := cur.First(); k != nil; k, v = cur.Next() {
			if n%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			var c data.Case
			if err := decodeRecord(v, &c); err != nil {
				return fmt.Errorf("case #%d: %w", binary.BigEndian.Uint64(k), err)
			}
			f := report.FactOf(&c, st)
			if err := b.Put(bytes.Clone(k), report.EncodeFact(&f)); err != nil {
				return err
			}
			n++
		}
		return tx.Bucket(bucketMeta).Put(metaFactsVer, u64(report.FactVersion))
	})
	if err != nil {
		return fmt.Errorf("build report facts: %w", err)
	}
	slog.Info("report facts built", "cases", n, "took", time.Since(start))
	return nil
}

// ReportFacts returns the facts of the cases received before before and
// either since since or still open then (report.FactWithin): what
// report.Compute needs for a period p with since = p.Since(settings) and
// before = p.To. A database whose facts are not current (opened read-only
// after an upgrade) has them derived from the cases, slower but the same.
func (s *Store) ReportFacts(ctx context.Context, since, before time.Time) ([]report.Fact, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []report.Fact
	err := s.db.View(func(tx *bolt.Tx) error {
		if !factsCurrent(tx) {
			return s.factsFromCases(ctx, tx, since, before, &out)
		}
		// Two passes: pick the records (mmap'd, valid in this transaction),
		// then decode them into a slice of the right size, not a growing one.
		var keys, vals [][]byte
		cur := tx.Bucket(bucketFacts).Cursor()
		for k, v := cur.First(); k != nil; k, v = cur.Next() {
			if report.FactWithin(v, since, before) {
				keys, vals = append(keys, k), append(vals, v)
			}
		}
		dec := report.NewFactDecoder()
		out = make([]report.Fact, len(vals))
		for i, v := range vals {
			if i%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			f, err := dec.Decode(v)
			if err != nil {
				return fmt.Errorf("report fact #%d: %w", binary.BigEndian.Uint64(keys[i]), err)
			}
			out[i] = f
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read report facts: %w", err)
	}
	return out, nil
}

func (s *Store) factsFromCases(ctx context.Context, tx *bolt.Tx, since, before time.Time, out *[]report.Fact) error {
	st := s.Settings()
	cur := tx.Bucket(bucketCases).Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		var c data.Case
		if err := decodeRecord(v, &c); err != nil {
			return fmt.Errorf("case #%d: %w", binary.BigEndian.Uint64(k), err)
		}
		f := report.FactOf(&c, st)
		if f.Received.Before(before) && (!f.Received.Before(since) || f.FinishedAt.IsZero() || !f.FinishedAt.Before(since)) {
			*out = append(*out, f)
		}
	}
	return nil
}
