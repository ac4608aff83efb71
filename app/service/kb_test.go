package service

import (
	"context"
	"errors"
	"strings"
	"testing"

	"casebook/data"
	"casebook/mailsync"
)

func TestKBSearchesShortChineseAndPutsTheCaseCategoryFirst(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	chen := data.Actor{Name: "陈静", Role: data.RoleSupervisor}
	add := func(title, body, cat, lang string, tags ...string) data.Article {
		t.Helper()
		a, err := svc.KB.Add(ctx, chen, data.Article{Title: title, Body: body, Category: cat, Language: lang, Tags: tags, Kind: data.ArticleCanned})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	general := add("退款说明", "退款原路退回。", "", "zh-Hans")
	shop := add("购物店退款", "强制购物的退款按人计算。", "forced_shopping", "zh-Hans")
	meal := add("餐标不符", "按差价退款。", "meals", "zh-Hans", "餐饮")
	english := add("Refunds", "We refund to the card you paid with (退款).", "forced_shopping", "en")

	// Seeded defaults are there too (a refund policy in each language).
	all, err := svc.KB.List(ctx, data.ArticleQuery{})
	if err != nil || len(all) != 9+4 {
		t.Fatalf("%d articles (%v), want 9 defaults and 4", len(all), err)
	}
	got, err := svc.KB.List(ctx, data.ArticleQuery{Text: "退款", Category: "forced_shopping", Language: "zh-Hans"})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(as []data.Article) (out []uint64) {
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	// Category first (Chinese before English), then those for every category, then other categories.
	if len(got) != 6 || got[0].ID != shop.ID || got[1].ID != english.ID || got[2].ID != general.ID || got[3].ID != meal.ID {
		t.Errorf("order %v (%v), want %d, %d, %d, %d, then the refund policies", ids(got), titles(got), shop.ID, english.ID, general.ID, meal.ID)
	}
	// One character, and a tag.
	if got, _ := svc.KB.List(ctx, data.ArticleQuery{Text: "餐"}); !containsID(got, meal.ID) {
		t.Errorf("餐 found %v", titles(got))
	}
	if got, _ := svc.KB.List(ctx, data.ArticleQuery{Text: "餐饮"}); len(got) != 1 {
		t.Errorf("tag 餐饮 found %v", titles(got))
	}
	// For a case: its category first.
	c := newTestCase(t, svc, wang)
	if got, _ := svc.KB.ForCase(ctx, c.Number, "退款"); len(got) < 3 || got[2].ID != general.ID {
		t.Errorf("for the case: %v", titles(got))
	}
}

func titles(as []data.Article) (out []string) {
	for _, a := range as {
		out = append(out, a.Title)
	}
	return out
}

func containsID(as []data.Article, id uint64) bool {
	for _, a := range as {
		if a.ID == id {
			return true
		}
	}
	return false
}

func TestKBEditRemoveAndRefusals(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	if _, err := svc.KB.Add(ctx, wang, data.Article{Title: "x", Body: "y"}); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff adds: %v", err)
	}
	var fe *data.FieldError
	if _, err := svc.KB.Add(ctx, boss, data.Article{Title: " ", Body: "y"}); !errors.As(err, &fe) || fe.Field != "kb_title" {
		t.Errorf("no title: %v", err)
	}
	if _, err := svc.KB.Add(ctx, boss, data.Article{Title: "x", Body: "y", Category: "nosuch"}); !errors.As(err, &fe) || fe.Field != "kb_category" {
		t.Errorf("unknown category: %v", err)
	}
	a, err := svc.KB.Add(ctx, boss, data.Article{Title: "道歉", Body: "非常抱歉。", Tags: []string{"道歉，标准"}})
	if err != nil || a.Kind != data.ArticleCanned || strings.Join(a.Tags, "|") != "道歉|标准" || a.CreatedBy != "老板" {
		t.Fatalf("%+v %v", a, err)
	}
	e, err := svc.KB.Edit(ctx, boss, a.ID, func(x *data.Article) { x.Body = "深表歉意。" })
	if err != nil || e.Body != "深表歉意。" || e.Title != "道歉" {
		t.Fatalf("%+v %v", e, err)
	}
	if err := svc.KB.Remove(ctx, boss, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.KB.Get(ctx, a.ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("removed: %v", err)
	}
	// Removed defaults do not come back.
	all, _ := svc.KB.List(ctx, data.ArticleQuery{})
	for _, x := range all {
		if err := svc.KB.Remove(ctx, boss, x.ID); err != nil {
			t.Fatal(err)
		}
	}
	if all, _ := svc.KB.List(ctx, data.ArticleQuery{}); len(all) != 0 {
		t.Errorf("%d articles after removing all", len(all))
	}
}

// An edited template is what the outgoing mail says; the settings page's
// save keeps it; reset brings back the catalogue's.
func TestTemplateOverrideGoesOutAndResetRestores(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	setMailAccount(t, svc)
	c := newTestCase(t, svc, wang)
	own := data.MailTemplate{Name: "reply", Language: "zh-Hans", Subject: "[案件 {{.Number}}] 本社答复",
		Body: "{{.CustomerName}}：\n{{.Text}}\n（案件编号：{{.Number}}）本社专用格式\n"}
	if err := svc.Templates.Set(ctx, wang, own); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff sets a template: %v", err)
	}
	if err := svc.Templates.Set(ctx, boss, own); err != nil {
		t.Fatal(err)
	}
	// Saving the other settings (a page loaded before) keeps the template.
	st := svc.Settings.Get()
	st.MailTemplates = nil
	st.Currency, st.Language = "HKD", "zh-Hans" // the case has no language: mail goes in the agency's
	if err := svc.Settings.Save(ctx, boss, st); err != nil {
		t.Fatal(err)
	}
	if ti, _ := svc.Templates.Get("reply", "zh-Hans"); !ti.Custom || ti.By != "老板" {
		t.Errorf("after saving the settings: %+v", ti)
	}
	m, err := svc.Mail.Reply(ctx, wang, c.Number, data.Reply{Text: "已退款"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Subject != "[案件 "+c.Number+"] 本社答复" || !strings.Contains(m.Text, "本社专用格式") || !strings.Contains(m.Text, "已退款") {
		t.Errorf("sent with the override:\n%s\n%s", m.Subject, m.Text)
	}
	subject, body, err := svc.Templates.Preview(ctx, own, c.Number, "已退款")
	if err != nil || subject != m.Subject || body != m.Text {
		t.Errorf("preview %q %q (%v) differs from the mail", subject, body, err)
	}
	if err := svc.Templates.Reset(ctx, boss, "reply", "zh-Hans"); err != nil {
		t.Fatal(err)
	}
	m, err = svc.Mail.Reply(ctx, wang, c.Number, data.Reply{Text: "已退款"})
	if err != nil {
		t.Fatal(err)
	}
	_, td := mailsync.CaseTemplateData(svc.Settings.Get(), c, "已退款")
	wantS, wantB, _ := mailsync.RenderTemplate("zh-Hans", "reply", td)
	if m.Subject != wantS || m.Text != wantB || strings.Contains(m.Text, "本社专用格式") {
		t.Errorf("after reset:\n%s\n%s", m.Subject, m.Text)
	}
	// A bad template is refused, naming the placeholder, and nothing changes.
	bad := own
	bad.Body = "{{.Custmer}} 案件编号：{{.Number}}"
	var te *data.TemplateError
	if err := svc.Templates.Set(ctx, boss, bad); !errors.As(err, &te) || te.Placeholder != "{{.Custmer}}" {
		t.Errorf("bad template: %v", err)
	}
	if ti, _ := svc.Templates.Get("reply", "zh-Hans"); ti.Custom {
		t.Error("a refused template was saved")
	}
	if n := len(svc.Templates.List()); n != len(mailsync.TemplateNames())*3 {
		t.Errorf("List: %d templates", n)
	}
}
