package report

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"time"

	"casebook/data"
)

// TopN is how many values each hotspot list shows.
const TopN = 5

// TrendMonths is the length of the trend.
const TrendMonths = 12

// Compute computes the figures of period p from facts: every case received
// before p ends (older cases feed the repeat rate, the trend and the
// previous period). travellers maps "2026-11" to the travellers served
// that month (Settings.Travellers); now decides what is overdue.
func Compute(facts []Fact, p Period, st data.Settings, travellers map[string]int, now time.Time) Figures {
	return compute(facts, p, st, travellers, now, nil)
}

// Cases lists the cases behind a figure's key — exactly those the figure
// counted — oldest first. ok is false for a key no figure of p has.
func Cases(key string, facts []Fact, p Period, st data.Settings, now time.Time) (out []Fact, ok bool) {
	seen := map[uint64]bool{}
	fig := compute(facts, p, st, nil, now, func(k string, f *Fact) {
		if k == key && !seen[f.ID] {
			seen[f.ID] = true
			out = append(out, *f)
		}
	})
	slices.SortFunc(out, func(a, b Fact) int {
		return cmp.Or(a.Received.Compare(b.Received), cmp.Compare(a.ID, b.ID))
	})
	return out, len(out) > 0 || slices.Contains(Keys(fig), key)
}

// sink hears every (key, case) pair a figure counts; nil when nobody asks.
type sink func(key string, f *Fact)

type calc struct {
	p    Period
	st   data.Settings
	now  time.Time
	emit sink
	cur  string
}

func (c *calc) add(key string, f *Fact) {
	if c.emit != nil {
		c.emit(key, f)
	}
}

func compute(facts []Fact, p Period, st data.Settings, travellers map[string]int, now time.Time, emit sink) Figures {
	c := &calc{p: p, st: st, now: now, emit: emit, cur: cmp.Or(st.Currency, "CNY")}
	fig := Figures{Period: p.JSON(), Previous: p.Previous().JSON(), GeneratedAt: now, Currency: c.cur}
	var cohort []*Fact
	for i := range facts {
		if p.Contains(facts[i].Received) {
			cohort = append(cohort, &facts[i])
		}
	}
	fig.Volume = c.volume(facts, cohort)
	fig.Timeliness = Timeliness{
		FirstResponse: c.clock("first_response", facts, cohort, func(f *Fact) *FactClock { return &f.First }),
		Resolution:    c.clock("resolution", facts, cohort, func(f *Fact) *FactClock { return &f.Resolution }),
	}
	fig.Outcomes = c.outcomes(facts, cohort)
	fig.Satisfaction = c.satisfaction(cohort)
	fig.Compensation = c.compensation(cohort)
	fig.Staff = c.staff(facts, cohort)
	fig.Hotspots = c.hotspots(facts)
	fig.Trend = c.trend(facts)
	fig.Travellers = c.travellers(cohort, travellers)
	return fig
}

// --- volume ---

func (c *calc) volume(facts []Fact, cohort []*Fact) Volume {
	v := Volume{Received: Count{Key: "received", N: len(cohort)}, Declined: Count{Key: "declined"}}
	for _, f := range cohort {
		c.add("received", f)
		if f.Declined {
			v.Declined.N++
			c.add("declined", f)
		}
	}
	dim := func(name string, value func(*Fact) string, order []string) []Bucket {
		return c.buckets("received:"+name+":", cohort, value, order)
	}
	v.ByKind = dim("kind", func(f *Fact) string { return string(f.Kind) }, strs(data.Kinds))
	v.ByCategory = dim("category", func(f *Fact) string { return f.Category }, nil)
	v.ByChannel = dim("channel", func(f *Fact) string { return string(f.Channel) }, strs(data.Channels))
	v.BySeverity = dim("severity", func(f *Fact) string { return string(f.Severity) }, strs(data.Severities))
	v.ByDestination = dim("destination", func(f *Fact) string { return f.Destination }, nil)
	v.ByProduct = dim("product", func(f *Fact) string { return f.Product }, nil)
	v.BySupplier = dim("supplier", func(f *Fact) string { return f.Supplier }, nil)
	v.ByGuide = dim("guide", func(f *Fact) string { return f.Guide }, nil)

	// Open at the period's end: received before it ended and not finished
	// before then (the period's end is now while it has not ended).
	end := c.p.To
	if c.now.Before(end) {
		end = c.now
	}
	v.OpenAtEnd.Key, v.Backlog.Key = "open_at_end", "open_at_end"
	var ages []float64
	for i := range facts {
		f := &facts[i]
		if !f.Received.Before(end) || (!f.FinishedAt.IsZero() && f.FinishedAt.Before(end)) {
			continue
		}
		v.OpenAtEnd.N++
		c.add("open_at_end", f)
		ages = append(ages, end.Sub(f.Received).Hours()/24)
	}
	v.Backlog.N = len(ages)
	v.Backlog.MedianDays, v.Backlog.P90Days = quantiles(ages)
	if len(ages) > 0 {
		v.Backlog.OldestDays = round2(slices.Max(ages))
	}
	return v
}

