package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// statusLines is how many lines of status a dialog keeps room for.
const statusLines = 4

// dialogStatus is a dialog's status line in room kept for it from the start,
// so a message never makes the dialog grow and move under the mouse after
// an action: it wraps within the dialog's width, and a longer one scrolls
// inside its box.
type dialogStatus struct {
	label *widget.Label
	box   *container.Scroll
}

func newDialogStatus() *dialogStatus {
	s := &dialogStatus{label: widget.NewLabel("")}
	s.label.Wrapping = fyne.TextWrapBreak // a long path breaks anywhere
	s.box = container.NewVScroll(s.label)
	s.box.SetMinSize(fyne.NewSize(0, widget.NewLabel(strings.Repeat("\n", statusLines-1)).MinSize().Height))
	return s
}

// show puts msg in the status box; the dialog keeps its size and place.
func (s *dialogStatus) show(msg string, imp widget.Importance) {
	s.label.Importance = imp
	s.label.SetText(msg)
	s.box.ScrollToTop()
}

// fitDialog gives a dialog its size once, when it is shown: width, and the
// height its content needs (the status box included); it is not resized
// after.
func fitDialog(dlg *dialog.CustomDialog, width float32) { dlg.Resize(fyne.NewSize(width, 0)) }
