package demo

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"casebook/data"
)

var demoTestNow = time.Date(2026, 3, 15, 16, 30, 0, 0, time.FixedZone("CST", 8*3600))

// demoLegal is the workflow as the brief states it, copied here on purpose so that the
// generator is checked against the rules and not against itself.
var demoLegal = map[data.Status][]data.Status{
	data.StatusNew:           {data.StatusAcknowledged, data.StatusDeclined},
	data.StatusAcknowledged:  {data.StatusInvestigating},
	data.StatusInvestigating: {data.StatusProposed},
	data.StatusProposed:      {data.StatusAgreed, data.StatusInvestigating},
	data.StatusAgreed:        {data.StatusResolved},
	data.StatusResolved:      {data.StatusClosed},
	data.StatusClosed:        {data.StatusInvestigating},
}

func demoLegalMove(kind data.Kind, from, to data.Status) bool {
	if from == data.StatusAcknowledged && to == data.StatusClosed {
		return kind == data.KindSuggestion || kind == data.KindPraise
	}
	return slices.Contains(demoLegal[from], to)
}

var demoTestSlugs = []string{"itinerary_change", "guide_conduct", "forced_shopping", "accommodation",
	"meals", "transport_delay", "refund_change", "fee_dispute", "tour_cancellation", "visa_documents",
	"luggage", "safety_injury", "insurance", "booking_error", "privacy", "other"}

func demoHasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func demoFinal(c Case) data.Status {
	for i := len(c.Steps) - 1; i >= 0; i-- {
		if c.Steps[i].To != "" { // not a follow-up
			return c.Steps[i].To
		}
	}
	return data.StatusNew
}

// The generated cases are shared by the tests (generation is cheap, but not free under -race).
var demoTestCasesOnce = sync.OnceValue(func() []Case { return Generate(7, 10000, demoTestNow) })

func TestGenerateDeterministic(t *testing.T) {
	a := Generate(1, 2000, demoTestNow)
	b := Generate(1, 2000, demoTestNow)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave different cases")
	}
	c := Generate(2, 2000, demoTestNow)
	same := 0
	for i := range a {
		if a[i].New.Subject == c[i].New.Subject && a[i].New.Customer == c[i].New.Customer {
			same++
		}
	}
	if same > 20 {
		t.Fatalf("seeds 1 and 2 agree on %d of 2000 cases", same)
	}
}

func TestGenerateSizes(t *testing.T) {
	if got := Generate(1, 0, demoTestNow); len(got) != 0 {
		t.Fatalf("n=0 gave %d cases", len(got))
	}
	if got := Generate(1, -5, demoTestNow); len(got) != 0 {
		t.Fatalf("n=-5 gave %d cases", len(got))
	}
	for _, n := range []int{1, 2, 3, 17} {
		if got := Generate(3, n, demoTestNow); len(got) != n {
			t.Fatalf("n=%d gave %d cases", n, len(got))
		}
	}
}