// buckets counts a dimension's values; values in order come first, in that
// order (present or not), the rest by count, then by value.
func (c *calc) buckets(prefix string, cohort []*Fact, value func(*Fact) string, order []string) []Bucket {
	n := map[string]int{}
	for _, f := range cohort {
		v := value(f)
		n[v]++
		c.add(prefix+v, f)
	}
	out := make([]Bucket, 0, len(n)+len(order))
	for _, v := range order {
		out = append(out, Bucket{Value: v, Key: prefix + v, N: n[v]})
		delete(n, v)
	}
	rest := make([]Bucket, 0, len(n))
	for v, k := range n {
		rest = append(rest, Bucket{Value: v, Key: prefix + v, N: k})
	}
	slices.SortFunc(rest, func(a, b Bucket) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Value, b.Value)) })
	return append(out, rest...)
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// --- timeliness ---

func (c *calc) clock(name string, facts []Fact, cohort []*Fact, pick func(*Fact) *FactClock) ClockFigures {
	resolution := name == "resolution"
	var all, urgent, other []float64
	cf := ClockFigures{
		All:       Durations{Key: name + ":measured"},
		Urgent:    Durations{Key: name + ":measured:urgent"},
		NonUrgent: Durations{Key: name + ":measured:non_urgent"},
		Overdue:   Count{Key: name + ":overdue_now"},
	}
	for _, f := range cohort {
		cl := pick(f)
		if !cl.Met() || (resolution && f.Declined) {
			continue
		}
		h := cl.Used.Hours()
		all = append(all, h)
		c.add(cf.All.Key, f)
		if cl.Calendar {
			urgent = append(urgent, h)
			c.add(cf.Urgent.Key, f)
		} else {
			other = append(other, h)
			c.add(cf.NonUrgent.Key, f)
		}
	}
	for _, d := range []struct {
		into *Durations
		vals []float64
	}{{&cf.All, all}, {&cf.Urgent, urgent}, {&cf.NonUrgent, other}} {
		d.into.N = len(d.vals)
		d.into.MedianHours, d.into.P90Hours = quantiles(d.vals)
	}
	cf.SLA = Rate{Key: name + ":on_time", OfKey: name + ":due"}
	for i := range facts {
		f := &facts[i]
		cl := pick(f)
		if resolution && f.Declined {
			continue
		}
		if f.Status.Open() && cl.Overdue(c.now) {
			cf.Overdue.N++
			c.add(cf.Overdue.Key, f)
		}
		decided, onTime := cl.decided(c.now)
		if !decided || !c.p.Contains(cl.Due) {
			continue
		}
		cf.SLA.Of++
		c.add(cf.SLA.OfKey, f)
		if onTime {
			cf.SLA.N++
			c.add(cf.SLA.Key, f)
		}
	}
	cf.SLA.Pct = pct(cf.SLA.N, cf.SLA.Of)
	return cf
}

// --- outcomes ---

func finished(f *Fact) bool { return f.Status == data.StatusResolved || f.Status == data.StatusClosed }

