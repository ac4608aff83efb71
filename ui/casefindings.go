package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// findingsSaver is what the findings card needs: to save them.
type findingsSaver interface {
	SetFindings(ctx context.Context, a data.Actor, number string, f data.Findings) (data.Case, error)
	// AmendFindings changes findings the closure letter made read-only; the reason goes on the timeline.
	AmendFindings(ctx context.Context, a data.Actor, number, reason string, edit func(f *data.Findings)) (data.Case, error)
}

// findingsDraft is the findings form as typed. It is kept per case, like the
// note and reply drafts, so a redraw of the case (a change elsewhere, new
// mail) does not lose what the clerk is typing; a save drops it.
type findingsDraft struct {
	investigation, facts, rootCause, decision string
	preventive, evidence, payMethod, payDue   string
	resp                                      data.Responsibility
	remedies                                  []remedyDraft
}

type remedyDraft struct {
	id                            int // stable while the draft lives, so a redraw finds the row the cursor was in
	kind, amount, recovered, note string
	article                       string // as stored: a code of the standard ("std2011:10.4") or text typed
}

// findingsDraftOf is the form filled from the stored findings.
func findingsDraftOf(c data.Case) *findingsDraft {
	f := c.Findings()
	dr := &findingsDraft{investigation: f.Investigation, facts: f.Facts, rootCause: f.RootCause,
		decision: f.Decision, preventive: f.Preventive, evidence: f.EvidenceNeeded,
		payMethod: f.PaymentMethod, payDue: f.PaymentDue, resp: f.Responsibility}
	for i, r := range f.Remedies {
		dr.remedies = append(dr.remedies, remedyDraft{id: i, kind: r.Kind, amount: moneyText(r.Amount),
			recovered: moneyText(r.Recovered), note: r.Note, article: r.Article})
	}
	return dr
}

func moneyText(m data.Money) string {
	if m == 0 {
		return ""
	}
	return m.String()
}

// hasFindings reports whether anything of the investigation was recorded.
func hasFindings(c data.Case) bool {
	f := c.Findings()
	return f.Investigation != "" || f.Facts != "" || f.Responsibility != "" || f.RootCause != "" ||
		f.Decision != "" || len(f.Remedies) > 0 || f.PaymentMethod != "" || f.PaymentDue != "" ||
		f.Preventive != "" || f.EvidenceNeeded != ""
}

// findingsForm edits what the investigation found and the solution.
type findingsForm struct {
	d        *caseDetail
	c        data.Case
	currency string
	loading  bool // while the form is filled, changes are not drafts

	investigation, facts, rootCause, decision, preventive, evidence *keyEntry
	payMethod                                                       *widget.Entry
	payDue                                                          *dateField // typed, or picked from a calendar
	resp                                                            *safeSelect
	respChoice                                                      choice[data.Responsibility]
	remedyChoice                                                    choice[string]

	rows    []*remedyRow
	rowsBox *fyne.Container
	total   *widget.Label

	payDueErr *widget.Label
	errLabel  *widget.Label
	saveBtn   *widget.Button
	addBtn    *widget.Button
	amendBtn  *widget.Button // read-only findings: change them with a reason
	readOnly  bool
	reason    string // the amendment's reason; "" when not amending
	content   fyne.CanvasObject
}

// remedyRow is one remedy: kind, amount, what a supplier pays back, a note.
type remedyRow struct {
	id                      int
	kind                    *safeSelect
	amount, recovered, note *widget.Entry
	article                 *widget.Entry // the article as shown (a code written out in the user's language)
	articleCode             string        // the stored article, kept while the text shows it unchanged
	remove                  *widget.Button
	err                     *widget.Label
	box                     fyne.CanvasObject
}

// findingsSection is the "Findings" tab: the form, or the findings read-only
// once the closure letter is out, with Amend… to change them with a reason.
func (d *caseDetail) findingsSection(c data.Case) fyne.CanvasObject {
	d.findings = newFindingsForm(d, c)
	return d.findings.content
}

