package ui

import (
	"context"
	"errors"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// caseExporter is what the Export… button of the case list needs.
type caseExporter interface {
	// ExportCasesTo writes the cases f selects to path as one row per case
	// (data.ExportXLSX or data.ExportCSV), reporting progress; cancel ctx
	// to stop. Nothing is left under path unless it completes.
	ExportCasesTo(ctx context.Context, a data.Actor, f data.Filter, format data.ExportFormat, path string,
		progress func(done, total int)) (int, error)
}

// exportDialog exports the case list's current filter as a spreadsheet:
// XLSX or CSV, saved where the user chooses, with progress and a way to stop.
type exportDialog struct {
	u      *UI
	dlg    *dialog.CustomDialog
	filter data.Filter
	count  int

	format    *widget.RadioGroup
	bar       *widget.ProgressBar
	status    *dialogStatus
	save      *widget.Button
	cancelBtn *widget.Button // Cancel while running, Close otherwise
	stop      context.CancelFunc

	// choose asks where to save (the Fyne save dialog); tests answer it.
	choose func(name string, then func(path string))
}

var exportFormatLabels = map[data.ExportFormat]string{
	data.ExportXLSX: "export.gui.xlsx",
	data.ExportCSV:  "export.gui.csv",
}

// showExportDialog opens the dialog for the list's current filter.
func (u *UI) showExportDialog() *exportDialog {
	l := u.list
	d := &exportDialog{u: u, filter: l.currentFilter(), count: len(l.rows), bar: widget.NewProgressBar(), status: newDialogStatus()}
	d.choose = d.chooseFile
	d.format = widget.NewRadioGroup([]string{T(exportFormatLabels[data.ExportXLSX]), T(exportFormatLabels[data.ExportCSV])}, nil)
	d.format.SetSelected(T(exportFormatLabels[data.ExportXLSX]))
	d.format.Required = true
	d.save = widget.NewButtonWithIcon(T("export.gui.save"), theme.DocumentSaveIcon(), d.start)
	d.save.Importance = widget.HighImportance
	d.cancelBtn = widget.NewButton(T("Close"), d.cancel)

	what := TF("export.gui.count", map[string]any{"N": d.count})
	if labels := l.filterLabels(); len(labels) > 0 {
		what += "\n" + TF("export.gui.filters", map[string]any{"Filters": strings.Join(labels, " · ")})
	}
	intro := widget.NewLabel(what)
	intro.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(intro, widget.NewForm(widget.NewFormItem(T("export.gui.format"), d.format)), d.bar, d.status.box)
	d.dlg = dialog.NewCustomWithoutButtons(T("export.gui.title"), content, u.win)
	d.dlg.SetButtons([]fyne.CanvasObject{d.cancelBtn, d.save})
	d.dlg.Show()
	fitDialog(d.dlg, 540)
	u.exporting = d
	return d
}

// selected is the chosen format.
func (d *exportDialog) selected() data.ExportFormat {
	if d.format.Selected == T(exportFormatLabels[data.ExportCSV]) {
		return data.ExportCSV
	}
	return data.ExportXLSX
}

// fileName proposes 案件-20261203.xlsx (the sheet's name in the language).
func (d *exportDialog) fileName() string {
	return pr().T("export.sheet.cases") + "-" + d.u.now().In(zone()).Format("20060102") + "." + string(d.selected())
}

// start asks where to save, then exports there.
func (d *exportDialog) start() {
	if !d.u.needUser() {
		return
	}
	d.choose(d.fileName(), d.run)
}

// chooseFile is the Fyne save dialog, limited to the format's extension.
func (d *exportDialog) chooseFile(name string, then func(path string)) {
	chooseSaveFile(d.u.win, name, string(d.selected()), func(err error) {
		d.status.show(pr().ExportError(err), widget.DangerImportance)
	}, then)
}

// run exports to path off the UI goroutine, with progress.
func (d *exportDialog) run(path string) {
	ctx, stop := context.WithCancel(d.u.ctx)
	d.stop = stop
	d.save.Disable()
	d.format.Disable()
	d.cancelBtn.SetText(T("Cancel"))
	d.bar.Max = float64(max(d.count, 1))
	d.bar.SetValue(0)
	d.status.show(T("export.gui.running"), widget.MediumImportance)
	u, actor, f, format := d.u, d.u.actor(), d.filter, d.selected()
	progress := func(done, total int) {
		u.do(func() {
			if d.stop == nil || total <= 0 {
				return // finished or cancelled meanwhile
			}
			d.bar.Max = float64(total)
			d.bar.SetValue(float64(done))
			d.status.label.SetText(TF("export.progress", map[string]any{"Done": done, "Total": total}))
		})
	}
	u.async(func() func() {
		n, err := u.svc.Exporter.ExportCasesTo(ctx, actor, f, format, path, progress)
		if err != nil {
			removeIfEmpty(path) // the save dialog's empty file, when the export never replaced it
		}
		return func() { d.finish(path, n, err) }
	})
}

// removeIfEmpty removes the empty file the save dialog created.
func removeIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(path)
	}
}

// cancel stops a running export, or closes the dialog.
func (d *exportDialog) cancel() {
	if d.stop == nil {
		d.dlg.Hide()
		return
	}
	d.status.show(T("Cancelling…"), widget.WarningImportance)
	d.cancelBtn.Disable()
	d.stop() // last: the worker may finish at once
}

func (d *exportDialog) finish(path string, n int, err error) {
	if d.stop != nil {
		d.stop()
		d.stop = nil
	}
	d.save.Enable()
	d.format.Enable()
	d.cancelBtn.SetText(T("Close"))
	d.cancelBtn.Enable()
	switch {
	case errors.Is(err, context.Canceled):
		d.bar.SetValue(0)
		d.status.show(T("Cancelled."), widget.WarningImportance)
	case err != nil:
		d.status.show(pr().ExportError(err), widget.DangerImportance)
	default:
		d.bar.SetValue(d.bar.Max)
		msg := TF("export.gui.done", map[string]any{"N": n, "Path": path})
		d.status.show(msg, widget.SuccessImportance)
		d.u.notify(msg)
	}
}
