package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"casebook/assets"
)

// casebookTheme is Fyne's default theme with the bundled CJK font, so Chinese
// renders on machines without CJK fonts, and with Simplified glyph forms.
type casebookTheme struct{ fyne.Theme }

var cjkFont = fyne.NewStaticResource("wqy-microhei.ttf", assets.FontRegular)

// NewTheme returns the Casebook theme.
func NewTheme() fyne.Theme { return &casebookTheme{Theme: theme.DefaultTheme()} }

func (t *casebookTheme) Font(style fyne.TextStyle) fyne.Resource {
	if style.Symbol {
		return t.Theme.Font(style)
	}
	return cjkFont
}

// Colours for deadline states, readable on light and dark backgrounds.
var (
	colorOverdue = color.NRGBA{R: 0xDC, G: 0x26, B: 0x26, A: 0xFF}
	colorDueSoon = color.NRGBA{R: 0xD9, G: 0x77, B: 0x06, A: 0xFF}
	colorPaused  = color.NRGBA{R: 0x64, G: 0x74, B: 0x8B, A: 0xFF}
)