func (c *calc) outcomes(facts []Fact, cohort []*Fact) Outcomes {
	o := Outcomes{
		Resolution:   Rate{Key: "resolved", OfKey: "received", Of: len(cohort)},
		Reopen:       Rate{Key: "reopened", OfKey: "reopen:base"},
		Repeat:       Rate{Key: "repeat", OfKey: "repeat:base"},
		FirstContact: Rate{Key: "first_contact", OfKey: "first_contact:base"},
	}
	for _, f := range cohort {
		if finished(f) {
			o.Resolution.N++
			c.add(o.Resolution.Key, f)
			o.FirstContact.Of++
			c.add(o.FirstContact.OfKey, f)
			if !f.Investigated {
				o.FirstContact.N++
				c.add(o.FirstContact.Key, f)
			}
		}
		if finished(f) || f.Reopened > 0 {
			o.Reopen.Of++
			c.add(o.Reopen.OfKey, f)
			if f.Reopened > 0 {
				o.Reopen.N++
				c.add(o.Reopen.Key, f)
			}
		}
	}
	// Repeat complainants: customers with a complaint in the period who, at
	// their last complaint in it, had at least CustomerSettings.Count()
	// complaints within CustomerSettings.Months() (the customer page's mark).
	times := map[uint64][]time.Time{}
	for i := range facts {
		if f := &facts[i]; f.Kind == data.KindComplaint && f.CustomerID != 0 {
			times[f.CustomerID] = append(times[f.CustomerID], f.Received)
		}
	}
	last := map[uint64]time.Time{}
	for _, f := range cohort {
		if f.Kind == data.KindComplaint && f.CustomerID != 0 && f.Received.After(last[f.CustomerID]) {
			last[f.CustomerID] = f.Received
		}
	}
	repeat := map[uint64]bool{}
	for id, at := range last {
		if c.st.Customers.IsRepeat(times[id], at) {
			repeat[id] = true
		}
	}
	o.Repeat.N, o.Repeat.Of = len(repeat), len(last)
	for _, f := range cohort {
		if f.Kind == data.KindComplaint && f.CustomerID != 0 {
			c.add(o.Repeat.OfKey, f)
			if repeat[f.CustomerID] {
				c.add(o.Repeat.Key, f)
			}
		}
	}
	for _, r := range []*Rate{&o.Resolution, &o.Reopen, &o.Repeat, &o.FirstContact} {
		r.Pct = pct(r.N, r.Of)
	}
	return o
}

// --- satisfaction ---

func (c *calc) satisfaction(cohort []*Fact) Satisfaction {
	s := Satisfaction{
		Rated:    Count{Key: "rated"},
		Rating45: Rate{Key: "rating_4_5", OfKey: "rated"},
		Response: Rate{Key: "followup:reached", OfKey: "followup:attempted"},
	}
	sum := 0
	for _, f := range cohort {
		if f.Rating > 0 {
			s.Rated.N++
			sum += f.Rating
			c.add("rated", f)
			if f.Rating >= 4 {
				s.Rating45.N++
				c.add("rating_4_5", f)
			}
		}
		if f.FollowUpAttempted {
			s.Response.Of++
			c.add(s.Response.OfKey, f)
			if f.FollowUpReached {
				s.Response.N++
				c.add(s.Response.Key, f)
			}
		}
	}
	s.Rating45.Of = s.Rated.N
	s.Rating45.Pct, s.Response.Pct = pct(s.Rating45.N, s.Rating45.Of), pct(s.Response.N, s.Response.Of)
	if s.Rated.N > 0 {
		s.MeanRating = round2(float64(sum) / float64(s.Rated.N))
	}
	s.None = s.Response.Of == 0 && s.Rated.N == 0
	return s
}

// --- compensation ---

// paid returns the case's compensation in the report currency, and whether
// it is paid in another currency instead.
func (c *calc) paid(f *Fact) (amount, recovered data.Money, other bool) {
	if !f.Paid {
		return 0, 0, false
	}
	for _, r := range f.Remedies {
		amount += r.Amount
		recovered += r.Recovered
	}
	if amount == 0 && recovered == 0 {
		return 0, 0, false
	}
	if f.Currency != "" && f.Currency != c.cur {
		return 0, 0, true
	}
	return amount, recovered, false
}

func (c *calc) compensation(cohort []*Fact) Compensation {
	k := Compensation{Total: Amount{Key: "compensation"}, Recovered: Amount{Key: "recovered"}, OtherCurrency: Count{Key: "compensation:other_currency"}}
	kinds, cats, sups := map[string]*Amount{}, map[string]*Amount{}, map[string]*Amount{}
	into := func(m map[string]*Amount, prefix, v string, amt data.Money, f *Fact) {
		a := m[v]
		if a == nil {
			a = &Amount{Value: v, Key: prefix + v}
			m[v] = a
		}
		a.N++
		a.Amount += amt
		c.add(a.Key, f)
	}
	for _, f := range cohort {
		amt, rec, other := c.paid(f)
		if other {
			k.OtherCurrency.N++
			c.add(k.OtherCurrency.Key, f)
			continue
		}
		if amt > 0 {
			k.Total.N++
			k.Total.Amount += amt
			c.add(k.Total.Key, f)
			into(cats, "compensation:category:", f.Category, amt, f)
			into(sups, "compensation:supplier:", f.Supplier, amt, f)
			byKind := map[string]data.Money{}
			var order []string
			for _, r := range f.Remedies {
				if r.Amount > 0 {
					if _, ok := byKind[r.Kind]; !ok {
						order = append(order, r.Kind)
					}
					byKind[r.Kind] += r.Amount
				}
			}
			for _, kind := range order {
				into(kinds, "compensation:kind:", kind, byKind[kind], f)
			}
		}
		if rec > 0 {
			k.Recovered.N++
			k.Recovered.Amount += rec
			c.add(k.Recovered.Key, f)
		}
	}
	k.ByKind, k.ByCategory, k.BySupplier = sortAmounts(kinds), sortAmounts(cats), sortAmounts(sups)
	k.Net = k.Total.Amount - k.Recovered.Amount
	return k
}

