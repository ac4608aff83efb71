package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// appearanceEditor is the Settings group for the theme and the text size.
// A saved change applies at once (SettingsChanged → followAppearance).
type appearanceEditor struct {
	content    fyne.CanvasObject
	theme      *safeSelect
	size       *safeSelect
	themes     choice[string]
	sizes      choice[string]
	themeValue string // what was stored, kept when nothing is chosen
	sizeValue  string
}

func newAppearanceEditor(a data.Appearance) *appearanceEditor {
	e := &appearanceEditor{themes: newChoice(data.Themes, themeLabel), sizes: newChoice(data.TextSizes, textSizeLabel),
		themeValue: a.Theme, sizeValue: a.TextSize}
	e.theme = newSelect(e.themes.labels, nil)
	e.size = newSelect(e.sizes.labels, nil)
	e.themes.set(e.theme, orFirst(a.Theme, data.Themes))
	e.sizes.set(e.size, orFirst(a.TextSize, data.TextSizes))
	form := widget.NewForm(widget.NewFormItem(T("Theme"), e.theme), widget.NewFormItem(T("Text size"), e.size))
	form.Items[1].HintText = T("Larger text for older eyes; applies when the settings are saved.")
	e.content = widget.NewCard(T("Appearance"), T("The agency's default; anyone may choose their own under View → My appearance."), form)
	return e
}

func (e *appearanceEditor) read() data.Appearance {
	a := data.Appearance{Theme: e.themes.value(e.theme), TextSize: e.sizes.value(e.size)}
	if a.Theme == data.Themes[0] && e.themeValue == "" { // the default stays unset
		a.Theme = ""
	}
	if a.TextSize == data.TextSizes[0] && e.sizeValue == "" {
		a.TextSize = ""
	}
	return a
}

func orFirst(v string, values []string) string {
	if v == "" {
		return values[0]
	}
	return v
}

func themeLabel(t string) string {
	switch t {
	case "light":
		return T("Light")
	case "dark":
		return T("Dark")
	}
	return T("Follow the system")
}

func textSizeLabel(s string) string {
	switch s {
	case "large":
		return T("Large")
	case "larger":
		return T("Larger")
	}
	return T("Normal")
}
