package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne 2.7.1's Select opens its list on the canvas it finds for itself, and
// dereferences nil when there is none (NewPopUpMenu → overlay MinSize: the
// SIGSEGV seen once after heavy scrolling, fyne-io/fyne#5965). A Select has no
// canvas when a tap or key reaches it while it is detached or not yet drawn:
// the case detail, its findings and the settings pages are rebuilt after list
// refreshes, change notices and saves, and the driver may deliver the event
// to the new or the old widget before the next frame. Every Select in the
// window is a safeSelect, which then ignores the event: tapping again works.

// canvasFor finds the canvas an object is shown on; tests replace it.
var canvasFor = func(o fyne.CanvasObject) fyne.Canvas {
	return fyne.CurrentApp().Driver().CanvasForObject(o)
}

// safeSelect is a Select that opens its list only while it is on a canvas.
type safeSelect struct {
	widget.Select
}

// newSelect is widget.NewSelect with the guard.
func newSelect(options []string, changed func(string)) *safeSelect {
	s := &safeSelect{}
	s.Options = options
	s.OnChanged = changed
	s.ExtendBaseWidget(s)
	return s
}

// Tapped opens the list, unless the Select is not on a canvas.
func (s *safeSelect) Tapped(e *fyne.PointEvent) {
	if canvasFor(s) == nil {
		return
	}
	s.Select.Tapped(e)
}

// TypedKey opens the list on Space, Up and Down, unless the Select is not on a canvas.
func (s *safeSelect) TypedKey(e *fyne.KeyEvent) {
	if opensList(e) && canvasFor(s) == nil {
		return
	}
	s.Select.TypedKey(e)
}

func opensList(e *fyne.KeyEvent) bool {
	return e.Name == fyne.KeySpace || e.Name == fyne.KeyUp || e.Name == fyne.KeyDown
}
