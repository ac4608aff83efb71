package demo

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"casebook/data"
)

// The words the generator writes with, one folder per language (zh: Simplified
// Chinese, en: English):
//
//	people.json  names (with pinyin for e-mail addresses, and sex for 女士/先生, Ms/Mr) and mail domains
//	places.json  destinations with their cities, sights, products, hotels, shops, local agencies and
//	             guides; airlines; the words for "hours"
//	texts.json   what customers write, by kind and category (see demoTextSet), the 12345 hotline
//	             prefix and the closing sentences of complaints
//	notes.json   the notes staff leave on status changes (see demoNoteSet)
//
// and phone_prefixes.txt, the mobile prefixes of the three carriers, one a line.
//
// Texts are templates. Slots: {A} amount claimed, {B} half of it, {C} a place, {D} the
// destination, {E} another place, {F} a fee, {G} the guide, {H} hours (words), {I} party
// size, {J} a rating, {K} the local agency, {L} the airline, {N} the day of the trip,
// {O} the hotel, {Q} the flight, {R} the product, {S} a shop, {T} the day it happened,
// {U} the short trip name, {V} the departure day, {W} the customer (王女士, Ms Smith),
// {X} delay hours, {Y} group size.
//
// The files are read once, when the package is initialised; a mistake in them
// panics then (and fails the package's tests), like a bad regexp.MustCompile.
//
//go:embed words
var wordFiles embed.FS

var (
	zhPeople, enPeople = readJSON[people]("zh/people.json"), readJSON[people]("en/people.json")
	zhPlaces, enPlaces = readJSON[places]("zh/places.json"), readJSON[places]("en/places.json")
	langTexts          = [2]texts{readJSON[texts]("zh/texts.json"), readJSON[texts]("en/texts.json")}

	demoSurnames      = zhPeople.Surnames
	demoGivenNames    = zhPeople.GivenNames
	demoZhMailDomains = zhPeople.MailDomains
	demoFirstNames    = enPeople.FirstNames
	demoLastNames     = enPeople.LastNames
	demoEnMailDomains = enPeople.MailDomains
	demoPhonePrefixes = readLines("phone_prefixes.txt")

	demoZhGuides                   = zhPlaces.Guides
	demoZhDests, demoEnDests       = zhPlaces.Destinations, enPlaces.Destinations
	demoZhAirlines, demoEnAirlines = zhPlaces.Airlines, enPlaces.Airlines
	demoZhHours, demoEnHours       = zhPlaces.Hours, enPlaces.Hours

	demoHotlinePrefix = [2]string{langTexts[0].HotlinePrefix, langTexts[1].HotlinePrefix}
	demoClosers       = [2][]string{langTexts[0].Closers, langTexts[1].Closers}
	demoTextTable     = [2][demoNumKinds]*[demoNumCats]*demoTextSet{textTable(langTexts[0]), textTable(langTexts[1])}
	demoNotes         = [2]demoNoteSet{readJSON[demoNoteSet]("zh/notes.json"), readJSON[demoNoteSet]("en/notes.json")}
)

type people struct {
	Surnames    []demoName `json:"surnames"`
	GivenNames  []demoName `json:"given_names"`
	FirstNames  []demoName `json:"first_names"`
	LastNames   []string   `json:"last_names"`
	MailDomains []string   `json:"mail_domains"` // repeated to weigh them
}

// demoName is written ["王", "wang"] or ["芳", "fang", "f"].
type demoName struct {
	han, py string
	g       byte // 'm', 'f', or 'u' (either); 0 for surnames
}

func (n *demoName) UnmarshalJSON(b []byte) error {
	var v []string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if len(v) < 2 || len(v) > 3 || v[0] == "" || v[1] == "" {
		return fmt.Errorf("name %s: want [name, pinyin] or [name, pinyin, m|f|u]", b)
	}
	n.han, n.py = v[0], v[1]
	if len(v) == 3 {
		if v[2] != "m" && v[2] != "f" && v[2] != "u" {
			return fmt.Errorf("name %s: sex must be m, f or u", b)
		}
		n.g = v[2][0]
	}
	return nil
}

type places struct {
	Guides       []string      `json:"guides"` // shared by destinations without their own
	Airlines     []demoAirline `json:"airlines"`
	Hours        []string      `json:"hours"`
	Destinations []demoDest    `json:"destinations"`
}

type demoProduct struct {
	name string
	days int
}

