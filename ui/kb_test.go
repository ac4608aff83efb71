package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/store"
	"casebook/mailsync"
)

// fakeKB is the knowledge base over the test store, as the application
// layer keeps it (without its permission checks and default articles).
type fakeKB struct{ s *store.Store }

func (k fakeKB) List(ctx context.Context, q data.ArticleQuery) ([]data.Article, error) {
	all, err := k.s.Articles(ctx)
	return data.SearchArticles(all, q), err
}
func (k fakeKB) ForCase(ctx context.Context, number, text string) ([]data.Article, error) {
	c, err := k.s.Case(ctx, number)
	if err != nil {
		return nil, err
	}
	return k.List(ctx, data.ArticleQuery{Text: text, Category: c.Category, Language: c.Language})
}
func (k fakeKB) Add(ctx context.Context, a data.Actor, art data.Article) (data.Article, error) {
	if err := a.Check(data.ActionKnowledge); err != nil {
		return art, err
	}
	if err := art.Normalize(k.s.Settings()); err != nil {
		return art, err
	}
	art.CreatedBy = a.Name
	return k.s.PutArticle(ctx, art, a.Name)
}
func (k fakeKB) Edit(ctx context.Context, a data.Actor, id uint64, edit func(*data.Article)) (data.Article, error) {
	art, err := k.s.Article(ctx, id)
	if err != nil {
		return art, err
	}
	edit(&art)
	if err := art.Normalize(k.s.Settings()); err != nil {
		return art, err
	}
	return k.s.PutArticle(ctx, art, a.Name)
}
func (k fakeKB) Remove(ctx context.Context, a data.Actor, id uint64) error {
	return k.s.DeleteArticle(ctx, id, a.Name)
}

// fakeTemplates keeps overrides in the test store's settings, checked and
// rendered by mailsync as the application layer does.
type fakeTemplates struct{ s *store.Store }

func (f fakeTemplates) Get(name, lang string) (data.TemplateInfo, error) {
	if t, ok := f.s.Settings().MailTemplate(name, lang); ok {
		return data.TemplateInfo{MailTemplate: t, Custom: true}, nil
	}
	subject, body, _ := mailsync.DefaultTemplate(lang, name)
	return data.TemplateInfo{MailTemplate: data.MailTemplate{Name: name, Language: lang, Subject: subject, Body: body}}, nil
}
func (f fakeTemplates) Set(ctx context.Context, a data.Actor, t data.MailTemplate) error {
	if err := mailsync.CheckTemplate(t); err != nil {
		return err
	}
	t.By = a.Name
	st := f.s.Settings()
	st.MailTemplates = append(slices.DeleteFunc(st.MailTemplates, func(x data.MailTemplate) bool { return x.Name == t.Name && x.Language == t.Language }), t)
	return f.s.SaveSettings(ctx, st)
}
func (f fakeTemplates) Reset(ctx context.Context, a data.Actor, name, lang string) error {
	st := f.s.Settings()
	st.MailTemplates = slices.DeleteFunc(st.MailTemplates, func(x data.MailTemplate) bool { return x.Name == name && x.Language == lang })
	return f.s.SaveSettings(ctx, st)
}
func (f fakeTemplates) Preview(ctx context.Context, t data.MailTemplate, number, text string) (string, string, error) {
	if err := mailsync.CheckTemplate(t); err != nil {
		return "", "", err
	}
	td := mailsync.SampleTemplateData(t.Language)
	if number != "" {
		c, err := f.s.Case(ctx, number)
		if err != nil {
			return "", "", err
		}
		_, td = mailsync.CaseTemplateData(f.s.Settings(), c, text)
	}
	return mailsync.RenderTemplateWith([]data.MailTemplate{t}, t.Language, t.Name, td)
}

// newKBTestUI is newTestUI with the knowledge base, the mail templates and
// a mailbox.
func newKBTestUI(t *testing.T) (*UI, *store.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st := s.Settings()
	st.Staff = []data.Staff{{Name: "王芳", Role: data.RoleStaff}, {Name: "陈静", Role: data.RoleSupervisor}, {Name: "赵总", Role: data.RoleOwner}}
	st.Mail.IMAPHost, st.Mail.SMTPHost, st.Mail.Username, st.Mail.Address = "imap.example.com", "smtp.example.com", "kefu@example.com", "kefu@example.com"
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	svc := &testService{Store: s, dir: t.TempDir()}
	u := New(context.Background(), a, Services{Cases: svc, Mail: svc, Documents: svc, Settings: svc, KB: fakeKB{s}, Templates: fakeTemplates{s}})
	u.user.SetSelected("王芳")
	u.list.delay = 0
	u.tabs.Select(u.casesTab)
	u.win.Show()
	t.Cleanup(u.win.Close)
	return u, s
}

