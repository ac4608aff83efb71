package pdf

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"casebook/data"
	"casebook/data/present"
)

// texts is the catalogue of one language: the one catalogue of Casebook
// (assets/translations, read through package data/present). Where a
// document words a label differently from the screen, its key is prefixed
// "doc." ("doc.remedy.penalty") and wins.
type texts struct {
	lang string
	m    map[string]string
	p    *present.P
}

var catalogs = sync.OnceValues(func() (map[string]*texts, error) {
	out := map[string]*texts{}
	for _, l := range data.Languages {
		m, err := present.Catalogue(l)
		if err != nil {
			return nil, err
		}
		out[l] = &texts{lang: l, m: m, p: present.For(l)}
	}
	return out, nil
})

// catalog returns the texts of lang, read once per process.
func catalog(lang string) (*texts, error) {
	all, err := catalogs()
	if err != nil {
		return nil, err
	}
	t, ok := all[lang]
	if !ok {
		return nil, fmt.Errorf("%w: no letters in language %q", data.ErrInvalid, lang)
	}
	return t, nil
}

// get returns the text of key; a missing key shows as the key itself, so a
// gap is visible on the page (a test keeps the catalogues complete).
func (t *texts) get(key string) string {
	if s, ok := t.m["doc."+key]; ok {
		return s
	}
	if s, ok := t.m[key]; ok {
		return s
	}
	return key
}

// fill returns the text of key with {{.name}} replaced by the paired values:
// fill("ack.intro", "number", "A-1", "date", "…").
func (t *texts) fill(key string, pairs ...string) string {
	s := t.get(key)
	if len(pairs) == 0 {
		return s
	}
	old := make([]string, 0, len(pairs))
	for i := 0; i+1 < len(pairs); i += 2 {
		old = append(old, "{{."+pairs[i]+"}}", pairs[i+1])
	}
	return strings.NewReplacer(old...).Replace(s)
}

// enum labels a value of a closed set, keyed "group.value" as in the interface.
func (t *texts) enum(group, value string) string {
	if value == "" {
		return ""
	}
	key := group + "." + value
	if s := t.get(key); s != key {
		return s
	}
	return value
}

// date formats a day the way letters in the language write it.
func (t *texts) date(tm time.Time) string { return t.p.Date(tm) }

// dateTime formats a moment to the minute.
func (t *texts) dateTime(tm time.Time) string { return t.p.DateTime(tm) }

// dayString formats a YYYY-MM-DD field (a departure, a payment date).
func (t *texts) dayString(s string) string { return t.p.Day(s) }

// money formats an amount with its currency: "人民币 1,200.00 元", "CNY 1,200.00".
func (t *texts) money(m data.Money, currency string) string { return t.p.Money(m, currency) }
