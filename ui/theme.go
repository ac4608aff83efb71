package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"casebook/assets"
	"casebook/data"
)

// casebookTheme is Fyne's default theme with the bundled CJK font, so Chinese
// renders on machines without CJK fonts, and with Simplified glyph forms; in
// light, dark or the system's variant, with grey, red and orange texts dark
// (or light) enough to read, and text as large as the user asked for.
type casebookTheme struct {
	fyne.Theme
	forced  bool              // light or dark whatever the system says
	variant fyne.ThemeVariant // with forced
	scale   float32           // text size: 1 is normal
}

var cjkFont = fyne.NewStaticResource("wqy-microhei.ttf", assets.FontRegular)

// NewTheme returns the Casebook theme with the default appearance: the
// system's variant, normal text.
func NewTheme() fyne.Theme { return themeFor(data.Appearance{}) }

// themeFor returns the theme for an appearance setting.
func themeFor(a data.Appearance) *casebookTheme {
	t := &casebookTheme{Theme: theme.DefaultTheme(), scale: a.TextScale()}
	switch a.Theme {
	case "light":
		t.forced, t.variant = true, theme.VariantLight
	case "dark":
		t.forced, t.variant = true, theme.VariantDark
	}
	return t
}

// readable replaces the default theme's colours whose text falls short of
// WCAG AA (4.5:1) on the background: the light variant's grey "disabled"
// (#e3e3e3 on white, 1.3:1 — low-importance labels such as "Paused" and the
// mail status use it), its red (3.7:1) and orange (2.2:1), and the dark
// variant's grey (1.6:1). TestThemeContrast measures them.
var readable = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantLight: {
		theme.ColorNameDisabled: color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff}, // 5.3:1 on white
		theme.ColorNameError:    color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}, // 5.6:1
		theme.ColorNameWarning:  color.NRGBA{R: 0x9c, G: 0x52, B: 0x00, A: 0xff}, // 5.8:1
		theme.ColorNameSuccess:  color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}, // 5.1:1
	},
	theme.VariantDark: {
		theme.ColorNameDisabled: color.NRGBA{R: 0x9e, G: 0x9e, B: 0x9e, A: 0xff}, // 6.7:1 on #171718
		theme.ColorNameError:    color.NRGBA{R: 0xff, G: 0x66, B: 0x59, A: 0xff}, // 6.2:1
	},
}

func (t *casebookTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced {
		v = t.variant
	}
	if c, ok := readable[v][n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}

func (t *casebookTheme) Font(style fyne.TextStyle) fyne.Resource {
	if style.Symbol {
		return t.Theme.Font(style)
	}
	return cjkFont
}

// Size scales the text sizes (and the icons set in text) by the text size
// setting; paddings stay, so larger text takes more room, not less.
func (t *casebookTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.Theme.Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText,
		theme.SizeNameCaptionText, theme.SizeNameInlineIcon:
		return s * t.scale
	}
	return s
}

// followAppearance applies the theme and text size now: the person's own
// (appearance_mine.go) over the agency's settings.
func (u *UI) followAppearance() {
	a := u.appearance()
	if cur, ok := u.app.Settings().Theme().(*casebookTheme); ok && *cur == *themeFor(a) {
		return // unchanged: setting it again would redraw every window
	}
	u.app.Settings().SetTheme(themeFor(a))
}
