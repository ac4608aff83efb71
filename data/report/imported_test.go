package report

import (
	"testing"

	"casebook/data"
)

// A case imported from a ledger has no measured first response (the ledger
// does not say when it was answered), so it counts in the volume and in the
// resolution figures, never in the first-response ones.
func TestImportedCasesHaveNoFirstResponseFigure(t *testing.T) {
	st := fixtureSettings()
	p, err := ParsePeriod("2026-11", shanghai)
	if err != nil {
		t.Fatal(err)
	}
	recorded := build(t, st, spec{id: 1, received: "2026-11-02 10:00", owner: "王"}).move(data.StatusAcknowledged, "2026-11-02 12:00")
	imported := build(t, st, spec{id: 2, received: "2026-11-03 10:00", owner: "王"})
	data.ApplyImport(&imported.c, data.ImportedCase{New: data.NewCase{By: "王"}, Status: data.StatusClosed, DoneAt: at("2026-11-10 10:00"),
		Origin: data.ImportOrigin{File: "台账.xlsx", Row: 2}}, at("2026-11-20 09:00"))
	fi := FactOf(&imported.c, st)
	if fi.First != (FactClock{}) || !fi.Resolution.Met() {
		t.Fatalf("imported fact: first %+v, resolution %+v", fi.First, fi.Resolution)
	}
	// the fact survives its binary form
	if back, err := DecodeFact(EncodeFact(&fi)); err != nil || back.First != (FactClock{}) {
		t.Fatalf("decoded: %+v, %v", back.First, err)
	}
	facts := []Fact{FactOf(&recorded.c, st), fi}
	fig := Compute(facts, p, st, nil, at("2026-11-20 09:00"))
	if fig.Volume.Received.N != 2 {
		t.Errorf("received %d, want 2", fig.Volume.Received.N)
	}
	fr := fig.Timeliness.FirstResponse
	if fr.All.N != 1 || fr.SLA.Of != 1 || fr.SLA.N != 1 {
		t.Errorf("first response counts the imported case: all %d, SLA %d of %d", fr.All.N, fr.SLA.N, fr.SLA.Of)
	}
	if n := fig.Timeliness.Resolution.All.N; n != 1 {
		t.Errorf("resolution times %d, want the imported case's", n)
	}
	cases, ok := Cases(fr.All.Key, facts, p, st, at("2026-11-20 09:00"))
	if !ok || len(cases) != 1 || cases[0].ID != 1 {
		t.Errorf("cases behind %s: %v", fr.All.Key, cases)
	}
}
