package assets

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"image/png"
	"io/fs"
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
