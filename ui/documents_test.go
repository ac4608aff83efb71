package ui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/store"
)

// recordOpened makes the UI record the files it opens instead of starting a viewer.
func recordOpened(u *UI) *[]string {
	var opened []string
	u.open = func(l *url.URL) error {
		opened = append(opened, l.Path)
		return nil
	}
	return &opened
}

// newCaseAt records a case and moves it through the given statuses.
func newCaseAt(t *testing.T, s *store.Store, kind data.Kind, email string, path ...data.Status) data.Case {
	t.Helper()
	ctx := context.Background()
	c, err := s.CreateCase(ctx, data.NewCase{Kind: kind, Severity: data.SeverityNormal, Channel: data.ChannelPhone,
		Subject: "导游强制购物", Customer: data.Customer{Name: "赵敏", Phone: "13600000000", Email: email}})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range path {
		if st == data.StatusClosed && c.Status == data.StatusResolved {
			followedUpInStore(t, s, c.Number) // closing needs a follow-up (followup_test.go)
		}
		if c, err = s.Move(ctx, c.Number, st, "王芳", ""); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func setAgencyName(t *testing.T, s *store.Store, name string) {
	t.Helper()
	st := s.Settings()
	st.Agency.Name = name
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
}

func TestFindingsSavedThroughTheForm(t *testing.T) {
	u, s := newTestUI(t)
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating)
	u.refreshAll()
	u.detail.show(c.ID)
	u.detail.showSection(T("Findings")) // the cursor can only be in the section shown
	f := u.detail.findings
	test.Type(f.investigation, "询问了导游和地接社")
	test.Type(f.facts, "在玉石店停留两小时")
	f.respChoice.set(f.resp, data.ResponsibilitySupplier)
	test.Type(f.decision, "退还购物款并赠送代金券")

	// A redraw while typing (new mail, another change) keeps what was typed,
	// and the cursor.
	u.win.Canvas().Focus(f.investigation)
	u.detail.reload()
	f = u.detail.findings
	if f.investigation.Text != "询问了导游和地接社" || f.respChoice.value(f.resp) != data.ResponsibilitySupplier {
		t.Fatalf("a redraw lost the draft: %q %q", f.investigation.Text, f.respChoice.value(f.resp))
	}
	if u.win.Canvas().Focused() != f.investigation {
		t.Error("a redraw took the cursor away")
	}

	test.Tap(f.addBtn)
	test.Tap(f.addBtn)
	if len(f.rows) != 2 {
		t.Fatalf("%d remedy rows", len(f.rows))
	}
	f.remedyChoice.set(f.rows[0].kind, data.RemedyRefund)
	test.Type(f.rows[0].amount, "1200")
	test.Type(f.rows[0].recovered, "800")
	f.remedyChoice.set(f.rows[1].kind, data.RemedyVoucher)
	test.Type(f.rows[1].amount, "300.50")
	test.Type(f.rows[1].note, "下次出游可用")
	if !strings.Contains(f.total.Text, "1500.50") || !strings.Contains(f.total.Text, "800.00") {
		t.Errorf("total shown: %q", f.total.Text)
	}
	test.Type(f.payMethod, "银行转账")
	test.Type(f.payDue, "2026/3/31") // typed as people type it; stored YYYY-MM-DD
	test.Tap(f.saveBtn)

	got, err := s.Case(context.Background(), c.Number)
	if err != nil {
		t.Fatal(err)
	}
	fs := got.Findings()
	if fs.Responsibility != data.ResponsibilitySupplier || len(fs.Remedies) != 2 || fs.Total() != 150050 ||
		fs.Remedies[0].Recovered != 80000 || fs.Remedies[1].Note != "下次出游可用" || fs.PaymentDue != "2026-03-31" ||
		fs.PaymentMethod != "银行转账" || fs.Investigation != "询问了导游和地接社" {
		t.Fatalf("stored findings: %+v", fs)
	}
	last := got.Timeline[len(got.Timeline)-1]
	if last.Type != data.EventFindings || last.By != "王芳" {
		t.Fatalf("timeline: %+v", last)
	}
	text := eventText(last, s.Settings())
	for _, want := range []string{pr().FindingField("remedies"), responsibilityLabel(data.ResponsibilitySupplier), pr().Money(150050, "CNY")} {
		if !strings.Contains(text, want) {
			t.Errorf("timeline text %q lacks %q", text, want)
		}
	}
	if len(u.detail.findingDrafts) != 0 {
		t.Error("the draft was kept after saving")
	}
	// The form shows what was saved.
	f = u.detail.findings
	if len(f.rows) != 2 || f.rows[1].amount.Text != "300.50" || f.payDue.Text != "2026-03-31" {
		t.Errorf("form after saving: %d rows", len(f.rows))
	}
}

func TestBadAmountAndDateAreExplainedAndKept(t *testing.T) {
	u, s := newTestUI(t)
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating)
	u.detail.show(c.ID)
	f := u.detail.findings
	test.Tap(f.addBtn)
	f.remedyChoice.set(f.rows[0].kind, data.RemedyRefund)
	test.Type(f.rows[0].amount, "abc")
	test.Type(f.payDue, "2026/13/01")
	test.Tap(f.saveBtn)

	if !f.rows[0].err.Visible() || !strings.Contains(f.rows[0].err.Text, "abc") {
		t.Errorf("amount error: visible %v %q", f.rows[0].err.Visible(), f.rows[0].err.Text)
	}
	if !f.payDueErr.Visible() || !strings.Contains(f.payDueErr.Text, "YYYY-MM-DD") {
		t.Errorf("date error: %q", f.payDueErr.Text)
	}
	if !f.errLabel.Visible() {
		t.Error("no message by the save button")
	}
	if f.rows[0].amount.Text != "abc" || f.payDue.Text != "2026/13/01" {
		t.Error("the typed text was changed")
	}
	got, _ := s.Case(context.Background(), c.Number)
	if len(got.Remedies) != 0 || got.PaymentDue != "" {
		t.Fatal("invalid findings were stored")
	}
	// The draft survives a redraw, and correcting it saves.
	u.detail.reload()
	f = u.detail.findings
	if len(f.rows) != 1 || f.rows[0].amount.Text != "abc" || f.payDue.Text != "2026/13/01" {
		t.Fatal("a redraw lost the typed text")
	}
	f.rows[0].amount.SetText("１２００") // full-width digits, as an IME may type them
	f.payDue.SetText("2026-03-01")
	test.Tap(f.saveBtn)
	if got, _ = s.Case(context.Background(), c.Number); len(got.Remedies) != 1 || got.Remedies[0].Amount != 120000 {
		t.Fatalf("corrected findings not stored: %+v", got.Remedies)
	}
}

