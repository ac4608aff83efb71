package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// intake is what the intake form needs: to record a case and to find the
// customer's earlier ones.
type intake interface {
	Create(ctx context.Context, a data.Actor, n data.NewCase) (data.Case, error)
	FindCustomers(ctx context.Context, prefix string, limit int) ([]data.Customer, error)
	CustomerCases(ctx context.Context, customerID uint64) ([]*data.Row, error)
}

// receivedLayout is how the form shows and reads the received time.
const receivedLayout = "2006-01-02 15:04"

// caseForm is the intake form for walk-in and phone cases. Tab moves through
// the fields in reading order, Ctrl+S saves, Esc cancels.
type caseForm struct {
	u       *UI
	content fyne.CanvasObject

	name, phone, email, wechat        *keyEntry
	subject, description, demand      *keyEntry
	amount, received                  *keyEntry
	ref, product                      *keyEntry
	departure                         *dateField
	destination, guide, supplier      *keyEntry
	fee                               *keyEntry  // the tour fee (the compensation standard computes from it)
	tripEnd                           *dateField // the trip's last day (a complaint long after it is flagged)
	channel, kind, category, severity *keySelect
	owner                             *keySelect

	channelChoice  choice[data.Channel]
	kindChoice     choice[data.Kind]
	severityChoice choice[data.Severity]
	categoryChoice choice[string]

	customerHint *widget.Label
	suggestions  *fyne.Container
	learn        *suggestLine // the category and severity learned from closed cases (suggest.go)
	errorLabel   *widget.Label
	saveBtn      *widget.Button
	scroll       *container.Scroll
	bottom       *fyne.Container        // the buttons and, beside them, what is wrong
	checks       []*fieldCheck          // the checked fields, in Tab order
	fields       map[string]*fieldCheck // error field name → its check
	tried        bool                   // a save was refused: errors now follow every change
	resetting    bool                   // reset is emptying the fields: not the user typing
}

// fieldCheck is one checked field: its error is shown under it, in red, only
// once the user has typed in it or tried to save — never on a fresh form.
type fieldCheck struct {
	name    string             // the field's name in data.FieldError
	entry   *widget.Entry      // the field's text
	focus   fyne.Focusable     // what gets the cursor
	check   func(string) error // nil when the text is fine
	msg     *widget.Label      // the error, under the field
	touched bool               // typed in since the last reset
	err     error              // the error shown now, or nil
	server  error              // an error the service returned for this field, until it changes
	box     *fyne.Container    // the field and its message
	onEdit  func(string)       // what else a change does (customer lookup)
}

