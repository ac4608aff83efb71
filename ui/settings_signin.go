package ui

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// idleItem adds "Lock after … minutes without input" to the General card
// (when the window has sign-in) and returns the reader of its value: a
// wrong number is marked under the field.
func (v *settingsView) idleItem(form *widget.Form, st data.Settings, marks *fieldMarks) func() (data.SignInSettings, bool) {
	if v.u.signin == nil {
		return func() (data.SignInSettings, bool) { return st.SignIn, true }
	}
	e := widget.NewEntry()
	e.SetText(strconv.Itoa(st.SignIn.Minutes()))
	v.idle = e
	item := widget.NewFormItem(T("Lock after idle minutes"), marks.under("signin.idle_minutes", e))
	item.HintText = T("Once sign-in is on, the window locks after this many minutes without input; 0 never")
	form.AppendItem(item)
	return func() (data.SignInSettings, bool) {
		out := st.SignIn
		n, err := strconv.Atoi(strings.TrimSpace(e.Text))
		if err == nil {
			err = out.SetMinutes(n)
		}
		if err != nil {
			marks.mark("signin.idle_minutes", pr().Error(&data.FieldError{Field: "signin.idle_minutes"}))
			return out, false
		}
		return out, true
	}
}

// changed tells whether the Settings pages hold edits not saved (what they
// would save differs from what is stored, or cannot be read).
func (v *settingsView) changed() bool {
	if v.read == nil {
		return false
	}
	out, err := v.read()
	v.marks.clear() // reading marks wrong fields; this was only a look
	if err != nil {
		return true
	}
	// The pages fill in defaults: compare with fresh pages over the stored settings.
	stored, err := newSettingsView(v.u).read()
	if err != nil {
		return true
	}
	a, _ := json.Marshal(out)
	b, _ := json.Marshal(stored)
	return !bytes.Equal(a, b)
}
