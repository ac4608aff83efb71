package ui

import (
	"context"
	"image/color"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// contrast is the WCAG 2 contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		ch := func(v uint8) float64 {
			x := float64(v) / 255
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(n.R) + 0.7152*ch(n.G) + 0.0722*ch(n.B)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// drawnColour is the colour a Label of this importance is drawn in under
// the app's current theme, read from the canvas text the renderer makes.
func drawnColour(t *testing.T, imp widget.Importance) color.Color {
	t.Helper()
	l := widget.NewLabel("x")
	l.Importance = imp
	var found color.Color
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *canvas.Text:
			found = o.Color
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(l)
	if found == nil {
		t.Fatal("no text drawn")
	}
	return found
}

// The texts the list and the mail status draw — on time (medium), paused
// and met (low), due soon and the mail status's warning (warning), overdue
// and mail errors (danger) — reach WCAG AA, 4.5:1, on the backgrounds they
// appear on, in light and in dark.
func TestThemeContrast(t *testing.T) {
	var imps []widget.Importance
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	h := time.Hour
	clocks := map[data.ClockState]data.Clock{
		data.ClockOnTrack: {Target: 10 * h, Due: now.Add(9 * h), SoonAt: now.Add(7 * h)},
		data.ClockDueSoon: {Target: 10 * h, Due: now.Add(h), SoonAt: now.Add(-h)},
		data.ClockOverdue: {Target: 10 * h, Due: now.Add(-h), SoonAt: now.Add(-3 * h)},
		data.ClockPaused:  {Target: 10 * h, PausedAt: now.Add(-h), Remaining: 5 * h},
		data.ClockMet:     {Target: 10 * h, Due: now.Add(h), MetAt: now.Add(-h)},
	}
	for state, c := range clocks {
		if got := c.State(now); got != state {
			t.Fatalf("fixture clock is %v, not %v", got, state)
		}
		_, imp := deadlineText(c, now)
		imps = append(imps, imp)
	}
	// ui/mailstatus.go: idle and syncing (low), counts (medium), offline (warning), failures (danger).
	imps = append(imps, widget.LowImportance, widget.MediumImportance, widget.WarningImportance, widget.DangerImportance)
	a := test.NewTempApp(t)
	for _, mode := range []string{"light", "dark"} {
		th := themeFor(data.Appearance{Theme: mode})
		a.Settings().SetTheme(th)
		for _, bgName := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameHeaderBackground, theme.ColorNameOverlayBackground} {
			bg := th.Color(bgName, theme.VariantLight) // forced: the variant asked for is ignored
			for _, imp := range imps {
				if r := contrast(drawnColour(t, imp), bg); r < 4.5 {
					t.Errorf("%s: text of importance %d on %s has contrast %.2f:1, below 4.5:1", mode, imp, bgName, r)
				}
			}
		}
	}
}

// The contrast measure itself: black on white is 21:1, and Fyne's own grey
// on white (the colour this theme replaces) fails.
func TestContrastMeasure(t *testing.T) {
	if r := contrast(color.Black, color.White); math.Abs(r-21) > 0.01 {
		t.Errorf("black on white: %.2f", r)
	}
	if r := contrast(theme.DefaultTheme().Color(theme.ColorNameDisabled, theme.VariantLight), color.White); r >= 4.5 {
		t.Errorf("Fyne's light grey passes (%.2f): the test would not notice a regression", r)
	}
}

// Light and dark give different colours whatever the system's variant, the
// system choice follows it, and a larger text size scales the text.
func TestThemeVariantsAndTextSize(t *testing.T) {
	light, dark, system := themeFor(data.Appearance{Theme: "light"}), themeFor(data.Appearance{Theme: "dark"}), themeFor(data.Appearance{})
	bg := theme.ColorNameBackground
	if light.Color(bg, theme.VariantDark) == dark.Color(bg, theme.VariantDark) {
		t.Error("light and dark have the same background")
	}
	if system.Color(bg, theme.VariantDark) != dark.Color(bg, theme.VariantLight) || system.Color(bg, theme.VariantLight) != light.Color(bg, theme.VariantDark) {
		t.Error("the system choice does not follow the system's variant")
	}
	normal := themeFor(data.Appearance{}).Size(theme.SizeNameText)
	large := themeFor(data.Appearance{TextSize: "large"}).Size(theme.SizeNameText)
	larger := themeFor(data.Appearance{TextSize: "larger"}).Size(theme.SizeNameText)
	if !(normal < large && large < larger) {
		t.Errorf("text sizes normal %v, large %v, larger %v", normal, large, larger)
	}
	if p := themeFor(data.Appearance{TextSize: "larger"}).Size(theme.SizeNamePadding); p != theme.DefaultTheme().Size(theme.SizeNamePadding) {
		t.Errorf("padding scaled to %v", p)
	}
}

