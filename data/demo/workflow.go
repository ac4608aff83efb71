package demo

import (
	"time"

	"casebook/data"
)

// The workflow: the steps a case goes through and when.

// demoPath builds one case's steps.
type demoPath struct {
	g       *demoGen
	t       time.Time
	urgent  bool
	kind    int
	cat     int
	yuan    int
	handler string
	notes   *demoNoteSet
	out     []Step
}

// add appends a step d after the previous one; staff act in working hours unless the
// case is urgent. With probability noteP the step gets a note from list.
func (p *demoPath) add(to data.Status, d time.Duration, by string, noteP float64, list []string) {
	g := p.g
	p.t = p.t.Add(d)
	if !p.urgent {
		p.t = g.workTime(p.t)
	}
	var note demoSpan
	if len(list) > 0 && g.chance(noteP) {
		note = g.span(g.pick(list))
	}
	if i := len(p.out); i < len(g.notes) {
		g.notes[i] = note
	}
	p.out = append(p.out, Step{To: to, At: p.t, By: by})
}

// ackDelay is the time to the first response: minutes for urgent cases, mostly hours
// for the others, now and then a day or two.
func (p *demoPath) ackDelay() time.Duration {
	g := p.g
	switch u := g.r.Float64(); {
	case p.urgent:
		return g.minutes(3, 60, true)
	case u < 0.7:
		return g.minutes(10, 240, true)
	case u < 0.95:
		return g.minutes(240, 1440, false)
	default:
		return g.minutes(1440, 4320, false)
	}
}

// steps plans the case's way through the workflow, then keeps what happened by now.
func (g *demoGen) steps(kind, cat, lang, channel int, urgent bool, yuan int, handler string, recv, now time.Time) []Step {
	// Steps go straight into a shared backing array: one allocation per few thousand
	// cases. A case has at most 15 steps.
	const room = 16
	if cap(g.arena)-len(g.arena) < room {
		g.arena = make([]Step, 0, 16384)
	}
	n0 := len(g.arena)
	p := demoPath{g: g, t: recv, urgent: urgent, kind: kind, cat: cat, yuan: yuan, handler: handler,
		notes: &demoNotes[lang], out: g.arena[n0 : n0 : n0+room]}
	notes := p.notes
	sup := Staff[demoStaffChen].Name
	switch {
	case (kind == demoKComplaint || kind == demoKRequest) && g.chance(0.0375):
		by := handler
		if g.chance(0.5) {
			by = sup
		}
		p.add(data.StatusDeclined, p.ackDelay(), by, 1, notes.declined)
	case kind == demoKSuggestion || kind == demoKPraise:
		ack := notes.suggestionAck
		if kind == demoKPraise {
			ack = notes.praiseAck
		}
		p.add(data.StatusAcknowledged, p.ackDelay(), handler, 0.7, ack)
		p.add(data.StatusClosed, g.minutes(60, 14400, true), handler, 0.5, notes.suggestionClose)
	default:
		ack := notes.acknowledged
		if channel >= 0 && channel < len(notes.ackBy) && g.chance(0.75) {
			ack = notes.ackBy[channel]
		}
		p.add(data.StatusAcknowledged, p.ackDelay(), handler, 0.6, ack)
		p.investigate()
		p.propose(true)
		if g.chance(0.94) { // the rest stay resolved, waiting for the follow-up call
			closer := handler
			if g.chance(0.15) {
				closer = sup
			}
			p.add(data.StatusClosed, g.minutes(2*1440, 21*1440, true), closer, 0.5, notes.closed)
			if g.chance(0.005) {
				p.add(data.StatusInvestigating, g.minutes(5*1440, 60*1440, false), handler, 1, notes.reopened)
				p.propose(false)
				p.add(data.StatusClosed, g.minutes(1440, 14*1440, true), closer, 0.5, notes.closed)
			}
		}
	}
	out := p.out

	// A few old cases are still stuck at an open stage.
	if now.Sub(recv) > 30*24*time.Hour && g.chance(demoStuckShare) {
		var open [16]int // prefix lengths that leave the case open
		k := 0
		for i := 0; i < len(out) && k < len(open); i++ {
			if i == 0 || out[i-1].To.Open() {
				open[k] = i
				k++
			}
		}
		out = out[:open[g.r.IntN(k)]]
	}
	for i, s := range out {
		if s.At.After(now) {
			out = out[:i]
			break
		}
	}
	if len(out) == 0 {
		return nil
	}
	if cap(p.out) == room { // still in the arena
		g.arena = g.arena[:n0+len(out)]
	}
	return out[:len(out):len(out)] // appending to it copies
}

