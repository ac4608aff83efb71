package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// knowledgeBase is what the knowledge base window and the reply box's
// Insert… need: articles searched (data.SearchArticles), those for a case
// first, and their upkeep (supervisors and the owner).
type knowledgeBase interface {
	List(ctx context.Context, q data.ArticleQuery) ([]data.Article, error)
	ForCase(ctx context.Context, number, text string) ([]data.Article, error)
	Add(ctx context.Context, a data.Actor, art data.Article) (data.Article, error)
	Edit(ctx context.Context, a data.Actor, id uint64, edit func(art *data.Article)) (data.Article, error)
	Remove(ctx context.Context, a data.Actor, id uint64) error
}

func articleKindLabel(k data.ArticleKind) string { return pr().ArticleKind(k) }

// articleLine is an article in a list: its title, kind and category.
func (u *UI) articleLine(a data.Article) string {
	parts := []string{articleKindLabel(a.Kind)}
	if a.Category != "" {
		parts = append(parts, pr().Category(u.settings(), a.Category))
	}
	if a.Language != "" {
		parts = append(parts, languageLabel(a.Language))
	}
	return a.Title + "  ·  " + strings.Join(parts, " · ")
}

// articlePicker is a search box over a list of articles with the chosen
// one's text under it: the body of the knowledge base window and of Insert….
type articlePicker struct {
	u       *UI
	search  *widget.Entry
	list    *widget.List
	preview *widget.Label
	arts    []data.Article
	sel     int
	load    func(text string) ([]data.Article, error)
	picked  func(a data.Article) // told of each selection
}

