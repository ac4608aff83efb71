package chart

import (
	"image/color"
	"math"
)

// Size is how big a chart is drawn: its physical width and height in
// millimetres, the resolution of the PNG, and a factor on the font sizes.
// The image is Width/25.4×DPI by Height/25.4×DPI pixels.
type Size struct {
	Width, Height float64 // millimetres
	DPI           int     // pixels per inch of the PNG
	Text          float64 // font scale; 0 means 1
	// Background is the colour behind the chart; nil is white (paper). The
	// GUI passes its theme's background colour: on a dark one the chart
	// draws light text and lines.
	Background color.Color
}

// PrintDPI is the resolution of charts printed in the report: crisp on a
// 600 dpi laser printer at a fifth of the bytes of 300 dpi.
const PrintDPI = 200

// Print is a chart of w×h millimetres on paper at PrintDPI. The report's A4
// text block is 180 mm wide: a full-width chart is Print(180, 75), two side
// by side Print(88, 65).
func Print(w, h float64) Size { return Size{Width: w, Height: h, DPI: PrintDPI, Text: 1} }

// ScreenText is the font factor of Screen: 8.5 pt labels become about 14 px
// at scale 1, the size of Fyne's body text.
const ScreenText = 1.25

// Screen is a chart of w×h device-independent pixels (Fyne's units) drawn
// for a display of the given scale (Fyne's canvas.Scale(), 1 on a normal
// screen, 2 on a HiDPI one): the PNG then has w×scale by h×scale pixels, so
// it stays sharp. The GUI's Reports screen at 1366×820 fits two charts of
// 640×300 side by side.
func Screen(w, h int, scale float32) Size {
	if scale <= 0 {
		scale = 1
	}
	dpi := int(math.Round(96 * float64(scale)))
	return Size{Width: float64(w) / 96 * 25.4, Height: float64(h) / 96 * 25.4, DPI: dpi, Text: ScreenText}
}

// Pixels is the size of the PNG.
func (s Size) Pixels() (w, h int) {
	return int(math.Round(s.Width / 25.4 * float64(s.DPI))), int(math.Round(s.Height / 25.4 * float64(s.DPI)))
}

// text is the font scale.
func (s Size) text() float64 {
	if s.Text <= 0 {
		return 1
	}
	return s.Text
}
