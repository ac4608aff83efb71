package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// unsavedWork is one kind of typed-but-unsaved work (a half-filled new case,
// findings not yet saved) that quitting or leaving must ask about first.
type unsavedWork struct {
	pending  func() bool   // is there any now?
	question func() string // what to ask, translated ("Save the findings of A-…?")
	save     func() error  // saves it; nil when it can only be discarded or kept
}

// guardQuit adds w to what a quit asks about.
func (u *UI) guardQuit(w unsavedWork) { u.unsaved = append(u.unsaved, w) }

// errShown is returned by a save that has already shown the user what is
// wrong (the form marks its fields): quitting stops without another dialog.
var errShown = errors.New("shown to the user")

// quit is the one way out — the menu's Quit, Ctrl+Q and the window's close
// button: it asks about unsaved work, then quits.
func (u *UI) quit() { u.askBeforeQuit(func() { u.signin.quitting(); u.exit() }) }

// askBeforeQuit asks about each piece of unsaved work in turn — Save,
// Discard or Cancel — and runs then when none is left; Cancel (or Esc, or a
// save that fails) stops there and then is not run. With nothing unsaved,
// then runs at once. Closing the window to the tray can call it too.
func (u *UI) askBeforeQuit(then func()) {
	var pending []unsavedWork
	for _, w := range u.unsaved {
		if w.pending() {
			pending = append(pending, w)
		}
	}
	u.askEach(pending, then)
}

func (u *UI) askEach(pending []unsavedWork, then func()) {
	u.askEachAs(T("Quit Casebook?"), pending, then)
}

// askEachAs is askEach under another question's title (a restart asks too).
func (u *UI) askEachAs(title string, pending []unsavedWork, then func()) {
	if len(pending) == 0 {
		then()
		return
	}
	w, rest := pending[0], pending[1:]
	answers := []answer{
		{label: T("Cancel")},
		{label: T("Discard"), destructive: true, do: func() { u.askEachAs(title, rest, then) }},
	}
	enter := 0 // Cancel, unless the work can be saved
	if w.save != nil {
		enter = len(answers)
		answers = append(answers, answer{label: T("Save"), do: func() {
			if err := w.save(); err != nil {
				if !errors.Is(err, errShown) {
					u.showError(err)
				}
				return
			}
			u.askEachAs(title, rest, then)
		}})
	}
	u.ask(title, messageLabel(w.question()), answers, enter, 0)
}

// quitItem is our own Quit in the first menu, translated (Fyne's own is
// English in zh-Hant), with Ctrl+Q, asking like the window's close button.
func (u *UI) quitItem() *fyne.MenuItem {
	q := fyne.NewMenuItem(T("Quit"), u.quit)
	q.IsQuit = true // Fyne then adds no Quit of its own
	q.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	return q
}

// guardForm makes quitting ask about a half-filled new case; saving it from
// there checks it like Ctrl+S, and a wrong field stops the quit on the form.
func (u *UI) guardForm() {
	u.guardQuit(unsavedWork{
		pending:  func() bool { return !u.form.isEmpty() },
		question: func() string { return T("The new case you started is not saved. Save it before quitting?") },
		save: func() error {
			u.tabs.Select(u.newTab)
			if !u.form.save() {
				return errShown
			}
			return nil
		},
	})
}