func newCaseForm(u *UI) *caseForm {
	f := &caseForm{u: u}
	esc := f.cancel
	entry := func(hint string) *keyEntry {
		e := newKeyEntry(false, esc)
		e.SetPlaceHolder(hint)
		return e
	}
	f.name = entry(T("Required"))
	f.phone = entry("138 0013 8000")
	f.email = entry("name@example.com")
	f.wechat = entry("")
	f.subject = entry(T("Required: one line about what happened"))
	f.description = newKeyEntry(true, esc)
	f.description.SetPlaceHolder(T("What happened: when, where, who"))
	f.demand = newKeyEntry(true, esc)
	f.demand.SetPlaceHolder(T("What the customer asks for"))
	f.amount = entry("0.00")
	f.received = entry(receivedLayout)
	f.ref = entry("")
	f.product = entry("")
	f.departure = newDateField(esc)
	f.departure.SetPlaceHolder("YYYY-MM-DD")
	f.destination = entry("")
	f.guide = entry("")
	f.supplier = entry(T("Hotel, airline or local agency"))
	f.fee = entry("0.00")
	f.tripEnd = newDateField(esc)
	f.tripEnd.SetPlaceHolder("YYYY-MM-DD")

	f.fields = map[string]*fieldCheck{}
	check := func(name string, e *widget.Entry, focus fyne.Focusable, fn func(string) error) *fieldCheck {
		c := &fieldCheck{name: name, entry: e, focus: focus, check: fn}
		c.msg = widget.NewLabel("")
		c.msg.Importance = widget.DangerImportance
		c.msg.SizeName = theme.SizeNameCaptionText
		c.msg.Wrapping = fyne.TextWrapWord
		c.msg.Hide()
		c.box = container.NewVBox(focus.(fyne.CanvasObject), c.msg)
		e.AlwaysShowValidationError = true // the red border, set by show
		f.checks = append(f.checks, c)
		f.fields[name] = c
		return c
	}
	// In Tab order: the first wrong one gets the cursor.
	name := check("customer", &f.name.Entry, f.name, required)
	phone := check("phone", &f.phone.Entry, f.phone, func(s string) error { return localized(data.ValidatePhone(s)) })
	email := check("email", &f.email.Entry, f.email, func(s string) error { return localized(data.ValidateEmail(s)) })
	subject := check("subject", &f.subject.Entry, f.subject, required)
	amount := check("amount", &f.amount.Entry, f.amount, func(s string) error {
		_, err := data.ParseMoney(s)
		return localized(fieldIfInvalid("amount", err))
	})
	received := check("received", &f.received.Entry, f.received, func(s string) error {
		if _, err := parseReceived(s); err != nil {
			return errors.New(T("Write the time as YYYY-MM-DD HH:MM."))
		}
		return nil
	})
	departure := check("departure", &f.departure.Entry, f.departure, func(s string) error {
		_, err := departureDate(s)
		return localized(err)
	})
	fee := check("fee", &f.fee.Entry, f.fee, func(s string) error {
		_, err := data.ParseMoney(s)
		return localized(fieldIfInvalid("fee", err))
	})
	tripEnd := check("trip_end", &f.tripEnd.Entry, f.tripEnd, func(s string) error {
		_, err := dayField("trip_end", s)
		return localized(err)
	})
	phone.onEdit = f.lookupCustomer
	email.onEdit = f.lookupCustomer
	f.learn = f.newLearnLine()
	subject.onEdit = func(string) { f.learn.changed() }
	f.description.OnChanged = func(string) { f.learn.changed() }
	for _, c := range f.checks {
		if c == departure || c == tripEnd {
			continue // the date field passes its changes on itself (it reads the date too)
		}
		c := c
		c.entry.OnChanged = func(s string) { f.edited(c, s) }
	}
	f.departure.onText = func(s string) { f.edited(departure, s) }
	f.tripEnd.onText = func(s string) { f.edited(tripEnd, s) }

	f.channelChoice = newChoice(data.Channels, channelLabel)
	f.channel = newKeySelect(f.channelChoice.labels, esc)
	f.kindChoice = newChoice(data.Kinds, kindLabel)
	f.kind = newKeySelect(f.kindChoice.labels, esc)
	f.severityChoice = newChoice(data.Severities, severityLabel)
	f.severity = newKeySelect(f.severityChoice.labels, esc)
	f.category = newKeySelect(nil, esc)
	f.owner = newKeySelect(nil, esc)
	f.owner.PlaceHolder = T("Unassigned")
	f.category.PlaceHolder = T("Choose…")

	f.customerHint = widget.NewLabel("")
	f.customerHint.Importance = widget.SuccessImportance
	f.customerHint.Hide()
	f.suggestions = container.NewVBox()
	f.errorLabel = widget.NewLabel("")
	f.errorLabel.Importance = widget.DangerImportance
	f.errorLabel.Wrapping = fyne.TextWrapWord // it has the width beside the buttons, not an HBox's minimum
	f.errorLabel.Hide()

	f.saveBtn = widget.NewButton(T("Save")+"  (Ctrl+S)", func() { f.save() })
	f.saveBtn.Importance = widget.HighImportance
	cancel := widget.NewButton(T("Cancel")+"  (Esc)", f.cancel)

	// The order of the items is the Tab order.
	customer := widget.NewForm(
		widget.NewFormItem(T("Customer")+" *", name.box),
		widget.NewFormItem(T("Phone"), phone.box),
		widget.NewFormItem(T("E-mail"), email.box),
		widget.NewFormItem(T("WeChat"), f.wechat),
	)
	caseInfo := widget.NewForm(
		widget.NewFormItem(T("Channel"), f.channel),
		widget.NewFormItem(T("Kind"), f.kind),
		widget.NewFormItem(T("Category"), f.category),
		widget.NewFormItem(T("Severity"), f.severity),
		widget.NewFormItem(T("Subject")+" *", subject.box),
		widget.NewFormItem(T("What happened"), container.NewVBox(f.description, f.learn.box)), // the learned suggestion under what it reads
		widget.NewFormItem(T("Customer's demand"), f.demand),
		widget.NewFormItem(T("Amount claimed"), amount.box),
		widget.NewFormItem(T("Received"), received.box),
		widget.NewFormItem(T("Owner"), f.owner),
	)
	booking := widget.NewForm(
		widget.NewFormItem(T("Order ref"), f.ref),
		widget.NewFormItem(T("Product / tour"), f.product),
		widget.NewFormItem(T("Departure date"), departure.box),
		widget.NewFormItem(T("Destination"), f.destination),
		widget.NewFormItem(T("Guide"), f.guide),
		widget.NewFormItem(T("Supplier"), f.supplier),
		widget.NewFormItem(T("Tour fee"), fee.box),
		widget.NewFormItem(T("Trip end date"), tripEnd.box),
	)
	// Tab goes down the left column (customer, then the case) and then to the booking.
	left := container.NewVBox(
		widget.NewCard(T("Customer"), "", container.NewVBox(customer, f.customerHint, f.suggestions)),
		widget.NewCard(T("Case"), "", caseInfo),
	)
	right := container.NewVBox(widget.NewCard(T("Booking"), "", booking))
	f.bottom = container.NewBorder(nil, nil, container.NewHBox(f.saveBtn, cancel), nil, f.errorLabel)
	f.scroll = container.NewVScroll(container.NewGridWithColumns(2, left, right))
	f.content = container.NewBorder(nil, container.NewPadded(f.bottom), nil, nil, f.scroll)
	f.reset()
	return f
}