func TestGenerateOrderAndFields(t *testing.T) {
	cs := demoTestCasesOnce()
	if len(cs) != 10000 {
		t.Fatalf("got %d cases", len(cs))
	}
	from := demoTestNow.AddDate(-2, 0, 0)
	phoneRe := regexp.MustCompile(`^1[3-9]\d{9}$`)
	emailRe := regexp.MustCompile(`^[a-z0-9._]+@(qq|163|126|gmail|outlook)\.com$`)
	refRe := regexp.MustCompile(`^TB20\d{6}-\d{4}$`)
	staff := map[string]bool{}
	for _, s := range Staff {
		staff[s.Name] = true
		if s.Role != "staff" && s.Role != "supervisor" && s.Role != "owner" {
			t.Fatalf("staff %q has role %q", s.Name, s.Role)
		}
	}
	for i, c := range cs {
		n := c.New
		if i > 0 && n.ReceivedAt.Before(cs[i-1].New.ReceivedAt) {
			t.Fatalf("case %d received before case %d", i, i-1)
		}
		if !n.ReceivedAt.After(from) || n.ReceivedAt.After(demoTestNow) {
			t.Fatalf("case %d received %v, outside the two years before %v", i, n.ReceivedAt, demoTestNow)
		}
		if !slices.Contains(data.Kinds, n.Kind) || !slices.Contains(data.Severities, n.Severity) || !slices.Contains(data.Channels, n.Channel) {
			t.Fatalf("case %d: bad kind/severity/channel %q/%q/%q", i, n.Kind, n.Severity, n.Channel)
		}
		if !slices.Contains(demoTestSlugs, n.Category) {
			t.Fatalf("case %d: unknown category %q", i, n.Category)
		}
		if n.Subject == "" || n.Description == "" || strings.Contains(n.Subject+n.Description+n.Demand, "{") {
			t.Fatalf("case %d: empty or unexpanded text: %q / %q / %q", i, n.Subject, n.Description, n.Demand)
		}
		if n.Demand == "" && n.Kind != data.KindSuggestion && n.Kind != data.KindPraise {
			t.Fatalf("case %d: a %s without a demand", i, n.Kind)
		}
		if n.Currency != "CNY" || n.Amount < 0 || n.Amount%100 != 0 || (n.Amount != 0 && (n.Amount < 20000 || n.Amount > 2000000)) {
			t.Fatalf("case %d: amount %v %s", i, n.Amount, n.Currency)
		}
		if n.Customer.Name == "" || !phoneRe.MatchString(n.Customer.Phone) {
			t.Fatalf("case %d: customer %+v", i, n.Customer)
		}
		if e := n.Customer.Email; e != "" && (!emailRe.MatchString(e) || data.ValidateEmail(e) != nil) {
			t.Fatalf("case %d: e-mail %q", i, e)
		}
		if n.Channel == data.ChannelEmail && n.Customer.Email == "" {
			t.Fatalf("case %d: e-mail case without an address", i)
		}
		if n.Booking.Ref != "" && !refRe.MatchString(n.Booking.Ref) {
			t.Fatalf("case %d: booking ref %q", i, n.Booking.Ref)
		}
		dep, err := time.ParseInLocation(time.DateOnly, n.Booking.Departure, demoLoc)
		if err != nil {
			t.Fatalf("case %d: departure %q: %v", i, n.Booking.Departure, err)
		}
		if days := n.ReceivedAt.Sub(dep).Hours() / 24; days < -62 || days > 60 {
			t.Fatalf("case %d: departure %s is %.0f days before receipt", i, n.Booking.Departure, days)
		}
		if n.Booking.Product == "" || n.Booking.Destination == "" {
			t.Fatalf("case %d: booking %+v", i, n.Booking)
		}
		if !staff[n.By] || !staff[n.Owner] {
			t.Fatalf("case %d: by %q owner %q not demo staff", i, n.By, n.Owner)
		}
	}
}

