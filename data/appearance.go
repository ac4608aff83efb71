package data

import "slices"

// Appearance is how the desktop app looks: light, dark or the system's
// colours, and how large its text is (for older eyes).
//
// It is kept in the settings in the database, like everything else: each
// counter computer has its own database file, so this is per computer in
// practice, it is set the same way (Settings, casebook settings set
// ui.theme dark) and backed up with the rest, and there is no second
// configuration file to lose or to keep in step.
type Appearance struct {
	Theme    string `json:"theme,omitempty"`     // "" or "system", "light", "dark"
	TextSize string `json:"text_size,omitempty"` // "" or "normal", "large", "larger"
}

// Themes and TextSizes are the values of Appearance's fields; the first is the default.
var (
	Themes    = []string{"system", "light", "dark"}
	TextSizes = []string{"normal", "large", "larger"}
)

// Validate accepts the known values and "" (the default).
func (a Appearance) Validate() error {
	if a.Theme != "" && !slices.Contains(Themes, a.Theme) {
		return fieldErr("ui.theme", "unknown theme %q: use system, light or dark", a.Theme)
	}
	if a.TextSize != "" && !slices.Contains(TextSizes, a.TextSize) {
		return fieldErr("ui.text_size", "unknown text size %q: use normal, large or larger", a.TextSize)
	}
	return nil
}

// TextScale is how much larger than normal the text is drawn.
func (a Appearance) TextScale() float32 {
	switch a.TextSize {
	case "large":
		return 1.2
	case "larger":
		return 1.45
	}
	return 1
}
