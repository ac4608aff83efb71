package store

import (
	"bytes"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// migrateEvents (schema 2 → 3) turns the English sentences timeline events
// used to carry into codes and arguments (see data.Event). What a person typed
// stays the event's note; a sentence that matches no known pattern is kept
// verbatim as the note, so nothing is lost. Events that already have
// arguments are left alone, so running it again changes nothing.
func migrateEvents(tx *bolt.Tx) error {
	b := tx.Bucket(bucketCases)
	type rec struct{ k, v []byte }
	var all []rec
	if err := b.ForEach(func(k, v []byte) error {
		all = append(all, rec{bytes.Clone(k), bytes.Clone(v)})
		return nil
	}); err != nil {
		return err
	}
	for _, r := range all {
		var c data.Case
		if err := decodeRecord(r.v, &c); err != nil {
			return err
		}
		var out []data.Message
		loaded := false
		messages := func() []data.Message { // the case's mail, read only when a failure must be split
			if !loaded {
				loaded = true
				if cm := tx.Bucket(bucketCaseMsgs); cm != nil {
					cur := cm.Cursor()
					for k, _ := cur.Seek(r.k); k != nil && bytes.HasPrefix(k, r.k); k, _ = cur.Next() {
						if m, err := getMessageTx(tx, k[8:]); err == nil && m.Direction == data.DirectionOut {
							out = append(out, m)
						}
					}
				}
			}
			return out
		}
		changed := false
		for i, e := range c.Timeline {
			ne := upgradeEvent(e, messages)
			if !eventsEqual(ne, e) {
				c.Timeline[i], changed = ne, true
			}
		}
		if !changed {
			continue
		}
		raw, err := encodeRecord(&c)
		if err != nil {
			return err
		}
		if err := b.Put(r.k, raw); err != nil {
			return err
		}
	}
	return nil
}

func eventsEqual(a, b data.Event) bool {
	return a.Type == b.Type && a.Note == b.Note && a.Old == b.Old && a.New == b.New && len(a.Args) == len(b.Args)
}

// legacyFindings maps the names schema 2 gave the changed findings to data.FindingFields.
var legacyFindings = map[string]string{
	"investigation": "investigation", "facts": "facts", "responsibility": "responsibility",
	"root cause": "root_cause", "decision": "decision", "remedies": "remedies", "payment": "payment",
	"preventive action": "preventive", "evidence needed": "evidence",
}

// upgradeEvent converts one schema-2 event. messages lists the case's
// outgoing mail, to split "subject: error" where the subject has a colon.
func upgradeEvent(e data.Event, messages func() []data.Message) data.Event {
	if len(e.Args) > 0 {
		return e
	}
	text := e.Note
	legacy := func() data.Event { // a sentence of ours nobody can read any more: kept verbatim
		if text == "" {
			return e
		}
		e.Args = map[string]string{data.ArgType: string(e.Type)}
		e.Type = data.EventLegacy
		return e
	}
	set := func(kv ...string) {
		e.Args = map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			e.Args[kv[i]] = kv[i+1]
		}
		e.Note = ""
	}
	switch e.Type {
	case data.EventStatus, data.EventNote, data.EventOwner, data.EventCategory, data.EventEscalation:
		// Their text was always typed by a person.
	case data.EventCreated:
		if rest, ok := strings.CutPrefix(text, "recorded "); ok {
			if kind, channel, ok := strings.Cut(rest, " via "); ok && !strings.Contains(channel, " ") {
				set(data.ArgKind, kind, data.ArgChannel, channel)
				return e
			}
		}
		return legacy()
	case data.EventSeverity:
		if text == "deadlines recalculated" {
			set(data.ArgDeadlines, data.DeadlinesRecalculated)
			return e
		}
		return legacy()
	case data.EventWaiting:
		if st, ok := strings.CutPrefix(text, "no longer waiting: case "); ok && slices.Contains(data.Statuses, data.Status(st)) {
			e.Type = data.EventWaitingEnded
			set(data.ArgStatus, st)
		}
	case data.EventFindings:
		names, total, hasTotal := strings.Cut(text, "; total ")
		var fields []string
		for _, n := range strings.Split(names, ", ") {
			f, ok := legacyFindings[n]
			if !ok {
				return legacy()
			}
			fields = append(fields, f)
		}
		args := []string{data.ArgFields, strings.Join(fields, ",")}
		if hasTotal {
			amount, currency, _ := strings.Cut(strings.TrimSpace(total), " ")
			if _, err := data.ParseMoney(amount); err != nil {
				return legacy()
			}
			args = append(args, data.ArgTotal, amount, data.ArgCurrency, strings.TrimSpace(currency))
		}
		set(args...)
	case data.EventLetter:
		if typ, rest, ok := strings.Cut(text, " ("); ok && strings.HasSuffix(rest, ")") {
			set(data.ArgLetter, typ, data.ArgLanguage, strings.TrimSuffix(rest, ")"))
			return e
		}
		return legacy()
	case data.EventMailIn, data.EventMailSent:
		set(data.ArgSubject, text)
	case data.EventMailOut:
		if i := strings.LastIndex(text, " → "); i >= 0 {
			set(data.ArgSubject, text[:i], data.ArgTo, text[i+len(" → "):])
		} else {
			set(data.ArgSubject, text)
		}
	case data.EventMailFailed:
		subject, reason, bounced, ok := "", "", false, false
		for _, m := range messages() { // the longest subject of ours the text starts with
			if r, found := strings.CutPrefix(text, m.Subject+": "); found && (!ok || len(m.Subject) > len(subject)) {
				subject, reason, ok = m.Subject, r, true
				bounced = m.Error == "bounced: "+r
			}
		}
		if !ok {
			subject, reason, ok = strings.Cut(text, ": ")
		}
		if !ok {
			return legacy()
		}
		if bounced {
			e.Type = data.EventMailBounced
		}
		set(data.ArgSubject, subject, data.ArgError, reason)
	default:
		if e.Type == "" || !slices.Contains(data.EventTypes, e.Type) {
			return legacy() // a code this build does not know, with its sentence
		}
	}
	return e
}
