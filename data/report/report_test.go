package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

var update = flag.Bool("update", false, "rewrite testdata/figures.golden.json")

func october(t *testing.T) Period {
	t.Helper()
	p, err := ParsePeriod("2026-10", shanghai)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func fl(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestFiguresFixture checks every figure against the answers worked out by
// hand in fixture_test.go.
func TestFiguresFixture(t *testing.T) {
	facts, st := fixture(t)
	fig := Compute(facts, october(t), st, map[string]int{"2026-10": 2000}, fixtureNow)
	tm, o, s, k := fig.Timeliness, fig.Outcomes, fig.Satisfaction, fig.Compensation
	staff := map[string]StaffRow{}
	for _, r := range fig.Staff {
		staff[r.Name] = r
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"received", fig.Volume.Received.N, 8},
		{"complaints", fig.Volume.ByKind[0], Bucket{Value: "complaint", Key: "received:kind:complaint", N: 7}},
		{"suggestions", fig.Volume.ByKind[1].N, 1},
		{"declined", fig.Volume.Declined.N, 1},
		{"open at end", fig.Volume.OpenAtEnd.N, 3},
		{"backlog median days", fl(fig.Volume.Backlog.MedianDays), 17.63},
		{"backlog oldest days", fl(fig.Volume.Backlog.OldestDays), 19.63},

		// First response, hours: 0.5 (urgent), 1, 1, 2, 3, 5, 12 — across the
		// holiday (C2), the worked Saturday (C1) and a pause (C3).
		{"first n", tm.FirstResponse.All.N, 7},
		{"first median", fl(tm.FirstResponse.All.MedianHours), 2.0},
		{"first p90", fl(tm.FirstResponse.All.P90Hours), 12.0},
		{"first non-urgent median", fl(tm.FirstResponse.NonUrgent.MedianHours), 2.5},
		{"first urgent median", fl(tm.FirstResponse.Urgent.MedianHours), 0.5},
		{"first SLA", [3]any{tm.FirstResponse.SLA.N, tm.FirstResponse.SLA.Of, fl(tm.FirstResponse.SLA.Pct)}, [3]any{6, 8, 75.0}},
		{"first overdue now", tm.FirstResponse.Overdue.N, 1},
		// Resolution, hours: 1.5, 7 (paused wait), 12 (urgent), 13.
		{"resolution n", tm.Resolution.All.N, 4},
		{"resolution median", fl(tm.Resolution.All.MedianHours), 9.5},
		{"resolution p90", fl(tm.Resolution.All.P90Hours), 13.0},
		{"resolution non-urgent median", fl(tm.Resolution.NonUrgent.MedianHours), 7.0},
		{"resolution SLA", [3]any{tm.Resolution.SLA.N, tm.Resolution.SLA.Of, fl(tm.Resolution.SLA.Pct)}, [3]any{4, 7, 57.14}},
		{"resolution overdue now", tm.Resolution.Overdue.N, 3},

		{"resolution rate", [3]any{o.Resolution.N, o.Resolution.Of, fl(o.Resolution.Pct)}, [3]any{4, 8, 50.0}},
		{"reopen rate", [3]any{o.Reopen.N, o.Reopen.Of, fl(o.Reopen.Pct)}, [3]any{1, 5, 20.0}},
		{"repeat rate", [3]any{o.Repeat.N, o.Repeat.Of, fl(o.Repeat.Pct)}, [3]any{2, 7, 28.57}},
		{"first contact", [3]any{o.FirstContact.N, o.FirstContact.Of, fl(o.FirstContact.Pct)}, [3]any{1, 4, 25.0}},

		{"satisfaction none", s.None, false},
		{"rated", s.Rated.N, 3},
		{"mean rating", fl(s.MeanRating), 3.33},
		{"rating 4-5", [3]any{s.Rating45.N, s.Rating45.Of, fl(s.Rating45.Pct)}, [3]any{1, 3, 33.33}},
		{"follow-up response", [3]any{s.Response.N, s.Response.Of, fl(s.Response.Pct)}, [3]any{3, 4, 75.0}},

		{"compensation total", [2]any{k.Total.Amount, k.Total.N}, [2]any{data.Money(95000), 3}},
		{"by kind", k.ByKind, []Amount{{Value: "refund", Key: "compensation:kind:refund", N: 2, Amount: 65000},
			{Value: "penalty", Key: "compensation:kind:penalty", N: 1, Amount: 30000}}},
		{"by supplier", k.BySupplier, []Amount{{Value: "Hotel A", Key: "compensation:supplier:Hotel A", N: 2, Amount: 80000},
			{Value: "Airline B", Key: "compensation:supplier:Airline B", N: 1, Amount: 15000}}},
		{"by category", k.ByCategory, []Amount{{Value: "accommodation", Key: "compensation:category:accommodation", N: 2, Amount: 80000},
			{Value: "meals", Key: "compensation:category:meals", N: 1, Amount: 15000}}},
		{"recovered", k.Recovered.Amount, data.Money(20000)},
		{"net", k.Net, data.Money(75000)},

		{"王 handled", staff["王"].Handled.N, 3},
		{"王 median first", fl(staff["王"].MedianFirstResponseHrs), 3.0},
		{"王 SLA", [3]any{staff["王"].SLA.N, staff["王"].SLA.Of, fl(staff["王"].SLA.Pct)}, [3]any{2, 3, 66.67}},
		{"王 rating", fl(staff["王"].MeanRating), 4.0},
		{"李 handled", staff["李"].Handled.N, 5},
		{"李 median first", fl(staff["李"].MedianFirstResponseHrs), 1.0},
		{"李 SLA", [3]any{staff["李"].SLA.N, staff["李"].SLA.Of, fl(staff["李"].SLA.Pct)}, [3]any{3, 5, 60.0}},
		{"张 SLA", fl(staff["张"].SLA.Pct), nil},

		{"supplier hotspots", fig.Hotspots.Suppliers.ByComplaints, []Hot{
			{Value: "Hotel A", Key: "complaints:supplier:Hotel A", N: 3, PrevN: 1, Amount: 80000},
			{Value: "Airline B", Key: "complaints:supplier:Airline B", N: 2, Amount: 15000}}},
		{"supplier compensation hotspot", fig.Hotspots.Suppliers.ByCompensation[0].Key, "compensation:supplier:Hotel A"},
		{"trend months", [2]string{fig.Trend[0].Month, fig.Trend[11].Month}, [2]string{"2025-11", "2026-10"}},
		{"trend October", [2]int{fig.Trend[11].Received, fig.Trend[11].Complaints}, [2]int{8, 7}},
		{"trend August", fig.Trend[9].Received, 1},
		{"per 1000 travellers", fl(fig.Travellers.Per1000), 3.5},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

// TestDrillDown: every key lists exactly the cases its figure counted.
func TestDrillDown(t *testing.T) {
	facts, st := fixture(t)
	p := october(t)
	fig := Compute(facts, p, st, nil, fixtureNow)
	want := map[string]int{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			key := v.FieldByName("Key")
			if key.IsValid() && key.String() != "" && !strings.HasPrefix(key.String(), "repeat") {
				switch v.Type().Name() {
				case "Count", "Bucket", "Amount", "Durations", "Backlog":
					want[key.String()] = int(v.FieldByName("N").Int())
				case "Rate":
					want[key.String()] = int(v.FieldByName("N").Int())
					want[v.FieldByName("OfKey").String()] = int(v.FieldByName("Of").Int())
				case "TrendPoint":
					want[key.String()] = int(v.FieldByName("Received").Int())
				case "Hot":
					if strings.HasPrefix(key.String(), "complaints:") {
						want[key.String()] = int(v.FieldByName("N").Int())
					}
				}
			}
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(fig))
	if len(want) < 40 {
		t.Fatalf("only %d keys found", len(want))
	}
	for key, n := range want {
		got, ok := Cases(key, facts, p, st, fixtureNow)
		if !ok || len(got) != n {
			t.Errorf("Cases(%q) = %d cases (ok %v), the figure counts %d", key, len(got), ok, n)
		}
	}
	numbers := func(key string) string {
		fs, _ := Cases(key, facts, p, st, fixtureNow)
		var out []string
		for _, f := range fs {
			out = append(out, f.Number[len(f.Number)-2:])
		}
		return strings.Join(out, ",")
	}
	for key, want := range map[string]string{
		"repeat":                        "02,03",
		"reopened":                      "06",
		"first_response:overdue_now":    "05",
		"resolution:overdue_now":        "03,05,06",
		"first_contact":                 "08",
		"compensation:supplier:Hotel A": "02,01", // received 2 Oct, 9 Oct
		"open_at_end":                   "03,05,06",
	} {
		if got := numbers(key); got != want {
			t.Errorf("Cases(%q) = %s, want %s", key, got, want)
		}
	}
	if _, ok := Cases("no_such_figure", facts, p, st, fixtureNow); ok {
		t.Error("an unknown key was accepted")
	}
}

func TestPeriods(t *testing.T) {
	day := func(s string) time.Time { return at(s + " 00:00") }
	for _, c := range []struct {
		in        string
		from, to  string
		label     string
		prevFrom  string
		prevLabel string
	}{
		{"2026-11", "2026-11-01", "2026-12-01", "2026-11", "2026-10-01", "2026-10"},
		{"2026-1", "2026-01-01", "2026-02-01", "2026-01", "2025-12-01", "2025-12"},
		{"2026-Q4", "2026-10-01", "2027-01-01", "2026-Q4", "2026-07-01", "2026-Q3"},
		{"2026-q1", "2026-01-01", "2026-04-01", "2026-Q1", "2025-10-01", "2025-Q4"},
		{"2026", "2026-01-01", "2027-01-01", "2026", "2025-01-01", "2025"},
	} {
		p, err := ParsePeriod(c.in, shanghai)
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if !p.From.Equal(day(c.from)) || !p.To.Equal(day(c.to)) || p.Label() != c.label {
			t.Errorf("%s = %v..%v %s", c.in, p.From, p.To, p.Label())
		}
		if prev := p.Previous(); !prev.From.Equal(day(c.prevFrom)) || !prev.To.Equal(p.From) || prev.Label() != c.prevLabel {
			t.Errorf("%s previous = %v..%v %s", c.in, prev.From, prev.To, prev.Label())
		}
	}
	for _, bad := range []string{"2026-13", "2026-Q5", "11/2026", "", "2026-00"} {
		if _, err := ParsePeriod(bad, shanghai); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
	p, err := CustomPeriod("2026-11-10", "2026-11-19", shanghai)
	if err != nil || p.Days() != 10 || p.Label() != "2026-11-10..2026-11-19" {
		t.Fatalf("custom = %v %v", p, err)
	}
	if prev := p.Previous(); !prev.From.Equal(day("2026-10-31")) || !prev.To.Equal(day("2026-11-10")) {
		t.Errorf("custom previous = %v..%v", prev.From, prev.To)
	}
	if _, err := CustomPeriod("2026-11-19", "2026-11-10", shanghai); err == nil {
		t.Error("a backwards period was accepted")
	}
	// The agency's midnight, not UTC's: 31 Oct 23:30 in Shanghai is October.
	if !october(t).Contains(at("2026-10-31 23:30")) || october(t).Contains(at("2026-11-01 00:00")) {
		t.Error("Contains ignores the agency's zone")
	}
}

func TestFactCodecRoundTrip(t *testing.T) {
	facts, _ := fixture(t)
	for _, f := range facts {
		got, err := DecodeFact(EncodeFact(&f))
		if err != nil {
			t.Fatal(err)
		}
		// Times come back in Local: compare instants through JSON.
		a, _ := json.Marshal(f)
		b, _ := json.Marshal(normalise(got, f))
		if !bytes.Equal(a, b) {
			t.Errorf("round trip changed the fact:\n%s\n%s", a, b)
		}
	}
	if _, err := DecodeFact([]byte{FactVersion, 0x80}); err == nil {
		t.Error("a truncated fact decoded")
	}
}

// normalise puts got's times in want's zones so JSON compares instants.
func normalise(got, want Fact) Fact {
	in := func(t, like time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.In(like.Location())
	}
	got.Received, got.FinishedAt, got.ResolvedAt, got.ClosedAt = in(got.Received, want.Received),
		in(got.FinishedAt, want.FinishedAt), in(got.ResolvedAt, want.ResolvedAt), in(got.ClosedAt, want.ClosedAt)
	for _, pair := range [][2]*FactClock{{&got.First, &want.First}, {&got.Resolution, &want.Resolution}} {
		pair[0].Due, pair[0].MetAt = in(pair[0].Due, pair[1].Due), in(pair[0].MetAt, pair[1].MetAt)
	}
	return got
}

// TestFiguresGolden pins the JSON names and layout (README "Report figures").
func TestFiguresGolden(t *testing.T) {
	facts, st := fixture(t)
	fig := Compute(facts, october(t), st, map[string]int{"2026-10": 2000}, fixtureNow)
	got, err := json.MarshalIndent(fig, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "figures.golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestFiguresGolden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("figures JSON differs from %s (run with -update if the change is meant):\n%s", path, got)
	}
}

// TestNoFollowUps: the satisfaction section says there are none.
func TestNoFollowUps(t *testing.T) {
	facts, st := fixture(t)
	p, _ := ParsePeriod("2026-08", shanghai)
	fig := Compute(facts, p, st, nil, fixtureNow)
	if !fig.Satisfaction.None || fig.Satisfaction.MeanRating != nil || fig.Travellers.Per1000 != nil ||
		len(fig.Travellers.Missing) != 1 {
		t.Errorf("August: %+v %+v", fig.Satisfaction, fig.Travellers)
	}
}

// TestSinceLosesNothing: the facts the store skips (FactWithin before
// Period.Since) change no figure, for the fixture's month and a year later.
func TestSinceLosesNothing(t *testing.T) {
	facts, st := fixture(t)
	for _, label := range []string{"2026-10", "2026-11", "2027-09", "2028-03"} {
		p, _ := ParsePeriod(label, shanghai)
		var kept []Fact
		for _, f := range facts {
			if FactWithin(EncodeFact(&f), p.Since(st), p.To) {
				kept = append(kept, f)
			}
		}
		now := p.To.AddDate(0, 0, 3)
		a, _ := json.Marshal(Compute(facts, p, st, nil, now))
		b, _ := json.Marshal(Compute(kept, p, st, nil, now))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the figures differ without the %d skipped facts", label, len(facts)-len(kept))
		}
		if label == "2028-03" && len(kept) != 3 {
			t.Errorf("%s: kept %d facts, want the 3 still open", label, len(kept))
		}
	}
}