// A canned answer of the case's category is offered first, inserted at the
// cursor, and goes out with the reply.
func TestReplyInsertsACannedAnswer(t *testing.T) {
	u, s := newKBTestUI(t)
	ctx := context.Background()
	for _, a := range []data.Article{
		{Title: "餐标不符", Body: "按餐标差价退款。", Category: "meals", Kind: data.ArticleCanned},
		{Title: "通用道歉", Body: "对此我们深表歉意。", Kind: data.ArticleCanned},
		{Title: "购物店退款", Body: "购物店停留期间的团费差额将全额退还。", Category: "forced_shopping", Kind: data.ArticleCanned},
	} {
		if _, err := s.PutArticle(ctx, a, ""); err != nil {
			t.Fatal(err)
		}
	}
	c, err := s.CreateCase(ctx, data.NewCase{Kind: data.KindComplaint, Category: "forced_shopping", Severity: data.SeverityNormal,
		Channel: data.ChannelPhone, Subject: "导游强制购物", Customer: data.Customer{Name: "赵敏", Email: "zhao@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	u.detail.show(c.ID)
	reply := u.detail.keyed[keyOf(c.ID, "reply")].entry
	test.Type(reply, "赵女士您好：")
	insert := findButton(u.detail.content, T("Insert…"))
	if insert == nil {
		t.Fatal("no Insert… button in the reply box")
	}
	test.Tap(insert)
	p := u.detail.inserting
	if p == nil || len(p.arts) != 3 || p.arts[0].Title != "购物店退款" || p.arts[1].Title != "通用道歉" {
		t.Fatalf("offered %v, want the case's category first", articleTitles(p))
	}
	// Searching narrows it; a two-character word works.
	test.Type(p.search, "道歉")
	if len(p.arts) != 1 || p.arts[0].Title != "通用道歉" {
		t.Fatalf("search 道歉: %v", articleTitles(p))
	}
	p.search.SetText("")
	if a, ok := p.selected(); !ok || a.Title != "购物店退款" {
		t.Fatalf("selected %+v", a)
	}
	test.Tap(u.detail.insertOK)
	want := "赵女士您好：\n购物店停留期间的团费差额将全额退还。"
	if reply.Text != want {
		t.Fatalf("reply text %q, want %q", reply.Text, want)
	}
	test.Tap(findButton(u.detail.content, T("Send reply")))
	msgs, err := s.CaseMessages(ctx, c.ID)
	if err != nil || len(msgs) != 1 || !strings.Contains(msgs[0].Text, "购物店停留期间的团费差额将全额退还。") {
		t.Fatalf("queued %+v (%v)", msgs, err)
	}
}

func keyOf(id uint64, box string) string { return fmt.Sprintf("%d/%s", id, box) }

func newMultiLineForTest(text string) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.SetText(text)
	return e
}

func articleTitles(p *articlePicker) []string {
	if p == nil {
		return nil
	}
	var out []string
	for _, a := range p.arts {
		out = append(out, a.Title)
	}
	return out
}

func TestInsertAtCursor(t *testing.T) {
	newKBTestUI(t)
	for _, c := range []struct {
		text     string
		row, col int
		want     string
	}{
		{"", 0, 0, "X"},
		{"ab\ncd", 1, 1, "ab\nc\nX\nd"},
		{"ab\ncd", 1, 2, "ab\ncd\nX"},
		{"ab", 0, 0, "ab\nX"}, // never focused: appended
		{"ab\n", 1, 0, "ab\nX"},
	} {
		e := newMultiLineForTest(c.text)
		e.CursorRow, e.CursorColumn = c.row, c.col
		insertAtCursor(e, "X")
		if e.Text != c.want {
			t.Errorf("%q at %d,%d: %q, want %q", c.text, c.row, c.col, e.Text, c.want)
		}
	}
}

// The knowledge base window: a supervisor adds an article, it is listed
// and searchable; staff see it read-only.
func TestKnowledgeBaseWindow(t *testing.T) {
	u, s := newKBTestUI(t)
	u.user.SetSelected("陈静")
	u.showKnowledgeBase()
	v := u.kbView
	if v == nil || u.kbWin == nil {
		t.Fatal("the knowledge base window did not open")
	}
	test.Type(v.title, "行程中受伤")
	test.Type(v.body, "立即拨打 120，并报告旅行社。")
	v.kinds.set(v.kind, data.ArticleEmergency)
	v.cats.set(v.category, "safety_injury")
	test.Tap(v.save)
	arts, _ := s.Articles(context.Background())
	if len(arts) != 1 || arts[0].Kind != data.ArticleEmergency || arts[0].Category != "safety_injury" || arts[0].CreatedBy != "陈静" {
		t.Fatalf("stored %+v (error line %q)", arts, v.errLine.Text)
	}
	test.Type(v.picker.search, "受伤")
	if len(v.picker.arts) != 1 {
		t.Errorf("search 受伤: %v", articleTitles(v.picker))
	}
	// An empty title is refused inline.
	test.Tap(v.newBtn)
	test.Type(v.body, "x")
	test.Tap(v.save)
	if v.errLine.Text != pr().T("kb.field_error.kb_title") {
		t.Errorf("error line %q for a missing title", v.errLine.Text)
	}
	u.kbWin.Close()
	u.user.SetSelected("王芳")
	u.showKnowledgeBase()
	if !u.kbView.save.Disabled() || !u.kbView.title.Disabled() {
		t.Error("staff may edit the knowledge base in the window")
	}
}

// Settings → Mail templates: a bad placeholder is named inline and nothing
// is saved; a good one is saved and previewed from the open case; reset
// brings the standard wording back.
func TestMailTemplatesPage(t *testing.T) {
	u, s := newKBTestUI(t)
	u.user.SetSelected("赵总")
	c, err := s.CreateCase(context.Background(), data.NewCase{Kind: data.KindComplaint, Category: "meals", Severity: data.SeverityNormal,
		Channel: data.ChannelPhone, Subject: "餐标不符", Customer: data.Customer{Name: "钱多多", Email: "q@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	u.detail.show(c.ID)
	// The page saves on its own buttons: Save settings and Undo are hidden there.
	v := u.setView
	v.load() // built for the owner now working
	if v.templatesTab == nil {
		t.Fatal("no Mail templates page")
	}
	v.tabs.Select(v.templatesTab)
	if !v.buttons.Hidden {
		t.Error("Save settings shows on the Mail templates page")
	}
	v.tabs.SelectIndex(0)
	if v.buttons.Hidden {
		t.Error("Save settings hidden on the General page")
	}
	p := newTemplatesPage(u)
	p.names.set(p.name, "followup")
	p.langs.set(p.lang, "zh-Hans")
	if !strings.Contains(p.body.Text, "非常满意") || !strings.Contains(p.preview.Text, "钱多多") || !strings.Contains(p.preview.Text, c.Number) {
		t.Fatalf("followup body %q / preview %q", p.body.Text, p.preview.Text)
	}
	p.body.SetText("{{.Custmer}}：案件编号：{{.Number}}")
	if !strings.Contains(p.errLine.Text, "{{.Custmer}}") {
		t.Errorf("error line %q does not name the placeholder", p.errLine.Text)
	}
	test.Tap(p.save)
	if len(s.Settings().MailTemplates) != 0 {
		t.Fatal("a bad template was saved")
	}
	p.body.SetText("{{.CustomerName}}：请回复 1–5 评分。案件编号：{{.Number}}")
	if p.errLine.Text != "" || !strings.Contains(p.preview.Text, "钱多多：请回复") {
		t.Errorf("preview %q, error %q", p.preview.Text, p.errLine.Text)
	}
	test.Tap(p.save)
	if ts := s.Settings().MailTemplates; len(ts) != 1 || ts[0].Name != "followup" || ts[0].Language != "zh-Hans" {
		t.Fatalf("saved %+v", ts)
	}
	if p.reset.Disabled() {
		t.Error("reset is disabled on the agency's own wording")
	}
	test.Tap(p.reset)
	if len(s.Settings().MailTemplates) != 0 || !strings.Contains(p.body.Text, "非常满意") {
		t.Errorf("after reset: %+v %q", s.Settings().MailTemplates, p.body.Text)
	}
}
