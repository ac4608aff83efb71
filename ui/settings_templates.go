package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// templateEditor is what Settings → Mail templates needs: each template in
// each language as in force, the owner's own wording checked and saved or
// reset to the standard one, and a preview filled from a case.
type templateEditor interface {
	Get(name, lang string) (data.TemplateInfo, error)
	Set(ctx context.Context, a data.Actor, t data.MailTemplate) error
	Reset(ctx context.Context, a data.Actor, name, lang string) error
	Preview(ctx context.Context, t data.MailTemplate, number, text string) (subject, body string, err error)
}

// templatePageNames are the templates in the order a case uses them.
var templatePageNames = []string{"acknowledge", "ask_evidence", "propose", "reply", "close", "followup"}

// templatesPage is Settings → Mail templates. It saves on its own buttons,
// not with "Save settings": a template is checked and stored alone.
type templatesPage struct {
	u        *UI
	names    choice[string]
	name     *safeSelect
	langs    choice[string]
	lang     *safeSelect
	state    *widget.Label // standard, or the agency's own and by whom
	subject  *widget.Entry
	body     *widget.Entry
	errLine  *widget.Label
	preview  *widget.Label
	from     *widget.Label // what the preview is filled from
	save     *widget.Button
	reset    *widget.Button
	loading  bool
	readOnly bool
}

// appendTemplatesTab adds the page when the app has templates to offer.
func (v *settingsView) appendTemplatesTab(tabs *container.AppTabs, page func(...fyne.CanvasObject) fyne.CanvasObject) {
	if v.u.svc.Templates == nil {
		return
	}
	p := newTemplatesPage(v.u)
	v.templatesTab = container.NewTabItem(T("Mail templates"), page(
		widget.NewCard(T("Mail templates"), T("What Casebook writes to customers, per language. Your own wording replaces the standard one until you reset it."), p.editor())))
	tabs.Append(v.templatesTab)
}

// showSaveButtons hides Save settings and Undo on the Mail templates page,
// which has its own, and for who may not change the settings.
func (v *settingsView) showSaveButtons() {
	hide := v.readOnly || (v.templatesTab != nil && v.tabs != nil && v.tabs.Selected() == v.templatesTab)
	if v.buttons.Hidden != hide {
		v.buttons.Hidden = hide
		v.buttons.Refresh()
	}
}

func newTemplatesPage(u *UI) *templatesPage {
	p := &templatesPage{u: u, state: widget.NewLabel(""), subject: widget.NewEntry(), body: widget.NewMultiLineEntry(),
		errLine: widget.NewLabel(""), preview: widget.NewLabel(""), from: widget.NewLabel("")}
	p.names = newChoice(templatePageNames, templateLabel)
	p.name = newSelect(p.names.labels, func(string) { p.load() })
	p.langs = newChoice(data.Languages, languageLabel)
	p.lang = newSelect(p.langs.labels, func(string) { p.load() })
	p.body.Wrapping = fyne.TextWrapWord
	p.body.SetMinRowsVisible(14)
	p.errLine.Wrapping = fyne.TextWrapWord
	p.errLine.Importance = widget.DangerImportance
	p.preview.Wrapping = fyne.TextWrapWord
	p.from.Importance = widget.LowImportance
	p.subject.OnChanged = func(string) { p.refreshPreview() }
	p.body.OnChanged = func(string) { p.refreshPreview() }
	p.save = widget.NewButtonWithIcon(T("Save template"), theme.DocumentSaveIcon(), p.saveTemplate)
	p.save.Importance = widget.HighImportance
	p.reset = widget.NewButtonWithIcon(T("Reset to standard"), theme.HistoryIcon(), p.resetTemplate)
	p.readOnly = len(u.settings().Staff) > 0 && !u.can(data.ActionSettings) // as settingsView.mustBeReadOnly
	p.loading = true
	p.name.SetSelectedIndex(0)
	lang := u.settings().Language
	if lang == "" {
		lang = currentLanguage()
	}
	p.langs.set(p.lang, lang)
	if p.lang.SelectedIndex() < 0 {
		p.lang.SetSelectedIndex(0)
	}
	p.loading = false
	p.load()
	return p
}

func (p *templatesPage) editor() fyne.CanvasObject {
	form := widget.NewForm(widget.NewFormItem(T("Template"), p.name), widget.NewFormItem(T("Language"), p.lang),
		widget.NewFormItem(T("Subject"), p.subject))
	hint := widget.NewLabel(T("Placeholders:") + " " + data.TemplatePlaceholderList)
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	// The text and its preview side by side: each edit shows at once what the customer reads.
	// A refused template says why where the preview would be, in view while typing.
	preview := widget.NewCard(T("Preview"), "", container.NewVBox(p.errLine, p.from, p.preview))
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(p.save, p.reset), p.state)
	box := container.NewVBox(form, bar, container.NewGridWithColumns(2, p.body, preview), hint)
	if p.readOnly {
		for _, w := range []fyne.Disableable{p.subject, p.body, p.save, p.reset} {
			w.Disable()
		}
	}
	return box
}

func (p *templatesPage) current() (name, lang string) {
	return p.names.value(p.name), p.langs.value(p.lang)
}

// load shows the chosen template as it is in force.
func (p *templatesPage) load() {
	if p.loading {
		return
	}
	name, lang := p.current()
	if name == "" || lang == "" {
		return
	}
	t, err := p.u.svc.Templates.Get(name, lang)
	if err != nil {
		p.errLine.SetText(errorText(err))
		return
	}
	p.loading = true
	p.subject.SetText(t.Subject)
	p.body.SetText(t.Body)
	p.loading = false
	if t.Custom {
		p.state.SetText(TF("The agency's own wording (by {{.by}}).", map[string]any{"by": orDash(t.By)}))
		if !p.readOnly {
			p.reset.Enable()
		}
	} else {
		p.state.SetText(T("The standard wording."))
		p.reset.Disable()
	}
	p.refreshPreview()
}

func (p *templatesPage) edited() data.MailTemplate {
	name, lang := p.current()
	return data.MailTemplate{Name: name, Language: lang, Subject: p.subject.Text, Body: p.body.Text}
}

// refreshPreview fills the template as typed from the case open on the
// Cases tab, or from sample data; a bad template shows its error instead.
func (p *templatesPage) refreshPreview() {
	if p.loading {
		return
	}
	number := ""
	if d := p.u.detail; d != nil && d.id != 0 {
		number = d.current.Number
		p.from.SetText(TF("Filled from case {{.number}}.", map[string]any{"number": number}))
	} else {
		p.from.SetText(T("Filled with sample data: open a case to see it filled from that case."))
	}
	subject, body, err := p.u.svc.Templates.Preview(p.u.ctx, p.edited(), number, "")
	if err != nil {
		p.errLine.SetText(errorText(err))
		p.preview.SetText("")
		return
	}
	p.errLine.SetText("")
	p.preview.SetText(subject + "\n\n" + body)
}

func (p *templatesPage) saveTemplate() {
	if !p.u.needUser() {
		return
	}
	if err := p.u.svc.Templates.Set(p.u.ctx, p.u.actor(), p.edited()); err != nil {
		p.errLine.SetText(errorText(err))
		return
	}
	p.load()
	p.u.notify(T("Template saved."))
}

func (p *templatesPage) resetTemplate() {
	if !p.u.needUser() {
		return
	}
	name, lang := p.current()
	if err := p.u.svc.Templates.Reset(p.u.ctx, p.u.actor(), name, lang); err != nil {
		p.errLine.SetText(errorText(err))
		return
	}
	p.load()
	p.u.notify(T("Template reset to the standard wording."))
}
