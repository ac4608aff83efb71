package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// letterReprinter is what the issued letters list needs: a letter, byte
// for byte as issued, written to a file again.
type letterReprinter interface {
	ReprintLetter(ctx context.Context, a data.Actor, number string, l data.Letter) (string, error)
}

// documentsSection is the case's documents: the letters issued, and
// printing a new one.
func (d *caseDetail) documentsSection(c data.Case) fyne.CanvasObject {
	printBtn := widget.NewButtonWithIcon(T("Print…"), theme.DocumentPrintIcon(), func() { d.showPrint(c) })
	return container.NewVBox(container.NewHBox(append([]fyne.CanvasObject{printBtn}, d.privacyButtons(c)...)...), d.lettersSection(c))
}

// lettersSection lists the letters issued on the case, each of which opens
// again exactly as it was issued.
func (d *caseDetail) lettersSection(c data.Case) fyne.CanvasObject {
	if len(c.Letters) == 0 {
		none := widget.NewLabel(T("No letter has been issued on this case yet."))
		none.Wrapping = fyne.TextWrapWord
		return none
	}
	box := container.NewVBox(widget.NewSeparator(),
		widget.NewLabelWithStyle(T("Letters issued"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for i := len(c.Letters) - 1; i >= 0; i-- { // newest first, like the timeline
		l := c.Letters[i]
		text := widget.NewLabel(letterLine(l))
		text.Wrapping = fyne.TextWrapWord
		open := widget.NewButtonWithIcon(T("Open"), theme.FileIcon(), func() { d.reprint(c.Number, l) })
		open.Importance = widget.LowImportance
		box.Add(container.NewBorder(nil, nil, nil, open, text))
	}
	return box
}

// letterLine is "Closure letter · 简体中文 · 2026-03-02 10:15 · 王芳".
func letterLine(l data.Letter) string {
	return strings.Join(nonEmpty(letterTitle(l.Type), languageLabel(l.Language),
		l.IssuedAt.In(zone()).Format(receivedLayout), l.By), " · ")
}

// reprint writes an issued letter to a file again and opens it.
func (d *caseDetail) reprint(number string, l data.Letter) {
	d.u.async(func() func() {
		path, err := d.u.svc.Documents.ReprintLetter(d.u.ctx, d.u.actor(), number, l)
		return func() {
			if err != nil {
				dialog.ShowError(localError(printErrorText(err)), d.u.win)
				return
			}
			d.u.showSaved(path)
		}
	})
}

// showSaved opens a document in the system viewer and says where it is.
func (u *UI) showSaved(path string) {
	if u.openFile(path) {
		u.notify(TF("Saved as {{.Path}}", map[string]any{"Path": path}))
	} else {
		u.notify(TF("Saved as {{.Path}} (it could not be opened here)", map[string]any{"Path": path}))
	}
}
