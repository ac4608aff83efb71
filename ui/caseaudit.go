package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// auditTrail reads a case's audit entries; the case service offers it.
type auditTrail interface {
	AuditEntries(ctx context.Context, number string) ([]data.AuditEntry, error)
}

// auditHeader reads the audit chain's head; the settings service offers it.
type auditHeader interface {
	AuditHead(ctx context.Context) (entries uint64, head string, err error)
}

// auditPart lists the case's audit entries under its timeline, newest
// first: when, who, from which counter, the entry's hash and what it
// recorded.
func (d *caseDetail) auditPart(c data.Case, st data.Settings) fyne.CanvasObject {
	src, ok := d.u.svc.Cases.(auditTrail)
	if !ok {
		return container.NewVBox()
	}
	box := container.NewVBox(widget.NewSeparator(),
		widget.NewLabelWithStyle(T("Audit"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	es, err := src.AuditEntries(d.u.ctx, c.Number)
	if err != nil {
		box.Add(widget.NewLabel(pr().Error(err)))
		return box
	}
	if len(es) == 0 {
		box.Add(widget.NewLabel(T("No audit entries for this case.")))
		return box
	}
	evs := data.AuditEvents(es, c.Timeline)
	p := pr()
	for i := len(es) - 1; i >= 0; i-- {
		e := es[i]
		line := TF("{{.At}}  {{.By}}  counter {{.Counter}}  #{{.Seq}} {{.Hash}}", map[string]any{
			"At": e.At.In(zone()).Format(receivedLayout), "By": orDash(e.By), "Counter": orDash(e.Counter),
			"Seq": e.Seq, "Hash": data.Head16(e.Hash)})
		lb := widget.NewLabel(line + "\n" + p.AuditWhat(e, evs[i], st))
		lb.Wrapping = fyne.TextWrapWord
		box.Add(lb)
	}
	return box
}

// auditHeadItem adds the audit chain's head to the General settings, read
// only: a copy written down or printed elsewhere anchors the chain.
func (v *settingsView) auditHeadItem(form *widget.Form) {
	src, ok := v.u.svc.Settings.(auditHeader)
	if !ok {
		return
	}
	n, head, err := src.AuditHead(v.u.ctx)
	text := T("No audit chain yet")
	switch {
	case err != nil:
		text = pr().Error(err)
	case head != "":
		text = pr().AuditSummary(data.AuditSummary{Entries: n, Head: head})
	}
	lb := widget.NewLabel(text)
	lb.TextStyle = fyne.TextStyle{Monospace: true}
	item := widget.NewFormItem(T("Audit chain head"), lb)
	item.HintText = T("Check it with casebook audit verify; a copy kept elsewhere shows the records were not changed since.")
	form.AppendItem(item)
}
