package pdf

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"time"

	"casebook/assets"
	"casebook/data"
)

// texts is the catalogue of one language: the letters' own words
// (assets/letters) and, for enum labels they share with the interface, the
// interface's translations (assets/translations).
type texts struct {
	lang    string
	letters map[string]string
	ui      map[string]string
}

var (
	catalogOnce sync.Once
	catalogs    map[string]*texts
	catalogErr  error
)

// uiFile maps a letter language to the interface's translation file (Fyne
// knows Traditional Chinese as zh-TW).
var uiFile = map[string]string{"zh-Hans": "zh-Hans.json", "zh-Hant": "zh-TW.json", "en": "en.json"}

// catalog returns the texts of lang, read once per process.
func catalog(lang string) (*texts, error) {
	catalogOnce.Do(func() {
		catalogs = map[string]*texts{}
		for _, l := range data.Languages {
			t := &texts{lang: l}
			if t.letters, catalogErr = readCatalog(l); catalogErr != nil {
				return
			}
			if catalogErr = readJSON(assets.Translations, "translations/"+uiFile[l], &t.ui); catalogErr != nil {
				return
			}
			catalogs[l] = t
		}
	})
	if catalogErr != nil {
		return nil, catalogErr
	}
	t, ok := catalogs[lang]
	if !ok {
		return nil, fmt.Errorf("%w: no letters in language %q", data.ErrInvalid, lang)
	}
	return t, nil
}

// readCatalog merges letters/<lang>/*.json; a key defined twice is an error.
func readCatalog(lang string) (map[string]string, error) {
	dir := "letters/" + lang
	entries, err := fs.ReadDir(assets.Letters, dir)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	out := map[string]string{}
	for _, e := range entries {
		var m map[string]string
		if err := readJSON(assets.Letters, dir+"/"+e.Name(), &m); err != nil {
			return nil, err
		}
		for k, v := range m {
			if _, dup := out[k]; dup {
				return nil, fmt.Errorf("%s: key %q is also in another file", dir+"/"+e.Name(), k)
			}
			out[k] = v
		}
	}
	return out, nil
}

func readJSON(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

// get returns the text of key; a missing key shows as the key itself, so a
// gap is visible on the page (a test keeps the catalogues complete).
func (t *texts) get(key string) string {
	if s, ok := t.letters[key]; ok {
		return s
	}
	if s, ok := t.ui[key]; ok {
		return s
	}
	return key
}

// fill returns the text of key with {name} replaced by the paired values:
// fill("ack.intro", "number", "A-1", "date", "…").
func (t *texts) fill(key string, pairs ...string) string {
	s := t.get(key)
	if len(pairs) == 0 {
		return s
	}
	old := make([]string, 0, len(pairs))
	for i := 0; i+1 < len(pairs); i += 2 {
		old = append(old, "{"+pairs[i]+"}", pairs[i+1])
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
func (t *texts) date(tm time.Time) string {
	if tm.IsZero() {
		return t.get("none")
	}
	if t.lang == "en" {
		return tm.Format("2 January 2006")
	}
	return fmt.Sprintf("%d年%d月%d日", tm.Year(), tm.Month(), tm.Day())
}

// dateTime formats a moment to the minute.
func (t *texts) dateTime(tm time.Time) string {
	if tm.IsZero() {
		return t.get("none")
	}
	if t.lang == "en" {
		return tm.Format("2 Jan 2006 15:04")
	}
	return t.date(tm) + " " + tm.Format("15:04")
}

// dayString formats a YYYY-MM-DD field (a departure, a payment date).
func (t *texts) dayString(s string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t.date(d)
}

// money formats an amount with its currency: "人民币 1,200.00 元", "CNY 1,200.00".
func (t *texts) money(m data.Money, currency string) string {
	n := groupThousands(m.String())
	if t.lang != "en" && (currency == "CNY" || currency == "") {
		return t.fill("money.cny", "amount", n)
	}
	if currency == "" {
		currency = "CNY"
	}
	return currency + " " + n
}

// groupThousands writes 1234567.50 as 1,234,567.50.
func groupThousands(s string) string {
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}
