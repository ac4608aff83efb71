package ui

import (
	"context"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// The application layer's editing and evidence, straight over the store.

func (s *testService) Edit(ctx context.Context, a data.Actor, number string, e data.CaseEdit) (data.Case, error) {
	return s.EditCase(ctx, number, a.Name, e)
}

func (s *testService) Attach(ctx context.Context, a data.Actor, number, name string, r io.Reader, note string) (data.Attached, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return data.Attached{}, err
	}
	c, ev, added, err := s.AttachEvidence(ctx, number, data.Evidence{Name: name, By: a.Name, Note: note}, b)
	return data.Attached{Case: c, Evidence: ev, Already: !added}, err
}

func (s *testService) OpenEvidence(ctx context.Context, number, sha string) (string, error) {
	b, err := s.Blob(ctx, sha)
	if err != nil {
		return "", err
	}
	return s.write("evidence-"+sha[:8], b)
}

func newEditUICase(t *testing.T, u *UI) data.Case {
	t.Helper()
	c, err := u.svc.Cases.Create(u.ctx, u.actor(), data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal,
		Channel: data.ChannelWalkIn, Subject: "导游强制购物", Customer: data.Customer{Name: "王小明", Phone: "13800138000"}})
	if err != nil {
		t.Fatal(err)
	}
	u.list.refresh()
	u.openCase(c.ID)
	return c
}

func TestEditDialogSavesAndShowsTheTimeline(t *testing.T) {
	u, s := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	c := newEditUICase(t, u)
	btn := u.detail.editButton(c)
	test.Tap(btn)
	if len(u.win.Canvas().Overlays().List()) == 0 {
		t.Fatal("the edit button opened no dialog")
	}
	u.win.Canvas().Overlays().Top().Hide()

	f := u.detail.showEdit(c)
	if f.byName["subject"].entry.Text != "导游强制购物" || f.byName["phone"].entry.Text != "13800138000" {
		t.Fatal("the form is not prefilled with the case")
	}
	// Wrong fields: the error stands beside the field, nothing is saved.
	f.byName["phone"].entry.SetText("12ab")
	f.byName["amount"].entry.SetText("12,3.456")
	test.Tap(f.saveBtn)
	if !f.byName["amount"].err.Visible() || f.byName["amount"].err.Text != fieldErrorText(&data.FieldError{Field: "amount"}) {
		t.Errorf("amount error: %v %q", f.byName["amount"].err.Visible(), f.byName["amount"].err.Text)
	}
	f.byName["amount"].entry.SetText("1500")
	test.Tap(f.saveBtn)
	if !f.byName["phone"].err.Visible() || !strings.Contains(f.byName["phone"].err.Text, fieldErrorText(&data.FieldError{Field: "phone", Code: data.ReasonPhoneChars})) {
		t.Errorf("phone error: %q", f.byName["phone"].err.Text)
	}
	if got, _ := s.Case(u.ctx, c.Number); len(got.Timeline) != 1 {
		t.Fatal("an invalid edit was saved")
	}
	f.byName["phone"].entry.SetText("13800138000")
	f.byName["subject"].entry.SetText("导游强制购物（大理）")
	f.kinds.set(f.kind, data.KindRequest)
	test.Tap(f.saveBtn)
	got, _ := s.Case(u.ctx, c.Number)
	if got.Subject != "导游强制购物（大理）" || got.Amount != 150000 || got.Kind != data.KindRequest || len(got.Timeline) != 4 {
		t.Fatalf("saved: %q %v %v %d events", got.Subject, got.Amount, got.Kind, len(got.Timeline))
	}
	// The case on screen shows the corrections on its timeline.
	u.detail.tabs.SelectIndex(len(u.detail.tabs.Items) - 1) // the timeline
	shown := labelTexts(u.detail.content)
	for _, e := range got.Timeline[1:] {
		if !strings.Contains(shown, eventText(e, u.settings())) {
			t.Errorf("timeline lacks %q", eventText(e, u.settings()))
		}
	}
}

func TestEditDialogAsksWhoseThePhoneIs(t *testing.T) {
	u, s := newTestUI(t)
	other, err := s.CreateCase(u.ctx, data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityLow, Channel: data.ChannelPhone,
		Subject: "退款慢", Customer: data.Customer{Name: "李雷", Phone: "13700001111"}, By: "王芳"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		button string
		theirs bool
	}{{TF("Keep {{.Name}} with the new value", map[string]any{"Name": "王小明"}), false},
		{TF("Move the case to {{.Name}}", map[string]any{"Name": "李雷"}), true}} {
		c := newEditUICase(t, u)
		f := u.detail.showEdit(c)
		f.byName["phone"].entry.SetText("137 0000 1111")
		test.Tap(f.saveBtn)
		if f.asking == nil {
			t.Fatalf("no question about the other customer: %q", f.message.Text)
		}
		b := findDialogButton(u.win.Canvas().Overlays().Top(), tc.button)
		if b == nil {
			t.Fatalf("no button %q", tc.button)
		}
		test.Tap(b)
		got, _ := s.Case(u.ctx, c.Number)
		want := c.CustomerID
		if tc.theirs {
			want = other.CustomerID
		}
		if got.CustomerID != want || got.Customer.Phone != "137 0000 1111" {
			t.Errorf("%s: customer #%d %+v, want #%d", tc.button, got.CustomerID, got.Customer, want)
		}
		if u.detail.current.CustomerID != want {
			t.Errorf("%s: the screen shows customer #%d", tc.button, u.detail.current.CustomerID)
		}
	}
}