func newFindingsForm(d *caseDetail, c data.Case) *findingsForm {
	f := &findingsForm{d: d, c: c, currency: c.Currency, loading: true,
		remedyChoice: newChoice(data.RemedyKinds, remedyLabel)}
	if f.currency == "" {
		f.currency = d.u.settings().Currency
	}
	dr := d.findingDrafts[c.ID]
	if dr == nil {
		dr = findingsDraftOf(c)
	}
	text := func(key, value, placeholder string) *keyEntry {
		e := newKeyEntry(true, nil)
		e.SetText(value)
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(string) { f.changed() }
		d.remember(fmt.Sprintf("%d/findings/%s", c.ID, key), e, &e.Entry)
		return e
	}
	f.investigation = text("investigation", dr.investigation, T("Who was asked (guide, operator, local agency), what was checked"))
	f.facts = text("facts", dr.facts, T("What actually happened, as established"))
	f.rootCause = text("root", dr.rootCause, T("Why it happened"))
	f.decision = text("decision", dr.decision, T("The solution offered to the customer, in words"))
	f.preventive = text("preventive", dr.preventive, T("What changes so it does not happen again"))
	f.evidence = text("evidence", dr.evidence, T("Receipts, photos, statements still to collect"))

	f.respChoice = newChoice(append([]data.Responsibility{data.ResponsibilityUnknown}, data.Responsibilities...), responsibilityLabel)
	f.resp = newSelect(f.respChoice.labels, nil)
	f.respChoice.set(f.resp, dr.resp)
	f.resp.OnChanged = func(string) { f.changed() }

	f.payMethod = widget.NewEntry()
	f.payMethod.SetText(dr.payMethod)
	f.payMethod.SetPlaceHolder(T("e.g. bank transfer, WeChat Pay, cash at the counter"))
	f.payMethod.OnChanged = func(string) { f.changed() }
	d.remember(fmt.Sprintf("%d/findings/paymethod", c.ID), f.payMethod, f.payMethod)
	f.payDue = newDateField(nil)
	f.payDue.SetText(dr.payDue)
	f.payDue.onText = func(string) {
		f.payDueErr.Hide()
		f.changed()
	}
	d.remember(fmt.Sprintf("%d/findings/paydue", c.ID), f.payDue, &f.payDue.Entry)
	f.payDueErr = errorLabel()

	f.rowsBox = container.NewVBox()
	for _, r := range dr.remedies {
		f.addRow(r)
	}
	f.total = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	f.total.Wrapping = fyne.TextWrapWord
	f.addBtn = widget.NewButtonWithIcon(T("Add remedy"), theme.ContentAddIcon(), func() {
		row := f.addRow(remedyDraft{id: f.nextRowID()})
		f.changed()
		d.u.win.Canvas().Focus(row.kind)
	})
	head := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord // a narrow pane puts the words on two lines
		return l
	}
	header := container.NewGridWithColumns(3, head(T("Kind")),
		head(TF("Amount ({{.Currency}})", map[string]any{"Currency": f.currency})),
		head(T("Recovered from supplier")))

	f.errLabel = errorLabel()
	f.saveBtn = widget.NewButtonWithIcon(T("Save findings"), theme.DocumentSaveIcon(), func() { f.save() })
	f.saveBtn.Importance = widget.HighImportance

	banner := container.NewVBox()
	reason, amending := d.amending[c.ID]
	switch {
	case c.FindingsLocked() && !amending:
		f.readOnly = true
		note := widget.NewLabel(T("The closure letter has been issued: the findings are read-only. Reopen the case, or amend them with a reason."))
		note.Wrapping = fyne.TextWrapWord
		f.amendBtn = widget.NewButtonWithIcon(T("Amend…"), theme.DocumentCreateIcon(), func() { d.askAmend(c) })
		banner.Add(container.NewBorder(nil, nil, nil, f.amendBtn, note))
		if l := d.u.refusedLine([]data.Action{data.ActionReopen}); l != nil { // amending stands in for reopening
			f.amendBtn.Disable()
			banner.Add(l)
		}
	case amending:
		f.reason = reason
		note := widget.NewLabel(TF("Amending the findings. Reason: {{.Reason}}", map[string]any{"Reason": reason}))
		note.Wrapping = fyne.TextWrapWord
		stop := widget.NewButton(T("Cancel amendment"), func() {
			delete(d.amending, c.ID)
			delete(d.findingDrafts, c.ID)
			d.draw(d.current)
		})
		stop.Importance = widget.LowImportance
		banner.Add(container.NewBorder(nil, nil, nil, stop, note))
		f.saveBtn.SetText(T("Save amendment"))
	}

	f.content = container.NewVBox(banner,
		labelled(T("How it was investigated"), f.investigation),
		labelled(T("Facts found"), f.facts),
		widget.NewForm(widget.NewFormItem(T("Responsibility"), f.resp)),
		labelled(T("Root cause"), f.rootCause),
		labelled(T("Decision"), f.decision),
		widget.NewLabelWithStyle(T("Remedies"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.standardBox(c),
		header, f.rowsBox,
		container.NewBorder(nil, nil, f.addBtn, nil, f.total),
		container.NewGridWithColumns(2,
			labelled(T("Payment method"), f.payMethod),
			labelled(T("Pay by (YYYY-MM-DD)"), f.payDue, f.payDueErr)),
		labelled(T("Preventive action"), f.preventive),
		labelled(T("Evidence still needed"), f.evidence),
		f.errLabel,
		container.NewHBox(f.saveBtn),
	)
	f.updateTotal()
	if f.readOnly {
		f.disable()
		f.content = container.NewVBox(banner, f.readOnlyView())
	}
	f.loading = false
	return f
}

// readOnlyView is the stored findings as text: what the closure letter
// printed, readable (a disabled field would grey it out).
func (f *findingsForm) readOnlyView() fyne.CanvasObject {
	fs := f.c.Findings()
	box := container.NewVBox()
	add := func(caption, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapWord
		box.Add(labelled(caption, v))
	}
	add(T("How it was investigated"), fs.Investigation)
	add(T("Facts found"), fs.Facts)
	if fs.Responsibility != data.ResponsibilityUnknown {
		add(T("Responsibility"), responsibilityLabel(fs.Responsibility))
	}
	add(T("Root cause"), fs.RootCause)
	add(T("Decision"), fs.Decision)
	var lines []string
	for _, r := range fs.Remedies {
		parts := []string{remedyLabel(r.Kind)}
		if r.Amount != 0 {
			parts = append(parts, r.Amount.String()+" "+f.currency)
		}
		if r.Recovered != 0 {
			parts = append(parts, T("Recovered from supplier")+" "+r.Recovered.String())
		}
		if r.Note != "" {
			parts = append(parts, r.Note)
		}
		if r.Article != "" {
			parts = append(parts, pr().Article(r.Article))
		}
		lines = append(lines, strings.Join(parts, " · "))
	}
	if len(lines) > 0 {
		lines = append(lines, f.total.Text)
	}
	add(T("Remedies"), strings.Join(lines, "\n"))
	add(T("Payment method"), fs.PaymentMethod)
	add(T("Pay by (YYYY-MM-DD)"), fs.PaymentDue)
	add(T("Preventive action"), fs.Preventive)
	add(T("Evidence still needed"), fs.EvidenceNeeded)
	if len(box.Objects) == 0 {
		box.Add(widget.NewLabel(T("No findings were recorded.")))
	}
	return box
}

// disable shows the findings without letting them change.
func (f *findingsForm) disable() {
	for _, e := range []*keyEntry{f.investigation, f.facts, f.rootCause, f.decision, f.preventive, f.evidence} {
		e.Disable()
	}
	f.payMethod.Disable()
	f.payDue.Disable()
	f.resp.Disable()
	for _, r := range f.rows {
		r.kind.Disable()
		r.amount.Disable()
		r.recovered.Disable()
		r.note.Disable()
		r.article.Disable()
		r.remove.Hide()
	}
	f.addBtn.Hide()
	f.saveBtn.Hide()
}

// askAmend asks why the findings change after the closure letter, then
// opens them for the amendment.
func (d *caseDetail) askAmend(c data.Case) {
	// Amending stands in for reopening: who may not reopen hears it now,
	// not after typing the changes (the application layer refuses it too).
	if !d.u.needUser() {
		return
	}
	if err := d.u.actor().Check(data.ActionReopen); err != nil {
		d.u.showError(err)
		return
	}
	d.askNote(T("Amend the findings"), true, func(reason string) {
		if strings.TrimSpace(reason) == "" {
			return
		}
		d.amending[c.ID] = strings.TrimSpace(reason)
		d.draw(d.current)
		if d.findings != nil {
			d.u.win.Canvas().Focus(d.findings.investigation)
		}
	})
}

// addRow appends a remedy row to the editor.
func (f *findingsForm) addRow(dr remedyDraft) *remedyRow {
	r := &remedyRow{kind: newSelect(f.remedyChoice.labels, nil),
		amount: widget.NewEntry(), recovered: widget.NewEntry(), note: widget.NewEntry(), err: errorLabel(),
		article: widget.NewEntry(), articleCode: dr.article}
	r.kind.PlaceHolder = T("Kind…")
	f.remedyChoice.set(r.kind, dr.kind)
	r.amount.SetText(dr.amount)
	r.amount.SetPlaceHolder("0.00")
	r.recovered.SetText(dr.recovered)
	r.recovered.SetPlaceHolder("0.00")
	r.note.SetText(dr.note)
	r.note.SetPlaceHolder(T("Note, e.g. what the voucher is for"))
	r.article.SetText(pr().Article(dr.article))
	r.article.SetPlaceHolder(T("Article, e.g. of the compensation standard"))
	changed := func(string) {
		r.err.Hide()
		f.changed()
	}
	r.kind.OnChanged, r.amount.OnChanged, r.recovered.OnChanged, r.note.OnChanged = changed, changed, changed, changed
	r.article.OnChanged = changed
	r.remove = widget.NewButtonWithIcon(T("Remove"), theme.DeleteIcon(), func() {
		if i := slices.Index(f.rows, r); i >= 0 {
			f.rows = slices.Delete(f.rows, i, i+1)
			f.rowsBox.Remove(r.box)
			f.changed()
		}
	})
	r.remove.Importance = widget.LowImportance
	r.box = container.NewVBox(
		container.NewGridWithColumns(3, r.kind, r.amount, r.recovered),
		container.NewBorder(nil, nil, nil, r.remove, container.NewGridWithColumns(2, r.note, r.article)),
		r.err, widget.NewSeparator())
	r.id = dr.id
	key := func(name string) string { return fmt.Sprintf("%d/findings/remedy/%d/%s", f.c.ID, r.id, name) }
	f.d.remember(key("amount"), r.amount, r.amount)
	f.d.remember(key("recovered"), r.recovered, r.recovered)
	f.d.remember(key("note"), r.note, r.note)
	f.d.remember(key("article"), r.article, r.article)
	f.rows = append(f.rows, r)
	f.rowsBox.Add(r.box)
	return r
}

// nextRowID is an id no row of the form has.
func (f *findingsForm) nextRowID() int {
	id := 0
	for _, r := range f.rows {
		id = max(id, r.id+1)
	}
	return id
}

// changed keeps the typed form as the case's draft and updates the total.
func (f *findingsForm) changed() {
	if f.loading {
		return
	}
	f.d.findingDrafts[f.c.ID] = f.snapshot()
	f.errLabel.Hide()
	f.updateTotal()
}

func (f *findingsForm) snapshot() *findingsDraft {
	dr := &findingsDraft{investigation: f.investigation.Text, facts: f.facts.Text, rootCause: f.rootCause.Text,
		decision: f.decision.Text, preventive: f.preventive.Text, evidence: f.evidence.Text,
		payMethod: f.payMethod.Text, payDue: f.payDue.Text, resp: f.respChoice.value(f.resp)}
	for _, r := range f.rows {
		dr.remedies = append(dr.remedies, remedyDraft{id: r.id, kind: f.remedyChoice.value(r.kind),
			amount: r.amount.Text, recovered: r.recovered.Text, note: r.note.Text, article: r.articleValue()})
	}
	return dr
}

// updateTotal sums the amounts typed so far; one that does not read yet
// counts as nothing until it is corrected.
func (f *findingsForm) updateTotal() {
	var total, recovered data.Money
	for _, r := range f.rows {
		if m, err := data.ParseMoney(r.amount.Text); err == nil {
			total += m
		}
		if m, err := data.ParseMoney(r.recovered.Text); err == nil {
			recovered += m
		}
	}
	s := TF("Total: {{.Amount}} {{.Currency}}", map[string]any{"Amount": total.String(), "Currency": f.currency})
	if recovered != 0 {
		s += "\n" + TF("recovered from suppliers: {{.Amount}}", map[string]any{"Amount": recovered.String()})
	}
	f.total.SetText(s)
}

// read collects the findings; a field that does not read gets its message
// and read reports false. Nothing typed is changed.
func (f *findingsForm) read() (data.Findings, bool) {
	out := data.Findings{
		Investigation: f.investigation.Text, Facts: f.facts.Text, Responsibility: f.respChoice.value(f.resp),
		RootCause: f.rootCause.Text, Decision: f.decision.Text, PaymentMethod: f.payMethod.Text,
		PaymentDue: payDay(f.payDue), Preventive: f.preventive.Text, EvidenceNeeded: f.evidence.Text,
	}
	ok := true
	for _, r := range f.rows {
		kind := f.remedyChoice.value(r.kind)
		if kind == "" && strings.TrimSpace(r.amount.Text+r.recovered.Text+r.note.Text+r.article.Text) == "" {
			continue // an empty row added by mistake
		}
		var msgs []string
		if kind == "" {
			msgs = append(msgs, T("Choose the kind of remedy."))
		}
		amount, err := data.ParseMoney(r.amount.Text)
		if err != nil {
			msgs = append(msgs, TF("Amount “{{.Text}}” is not a number such as 1200 or 1200.50.", map[string]any{"Text": r.amount.Text}))
		}
		recovered, err := data.ParseMoney(r.recovered.Text)
		if err != nil {
			msgs = append(msgs, TF("Recovered “{{.Text}}” is not a number such as 300 or 300.50.", map[string]any{"Text": r.recovered.Text}))
		}
		if len(msgs) > 0 {
			showError(r.err, strings.Join(msgs, "\n"))
			ok = false
			continue
		}
		r.err.Hide()
		out.Remedies = append(out.Remedies, data.Remedy{Kind: kind, Amount: amount, Recovered: recovered, Note: r.note.Text,
			Article: r.articleValue()})
	}
	f.payDueErr.Hide()
	if out.PaymentDue != "" {
		if _, err := time.Parse(time.DateOnly, out.PaymentDue); err != nil {
			showError(f.payDueErr, TF("“{{.Text}}” is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31.", map[string]any{"Text": out.PaymentDue}))
			ok = false
		}
	}
	return out, ok
}

// save records the findings on the case (as an amendment with its reason
// when one is being made). It reports whether they were saved.
func (f *findingsForm) save() bool {
	if f.readOnly { // locked meanwhile, e.g. the closure letter issued at another counter
		showError(f.errLabel, errorText(data.ErrFindingsLocked))
		return false
	}
	fs, ok := f.read()
	if !ok {
		showError(f.errLabel, T("Not saved: correct the fields marked in red."))
		return false
	}
	if !f.d.u.needUser() {
		return false
	}
	var c data.Case
	var err error
	if f.reason != "" {
		c, err = f.d.u.svc.Cases.AmendFindings(f.d.u.ctx, f.d.u.actor(), f.c.Number, f.reason, func(old *data.Findings) { *old = fs })
	} else {
		c, err = f.d.u.svc.Cases.SetFindings(f.d.u.ctx, f.d.u.actor(), f.c.Number, fs)
	}
	if err != nil {
		showError(f.errLabel, errorText(err))
		return false
	}
	delete(f.d.findingDrafts, c.ID)
	delete(f.d.amending, c.ID)
	f.d.draw(c)
	f.d.u.list.refresh()
	f.d.u.notify(TF("Saved case {{.Number}}", map[string]any{"Number": c.Number}))
	return true
}

// labelled puts a caption above a field, which leaves the narrow case pane
// its whole width for the text.
func labelled(caption string, objs ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(append([]fyne.CanvasObject{smallLabel(caption)}, objs...)...)
}

func smallLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// errorLabel is a hidden red message under a field.
func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

func showError(l *widget.Label, msg string) {
	l.SetText(msg)
	l.Show()
}

// payDay is the typed payment date as YYYY-MM-DD, or as typed when it is no
// date (the check then says so beside the field).
func payDay(e *dateField) string {
	d, _ := e.day()
	return d
}
