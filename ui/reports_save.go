package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/report"
)

// reportSaveDialog saves the report of the period shown as PDF, XLSX, CSV
// or JSON (the service's WriteTo, in the interface's language) where the
// user chooses, and says how it went.
type reportSaveDialog struct {
	v      *reportsView
	period report.Period
	dlg    *dialog.CustomDialog
	format *widget.RadioGroup
	status *dialogStatus
	save   *widget.Button

	// choose asks where to save (the Fyne save dialog); tests answer it.
	choose func(name string, then func(path string))
}

// reportFormatLabel names a format in the dialog.
func reportFormatLabel(f data.ReportFormat) string { return T("reports.format." + string(f)) }

func (v *reportsView) showSaveDialog() *reportSaveDialog {
	d := &reportSaveDialog{v: v, period: v.period, status: newDialogStatus()}
	d.choose = d.chooseFile
	labels := make([]string, len(data.ReportFormats))
	for i, f := range data.ReportFormats {
		labels[i] = reportFormatLabel(f)
	}
	d.format = widget.NewRadioGroup(labels, nil)
	d.format.Required = true
	d.format.SetSelected(labels[0])
	d.save = widget.NewButtonWithIcon(T("reports.save_button"), theme.DocumentSaveIcon(), d.start)
	d.save.Importance = widget.HighImportance
	intro := wrapped(TF("reports.save_intro", map[string]any{"Period": v.period.Label(),
		"From": v.period.From.Format("2006-01-02"), "To": v.period.Last().Format("2006-01-02")}))
	content := container.NewVBox(intro, widget.NewForm(widget.NewFormItem(T("reports.format"), d.format)), d.status.box)
	d.dlg = dialog.NewCustomWithoutButtons(T("reports.save_title"), content, v.u.win)
	d.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton(T("Close"), d.dlg.Hide), d.save})
	d.dlg.Show()
	fitDialog(d.dlg, 520)
	v.saving = d
	return d
}

// selected is the chosen format.
func (d *reportSaveDialog) selected() data.ReportFormat {
	for _, f := range data.ReportFormats {
		if d.format.Selected == reportFormatLabel(f) {
			return f
		}
	}
	return data.ReportPDF
}

// fileName proposes 投诉报告-2026-11.pdf.
func (d *reportSaveDialog) fileName() string {
	return TF("reports.file_name", map[string]any{"Period": d.period.Label()}) + "." + string(d.selected())
}

func (d *reportSaveDialog) start() {
	if !d.v.u.needUser() {
		return
	}
	d.choose(d.fileName(), d.run)
}

// chooseFile is the Fyne save dialog, limited to the format's extension.
func (d *reportSaveDialog) chooseFile(name string, then func(path string)) {
	chooseSaveFile(d.v.u.win, name, string(d.selected()), func(err error) {
		d.status.show(pr().ReportSaveError(err), widget.DangerImportance)
	}, then)
}

// run writes the report off the UI goroutine.
func (d *reportSaveDialog) run(path string) {
	u := d.v.u
	d.save.Disable()
	d.format.Disable()
	d.status.show(T("reports.saving"), widget.MediumImportance)
	actor, p, format, lang := u.actor(), d.period, d.selected(), currentLanguage()
	u.async(func() func() {
		err := d.v.svc.WriteTo(u.ctx, actor, p, format, lang, path)
		if err != nil {
			removeIfEmpty(path) // the save dialog's empty file, when nothing replaced it
		}
		return func() {
			d.save.Enable()
			d.format.Enable()
			if err != nil {
				d.status.label.Wrapping = fyne.TextWrapWord // a sentence: break between words
				d.status.show(pr().ReportSaveError(err), widget.DangerImportance)
				return
			}
			d.status.label.Wrapping = fyne.TextWrapBreak // a long path breaks anywhere
			msg := TF("reports.saved", map[string]any{"Path": path})
			d.status.show(msg, widget.SuccessImportance)
			u.notify(msg)
		}
	})
}
