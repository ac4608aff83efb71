package demo

import (
	"strings"

	"casebook/data"
)

// Real complaints are not written from one template per category: customers
// mention other things in passing ("the guide was nice, but…"), some do not
// say what went wrong at all, a case filed under one category often reads
// like another (a delay that made the group miss a sight is closed as an
// itinerary change), and an urgent case sounds urgent. noise gives the demo
// texts those traits, so that keyword rules and the learned classifier
// (data/classify) can be compared on something other than the templates.
//
// It draws only from g.nr, so every other field of every case (and the
// random stream that makes them) stays what it was.

// Shares of the texts' noise.
const (
	noiseConfused = 0.08 // a complaint reads like a neighbouring category
	noiseVague    = 0.07 // a complaint does not say what went wrong
	noiseAside    = 0.30 // a remark about another thing, with its keywords
	noiseUrgent   = 0.60 // an urgent case presses
	noiseFalseUrg = 0.04 // a normal or low one sounds urgent anyway
)

// demoConfusable is the category a case's text may read like instead.
var demoConfusable = map[int]int{
	demoCatTransport: demoCatItinerary, demoCatItinerary: demoCatTransport,
	demoCatGuide: demoCatShopping, demoCatShopping: demoCatGuide,
	demoCatHotel: demoCatMeals, demoCatMeals: demoCatHotel,
	demoCatRefund: demoCatCancel, demoCatCancel: demoCatRefund,
	demoCatLuggage: demoCatTransport, demoCatBooking: demoCatRefund,
	demoCatOther: demoCatGuide,
}

func (g *demoGen) npick(list []string) string { return list[g.nr.IntN(len(list))] }

// noise rewrites a case's subject and description (see above).
func (g *demoGen) noise(subj, desc demoSpan, kind, cat, lang int, ch data.Channel, sev data.Severity) (demoSpan, demoSpan) {
	t := &langTexts[lang]
	all := g.text.String()
	body := desc.in(all)
	if kind == demoKComplaint {
		alt, ok := demoConfusable[cat]
		switch x := g.nr.Float64(); {
		case ok && x < noiseConfused:
			if ts := demoTextTable[lang][kind][alt]; ts != nil && len(ts.lead) > 0 {
				s, lead := splitLead(g.npick(ts.lead))
				if s == "" && len(ts.subj) > 0 {
					s = g.npick(ts.subj)
				}
				if s != "" {
					subj = g.span(s)
					body = g.expanded(lead)
				}
			}
		case x >= noiseConfused && x < noiseConfused+noiseVague && len(t.Vague) > 0:
			s, lead := splitLead(g.npick(t.Vague))
			subj, body = g.span(s), g.expanded(lead)
		}
		if ch == data.ChannelHotline && !strings.HasPrefix(body, demoHotlinePrefix[lang]) {
			body = demoHotlinePrefix[lang] + body
		}
	}
	sep := ""
	if lang == 1 {
		sep = " "
	}
	if (kind == demoKComplaint || kind == demoKRequest) && len(t.Asides) > 0 && g.nr.Float64() < noiseAside {
		body += sep + t.Asides[g.nr.IntN(len(t.Asides))]
	}
	p := noiseFalseUrg
	if sev == data.SeverityUrgent {
		p = noiseUrgent
	}
	if kind != demoKPraise && kind != demoKSuggestion && len(t.Urgent) > 0 && g.nr.Float64() < p {
		body += sep + t.Urgent[g.nr.IntN(len(t.Urgent))]
	}
	if body == desc.in(all) {
		return subj, desc
	}
	return subj, g.literal(body)
}

// splitLead cuts "subject||lead[||demand]" into subject and lead.
func splitLead(l string) (string, string) {
	s, lead, ok := strings.Cut(l, "||")
	if !ok {
		return "", l
	}
	lead, _, _ = strings.Cut(lead, "||")
	return s, lead
}

// expanded is tpl with its slots filled.
func (g *demoGen) expanded(tpl string) string {
	var b strings.Builder
	g.expandTo(&b, tpl)
	return b.String()
}

// literal puts s into the case's text buffer as it is.
func (g *demoGen) literal(s string) demoSpan {
	a := g.text.Len()
	g.text.WriteString(s)
	return demoSpan{a: a, b: g.text.Len()}
}