func TestGenerateWorkflow(t *testing.T) {
	reopened, rejected, paid := 0, 0, 0
	for i, c := range demoTestCasesOnce() {
		from, at := data.StatusNew, c.New.ReceivedAt
		for j, s := range c.Steps {
			if s.Findings != nil { // findings.go: recorded when the solution is first proposed
				if from != data.StatusInvestigating || j+1 >= len(c.Steps) || c.Steps[j+1].To != data.StatusProposed || !s.At.Equal(c.Steps[j+1].At) {
					t.Fatalf("case %d step %d: findings at %s, not with a proposal", i, j, from)
				}
				if err := s.Findings.Validate(); err != nil {
					t.Fatalf("case %d step %d: %v", i, j, err)
				}
				if s.Findings.Total() > 0 {
					paid++
				}
				continue
			}
			if s.To == "" { // a follow-up or the supervisor keeping a case closed
				if from != data.StatusResolved && from != data.StatusClosed || s.At.After(demoTestNow) {
					t.Fatalf("case %d step %d: a follow-up at %s, %v", i, j, from, s.At)
				}
				continue
			}
			if !demoLegalMove(c.New.Kind, from, s.To) {
				t.Fatalf("case %d step %d: a %s cannot go %s → %s", i, j, c.New.Kind, from, s.To)
			}
			if !s.At.After(at) {
				t.Fatalf("case %d step %d: %v is not after %v", i, j, s.At, at)
			}
			if s.At.After(demoTestNow) {
				t.Fatalf("case %d step %d: %v is in the future", i, j, s.At)
			}
			if s.By == "" {
				t.Fatalf("case %d step %d: nobody did it", i, j)
			}
			if from == data.StatusClosed {
				reopened++
			}
			if from == data.StatusProposed && s.To == data.StatusInvestigating {
				rejected++
			}
			from, at = s.To, s.At
		}
		if from == data.StatusResolved && demoTestNow.Sub(at) > 42*24*time.Hour { // followup.go: closeLongResolved
			t.Fatalf("case %d: resolved on %v and never followed up nor closed", i, at)
		}
		if len(c.Steps) > 0 && c.Steps[0].At.Sub(c.New.ReceivedAt) > 4*24*time.Hour {
			t.Fatalf("case %d: first response after %v", i, c.Steps[0].At.Sub(c.New.ReceivedAt))
		}
	}
	if paid < 50 {
		t.Errorf("only %d demo cases were compensated", paid)
	}
	if reopened == 0 || rejected == 0 {
		t.Fatalf("reopened %d, rejected %d: both paths should occur", reopened, rejected)
	}
}

func TestGenerateProportions(t *testing.T) {
	cs := demoTestCasesOnce()
	n := float64(len(cs))
	kinds := map[data.Kind]int{}
	sevs := map[data.Severity]int{}
	chans := map[data.Channel]int{}
	cats := map[string]int{}
	final := map[data.Status]int{}
	en, open, complaints, withAmount, incidentUrgent := 0, 0, 0, 0, 0
	for _, c := range cs {
		k := c.New.Kind
		kinds[k]++
		sevs[c.New.Severity]++
		chans[c.New.Channel]++
		cats[c.New.Category]++
		st := demoFinal(c)
		final[st]++
		if st.Open() {
			open++
		}
		if !demoHasHan(c.New.Subject) {
			en++
		}
		if k == data.KindComplaint {
			complaints++
			if c.New.Amount > 0 {
				withAmount++
			}
		}
		if k == data.KindIncident && c.New.Severity == data.SeverityUrgent {
			incidentUrgent++
		}
	}
	within := func(what string, got, lo, hi float64) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s: %.3f, want %.3f–%.3f", what, got, lo, hi)
		}
	}
	within("complaints", float64(kinds[data.KindComplaint])/n, 0.61, 0.69)
	within("requests", float64(kinds[data.KindRequest])/n, 0.12, 0.18)
	within("suggestions", float64(kinds[data.KindSuggestion])/n, 0.06, 0.10)
	within("incidents", float64(kinds[data.KindIncident])/n, 0.04, 0.08)
	within("praise", float64(kinds[data.KindPraise])/n, 0.04, 0.08)
	within("urgent", float64(sevs[data.SeverityUrgent])/n, 0.07, 0.13)
	within("normal", float64(sevs[data.SeverityNormal])/n, 0.64, 0.76)
	within("low", float64(sevs[data.SeverityLow])/n, 0.16, 0.25)
	within("incidents urgent", float64(incidentUrgent)/float64(kinds[data.KindIncident]), 0.7, 0.9)
	within("English", float64(en)/n, 0.21, 0.29)
	within("open", float64(open)/n, 0.02, 0.05)
	within("declined", float64(final[data.StatusDeclined])/n, 0.02, 0.045)
	within("closed", float64(final[data.StatusClosed])/n, 0.80, 0.95)
	within("complaints with an amount", float64(withAmount)/float64(complaints), 0.45, 0.80)
	for _, s := range demoTestSlugs {
		if cats[s] == 0 {
			t.Errorf("category %s never generated", s)
		}
	}
	for _, ch := range data.Channels {
		if chans[ch] == 0 {
			t.Errorf("channel %s never generated", ch)
		}
		if ch != data.ChannelWalkIn && ch != data.ChannelPhone && (chans[ch] >= chans[data.ChannelWalkIn] || chans[ch] >= chans[data.ChannelPhone]) {
			t.Errorf("channel %s (%d) as common as walk-in (%d) or phone (%d)", ch, chans[ch], chans[data.ChannelWalkIn], chans[data.ChannelPhone])
		}
	}
	// Recent cases are spread over the open stages.
	for _, s := range []data.Status{data.StatusNew, data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed, data.StatusAgreed} {
		if final[s] == 0 {
			t.Errorf("no case waits at %s", s)
		}
	}
}

