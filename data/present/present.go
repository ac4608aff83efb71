// Package present writes Casebook's data as text for people, in Simplified
// Chinese, Traditional Chinese and English: timeline events, statuses, kinds,
// categories, channels, severities, deadlines, language names, money, dates
// and errors. The GUI, the documents, the mail and the command line all use
// it, and all read the one catalogue, assets/translations (keys in the
// catalogue, {{.name}} placeholders).
//
// It is pure Go: it imports casebook/data and casebook/assets only.
package present

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"casebook/assets"
	"casebook/data"
)

// Files maps each of data.Languages to its catalogue file in
// assets.Translations. Fyne knows Traditional Chinese as zh-TW, so that file
// keeps Fyne's name.
var Files = map[string]string{"zh-Hans": "translations/zh-Hans.json", "zh-Hant": "translations/zh-TW.json", "en": "translations/en.json"}

var load = sync.OnceValues(func() (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, l := range data.Languages {
		b, err := fs.ReadFile(assets.Translations, Files[l])
		if err != nil {
			return nil, fmt.Errorf("catalogue %s: %w", l, err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("catalogue %s: %w", Files[l], err)
		}
		out[l] = m
	}
	return out, nil
})

// Catalogue returns a copy of the catalogue of lang (one of data.Languages).
func Catalogue(lang string) (map[string]string, error) {
	all, err := load()
	if err != nil {
		return nil, err
	}
	m, ok := all[lang]
	if !ok {
		return nil, fmt.Errorf("%w: no catalogue for language %q", data.ErrInvalid, lang)
	}
	return maps.Clone(m), nil
}

// Text returns the raw text of key in lang, placeholders unfilled, for a
// caller that runs it as a text/template (the mail templates).
func Text(lang, key string) (string, bool) {
	all, err := load()
	if err != nil {
		return "", false
	}
	s, ok := all[Lang(lang)][key]
	return s, ok
}

// Lang returns lang when Casebook ships it, else "en".
func Lang(lang string) string {
	if slices.Contains(data.Languages, lang) {
		return lang
	}
	return "en"
}

// LanguageFromLocale maps a POSIX locale (the value of LC_ALL, LC_MESSAGES
// or LANG, e.g. "zh_CN.UTF-8") or a BCP 47 tag to one of data.Languages:
// zh_TW, zh_HK, zh_MO and zh-Hant → zh-Hant; other Chinese → zh-Hans; else en.
func LanguageFromLocale(env string) string {
	l := strings.ToLower(strings.TrimSpace(env))
	l, _, _ = strings.Cut(l, ".") // charset
	l, _, _ = strings.Cut(l, "@") // modifier
	l = strings.ReplaceAll(l, "_", "-")
	if l != "zh" && !strings.HasPrefix(l, "zh-") {
		return "en"
	}
	for _, part := range strings.Split(l, "-")[1:] {
		switch part {
		case "tw", "hk", "mo", "hant":
			return "zh-Hant"
		}
	}
	return "zh-Hans"
}

// P presents data in one language.
type P struct {
	lang   string
	m, en  map[string]string
	broken error // the catalogue could not be read
}

// For returns the presenter of lang, one of data.Languages; anything else is English.
func For(lang string) *P {
	p := &P{lang: Lang(lang)}
	all, err := load()
	if err != nil {
		p.broken = err
		return p
	}
	p.m, p.en = all[p.lang], all["en"]
	return p
}

// Lang is the presenter's language.
func (p *P) Lang() string { return p.lang }

// Has reports whether the catalogue of the presenter's language has key.
func (p *P) Has(key string) bool { _, ok := p.m[key]; return ok }

// T returns the text of key with its {{.name}} placeholders filled from
// args, given as pairs: T("event.status", "old", "新建", "new", "已受理").
// A key missing from the language falls back to English, then to the key
// itself, so a gap shows instead of vanishing (tests keep the catalogues full).
func (p *P) T(key string, args ...any) string {
	s, ok := p.m[key]
	if !ok {
		if s, ok = p.en[key]; !ok {
			s = key
		}
	}
	return fill(s, args...)
}

// fill replaces {{.name}} with the paired values.
func fill(s string, args ...any) string {
	if len(args) == 0 || !strings.Contains(s, "{{") {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{{."+fmt.Sprint(args[i])+"}}", fmt.Sprint(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// enum labels a value of a closed set, keyed "group.value"; an unknown value
// shows as itself.
func (p *P) enum(group, value string) string {
	if value == "" {
		return ""
	}
	if s, ok := p.m[group+"."+value]; ok {
		return s
	}
	return value
}

// None is the dash written for a missing value.
func (p *P) None() string { return p.T("none") }

func (p *P) Status(s data.Status) string         { return p.enum("status", string(s)) }
func (p *P) Kind(k data.Kind) string             { return p.enum("kind", string(k)) }
func (p *P) Severity(s data.Severity) string     { return p.enum("severity", string(s)) }
func (p *P) Channel(c data.Channel) string       { return p.enum("channel", string(c)) }
func (p *P) Escalation(e data.Escalation) string { return p.enum("escalation", string(e)) }
func (p *P) Role(r data.Role) string             { return p.enum("role", string(r)) }
func (p *P) Remedy(kind string) string           { return p.enum("remedy", kind) }
func (p *P) Letter(t data.LetterType) string     { return p.enum("letter", string(t)) }
func (p *P) Action(a data.Action) string         { return p.enum("action", string(a)) }

// Responsibility names the finding; "" is "not yet determined".
func (p *P) Responsibility(r data.Responsibility) string {
	if r == data.ResponsibilityUnknown {
		return p.T("Not yet determined")
	}
	return p.enum("responsibility", string(r))
}

// Waiting names on whom the case waits; "" is "not waiting".
func (p *P) Waiting(w data.Waiting) string {
	if w == data.WaitingNone {
		return p.T("Not waiting")
	}
	return p.enum("waiting", string(w))
}

// Owner is the handler's name, or "unassigned".
func (p *P) Owner(name string) string {
	if strings.TrimSpace(name) == "" {
		return p.T("archive.owner.none")
	}
	return name
}

// Category names a category of the settings in the presenter's language.
func (p *P) Category(st data.Settings, slug string) string {
	if slug == "" {
		return ""
	}
	if c, ok := st.Category(slug); ok {
		return c.Name(p.lang)
	}
	return slug
}

// Language names a language tag of data.Languages.
func (p *P) Language(tag string) string {
	if tag == "" {
		return ""
	}
	return p.enum("archive.lang", tag)
}

// FindingField names a part of the findings (data.FindingFields).
func (p *P) FindingField(f string) string { return p.enum("archive.f", f) }

// List joins items the way the language writes a list.
func (p *P) List(items []string) string { return strings.Join(items, p.T("list.sep")) }