func TestPrintDialog(t *testing.T) {
	u, s := newTestUI(t)
	opened := recordOpened(u)
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged)
	u.refreshAll()
	u.detail.show(c.ID)
	if !buttonLabels(u.detail.content)[T("Print…")] {
		t.Fatal("no Print… button on the case")
	}
	u.detail.showPrint(u.detail.current)
	p := u.detail.printing
	if len(p.options) != len(data.LetterTypes)+1 {
		t.Fatalf("%d options", len(p.options))
	}
	for i, k := range p.kinds {
		want := k == data.LetterAck || k == "" // only the acknowledgement and the archive
		if p.options[i].Disabled() == want {
			t.Errorf("%q: disabled %v", k, p.options[i].Disabled())
		}
	}
	if p.chosen() != 0 {
		t.Errorf("chosen %d, want the acknowledgement", p.chosen())
	}
	if p.langChoice.value(p.lang) != "zh-Hans" {
		t.Errorf("language %q", p.langChoice.value(p.lang))
	}
	if !strings.Contains(test.RenderToMarkup(u.win.Canvas()), T("Only a closed case has a closure letter.")) {
		t.Error("the reason the closure letter is disabled is not shown")
	}

	// Without the agency's name, printing says where to enter it.
	test.Tap(p.printBtn)
	u.bg.Wait()
	if p.status.label.Text != T("Enter the agency's name in Settings → Agency first.") {
		t.Fatalf("status: %q", p.status.label.Text)
	}

	setAgencyName(t, s, "春风国际旅行社")
	p.langChoice.set(p.lang, "zh-Hant")
	test.Tap(p.printBtn)
	u.bg.Wait()
	got, _ := s.Case(context.Background(), c.Number)
	if len(got.Letters) != 1 || got.Letters[0].Type != data.LetterAck || got.Letters[0].Language != "zh-Hant" || got.Letters[0].By != "王芳" {
		t.Fatalf("letters: %+v (status %q)", got.Letters, p.status.label.Text)
	}
	last := got.Timeline[len(got.Timeline)-1]
	if last.Type != data.EventLetter || !strings.Contains(eventText(last, s.Settings()), letterTitle(data.LetterAck)) ||
		!strings.Contains(eventText(last, s.Settings()), pr().Language("zh-Hant")) {
		t.Fatalf("timeline: %+v → %q", last, eventText(last, s.Settings()))
	}
	if len(*opened) != 1 || !strings.HasSuffix((*opened)[0], "-ack.pdf") || !strings.Contains(p.status.label.Text, (*opened)[0]) {
		t.Fatalf("opened %v, status %q", *opened, p.status.label.Text)
	}
	if b, err := os.ReadFile((*opened)[0]); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("file: %v", err)
	}
	if len(u.detail.current.Letters) != 1 || !buttonLabels(u.detail.content)[T("Open")] {
		t.Error("the case on screen does not list the new letter")
	}

	// A letter the case is not ready for is refused with the reason.
	p.options[3].SetSelected(p.options[3].Options[0])
	test.Tap(p.printBtn)
	u.bg.Wait()
	if p.status.label.Text != T("Only a closed case has a closure letter.") {
		t.Errorf("not-ready status: %q", p.status.label.Text)
	}

	// The archive needs no language.
	p.options[len(p.options)-1].SetSelected(p.options[len(p.options)-1].Options[0])
	if !p.lang.Disabled() || p.chosen() != len(p.options)-1 {
		t.Error("choosing the archive should leave one choice and disable the language")
	}
	test.Tap(p.printBtn)
	u.bg.Wait()
	if len(*opened) != 2 || !strings.HasSuffix((*opened)[1], "-archive.pdf") {
		t.Fatalf("archive: opened %v, status %q", *opened, p.status.label.Text)
	}

	// Reprint: the same bytes, opened again.
	u.detail.reprint(c.Number, u.detail.current.Letters[0])
	u.bg.Wait()
	if len(*opened) != 3 {
		t.Fatalf("reprint opened %v", *opened)
	}
	a, _ := os.ReadFile((*opened)[0])
	b, _ := os.ReadFile((*opened)[2])
	if !bytes.Equal(a, b) || (*opened)[0] == (*opened)[2] {
		t.Error("the reprint differs from the letter as issued")
	}
	if !strings.Contains(u.status.Text, (*opened)[2]) {
		t.Errorf("status line %q does not say where the reprint is", u.status.Text)
	}
}