func (p *demoProduct) UnmarshalJSON(b []byte) error {
	var v struct {
		Name string `json:"name"`
		Days int    `json:"days"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if v.Name == "" || v.Days < 1 || v.Days >= len(demoCNNum) {
		return fmt.Errorf("product %s: want a name and 1 to %d days", b, len(demoCNNum)-1)
	}
	*p = demoProduct{v.Name, v.Days}
	return nil
}

// demoAirline is written ["东方航空", "MU"].
type demoAirline struct{ name, code string }

func (a *demoAirline) UnmarshalJSON(b []byte) error {
	var v []string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if len(v) != 2 || v[0] == "" || v[1] == "" {
		return fmt.Errorf("airline %s: want [name, code]", b)
	}
	*a = demoAirline{v[0], v[1]}
	return nil
}

type demoDest struct {
	name     string
	cities   []string      // {C}: where things happen
	sights   []string      // {E}: what the tour visits
	airlines []demoAirline // nil: the language's domestic carriers
	products []demoProduct
	hotels   []string
	shops    []string
	agencies []string
	guides   []string // nil: the shared Chinese guide list
	abroad   bool
	weight   int
}

func (d *demoDest) UnmarshalJSON(b []byte) error {
	var v struct {
		Name     string        `json:"name"`
		Cities   []string      `json:"cities"`
		Sights   []string      `json:"sights"`
		Airlines []demoAirline `json:"airlines"`
		Products []demoProduct `json:"products"`
		Hotels   []string      `json:"hotels"`
		Shops    []string      `json:"shops"`
		Agencies []string      `json:"agencies"`
		Guides   []string      `json:"guides"`
		Abroad   bool          `json:"abroad"`
		Weight   int           `json:"weight"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if v.Name == "" || len(v.Cities) == 0 || len(v.Sights) == 0 || len(v.Products) == 0 ||
		len(v.Hotels) == 0 || len(v.Shops) == 0 || len(v.Agencies) == 0 || v.Weight <= 0 {
		return fmt.Errorf("destination %q: needs cities, sights, products, hotels, shops, agencies and a weight", v.Name)
	}
	*d = demoDest{v.Name, v.Cities, v.Sights, v.Airlines, v.Products, v.Hotels, v.Shops, v.Agencies, v.Guides, v.Abroad, v.Weight}
	return nil
}

type texts struct {
	HotlinePrefix string                                `json:"hotline_prefix"`
	Vague         []string                              `json:"vague"`  // "subject||lead" of complaints that do not say what went wrong
	Asides        []string                              `json:"asides"` // remarks about other things (noise.go)
	Urgent        []string                              `json:"urgent"` // how an urgent case presses
	Closers       []string                              `json:"closers"`
	Texts         map[data.Kind]map[string]*demoTextSet `json:"texts"` // kind → category slug → texts
}

// demoTextSet holds the texts of one kind and category in one language. A lead may
// carry its own subject and demand: "subject||lead" or "subject||lead||demand"; the
// set's subj, demandAmt and demandNo lists apply to every lead and fill the gaps.
// leadAmt replaces lead when an amount is claimed.
type demoTextSet struct {
	subj, lead, leadAmt, detail, demandAmt, demandNo []string
}

func (ts *demoTextSet) UnmarshalJSON(b []byte) error {
	var v struct {
		Subj      []string `json:"subject"`
		Lead      []string `json:"lead"`
		LeadAmt   []string `json:"lead_amount"`
		Detail    []string `json:"detail"`
		DemandAmt []string `json:"demand_amount"`
		DemandNo  []string `json:"demand_no_amount"`
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	*ts = demoTextSet{v.Subj, v.Lead, v.LeadAmt, v.Detail, v.DemandAmt, v.DemandNo}
	return nil
}

// textTable indexes a language's texts by kind and category.
func textTable(t texts) [demoNumKinds]*[demoNumCats]*demoTextSet {
	var out [demoNumKinds]*[demoNumCats]*demoTextSet
	for k := range out {
		out[k] = new([demoNumCats]*demoTextSet)
	}
	for kind, cats := range t.Texts {
		k := slices.Index(demoKinds[:], kind)
		if k < 0 {
			panic(fmt.Sprintf("demo: texts: unknown kind %q", kind))
		}
		for slug, ts := range cats {
			c := slices.Index(demoCategorySlugs[:], slug)
			if c < 0 {
				panic(fmt.Sprintf("demo: texts: %s: unknown category %q", kind, slug))
			}
			out[k][c] = ts
		}
	}
	return out
}

// demoNoteSet holds the notes staff leave on status changes.
type demoNoteSet struct {
	acknowledged, declined, suggestionAck, praiseAck, suggestionClose []string
	ackBy                                                             [7][]string // by channel, in the order of data.Channels
	invGuide, invHotel, invAir, invGeneric                            []string
	proposedAmt, proposedNo, proposedNoGuide, proposedNoHotel         []string
	proposedReqAmt, proposedReqNo                                     []string
	proposedClaim, rejected, agreed                                   []string
	resolvedAmt, resolvedNo, resolvedReq, closed, reopened            []string
}

func (n *demoNoteSet) UnmarshalJSON(b []byte) error {
	var v struct {
		Acknowledged    []string                  `json:"acknowledged"`
		AckBy           map[data.Channel][]string `json:"acknowledged_by_channel"`
		Declined        []string                  `json:"declined"`
		SuggestionAck   []string                  `json:"suggestion_acknowledged"`
		PraiseAck       []string                  `json:"praise_acknowledged"`
		SuggestionClose []string                  `json:"suggestion_closed"`
		InvGuide        []string                  `json:"investigating_guide"`
		InvHotel        []string                  `json:"investigating_hotel"`
		InvAir          []string                  `json:"investigating_transport"`
		InvGeneric      []string                  `json:"investigating_other"`
		ProposedAmt     []string                  `json:"proposed_amount"`
		ProposedNo      []string                  `json:"proposed_no_amount"`
		ProposedNoGuide []string                  `json:"proposed_no_amount_guide"`
		ProposedNoHotel []string                  `json:"proposed_no_amount_hotel"`
		ProposedReqAmt  []string                  `json:"proposed_request_amount"`
		ProposedReqNo   []string                  `json:"proposed_request_no_amount"`
		ProposedClaim   []string                  `json:"proposed_insurance_claim"`
		Rejected        []string                  `json:"rejected"`
		Agreed          []string                  `json:"agreed"`
		ResolvedAmt     []string                  `json:"resolved_amount"`
		ResolvedNo      []string                  `json:"resolved_no_amount"`
		ResolvedReq     []string                  `json:"resolved_request"`
		Closed          []string                  `json:"closed"`
		Reopened        []string                  `json:"reopened"`
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	*n = demoNoteSet{
		acknowledged: v.Acknowledged, declined: v.Declined, suggestionAck: v.SuggestionAck,
		praiseAck: v.PraiseAck, suggestionClose: v.SuggestionClose,
		invGuide: v.InvGuide, invHotel: v.InvHotel, invAir: v.InvAir, invGeneric: v.InvGeneric,
		proposedAmt: v.ProposedAmt, proposedNo: v.ProposedNo, proposedNoGuide: v.ProposedNoGuide,
		proposedNoHotel: v.ProposedNoHotel, proposedReqAmt: v.ProposedReqAmt, proposedReqNo: v.ProposedReqNo,
		proposedClaim: v.ProposedClaim, rejected: v.Rejected, agreed: v.Agreed,
		resolvedAmt: v.ResolvedAmt, resolvedNo: v.ResolvedNo, resolvedReq: v.ResolvedReq,
		closed: v.Closed, reopened: v.Reopened,
	}
	if len(data.Channels) != len(n.ackBy) {
		return fmt.Errorf("notes: %d channels, room for %d", len(data.Channels), len(n.ackBy))
	}
	for ch, list := range v.AckBy {
		i := slices.Index(data.Channels, ch)
		if i < 0 {
			return fmt.Errorf("notes: unknown channel %q", ch)
		}
		n.ackBy[i] = list
	}
	return nil
}

// readJSON decodes an embedded file; unknown fields are mistakes.
func readJSON[T any](name string) T {
	var v T
	b, err := wordFiles.ReadFile("words/" + name)
	if err == nil {
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		err = dec.Decode(&v)
	}
	if err != nil {
		panic(fmt.Sprintf("demo: words/%s: %v", name, err))
	}
	return v
}

// readLines returns an embedded text file's non-empty lines.
func readLines(name string) []string {
	b, err := wordFiles.ReadFile("words/" + name)
	if err != nil {
		panic(fmt.Sprintf("demo: words/%s: %v", name, err))
	}
	return strings.Fields(string(b))
}
