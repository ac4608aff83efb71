package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// caseEditor corrects what was recorded on a case.
type caseEditor interface {
	Edit(ctx context.Context, a data.Actor, number string, e data.CaseEdit) (data.Case, error)
}

// editButton opens the form that corrects the case's recorded fields; nil
// on a closed case (reopen it first).
func (d *caseDetail) editButton(c data.Case) *widget.Button {
	if c.Status == data.StatusClosed {
		return nil
	}
	b := widget.NewButtonWithIcon(T("Edit…"), theme.DocumentCreateIcon(), func() { d.showEdit(c) })
	return b
}

// editField is one text field of the edit form, with its error beside it.
type editField struct {
	field string // the FieldError name
	label string
	entry *keyEntry
	err   *widget.Label
	old   string // the value as recorded
}

// editForm is the open edit dialog of one case.
type editForm struct {
	d       *caseDetail
	c       data.Case
	dlg     *dialog.CustomDialog
	fields  []*editField
	byName  map[string]*editField
	channel *keySelect
	kind    *keySelect
	chans   choice[data.Channel]
	kinds   choice[data.Kind]
	kindErr *widget.Label
	message *widget.Label
	form    *widget.Form
	scroll  *container.Scroll
	saveBtn *widget.Button
	asking  dialog.Dialog // the "phone of another customer" question, while open
	closed  bool
}

// showEdit opens the edit dialog prefilled with the case.
func (d *caseDetail) showEdit(c data.Case) *editForm {
	f := &editForm{d: d, c: c, byName: map[string]*editField{}}
	if d.u.editing == nil { // the first edit dialog: quitting asks about its changes from now on
		u := d.u
		u.guardQuit(unsavedWork{
			pending: func() bool { return u.editing != nil && !u.editing.closed && u.editing.changed() },
			question: func() string {
				return TF("Save the changes to case {{.Number}}?", map[string]any{"Number": u.editing.c.Number})
			},
			save: func() error { return u.editing.saveNow(data.CustomerAsk) },
		})
	}
	d.u.editing = f
	closeIt := f.cancel
	received := c.ReceivedAt.In(zone()).Format(receivedLayout)
	amount := ""
	if c.Amount != 0 {
		amount = c.Amount.String()
	}
	fee := ""
	if c.Booking.Fee != 0 {
		fee = c.Booking.Fee.String()
	}
	for _, v := range []struct {
		field, label, old string
		multi             bool
	}{
		{"customer", T("Customer"), c.Customer.Name, false},
		{"phone", T("Phone"), c.Customer.Phone, false},
		{"email", T("E-mail"), c.Customer.Email, false},
		{"wechat", T("WeChat"), c.Customer.WeChat, false},
		{"subject", T("Subject"), c.Subject, false},
		{"description", T("What happened"), c.Description, true},
		{"demand", T("Customer's demand"), c.Demand, true},
		{"amount", T("Amount claimed"), amount, false},
		{"currency", T("Currency"), c.Currency, false},
		{"booking", T("Order ref"), c.Booking.Ref, false},
		{"product", T("Product / tour"), c.Booking.Product, false},
		{"departure", T("Departure date"), c.Booking.Departure, false},
		{"destination", T("Destination"), c.Booking.Destination, false},
		{"guide", T("Guide"), c.Booking.Guide, false},
		{"supplier", T("Supplier"), c.Booking.Supplier, false},
		{"fee", T("Tour fee"), fee, false},
		{"trip_end", T("Trip end date"), c.Booking.TripEnd, false},
		{"received", T("Received"), received, false},
	} {
		ef := &editField{field: v.field, label: v.label, entry: newKeyEntry(v.multi, closeIt), err: errorLabel(), old: v.old}
		ef.entry.SetText(v.old)
		ef.entry.OnChanged = func(string) {
			if ef.err.Visible() {
				ef.err.Hide()
				f.form.Refresh()
			}
		}
		f.fields = append(f.fields, ef)
		f.byName[v.field] = ef
	}
	f.byName["departure"].entry.SetPlaceHolder("YYYY-MM-DD")
	f.byName["trip_end"].entry.SetPlaceHolder("YYYY-MM-DD")
	f.byName["received"].entry.SetPlaceHolder(receivedLayout)

	f.chans = newChoice(data.Channels, channelLabel)
	f.channel = newKeySelect(f.chans.labels, closeIt)
	f.chans.set(f.channel, c.Channel)
	f.kinds = newChoice(data.Kinds, kindLabel)
	f.kind = newKeySelect(f.kinds.labels, closeIt)
	f.kinds.set(f.kind, c.Kind)
	f.kindErr = errorLabel()

	form := widget.NewForm()
	f.form = form
	for _, ef := range f.fields {
		form.Append(ef.label, container.NewVBox(ef.entry, ef.err))
	}
	form.Append(T("Channel"), f.channel)
	form.Append(T("Kind"), container.NewVBox(f.kind, f.kindErr))

	f.message = errorLabel()
	f.saveBtn = widget.NewButtonWithIcon(T("Save changes"), theme.DocumentSaveIcon(), func() { f.save(data.CustomerAsk) })
	f.saveBtn.Importance = widget.HighImportance
	cancel := widget.NewButton(T("Cancel"), closeIt)
	buttons := container.NewBorder(nil, nil, nil, container.NewHBox(cancel, f.saveBtn), f.message)
	f.scroll = container.NewVScroll(form)
	body := container.NewBorder(nil, container.NewPadded(buttons), nil, nil, f.scroll)
	f.dlg = dialog.NewCustomWithoutButtons(TF("Edit case {{.Number}}", map[string]any{"Number": c.Number}), body, d.u.win)
	f.dlg.SetOnClosed(func() { f.closed = true })
	f.dlg.Resize(fitToWindow(d.u.win, fyne.NewSize(680, 640)))
	f.dlg.Show()
	d.u.win.Canvas().Focus(f.fields[0].entry)
	return f
}