func TestReplyAttachesALetter(t *testing.T) {
	u, s := newTestUI(t)
	st := s.Settings()
	st.Mail.IMAPHost, st.Mail.SMTPHost, st.Mail.Username, st.Mail.Address = "imap.example.com", "smtp.example.com", "kefu@example.com", "kefu@example.com"
	st.Agency.Name = "春风国际旅行社"
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	recordOpened(u)
	c := newCaseAt(t, s, data.KindComplaint, "zhao@example.com", data.StatusAcknowledged)
	svc := u.svc.Mail.(*testService)
	c, _, err := svc.PrintLetter(context.Background(), data.Actor{Name: "王芳", Role: data.RoleStaff}, c.Number, data.LetterAck, "zh-Hans")
	if err != nil {
		t.Fatal(err)
	}
	u.detail.show(c.ID)
	attach := findButton(u.detail.content, T("Attach letter"))
	if attach == nil {
		t.Fatal("no Attach letter button")
	}
	test.Tap(attach)
	if len(u.detail.attached[c.ID]) != 1 {
		t.Fatal("the letter was not attached")
	}
	u.detail.reload() // the choice survives a redraw
	if findButton(u.detail.content, letterTitle(data.LetterAck)+" (简体中文)") == nil {
		t.Fatal("no chip for the attached letter after a redraw")
	}
	reply := u.detail.keyed[fmt.Sprintf("%d/reply", c.ID)].entry
	test.Type(reply, "附件是受理确认函。")
	test.Tap(findButton(u.detail.content, T("Send reply")))
	if len(svc.letters) != 1 || len(svc.letters[0]) != 1 || svc.letters[0][0].SHA256 != c.Letters[0].SHA256 {
		t.Fatalf("queued with letters %+v", svc.letters)
	}
	if len(u.detail.attached) != 0 {
		t.Error("the attachment stayed chosen after sending")
	}
}