func required(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New(T("Required"))
	}
	return nil
}

func fieldIfInvalid(field string, err error) error {
	if err == nil {
		return nil
	}
	return &data.FieldError{Field: field, Reason: err.Error()}
}

// localized turns a data validation error into the user's language.
func localized(err error) error {
	var fe *data.FieldError
	if errors.As(err, &fe) {
		return errors.New(fieldErrorText(fe))
	}
	return err
}

func parseReceived(s string) (time.Time, error) {
	return time.ParseInLocation(receivedLayout, strings.TrimSpace(s), zone())
}

// reset empties the form and sets the defaults: walk-in, complaint, normal,
// received now; no error is shown and the form is scrolled to the top.
func (f *caseForm) reset() {
	f.resetting = true
	for _, e := range f.texts() {
		e.SetText("")
	}
	f.departure.Date = nil
	f.tripEnd.Date = nil
	f.received.SetText(f.u.now().Format(receivedLayout))
	f.resetting = false
	f.reloadSettings()
	f.channelChoice.set(&f.channel.Select, data.ChannelWalkIn)
	f.kindChoice.set(&f.kind.Select, data.KindComplaint)
	f.severityChoice.set(&f.severity.Select, data.SeverityNormal)
	f.categoryChoice.set(&f.category.Select, "other")
	f.owner.SetSelected(f.u.currentUser())
	f.customerHint.Hide()
	f.suggestions.RemoveAll()
	f.learn.clear()
	f.tried = false
	for _, c := range f.checks {
		c.touched, c.server = false, nil
		f.show(c, nil)
	}
	f.errorLabel.SetText("")
	f.errorLabel.Hide()
	f.scroll.ScrollToTop()
}

// texts are the form's text fields (received is set apart: it has a default).
func (f *caseForm) texts() []*widget.Entry {
	return []*widget.Entry{&f.name.Entry, &f.phone.Entry, &f.email.Entry, &f.wechat.Entry, &f.subject.Entry,
		&f.description.Entry, &f.demand.Entry, &f.amount.Entry, &f.ref.Entry, &f.product.Entry,
		&f.departure.Entry, &f.destination.Entry, &f.guide.Entry, &f.supplier.Entry, &f.fee.Entry, &f.tripEnd.Entry}
}

// edited follows a change of a checked field: once the user typed in it (or
// tried to save) its error follows the text, and the message at the bottom
// goes when nothing is wrong any more.
func (f *caseForm) edited(c *fieldCheck, s string) {
	if c.onEdit != nil {
		c.onEdit(s)
	}
	if f.resetting {
		return
	}
	c.touched = true
	c.server = nil
	f.show(c, c.check(s))
	if f.tried {
		f.summarise()
	}
}

// show marks c with err (nil clears it): the red border and the message under it.
func (f *caseForm) show(c *fieldCheck, err error) {
	c.err = err
	c.entry.SetValidationError(err)
	if err == nil {
		c.msg.Hide()
		return
	}
	c.msg.SetText(err.Error())
	c.msg.Show()
}

// summarise names at the bottom the fields still wrong (each says why
// beside it), or hides the message when none is.
func (f *caseForm) summarise() {
	var names []string
	for _, c := range f.checks {
		if c.err != nil {
			names = append(names, pr().FieldName(c.name))
		}
	}
	if len(names) == 0 {
		f.errorLabel.SetText("")
		f.errorLabel.Hide()
		return
	}
	f.showBottom(TF("Correct what is marked in red: {{.Fields}}", map[string]any{"Fields": pr().List(names)}))
}

