package ui

import (
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