func sortAmounts(m map[string]*Amount) []Amount {
	out := make([]Amount, 0, len(m))
	for _, a := range m {
		out = append(out, *a)
	}
	slices.SortFunc(out, func(a, b Amount) int { return cmp.Or(cmp.Compare(b.Amount, a.Amount), cmp.Compare(a.Value, b.Value)) })
	return out
}

// --- staff ---

func (c *calc) staff(facts []Fact, cohort []*Fact) []StaffRow {
	var names []string
	for _, s := range c.st.Staff {
		names = append(names, s.Name)
	}
	var extra []string
	for _, f := range cohort {
		if f.Owner != "" && !slices.Contains(names, f.Owner) && !slices.Contains(extra, f.Owner) {
			extra = append(extra, f.Owner)
		}
	}
	sort.Strings(extra)
	names = append(names, extra...)
	rows := make([]StaffRow, 0, len(names))
	idx := map[string]int{}
	first := make([][]float64, len(names))
	ratings := make([][2]int, len(names))
	for i, n := range names {
		idx[n] = i
		rows = append(rows, StaffRow{Name: n, Handled: Count{Key: "staff:" + n},
			SLA: Rate{Key: "staff:" + n + ":on_time", OfKey: "staff:" + n + ":due"}})
	}
	for _, f := range cohort {
		i, ok := idx[f.Owner]
		if !ok || f.Owner == "" {
			continue
		}
		rows[i].Handled.N++
		c.add(rows[i].Handled.Key, f)
		if f.First.Met() {
			first[i] = append(first[i], f.First.Used.Hours())
		}
		if f.Rating > 0 {
			ratings[i][0] += f.Rating
			ratings[i][1]++
		}
	}
	// A case counts once for its staff member's SLA: due when a clock fell
	// due in the period (and is decided), on time when every such clock was met on time.
	for j := range facts {
		f := &facts[j]
		i, ok := idx[f.Owner]
		if !ok || f.Owner == "" {
			continue
		}
		due, late := false, false
		for _, cl := range []*FactClock{&f.First, &f.Resolution} {
			if cl == &f.Resolution && f.Declined {
				continue
			}
			if d, on := cl.decided(c.now); d && c.p.Contains(cl.Due) {
				due = true
				late = late || !on
			}
		}
		if due {
			rows[i].SLA.Of++
			c.add(rows[i].SLA.OfKey, f)
			if !late {
				rows[i].SLA.N++
				c.add(rows[i].SLA.Key, f)
			}
		}
	}
	for i := range rows {
		rows[i].MedianFirstResponseHrs, _ = quantiles(first[i])
		rows[i].SLA.Pct = pct(rows[i].SLA.N, rows[i].SLA.Of)
		if ratings[i][1] > 0 {
			rows[i].MeanRating = round2(float64(ratings[i][0]) / float64(ratings[i][1]))
		}
	}
	return rows
}

// --- hotspots ---

type dimension struct {
	name  string
	value func(*Fact) string
}

var hotDims = []dimension{
	{"category", func(f *Fact) string { return f.Category }},
	{"supplier", func(f *Fact) string { return f.Supplier }},
	{"guide", func(f *Fact) string { return f.Guide }},
	{"product", func(f *Fact) string { return f.Product }},
	{"destination", func(f *Fact) string { return f.Destination }},
}

