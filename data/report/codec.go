package report

import (
	"encoding/binary"
	"errors"
	"time"

	"casebook/data"
)

// Binary fact encoding: JSON of 100,000 facts takes longer to read than the
// one second a report may take. FactVersion changes whenever the layout or
// FactOf's meaning changes; the store rebuilds every fact then.
const FactVersion = 2 // 2: imported cases have no first-response clock

var errBadFact = errors.New("corrupt report fact")

// EncodeFact is the binary form of a fact stored beside its case.
func EncodeFact(f *Fact) []byte {
	b := make([]byte, 0, 192)
	b = append(b, FactVersion)
	// Received and FinishedAt first: FactWithin reads only them.
	b = putTime(b, f.Received)
	b = putTime(b, f.FinishedAt)
	b = binary.AppendUvarint(b, f.ID)
	for _, s := range []string{f.Number, string(f.Kind), f.Category, string(f.Channel), string(f.Severity),
		f.Destination, f.Product, f.Supplier, f.Guide, f.Owner, string(f.Status), f.Currency} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, f.CustomerID)
	b = putTime(b, f.ResolvedAt)
	b = putTime(b, f.ClosedAt)
	b = putClock(b, &f.First)
	b = putClock(b, &f.Resolution)
	var flags uint64
	for i, on := range []bool{f.Declined, f.Investigated, f.Paid, f.FollowUpAttempted, f.FollowUpReached} {
		if on {
			flags |= 1 << i
		}
	}
	b = binary.AppendUvarint(b, flags)
	b = binary.AppendUvarint(b, uint64(f.Reopened))
	b = binary.AppendUvarint(b, uint64(f.Rating))
	b = binary.AppendUvarint(b, uint64(len(f.Remedies)))
	for _, r := range f.Remedies {
		b = binary.AppendUvarint(b, uint64(len(r.Kind)))
		b = append(b, r.Kind...)
		b = binary.AppendVarint(b, int64(r.Amount))
		b = binary.AppendVarint(b, int64(r.Recovered))
	}
	return b
}

func putTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return binary.AppendVarint(b, 0)
	}
	return binary.AppendVarint(b, t.UnixNano())
}

func putClock(b []byte, c *FactClock) []byte {
	b = binary.AppendVarint(b, int64(c.Target))
	b = putTime(b, c.Due)
	b = putTime(b, c.MetAt)
	b = binary.AppendVarint(b, int64(c.Used))
	var flags byte
	for i, on := range []bool{c.Calendar, c.Paused, c.Late} {
		if on {
			flags |= 1 << i
		}
	}
	return append(b, flags)
}

type reader struct {
	b      []byte
	err    error
	intern map[string]string // the few distinct kinds, categories, names… shared, not allocated per fact
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errBadFact
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errBadFact
		return 0
	}
	r.b = r.b[n:]
	return v
}

// str copies the string out of the buffer, which the store may reuse.
func (r *reader) str() string {
	n := r.uvarint()
	if r.err != nil || uint64(len(r.b)) < n {
		r.err = errBadFact
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// sym is str for values with few distinct strings.
func (r *reader) sym() string {
	n := r.uvarint()
	if r.err != nil || uint64(len(r.b)) < n {
		r.err = errBadFact
		return ""
	}
	b := r.b[:n]
	r.b = r.b[n:]
	if r.intern == nil {
		return string(b)
	}
	if s, ok := r.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(r.intern) < 100_000 {
		r.intern[s] = s
	}
	return s
}

func (r *reader) time() time.Time {
	if v := r.varint(); v != 0 {
		return time.Unix(0, v)
	}
	return time.Time{}
}

func (r *reader) byte1() byte {
	if r.err != nil || len(r.b) == 0 {
		r.err = errBadFact
		return 0
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

func (r *reader) clock() FactClock {
	c := FactClock{Target: time.Duration(r.varint()), Due: r.time(), MetAt: r.time(), Used: time.Duration(r.varint())}
	fl := r.byte1()
	c.Calendar, c.Paused, c.Late = fl&1 != 0, fl&2 != 0, fl&4 != 0
	return c
}

// DecodeFact reads EncodeFact's output; a fact of another version is an error
// (the store rebuilds it from the case).
func DecodeFact(b []byte) (Fact, error) { return decodeFact(b, nil) }

// FactDecoder decodes many facts, sharing their repeated strings.
type FactDecoder struct{ intern map[string]string }

// NewFactDecoder returns a decoder for one batch of facts (not for concurrent use).
func NewFactDecoder() *FactDecoder { return &FactDecoder{intern: map[string]string{}} }

// Decode is DecodeFact.
func (d *FactDecoder) Decode(b []byte) (Fact, error) { return decodeFact(b, d.intern) }

// FactWithin reports, from the fact's first bytes only, whether a case
// received at or after since, or still open then, can count in a report:
// received before before, and received since since or not finished before it.
func FactWithin(b []byte, since, before time.Time) bool {
	if len(b) == 0 || b[0] != FactVersion {
		return true // let Decode report it
	}
	r := &reader{b: b[1:]}
	received, finished := r.time(), r.time()
	if r.err != nil {
		return true
	}
	return received.Before(before) && (!received.Before(since) || finished.IsZero() || !finished.Before(since))
}

func decodeFact(b []byte, intern map[string]string) (Fact, error) {
	if len(b) == 0 || b[0] != FactVersion {
		return Fact{}, errBadFact
	}
	r := &reader{b: b[1:], intern: intern}
	f := Fact{Received: r.time(), FinishedAt: r.time()}
	f.ID = r.uvarint()
	f.Number = r.str()
	f.Kind = data.Kind(r.sym())
	f.Category = r.sym()
	f.Channel = data.Channel(r.sym())
	f.Severity = data.Severity(r.sym())
	f.Destination, f.Product, f.Supplier, f.Guide, f.Owner = r.sym(), r.sym(), r.sym(), r.sym(), r.sym()
	f.Status = data.Status(r.sym())
	f.Currency = r.sym()
	f.CustomerID = r.uvarint()
	f.ResolvedAt, f.ClosedAt = r.time(), r.time()
	f.First, f.Resolution = r.clock(), r.clock()
	fl := r.uvarint()
	f.Declined, f.Investigated, f.Paid, f.FollowUpAttempted, f.FollowUpReached = fl&1 != 0, fl&2 != 0, fl&4 != 0, fl&8 != 0, fl&16 != 0
	f.Reopened = int(r.uvarint())
	f.Rating = int(r.uvarint())
	n := r.uvarint()
	if n > 1000 {
		return Fact{}, errBadFact
	}
	if n > 0 {
		f.Remedies = make([]FactRemedy, 0, n)
	}
	for i := uint64(0); i < n && r.err == nil; i++ {
		f.Remedies = append(f.Remedies, FactRemedy{Kind: r.sym(), Amount: data.Money(r.varint()), Recovered: data.Money(r.varint())})
	}
	if r.err != nil {
		return Fact{}, r.err
	}
	return f, nil
}
