package chart

import (
	"fmt"
	"sync"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"

	"casebook/assets"
)

// typeface is the name the bundled font has in the charts' font cache.
const typeface font.Typeface = "WenQuanYi Micro Hei"

// fonts is a font cache of its own holding only the bundled CJK font, so the
// charts never fall back to plot's Liberation fonts (which have no Chinese
// glyphs and would draw boxes) and nothing global of gonum/plot is changed.
var fonts = sync.OnceValues(func() (*font.Cache, error) {
	f, err := opentype.Parse(assets.FontRegular)
	if err != nil {
		return nil, fmt.Errorf("chart font: %w", err)
	}
	return font.NewCache(font.Collection{{Font: font.Font{Typeface: typeface}, Face: f}}), nil
})

// handler is the plain-text handler over the bundled font.
func handler() (text.Handler, error) {
	c, err := fonts()
	if err != nil {
		return nil, err
	}
	return text.Plain{Fonts: c}, nil
}

// face is the bundled font at size points.
func face(size float64) font.Font {
	return font.Font{Typeface: typeface, Size: font.Length(size)}
}
