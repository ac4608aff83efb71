package data

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"time"
)

// ListIndex is the case list held in memory: every row, newest received first.
// Filters and searches scan it; at 100,000 rows a scan takes a few milliseconds,
// far less than reading cases from disk. It is safe for concurrent use.
type ListIndex struct {
	mu         sync.RWMutex
	byID       map[uint64]*Row
	byReceived []*Row // newest first; ties newest id first
}

func newerFirst(a, b *Row) int {
	if c := b.ReceivedAt.Compare(a.ReceivedAt); c != 0 {
		return c
	}
	return cmp.Compare(b.ID, a.ID)
}

// NewListIndex builds an index from rows, which need not be in order.
func NewListIndex(rows []*Row) *ListIndex {
	x := &ListIndex{byID: make(map[uint64]*Row, len(rows)), byReceived: make([]*Row, 0, len(rows))}
	sorted := slices.IsSortedFunc(rows, newerFirst)
	for _, r := range rows {
		x.byID[r.ID] = r
		x.byReceived = append(x.byReceived, r)
	}
	if !sorted {
		slices.SortFunc(x.byReceived, newerFirst)
	}
	return x
}

// Put adds or replaces rows.
func (x *ListIndex) Put(rows ...*Row) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if len(rows) < 16 {
		for _, r := range rows {
			x.put(r)
		}
		return
	}
	x.putMany(rows)
}

// Get returns the row of a case id.
func (x *ListIndex) Get(id uint64) (*Row, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	r, ok := x.byID[id]
	return r, ok
}

// All is every row, newest received first: a snapshot the caller only reads.
func (x *ListIndex) All() []*Row {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.byReceived // replaced, never modified in place, by writers
}

// Count is the number of rows.
func (x *ListIndex) Count() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.byReceived)
}

// put copies on write: a List running concurrently keeps reading the old slice.
func (x *ListIndex) put(r *Row) {
	next := make([]*Row, 0, len(x.byReceived)+1)
	if old, ok := x.byID[r.ID]; ok {
		i := x.find(old)
		next = append(append(next, x.byReceived[:i]...), x.byReceived[i+1:]...)
	} else {
		next = append(next, x.byReceived...)
	}
	x.byID[r.ID] = r
	i, _ := slices.BinarySearchFunc(next, r, newerFirst)
	x.byReceived = slices.Insert(next, i, r)
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
	Category   string // a category slug
	Owner      string // cases this staff member owns
	NoOwner    bool   // cases nobody owns
	Escalated  bool   // cases escalated above staff (to a supervisor or the owner)
	CustomerID uint64
	// Received in [ReceivedFrom, ReceivedTo); a zero bound is open. The list
	// is ordered by received time, so a range is found by binary search.
	ReceivedFrom time.Time
	ReceivedTo   time.Time
	Query        string // substring of number, customer, phone, e-mail, subject, description, booking ref
}

// Match reports whether row r is in the list f selects at now.
func (f Filter) Match(r *Row, now time.Time) bool {
	return f.inRange(r) && f.matcher(now)(r)
}

func (f Filter) inRange(r *Row) bool {
	return (f.ReceivedFrom.IsZero() || !r.ReceivedAt.Before(f.ReceivedFrom)) &&
		(f.ReceivedTo.IsZero() || r.ReceivedAt.Before(f.ReceivedTo))
}

// receivedRange narrows rows, newest received first, to f's received range.
func (f Filter) receivedRange(rows []*Row) []*Row {
	if !f.ReceivedTo.IsZero() { // skip the rows received at or after To: they come first
		i, _ := slices.BinarySearchFunc(rows, f.ReceivedTo, func(r *Row, t time.Time) int {
			if !r.ReceivedAt.Before(t) {
				return -1
			}
			return 1
		})
		rows = rows[i:]
	}
	if !f.ReceivedFrom.IsZero() { // and those received before From: they come last
		i, _ := slices.BinarySearchFunc(rows, f.ReceivedFrom, func(r *Row, t time.Time) int {
			if !r.ReceivedAt.Before(t) {
				return -1
			}
			return 1
		})
		rows = rows[:i]
	}
	return rows
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
	SortOwner         SortKey = "owner"
	SortEscalation    SortKey = "escalation"
	SortKind          SortKey = "kind"
)