// showBottom shows msg beside the buttons, in the width they leave.
func (f *caseForm) showBottom(msg string) {
	f.errorLabel.SetText(msg)
	f.errorLabel.Show()
	f.bottom.Refresh() // lays the label out in the room beside the buttons
}

// validate checks every field, shows every error, and returns the first
// wrong field in Tab order, or nil.
func (f *caseForm) validate() *fieldCheck {
	var first *fieldCheck
	for _, c := range f.checks {
		err := c.check(c.entry.Text)
		if err == nil {
			err = c.server
		}
		f.show(c, err)
		if err != nil && first == nil {
			first = c
		}
	}
	return first
}

// departureDate reads the departure date as typed or picked (YYYY-MM-DD,
// also 2026/5/1 or 2026.5.1) and gives it as YYYY-MM-DD; "" stays "".
func departureDate(s string) (string, error) { return dayField("departure", s) }

// dayField reads a date field as departureDate does, checked as field.
func dayField(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if t, ok := parseDay(s); ok {
		s = t.Format("2006-01-02")
	}
	return s, data.ValidateDate(field, s)
}

// reloadSettings refreshes the category and staff choices.
func (f *caseForm) reloadSettings() {
	st := f.u.settings()
	was := f.categoryChoice.value(&f.category.Select)
	var slugs []string
	for _, c := range st.ActiveCategories() { // a retired category is for old cases only
		slugs = append(slugs, c.Slug)
	}
	f.categoryChoice = newChoice(slugs, func(s string) string { return categoryLabel(st, s) })
	f.category.Options = f.categoryChoice.labels
	if was != "" {
		f.categoryChoice.set(&f.category.Select, was) // cleared when it was retired meanwhile
	}
	f.category.Refresh()
	var names []string
	for _, s := range st.Staff {
		names = append(names, s.Name)
	}
	f.owner.Options = f.u.assignable(names, "") // without the right to assign: oneself only
	if me := f.u.currentUser(); f.owner.Selected != "" && !slices.Contains(f.owner.Options, f.owner.Selected) && me != "" {
		f.owner.SetSelected(me)
	}
}

// focusFirst puts the cursor in the customer's name. An empty form is reset
// so "received" is now; a draft is left exactly as it was.
func (f *caseForm) focusFirst() {
	if f.isEmpty() {
		f.reset()
	}
	f.u.win.Canvas().Focus(f.name)
}

func (f *caseForm) isEmpty() bool {
	for _, e := range f.texts() {
		if strings.TrimSpace(e.Text) != "" {
			return false
		}
	}
	return true
}

// intake reads the form. Field errors come back as data.FieldError.
func (f *caseForm) intake() (data.NewCase, error) {
	n := data.NewCase{
		Channel: f.channelChoice.value(&f.channel.Select), Kind: f.kindChoice.value(&f.kind.Select),
		Severity: f.severityChoice.value(&f.severity.Select), Category: f.categoryChoice.value(&f.category.Select),
		Subject: f.subject.Text, Description: f.description.Text, Demand: f.demand.Text,
		Customer: data.Customer{Name: f.name.Text, Phone: f.phone.Text, Email: f.email.Text, WeChat: f.wechat.Text},
		Booking: data.Booking{Ref: f.ref.Text, Product: f.product.Text,
			Destination: f.destination.Text, Guide: f.guide.Text, Supplier: f.supplier.Text},
		Owner: f.owner.Selected, By: f.u.currentUser(),
	}
	var err error
	if n.Booking.Departure, err = departureDate(f.departure.Text); err != nil {
		return n, err
	}
	if n.Amount, err = data.ParseMoney(f.amount.Text); err != nil {
		return n, &data.FieldError{Field: "amount", Reason: err.Error()}
	}
	if n.Booking.TripEnd, err = dayField("trip_end", f.tripEnd.Text); err != nil {
		return n, err
	}
	if n.Booking.Fee, err = data.ParseMoney(f.fee.Text); err != nil {
		return n, &data.FieldError{Field: "fee", Reason: err.Error()}
	}
	if n.ReceivedAt, err = parseReceived(f.received.Text); err != nil {
		return n, &data.FieldError{Field: "received", Reason: "bad time"}
	}
	return n, nil
}

