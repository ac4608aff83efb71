package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// The step buttons sit in fixed slots, so a button never moves under the
// mouse after a click: the forward step (acknowledge, investigate, propose,
// agree, resolve, close, reopen) always first, the alternative (the
// customer rejects; closing a suggestion) second, declining third; on the
// right edge, escalation then printing. A slot is as wide as the widest
// label it can ever hold and stays empty when its step is not allowed now.
const (
	slotForward = iota
	slotAlternative
	slotDecline
	stepSlots
)

// stepSlot is the slot of the step from → to.
func stepSlot(from, to data.Status) int {
	switch {
	case to == data.StatusDeclined:
		return slotDecline
	case from == data.StatusProposed && to == data.StatusInvestigating,
		from == data.StatusAcknowledged && to == data.StatusClosed:
		return slotAlternative
	}
	return slotForward
}

// slotCache keeps the slot widths for the text size they were measured at
// (a case is drawn again on every change; the labels only change with it).
var slotCache struct {
	size   float32
	widths [stepSlots]float32
}

// slotWidths is the width of each slot: its widest possible label, over
// every kind and status, in the interface language.
func slotWidths() [stepSlots]float32 {
	if size := theme.TextSize(); size == slotCache.size {
		return slotCache.widths
	}
	var w [stepSlots]float32
	for _, kind := range data.Kinds {
		for _, from := range data.Statuses {
			for _, to := range data.NextStatuses(kind, from) {
				i := stepSlot(from, to)
				w[i] = max(w[i], widget.NewButton(moveLabel(from, to), nil).MinSize().Width)
			}
		}
	}
	w[slotForward] = max(w[slotForward], widget.NewButton(approveLabel(), nil).MinSize().Width)
	w[slotDecline] = max(w[slotDecline], widget.NewButton(refuseLabel(), nil).MinSize().Width)
	followUpSlotWidths(&w)
	slotCache.size, slotCache.widths = theme.TextSize(), w
	return w
}

// fixedSlot holds obj (or nothing) at a fixed width.
func fixedSlot(obj fyne.CanvasObject, width float32) fyne.CanvasObject {
	if obj == nil {
		obj = canvas.NewRectangle(nil) // an empty place keeps the others where they were
	}
	h := widget.NewButton("", nil).MinSize().Height
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(width, h)), obj)
}

// actions has one button per workflow step allowed now, each in its slot,
// and the tools on the right. A step (or escalation) the person's role may
// not take stays in its place disabled, and a line below says whose it is.
func (d *caseDetail) actions(c data.Case) fyne.CanvasObject {
	var slots [stepSlots]fyne.CanvasObject
	var refused []data.Action
	for _, to := range data.NextStatuses(c.Kind, c.Status) {
		to := to
		b := widget.NewButton(moveLabel(c.Status, to), func() { d.askMove(c, to) })
		if to == data.StatusDeclined {
			b.Importance = widget.DangerImportance
		} else {
			b.Importance = widget.HighImportance
		}
		if act := data.MoveAction(c.Status, to); d.u.refuses(act) {
			b.Disable()
			refused = append(refused, act)
		}
		slots[stepSlot(c.Status, to)] = b
	}
	d.approvalSteps(c, &slots)
	followUpLine := d.followUpSteps(c, &slots, &refused) // casefollowup.go
	widths := slotWidths()
	steps := container.NewHBox()
	for i, b := range slots {
		steps.Add(fixedSlot(b, widths[i]))
	}

	// Tools, right-aligned: printing at the right edge, escalation before it.
	var escalate fyne.CanvasObject
	escWidth := float32(0)
	for _, lv := range []data.Escalation{data.EscalationSupervisor, data.EscalationOwner} {
		label := TF("Escalate to {{.Level}}", map[string]any{"Level": escalationLabel(lv)})
		escWidth = max(escWidth, widget.NewButton(label, nil).MinSize().Width)
	}
	if b := d.escalateButton(c); b != nil {
		escalate = b
		escWidth = max(escWidth, b.MinSize().Width)
		if d.u.refuses(data.ActionEscalate) {
			b.Disable()
			refused = append(refused, data.ActionEscalate)
		}
	}
	printBtn := widget.NewButtonWithIcon(T("Print…"), theme.DocumentPrintIcon(), func() { d.showPrint(c) })
	tools := container.NewHBox(fixedSlot(escalate, escWidth), printBtn)
	// Edit goes first in this row, left of escalation.
	if b := d.editButton(c); b != nil {
		tools.Objects = append([]fyne.CanvasObject{b}, tools.Objects...)
	}
	// Two rows: a narrow pane still shows every button; below them (so
	// that they do not move), to everyone, whether the solution waits for
	// approval.
	rows := container.NewVBox(steps, container.NewBorder(nil, nil, nil, tools))
	if l := d.u.refusedLine(refused); l != nil {
		rows.Add(l)
	}
	if l := awaitingLine(c, d.u.settings()); l != nil {
		rows.Add(l)
	}
	if followUpLine != nil {
		rows.Add(followUpLine)
	}
	return rows
}
