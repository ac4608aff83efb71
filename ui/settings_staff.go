package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// staffRemover takes someone off the staff list together with their
// unfinished cases (the application layer's Settings).
type staffRemover interface {
	// OpenCasesOf lists the numbers of the unfinished cases name owns.
	OpenCasesOf(name string) []string
	// RemoveStaff removes name; *takeOver is who takes over their unfinished
	// cases ("" nobody), in one transaction.
	RemoveStaff(ctx context.Context, a data.Actor, name string, takeOver *string) error
}

// askRemove removes a staff row. A saved staff member who owns unfinished
// cases is not just dropped from the page: Casebook asks who takes the cases
// over (the supervisor unless someone else is chosen, or nobody) and removes
// the person and hands the cases over at once, each case with an owner event.
// Anyone else is dropped from the page and gone when the settings are saved.
func (e *staffEditor) askRemove(saved string, drop func()) {
	u := e.u
	var owned []string
	if saved != "" {
		owned = u.svc.Settings.OpenCasesOf(saved)
	}
	if len(owned) == 0 {
		drop()
		return
	}
	st := u.settings()
	nobody := T("Nobody: leave them unassigned")
	var names []string
	for _, m := range st.Staff {
		if m.Name != saved {
			names = append(names, m.Name)
		}
	}
	pick := newSelect(append(names, nobody), nil)
	if def := st.DefaultTakeOver(saved); def != "" {
		pick.SetSelected(def)
	} else {
		pick.SetSelected(nobody)
	}
	shown := owned
	if len(shown) > 5 {
		shown = append(shown[:5:5], "…")
	}
	text := widget.NewLabel(TF("{{.Name}} still owns {{.Count}} unfinished cases: {{.Cases}}. Who takes them over?",
		map[string]any{"Name": saved, "Count": len(owned), "Cases": strings.Join(shown, ", ")}))
	text.Wrapping = fyne.TextWrapWord
	note := widget.NewLabel(T("This happens at once, without Save settings; each case records the change."))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	content := container.NewVBox(text, pick, note)
	d := dialog.NewCustomConfirm(TF("Remove {{.Name}}", map[string]any{"Name": saved}), T("Remove and hand over"), T("Cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		to := pick.Selected
		if to == nobody {
			to = ""
		}
		if err := u.svc.Settings.RemoveStaff(u.ctx, u.actor(), saved, &to); err != nil {
			dialog.ShowError(localError(errorText(err)), u.win)
			return
		}
		drop()
		if to == "" {
			u.notify(TF("{{.Name}} removed; {{.Count}} cases are unassigned.", map[string]any{"Name": saved, "Count": len(owned)}))
		} else {
			u.notify(TF("{{.Name}} removed; {{.Count}} cases now belong to {{.To}}.", map[string]any{"Name": saved, "Count": len(owned), "To": to}))
		}
	}, u.win)
	d.Resize(fyne.NewSize(460, 0))
	e.asking = d
	d.Show()
}

// pinButton is a staff row's "Set PIN…": the owner sets or resets the PIN
// of a saved staff member at once (a reset also ends a lock after wrong
// tries). Without sign-in, or for a row not saved yet, there is none.
func (e *staffEditor) pinButton(name string) fyne.CanvasObject {
	u := e.u
	if u.signin == nil || name == "" {
		return widget.NewLabel("")
	}
	b := widget.NewButtonWithIcon(T("Set PIN…"), theme.AccountIcon(), func() { e.askPIN(name) })
	if e.pins == nil {
		e.pins = map[string]*widget.Button{}
	}
	e.pins[name] = b
	return b
}

// askPIN asks for name's new PIN twice and sets it.
func (e *staffEditor) askPIN(name string) {
	u := e.u
	pin, pin2 := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	items := []*widget.FormItem{widget.NewFormItem(T("PIN or password"), pin), widget.NewFormItem(T("The same again"), pin2)}
	d := dialog.NewForm(TF("PIN of {{.Name}}", map[string]any{"Name": name}), T("Set PIN"), T("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		if pin.Text != pin2.Text {
			u.showError(&data.SignInError{Name: name, Reason: data.SignInMismatch})
			return
		}
		if err := u.signin.svc.SetSecret(u.ctx, u.actor(), name, "", pin.Text); err != nil {
			u.showError(err)
			return
		}
		if !u.signin.on { // the owner's first: sign-in is on, and they are signed in
			if a, err := u.svc.Settings.Actor(u.currentUser()); err == nil && a.Name == name {
				u.signin.author = a.Name
				u.signin.signedIn(a)
			}
		}
		u.notify(TF("{{.Name}}'s PIN is set; sign-in is on.", map[string]any{"Name": name}))
	}, u.win)
	d.Resize(fyne.NewSize(420, 0))
	e.pinAsk, e.pinEntries = d, [2]*widget.Entry{pin, pin2}
	d.Show()
}