func TestGenerateCustomers(t *testing.T) {
	byPhone := map[string]data.Customer{}
	count := map[string]int{}
	for _, c := range demoTestCasesOnce() {
		cu := c.New.Customer
		if prev, ok := byPhone[cu.Phone]; ok && prev != cu {
			t.Fatalf("phone %s belongs to %+v and %+v", cu.Phone, prev, cu)
		}
		byPhone[cu.Phone] = cu
		count[cu.Phone]++
	}
	repeat := 0
	for _, k := range count {
		if k > 1 {
			repeat++
		}
	}
	if len(byPhone) > len(demoTestCasesOnce())/2 || len(byPhone) < len(demoTestCasesOnce())/5 || repeat < len(byPhone)/2 {
		t.Fatalf("%d customers for %d cases, %d with several cases", len(byPhone), len(demoTestCasesOnce()), repeat)
	}
	emails := map[string]string{}
	withEmail, withWeChat := 0, 0
	for phone, cu := range byPhone {
		if cu.Email != "" {
			withEmail++
			if other, ok := emails[cu.Email]; ok {
				t.Fatalf("e-mail %s shared by %s and %s", cu.Email, other, phone)
			}
			emails[cu.Email] = phone
		}
		if cu.WeChat != "" {
			withWeChat++
		}
	}
	if f := float64(withEmail) / float64(len(byPhone)); f < 0.4 || f > 0.7 {
		t.Errorf("%.2f of customers have an e-mail address", f)
	}
	if withWeChat == 0 {
		t.Error("no customer has a WeChat id")
	}
}

func TestGenerateLanguageConsistent(t *testing.T) {
	for i, c := range demoTestCasesOnce() {
		zh := demoHasHan(c.New.Subject)
		texts := []string{c.New.Description, c.New.Demand, c.New.Customer.Name, c.New.Booking.Product, c.New.Booking.Destination}
		for _, s := range c.Steps {
			texts = append(texts, s.Note)
			if s.FollowUp != nil {
				texts = append(texts, s.FollowUp.Remarks, s.FollowUp.Reason)
			}
		}
		for _, s := range texts {
			if s != "" && demoHasHan(s) != zh {
				t.Fatalf("case %d mixes languages: subject %q, text %q", i, c.New.Subject, s)
			}
		}
	}
}

func TestGenerateTextsComplete(t *testing.T) {
	for lang := range demoTextTable {
		for kind := range demoNumKinds {
			w := demoCatW[kind]
			for cat := range demoNumCats {
				prev := 0
				if cat > 0 {
					prev = w[cat-1]
				}
				if w[cat] == prev {
					continue // never generated
				}
				where := fmt.Sprintf("lang %d kind %s category %s", lang, demoKinds[kind], demoCategorySlugs[cat])
				ts := demoTextTable[lang][kind][cat]
				if ts == nil || len(ts.lead) == 0 {
					t.Errorf("%s has no texts", where)
					continue
				}
				for _, l := range append(slices.Clone(ts.lead), ts.leadAmt...) {
					parts := strings.Split(l, "||")
					if len(parts) > 3 || (len(parts) == 1 && len(ts.subj) == 0) {
						t.Errorf("%s: lead %q has no subject", where, l)
					}
				}
				if demoAmountP[kind][cat] > 0 && len(ts.demandAmt) == 0 {
					for _, l := range ts.leadAmt {
						if strings.Count(l, "||") != 2 {
							t.Errorf("%s: claims amounts but lead %q has no demand", where, l)
						}
					}
					if len(ts.leadAmt) == 0 {
						t.Errorf("%s: claims amounts but has no demand for one", where)
					}
				}
				for _, l := range ts.lead {
					if strings.Contains(l, "{A}") {
						t.Errorf("%s: lead %q names an amount; it belongs in leadAmt", where, l)
					}
				}
			}
		}
	}
}