func (c *calc) hotspots(facts []Fact) Hotspots {
	prev := c.p.Previous()
	lists := make([]HotList, len(hotDims))
	for d, dim := range hotDims {
		hots := map[string]*Hot{}
		get := func(v string) *Hot {
			h := hots[v]
			if h == nil {
				h = &Hot{Value: v, Key: "complaints:" + dim.name + ":" + v}
				hots[v] = h
			}
			return h
		}
		for i := range facts {
			f := &facts[i]
			v := dim.value(f)
			in, before := c.p.Contains(f.Received), prev.Contains(f.Received)
			if v == "" || (!in && !before) {
				continue
			}
			amt, _, _ := c.paid(f)
			if f.Kind == data.KindComplaint {
				if in {
					get(v).N++
					c.add("complaints:"+dim.name+":"+v, f)
				} else {
					get(v).PrevN++
				}
			}
			if amt > 0 {
				if in {
					get(v).Amount += amt
					if dim.name != "category" && dim.name != "supplier" { // those keys are Compensation's already
						c.add("compensation:"+dim.name+":"+v, f)
					}
				} else {
					get(v).PrevAmount += amt
				}
			}
		}
		all := make([]Hot, 0, len(hots))
		for _, h := range hots {
			all = append(all, *h)
		}
		byN := slices.DeleteFunc(slices.Clone(all), func(h Hot) bool { return h.N == 0 })
		slices.SortFunc(byN, func(a, b Hot) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Value, b.Value)) })
		byAmt := slices.DeleteFunc(slices.Clone(all), func(h Hot) bool { return h.Amount == 0 })
		slices.SortFunc(byAmt, func(a, b Hot) int { return cmp.Or(cmp.Compare(b.Amount, a.Amount), cmp.Compare(a.Value, b.Value)) })
		for i := range byAmt {
			byAmt[i].Key = "compensation:" + dim.name + ":" + byAmt[i].Value
		}
		lists[d] = HotList{ByComplaints: top(byN), ByCompensation: top(byAmt)}
	}
	return Hotspots{Categories: lists[0], Suppliers: lists[1], Guides: lists[2], Products: lists[3], Destinations: lists[4]}
}

func top(h []Hot) []Hot {
	if len(h) > TopN {
		h = h[:TopN]
	}
	return h
}

// --- trend and travellers ---

func (c *calc) trend(facts []Fact) []TrendPoint {
	loc := c.p.From.Location()
	last := MonthOf(c.p.Last(), loc)
	months := make([]Period, TrendMonths)
	pts := make([]TrendPoint, TrendMonths)
	for i := range months {
		m := last.From.AddDate(0, i-(TrendMonths-1), 0)
		months[i] = Month(m.Year(), m.Month(), loc)
		pts[i] = TrendPoint{Month: months[i].Label(), Key: "trend:" + months[i].Label()}
	}
	start, end := months[0].From, months[TrendMonths-1].To
	for j := range facts {
		f := &facts[j]
		if f.Received.Before(start) || !f.Received.Before(end) {
			continue
		}
		r := f.Received.In(loc)
		i := (r.Year()-start.Year())*12 + int(r.Month()) - int(start.Month())
		if i < 0 || i >= TrendMonths {
			continue
		}
		pts[i].Received++
		if f.Kind == data.KindComplaint {
			pts[i].Complaints++
		}
		c.add(pts[i].Key, f)
	}
	return pts
}

func (c *calc) travellers(cohort []*Fact, entered map[string]int) Travellers {
	t := Travellers{Months: c.p.Months(), Missing: []string{}, Complaints: Count{Key: "complaints"}}
	for _, m := range t.Months {
		if n := entered[m]; n > 0 {
			t.Travellers += n
		} else {
			t.Missing = append(t.Missing, m)
		}
	}
	for _, f := range cohort {
		if f.Kind == data.KindComplaint {
			t.Complaints.N++
			c.add("complaints", f)
		}
	}
	if len(t.Missing) == 0 && t.Travellers > 0 {
		t.Per1000 = round2(float64(t.Complaints.N) * 1000 / float64(t.Travellers))
	}
	return t
}

// --- numbers ---

// quantiles returns the median (the middle value, or the mean of the two
// middle ones) and the 90th percentile (nearest rank: the ⌈0.9·n⌉-th
// smallest), rounded to two decimals; nil for no values.
func quantiles(v []float64) (median, p90 *float64) {
	if len(v) == 0 {
		return nil, nil
	}
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	m := s[n/2]
	if n%2 == 0 {
		m = (s[n/2-1] + s[n/2]) / 2
	}
	rank := int(math.Ceil(0.9*float64(n))) - 1
	return round2(m), round2(s[rank])
}

func pct(n, of int) *float64 {
	if of == 0 {
		return nil
	}
	return round2(100 * float64(n) / float64(of))
}

func round2(x float64) *float64 {
	r := math.Round(x*100) / 100
	return &r
}
