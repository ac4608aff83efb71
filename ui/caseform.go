package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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
	ref, product, departure           *keyEntry
	destination, guide, supplier      *keyEntry
	channel, kind, category, severity *keySelect
	owner                             *keySelect

	channelChoice  choice[data.Channel]
	kindChoice     choice[data.Kind]
	severityChoice choice[data.Severity]
	categoryChoice choice[string]

	customerHint *widget.Label
	suggestions  *fyne.Container
	errorLabel   *widget.Label
	saveBtn      *widget.Button
	fields       map[string]*keyEntry // error field name → entry
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
	f.departure = entry("YYYY-MM-DD")
	f.destination = entry("")
	f.guide = entry("")
	f.supplier = entry(T("Hotel, airline or local agency"))

	f.name.Validator = required
	f.subject.Validator = required
	f.phone.Validator = func(s string) error { return localized(data.ValidatePhone(s)) }
	f.email.Validator = func(s string) error { return localized(data.ValidateEmail(s)) }
	f.departure.Validator = func(s string) error { return localized(data.ValidateDate("departure", s)) }
	f.amount.Validator = func(s string) error {
		_, err := data.ParseMoney(s)
		return localized(fieldIfInvalid("amount", err))
	}
	f.received.Validator = func(s string) error {
		if _, err := parseReceived(s); err != nil {
			return errors.New(T("Write the time as YYYY-MM-DD HH:MM."))
		}
		return nil
	}
	f.fields = map[string]*keyEntry{"customer": f.name, "subject": f.subject, "phone": f.phone,
		"email": f.email, "departure": f.departure, "amount": f.amount, "received": f.received}

	f.phone.OnChanged = func(s string) { f.lookupCustomer(s) }
	f.email.OnChanged = func(s string) { f.lookupCustomer(s) }

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
	f.errorLabel.Wrapping = fyne.TextWrapWord
	f.errorLabel.Hide()

	f.saveBtn = widget.NewButton(T("Save")+"  (Ctrl+S)", f.save)
	f.saveBtn.Importance = widget.HighImportance
	cancel := widget.NewButton(T("Cancel")+"  (Esc)", f.cancel)

	// The order of the items is the Tab order.
	customer := widget.NewForm(
		widget.NewFormItem(T("Customer")+" *", f.name),
		widget.NewFormItem(T("Phone"), f.phone),
		widget.NewFormItem(T("E-mail"), f.email),
		widget.NewFormItem(T("WeChat"), f.wechat),
	)
	caseInfo := widget.NewForm(
		widget.NewFormItem(T("Channel"), f.channel),
		widget.NewFormItem(T("Kind"), f.kind),
		widget.NewFormItem(T("Category"), f.category),
		widget.NewFormItem(T("Severity"), f.severity),
		widget.NewFormItem(T("Subject")+" *", f.subject),
		widget.NewFormItem(T("What happened"), f.description),
		widget.NewFormItem(T("Customer's demand"), f.demand),
		widget.NewFormItem(T("Amount claimed"), f.amount),
		widget.NewFormItem(T("Received"), f.received),
		widget.NewFormItem(T("Owner"), f.owner),
	)
	booking := widget.NewForm(
		widget.NewFormItem(T("Order ref"), f.ref),
		widget.NewFormItem(T("Product / tour"), f.product),
		widget.NewFormItem(T("Departure date"), f.departure),
		widget.NewFormItem(T("Destination"), f.destination),
		widget.NewFormItem(T("Guide"), f.guide),
		widget.NewFormItem(T("Supplier"), f.supplier),
	)
	// Tab goes down the left column (customer, then the case) and then to the booking.
	left := container.NewVBox(
		widget.NewCard(T("Customer"), "", container.NewVBox(customer, f.customerHint, f.suggestions)),
		widget.NewCard(T("Case"), "", caseInfo),
	)
	right := container.NewVBox(widget.NewCard(T("Booking"), "", booking))
	buttons := container.NewHBox(f.saveBtn, cancel, f.errorLabel)
	f.content = container.NewBorder(nil, container.NewPadded(buttons), nil, nil,
		container.NewVScroll(container.NewGridWithColumns(2, left, right)))
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

// reset empties the form and sets the defaults: walk-in, complaint, normal, received now.
func (f *caseForm) reset() {
	for _, e := range []*keyEntry{f.name, f.phone, f.email, f.wechat, f.subject, f.description,
		f.demand, f.amount, f.ref, f.product, f.departure, f.destination, f.guide, f.supplier} {
		e.SetText("")
	}
	f.received.SetText(f.u.now().Format(receivedLayout))
	f.reloadSettings()
	f.channelChoice.set(&f.channel.Select, data.ChannelWalkIn)
	f.kindChoice.set(&f.kind.Select, data.KindComplaint)
	f.severityChoice.set(&f.severity.Select, data.SeverityNormal)
	f.categoryChoice.set(&f.category.Select, "other")
	f.owner.SetSelected(f.u.currentUser())
	f.customerHint.Hide()
	f.suggestions.RemoveAll()
	f.errorLabel.Hide()
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
	f.owner.Options = names
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
	for _, e := range []*keyEntry{f.name, f.phone, f.email, f.wechat, f.subject, f.description, f.demand,
		f.amount, f.ref, f.product, f.departure, f.destination, f.guide, f.supplier} {
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
		Booking: data.Booking{Ref: f.ref.Text, Product: f.product.Text, Departure: strings.TrimSpace(f.departure.Text),
			Destination: f.destination.Text, Guide: f.guide.Text, Supplier: f.supplier.Text},
		Owner: f.owner.Selected, By: f.u.currentUser(),
	}
	var err error
	if n.Amount, err = data.ParseMoney(f.amount.Text); err != nil {
		return n, &data.FieldError{Field: "amount", Reason: err.Error()}
	}
	if n.ReceivedAt, err = parseReceived(f.received.Text); err != nil {
		return n, &data.FieldError{Field: "received", Reason: "bad time"}
	}
	return n, nil
}

// save validates, stores the case durably, and only then reports it saved.
func (f *caseForm) save() {
	if !f.u.needUser() {
		return
	}
	n, err := f.intake()
	if err == nil {
		var c data.Case
		c, err = f.u.svc.Cases.Create(f.u.ctx, f.u.actor(), n)
		if err == nil {
			f.reset()
			f.u.caseSaved(c)
			f.u.notify(TF("Saved case {{.Number}}", map[string]any{"Number": c.Number}))
			return
		}
	}
	f.showError(err)
}

// showError marks the wrong field and puts the cursor there.
func (f *caseForm) showError(err error) {
	f.errorLabel.SetText(errorText(err))
	f.errorLabel.Show()
	var fe *data.FieldError
	if errors.As(err, &fe) {
		if e, ok := f.fields[fe.Field]; ok {
			e.SetValidationError(errors.New(fieldErrorText(fe)))
			f.u.win.Canvas().Focus(e)
		}
	}
}

// cancel leaves the form; a draft with content is only discarded on confirmation.
func (f *caseForm) cancel() {
	back := func() { f.u.tabs.Select(f.u.casesTab) }
	if f.isEmpty() {
		f.reset()
		back()
		return
	}
	d := dialog.NewConfirm(T("Discard this case?"), T("What you typed will be lost."), func(ok bool) {
		if ok {
			f.reset()
			back()
		}
	}, f.u.win)
	d.SetConfirmText(T("Discard"))
	d.SetDismissText(T("Keep editing"))
	d.Show()
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
