package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// Findings are never silently lost: proposing a solution, closing, leaving
// the case (another case, a new case, another tab) and quitting ask first
// when the findings form holds changes not yet saved.

// leaveRequest is the question open while the clerk leaves a case; a second
// click on another case only changes where to go.
type leaveRequest struct{ to uint64 }

// findingsPending reports whether the open case's findings form differs from
// what is stored.
func (d *caseDetail) findingsPending() bool {
	if d.id == 0 {
		return false
	}
	dr := d.findingDrafts[d.id]
	return dr != nil && !dr.same(findingsDraftOf(d.current))
}

// findingsQuestion is what quitting asks about them.
func (d *caseDetail) findingsQuestion() string {
	return TF("Save the findings of case {{.Number}}?", map[string]any{"Number": d.current.Number})
}

// saveFindingsNow saves the findings as typed; an error says why not (the
// form shows where).
func (d *caseDetail) saveFindingsNow() error {
	if !d.findingsPending() {
		return nil
	}
	f := d.findings
	if f == nil || f.c.ID != d.id {
		return errors.New(T("Not saved: correct the fields marked in red."))
	}
	if !f.save() {
		d.showSection(T("Findings"))
		msg := f.errLabel.Text
		if msg == "" {
			msg = T("Not saved: correct the fields marked in red.")
		}
		return errors.New(msg)
	}
	return nil
}

// showFindingsError shows the findings with what keeps them from being saved.
func (d *caseDetail) showFindingsError(msg string) {
	f := d.findings
	if f == nil {
		return
	}
	if f.readOnly {
		showError(f.errLabel, msg)
		d.showSection(T("Findings"))
		return
	}
	if _, ok := f.read(); !ok {
		msg = T("Not saved: correct the fields marked in red.")
	}
	showError(f.errLabel, msg)
	d.showSection(T("Findings"))
}

// showSection selects the tab with this title.
func (d *caseDetail) showSection(title string) {
	for _, it := range d.tabs.Items {
		if it.Text == title {
			d.tabs.Select(it)
		}
	}
}

// askLeave asks before the open case gives way to case to, when its
// findings are not saved; it reports whether it asked (then show waits).
func (d *caseDetail) askLeave(to uint64) bool {
	if d.leaving != nil {
		d.leaving.to = to
		return true
	}
	if !d.findingsPending() {
		return false
	}
	from := d.id
	lr := &leaveRequest{to: to}
	d.leaving = lr
	d.askSaveFindings(func() {
		d.leaving = nil
		d.show(lr.to)
	}, func() {
		d.leaving = nil
		d.u.list.selectID(from) // the list goes back to the case still open
	})
	return true
}

// whenFindingsSaved runs proceed at once when nothing is pending, else after
// the clerk saved or discarded the findings; stay runs on Cancel (or when
// saving failed).
func (d *caseDetail) whenFindingsSaved(proceed, stay func()) {
	if !d.findingsPending() {
		if proceed != nil {
			proceed()
		}
		return
	}
	d.askSaveFindings(proceed, stay)
}

// askSaveFindings asks "Save the findings?" with Save (the default: Enter),
// Discard and Cancel (Esc).
func (d *caseDetail) askSaveFindings(proceed, stay func()) {
	var dlg *dialog.CustomDialog
	done := false
	finish := func(then func()) {
		if done {
			return
		}
		done = true
		dlg.Hide()
		if then != nil {
			then()
		}
	}
	id := d.id
	cancel := func() { finish(stay) }
	save := func() {
		finish(func() {
			if err := d.saveFindingsNow(); err != nil {
				if stay != nil {
					stay() // may draw the case again …
				}
				d.showFindingsError(err.Error()) // … so the form says again what is wrong
				return
			}
			if proceed != nil {
				proceed()
			}
		})
	}
	discard := func() {
		finish(func() {
			delete(d.findingDrafts, id)
			delete(d.amending, id)
			if d.id == id {
				d.draw(d.current)
			}
			if proceed != nil {
				proceed()
			}
		})
	}
	saveBtn := newDialogButton(T("Save"), save, cancel)
	saveBtn.Importance = widget.HighImportance
	discardBtn := newDialogButton(T("Discard"), discard, cancel)
	cancelBtn := newDialogButton(T("Cancel"), cancel, cancel)
	msg := widget.NewLabel(TF("The findings of case {{.Number}} have changes that are not saved.", map[string]any{"Number": d.current.Number}))
	msg.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(msg, container.NewGridWithColumns(3, discardBtn, cancelBtn, saveBtn))
	dlg = dialog.NewCustomWithoutButtons(T("Save the findings?"), content, d.u.win)
	dlg.Resize(fyne.NewSize(460, 0))
	dlg.Show()
	d.u.win.Canvas().Focus(saveBtn)
}

// dialogButton is a button for a question: Enter presses it, Esc cancels
// the question, wherever the cursor is among its buttons.
type dialogButton struct {
	widget.Button
	onEscape func()
}

func newDialogButton(label string, tapped, onEscape func()) *dialogButton {
	b := &dialogButton{onEscape: onEscape}
	b.Text, b.OnTapped = label, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *dialogButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		b.onEscape()
	case fyne.KeyReturn, fyne.KeyEnter:
		b.OnTapped()
	default:
		b.Button.TypedKey(ev)
	}
}

// leavingTab asks about unsaved findings when the clerk leaves the Cases tab;
// Cancel goes back to it.
func (u *UI) leavingTab(t *container.TabItem) {
	if t != u.casesTab {
		return
	}
	u.detail.whenFindingsSaved(nil, func() { u.tabs.Select(u.casesTab) })
}

// same reports whether two drafts hold the same findings: an empty remedy
// row, spaces around a text or 1200 for 1200.00 change nothing.
func (a *findingsDraft) same(b *findingsDraft) bool {
	t := strings.TrimSpace
	if t(a.investigation) != t(b.investigation) || t(a.facts) != t(b.facts) || t(a.rootCause) != t(b.rootCause) ||
		t(a.decision) != t(b.decision) || t(a.preventive) != t(b.preventive) || t(a.evidence) != t(b.evidence) ||
		t(a.payMethod) != t(b.payMethod) || t(a.payDue) != t(b.payDue) || a.resp != b.resp {
		return false
	}
	ra, rb := a.filledRemedies(), b.filledRemedies()
	if len(ra) != len(rb) {
		return false
	}
	for i := range ra {
		x, y := ra[i], rb[i]
		if x.kind != y.kind || t(x.note) != t(y.note) || !sameMoney(x.amount, y.amount) || !sameMoney(x.recovered, y.recovered) {
			return false
		}
	}
	return true
}

func (a *findingsDraft) filledRemedies() []remedyDraft {
	var out []remedyDraft
	for _, r := range a.remedies {
		if r.kind == "" && strings.TrimSpace(r.amount+r.recovered+r.note) == "" {
			continue
		}
		out = append(out, r)
	}
	return out
}

func sameMoney(a, b string) bool {
	ma, ea := data.ParseMoney(a)
	mb, eb := data.ParseMoney(b)
	if ea == nil && eb == nil {
		return ma == mb
	}
	return strings.TrimSpace(a) == strings.TrimSpace(b)
}
