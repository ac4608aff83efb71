package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// scrollBarWidth is the width of the case list's scroll bar.
const scrollBarWidth = 10

// scrollIndicator is a scroll bar beside the case table, drawn at all times:
// a track and a thumb as long as the part of the list in view, where the
// view is. Tapping the track or dragging the thumb scrolls the table.
type scrollIndicator struct {
	widget.BaseWidget
	t            *listTable
	track, thumb *canvas.Rectangle
	start, size  float32 // the thumb's start and length, as fractions of the track
}

func newScrollIndicator(t *listTable) *scrollIndicator {
	s := &scrollIndicator{t: t, size: 1,
		track: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		thumb: canvas.NewRectangle(theme.Color(theme.ColorNameScrollBar))}
	s.track.CornerRadius, s.thumb.CornerRadius = scrollBarWidth/2, scrollBarWidth/2
	t.moved = s.update
	s.ExtendBaseWidget(s)
	s.Hide()
	return s
}

// update follows the table: hidden while every row fits.
func (s *scrollIndicator) update() {
	offset, content, view, ok := s.t.extent()
	if !ok || content <= view {
		if s.Visible() {
			s.Hide()
		}
		return
	}
	start, size := offset/content, view/content
	if start == s.start && size == s.size && s.Visible() {
		return
	}
	s.start, s.size = start, size
	if !s.Visible() {
		s.Show()
	}
	s.Refresh()
}

// scrollTo scrolls the table so the thumb's middle is at y.
func (s *scrollIndicator) scrollTo(y float32) {
	_, content, view, ok := s.t.extent()
	h := s.Size().Height
	if !ok || h <= 0 || content <= view {
		return
	}
	top := (y/h - s.size/2) * content
	s.t.ScrollToOffset(fyne.NewPos(s.t.offset().X, max(0, min(top, content-view))))
}

// Tapped jumps to where the track was tapped.
func (s *scrollIndicator) Tapped(e *fyne.PointEvent) { s.scrollTo(e.Position.Y) }

// Dragged moves the view with the pointer.
func (s *scrollIndicator) Dragged(e *fyne.DragEvent) { s.scrollTo(e.Position.Y) }

// DragEnd ends a drag.
func (s *scrollIndicator) DragEnd() {}

func (s *scrollIndicator) CreateRenderer() fyne.WidgetRenderer {
	return &scrollIndicatorRenderer{s: s}
}

type scrollIndicatorRenderer struct{ s *scrollIndicator }

func (r *scrollIndicatorRenderer) Layout(size fyne.Size) {
	s := r.s
	s.track.Move(fyne.NewPos(0, 0))
	s.track.Resize(size)
	h := max(size.Height*s.size, 2*scrollBarWidth)
	y := (size.Height - h) * min(1, s.start/max(1-s.size, 0.0001))
	s.thumb.Move(fyne.NewPos(0, max(0, y)))
	s.thumb.Resize(fyne.NewSize(size.Width, h))
}

func (r *scrollIndicatorRenderer) MinSize() fyne.Size {
	return fyne.NewSize(scrollBarWidth, 2*scrollBarWidth)
}

func (r *scrollIndicatorRenderer) Refresh() {
	r.s.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.s.thumb.FillColor = theme.Color(theme.ColorNameScrollBar)
	r.Layout(r.s.Size())
	r.s.track.Refresh()
	r.s.thumb.Refresh()
}

func (r *scrollIndicatorRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.s.track, r.s.thumb}
}

func (r *scrollIndicatorRenderer) Destroy() {}
