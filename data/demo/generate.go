package demo

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"casebook/data"
)

// ---------------------------------------------------------------------------
// Generator state and small helpers

type demoGen struct {
	r         *rand.Rand
	nr        *rand.Rand // the texts' noise (noise.go), apart so that r draws as it always did
	customers []demoCustomer
	slots     [26]string      // template slots {A}…{Z}
	text      strings.Builder // the texts of recent cases; strings are slices of it
	buf       []byte          // scratch
	notes     [16]demoSpan    // the current case's step notes in text
	arena     []Step          // backing array for the steps handed out
}

type demoCustomer struct {
	c    data.Customer
	en   bool
	addr string // how staff refer to them: 王女士, Ms Smith
}

// demoWeights is a cumulative weight table for weighted picks.
type demoWeights []int

func demoW(ws ...int) demoWeights {
	cum := make(demoWeights, len(ws))
	t := 0
	for i, w := range ws {
		t += w
		cum[i] = t
	}
	return cum
}

func (g *demoGen) pickW(w demoWeights) int {
	x := g.r.IntN(w[len(w)-1])
	for i, c := range w {
		if x < c {
			return i
		}
	}
	return len(w) - 1
}

func (g *demoGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *demoGen) chance(p float64) bool { return g.r.Float64() < p }

// between returns a random int in [lo, hi].
func (g *demoGen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// minutes returns a duration between lo and hi minutes, skewed towards lo when skew
// is set, with random seconds so that times do not look machine-made.
func (g *demoGen) minutes(lo, hi int, skew bool) time.Duration {
	u := g.r.Float64()
	if skew {
		u *= u
	}
	m := lo + int(u*float64(hi-lo))
	return time.Duration(m)*time.Minute + time.Duration(g.r.IntN(60))*time.Second
}

func (g *demoGen) set(slot byte, v string) { g.slots[slot-'A'] = v }

// expandTo writes tpl with every {X} replaced by slot X.
func (g *demoGen) expandTo(b *strings.Builder, tpl string) {
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			return
		}
		if i+2 < len(tpl) && tpl[i+2] == '}' && tpl[i+1] >= 'A' && tpl[i+1] <= 'Z' {
			b.WriteString(tpl[:i])
			b.WriteString(g.slots[tpl[i+1]-'A'])
			tpl = tpl[i+3:]
			continue
		}
		b.WriteString(tpl[:i+1])
		tpl = tpl[i+1:]
	}
}

// demoSpan is a text of the current case: a constant, or a range of demoGen.text.
type demoSpan struct {
	s    string
	a, b int
}

func (sp demoSpan) in(all string) string {
	if sp.a == sp.b {
		return sp.s
	}
	return all[sp.a:sp.b]
}

// span expands tpl into the case's text buffer; templates without slots are used as they are.
func (g *demoGen) span(tpl string) demoSpan {
	if strings.IndexByte(tpl, '{') < 0 {
		return demoSpan{s: tpl}
	}
	a := g.text.Len()
	g.expandTo(&g.text, tpl)
	return demoSpan{a: a, b: g.text.Len()}
}

func demoDigits(b []byte, v, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(v), 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// demoAppendISO appends t's date as YYYY-MM-DD.
func demoAppendISO(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	b = demoDigits(b, y, 4)
	b = append(b, '-')
	b = demoDigits(b, int(m), 2)
	b = append(b, '-')
	return demoDigits(b, d, 2)
}

var demoMonthsEn = [...]string{"", "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// demoAppendDay appends a date the way a customer writes it: 7月12日, 12 July.
func demoAppendDay(b []byte, t time.Time, en bool) []byte {
	_, m, d := t.Date()
	if en {
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(b, ' ')
		return append(b, demoMonthsEn[m]...)
	}
	b = strconv.AppendInt(b, int64(m), 10)
	b = append(b, "月"...)
	b = strconv.AppendInt(b, int64(d), 10)
	return append(b, "日"...)
}

// put copies b into the text buffer and returns it as a string without allocating.
func (g *demoGen) put(b []byte) string {
	a := g.text.Len()
	g.text.Write(b)
	g.buf = b[:0]
	return g.text.String()[a:]
}

var demoCNNum = [...]string{"", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}

func demoMidnight(t time.Time, addDays int) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d+addDays, 0, 0, 0, 0, demoLoc)
}