// Sort orders the list; the zero value is newest received first.
type Sort struct {
	Key SortKey
	Asc bool
}

// List returns the rows matching f in the order s, evaluated at now.
// The slice and rows are the caller's to read; they never change.
func (x *ListIndex) List(f Filter, srt Sort, now time.Time) []*Row {
	x.mu.RLock()
	all := x.byReceived // replaced, never modified in place, by writers
	x.mu.RUnlock()
	match := f.matcher(now)
	out := make([]*Row, 0, 256)
	for _, r := range f.receivedRange(all) {
		if match(r) {
			out = append(out, r)
		}
	}
	sortRows(out, srt, now)
	return out
}

func (f Filter) matcher(now time.Time) func(*Row) bool {
	q := foldSearch(strings.TrimSpace(f.Query))
	// "138 0013", "+86 138-0013-8000": a phone typed any way finds the number.
	phone := ""
	if looksLikePhone(q) {
		if p := strings.TrimPrefix(NormalizePhone(q), "+"); p != q {
			phone = p
		}
	}
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
			f.Category != "" && r.Category != f.Category,
			f.Owner != "" && r.Owner != f.Owner,
			f.NoOwner && r.Owner != "",
			f.Escalated && escalationRank(r.Escalation) == 0,
			f.CustomerID != 0 && r.CustomerID != f.CustomerID,
			f.Waiting && r.Waiting == WaitingNone,
			f.Overdue && !r.Overdue(now),
			f.DueSoon && !r.DueSoon(now),
			q != "" && !strings.Contains(r.hay, q) && (phone == "" || !strings.Contains(r.hay, phone)):
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
	case SortOwner:
		by = func(a, b *Row) int { return cmp.Compare(a.Owner, b.Owner) }
	case SortEscalation:
		by = func(a, b *Row) int { return cmp.Compare(escalationRank(a.Escalation), escalationRank(b.Escalation)) }
	case SortKind:
		by = func(a, b *Row) int { return cmp.Compare(a.Kind, b.Kind) }
	default:
		return
	}
	if srt.Asc {
		slices.SortStableFunc(rows, by)
	} else {
		slices.SortStableFunc(rows, func(a, b *Row) int { return by(b, a) })
	}
}

// putMany adds many new or changed rows with one merge instead of one insert each.
func (x *ListIndex) putMany(rows []*Row) {
	replaced := map[uint64]bool{}
	for _, r := range rows {
		if _, ok := x.byID[r.ID]; ok {
			replaced[r.ID] = true
		}
	}
	kept := x.byReceived
	if len(replaced) > 0 {
		kept = slices.DeleteFunc(slices.Clone(kept), func(r *Row) bool { return replaced[r.ID] })
	}
	fresh := slices.Clone(rows)
	slices.SortFunc(fresh, newerFirst)
	merged := make([]*Row, 0, len(kept)+len(fresh))
	i, j := 0, 0
	for i < len(kept) && j < len(fresh) {
		if newerFirst(kept[i], fresh[j]) <= 0 {
			merged = append(merged, kept[i])
			i++
		} else {
			merged = append(merged, fresh[j])
			j++
		}
	}
	merged = append(append(merged, kept[i:]...), fresh[j:]...)
	for _, r := range rows {
		x.byID[r.ID] = r
	}
	x.byReceived = merged
}

func (x *ListIndex) find(r *Row) int {
	i, ok := slices.BinarySearchFunc(x.byReceived, r, newerFirst)
	if !ok {
		panic("list index out of order")
	}
	return i
}

// looksLikePhone reports whether a query is digits with phone punctuation.
func looksLikePhone(q string) bool {
	digits := 0
	for _, r := range q {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+-() ", r):
		default:
			return false
		}
	}
	return digits >= 3
}
