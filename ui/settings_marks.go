package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// fieldMarks shows what is wrong with a settings field on a line right under
// that field, in red, instead of in one dialog for the whole page. Fields
// are named by the data.FieldError field they answer for
// ("calendar.day_end", "policy.urgent.first_response"); rows of a list (a
// holiday) find their own mark through a finder.
type fieldMarks struct {
	labels  map[string]*widget.Label
	fields  map[string]fyne.CanvasObject // the field above each label
	finders []func(fe *data.FieldError) *widget.Label
	marked  []*widget.Label
}

func newFieldMarks() *fieldMarks {
	return &fieldMarks{labels: map[string]*widget.Label{}, fields: map[string]fyne.CanvasObject{}}
}

// under puts field above its (hidden) error line.
func (m *fieldMarks) under(key string, field fyne.CanvasObject) fyne.CanvasObject {
	l := errorLabel()
	m.labels[key] = l
	m.fields[key] = field
	return container.NewVBox(field, l)
}

// clear hides every mark.
func (m *fieldMarks) clear() {
	for _, l := range m.marked {
		l.SetText("")
		l.Hide()
	}
	m.marked = nil
}

// show writes text on a mark.
func (m *fieldMarks) show(l *widget.Label, text string) {
	l.SetText(text)
	l.Show()
	m.marked = append(m.marked, l)
}

// mark shows text under the field called key; false when there is none.
func (m *fieldMarks) mark(key, text string) bool {
	l, ok := m.labels[key]
	if ok {
		m.show(l, text)
	}
	return ok
}

// markError marks the field a *data.FieldError names, in the user's
// language; false when err names no field on the page.
func (m *fieldMarks) markError(err error) bool {
	var fe *data.FieldError
	if !errors.As(err, &fe) {
		return false
	}
	for _, f := range m.finders {
		if l := f(fe); l != nil {
			m.show(l, fieldErrorText(fe))
			return true
		}
	}
	return m.mark(fe.Field, fieldErrorText(fe))
}

// any tells whether a field is marked.
func (m *fieldMarks) any() bool { return len(m.marked) > 0 }

// text is the mark under the field called key ("" when none is shown).
func (m *fieldMarks) text(key string) string {
	if l, ok := m.labels[key]; ok && l.Visible() {
		return l.Text
	}
	return ""
}