// demoAllTemplates lists every template string with where it is.
func demoAllTemplates() map[string]string {
	out := map[string]string{}
	add := func(where string, v reflect.Value) {
		var walk func(name string, f reflect.Value)
		walk = func(name string, f reflect.Value) {
			switch f.Kind() {
			case reflect.String:
				out[f.String()] = name
			case reflect.Slice, reflect.Array:
				for j := range f.Len() {
					walk(name, f.Index(j))
				}
			}
		}
		for i := range v.NumField() {
			walk(where+"."+v.Type().Field(i).Name, v.Field(i))
		}
	}
	for lang := range demoTextTable {
		for kind := range demoTextTable[lang] {
			for cat, ts := range demoTextTable[lang][kind] {
				if ts != nil {
					add(fmt.Sprintf("%d/%s/%s", lang, demoKinds[kind], demoCategorySlugs[cat]), reflect.ValueOf(*ts))
				}
			}
		}
		add(fmt.Sprintf("notes %d", lang), reflect.ValueOf(demoNotes[lang]))
		for _, c := range demoClosers[lang] {
			out[c] = "closers"
		}
	}
	return out
}

func TestGenerateTemplateSlots(t *testing.T) {
	slot := regexp.MustCompile(`\{([^}]*)\}`)
	const filled = "ABCDEFGHIJKLNOQRSTUVWXY"
	for tpl, where := range demoAllTemplates() {
		for _, m := range slot.FindAllStringSubmatch(tpl, -1) {
			if len(m[1]) != 1 || !strings.Contains(filled, m[1]) {
				t.Errorf("%s: %q uses unknown slot {%s}", where, tpl, m[1])
			}
		}
		if zh := strings.HasPrefix(where, "0/") || strings.HasPrefix(where, "notes 0"); !strings.HasPrefix(where, "closers") && demoHasHan(tpl) != zh {
			t.Errorf("%s: %q is in the wrong language", where, tpl)
		}
	}
}

func TestGenerateNotesMatchChannel(t *testing.T) {
	if n := len(demoNoteSet{}.ackBy); n != len(data.Channels) {
		t.Fatalf("acknowledgement notes for %d channels, want %d", n, len(data.Channels))
	}
	for i, c := range demoTestCasesOnce() {
		for _, s := range c.Steps {
			if (strings.Contains(s.Note, "到店") || strings.Contains(s.Note, "came in")) && c.New.Channel != data.ChannelWalkIn {
				t.Fatalf("case %d came by %s but a note says %q", i, c.New.Channel, s.Note)
			}
			if strings.Contains(s.Note, "12345") && c.New.Channel != data.ChannelHotline {
				t.Fatalf("case %d came by %s but a note says %q", i, c.New.Channel, s.Note)
			}
		}
	}
}

func TestGenerateAmountsMatchTexts(t *testing.T) {
	zero := regexp.MustCompile(`(^|[^0-9,.])0元|CNY 0([^0-9.]|$)`)
	for i, c := range demoTestCasesOnce() {
		texts := []string{c.New.Subject, c.New.Description, c.New.Demand}
		for _, s := range c.Steps {
			texts = append(texts, s.Note)
		}
		for _, s := range texts {
			if zero.MatchString(s) {
				t.Fatalf("case %d (amount %v) says %q", i, c.New.Amount, s)
			}
		}
		if c.New.Amount > 0 && c.New.Kind == data.KindComplaint && c.New.Category == "fee_dispute" && !strings.Contains(c.New.Demand, c.New.Amount.String()[:len(c.New.Amount.String())-3]) {
			t.Fatalf("case %d: fee dispute demand %q does not name the amount %v", i, c.New.Demand, c.New.Amount)
		}
	}
}