func newArticlePicker(u *UI, load func(text string) ([]data.Article, error)) *articlePicker {
	p := &articlePicker{u: u, load: load, sel: -1, search: widget.NewEntry(), preview: widget.NewLabel("")}
	p.search.SetPlaceHolder(T("Search titles, texts and tags…"))
	p.search.OnChanged = func(string) { p.refresh() }
	p.preview.Wrapping = fyne.TextWrapWord
	p.list = widget.NewList(func() int { return len(p.arts) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.arts) {
				o.(*widget.Label).SetText(u.articleLine(p.arts[i]))
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if i >= len(p.arts) {
			return
		}
		p.sel = i
		p.preview.SetText(p.arts[i].Body)
		if p.picked != nil {
			p.picked(p.arts[i])
		}
	}
	p.refresh()
	return p
}

// refresh searches again and selects the first article found.
func (p *articlePicker) refresh() {
	arts, err := p.load(p.search.Text)
	if err != nil {
		p.u.showError(err)
		return
	}
	p.arts, p.sel = arts, -1
	p.list.UnselectAll()
	p.list.Refresh()
	p.preview.SetText("")
	if len(arts) > 0 {
		p.list.Select(0)
	} else {
		p.preview.SetText(T("No articles found."))
	}
}

// selected is the chosen article.
func (p *articlePicker) selected() (data.Article, bool) {
	if p.sel < 0 || p.sel >= len(p.arts) {
		return data.Article{}, false
	}
	return p.arts[p.sel], true
}

func (p *articlePicker) content() fyne.CanvasObject {
	split := container.NewVSplit(p.list, container.NewScroll(p.preview))
	split.Offset = 0.45
	return container.NewBorder(p.search, nil, nil, nil, split)
}

// insertButton offers the knowledge base in the reply box: the case's
// category first, searchable; Insert puts the chosen text at the cursor.
func (d *caseDetail) insertButton(c data.Case, text *widget.Entry) fyne.CanvasObject {
	if d.u.svc.KB == nil {
		return container.NewVBox()
	}
	return widget.NewButtonWithIcon(T("Insert…"), theme.ContentAddIcon(), func() { d.showInsert(c, text) })
}

func (d *caseDetail) showInsert(c data.Case, text *widget.Entry) {
	u := d.u
	p := newArticlePicker(u, func(q string) ([]data.Article, error) { return u.svc.KB.ForCase(u.ctx, c.Number, q) })
	var dlg dialog.Dialog
	insert := widget.NewButtonWithIcon(T("Insert"), theme.ConfirmIcon(), func() {
		a, ok := p.selected()
		if !ok {
			return
		}
		insertAtCursor(text, a.Body)
		dlg.Hide()
		u.win.Canvas().Focus(text)
	})
	insert.Importance = widget.HighImportance
	cancel := widget.NewButton(T("Cancel"), func() { dlg.Hide() })
	body := container.NewBorder(widget.NewLabel(T("Articles and canned answers for this case's category come first.")),
		container.NewHBox(layoutSpacer(), cancel, insert), nil, nil, p.content())
	dlg = dialog.NewCustomWithoutButtons(T("Insert from the knowledge base"), body, u.win)
	dlg.Resize(fyne.NewSize(720, 520))
	dlg.Show()
	p.list.ScrollToTop() // Select(0) before the list had its size leaves it scrolled
	u.win.Canvas().Focus(p.search)
	d.inserting = p // for tests
	d.insertOK = insert
}

// insertAtCursor puts s into e where the cursor is (on its own lines), or
// at the end when the cursor is not inside the text.
func insertAtCursor(e *widget.Entry, s string) {
	s = strings.TrimSpace(s)
	lines := strings.Split(e.Text, "\n")
	if e.Text == "" {
		e.SetText(s)
		return
	}
	row, col := e.CursorRow, e.CursorColumn
	if row < 0 || row >= len(lines) || col < 0 || col > len([]rune(lines[row])) || (row == 0 && col == 0) {
		e.SetText(strings.TrimRight(e.Text, "\n") + "\n" + s)
		return
	}
	off := 0
	for _, l := range lines[:row] {
		off += len([]rune(l)) + 1
	}
	off += col
	r := []rune(e.Text)
	before, after := string(r[:off]), string(r[off:])
	if before != "" && !strings.HasSuffix(before, "\n") {
		s = "\n" + s
	}
	if after != "" && !strings.HasPrefix(after, "\n") {
		s += "\n"
	}
	e.SetText(before + s + after)
}

// showKnowledgeBase opens the knowledge base in a window of its own:
// search, the list, and the chosen article's form (editable by
// supervisors and the owner).
func (u *UI) showKnowledgeBase() {
	if u.svc.KB == nil {
		return
	}
	if u.kbWin != nil {
		u.kbWin.RequestFocus()
		return
	}
	w := u.app.NewWindow(T("Knowledge base"))
	u.kbWin = w
	w.SetOnClosed(func() { u.kbWin, u.kbView = nil, nil })
	v := newKBView(u)
	u.kbView = v
	w.SetContent(v.content)
	w.Resize(fyne.NewSize(980, 640))
	w.Show()
	v.picker.list.ScrollToTop()
}

// kbView is the knowledge base window's content.
type kbView struct {
	u        *UI
	picker   *articlePicker
	current  data.Article // 0 ID: a new article
	title    *widget.Entry
	body     *widget.Entry
	tags     *widget.Entry
	kind     *safeSelect
	kinds    choice[data.ArticleKind]
	category *safeSelect
	cats     choice[string]
	lang     *safeSelect
	langs    choice[string]
	errLine  *widget.Label
	save     *widget.Button
	remove   *widget.Button
	newBtn   *widget.Button
	content  fyne.CanvasObject
}

func newKBView(u *UI) *kbView {
	v := &kbView{u: u, title: widget.NewEntry(), body: widget.NewMultiLineEntry(), tags: widget.NewEntry(), errLine: widget.NewLabel("")}
	v.body.Wrapping = fyne.TextWrapWord
	v.body.SetMinRowsVisible(10)
	v.tags.SetPlaceHolder(T("Tags, separated by commas"))
	v.errLine.Wrapping = fyne.TextWrapWord
	v.errLine.Importance = widget.DangerImportance
	v.kinds = newChoice(data.ArticleKinds, articleKindLabel)
	v.kind = newSelect(v.kinds.labels, nil)
	st := u.settings()
	slugs := []string{""}
	for _, c := range st.Categories {
		if !c.Retired {
			slugs = append(slugs, c.Slug)
		}
	}
	v.cats = newChoice(slugs, func(s string) string {
		if s == "" {
			return T("Every category")
		}
		return pr().Category(st, s)
	})
	v.category = newSelect(v.cats.labels, nil)
	v.langs = newChoice(append([]string{""}, data.Languages...), func(l string) string {
		if l == "" {
			return T("Every language")
		}
		return languageLabel(l)
	})
	v.lang = newSelect(v.langs.labels, nil)
	v.picker = newArticlePicker(u, func(q string) ([]data.Article, error) { return u.svc.KB.List(u.ctx, data.ArticleQuery{Text: q}) })
	v.picker.picked = v.edit
	newBtn := widget.NewButtonWithIcon(T("New article"), theme.ContentAddIcon(), func() { v.picker.list.UnselectAll(); v.edit(data.Article{}) })
	v.newBtn = newBtn
	v.save = widget.NewButtonWithIcon(T("Save article"), theme.DocumentSaveIcon(), v.saveArticle)
	v.save.Importance = widget.HighImportance
	v.remove = widget.NewButtonWithIcon(T("Remove…"), theme.DeleteIcon(), v.askRemove)
	form := widget.NewForm(widget.NewFormItem(T("Title"), v.title), widget.NewFormItem(T("Kind"), v.kind),
		widget.NewFormItem(T("Category"), v.category), widget.NewFormItem(T("Language"), v.lang), widget.NewFormItem(T("Tags"), v.tags))
	right := container.NewBorder(form, container.NewVBox(v.errLine, container.NewHBox(v.save, v.remove)), nil, nil, v.body)
	if !u.actor().Can(data.ActionKnowledge) {
		for _, w := range []fyne.Disableable{v.title, v.body, v.tags, v.kind, v.category, v.lang, v.save, v.remove, newBtn} {
			w.Disable()
		}
		v.errLine.Importance = widget.MediumImportance
		v.errLine.SetText(pr().Forbidden(&data.ForbiddenError{Actor: u.actor(), Action: data.ActionKnowledge}))
	}
	// The form shows the chosen article's text: the list alone on the left.
	left := container.NewBorder(v.picker.search, newBtn, nil, nil, v.picker.list)
	split := container.NewHSplit(left, container.NewPadded(right))
	split.Offset = 0.4
	v.content = split
	if a, ok := v.picker.selected(); ok {
		v.edit(a)
	} else {
		v.edit(data.Article{})
	}
	return v
}

// edit shows a in the form (an empty article: a new one).
func (v *kbView) edit(a data.Article) {
	v.current = a
	v.title.SetText(a.Title)
	v.body.SetText(a.Body)
	v.tags.SetText(strings.Join(a.Tags, ", "))
	if a.Kind == "" {
		a.Kind = data.ArticleCanned
	}
	v.kinds.set(v.kind, a.Kind)
	v.cats.set(v.category, a.Category)
	v.langs.set(v.lang, a.Language)
	if v.u.actor().Can(data.ActionKnowledge) {
		v.errLine.SetText("")
		if a.ID == 0 {
			v.remove.Disable()
		} else {
			v.remove.Enable()
		}
	}
}

func (v *kbView) read() data.Article {
	return data.Article{Title: v.title.Text, Body: v.body.Text, Tags: []string{v.tags.Text},
		Kind: v.kinds.value(v.kind), Category: v.cats.value(v.category), Language: v.langs.value(v.lang)}
}

func (v *kbView) saveArticle() {
	if !v.u.needUser() {
		return
	}
	in := v.read()
	var saved data.Article
	var err error
	if v.current.ID == 0 {
		saved, err = v.u.svc.KB.Add(v.u.ctx, v.u.actor(), in)
	} else {
		saved, err = v.u.svc.KB.Edit(v.u.ctx, v.u.actor(), v.current.ID, func(a *data.Article) {
			a.Title, a.Body, a.Tags, a.Kind, a.Category, a.Language = in.Title, in.Body, in.Tags, in.Kind, in.Category, in.Language
		})
	}
	if err != nil {
		v.errLine.SetText(errorText(err))
		return
	}
	v.picker.refresh()
	for i, a := range v.picker.arts {
		if a.ID == saved.ID {
			v.picker.list.Select(i)
		}
	}
	v.edit(saved)
	v.u.notify(TF("Article #{{.id}} saved.", map[string]any{"id": strconv.FormatUint(saved.ID, 10)}))
}

func (v *kbView) askRemove() {
	a := v.current
	if a.ID == 0 || !v.u.needUser() {
		return
	}
	dialog.ShowConfirm(T("Remove article?"), TF("Remove “{{.title}}” from the knowledge base?", map[string]any{"title": a.Title}), func(ok bool) {
		if !ok {
			return
		}
		if err := v.u.svc.KB.Remove(v.u.ctx, v.u.actor(), a.ID); err != nil {
			v.errLine.SetText(errorText(err))
			return
		}
		v.picker.refresh()
		if x, ok := v.picker.selected(); ok {
			v.edit(x)
		} else {
			v.edit(data.Article{})
		}
	}, v.u.kbWin)
}
