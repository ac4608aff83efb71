package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// prefCaseSplit remembers where the clerk put the divider between the case
// list and the case.
const prefCaseSplit = "case_split_offset"

// defaultCaseSplit gives the list a little more than half the width: on a
// 1024-pixel screen the case still shows its section tabs.
const defaultCaseSplit = 0.55

// caseSplit is the list beside the case, divided where it was left last time.
func (u *UI) caseSplit() *container.Split {
	offset := u.app.Preferences().FloatWithFallback(prefCaseSplit, defaultCaseSplit)
	if offset < 0.2 || offset > 0.85 { // a pane dragged almost shut opens usable
		offset = defaultCaseSplit
	}
	var split *container.Split
	var save *time.Timer
	saved := offset
	watch := &splitWatch{moved: func() {
		if split == nil || split.Offset == saved {
			return
		}
		saved = split.Offset
		value := saved
		// Dragging moves the divider many times a second: the offset is
		// written once it rests.
		if save != nil {
			save.Stop()
		}
		save = time.AfterFunc(300*time.Millisecond, func() { u.do(func() { u.app.Preferences().SetFloat(prefCaseSplit, value) }) })
	}}
	split = container.NewHSplit(container.New(watch, u.list.content), u.detail.content)
	split.Offset = offset
	return split
}

// splitWatch lays its one object out over the whole space and reports each
// new layout: the divider moved (or the window was resized).
type splitWatch struct{ moved func() }

func (w *splitWatch) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
	w.moved()
}

func (w *splitWatch) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}