// ---------------------------------------------------------------------------
// When cases arrive

// Month factors: summer holidays, the October Golden Week and Spring Festival are busy.
var demoMonthWeight = [13]float64{0, 0.95, 1.05, 0.8, 0.9, 1.1, 0.95, 1.35, 1.45, 0.95, 1.3, 0.8, 0.8}

// receivedTimes returns n sorted Unix times in (now-2y, now].
func (g *demoGen) receivedTimes(n int, now time.Time) []int64 {
	start := now.AddDate(-2, 0, 0)
	lo, hi := start.Unix(), now.Unix()
	first := demoMidnight(start, 0)
	var days []int64
	var cum []float64
	total := 0.0
	for i := 0; ; i++ {
		day := demoMidnight(first, i)
		if day.After(now) {
			break
		}
		w := demoMonthWeight[day.Month()]
		if d := day.Day(); day.Month() == time.October && d <= 8 {
			w *= 1.4
		} else if day.Month() == time.May && d <= 5 {
			w *= 1.3
		}
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			w *= 0.7
		}
		w *= 0.85 + 0.3*float64(i)/730 // the agency grows
		total += w
		days = append(days, day.Unix())
		cum = append(cum, total)
	}
	out := make([]int64, 0, n)
	for len(out) < n {
		i := sort.SearchFloat64s(cum, g.r.Float64()*total)
		if i >= len(days) {
			i = len(days) - 1
		}
		sec := days[i] + int64(g.secondOfDay())
		if sec <= lo || sec > hi {
			continue
		}
		out = append(out, sec)
	}
	slices.Sort(out)
	return out
}

// secondOfDay is mostly office hours, some evenings, a few early or late ones.
func (g *demoGen) secondOfDay() int {
	u := g.r.Float64()
	switch {
	case u < 0.80:
		return 9*3600 + g.r.IntN(10*3600)
	case u < 0.92:
		return 19*3600 + g.r.IntN(3*3600+1800)
	case u < 0.97:
		return 7*3600 + 1800 + g.r.IntN(5400)
	default:
		return (22*3600 + 1800 + g.r.IntN(9*3600)) % 86400
	}
}

// ---------------------------------------------------------------------------
// Customers
const demoAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"