// Saving another theme or text size, in Settings or from the command line
// (any SettingsChanged), applies at once to the running app.
func TestAppearanceAppliesWhenSaved(t *testing.T) {
	u, s := newTestUI(t)
	textSize := func() float32 { return u.app.Settings().Theme().Size(theme.SizeNameText) }
	bgOf := func() color.Color {
		return u.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight)
	}
	before, beforeBg := textSize(), bgOf()

	// In Settings: choose dark and larger, save.
	u.user.SetSelected("赵总")
	u.setView.load()
	ed := findAppearance(t, u)
	ed.theme.SetSelected(themeLabel("dark"))
	ed.size.SetSelected(textSizeLabel("larger"))
	u.setView.save()
	u.Apply(data.SettingsChanged{})
	if got := s.Settings().UI; got.Theme != "dark" || got.TextSize != "larger" {
		t.Fatalf("saved %+v", got)
	}
	if textSize() <= before || bgOf() == beforeBg {
		t.Errorf("not applied: text %v (was %v), background %v (was %v)", textSize(), before, bgOf(), beforeBg)
	}

	// From elsewhere (the command line): back to light, normal.
	st := s.Settings()
	st.UI = data.Appearance{Theme: "light"}
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	u.Apply(data.SettingsChanged{})
	if textSize() != before || bgOf() != beforeBg {
		t.Errorf("not applied: text %v, background %v", textSize(), bgOf())
	}

	// An unknown theme is refused.
	st.UI.Theme = "purple"
	if err := s.SaveSettings(context.Background(), st); err == nil {
		t.Error("saved theme purple")
	}
}

func findAppearance(t *testing.T, u *UI) *appearanceEditor {
	t.Helper()
	if u.setView.appearance == nil {
		t.Fatal("no appearance editor on the settings page")
	}
	return u.setView.appearance
}

// A person's own appearance on this computer: chosen by anyone (staff
// included, who may not change the settings), applied at once, followed when
// the person changes, and "as the agency's" goes back to the settings.
func TestMyAppearanceFollowsThePerson(t *testing.T) {
	u, _ := newTestUI(t)
	textSize := func() float32 { return u.app.Settings().Theme().Size(theme.SizeNameText) }
	normal := textSize()
	u.user.SetSelected("王芳")
	u.setMyAppearance("王芳", data.Appearance{TextSize: "larger"})
	if textSize() <= normal {
		t.Fatalf("larger text not applied: %v (normal %v)", textSize(), normal)
	}
	u.user.SetSelected("赵总") // someone else: the agency's
	if textSize() != normal {
		t.Fatalf("another person kept 王芳's text size: %v", textSize())
	}
	u.user.SetSelected("王芳")
	if textSize() <= normal {
		t.Fatal("王芳's own text size did not come back")
	}
	if got := u.myAppearance("王芳"); got != (data.Appearance{TextSize: "larger"}) {
		t.Fatalf("kept %+v", got)
	}
	u.setMyAppearance("王芳", data.Appearance{})
	if textSize() != normal || u.app.Preferences().String(prefAppearance+"王芳") != "" {
		t.Fatal("as the agency's did not go back to the settings")
	}
	u.app.Preferences().SetString(prefAppearance+"王芳", "purple|huge") // a damaged preference
	if got := u.myAppearance("王芳"); got != (data.Appearance{}) {
		t.Fatalf("a damaged preference was used: %+v", got)
	}
}
