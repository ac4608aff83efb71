package ui

import (
	"casebook/data"
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// closedArchiver is what the bulk archive dialog needs.
type closedArchiver interface {
	// PrintClosedArchive saves one PDF of every case closed on the days from
	// to to (both inclusive, local time), reporting progress; cancel ctx to
	// stop. count is 0 and path "" when no case was closed then.
	PrintClosedArchive(ctx context.Context, a data.Actor, from, to time.Time, progress func(done, total int)) (path string, count int, err error)
}

// archiveDialog prints one PDF of every case closed in a period, for the
// agency's files or the regulator. It can be cancelled while it runs.
type archiveDialog struct {
	u   *UI
	dlg *dialog.CustomDialog

	from, to  *dateField // typed, or picked from a calendar
	bar       *widget.ProgressBar
	status    *dialogStatus
	start     *widget.Button
	cancelBtn *widget.Button // Cancel while running, Close otherwise
	stop      context.CancelFunc
}

// showArchiveDialog opens the dialog with last month's dates filled in.
func (u *UI) showArchiveDialog() *archiveDialog {
	a := &archiveDialog{u: u, from: newDateField(nil), to: newDateField(nil), bar: widget.NewProgressBar()}
	first, last := previousMonth(u.now().In(zone()))
	a.from.SetText(first.Format(time.DateOnly))
	a.to.SetText(last.Format(time.DateOnly))
	a.status = newDialogStatus()
	a.start = widget.NewButtonWithIcon(T("Start"), theme.DocumentPrintIcon(), a.run)
	a.start.Importance = widget.HighImportance
	a.cancelBtn = widget.NewButton(T("Close"), a.cancel)

	intro := widget.NewLabel(T("One PDF with every case closed from the first to the last day (both included): the case, its findings, its timeline and its letters."))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(T("From (YYYY-MM-DD)"), a.from),
		widget.NewFormItem(T("To (YYYY-MM-DD)"), a.to))
	content := container.NewVBox(intro, form, a.bar, a.status.box)
	a.dlg = dialog.NewCustomWithoutButtons(T("Archive closed cases"), content, u.win)
	a.dlg.SetButtons([]fyne.CanvasObject{a.cancelBtn, a.start})
	a.dlg.Show()
	a.relayout()
	return a
}

// previousMonth is the first and last day of the month before now's.
func previousMonth(now time.Time) (first, last time.Time) {
	y, m, _ := now.Date()
	first = time.Date(y, m-1, 1, 0, 0, 0, 0, now.Location())
	return first, first.AddDate(0, 1, -1)
}

// readDates reads the period; a wrong date is explained and nothing starts.
func (a *archiveDialog) readDates() (from, to time.Time, ok bool) {
	parse := func(s string) (time.Time, bool) {
		t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), zone())
		if err != nil {
			a.setStatus(TF("“{{.Text}}” is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31.", map[string]any{"Text": s}), widget.DangerImportance)
			return t, false
		}
		return t, true
	}
	if from, ok = parse(a.from.Text); !ok {
		return
	}
	if to, ok = parse(a.to.Text); !ok {
		return
	}
	if to.Before(from) {
		a.setStatus(T("The last day is before the first day."), widget.DangerImportance)
		return from, to, false
	}
	return from, to, true
}

// run prints the archive off the UI goroutine, with progress.
func (a *archiveDialog) run() {
	from, to, ok := a.readDates()
	if !ok || !a.u.needUser() {
		return
	}
	ctx, stop := context.WithCancel(a.u.ctx)
	a.stop = stop
	a.start.Disable()
	a.from.Disable()
	a.to.Disable()
	a.cancelBtn.SetText(T("Cancel"))
	a.bar.Max = 1
	a.bar.SetValue(0)
	a.setStatus(T("Collecting the closed cases…"), widget.MediumImportance)
	u, actor := a.u, a.u.actor()
	progress := func(done, total int) {
		u.do(func() {
			if a.stop == nil || total <= 0 {
				return // finished or cancelled meanwhile
			}
			a.bar.Max = float64(total)
			a.bar.SetValue(float64(done))
			a.status.label.SetText(TF("{{.Done}} of {{.Total}} cases", map[string]any{"Done": done, "Total": total}))
		})
	}
	u.async(func() func() {
		path, n, err := u.svc.Documents.PrintClosedArchive(ctx, actor, from, to, progress)
		return func() { a.finish(path, n, err) }
	})
}

// cancel stops a running archive, or closes the dialog.
func (a *archiveDialog) cancel() {
	if a.stop == nil {
		a.dlg.Hide()
		return
	}
	a.setStatus(T("Cancelling…"), widget.WarningImportance)
	a.cancelBtn.Disable()
	a.stop() // last: the worker may finish at once
}

func (a *archiveDialog) finish(path string, n int, err error) {
	if a.stop != nil {
		a.stop()
		a.stop = nil
	}
	a.start.Enable()
	a.from.Enable()
	a.to.Enable()
	a.cancelBtn.SetText(T("Close"))
	a.cancelBtn.Enable()
	switch {
	case errors.Is(err, context.Canceled):
		a.bar.SetValue(0)
		a.setStatus(T("Cancelled."), widget.WarningImportance)
	case err != nil:
		a.setStatus(printErrorText(err), widget.DangerImportance)
	case n == 0:
		a.setStatus(T("No case was closed in that period."), widget.MediumImportance)
	default:
		a.bar.SetValue(a.bar.Max)
		msg := TF("Closed cases archived: {{.N}}. Saved as {{.Path}}", map[string]any{"N": n, "Path": path})
		if !a.u.openFile(path) {
			msg += "\n" + T("It could not be opened here: open it from that folder.")
		}
		a.setStatus(msg, widget.SuccessImportance)
		a.u.notify(TF("Closed cases archived: {{.N}}. Saved as {{.Path}}", map[string]any{"N": n, "Path": path}))
	}
}

func (a *archiveDialog) setStatus(msg string, imp widget.Importance) {
	a.status.show(msg, imp)
}

func (a *archiveDialog) relayout() { fitDialog(a.dlg, 520) }
