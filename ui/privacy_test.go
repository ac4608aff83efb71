package ui

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/store"
)

// testPrivacy is the privacy tools straight over the store, recording exports.
type testPrivacy struct {
	s       *store.Store
	exports []string // ref|dir|actor
}

func (p *testPrivacy) Export(_ context.Context, a data.Actor, ref, dir, _ string) (data.CustomerExported, error) {
	p.exports = append(p.exports, ref+"|"+dir+"|"+a.Name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return data.CustomerExported{}, err
	}
	return data.CustomerExported{Dir: dir, Customer: data.Customer{ID: 1}, Cases: 1}, nil
}

func (p *testPrivacy) Anonymise(ctx context.Context, a data.Actor, ref string) (data.AnonymiseResult, error) {
	if err := a.Check(data.ActionPrivacy); err != nil {
		return data.AnonymiseResult{}, err
	}
	id, err := strconv.ParseUint(strings.TrimPrefix(ref, "#"), 10, 64)
	if err != nil {
		return data.AnonymiseResult{}, err
	}
	rs, err := p.s.AnonymiseCustomers(ctx, []uint64{id}, a.Name)
	if err != nil {
		return data.AnonymiseResult{}, err
	}
	return rs[0], nil
}

func (p *testPrivacy) Due(ctx context.Context, before time.Time) (data.RetentionDue, error) {
	if before.IsZero() {
		before = data.RetentionCutoff(p.s.Now(), p.s.Settings().Privacy.Years())
	}
	all, err := p.s.RetentionCases(ctx, before)
	if err != nil {
		return data.RetentionDue{}, err
	}
	return data.Retention(all, before), nil
}

func (p *testPrivacy) AnonymiseDue(ctx context.Context, a data.Actor, before time.Time) (data.RetentionDue, []data.AnonymiseResult, error) {
	due, err := p.Due(ctx, before)
	if err != nil {
		return due, nil, err
	}
	var ids []uint64
	for _, d := range due.Due {
		ids = append(ids, d.Customer)
	}
	rs, err := p.s.AnonymiseCustomers(ctx, ids, a.Name)
	return due, rs, err
}