func findButton(o fyne.CanvasObject, label string) *widget.Button {
	switch w := o.(type) {
	case *widget.Button:
		if w.Text == label {
			return w
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if b := findButton(c, label); b != nil {
				return b
			}
		}
	case *container.Scroll:
		return findButton(w.Content, label)
	case *container.AppTabs: // every section of the case, shown or not
		for _, it := range w.Items {
			if b := findButton(it.Content, label); b != nil {
				return b
			}
		}
	}
	return nil
}

// findDialogButton finds a button by its label anywhere in an overlay (a
// dialog), through the widgets' renderers.
func findDialogButton(o fyne.CanvasObject, label string) *widget.Button {
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	return nil
}

func tinyPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.NRGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestAgencySettings(t *testing.T) {
	u, s := newTestUI(t)
	e := u.setView.agency
	e.name.SetText("春风国际旅行社有限公司")
	e.license.SetText("L-BJ-CJ00123")
	e.complaintPhone.SetText("010-6512 3456")
	e.recourseText["en"].SetText("Beijing Municipal Bureau of Culture and Tourism, 010-12345")

	if err := e.logo.use([]byte("GIF89a not what we take")); err == nil || err.Error() != T("This file is not a PNG or JPEG image.") {
		t.Errorf("a GIF was taken: %v", err)
	}
	if err := e.seal.use([]byte("\x89PNG\r\n\x1a\nbroken")); err == nil {
		t.Error("a broken PNG was taken")
	}
	if e.logo.sha != "" || e.seal.sha != "" {
		t.Fatal("a refused file was kept")
	}
	if err := e.logo.use(tinyPNG(t)); err != nil {
		t.Fatal(err)
	}
	u.setView.save()

	a := s.Settings().Agency
	if a.Name != "春风国际旅行社有限公司" || a.License != "L-BJ-CJ00123" || a.ComplaintPhone != "010-6512 3456" ||
		a.LogoSHA256 == "" || a.SealSHA256 != "" || len(a.Recourse) != 1 || !strings.HasPrefix(a.Recourse["en"], "Beijing") {
		t.Fatalf("stored agency: %+v", a)
	}
	if b, err := s.Blob(context.Background(), a.LogoSHA256); err != nil || !bytes.Equal(b, tinyPNG(t)) {
		t.Fatalf("logo blob: %v", err)
	}
	// The page shows the stored logo when it opens again.
	e = u.setView.agency
	if _, ok := e.logo.preview.Objects[0].(*canvas.Image); !ok || e.logo.sha != a.LogoSHA256 {
		t.Errorf("logo preview: %T", e.logo.preview.Objects[0])
	}
	test.Tap(e.logo.remove)
	e.phone.SetText("call us") // refused with the field's message; nothing saved
	u.setView.save()
	if s.Settings().Agency.LogoSHA256 == "" {
		t.Error("settings with an invalid phone were saved")
	}
	if got := settingsErrorText(data.Settings{Agency: data.Agency{Phone: "call us"}}.Agency.Validate()); got != T("The agency's phone number may only have digits, spaces, dashes, brackets and a leading +.") {
		t.Errorf("the phone error is explained as %q", got)
	}
}