// fitToWindow is want, made smaller to fit inside the window.
func fitToWindow(w fyne.Window, want fyne.Size) fyne.Size {
	have := w.Canvas().Size()
	if have.Width > 0 && want.Width > have.Width-40 {
		want.Width = have.Width - 40
	}
	if have.Height > 0 && want.Height > have.Height-40 {
		want.Height = have.Height - 40
	}
	return want
}

// edit is what the person changed: only the fields whose text differs
// from the recorded value. A field that cannot be read is a *data.FieldError.
func (f *editForm) edit() (data.CaseEdit, error) {
	var e data.CaseEdit
	text := func(field string) *string {
		ef := f.byName[field]
		if strings.TrimSpace(ef.entry.Text) == strings.TrimSpace(ef.old) {
			return nil
		}
		s := ef.entry.Text
		return &s
	}
	e.Name, e.Phone, e.Email, e.WeChat = text("customer"), text("phone"), text("email"), text("wechat")
	e.Subject, e.Description, e.Demand = text("subject"), text("description"), text("demand")
	e.Ref, e.Product, e.Departure = text("booking"), text("product"), text("departure")
	e.Destination, e.Guide, e.Supplier = text("destination"), text("guide"), text("supplier")
	e.Currency = text("currency")
	e.TripEnd = text("trip_end")
	if s := text("fee"); s != nil {
		m, err := data.ParseMoney(*s)
		if err != nil {
			return e, &data.FieldError{Field: "fee", Reason: err.Error()}
		}
		e.Fee = &m
	}
	if s := text("amount"); s != nil {
		m, err := data.ParseMoney(*s)
		if err != nil {
			return e, &data.FieldError{Field: "amount", Reason: err.Error()}
		}
		e.Amount = &m
	}
	if s := text("received"); s != nil {
		t, err := parseReceived(*s)
		if err != nil {
			return e, &data.FieldError{Field: "received", Code: data.ReasonDateFormat, Reason: err.Error()}
		}
		e.ReceivedAt = &t
	}
	if ch := f.chans.value(f.channel); ch != f.c.Channel && ch != "" {
		e.Channel = &ch
	}
	if k := f.kinds.value(f.kind); k != f.c.Kind && k != "" {
		e.Kind = &k
	}
	return e, nil
}

// changed reports whether anything differs from the case as recorded.
func (f *editForm) changed() bool {
	e, err := f.edit()
	return err != nil || !e.Empty()
}

