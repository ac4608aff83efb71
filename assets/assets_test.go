package assets

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"image/png"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// sfntTables returns the table tags in the font's table directory.
func sfntTables(t *testing.T, font []byte) map[string]bool {
	t.Helper()
	if len(font) < 12 {
		t.Fatalf("font is %d bytes, too short for an sfnt header", len(font))
	}
	if v := binary.BigEndian.Uint32(font); v != 0x00010000 {
		t.Fatalf("sfnt version = %#08x, want 0x00010000 (TrueType)", v)
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	if len(font) < 12+16*n {
		t.Fatalf("font is %d bytes, too short for %d table records", len(font), n)
	}
	tags := make(map[string]bool, n)
	for i := 0; i < n; i++ {
		rec := font[12+16*i:]
		tag := string(rec[:4])
		off := binary.BigEndian.Uint32(rec[8:])
		length := binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(font)) {
			t.Errorf("table %q [%d, +%d) lies outside the %d-byte font", tag, off, length, len(font))
		}
		tags[tag] = true
	}
	return tags
}

func TestFontIsGlyfTrueType(t *testing.T) {
	tags := sfntTables(t, FontRegular)
	for _, want := range []string{"glyf", "loca", "cmap", "head", "hmtx", "name"} {
		if !tags[want] {
			t.Errorf("font has no %q table", want)
		}
	}
	if tags["CFF "] || tags["CFF2"] {
		t.Error("font has CFF outlines; gofpdf needs glyf outlines")
	}
}

func TestIconIsLargePNG(t *testing.T) {
	cfg, err := png.DecodeConfig(bytes.NewReader(Icon))
	if err != nil {
		t.Fatalf("decode icon config: %v", err)
	}
	if cfg.Width < 256 || cfg.Height < 256 {
		t.Errorf("icon is %d×%d, want at least 256×256", cfg.Width, cfg.Height)
	}
	if cfg.Width != cfg.Height {
		t.Errorf("icon is %d×%d, want a square", cfg.Width, cfg.Height)
	}
	if _, err := png.Decode(bytes.NewReader(Icon)); err != nil {
		t.Fatalf("decode icon: %v", err)
	}
}

func TestTranslationsAreJSONObjects(t *testing.T) {
	for _, name := range []string{"en.json", "zh-Hans.json", "zh-TW.json"} {
		b, err := fs.ReadFile(Translations, "translations/"+name)
		if err != nil {
			t.Errorf("read %s: %v", name, err)
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Errorf("%s is not a JSON object: %v", name, err)
		}
	}
}

// TestCatalogueIsComplete: every key of the one catalogue is in all three
// languages, none is empty, and a text uses the same placeholders ({{.name}},
// or .Name inside a mail template's actions) in every language.
func TestCatalogueIsComplete(t *testing.T) {
	files := []string{"en.json", "zh-Hans.json", "zh-TW.json"}
	cats := map[string]map[string]string{}
	for _, f := range files {
		raw, err := fs.ReadFile(Translations, "translations/"+f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		cats[f] = m
	}
	if len(cats["en.json"]) < 600 {
		t.Fatalf("only %d keys in en.json: the catalogue was not merged", len(cats["en.json"]))
	}
	action := regexp.MustCompile(`\{\{[^}]*\}\}`)
	field := regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_]*)`)
	placeholders := func(s string) string {
		set := map[string]bool{}
		for _, a := range action.FindAllString(s, -1) {
			for _, m := range field.FindAllStringSubmatch(a, -1) {
				set[m[1]] = true
			}
		}
		names := make([]string, 0, len(set))
		for n := range set {
			names = append(names, n)
		}
		slices.Sort(names)
		return strings.Join(names, ",")
	}
	for _, a := range files {
		for k, v := range cats[a] {
			if strings.TrimSpace(v) == "" && k != "list.sep" {
				t.Errorf("%s: %q is empty", a, k)
			}
			if strings.Contains(v, "{") && regexp.MustCompile(`(^|[^{])\{[a-z_]+\}`).MatchString(v) {
				t.Errorf("%s: %q still uses a {name} placeholder: %q", a, k, v)
			}
			for _, b := range files {
				w, ok := cats[b][k]
				if !ok {
					t.Errorf("%s has %q, %s has not", a, k, b)
					continue
				}
				if pa, pb := placeholders(v), placeholders(w); pa != pb {
					t.Errorf("%q: placeholders %s in %s but %s in %s", k, pa, a, pb, b)
				}
			}
		}
	}
}
