package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Every question Casebook asks goes through ask (or confirm, for yes/no):
// Esc cancels, Enter takes the safe default, a destructive answer is drawn
// as dangerous and is never the highlighted default, and the dialog has its
// size from the start — it does not grow or move under the mouse. Fyne's own
// confirm dialogs have no keys, and highlight "Yes" whatever it does.

// answer is one button of a question.
type answer struct {
	label       string
	do          func() // may be nil
	destructive bool   // loses or changes something that cannot be taken back
}

// askWidth is the width every question has, whatever its text.
const askWidth float32 = 460

// asked is a question on screen.
type asked struct {
	dlg     *dialog.CustomDialog
	buttons []*widget.Button
	keys    *keyCatcher
	enter   int // the answer Enter gives
	esc     int // the answer Esc gives
}

// ask shows a question with its answers, left to right. Enter gives answer
// enter, Esc answer esc; a destructive enter is refused (esc is taken).
func (u *UI) ask(title string, body fyne.CanvasObject, answers []answer, enter, esc int) *asked {
	q := askOn(u.win, title, body, answers, enter, esc)
	u.asked = append(u.asked, q)
	if len(u.asked) > 8 { // tests look the question up; the last few are enough
		u.asked = append([]*asked(nil), u.asked[len(u.asked)-8:]...)
	}
	return q
}

// askOn is ask over any window (the crash report has no UI).
func askOn(win fyne.Window, title string, body fyne.CanvasObject, answers []answer, enter, esc int) *asked {
	if answers[enter].destructive {
		enter = esc
	}
	q := &asked{enter: enter, esc: esc}
	q.keys = newKeyCatcher(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyEscape:
			q.choose(q.esc)
		case fyne.KeyReturn, fyne.KeyEnter:
			q.choose(q.enter)
		}
	})
	var objs []fyne.CanvasObject
	for i, a := range answers {
		a := a
		b := widget.NewButton(a.label, nil)
		switch {
		case a.destructive:
			b.Importance = widget.DangerImportance
		case i == enter:
			b.Importance = widget.HighImportance
		}
		b.OnTapped = func() {
			q.dlg.Hide()
			if a.do != nil {
				a.do()
			}
		}
		q.buttons = append(q.buttons, b)
		objs = append(objs, b)
	}
	q.dlg = dialog.NewCustomWithoutButtons(title, container.NewStack(q.keys, body), win)
	q.dlg.SetButtons(objs)
	q.dlg.Resize(fyne.NewSize(askWidth, 0)) // its size now, once: it never grows under the mouse
	q.dlg.Show()
	win.Canvas().Focus(q.keys)
	return q
}

// choose gives answer i, as its button would.
func (q *asked) choose(i int) {
	if i >= 0 && i < len(q.buttons) {
		q.buttons[i].OnTapped()
	}
}

// confirm asks a yes/no question: okLabel does the thing, cancelLabel does
// not. A destructive okLabel (discard, delete, quit without saving) is drawn
// as dangerous and Enter cancels; otherwise Enter confirms. Esc always
// cancels. then gets the answer.
func (u *UI) confirm(title, message, okLabel, cancelLabel string, destructive bool, then func(ok bool)) *asked {
	enter := 1
	if destructive {
		enter = 0
	}
	return u.ask(title, messageLabel(message), []answer{
		{label: cancelLabel, do: func() { then(false) }},
		{label: okLabel, do: func() { then(true) }, destructive: destructive},
	}, enter, 0)
}

// messageLabel is a question's text, wrapped within the dialog's width.
func messageLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// keyCatcher takes the keyboard while a question is shown: Fyne gives keys
// to the focused widget only, and a dialog's buttons take none but Space.
type keyCatcher struct {
	widget.BaseWidget
	onKey func(*fyne.KeyEvent)
}

func newKeyCatcher(onKey func(*fyne.KeyEvent)) *keyCatcher {
	k := &keyCatcher{onKey: onKey}
	k.ExtendBaseWidget(k)
	return k
}

func (k *keyCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
func (k *keyCatcher) MinSize() fyne.Size         { return fyne.Size{} }
func (k *keyCatcher) FocusGained()               {}
func (k *keyCatcher) FocusLost()                 {}
func (k *keyCatcher) TypedRune(rune)             {}
func (k *keyCatcher) TypedKey(ev *fyne.KeyEvent) { k.onKey(ev) }