func TestArchiveClosedCases(t *testing.T) {
	u, s := newTestUI(t)
	opened := recordOpened(u)
	newCaseAt(t, s, data.KindSuggestion, "", data.StatusAcknowledged, data.StatusClosed)
	newCaseAt(t, s, data.KindSuggestion, "", data.StatusAcknowledged, data.StatusClosed)
	newCaseAt(t, s, data.KindComplaint, "") // open: not archived

	a := u.showArchiveDialog()
	first, last := previousMonth(u.now())
	if a.from.Text != first.Format(time.DateOnly) || a.to.Text != last.Format(time.DateOnly) {
		t.Errorf("default period %s – %s", a.from.Text, a.to.Text)
	}
	a.from.SetText("2026/13/01")
	test.Tap(a.start)
	if !strings.Contains(a.status.label.Text, "2026/13/01") || a.start.Disabled() {
		t.Fatalf("bad date: %q", a.status.label.Text)
	}

	a.from.SetText("2020-01-01")
	a.to.SetText("2020-01-31")
	test.Tap(a.start)
	u.bg.Wait()
	if a.status.label.Text != T("No case was closed in that period.") || len(*opened) != 0 {
		t.Fatalf("empty period: %q", a.status.label.Text)
	}

	today := time.Now().In(zone()).Format(time.DateOnly) // the day as the agency reads it: the period is in its zone
	a.from.SetText(today)
	a.to.SetText(today)
	test.Tap(a.start)
	u.bg.Wait()
	if len(*opened) != 1 || !strings.Contains(a.status.label.Text, "2") || !strings.Contains(a.status.label.Text, (*opened)[0]) ||
		a.bar.Value != a.bar.Max || a.bar.Max != 2 {
		t.Fatalf("archive: %q opened %v bar %v/%v", a.status.label.Text, *opened, a.bar.Value, a.bar.Max)
	}

	// Cancel while it runs: it stops, says so, and the dialog can be closed.
	svc := u.svc.Mail.(*testService)
	svc.archiveStarted = make(chan struct{})
	test.Tap(a.start)
	<-svc.archiveStarted
	if a.cancelBtn.Text != T("Cancel") || !a.start.Disabled() {
		t.Fatalf("while running: %q", a.cancelBtn.Text)
	}
	test.Tap(a.cancelBtn)
	u.bg.Wait()
	if a.status.label.Text != T("Cancelled.") || a.cancelBtn.Text != T("Close") || a.start.Disabled() {
		t.Fatalf("after cancel: %q %q", a.status.label.Text, a.cancelBtn.Text)
	}
	test.Tap(a.cancelBtn)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("the dialog did not close")
	}
}

func TestPreviousMonth(t *testing.T) {
	for now, want := range map[string][2]string{
		"2026-01-15": {"2025-12-01", "2025-12-31"},
		"2026-03-31": {"2026-02-01", "2026-02-28"},
		"2024-03-01": {"2024-02-01", "2024-02-29"},
	} {
		n, _ := time.Parse(time.DateOnly, now)
		first, last := previousMonth(n)
		if first.Format(time.DateOnly) != want[0] || last.Format(time.DateOnly) != want[1] {
			t.Errorf("%s: %s – %s", now, first.Format(time.DateOnly), last.Format(time.DateOnly))
		}
	}
}