// cancel closes the dialog; typed changes are discarded only after asking.
func (f *editForm) cancel() {
	if !f.changed() {
		f.dlg.Hide()
		return
	}
	f.d.u.confirm(T("Discard the changes?"), TF("The changes to case {{.Number}} are not saved.", map[string]any{"Number": f.c.Number}),
		T("Discard"), T("Keep editing"), true, func(discard bool) {
			if discard {
				f.dlg.Hide()
			}
		})
}

// save sends the changes; choice answers "the phone belongs to another
// customer" once the person has chosen. Errors are shown beside the fields.
func (f *editForm) save(choice data.CustomerChoice) {
	if !f.d.u.needUser() {
		return
	}
	err := f.saveNow(choice)
	var conflict *data.CustomerConflictError
	switch {
	case errors.As(err, &conflict):
		f.askCustomer(conflict)
	case err != nil:
		f.showError(err)
	}
}

// saveNow sends the changes and, when they are saved, closes the dialog
// and shows the case.
func (f *editForm) saveNow(choice data.CustomerChoice) error {
	d := f.d
	f.clearErrors()
	e, err := f.edit()
	if err != nil {
		return err
	}
	if e.Empty() {
		f.dlg.Hide()
		d.u.notify(T("Nothing changed."))
		return nil
	}
	e.Customer = choice
	c, err := d.u.svc.Cases.Edit(d.u.ctx, d.u.actor(), f.c.Number, e)
	if err != nil {
		return err
	}
	f.dlg.Hide()
	f.closed = true
	if d.id == c.ID {
		d.draw(c)
	}
	d.u.list.refresh()
	d.u.notify(TF("Saved case {{.Number}}", map[string]any{"Number": c.Number}))
	return nil
}

// askCustomer asks whether the case moves to the customer who has the new
// phone or e-mail, or keeps its customer with the new value.
func (f *editForm) askCustomer(e *data.CustomerConflictError) {
	name := e.Other.Name
	question := widget.NewLabel(errorText(e))
	question.Wrapping = fyne.TextWrapWord
	var dlg *dialog.CustomDialog
	move := widget.NewButton(TF("Move the case to {{.Name}}", map[string]any{"Name": name}), func() {
		dlg.Hide()
		f.save(data.CustomerMove)
	})
	keep := widget.NewButton(TF("Keep {{.Name}} with the new value", map[string]any{"Name": f.c.Customer.Name}), func() {
		dlg.Hide()
		f.save(data.CustomerKeep)
	})
	cancel := widget.NewButton(T("Cancel"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(T("Another customer has this contact"), question, f.d.u.win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, keep, move})
	dlg.Resize(fitToWindow(f.d.u.win, fyne.NewSize(520, 220)))
	f.asking = dlg
	dlg.Show()
}

func (f *editForm) clearErrors() {
	for _, ef := range f.fields {
		ef.err.Hide()
	}
	f.kindErr.Hide()
	f.message.Hide()
	f.form.Refresh()
}

// showError puts a field's error beside the field, with the cursor in it;
// any other error goes beside the buttons.
func (f *editForm) showError(err error) {
	var fe *data.FieldError
	var ke *data.KindError
	switch {
	case errors.As(err, &fe) && f.byName[fe.Field] != nil:
		ef := f.byName[fe.Field]
		ef.err.SetText(fieldErrorText(fe))
		ef.err.Show()
		f.form.Refresh()
		f.scrollTo(ef.entry)
		f.d.u.win.Canvas().Focus(ef.entry)
	case errors.As(err, &ke):
		f.kindErr.SetText(errorText(err))
		f.kindErr.Show()
	default:
		f.message.SetText(errorText(err))
		f.message.Show()
	}
	f.form.Refresh() // the rows make room for the message
}

// scrollTo scrolls the form so that obj (and the message under it) is in view.
func (f *editForm) scrollTo(obj fyne.CanvasObject) {
	drv := fyne.CurrentApp().Driver()
	y := drv.AbsolutePositionForObject(obj).Y - drv.AbsolutePositionForObject(f.form).Y
	view := f.scroll.Size().Height
	if y < f.scroll.Offset.Y || y+obj.Size().Height*2 > f.scroll.Offset.Y+view {
		f.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y-theme.Padding()*4)))
	}
}