func declinedCase(t *testing.T, s *store.Store) data.Case {
	t.Helper()
	c := newCaseAt(t, s, data.KindComplaint, "zm@163.com")
	c, err := s.Move(context.Background(), c.Number, data.StatusDeclined, "陈静", "重复投诉")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The case screen offers the export to anyone who may print, and the
// anonymisation only to the owner, who is asked first.
func TestCaseScreenExportsAndAnonymises(t *testing.T) {
	u, s := newTestUI(t)
	p := &testPrivacy{s: s}
	u.svc.Privacy = p
	c := declinedCase(t, s)
	u.refreshAll()
	u.detail.show(c.ID)
	if findButton(u.detail.content, T("Export customer's data…")) == nil {
		t.Fatal("no export button for staff")
	}
	if findButton(u.detail.content, T("Anonymise customer…")) != nil {
		t.Fatal("staff are offered the anonymisation")
	}
	dir := filepath.Join(t.TempDir(), exportFolderName(c.CustomerID, u.now()))
	u.exportCustomerTo(c, dir)
	u.bg.Wait()
	if len(p.exports) != 1 || p.exports[0] != c.Number+"|"+dir+"|王芳" {
		t.Fatalf("exports %v", p.exports)
	}
	if !strings.Contains(u.status.Text, dir) || !dialogTexts(u)[u.status.Text] {
		t.Errorf("done message %q", u.status.Text)
	}

	u.user.SetSelected("赵总")
	u.detail.show(c.ID)
	anon := findButton(u.detail.content, T("Anonymise customer…"))
	if anon == nil {
		t.Fatal("the owner has no anonymise button")
	}
	test.Tap(anon)
	u.asked[len(u.asked)-1].choose(0) // cancel
	u.bg.Wait()
	if got, _ := s.Case(context.Background(), c.Number); got.Customer.Name != "赵敏" {
		t.Fatal("cancelled, but anonymised")
	}
	test.Tap(anon)
	u.asked[len(u.asked)-1].choose(1)
	u.bg.Wait()
	got, _ := s.Case(context.Background(), c.Number)
	if got.Customer.Name != data.AnonymisedName(c.CustomerID) || got.Timeline[len(got.Timeline)-1].Type != data.EventAnonymised {
		t.Fatalf("after: %+v; %q %v", got.Customer, u.status.Text, dialogTexts(u))
	}
	if !strings.Contains(u.status.Text, data.CustomerRef(c.CustomerID)) {
		t.Errorf("status %q", u.status.Text)
	}
}

// Settings → Privacy is the owner's: the retention period with its mark,
// what is due, and one button for them all.
func TestSettingsPrivacyPage(t *testing.T) {
	u, s := newTestUI(t)
	u.svc.Privacy = &testPrivacy{s: s}
	u.tabs.Select(u.setTab)
	u.setView.load()
	// Staff: the page's buttons say who may use them, and do nothing.
	asked := len(u.asked)
	staffPage := &privacyPage{u: u, due: widget.NewLabel(""), list: widget.NewButton("", nil), bulk: widget.NewButton("", nil)}
	staffPage.load()
	u.bg.Wait()
	if staffPage.due.Text != "" || len(u.asked) != asked || !dialogTexts(u)[errorText(&data.ForbiddenError{Actor: u.actor(), Action: data.ActionPrivacy})] {
		t.Fatalf("staff listing: %q %v", staffPage.due.Text, dialogTexts(u))
	}
	old := declinedCase(t, s)
	u.user.SetSelected("赵总")
	u.bg.Wait()
	u.setView.load()
	u.bg.Wait()
	var page string
	for _, it := range u.setView.tabs.Items {
		if it.Text == T("Privacy") {
			page = allText(it.Content)
			u.setView.tabs.Select(it)
		}
	}
	if !strings.Contains(page, T("Keep personal data for (years)")) {
		t.Fatalf("page: %s", page)
	}
	v := u.setView
	years := v.marks.fields["privacy.retention_years"].(*widget.Entry)
	if years.Text != "2" {
		t.Fatalf("retention shown as %q", years.Text)
	}
	retype(years, "0")
	before := settingsJSON(t, s)
	v.save()
	u.bg.Wait()
	if settingsJSON(t, s) != before || v.marks.text("privacy.retention_years") != T("Write the number of years as a whole number from 1 to 30.") {
		t.Fatalf("0 years saved or not marked: %q", v.marks.text("privacy.retention_years"))
	}
	years = u.setView.marks.fields["privacy.retention_years"].(*widget.Entry)
	retype(years, "5")
	u.setView.save()
	u.bg.Wait()
	if s.Settings().Privacy.Years() != 5 {
		t.Fatalf("saved %+v", s.Settings().Privacy)
	}

	// What is due is listed; the button asks, then anonymises them all.
	due, _ := u.svc.Privacy.Due(context.Background(), time.Now().Add(time.Hour))
	if len(due.Due) != 1 || due.Due[0].Cases[0].Number != old.Number {
		t.Fatalf("due %+v", due)
	}
	if txt := dueText(due); !strings.Contains(txt, old.Number) || !strings.Contains(txt, data.CustomerRef(old.CustomerID)) {
		t.Errorf("due text %q", txt)
	}
	many := data.RetentionDue{}
	for i := range dueShown + 5 {
		many.Kept = append(many.Kept, data.DueCustomer{Customer: uint64(i + 1), KeptBy: "A-1"})
	}
	if txt := dueText(many); !strings.Contains(txt, TF("… and {{.n}} more customers", map[string]any{"n": 5})) || strings.Contains(txt, "#35") {
		t.Errorf("a long list: %q", txt)
	}
	pp := &privacyPage{u: u, due: widget.NewLabel(""), list: widget.NewButton("", nil), bulk: widget.NewButton("", nil), latest: due}
	pp.load() // with the retention of 5 years: nobody is due yet
	u.bg.Wait()
	if pp.bulk.Text != TF("Anonymise {{.n}} customers…", map[string]any{"n": 0}) || !pp.bulk.Disabled() || pp.list.Disabled() {
		t.Errorf("listed: %q %v", pp.bulk.Text, pp.bulk.Disabled())
	}
	pp.latest = due
	pp.askBulk()
	u.asked[len(u.asked)-1].choose(0) // cancel
	u.bg.Wait()
	if c, _ := s.Case(context.Background(), old.Number); c.Customer.Name != "赵敏" {
		t.Fatal("cancelled, but anonymised")
	}
	pp.latest = due
	pp.askBulk()
	u.asked[len(u.asked)-1].choose(1)
	u.bg.Wait()
	if c, _ := s.Case(context.Background(), old.Number); c.Customer.Name != data.AnonymisedName(old.CustomerID) {
		t.Fatalf("not anonymised: %+v", c.Customer)
	}
	if !strings.Contains(u.status.Text, "1") {
		t.Errorf("status %q", u.status.Text)
	}
}
