package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// shown is the error under a field, "" when none is shown.
func fieldShown(c *fieldCheck) string {
	if !c.msg.Visible() {
		return ""
	}
	return c.msg.Text
}

func TestNewFormShowsNoErrorBeforeTypingOrSaving(t *testing.T) {
	u, _ := newTestUI(t)
	u.showNewCase()
	for _, c := range u.form.checks {
		if fieldShown(c) != "" || c.err != nil {
			t.Errorf("%s shows %q on a fresh form", c.name, fieldShown(c))
		}
	}
	if u.form.errorLabel.Visible() {
		t.Errorf("fresh form shows %q at the bottom", u.form.errorLabel.Text)
	}
	// Moving through the fields without typing shows nothing either.
	u.win.Canvas().Focus(u.form.subject)
	u.win.Canvas().Focus(u.form.amount)
	if fieldShown(u.form.fields["customer"]) != "" || fieldShown(u.form.fields["subject"]) != "" {
		t.Error("leaving an untouched field marked it required")
	}
	// Typing, then emptying, shows it.
	test.Type(u.form.name, "王")
	u.form.name.SetText("")
	if fieldShown(u.form.fields["customer"]) != T("Required") {
		t.Errorf("emptied name shows %q", fieldShown(u.form.fields["customer"]))
	}
}

func TestSaveShowsEveryErrorAndFocusesTheFirst(t *testing.T) {
	u, s := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 400)) // the booking fields are below the fold
	u.showNewCase()
	test.Type(u.form.phone, "12ab")
	test.Type(u.form.email, "wang@")
	test.Type(u.form.departure, "2026-13-45")
	u.form.save()
	if s.Count() != 0 {
		t.Fatal("an invalid case was stored")
	}
	for _, name := range []string{"customer", "phone", "email", "subject", "departure"} {
		if fieldShown(u.form.fields[name]) == "" {
			t.Errorf("no error beside %s", name)
		}
	}
	for _, name := range []string{"amount", "received"} {
		if got := fieldShown(u.form.fields[name]); got != "" {
			t.Errorf("%s is fine but shows %q", name, got)
		}
	}
	if u.win.Canvas().Focused() != u.form.name {
		t.Errorf("the cursor should be in the first wrong field (the name), is in %v", u.win.Canvas().Focused())
	}
	want := TF("Correct what is marked in red: {{.Fields}}", map[string]any{"Fields": pr().List([]string{pr().FieldName("customer"),
		pr().FieldName("phone"), pr().FieldName("email"), pr().FieldName("subject"), pr().FieldName("departure")})})
	if !u.form.errorLabel.Visible() || u.form.errorLabel.Text != want {
		t.Errorf("bottom message %q", u.form.errorLabel.Text)
	}
	// The bottom message has the width beside the buttons: it wraps by
	// words, never one character a line.
	if w := u.form.errorLabel.Size().Width; w < 300 {
		t.Errorf("bottom message is %v wide: it would wrap a character a line", w)
	}

	// Fixing the fields one by one takes their errors away, and the bottom
	// message goes with the last.
	test.Type(u.form.name, "王小明")
	if fieldShown(u.form.fields["customer"]) != "" {
		t.Error("the name's error stayed after typing it")
	}
	u.form.phone.SetText("13800138000")
	u.form.email.SetText("wang@example.com")
	test.Type(u.form.subject, "导游强制购物")
	if !u.form.errorLabel.Visible() {
		t.Error("the bottom message went while the departure is still wrong")
	}
	u.form.departure.SetText("2026-05-01")
	if u.form.errorLabel.Visible() {
		t.Errorf("the bottom message stayed after every field was fixed: %q", u.form.errorLabel.Text)
	}
}

func TestSaveScrollsTheFirstWrongFieldIntoView(t *testing.T) {
	u, s := newTestUI(t)
	u.win.Resize(fyne.NewSize(700, 360)) // one column is wider than the window: the booking is below
	u.showNewCase()
	test.Type(u.form.name, "李雷")
	test.Type(u.form.subject, "团餐标准不符")
	test.Type(u.form.amount, "一千二") // far down the left column
	u.form.scroll.ScrollToTop()
	u.form.save()
	if s.Count() != 0 {
		t.Fatal("stored with a wrong amount")
	}
	if u.win.Canvas().Focused() != u.form.amount {
		t.Fatalf("cursor in %v, not the amount", u.win.Canvas().Focused())
	}
	box := u.form.fields["amount"].box
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(box).Y - d.AbsolutePositionForObject(u.form.scroll).Y
	if top < 0 || top+box.MinSize().Height > u.form.scroll.Size().Height+0.5 {
		t.Errorf("the amount is at %v in a view %v high (offset %v)", top, u.form.scroll.Size().Height, u.form.scroll.Offset.Y)
	}
}

func TestNewFormStartsAtTheTop(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Resize(fyne.NewSize(700, 360))
	u.showNewCase()
	test.Type(u.form.name, "李雷")
	test.Type(u.form.subject, "团餐标准不符")
	u.form.scroll.ScrollToBottom()
	u.form.save()
	if u.form.scroll.Offset.Y != 0 {
		t.Errorf("after saving, the next form starts scrolled to %v", u.form.scroll.Offset.Y)
	}
	u.showNewCase()
	if u.form.scroll.Offset.Y != 0 {
		t.Errorf("a new form starts scrolled to %v", u.form.scroll.Offset.Y)
	}
}

func TestDepartureTypedOrPicked(t *testing.T) {
	u, s := newTestUI(t)
	u.showNewCase()
	test.Type(u.form.name, "李雷")
	test.Type(u.form.subject, "团餐标准不符")
	test.Type(u.form.departure, "2026/5/1") // typed, the way people write it
	if u.form.departure.Date == nil || u.form.departure.Date.Format("2006-01-02") != "2026-05-01" {
		t.Fatalf("typed date read as %v", u.form.departure.Date)
	}
	// The calendar opens under the field; a day picked there is written YYYY-MM-DD.
	test.Tap(u.form.departure.calendar)
	if u.form.departure.popUp == nil || !u.form.departure.popUp.Visible() {
		t.Fatal("the calendar did not open")
	}
	if _, ok := u.form.departure.popUp.Content.(*widget.Calendar); !ok {
		t.Fatalf("the pop-up holds %T", u.form.departure.popUp.Content)
	}
	u.form.departure.pick(time.Date(2026, 5, 3, 0, 0, 0, 0, time.UTC))
	if u.form.departure.Text != "2026-05-03" || u.win.Canvas().Overlays().Top() != nil {
		t.Errorf("picked day written %q", u.form.departure.Text)
	}
	u.form.save()
	rows := s.List(data.Filter{}, data.Sort{}, u.now())
	if len(rows) != 1 {
		t.Fatalf("not stored: %q", u.form.errorLabel.Text)
	}
	c, _ := s.CaseByID(u.ctx, rows[0].ID)
	if c.Booking.Departure != "2026-05-03" {
		t.Errorf("departure stored as %q", c.Booking.Departure)
	}
}
