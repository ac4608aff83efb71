package data

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func filterRows(n int) []*Row {
	rng := rand.New(rand.NewPCG(1, 2))
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	owners := []string{"", "王芳", "陈静", "小李"}
	cats := []string{"forced_shopping", "meals", "other"}
	rows := make([]*Row, n)
	for i := range rows {
		c := Case{ID: uint64(i + 1), Number: "A-" + string(rune('a'+i%26)), Status: Statuses[rng.IntN(len(Statuses))],
			Kind: Kinds[rng.IntN(len(Kinds))], Category: cats[rng.IntN(len(cats))], Owner: owners[rng.IntN(len(owners))],
			Severity: SeverityNormal, ReceivedAt: t0.Add(time.Duration(rng.IntN(365*24)) * time.Hour),
			Escalation: []Escalation{EscalationStaff, EscalationStaff, EscalationSupervisor, EscalationOwner}[rng.IntN(4)]}
		if i%7 == 0 && i > 0 { // same received time as another row
			c.ReceivedAt = rows[i-1].ReceivedAt
		}
		rows[i] = RowOf(&c)
	}
	return rows
}

// Each new filter, alone and together, selects exactly the rows a plain scan does.
func TestListFilterCategoryOwnerKindReceived(t *testing.T) {
	rows := filterRows(2000)
	x := NewListIndex(rows)
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name string
		f    Filter
		keep func(r *Row) bool
	}{
		{"category", Filter{Category: "meals"}, func(r *Row) bool { return r.Category == "meals" }},
		{"owner", Filter{Owner: "陈静"}, func(r *Row) bool { return r.Owner == "陈静" }},
		{"unassigned", Filter{NoOwner: true}, func(r *Row) bool { return r.Owner == "" }},
		{"kind", Filter{Kind: KindPraise}, func(r *Row) bool { return r.Kind == KindPraise }},
		{"escalated", Filter{Escalated: true}, func(r *Row) bool { return r.Escalation != EscalationStaff && r.Escalation != "" }},
		{"from", Filter{ReceivedFrom: day(6, 1)}, func(r *Row) bool { return !r.ReceivedAt.Before(day(6, 1)) }},
		{"to", Filter{ReceivedTo: day(3, 1)}, func(r *Row) bool { return r.ReceivedAt.Before(day(3, 1)) }},
		{"range", Filter{ReceivedFrom: day(3, 1), ReceivedTo: day(3, 2)}, func(r *Row) bool {
			return !r.ReceivedAt.Before(day(3, 1)) && r.ReceivedAt.Before(day(3, 2))
		}},
		{"empty range", Filter{ReceivedFrom: day(5, 1), ReceivedTo: day(4, 1)}, func(*Row) bool { return false }},
		{"together", Filter{Category: "other", Owner: "小李", OpenOnly: true, ReceivedFrom: day(2, 1), ReceivedTo: day(11, 1)}, func(r *Row) bool {
			return r.Category == "other" && r.Owner == "小李" && r.Status.Open() && !r.ReceivedAt.Before(day(2, 1)) && r.ReceivedAt.Before(day(11, 1))
		}},
	} {
		got := x.List(tc.f, Sort{}, now)
		var want []*Row
		for _, r := range x.List(Filter{}, Sort{}, now) {
			if tc.keep(r) {
				want = append(want, r)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d rows, want %d", tc.name, len(got), len(want))
		}
		if tc.name != "empty range" && len(want) == 0 {
			t.Errorf("%s: the fixture selects nothing, the test proves nothing", tc.name)
		}
		for _, r := range rows {
			if tc.f.Match(r, now) != tc.keep(r) {
				t.Errorf("%s: Match(%d) = %v", tc.name, r.ID, !tc.keep(r))
				break
			}
		}
	}
}
