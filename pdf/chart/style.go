package chart

import (
	"image/color"
	"math"
)

// Palette is the charts' shared colour set: the Okabe–Ito colours, which
// people with the common colour-vision deficiencies can tell apart, in an
// order whose neighbours differ in lightness as well as hue. Series, stacks
// and legend entries take them in this order.
var Palette = []color.NRGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
	{0x99, 0x99, 0x99, 0xFF}, // grey
}

// Named colours of the palette with a fixed meaning.
var (
	ColorMain    = Palette[0]                          // this period, bars (on white)
	ColorCompare = color.NRGBA{0x99, 0x99, 0x99, 0xFF} // the previous period, "others"
	ColorMet     = Palette[2]                          // a target met
	ColorMissed  = Palette[5]                          // a target missed
)

// inks are the colours of one drawing, chosen for its background: dark
// text on white paper (and the GUI's light theme), light text on the dark
// theme's background.
type inks struct {
	bg, text, muted, grid, track, main color.Color
	dark                               bool
}

// inksFor picks the inks for a background; nil is white.
func inksFor(bg color.Color) inks {
	if bg == nil {
		bg = color.White
	}
	r, g, b, _ := bg.RGBA()
	// relative luminance, roughly: a dark background below the middle
	if 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) < 0.5*0xFFFF {
		return inks{bg: bg, dark: true,
			text:  color.NRGBA{0xE8, 0xE8, 0xE8, 0xFF},
			muted: color.NRGBA{0xA8, 0xA8, 0xA8, 0xFF},
			grid:  color.NRGBA{0x3C, 0x3C, 0x40, 0xFF},
			track: color.NRGBA{0x44, 0x44, 0x48, 0xFF},
			main:  Palette[4], // sky blue: the blue is too dark on black
		}
	}
	return inks{bg: bg,
		text:  color.NRGBA{0x22, 0x22, 0x22, 0xFF},
		muted: color.NRGBA{0x66, 0x66, 0x66, 0xFF},
		grid:  color.NRGBA{0xE3, 0xE3, 0xE3, 0xFF},
		track: color.NRGBA{0xE8, 0xE8, 0xE8, 0xFF},
		main:  ColorMain,
	}
}

// series is the colour of series i, cycling through the palette; on a dark
// background the sky blue and the blue change places.
func (st *styler) series(i int) color.Color {
	i %= len(Palette)
	if st.ink.dark {
		switch i {
		case 0:
			i = 4
		case 4:
			i = 0
		}
	}
	return Palette[i]
}

// Font sizes in points, before Size.Text scales them. They suit an A4 page
// (a 9 pt label is the size of the report's body text); on screen Size.Text
// enlarges them to the GUI's text size.
const (
	ptTitle = 11.0
	ptLabel = 8.5 // tick labels, legend, bar labels
	ptValue = 8.0 // values at bar ends and points
	ptBig   = 22.0
	ptEmpty = 10.0
)

// finite reports whether v is a usable number.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