func TestPrintErrorsAreTranslated(t *testing.T) {
	c := data.Case{Status: data.StatusNew}
	if got := errorText(c.LetterReadiness(data.LetterAck)); got != T("Acknowledge the case before printing its acknowledgement.") {
		t.Errorf("not ready: %q", got)
	}
	if got := printErrorText(context.Canceled); got != T("Cancelled.") {
		t.Errorf("cancelled: %q", got)
	}
	for _, code := range []string{"acknowledge", "declined", "not-declined", "no-proposal", "no-remedies", "not-closed"} {
		if notReadyText(code) == T("The case is not ready for this letter.") {
			t.Errorf("code %q has no text of its own", code)
		}
	}
}

// After a remedy row is removed and another added, a redraw puts the cursor
// back in the row it was in, not in one that had the same place before.
func TestRemedyRowsKeepTheCursorAfterRemoveAndAdd(t *testing.T) {
	u, s := newTestUI(t)
	c := newCaseAt(t, s, data.KindComplaint, "", data.StatusAcknowledged, data.StatusInvestigating)
	u.refreshAll()
	u.detail.show(c.ID)
	u.detail.showSection(T("Findings")) // the cursor can only be in the section shown
	f := u.detail.findings
	test.Tap(f.addBtn)
	test.Tap(f.addBtn)
	test.Type(f.rows[0].amount, "100")
	test.Type(f.rows[1].amount, "200")
	test.Tap(f.rows[0].remove)
	test.Tap(f.addBtn) // now rows hold 200 and a new one
	test.Type(f.rows[1].amount, "300")
	u.win.Canvas().Focus(f.rows[0].amount) // the row of 200, added second, now first
	u.detail.reload()
	f = u.detail.findings
	if len(f.rows) != 2 || f.rows[0].amount.Text != "200" || f.rows[1].amount.Text != "300" {
		t.Fatalf("rows after a redraw: %d", len(f.rows))
	}
	if u.win.Canvas().Focused() != f.rows[0].amount {
		t.Error("the cursor is not in the row it was in")
	}
}

func TestPrintingTheAcknowledgementOfANewCaseAcknowledgesIt(t *testing.T) {
	u, s := newTestUI(t)
	recordOpened(u)
	setAgencyName(t, s, "春风国际旅行社")
	c := newCaseAt(t, s, data.KindComplaint, "")
	u.refreshAll()
	u.detail.show(c.ID)
	u.detail.showPrint(u.detail.current)
	p := u.detail.printing
	if p.options[0].Disabled() || p.kinds[p.chosen()] != data.LetterAck {
		t.Fatal("the acknowledgement of a new case cannot be chosen")
	}
	overlays := len(u.win.Canvas().Overlays().List())
	test.Tap(p.printBtn)
	confirm := u.win.Canvas().Overlays().Top()
	if len(u.win.Canvas().Overlays().List()) != overlays+1 || findDialogButton(confirm, T("Print")) == nil {
		t.Fatalf("no confirmation before acknowledging by printing: %d→%d overlays, status %q", overlays, len(u.win.Canvas().Overlays().List()), p.status.label.Text)
	}
	// Cancelled: nothing printed, the case stays new.
	test.Tap(findDialogButton(confirm, T("Cancel")))
	u.bg.Wait()
	if got, _ := s.Case(context.Background(), c.Number); got.Status != data.StatusNew || len(got.Letters) != 0 {
		t.Fatalf("cancelled, yet %s with %d letters", got.Status, len(got.Letters))
	}
	test.Tap(p.printBtn)
	test.Tap(findDialogButton(u.win.Canvas().Overlays().Top(), T("Print")))
	u.bg.Wait()
	got, _ := s.Case(context.Background(), c.Number)
	if got.Status != data.StatusAcknowledged || len(got.Letters) != 1 || got.FirstResponse.Running() {
		t.Fatalf("after printing: %s, %d letters, first response running %v", got.Status, len(got.Letters), got.FirstResponse.Running())
	}
	if !strings.Contains(p.status.label.Text, T("The case is acknowledged.")) || u.detail.current.Status != data.StatusAcknowledged {
		t.Errorf("status %q, case on screen %s", p.status.label.Text, u.detail.current.Status)
	}
}

