package data

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// listIndex is the case list held in memory: every row, newest received first.
// Filters and searches scan it; at 100,000 rows a scan takes a few milliseconds,
// far less than reading cases from disk.
type listIndex struct {
	byID       map[uint64]*Row
	byReceived []*Row // newest first; ties newest id first
}

func newerFirst(a, b *Row) int {
	if c := b.ReceivedAt.Compare(a.ReceivedAt); c != 0 {
		return c
	}
	return cmp.Compare(b.ID, a.ID)
}

// loadIndex reads the rows in idx_received order, so no sort is needed at start.
func loadIndex(ctx context.Context, tx *bolt.Tx) (*listIndex, error) {
	rows := tx.Bucket(bucketRows)
	n := rows.Stats().KeyN
	idx := &listIndex{byID: make(map[uint64]*Row, n), byReceived: make([]*Row, 0, n)}
	cur := tx.Bucket(bucketIdxReceived).Cursor()
	for k, _ := cur.Last(); k != nil; k, _ = cur.Prev() {
		if len(idx.byReceived)%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		id := k[8:16]
		raw := rows.Get(id)
		r, err := decodeRow(raw)
		if err != nil {
			return nil, fmt.Errorf("load list index: case %x: %w", id, err)
		}
		idx.byID[r.ID] = r
		idx.byReceived = append(idx.byReceived, r)
	}
	return idx, nil
}

// put adds or replaces a row.
func (x *listIndex) put(r *Row) {
	if old, ok := x.byID[r.ID]; ok {
		i := x.find(old)
		x.byReceived = slices.Delete(x.byReceived, i, i+1)
	}
	x.byID[r.ID] = r
	i, _ := slices.BinarySearchFunc(x.byReceived, r, newerFirst)
	x.byReceived = slices.Insert(x.byReceived, i, r)
}

func (x *listIndex) find(r *Row) int {
	i, ok := slices.BinarySearchFunc(x.byReceived, r, newerFirst)
	if !ok {
		panic("list index out of order")
	}
	return i
}

// Filter selects cases for the list. Zero values select everything.
type Filter struct {
	Statuses   []Status
	OpenOnly   bool // only statuses that still need work
	Overdue    bool
	DueSoon    bool
	Waiting    bool
	Severity   Severity
	Channel    Channel
	Kind       Kind
	Owner      string
	CustomerID uint64
	Query      string // substring of number, customer, phone, e-mail, subject, description, booking ref
}

// SortKey names a list column to sort by.
type SortKey string

const (
	SortReceived      SortKey = "received"
	SortNumber        SortKey = "number"
	SortStatus        SortKey = "status"
	SortSeverity      SortKey = "severity"
	SortCustomer      SortKey = "customer"
	SortSubject       SortKey = "subject"
	SortChannel       SortKey = "channel"
	SortFirstDue      SortKey = "first_due"
	SortResolutionDue SortKey = "resolution_due"
)

// Sort orders the list; the zero value is newest received first.
type Sort struct {
	Key SortKey
	Asc bool
}

// List returns the rows matching f in the order s, evaluated at now.
// The slice and rows are the caller's to read; they never change.
func (s *Store) List(f Filter, srt Sort, now time.Time) []*Row {
	s.mu.RLock()
	all := s.index.byReceived
	s.mu.RUnlock()
	match := f.matcher(now)
	out := make([]*Row, 0, 256)
	for _, r := range all {
		if match(r) {
			out = append(out, r)
		}
	}
	sortRows(out, srt, now)
	return out
}

// Count is the number of cases in the database.
func (s *Store) Count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.index.byReceived)
}

func (f Filter) matcher(now time.Time) func(*Row) bool {
	q := foldSearch(strings.TrimSpace(f.Query))
	statuses := map[Status]bool{}
	for _, st := range f.Statuses {
		statuses[st] = true
	}
	return func(r *Row) bool {
		switch {
		case len(statuses) > 0 && !statuses[r.Status],
			f.OpenOnly && !r.Status.Open(),
			f.Severity != "" && r.Severity != f.Severity,
			f.Channel != "" && r.Channel != f.Channel,
			f.Kind != "" && r.Kind != f.Kind,
			f.Owner != "" && r.Owner != f.Owner,
			f.CustomerID != 0 && r.CustomerID != f.CustomerID,
			f.Waiting && r.Waiting == WaitingNone,
			f.Overdue && !r.Overdue(now),
			f.DueSoon && !r.DueSoon(now),
			q != "" && !strings.Contains(r.hay, q):
			return false
		}
		return true
	}
}

var severityRank = map[Severity]int{SeverityUrgent: 0, SeverityNormal: 1, SeverityLow: 2}

func statusRank(s Status) int { return slices.Index(Statuses, s) }

// dueRank sorts running clocks by due time, then paused, then stopped or absent.
func dueRank(c Clock) (int, int64) {
	switch {
	case c.Running():
		return 0, c.Due.UnixNano()
	case !c.PausedAt.IsZero() && c.MetAt.IsZero():
		return 1, int64(c.Remaining)
	default:
		return 2, 0
	}
}

func compareDue(a, b Clock) int {
	ra, va := dueRank(a)
	rb, vb := dueRank(b)
	if ra != rb {
		return cmp.Compare(ra, rb)
	}
	return cmp.Compare(va, vb)
}

func sortRows(rows []*Row, srt Sort, now time.Time) {
	var by func(a, b *Row) int
	switch srt.Key {
	case "", SortReceived:
		// rows are already newest first
		if srt.Asc {
			slices.Reverse(rows)
		}
		return
	case SortNumber:
		by = func(a, b *Row) int { return cmp.Compare(a.Number, b.Number) }
	case SortStatus:
		by = func(a, b *Row) int { return cmp.Compare(statusRank(a.Status), statusRank(b.Status)) }
	case SortSeverity:
		by = func(a, b *Row) int { return cmp.Compare(severityRank[a.Severity], severityRank[b.Severity]) }
	case SortCustomer:
		by = func(a, b *Row) int { return cmp.Compare(a.Customer, b.Customer) }
	case SortSubject:
		by = func(a, b *Row) int { return cmp.Compare(a.Subject, b.Subject) }
	case SortChannel:
		by = func(a, b *Row) int { return cmp.Compare(a.Channel, b.Channel) }
	case SortFirstDue:
		by = func(a, b *Row) int { return compareDue(a.First, b.First) }
	case SortResolutionDue:
		by = func(a, b *Row) int { return compareDue(a.Resolution, b.Resolution) }
	default:
		return
	}
	if srt.Asc {
		slices.SortStableFunc(rows, by)
	} else {
		slices.SortStableFunc(rows, func(a, b *Row) int { return by(b, a) })
	}
}
