package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// chooseSaveFile is the Fyne save dialog for a file of extension ext
// (without the dot), proposing name. Its own error goes to failed;
// cancelling calls nothing. The dialog creates (or empties) the file; the
// writers then write a temporary file beside it and rename it over this
// one when complete, so then gets only the path.
func chooseSaveFile(win fyne.Window, name, ext string, failed func(error), then func(path string)) {
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			failed(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		then(path)
	}, win)
	fd.SetFileName(name)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{"." + ext}))
	fd.Resize(fyne.NewSize(900, 600))
	fd.Show()
}