func (g *demoGen) makeCustomers(k int) {
	g.customers = make([]demoCustomer, k)
	phones := make(map[string]bool, k)
	emails := make(map[string]bool, k/2)
	buf := make([]byte, 0, 32)
	for i := range g.customers {
		c := &g.customers[i]
		c.en = g.r.IntN(4) == 0
		var first, last demoName
		if c.en {
			first = demoFirstNames[g.r.IntN(len(demoFirstNames))]
			ln := g.pick(demoLastNames)
			last = demoName{ln, strings.ToLower(strings.ReplaceAll(ln, "'", "")), 0}
			c.c.Name = first.han + " " + last.han
		} else {
			u := g.r.Float64()
			last = demoSurnames[int(u*u*float64(len(demoSurnames)))]
			first = demoGivenNames[g.r.IntN(len(demoGivenNames))]
			c.c.Name = last.han + first.han
		}
		female := first.g == 'f' || (first.g == 'u' && g.r.IntN(2) == 0)
		switch {
		case c.en && female:
			c.addr = "Ms " + last.han
		case c.en:
			c.addr = "Mr " + last.han
		case female:
			c.addr = last.han + "女士"
		default:
			c.addr = last.han + "先生"
		}

		for {
			buf = append(buf[:0], g.pick(demoPhonePrefixes)...)
			buf = demoDigits(buf, g.r.IntN(100000000), 8)
			if p := string(buf); !phones[p] {
				phones[p] = true
				c.c.Phone = p
				break
			}
		}

		if g.chance(0.5) || (c.en && g.chance(0.6)) {
			domains := demoZhMailDomains
			if c.en {
				domains = demoEnMailDomains
			}
			domain := g.pick(domains)
			for try := 0; ; try++ {
				buf = buf[:0]
				switch v := g.r.IntN(4); {
				case domain == "qq.com" && !c.en && v < 2:
					buf = demoDigits(buf, g.between(10000, 3999999999), 0) // QQ number
				case v == 0:
					buf = append(buf, last.py...)
					buf = append(buf, first.py...)
					buf = demoDigits(buf, g.between(1960, 2006), 0)
				case v == 1:
					buf = append(buf, first.py...)
					buf = append(buf, '.')
					buf = append(buf, last.py...)
				case v == 2:
					buf = append(buf, first.py[0], '.')
					buf = append(buf, last.py...)
					buf = demoDigits(buf, g.r.IntN(100), 2)
				default:
					buf = append(buf, last.py...)
					buf = append(buf, '_')
					buf = append(buf, first.py...)
					buf = demoDigits(buf, g.r.IntN(1000), 0)
				}
				if try > 0 {
					buf = demoDigits(buf, g.r.IntN(1000), 0)
				}
				buf = append(buf, '@')
				buf = append(buf, domain...)
				if e := string(buf); !emails[e] {
					emails[e] = true
					c.c.Email = e
					break
				}
			}
		}

		if (!c.en && g.chance(0.35)) || (c.en && g.chance(0.12)) {
			buf = buf[:0]
			if g.chance(0.5) {
				buf = append(buf, "wxid_"...)
				for range 14 {
					buf = append(buf, demoAlnum[g.r.IntN(len(demoAlnum))])
				}
			} else {
				buf = append(buf, last.py...)
				if g.chance(0.5) {
					buf = append(buf, '_')
				}
				buf = append(buf, first.py...)
				buf = demoDigits(buf, g.r.IntN(10000), 0)
			}
			c.c.WeChat = string(buf)
		}
	}
}

// ---------------------------------------------------------------------------
// One case

