package pdf

import (
	"bytes"
	"encoding/json"
	"sync"

	"github.com/jung-kurt/gofpdf"

	"casebook/assets"
)

// The one font family every document uses: WenQuanYi Micro Hei, which has
// Latin, Simplified and Traditional glyphs. It has no bold face, so headings
// are drawn bold by stroking the outlines as well as filling them (text
// rendering mode 2); the words extract as plain text either way.
const fontFamily = "wqymicrohei"

// addFont registers the embedded font on a new document. gofpdf only ever
// puts the glyphs a document uses into it (a subset); it has no way to share
// a parsed font between documents, so what is kept per process is the font's
// bytes (embedded in the binary) and the glyph widths below.
// full chooses the whole font; without it the PDF edition (no Hangul
// syllables, otherwise the same glyphs and widths) is read, which is quicker.
func addFont(f *gofpdf.Fpdf, full bool) {
	font := assets.FontPDF
	if full {
		font = assets.FontRegular
	}
	f.AddUTF8FontFromBytes(fontFamily, "", font)
}

// needsFullFont reports whether v's text (its JSON form) has Hangul
// syllables, which only the full font has.
func needsFullFont(v any) bool {
	b, err := json.Marshal(v)
	if err != nil {
		return true
	}
	return bytes.ContainsFunc(b, func(r rune) bool { return r >= 0xac00 && r <= 0xd7a3 })
}

// widths caches each rune's advance at a font size of 1 pt, in mm; the font
// has no kerning in gofpdf, so a line's width is the sum of its runes'.
var widths = struct {
	sync.RWMutex
	m map[rune]float64
}{m: make(map[rune]float64, 4096)}

// runeWidth returns a function measuring runes at the document's current
// font size, learning new runes' widths from gofpdf once per process.
func runeWidth(f *gofpdf.Fpdf) func(rune) float64 {
	size, _ := f.GetFontSize()
	return func(r rune) float64 {
		widths.RLock()
		w, ok := widths.m[r]
		widths.RUnlock()
		if !ok {
			cur, _ := f.GetFontSize()
			w = f.GetStringWidth(string(r)) / cur
			widths.Lock()
			widths.m[r] = w
			widths.Unlock()
		}
		return w * size
	}
}