func TestChangeNoticesRedrawOnlyWhatChanged(t *testing.T) {
	u, s := newTestUI(t)
	ctx := context.Background()
	a := newCaseAt(t, s, data.KindComplaint, "")
	b := newCaseAt(t, s, data.KindComplaint, "")
	u.refreshAll()
	u.detail.show(a.ID)
	if len(u.list.rows) != 2 {
		t.Fatalf("%d rows", len(u.list.rows))
	}
	// Another counter (or the mail worker) changes case b: the list follows,
	// the open case a is not redrawn (a draft being typed there stays put).
	drawn := u.detail.overview.Objects[0]
	if _, err := s.Move(ctx, b.Number, data.StatusAcknowledged, "陈静", ""); err != nil {
		t.Fatal(err)
	}
	u.Apply(data.CaseChanged{ID: b.ID, Number: b.Number})
	if u.detail.overview.Objects[0] != drawn {
		t.Error("a change to another case redrew the open one")
	}
	if u.list.rows[0].Status != data.StatusAcknowledged && u.list.rows[1].Status != data.StatusAcknowledged {
		t.Error("the list does not show the change")
	}
	// A change to the open case redraws it.
	if _, err := s.AddNote(ctx, a.Number, "陈静", "客户来电补充"); err != nil {
		t.Fatal(err)
	}
	u.Apply(data.CaseChanged{ID: a.ID, Number: a.Number})
	if u.detail.overview.Objects[0] == drawn || len(u.detail.current.Timeline) != len(a.Timeline)+1 {
		t.Error("a change to the open case did not redraw it")
	}
	// New staff appear in the picker; the outbox count in the status line.
	st := s.Settings()
	st.Staff = append(st.Staff, data.Staff{Name: "李强", Role: data.RoleStaff})
	s.SaveSettings(ctx, st)
	u.Apply(data.SettingsChanged{})
	if !slices.Contains(u.user.Options, "李强") {
		t.Errorf("staff picker %v", u.user.Options)
	}
	st.Mail = data.MailAccount{IMAPHost: "imap.example.com", IMAPPort: 993, IMAPSecurity: "tls", SMTPHost: "smtp.example.com",
		SMTPPort: 465, SMTPSecurity: "tls", Username: "k@example.com", Address: "k@example.com"}
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	u.Apply(data.SettingsChanged{})
	u.Apply(data.OutboxChanged{Queued: 3})
	if !strings.Contains(u.mail.label.Text, TF("{{.N}} waiting to be sent", map[string]any{"N": 3})) {
		t.Errorf("status line %q", u.mail.label.Text)
	}
}

// Declining asks for a reason, labelled so; other steps for an optional note.
func TestDeclineAsksForAReason(t *testing.T) {
	u, s := newTestUI(t)
	c := newCaseAt(t, s, data.KindComplaint, "")
	u.refreshAll()
	u.detail.show(c.ID)
	labels := func() map[string]bool {
		out := map[string]bool{}
		for _, o := range test.LaidOutObjects(u.win.Canvas().Overlays().Top()) {
			switch l := o.(type) {
			case *widget.Label:
				out[l.Text] = true
			case *canvas.Text:
				out[l.Text] = true
			}
		}
		return out
	}
	u.detail.askMove(c, data.StatusDeclined)
	if got := labels(); !got[T("Reason")] || got[T("Note")] {
		t.Errorf("decline dialog labels: %v", got)
	}
	u.win.Canvas().Overlays().Top().Hide()
	u.detail.askMove(c, data.StatusAcknowledged)
	if got := labels(); !got[T("Note")] {
		t.Errorf("acknowledge dialog labels: %v", got)
	}
}