// save checks every field and shows all that are wrong, with the cursor in
// the first; then it stores the case durably, and only then reports it
// saved. It reports whether the case was stored.
func (f *caseForm) save() bool {
	if !f.u.needUser() {
		return false
	}
	if first := f.validate(); first != nil {
		f.refuse(first)
		return false
	}
	n, err := f.intake()
	if err == nil {
		var c data.Case
		c, err = f.u.svc.Cases.Create(f.u.ctx, f.u.actor(), n)
		if err == nil {
			f.reset()
			f.u.caseSaved(c)
			f.u.notify(TF("Saved case {{.Number}}", map[string]any{"Number": c.Number}))
			return true
		}
	}
	f.showError(err)
	return false
}

// refuse shows what is wrong and puts the cursor in first, scrolled into view.
func (f *caseForm) refuse(first *fieldCheck) {
	f.tried = true
	f.summarise()
	f.u.win.Canvas().Focus(first.focus)
	f.scrollTo(first.box)
}

// showError shows an error of the service: on its field when the form has
// one (until that field changes), else at the bottom.
func (f *caseForm) showError(err error) {
	var fe *data.FieldError
	if errors.As(err, &fe) {
		if c, ok := f.fields[fe.Field]; ok {
			c.server = errors.New(fieldErrorText(fe))
			f.refuse(f.validate())
			return
		}
	}
	f.tried = true
	f.showBottom(errorText(err))
}

// scrollTo scrolls the form so o is in view.
func (f *caseForm) scrollTo(o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(f.scroll.Content).Y
	// Its message may have just appeared: it is laid out at the next frame,
	// so the height is what it needs, not what it had. Nothing above the
	// first wrong field has a message, so y is already right.
	h := o.MinSize().Height
	view := f.scroll.Size().Height
	off := f.scroll.Offset.Y
	switch {
	case y < off:
		off = y
	case y+h > off+view:
		off = y + h - view
	default:
		return
	}
	f.scroll.ScrollToOffset(fyne.NewPos(0, max(off, 0)))
}

// cancel leaves the form; a draft with content is only discarded on confirmation.
func (f *caseForm) cancel() {
	back := func() { f.u.tabs.Select(f.u.casesTab) }
	if f.isEmpty() {
		f.reset()
		back()
		return
	}
	f.u.confirm(T("Discard this case?"), T("What you typed will be lost."), T("Discard"), T("Keep editing"), true, func(ok bool) {
		if ok {
			f.reset()
			back()
		}
	})
}

// lookupCustomer finds a known customer by phone or e-mail as it is typed and
// fills what the clerk has not typed yet.
func (f *caseForm) lookupCustomer(prefix string) {
	f.suggestions.RemoveAll()
	f.customerHint.Hide()
	if len(strings.TrimSpace(prefix)) < 3 {
		return
	}
	found, err := f.u.svc.Cases.FindCustomers(f.u.ctx, prefix, 4)
	if err != nil || len(found) == 0 {
		return
	}
	for _, c := range found {
		c := c
		label := strings.Join(nonEmpty(c.Name, c.Phone, c.Email), " · ")
		f.suggestions.Add(widget.NewButton(T("Use")+": "+label, func() { f.useCustomer(c) }))
	}
	if len(found) == 1 && (data.NormalizePhone(found[0].Phone) == data.NormalizePhone(f.phone.Text) && f.phone.Text != "" ||
		data.NormalizeEmail(found[0].Email) == data.NormalizeEmail(f.email.Text) && f.email.Text != "") {
		f.useCustomer(found[0])
	}
}

// useCustomer fills the empty customer fields and says how often they came before.
func (f *caseForm) useCustomer(c data.Customer) {
	fill := func(e *keyEntry, v string) {
		if strings.TrimSpace(e.Text) == "" && v != "" {
			e.SetText(v)
		}
	}
	fill(f.name, c.Name)
	fill(f.wechat, c.WeChat)
	if f.phone.Text == "" {
		f.phone.SetText(c.Phone)
	}
	if f.email.Text == "" {
		f.email.SetText(c.Email)
	}
	f.suggestions.RemoveAll()
	rows, _ := f.u.svc.Cases.CustomerCases(f.u.ctx, c.ID)
	f.customerHint.SetText(TF("Returning customer: {{.N}} earlier case(s)", map[string]any{"N": len(rows)}) + latestCase(rows))
	f.customerHint.Show()
}

func latestCase(rows []*data.Row) string {
	if len(rows) == 0 {
		return ""
	}
	r := rows[0]
	return fmt.Sprintf(" — %s %s (%s)", r.Number, r.Subject, statusLabel(r.Status))
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