// TestGenerateSamples prints a few cases with -v.
func TestGenerateSamples(t *testing.T) {
	if !testing.Verbose() {
		t.Skip("only with -v")
	}
	var zh, en, req bool
	for _, c := range demoTestCasesOnce() {
		n := c.New
		show := false
		switch {
		case !zh && n.Kind == data.KindComplaint && demoHasHan(n.Subject) && n.Amount > 0 && len(c.Steps) >= 6:
			zh, show = true, true
		case !en && n.Kind == data.KindComplaint && !demoHasHan(n.Subject) && len(c.Steps) >= 6:
			en, show = true, true
		case !req && n.Kind == data.KindRequest && len(c.Steps) >= 3:
			req, show = true, true
		}
		if !show {
			continue
		}
		var b strings.Builder
		b.WriteString("\n" + n.ReceivedAt.Format("2006-01-02 15:04") + " " + string(n.Kind) + "/" + n.Category + "/" +
			string(n.Severity) + " via " + string(n.Channel) + ", recorded by " + n.By + ", owner " + n.Owner)
		b.WriteString("\n  customer: " + n.Customer.Name + " " + n.Customer.Phone + " " + n.Customer.Email + " " + n.Customer.WeChat)
		b.WriteString("\n  booking:  " + n.Booking.Ref + " | " + n.Booking.Product + " | dep " + n.Booking.Departure + " | " +
			n.Booking.Destination + " | guide " + n.Booking.Guide + " | " + n.Booking.Supplier)
		b.WriteString("\n  subject:  " + n.Subject + "\n  text:     " + n.Description + "\n  demand:   " + n.Demand +
			"\n  amount:   " + n.Amount.String() + " " + n.Currency)
		for _, s := range c.Steps {
			b.WriteString("\n  → " + s.At.Format("2006-01-02 15:04") + " " + string(s.To) + " by " + s.By)
			if s.Note != "" {
				b.WriteString(": " + s.Note)
			}
		}
		t.Log(b.String())
	}
}

func TestGenerateLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large")
	}
	cs := Generate(1, 100000, demoTestNow)
	open := 0
	for _, c := range cs {
		if demoFinal(c).Open() {
			open++
		}
	}
	if open < 2000 || open > 5000 {
		t.Fatalf("%d of 100000 cases open", open)
	}
	t.Logf("%d of 100000 cases open", open)
}

// TestGenerateOtherSeeds checks the open and declined shares do not depend on the
// seed or the season of now.
func TestGenerateOtherSeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, now := range []time.Time{demoTestNow, time.Date(2025, 8, 3, 22, 10, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)} {
		for seed := int64(-1); seed <= 3; seed++ {
			cs := Generate(seed, 10000, now)
			open, declined, en := 0, 0, 0
			for _, c := range cs {
				st := demoFinal(c)
				if st.Open() {
					open++
				}
				if st == data.StatusDeclined {
					declined++
				}
				if !demoHasHan(c.New.Subject) {
					en++
				}
				if last := len(c.Steps) - 1; last >= 0 && c.Steps[last].At.After(now) {
					t.Fatalf("seed %d now %v: step after now", seed, now)
				}
			}
			t.Logf("seed %d now %s: %d open, %d declined, %d English of 10000", seed, now.Format(time.DateOnly), open, declined, en)
			if open < 200 || open > 500 || declined < 200 || declined > 450 || en < 2100 || en > 2900 {
				t.Errorf("seed %d now %v: %d open, %d declined, %d English of 10000", seed, now, open, declined, en)
			}
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		Generate(1, 100000, demoTestNow)
	}
}
