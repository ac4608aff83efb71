package data

import (
	"bytes"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// Traces of a customer on records that are not theirs: a case moved from
// them to another customer keeps their name and contacts in its corrections
// ("customer moved", the old name, phone, e-mail, WeChat), a case opened or
// joined by mail they sent names their address as the author and sender, and
// mail they sent or were sent can sit on another customer's case. Erasing a
// customer erases these too (EraseCaseTraces, EraseMessageTraces), keeping
// everything else of the other customer's.

// CustomerTraces is what names one customer: every name, phone, e-mail and
// WeChat id they were known by (normalised), as their record and the
// corrections on their own cases tell.
type CustomerTraces struct {
	ID      uint64
	Names   map[string]bool
	Phones  map[string]bool // NormalizePhone
	Emails  map[string]bool // NormalizeEmail
	WeChats map[string]bool

	pats []*regexp.Regexp // textPatterns
	// MayName's needles: names and WeChat ids, lower-case e-mails, the
	// phones' digits (no "+"), the shortest phone's length.
	words, emails, phones [][]byte
	minPhone              int
}

// customerFields are the corrected fields (EventEdited) that hold a
// customer's details.
var customerFields = map[string]bool{"customer": true, "phone": true, "email": true, "wechat": true}

// TracesOf collects the customer's details: their record's, and the old and
// new values of every correction of the customer on their own cases (a
// phone they had before it was corrected is theirs too).
func TracesOf(cust Customer, own []Case) CustomerTraces {
	t := CustomerTraces{ID: cust.ID, Names: map[string]bool{}, Phones: map[string]bool{}, Emails: map[string]bool{}, WeChats: map[string]bool{}}
	t.add("customer", cust.Name)
	t.add("phone", cust.Phone)
	t.add("email", cust.Email)
	t.add("wechat", cust.WeChat)
	for i := range own {
		for _, ev := range own[i].Timeline {
			if ev.Type == EventEdited && customerFields[ev.Arg(ArgField)] {
				t.add(ev.Arg(ArgField), ev.Old)
				t.add(ev.Arg(ArgField), ev.New)
			}
		}
	}
	delete(t.Names, AnonymisedName(cust.ID)) // replaced by itself: nothing to erase
	t.pats = t.textPatterns()
	for _, set := range []map[string]bool{t.Names, t.WeChats} {
		for _, n := range slices.Sorted(mapKeys(set)) {
			t.words = append(t.words, []byte(n))
		}
	}
	ref := CustomerRef(cust.ID)
	t.words = append(t.words, []byte(" "+ref+`"`), []byte(`"`+ref+`"`))
	for _, e := range slices.Sorted(mapKeys(t.Emails)) {
		t.emails = append(t.emails, []byte(e))
	}
	for _, p := range slices.Sorted(mapKeys(t.Phones)) {
		d := []byte(strings.TrimPrefix(p, "+"))
		t.phones = append(t.phones, d)
		if t.minPhone == 0 || len(d) < t.minPhone {
			t.minPhone = len(d)
		}
	}
	return t
}

func (t *CustomerTraces) add(field, v string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	switch field {
	case "customer":
		t.Names[v] = true
	case "phone":
		if p := NormalizePhone(v); p != "" {
			t.Phones[p] = true
		}
	case "email":
		t.Emails[NormalizeEmail(v)] = true
	case "wechat":
		t.WeChats[v] = true
	}
}

// textPatterns finds the customer's phones and e-mails in free text: a
// phone however it was written (spaces, dashes, dots or brackets between
// digits, full-width digits, a +86 or 0086 in front, no digit right before
// or after), an address in any case.
func (t CustomerTraces) textPatterns() []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, p := range slices.Sorted(mapKeys(t.Phones)) {
		var b strings.Builder
		b.WriteString(`(^|[^0-9０-９])((\+86|0086)[ \-.()]{0,2})?`)
		for i, r := range p {
			if i > 0 {
				b.WriteString(`[ \-.()]{0,2}`)
			}
			if r >= '0' && r <= '9' {
				b.WriteString("[" + string(r) + string(r-'0'+'０') + "]")
			} else {
				b.WriteString(regexp.QuoteMeta(string(r)))
			}
		}
		b.WriteString(`($|[^0-9０-９])`)
		out = append(out, regexp.MustCompile(b.String()))
	}
	for _, e := range slices.Sorted(mapKeys(t.Emails)) {
		out = append(out, regexp.MustCompile(`(?i)()()()`+regexp.QuoteMeta(e)+`()`))
	}
	return out
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// eraseText replaces the customer's phones and e-mails in s, and the
// names (by AnonymisedName) and WeChat ids (by nothing) given.
func (t CustomerTraces) eraseText(s string, names, wechats []string) string {
	if s == "" {
		return s
	}
	for _, re := range t.pats {
		s = re.ReplaceAllStringFunc(s, func(m string) string {
			if strings.Contains(m, "@") {
				return AnonymisedAddress(t.ID)
			}
			sub := re.FindStringSubmatch(m)
			return sub[1] + sub[len(sub)-1] // the characters around a phone that are not part of it
		})
	}
	for _, n := range names {
		s = strings.ReplaceAll(s, n, AnonymisedName(t.ID))
	}
	for _, w := range wechats {
		s = strings.ReplaceAll(s, w, "")
	}
	return s
}

// textWords are the names and WeChat ids eraseText replaces on a case linked
// to the customer: longest first (张晓明 before 晓明), none shorter than two
// characters (a WeChat id than four), and none that is part of the case's
// own customer's name or WeChat id (王建 is not erased from 王建国's case).
func (t CustomerTraces) textWords(c *Case) (names, wechats []string) {
	for _, n := range slices.Sorted(mapKeys(t.Names)) {
		if len([]rune(n)) >= 2 && !strings.Contains(c.Customer.Name, n) {
			names = append(names, n)
		}
	}
	slices.SortStableFunc(names, func(a, b string) int { return len(b) - len(a) })
	for _, w := range slices.Sorted(mapKeys(t.WeChats)) {
		if len(w) >= 4 && !strings.Contains(c.Customer.WeChat, w) {
			wechats = append(wechats, w)
		}
	}
	slices.SortStableFunc(wechats, func(a, b string) int { return len(b) - len(a) })
	return names, wechats
}

// Empty reports whether nothing names the customer any more.
func (t CustomerTraces) Empty() bool {
	return len(t.Names)+len(t.Phones)+len(t.Emails)+len(t.WeChats) == 0
}

// IsAddress reports whether s (an address, or "Name <address>") is one of
// the customer's e-mail addresses.
func (t CustomerTraces) IsAddress(s string) bool {
	a := strings.TrimSpace(s)
	if i, j := strings.LastIndex(a, "<"), strings.LastIndex(a, ">"); i >= 0 && j > i {
		a = a[i+1 : j]
	}
	return a != "" && t.Emails[NormalizeEmail(a)]
}

// tagged reports whether a "customer moved" value ("name #id") names this
// customer.
func (t CustomerTraces) tagged(v string) bool {
	return v != "" && (strings.HasSuffix(v, " "+CustomerRef(t.ID)) || v == CustomerRef(t.ID))
}

// value reports whether v, a value of a corrected customer field, is one of
// the customer's, and what replaces it.
func (t CustomerTraces) value(field, v string) (string, bool) {
	if v == "" {
		return v, false
	}
	switch field {
	case EditCustomerMoved:
		if t.tagged(v) && v != AnonymisedName(t.ID) {
			return AnonymisedName(t.ID), true
		}
	case "customer":
		if t.Names[strings.TrimSpace(v)] {
			return AnonymisedName(t.ID), true
		}
	case "phone":
		if t.Phones[NormalizePhone(v)] {
			return "", true
		}
	case "email":
		if t.Emails[NormalizeEmail(v)] {
			return AnonymisedAddress(t.ID), true
		}
	case "wechat":
		if t.WeChats[strings.TrimSpace(v)] {
			return "", true
		}
	}
	return v, false
}

// EraseCaseTraces erases the customer's traces from another customer's case
// in place and reports whether anything changed: the corrections that name
// them (while the case was theirs, before it moved away, every customer
// value is theirs; afterwards, the values that are theirs), their address
// as the author or sender of an event, in a mail's recipients, and the
// subjects of the mail of theirs erased with it (subjects); then their
// phones and e-mails in every free text, and their names and WeChat ids
// there too when the case is linked to them (it was theirs, holds their
// mail or their address: linked, or found here). Like AnonymiseCase it
// never changes an event's public part, and it never adds, removes or
// reorders events.
func EraseCaseTraces(c *Case, t CustomerTraces, subjects map[string]bool, linked bool) bool {
	if c.CustomerID == t.ID {
		return false // their own case: AnonymiseCase
	}
	// The last event of the batch that moved the case away from them: up to
	// it, the customer's details on the case were theirs.
	theirsUntil := -1
	for i, ev := range c.Timeline {
		if ev.Type == EventEdited && ev.Arg(ArgField) == EditCustomerMoved && t.tagged(ev.Old) {
			theirsUntil = i
			for j := i + 1; j < len(c.Timeline) && c.Timeline[j].At.Equal(ev.At) && c.Timeline[j].Type == EventEdited; j++ {
				theirsUntil = j
			}
		}
	}
	anon := AnonymisedAddress(t.ID)
	changed := false
	var tl []Event
	set := func(i int, ev Event) {
		if tl == nil {
			tl = slices.Clone(c.Timeline)
		}
		tl[i] = ev
		changed = true
	}
	for i, ev := range c.Timeline {
		orig := ev
		dirty := false
		if ev.By != "" && t.IsAddress(ev.By) {
			ev.By, dirty = anon, true
		}
		if ev.Type == EventEdited {
			field := ev.Arg(ArgField)
			if customerFields[field] || field == EditCustomerMoved {
				if i <= theirsUntil && field != EditCustomerMoved {
					// Theirs while the case was theirs: the old value always,
					// the new one before the move's own batch.
					if n, ok := t.value(field, ev.Old); ok {
						ev.Old, dirty = n, true
					} else if ev.Old != "" && !slices.Contains([]string{AnonymisedName(t.ID), anon}, ev.Old) {
						ev.Old, dirty = erasedValue(field, t.ID), true
					}
					if !ev.At.Equal(c.Timeline[theirsUntil].At) {
						if n, ok := t.value(field, ev.New); ok {
							ev.New, dirty = n, true
						} else if ev.New != "" && !slices.Contains([]string{AnonymisedName(t.ID), anon}, ev.New) {
							ev.New, dirty = erasedValue(field, t.ID), true
						}
					}
				}
				for _, p := range []*string{&ev.Old, &ev.New} {
					if n, ok := t.value(field, *p); ok {
						*p, dirty = n, true
					}
				}
			}
		}
		if len(ev.Args) > 0 {
			var args map[string]string
			put := func(k, v string) {
				if args == nil {
					args = make(map[string]string, len(ev.Args))
					for k2, v2 := range ev.Args {
						args[k2] = v2
					}
				}
				args[k] = v
			}
			if v := ev.Args[ArgFrom]; v != "" && t.IsAddress(v) {
				put(ArgFrom, anon)
			}
			if v := ev.Args[ArgTo]; v != "" {
				parts := strings.Split(v, ",")
				hit := false
				for k, p := range parts {
					if t.IsAddress(p) {
						lead := p[:len(p)-len(strings.TrimLeft(p, " "))]
						parts[k], hit = lead+anon, true
					}
				}
				if hit {
					put(ArgTo, strings.Join(parts, ","))
				}
			}
			if v := ev.Args[ArgSubject]; v != "" && subjects[v] {
				put(ArgSubject, "") // the key stays: the chain's public part lists it
			}
			if args != nil {
				ev.Args, dirty = args, true
			}
		}
		if dirty && !eventsEqual(orig, ev) {
			set(i, ev)
		}
	}
	if changed {
		c.Timeline = tl
	}
	if eraseFreeTexts(c, t, linked || changed || theirsUntil >= 0) {
		changed = true
	}
	return changed
}

// eraseFreeTexts replaces the customer's phones and e-mails in every free
// text of the case, and their names and WeChat ids too when the case is
// linked to them (it was theirs, or holds their mail or their address).
func eraseFreeTexts(c *Case, t CustomerTraces, linked bool) bool {
	var names, wechats []string
	if linked {
		names, wechats = t.textWords(c)
	}
	erase := func(s string) string { return t.eraseText(s, names, wechats) }
	changed := false
	text := func(p *string) {
		if n := erase(*p); n != *p {
			*p, changed = n, true
		}
	}
	for _, p := range []*string{&c.Subject, &c.Description, &c.Demand, &c.Booking.Ref, &c.Investigation, &c.Facts,
		&c.RootCause, &c.Decision, &c.PaymentMethod, &c.Preventive, &c.EvidenceNeeded, &c.Satisfaction.Reason} {
		text(p)
	}
	for i := range c.Remedies {
		if n := erase(c.Remedies[i].Note); n != c.Remedies[i].Note {
			c.Remedies = slices.Clone(c.Remedies)
			c.Remedies[i].Note, changed = n, true
		}
	}
	for i := range c.Evidence {
		e := c.Evidence[i]
		e.Note, e.Name = erase(e.Note), erase(e.Name)
		if e != c.Evidence[i] {
			c.Evidence = slices.Clone(c.Evidence)
			c.Evidence[i], changed = e, true
		}
	}
	cloned := false
	for i := range c.Timeline {
		ev := c.Timeline[i]
		ev.Note = erase(ev.Note)
		for k, v := range ev.Args {
			if n := erase(v); personalArgs[k] && n != v {
				ev.Args = maps.Clone(ev.Args) // the caller's event keeps its own
				ev.Args[k] = n
			}
		}
		if ev.Type == EventEdited && !keptEdits[ev.Arg(ArgField)] && !customerFields[ev.Arg(ArgField)] && ev.Arg(ArgField) != EditCustomerMoved {
			ev.Old, ev.New = erase(ev.Old), erase(ev.New)
		}
		if ev.Note != c.Timeline[i].Note || ev.Old != c.Timeline[i].Old || ev.New != c.Timeline[i].New || !eventsEqual(ev, c.Timeline[i]) {
			if !cloned { // never write into the timeline the caller read
				c.Timeline, cloned = slices.Clone(c.Timeline), true
			}
			c.Timeline[i], changed = ev, true
		}
	}
	return changed
}

// erasedValue replaces a customer detail of a case while it was theirs.
func erasedValue(field string, id uint64) string {
	switch field {
	case "customer":
		return AnonymisedName(id)
	case "email":
		return AnonymisedAddress(id)
	}
	return ""
}

func eventsEqual(a, b Event) bool {
	if a.By != b.By || a.Old != b.Old || a.New != b.New || len(a.Args) != len(b.Args) {
		return false
	}
	for k, v := range a.Args {
		if w, ok := b.Args[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// MessageOf reports whether a message names the customer (one of their
// addresses as its sender or a recipient), and whether it is theirs: they
// sent it, or the agency wrote to them. Mail someone else sent them a copy
// of names them but is not theirs.
func (t CustomerTraces) MessageOf(m *Message) (names, theirs bool) {
	if t.IsAddress(m.FromAddress) || t.IsAddress(m.From) {
		return true, true
	}
	for _, a := range slices.Concat(m.To, m.Cc) {
		if t.IsAddress(a) {
			return true, m.Direction == DirectionOut
		}
	}
	return false, false
}

// EraseMessageTraces erases the customer from a message on another
// customer's case (or on none) and reports whether anything changed: their
// addresses become AnonymisedAddress, everyone else's stay; a message of
// theirs (see MessageOf) loses its subject, bodies, attachment names and
// errors, as AnonymiseMessage does. The caller deletes its raw message,
// which names them in its headers.
func EraseMessageTraces(m *Message, t CustomerTraces) bool {
	names, theirs := t.MessageOf(m)
	if !names {
		return false
	}
	before := fmtMessage(m)
	anon := AnonymisedAddress(t.ID)
	addr := func(s string) string {
		if t.IsAddress(s) {
			return anon
		}
		return s
	}
	m.From, m.FromAddress = addr(m.From), addr(m.FromAddress)
	m.To, m.Cc = slices.Clone(m.To), slices.Clone(m.Cc)
	for i := range m.To {
		m.To[i] = addr(m.To[i])
	}
	for i := range m.Cc {
		m.Cc[i] = addr(m.Cc[i])
	}
	if theirs {
		eraseMessageContent(m)
	}
	return fmtMessage(m) != before
}

// MayName reports whether a stored record's bytes (its JSON) may name the
// customer: one of their names, WeChat ids or e-mails (in any case), a
// "customer moved" tag with their reference, or one of their phones however
// it was written (as textPatterns finds it). A
// record for which it is false holds nothing EraseCaseTraces or
// EraseMessageTraces would change (unless mail of theirs on it was erased):
// anonymising reads every record, and decodes only these.
func (t CustomerTraces) MayName(raw []byte) bool {
	for _, w := range t.words {
		if bytes.Contains(raw, w) {
			return true
		}
	}
	for _, e := range t.emails {
		if containsFoldASCII(raw, e) {
			return true
		}
	}
	if len(t.phones) == 0 {
		return false
	}
	// The digits of each run of digits, spaces, dashes, dots and brackets
	// (full-width digits as their ASCII ones), checked against every phone
	// as NormalizePhone would read the run.
	var buf [64]byte
	run := buf[:0]
	check := func() bool {
		if len(run) >= t.minPhone {
			for _, p := range t.phones {
				if bytes.Contains(run, p) {
					return true
				}
			}
		}
		run = run[:0]
		return false
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c >= '0' && c <= '9':
			run = append(run, c)
		case c == 0xEF && i+2 < len(raw) && raw[i+1] == 0xBC && raw[i+2] >= 0x90 && raw[i+2] <= 0x99: // ０–９
			run = append(run, '0'+raw[i+2]-0x90)
			i += 2
		case (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') && len(run) > 0:
		case len(run) == 0:
		default:
			if check() {
				return true
			}
		}
	}
	return check()
}

// containsFoldASCII reports whether s holds the lower-case ASCII needle in
// any case. A needle with an "@" (an address) is looked for around each "@"
// of s only.
func containsFoldASCII(s []byte, needle []byte) bool {
	n := len(needle)
	if n == 0 {
		return false
	}
	at := func(i int) bool {
		if i < 0 || i+n > len(s) {
			return false
		}
		for j := 0; j < n; j++ {
			c := s[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != needle[j] {
				return false
			}
		}
		return true
	}
	if k := bytes.IndexByte(needle, '@'); k >= 0 {
		for off := 0; ; {
			i := bytes.IndexByte(s[off:], '@')
			if i < 0 {
				return false
			}
			if at(off + i - k) {
				return true
			}
			off += i + 1
		}
	}
	for i := 0; i+n <= len(s); i++ {
		if at(i) {
			return true
		}
	}
	return false
}