func TestEvidenceDroppedListedAndOpened(t *testing.T) {
	u, s := newTestUI(t)
	opened := []string{}
	u.open = func(uri *url.URL) error { opened = append(opened, uri.Path); return nil }
	dir := t.TempDir()
	photo := filepath.Join(dir, "购物小票.jpg")
	if err := os.WriteFile(photo, []byte("\xff\xd8\xff\xe0 receipt"), 0o600); err != nil {
		t.Fatal(err)
	}
	// No case open: says so, attaches nothing.
	u.dropOnCase([]fyne.URI{storage.NewFileURI(photo)})
	if findDialogButton(u.win.Canvas().Overlays().Top(), "OK") == nil && len(u.win.Canvas().Overlays().List()) == 0 {
		t.Error("dropping with no case open said nothing")
	}
	u.win.Canvas().Overlays().Top().Hide()

	c := newEditUICase(t, u)
	u.dropOnCase([]fyne.URI{storage.NewFileURI(photo)})
	top := u.win.Canvas().Overlays().Top()
	if !strings.Contains(labelTexts(top), "购物小票.jpg") {
		t.Error("the confirmation does not list the file")
	}
	test.Tap(findDialogButton(top, T("Attach")))
	u.bg.Wait()
	got, _ := s.Case(u.ctx, c.Number)
	if len(got.Evidence) != 1 || got.Evidence[0].Name != "购物小票.jpg" || got.Evidence[0].By != "王芳" {
		t.Fatalf("evidence %+v", got.Evidence)
	}
	sec := u.detail.evidenceSection(got)
	var open *widget.Hyperlink
	for _, o := range test.LaidOutObjects(sec) {
		if l, ok := o.(*widget.Hyperlink); ok && l.Text == "购物小票.jpg" {
			open = l
		}
	}
	if open == nil || !strings.Contains(labelTexts(sec), "王芳") {
		t.Fatal("the section does not list the file with who attached it")
	}
	open.OnTapped() // what a tap on the name does (a tap off the canvas misses the text)
	u.bg.Wait()
	if len(opened) != 1 {
		t.Errorf("opened %v", opened)
	}
}

func TestEditDialogAsksBeforeDiscardingOrQuitting(t *testing.T) {
	u, s := newTestUI(t)
	c := newEditUICase(t, u)
	f := u.detail.showEdit(c)
	f.cancel() // nothing typed: closes at once
	if !f.closed {
		t.Fatal("an unchanged dialog did not close")
	}
	f = u.detail.showEdit(c)
	f.byName["guide"].entry.SetText("张导")
	pending := func() *unsavedWork {
		for i := range u.unsaved {
			if u.unsaved[i].pending() && strings.Contains(u.unsaved[i].question(), c.Number) {
				return &u.unsaved[i]
			}
		}
		return nil
	}
	if pending() == nil {
		t.Fatal("quitting would not ask about the typed change")
	}
	f.cancel()
	top := u.win.Canvas().Overlays().Top()
	test.Tap(findDialogButton(top, T("Keep editing")))
	if f.closed || f.byName["guide"].entry.Text != "张导" {
		t.Fatal("keep editing lost the dialog or the text")
	}
	w := pending()
	if err := w.save(); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Case(u.ctx, c.Number); got.Booking.Guide != "张导" || !f.closed || pending() != nil {
		t.Errorf("saved from the quit question: %q, closed %v", got.Booking.Guide, f.closed)
	}
	// Discarding saves nothing.
	cur, _ := s.Case(u.ctx, c.Number)
	f = u.detail.showEdit(cur)
	f.byName["guide"].entry.SetText("李导")
	f.cancel()
	test.Tap(findDialogButton(u.win.Canvas().Overlays().Top(), T("Discard")))
	if got, _ := s.Case(u.ctx, c.Number); got.Booking.Guide != "张导" || !f.closed {
		t.Errorf("discarded: %q, closed %v", got.Booking.Guide, f.closed)
	}
}

func TestEditDialogScrollsToTheWrongField(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	c := newEditUICase(t, u)
	f := u.detail.showEdit(c)
	f.byName["received"].entry.SetText("yesterday")
	test.Tap(f.saveBtn)
	if !f.byName["received"].err.Visible() || u.win.Canvas().Focused() != f.byName["received"].entry {
		t.Fatal("the received time's error is not shown with the cursor in it")
	}
	if f.scroll.Offset.Y == 0 {
		t.Error("the form did not scroll to the received time at the bottom")
	}
}

func TestEvidenceSectionStaysNarrow(t *testing.T) {
	u, _ := newTestUI(t)
	c := newEditUICase(t, u)
	long := strings.Repeat("很长的文件名", 30) + ".pdf"
	got, err := u.svc.Cases.Attach(u.ctx, u.actor(), c.Number, long, strings.NewReader("%PDF contract"), strings.Repeat("备注", 200))
	if err != nil {
		t.Fatal(err)
	}
	if w := u.detail.evidenceSection(got.Case).MinSize().Width; w > 420 {
		t.Errorf("a long file name or note widens the section to %.0f", w)
	}
	closed := got.Case
	closed.Status = data.StatusClosed
	if b := findButton(u.detail.evidenceSection(closed), T("Attach files…")); b == nil || !b.Disabled() {
		t.Error("a closed case offers to attach files")
	}
	if u.detail.editButton(closed) != nil {
		t.Error("a closed case offers to edit")
	}
}

func TestAttachFilesOpensThePicker(t *testing.T) {
	u, _ := newTestUI(t)
	c := newEditUICase(t, u)
	before := len(u.win.Canvas().Overlays().List())
	test.Tap(findButton(u.detail.evidenceSection(c), T("Attach files…")))
	if len(u.win.Canvas().Overlays().List()) != before+1 {
		t.Error("Attach files… opened no file picker")
	}
}
