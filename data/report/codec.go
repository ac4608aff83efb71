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
const FactVersion = 1

var errBadFact = errors.New("corrupt report fact")

// EncodeFact is the binary form of a fact stored beside its case.
func EncodeFact(f *Fact) []byte {
	b := make([]byte, 0, 192)
	b = append(b, FactVersion)
	b = binary.AppendUvarint(b, f.ID)
	for _, s := range []string{f.Number, string(f.Kind), f.Category, string(f.Channel), string(f.Severity),
		f.Destination, f.Product, f.Supplier, f.Guide, f.Owner, string(f.Status), f.Currency} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, f.CustomerID)
	for _, t := range []time.Time{f.Received, f.FinishedAt, f.ResolvedAt, f.ClosedAt} {
		b = putTime(b, t)
	}
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
	b   []byte
	err error
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
func DecodeFact(b []byte) (Fact, error) {
	if len(b) == 0 || b[0] != FactVersion {
		return Fact{}, errBadFact
	}
	r := &reader{b: b[1:]}
	f := Fact{ID: r.uvarint()}
	f.Number = r.str()
	f.Kind = data.Kind(r.str())
	f.Category = r.str()
	f.Channel = data.Channel(r.str())
	f.Severity = data.Severity(r.str())
	f.Destination, f.Product, f.Supplier, f.Guide, f.Owner = r.str(), r.str(), r.str(), r.str(), r.str()
	f.Status = data.Status(r.str())
	f.Currency = r.str()
	f.CustomerID = r.uvarint()
	f.Received, f.FinishedAt, f.ResolvedAt, f.ClosedAt = r.time(), r.time(), r.time(), r.time()
	f.First, f.Resolution = r.clock(), r.clock()
	fl := r.uvarint()
	f.Declined, f.Investigated, f.Paid, f.FollowUpAttempted, f.FollowUpReached = fl&1 != 0, fl&2 != 0, fl&4 != 0, fl&8 != 0, fl&16 != 0
	f.Reopened = int(r.uvarint())
	f.Rating = int(r.uvarint())
	n := r.uvarint()
	if n > 1000 {
		return Fact{}, errBadFact
	}
	for i := uint64(0); i < n && r.err == nil; i++ {
		f.Remedies = append(f.Remedies, FactRemedy{Kind: r.str(), Amount: data.Money(r.varint()), Recovered: data.Money(r.varint())})
	}
	if r.err != nil {
		return Fact{}, r.err
	}
	return f, nil
}
