package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"casebook/data"
)

func lastRow(e *categoryEditor) *categoryRow { return e.rows[len(e.rows)-1] }

func rowFor(t *testing.T, e *categoryEditor, code string) *categoryRow {
	t.Helper()
	for _, r := range e.rows {
		if r.code == code {
			return r
		}
	}
	t.Fatalf("no row for %q", code)
	return nil
}

// A category typed with only a Chinese name gets a code, shown while typing,
// and survives saving and reloading; it was silently dropped before.
func TestCategoryWithOnlyAChineseNameIsKept(t *testing.T) {
	u, s := newTestUI(t)
	u.user.SetSelected("赵总") // settings are the owner's
	before := len(s.Settings().Categories)
	e := u.setView.cats
	test.Tap(e.addBtn)
	test.Type(lastRow(e).zhHans, "噪音扰民")
	if got := lastRow(e).slug.PlaceHolder; got != "cat_1" {
		t.Errorf("derived code shown as %q", got)
	}
	test.Tap(e.addBtn) // a second one, English-named, and an empty row nobody typed in
	test.Type(lastRow(e).en, "Noise at night")
	test.Type(lastRow(e).zhHant, "夜間噪音")
	if got := lastRow(e).slug.PlaceHolder; got != "noise_at_night" {
		t.Errorf("derived code shown as %q", got)
	}
	test.Tap(e.addBtn)
	u.setView.save()
	if u.status.Text != T("Settings saved") {
		t.Fatalf("status %q", u.status.Text)
	}
	cats := s.Settings().Categories
	if len(cats) != before+2 {
		t.Fatalf("%d categories stored, want %d", len(cats), before+2)
	}
	if c, ok := s.Settings().Category("cat_1"); !ok || c.Names["zh-Hans"] != "噪音扰民" {
		t.Errorf("cat_1: %+v %v", c, ok)
	}
	if c, ok := s.Settings().Category("noise_at_night"); !ok || c.Names["zh-Hant"] != "夜間噪音" {
		t.Errorf("noise_at_night: %+v %v", c, ok)
	}
	// The page is built again from the store: the new rows are saved rows now.
	e = u.setView.cats
	if r := rowFor(t, e, "cat_1"); !r.existing || r.zhHans.Text != "噪音扰民" || r.codeLabel.Text != "cat_1" {
		t.Errorf("reloaded row: %+v", r)
	}
	if !slices.Contains(u.form.category.Options, "噪音扰民") && !slices.Contains(u.form.category.Options, "cat_1") {
		t.Errorf("intake form does not offer the new category: %v", u.form.category.Options)
	}

	// A new row removed before saving is not saved; one with only a deadline is refused, not dropped.
	test.Tap(e.addBtn)
	test.Type(lastRow(e).en, "Mistake")
	test.Tap(lastRow(e).action)
	test.Tap(e.addBtn)
	test.Type(lastRow(e).firstOverride, "4h")
	u.status.SetText("")
	u.setView.save()
	if u.status.Text == T("Settings saved") || len(s.Settings().Categories) != before+2 {
		t.Errorf("a nameless category was saved: %q, %d categories", u.status.Text, len(s.Settings().Categories))
	}
	if _, err := e.read(); err != nil {
		t.Fatal(err)
	}
}

// Retiring hides a category from new cases and keeps it on old ones; restoring brings it back.
func TestRetireAndRestoreCategory(t *testing.T) {
	u, s := newTestUI(t)
	u.user.SetSelected("赵总") // settings are the owner's
	ctx := context.Background()
	old, err := s.CreateCase(ctx, data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal, Category: "privacy",
		Channel: data.ChannelPhone, Subject: "泄露了护照号", Customer: data.Customer{Name: "赵敏", Phone: "13600000000"}})
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := s.CreateCase(ctx, data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal, Category: "meals",
		Channel: data.ChannelPhone, Subject: "午餐", Customer: data.Customer{Name: "钱七", Phone: "13600000001"}})
	if err != nil {
		t.Fatal(err)
	}
	privacy := categoryLabel(s.Settings(), "privacy")

	r := rowFor(t, u.setView.cats, "privacy")
	if r.action.Text != T("Retire") {
		t.Fatalf("button %q", r.action.Text)
	}
	test.Tap(r.action)
	if r.action.Text != T("Restore") || r.codeLabel.Text != "privacy · "+T("Retired") {
		t.Errorf("retired row shows %q / %q", r.codeLabel.Text, r.action.Text)
	}
	u.setView.save()
	if c, _ := s.Settings().Category("privacy"); !c.Retired {
		t.Fatal("not stored as retired")
	}
	if r := rowFor(t, u.setView.cats, "privacy"); !r.retired || r.action.Text != T("Restore") {
		t.Error("the reloaded page does not show it retired")
	}
	if slices.Contains(u.form.category.Options, privacy) {
		t.Errorf("the intake form still offers %q: %v", privacy, u.form.category.Options)
	}
	// The old case keeps its label and its choice; another case is not offered it.
	u.detail.show(old.ID)
	if !slices.Contains(selectOptions(u.detail.content), privacy) {
		t.Error("the old case's category picker lost its own category")
	}
	if labels := labelTexts(u.detail.content); !strings.Contains(labels, privacy) {
		t.Errorf("the old case does not name its category: %v", labels)
	}
	u.detail.show(fresh.ID)
	if slices.Contains(selectOptions(u.detail.content), privacy) {
		t.Error("another case is offered the retired category")
	}

	// "other" cannot be retired: refused, nothing saved.
	test.Tap(rowFor(t, u.setView.cats, "other").action)
	u.status.SetText("")
	u.setView.save()
	if c, _ := s.Settings().Category("other"); c.Retired || u.status.Text == T("Settings saved") {
		t.Error("other was retired")
	}

	u.setView.load()
	test.Tap(rowFor(t, u.setView.cats, "privacy").action)
	u.setView.save()
	if c, _ := s.Settings().Category("privacy"); c.Retired {
		t.Fatal("not restored")
	}
	if !slices.Contains(u.form.category.Options, privacy) {
		t.Error("the intake form does not offer the restored category")
	}
}