// investigate goes acknowledged → investigating.
func (p *demoPath) investigate() {
	g, notes := p.g, p.notes
	inv := notes.invGeneric
	switch p.cat {
	case demoCatGuide, demoCatShopping, demoCatItinerary, demoCatFee:
		inv = notes.invGuide
	case demoCatHotel, demoCatMeals:
		inv = notes.invHotel
	case demoCatTransport, demoCatLuggage:
		inv = notes.invAir
	}
	switch {
	case p.urgent:
		p.add(data.StatusInvestigating, g.minutes(5, 60, true), p.handler, 0.7, inv)
	case g.chance(0.6):
		p.add(data.StatusInvestigating, g.minutes(5, 240, true), p.handler, 0.7, inv)
	default:
		p.add(data.StatusInvestigating, g.minutes(240, 2880, false), p.handler, 0.7, inv)
	}
}

// propose goes investigating → proposed (→ investigating → proposed when the customer
// rejects the offer) → agreed → resolved.
func (p *demoPath) propose(mayReject bool) {
	g, notes := p.g, p.notes
	proposer := p.handler
	switch {
	case p.yuan >= 10000 && g.chance(0.5):
		proposer = Staff[demoStaffZhang].Name
	case p.yuan >= 5000:
		proposer = Staff[demoStaffChen].Name
	}
	offer := notes.proposedNo
	switch {
	case p.yuan > 0 && p.cat == demoCatInsurance:
		offer = notes.proposedClaim
	case p.yuan > 0 && p.kind == demoKRequest:
		offer = notes.proposedReqAmt
	case p.yuan > 0:
		offer = notes.proposedAmt
	case p.kind == demoKRequest:
		offer = notes.proposedReqNo
	case g.chance(0.5):
		switch p.cat {
		case demoCatGuide, demoCatShopping, demoCatItinerary, demoCatFee:
			offer = notes.proposedNoGuide
		case demoCatHotel, demoCatMeals:
			offer = notes.proposedNoHotel
		}
	}
	rejectP := [2]float64{0.12, 0.2}
	for round := 0; ; round++ {
		switch {
		case p.urgent && round == 0:
			p.add(data.StatusProposed, g.minutes(60, 1440, true), proposer, 0.9, offer)
		case g.chance(0.15):
			p.add(data.StatusProposed, g.minutes(7*1440, 30*1440, false), proposer, 0.9, offer) // waiting on a supplier
		default:
			p.add(data.StatusProposed, g.minutes(240, 6*1440, true), proposer, 0.9, offer)
		}
		if !mayReject || round >= len(rejectP) || !g.chance(rejectP[round]) {
			break
		}
		p.add(data.StatusInvestigating, g.minutes(60, 3*1440, true), p.handler, 1, notes.rejected)
	}
	p.add(data.StatusAgreed, g.minutes(60, 4*1440, true), p.handler, 0.5, notes.agreed)
	if p.yuan > 0 {
		p.add(data.StatusResolved, g.minutes(1440, 10*1440, true), p.handler, 0.6, notes.resolvedAmt)
	} else if p.kind == demoKRequest {
		p.add(data.StatusResolved, g.minutes(30, 2*1440, true), p.handler, 0.6, notes.resolvedReq)
	} else {
		p.add(data.StatusResolved, g.minutes(30, 2*1440, true), p.handler, 0.6, notes.resolvedNo)
	}
}

// workTime moves a staff action into working hours (08:30–21:00).
func (g *demoGen) workTime(t time.Time) time.Time {
	h, m, _ := t.Clock()
	mins := h*60 + m
	if mins >= 8*60+30 && mins < 21*60 {
		return t
	}
	y, mo, d := t.Date()
	if mins >= 21*60 {
		d++
	}
	return time.Date(y, mo, d, 8, 30, 0, 0, demoLoc).Add(time.Duration(g.r.IntN(150*60)) * time.Second)
}
