package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// Each person may choose their own theme and text size on this computer
// (View → My appearance…): at a shared counter one needs larger text, another
// a light screen, and neither is the agency's setting (the owner's, in
// Settings → General, which everyone follows until they choose).

const prefAppearance = "appearance." // + the person's name → "theme|text size"

// myAppearance is name's own choice on this computer; empty fields follow
// the agency's.
func (u *UI) myAppearance(name string) data.Appearance {
	if name == "" {
		return data.Appearance{}
	}
	v := u.app.Preferences().String(prefAppearance + name)
	theme, size, _ := strings.Cut(v, "|")
	a := data.Appearance{Theme: theme, TextSize: size}
	if a.Validate() != nil {
		return data.Appearance{}
	}
	return a
}

// appearance is what the window shows for the person working now: their
// own choice where they made one, else the agency's.
func (u *UI) appearance() data.Appearance {
	a := u.settings().UI
	if u.user == nil { // the window is still being built: nobody signed in yet
		return a
	}
	mine := u.myAppearance(u.currentUser())
	if mine.Theme != "" {
		a.Theme = mine.Theme
	}
	if mine.TextSize != "" {
		a.TextSize = mine.TextSize
	}
	return a
}

// showMyAppearance asks the person working for their theme and text size;
// the first choice of each list is "as the agency's settings".
func (u *UI) showMyAppearance() {
	if !u.needUser() {
		return
	}
	name := u.currentUser()
	agency := T("As in the agency's settings")
	themes := append([]string{agency}, labelsOf(data.Themes, themeLabel)...)
	sizes := append([]string{agency}, labelsOf(data.TextSizes, textSizeLabel)...)
	theme, size := widget.NewSelect(themes, nil), widget.NewSelect(sizes, nil)
	mine := u.myAppearance(name)
	theme.SetSelectedIndex(indexOr(data.Themes, mine.Theme))
	size.SetSelectedIndex(indexOr(data.TextSizes, mine.TextSize))
	form := []*widget.FormItem{widget.NewFormItem(T("Theme"), theme), widget.NewFormItem(T("Text size"), size)}
	d := dialog.NewForm(TF("Appearance for {{.Name}}", map[string]any{"Name": name}), T("Apply"), T("Cancel"), form, func(ok bool) {
		if !ok {
			return
		}
		pick := func(s *widget.Select, values []string) string {
			if i := s.SelectedIndex(); i > 0 {
				return values[i-1]
			}
			return ""
		}
		u.setMyAppearance(name, data.Appearance{Theme: pick(theme, data.Themes), TextSize: pick(size, data.TextSizes)})
	}, u.win)
	d.Resize(fyne.NewSize(420, 0))
	d.Show()
}

// setMyAppearance keeps name's choice on this computer and applies it.
func (u *UI) setMyAppearance(name string, a data.Appearance) {
	key := prefAppearance + name
	if a == (data.Appearance{}) {
		u.app.Preferences().RemoveValue(key)
	} else {
		u.app.Preferences().SetString(key, a.Theme+"|"+a.TextSize)
	}
	u.followAppearance()
}

func labelsOf(values []string, label func(string) string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = label(v)
	}
	return out
}

// indexOr is v's place in the list after the "as the agency's" entry (0 for "").
func indexOr(values []string, v string) int {
	for i, x := range values {
		if x == v {
			return i + 1
		}
	}
	return 0
}
