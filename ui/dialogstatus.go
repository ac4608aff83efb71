package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showDialogStatus shows a message line in a dialog and fits the dialog to
// it: a dialog does not grow by itself when a hidden label appears.
func showDialogStatus(dlg *dialog.CustomDialog, label *widget.Label, width float32, msg string, imp widget.Importance) {
	label.Importance = imp
	label.SetText(msg)
	label.Show()
	fitDialog(dlg, width)
}

// fitDialog resizes a dialog to width and the height its content needs.
func fitDialog(dlg *dialog.CustomDialog, width float32) { dlg.Resize(fyne.NewSize(width, 0)) }