// oneCase fills dc, in place: a case is large and there are many.
func (g *demoGen) oneCase(dc *Case, recv, now time.Time) {
	// The texts of many cases share one buffer: a Builder only ever appends, so the
	// strings already taken from it stay valid. A case writes well under 4 KB.
	if g.text.Cap()-g.text.Len() < 4096 {
		g.text.Reset()
		g.text.Grow(256 << 10)
	}
	cust := &g.customers[g.r.IntN(len(g.customers))]
	en := cust.en
	kind := g.pickW(demoKindW)
	cat := g.pickW(demoCatW[kind])
	sevW := demoSevW[kind]
	if cat == demoCatSafety {
		sevW = demoSafetySevW
	}
	sev := demoSeverityOrder[g.pickW(sevW)]

	// Channel: e-mail needs an address; nobody walks in at night; the 12345
	// hotline refers complaints only; incidents are called in from the trip.
	chW := demoZhChannelW
	if en {
		chW = demoEnChannelW
	}
	ch := data.Channels[g.pickW(chW)]
	switch {
	case kind == demoKSuggestion && g.chance(0.2):
		ch = data.ChannelLetter
	case kind == demoKIncident && g.chance(0.85): // reported from the trip
		ch = data.ChannelPhone
		if g.chance(0.35) {
			ch = data.ChannelChat
		}
	}
	if ch == data.ChannelHotline && kind != demoKComplaint {
		ch = data.ChannelPhone
	}
	if ch == data.ChannelEmail && cust.c.Email == "" {
		ch = data.ChannelPhone
	}
	if h := recv.Hour(); (ch == data.ChannelWalkIn || ch == data.ChannelLetter) && (h < 9 || h >= 21) {
		ch = data.ChannelPhone
		if en && cust.c.Email != "" {
			ch = data.ChannelEmail
		}
	}

	// Destination and the people and places of the trip.
	dests, dw := demoZhDests, demoZhDestW
	airlines := demoZhAirlines
	if en {
		dests, dw, airlines = demoEnDests, demoEnDestW, demoEnAirlines
	}
	if cat == demoCatVisa {
		dw = demoZhAbroadW
		if en {
			dw = demoEnAbroadW
		}
	}
	d := &dests[g.pickW(dw)]
	prod := d.products[g.r.IntN(len(d.products))]
	guides := d.guides
	if guides == nil {
		guides = demoZhGuides
	}
	guide := g.pick(guides)
	hotel := g.pick(d.hotels)
	agency := g.pick(d.agencies)
	if d.airlines != nil {
		airlines = d.airlines
	}
	air := airlines[g.r.IntN(len(airlines))]
	flight := g.put(strconv.AppendInt(append(g.buf[:0], air.code...), int64(g.between(1000, 9899)), 10))
	dayN := 1 + g.r.IntN(prod.days)

	// Dates: departure, the day things happened, the day it was booked.
	today := demoMidnight(recv, 0)
	var dep, when time.Time
	switch demoTiming(kind, cat) {
	case demoBeforeTrip:
		dep = demoMidnight(today, g.between(3, 60))
		when = demoMidnight(today, -g.r.IntN(5))
	case demoCancelled:
		when = demoMidnight(today, -g.between(3, 45))
		dep = demoMidnight(when, g.between(2, 30))
	case demoDuringTrip:
		dep = demoMidnight(today, -(dayN - 1))
		when = today
	default:
		dep = demoMidnight(today, -(prod.days + g.between(1, 25)))
		when = demoMidnight(dep, dayN-1)
	}
	booked := demoMidnight(dep, -g.between(7, 75))
	if booked.After(when) {
		booked = when
	}
	if booked.After(today) {
		booked = today
	}

	// Amount claimed; an overcharge is claimed for the whole party.
	fee, party := demoFees[g.r.IntN(len(demoFees))], g.between(2, 6)
	yuan := 0
	if g.chance(demoAmountP[kind][cat]) {
		yuan = g.amount(demoAmountRange[cat][0], demoAmountRange[cat][1])
		if kind == demoKComplaint && cat == demoCatFee {
			yuan = fee * party
		}
	}

	// Template slots.
	g.set('A', g.put(strconv.AppendInt(g.buf[:0], int64(yuan), 10)))
	g.set('B', g.put(strconv.AppendInt(g.buf[:0], int64(yuan/20*10), 10)))
	g.set('C', g.pick(d.cities))
	g.set('D', d.name)
	g.set('E', g.pick(d.sights))
	g.set('F', strconv.Itoa(fee))
	g.set('G', guide)
	g.set('I', strconv.Itoa(party))
	g.set('J', strconv.Itoa(g.between(3, 5)))
	g.set('K', agency)
	g.set('L', air.name)
	g.set('N', strconv.Itoa(dayN))
	g.set('O', hotel)
	g.set('Q', flight)
	g.set('R', prod.name)
	g.set('S', g.pick(d.shops))
	g.set('T', g.put(demoAppendDay(g.buf[:0], when, en)))
	g.set('V', g.put(demoAppendDay(g.buf[:0], dep, en)))
	g.set('W', cust.addr)
	g.set('X', strconv.Itoa(g.between(3, 9)))
	g.set('Y', strconv.Itoa(g.between(16, 42)))
	if en {
		g.set('H', g.pick(demoEnHours))
		g.set('U', g.put(append(append(g.buf[:0], d.name...), " tour"...)))
	} else {
		g.set('H', g.pick(demoZhHours))
		g.set('U', g.put(append(append(append(g.buf[:0], d.name...), demoCNNum[prod.days]...), "日游"...)))
	}

	lang := 0
	if en {
		lang = 1
	}
	ts := demoTextTable[lang][kind][cat]
	nc := &dc.New
	*nc = data.NewCase{
		Kind:     demoKinds[kind],
		Category: demoCategorySlugs[cat],
		Severity: sev,
		Channel:  ch,
		Amount:   data.Money(yuan) * 100,
		Currency: "CNY",
		Customer: cust.c,
		Booking: data.Booking{
			Product:     prod.name,
			Departure:   g.put(demoAppendISO(g.buf[:0], dep)),
			Destination: d.name,
		},
		ReceivedAt: recv,
	}
	leads := ts.lead
	if yuan > 0 && len(ts.leadAmt) > 0 {
		leads = ts.leadAmt
	}
	lead := g.pick(leads)
	subjT, demandT := "", ""
	if i := strings.Index(lead, "||"); i >= 0 {
		subjT, lead = lead[:i], lead[i+2:]
		if j := strings.Index(lead, "||"); j >= 0 {
			lead, demandT = lead[:j], lead[j+2:]
		}
	}
	if subjT == "" || (len(ts.subj) > 0 && g.chance(0.25)) {
		subjT = g.pick(ts.subj)
	}
	subj := g.span(subjT)
	desc := g.description(ts, lead, lang, kind, ch)
	var demand demoSpan
	switch {
	case demandT != "":
		demand = g.span(demandT)
	case yuan > 0 && len(ts.demandAmt) > 0:
		demand = g.span(g.pick(ts.demandAmt))
	case len(ts.demandNo) > 0 && !((kind == demoKSuggestion || kind == demoKPraise) && g.chance(0.4)):
		demand = g.span(g.pick(ts.demandNo))
	}

	// data.Booking details: most customers bring their contract; suggestions often have none.
	noRef := 0.05
	if kind == demoKSuggestion {
		noRef = 0.4
	}
	if !g.chance(noRef) {
		b := g.buf[:0]
		b = append(b, "TB"...)
		y, m, dd := booked.Date()
		b = demoDigits(b, y, 4)
		b = demoDigits(b, int(m), 2)
		b = demoDigits(b, dd, 2)
		b = append(b, '-')
		b = demoDigits(b, g.r.IntN(10000), 4)
		nc.Booking.Ref = g.put(b)
	}
	if g.chance(0.85) || cat == demoCatGuide || cat == demoCatShopping || cat == demoCatItinerary || cat == demoCatFee {
		nc.Booking.Guide = guide
	}
	switch cat {
	case demoCatHotel:
		nc.Booking.Supplier = hotel
	case demoCatTransport, demoCatLuggage:
		nc.Booking.Supplier = air.name
		if g.chance(0.3) {
			nc.Booking.Supplier = agency
		}
	default:
		if g.chance(0.7) {
			nc.Booking.Supplier = agency
		}
	}

	// Staff: who recorded it, who handles it.
	intakeW, handlerW := demoIntakeZhW, demoHandlerZhW
	if en {
		intakeW, handlerW = demoIntakeEnW, demoHandlerEnW
	}
	nc.By = Staff[g.pickW(intakeW)].Name
	handler := Staff[g.pickW(handlerW)].Name
	if (sev == data.SeverityUrgent || ch == data.ChannelHotline) && g.chance(0.4) {
		handler = Staff[demoStaffChen].Name
	}
	nc.Owner = handler

	steps := g.steps(kind, cat, lang, slices.Index(data.Channels, ch), sev == data.SeverityUrgent, yuan, handler, recv, now)
	subj, desc = g.noise(subj, desc, kind, cat, lang, ch, sev)
	all := g.text.String()
	nc.Subject, nc.Description, nc.Demand = subj.in(all), desc.in(all), demand.in(all)
	for i := range steps {
		steps[i].Note = g.notes[i].in(all)
	}
	dc.Steps = steps
}

// amount picks a claim in yuan: mostly round figures, some exact-looking ones.
func (g *demoGen) amount(lo, hi int) int {
	if g.chance(0.8) {
		for range 30 {
			if v := demoRoundYuan[g.r.IntN(len(demoRoundYuan))]; v >= lo && v <= hi {
				return v
			}
		}
	}
	return lo + g.r.IntN((hi-lo)/50+1)*50
}

func (g *demoGen) description(ts *demoTextSet, lead string, lang, kind int, ch data.Channel) demoSpan {
	b := &g.text
	start := b.Len()
	sep := ""
	if lang == 1 {
		sep = " "
	}
	if ch == data.ChannelHotline {
		b.WriteString(demoHotlinePrefix[lang])
	}
	g.expandTo(b, lead)
	if len(ts.detail) > 0 && g.chance(0.5) {
		b.WriteString(sep)
		g.expandTo(b, g.pick(ts.detail))
	}
	if kind == demoKComplaint && g.chance(0.4) {
		b.WriteString(sep)
		g.expandTo(b, g.pick(demoClosers[lang]))
	}
	return demoSpan{a: start, b: b.Len()}
}
