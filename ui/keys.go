package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne delivers Escape to the focused widget only, so the form's fields pass it
// on: Esc cancels the form wherever the cursor is.

// keyEntry is an Entry that reports Escape.
type keyEntry struct {
	widget.Entry
	onEscape func()
}

func newKeyEntry(multiLine bool, onEscape func()) *keyEntry {
	e := &keyEntry{onEscape: onEscape}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(2)
	}
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false even for multi-line fields: Tab moves to the next field,
// as a clerk working from the keyboard expects, instead of typing a tab.
func (e *keyEntry) AcceptsTab() bool { return false }

func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// keySelect is a Select that reports Escape.
type keySelect struct {
	safeSelect
	onEscape func()
}

func newKeySelect(options []string, onEscape func()) *keySelect {
	s := &keySelect{onEscape: onEscape}
	s.Options = options
	s.ExtendBaseWidget(s)
	return s
}

// Tapped opens the list, unless the Select is not on a canvas (see safeSelect).
func (s *keySelect) Tapped(e *fyne.PointEvent) {
	if canvasFor(s) == nil {
		return
	}
	s.Select.Tapped(e)
}

func (s *keySelect) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && s.onEscape != nil {
		s.onEscape()
		return
	}
	if opensList(ev) && canvasFor(s) == nil {
		return
	}
	s.Select.TypedKey(ev)
}

// choice pairs a Select's display labels with the values behind them.
// selectWidget is what choice needs of a Select (safeSelect, keySelect or Fyne's own).
type selectWidget interface {
	SelectedIndex() int
	SetSelectedIndex(int)
	ClearSelected()
}

type choice[T comparable] struct {
	values []T
	labels []string
}

func newChoice[T comparable](values []T, label func(T) string) choice[T] {
	c := choice[T]{values: values}
	for _, v := range values {
		c.labels = append(c.labels, label(v))
	}
	return c
}

// value returns the value behind the selected label, or the zero value.
func (c choice[T]) value(s selectWidget) T {
	var zero T
	i := s.SelectedIndex()
	if i < 0 || i >= len(c.values) {
		return zero
	}
	return c.values[i]
}

// set selects the label of v, if present.
func (c choice[T]) set(s selectWidget, v T) {
	for i, x := range c.values {
		if x == v {
			s.SetSelectedIndex(i)
			return
		}
	}
	s.ClearSelected()
}
