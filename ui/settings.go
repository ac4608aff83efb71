package ui

import (
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

// settingsView edits the agency's settings: counter code, staff, deadlines,
// categories, business calendar and language.
type settingsView struct {
	u          *UI
	content    fyne.CanvasObject
	body       *fyne.Container
	read       func() (data.Settings, error) // collects the edited settings
	tab        int                           // the settings page shown
	password   string                        // a newly typed mail password, for the keyring
	agency     *agencyEditor
	cats       *categoryEditor
	appearance *appearanceEditor
	marks      *fieldMarks // the error line under each field
	tabs       *container.AppTabs
	cal        *calendarEditor
	policy     *policyEditor
	staff      *staffEditor
	schedule   *backupFields // the scheduled backup (settings_backup.go)
	// readOnly: the person working may not change the settings (roles.go,
	// settings_roles.go); buttons holds Save and Undo, hidden then.
	readOnly bool
	role     data.Role // the role the pages were built for
	buttons  *fyne.Container
	top      *fyne.Container // above the pages: what the person may not change
	idle     *widget.Entry   // minutes before the idle lock (settings_signin.go)

	learnStatus *widget.Label  // what the classifier learned from (settings_classify.go)
	evaluate    *widget.Button // its cross-validation (settings_classify_eval.go)
	evalDialog  dialog.Dialog  // the figures shown last
	// templatesTab is Settings → Mail templates, which saves on its own
	// buttons: Save and Undo are hidden there (settings_templates.go).
	templatesTab *container.TabItem
}

func newSettingsView(u *UI) *settingsView {
	v := &settingsView{u: u, body: container.NewStack()}
	save := widget.NewButton(T("Save settings"), v.save)
	save.Importance = widget.HighImportance
	revert := widget.NewButton(T("Undo changes"), v.load)
	v.buttons, v.top = container.NewHBox(save, revert), container.NewVBox()
	v.content = container.NewBorder(v.top, container.NewPadded(v.buttons), nil, nil, v.body)
	v.load()
	return v
}

// load builds the editors from the stored settings.
func (v *settingsView) load() {
	st := v.u.settings()
	counter := widget.NewEntry()
	counter.SetText(st.CounterCode)
	currency := widget.NewEntry()
	currency.SetText(st.Currency)
	langChoice := newChoice(append([]string{""}, data.Languages...), languageLabel)
	language := newSelect(langChoice.labels, nil)
	langChoice.set(language, st.Language)
	marks := newFieldMarks()
	v.marks = marks
	general := widget.NewForm(
		widget.NewFormItem(T("Counter code"), marks.under("counter_code", counter)),
		widget.NewFormItem(T("Currency"), marks.under("currency", currency)),
		widget.NewFormItem(T("Language"), language),
	)
	general.Items[0].HintText = T("Starts every case number, e.g. A-2026-0001")
	general.Items[2].HintText = T("Takes effect when Casebook is started again")
	v.auditHeadItem(general)
	readIdle := v.idleItem(general, st, marks)        // settings_signin.go
	learnCard, readLearn := v.classifyCard(st, marks) // settings_classify.go

	staff := newStaffEditor(v.u, st.Staff)
	policy := newPolicyEditor(st.Policy, marks)
	cats := newCategoryEditor(st.Categories)
	cal := newCalendarEditor(st.Calendar, marks)
	v.cal, v.policy, v.staff = cal, policy, staff
	mail := newMailEditor(v.u, st.Mail)
	rulesBox, rulesEntry := rulesEditor(st.MailRules)
	agency := newAgencyEditor(v.u, st.Agency)
	appearance := newAppearanceEditor(st.UI)
	v.appearance = appearance
	v.agency = agency
	v.cats = cats
	cats.marks = marks

	v.read = func() (data.Settings, error) {
		out := st
		out.CounterCode = strings.ToUpper(strings.TrimSpace(counter.Text))
		out.Currency = strings.ToUpper(strings.TrimSpace(currency.Text))
		out.Language = langChoice.value(language)
		out.Staff = staff.read()
		out.Agency = agency.read()
		out.UI = appearance.read()
		marks.clear()
		var err error
		var okPolicy, okCalendar bool
		out.Policy, okPolicy = policy.read(marks)
		out.Calendar, okCalendar = cal.read(st.Calendar, marks)
		var okIdle, okLearn bool
		out.SignIn, okIdle = readIdle()
		out.Classify, okLearn = readLearn()
		okCalendar = okCalendar && okIdle && okLearn
		var catErr error
		out.Categories, catErr = cats.read()
		if !okPolicy || !okCalendar || errors.Is(catErr, errMarked) {
			return out, errMarked
		}
		if catErr != nil {
			return out, catErr
		}
		if out.Mail, v.password, err = mail.read(); err != nil {
			return out, err
		}
		if out.MailRules, err = parseRules(rulesEntry.Text, out); err != nil {
			return out, err
		}
		return out, nil
	}
	// One page per subject; the tab that was open stays open after a save.
	page := func(cards ...fyne.CanvasObject) fyne.CanvasObject {
		// Both ways: a wide page (the categories table) scrolls instead of widening the window past a small screen.
		return container.NewScroll(container.NewPadded(container.NewVBox(cards...)))
	}
	tabs := container.NewAppTabs(
		container.NewTabItem(T("General"), page(
			widget.NewCard(T("General"), "", general), appearance.content,
			widget.NewCard(T("Staff"), T("Who handles cases, and their role for escalation"), staff.content), v.escalationCard(st), v.approvalCard(st), v.customersCard(st),
			v.travellersCard(st))), // settings_travellers.go
		container.NewTabItem(T("Agency"), page(
			widget.NewCard(T("Agency"), T("Printed at the head and foot of every letter and archive."), agency.content),
			widget.NewCard(T("Where else customers can turn"), T("Printed at the end of letters, in the letter's language. Leave a text empty to print the standard one: the 12345 hotline and the local culture and tourism bureau."), agency.recourse))),
		container.NewTabItem(T("Deadlines"), page(
			widget.NewCard(T("Deadlines"), T("Time to first response and to resolution, by severity. Urgent cases count around the clock; the others count working time, where 24h is one working day."), policy.content),
			widget.NewCard(T("Business hours and holidays"), "", cal.content), v.referralCard(st), v.followUpCard(st))), // settings_followup.go
		container.NewTabItem(T("Categories"), page(
			widget.NewCard(T("Categories"), T("Names in each language; a deadline here overrides the severity's (empty: use the severity's)."), cats.content))),
		container.NewTabItem(T("Suggestions"), page(learnCard)), // settings_classify.go
		container.NewTabItem(T("E-mail"), page(
			widget.NewCard(T("E-mail"), T("The agency's mailbox: complaints sent to it become cases, and replies go out from it."), mail.content),
			widget.NewCard(T("Keyword rules"), T("How a case opened from an e-mail is classified."), rulesBox))),
		v.warningsTab(st, page),
	)
	settingsTabs := len(tabs.Items)
	v.appendBackupTab(tabs, page)
	v.appendPrivacyTab(tabs, st, page)
	v.appendTemplatesTab(tabs, page) // settings_templates.go
	v.tabs = tabs
	tabs.SetTabLocation(container.TabLocationLeading)
	tabs.SelectIndex(v.tab)
	tabs.OnSelected = func(*container.TabItem) { v.tab = tabs.SelectedIndex(); v.showSaveButtons() }
	v.followRole(tabs, settingsTabs)
	if v.evaluate != nil {
		v.evaluate.Enable() // a look at the figures changes nothing: anyone may
	}
	v.showSaveButtons()
	v.body.Objects = []fyne.CanvasObject{tabs}
	v.body.Refresh()
}

func (v *settingsView) save() {
	st, err := v.read()
	if err == nil {
		err = v.u.svc.Settings.Save(v.u.ctx, v.u.actor(), st)
	}
	if err == nil && v.password != "" {
		if perr := v.u.svc.Mail.SavePassword(v.u.actor(), st.Mail.Username, v.password); perr != nil {
			dialog.ShowError(localError(T("The settings were saved, but the password could not be stored in the system keyring:")+"\n"+perr.Error()+"\n"+T("Start Casebook with CASEBOOK_MAIL_PASSWORD set instead.")), v.u.win)
		}
		v.password = ""
	}
	if err != nil && !errors.Is(err, errMarked) && v.marks.markError(err) {
		err = errMarked // the stored settings' own check, marked under its field
	}
	if errors.Is(err, errMarked) {
		v.showFirstMark()
		v.u.notify(T("The settings were not saved: correct the fields marked in red."))
		return
	}
	if err != nil {
		if _, local := err.(localError); local {
			dialog.ShowError(err, v.u.win)
		} else {
			dialog.ShowError(errors.New(settingsErrorText(err)), v.u.win)
		}
		return
	}
	v.u.reloadStaff()
	v.u.form.reloadSettings()
	v.u.refreshAll()
	v.load()
	v.u.mail.show()
	v.u.svc.Mail.SyncNow()
	v.u.notify(T("Settings saved"))
}

// settingsErrorText explains in the user's language why settings were refused.
func settingsErrorText(err error) string {
	var fe *data.FieldError
	if !errors.As(err, &fe) {
		if errors.Is(err, data.ErrInvalid) || errors.Is(err, data.ErrLocked) || errors.Is(err, data.ErrForbidden) {
			return errorText(err)
		}
		return T("The settings were not saved:") + " " + err.Error()
	}
	if text := fieldErrorText(fe); text != T("Some input is not valid.") {
		return text
	}
	return T("The settings were not saved:") + " " + fe.Error()
}

func languageLabel(l string) string {
	switch l {
	case "":
		return T("Follow the system")
	case "zh-Hans":
		return "简体中文"
	case "zh-Hant":
		return "繁體中文"
	}
	return "English"
}

// staffEditor is a list of name + role rows.
type staffEditor struct {
	u       *UI
	asking  dialog.Dialog // the question about a leaving person's cases, while open
	content *fyne.Container
	rows    *fyne.Container
	entries []staffRow

	pins       map[string]*widget.Button // "Set PIN…" by saved name (settings_signin.go)
	pinAsk     dialog.Dialog             // the PIN question, while open
	pinEntries [2]*widget.Entry          // its two fields
}

type staffRow struct {
	name   *widget.Entry
	role   *safeSelect
	choice choice[data.Role]
	box    fyne.CanvasObject
}

func newStaffEditor(u *UI, staff []data.Staff) *staffEditor {
	e := &staffEditor{u: u, rows: container.NewVBox()}
	for _, s := range staff {
		e.add(s)
	}
	add := widget.NewButton(T("Add staff member"), func() {
		role := data.RoleStaff
		if len(e.entries) == 0 {
			role = data.RoleOwner // the first person, setting Casebook up, owns it
		}
		e.add(data.Staff{Role: role})
	})
	e.content = container.NewVBox(e.rows, container.NewHBox(add))
	return e
}

func (e *staffEditor) add(s data.Staff) {
	r := staffRow{name: widget.NewEntry(), choice: newChoice(data.Roles, roleLabel)}
	r.name.SetText(s.Name)
	r.name.SetPlaceHolder(T("Name"))
	r.role = newSelect(r.choice.labels, nil)
	r.choice.set(r.role, s.Role)
	remove := widget.NewButton(T("Remove"), func() {
		// A saved staff member's unfinished cases need a new owner first (settings_staff.go).
		e.askRemove(s.Name, func() { e.drop(r) })
	})
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(r.role, e.pinButton(s.Name), remove), r.name)
	e.entries = append(e.entries, r)
	e.rows.Add(r.box)
}

// drop takes a row off the list.
func (e *staffEditor) drop(r staffRow) {
	for i, x := range e.entries {
		if x.name == r.name {
			e.entries = append(e.entries[:i], e.entries[i+1:]...)
			e.rows.Remove(x.box)
			return
		}
	}
}

func (e *staffEditor) read() []data.Staff {
	var out []data.Staff
	for _, r := range e.entries {
		name := strings.TrimSpace(r.name.Text)
		if name == "" {
			continue
		}
		role := r.choice.value(r.role)
		if role == "" {
			role = data.RoleStaff
		}
		out = append(out, data.Staff{Name: name, Role: role})
	}
	return out
}

// policyEditor edits the targets per severity as durations such as 24h.
type policyEditor struct {
	content fyne.CanvasObject
	entries map[data.Severity][2]*widget.Entry
}

func newPolicyEditor(p data.Policy, marks *fieldMarks) *policyEditor {
	e := &policyEditor{entries: map[data.Severity][2]*widget.Entry{}}
	grid := container.NewGridWithColumns(3,
		widget.NewLabel(""), widget.NewLabel(T("First response")), widget.NewLabel(T("Resolution")))
	for _, sev := range data.Severities {
		t := p.For(sev)
		first, res := widget.NewEntry(), widget.NewEntry()
		first.SetText(formatDuration(time.Duration(t.FirstResponse)))
		res.SetText(formatDuration(time.Duration(t.Resolution)))
		e.entries[sev] = [2]*widget.Entry{first, res}
		grid.Add(widget.NewLabel(severityLabel(sev)))
		grid.Add(marks.under(policyField(sev, true), first))
		grid.Add(marks.under(policyField(sev, false), res))
	}
	e.content = container.NewVBox(grid, widget.NewLabel(T("Write durations as 1h, 24h, 72h or 7d.")))
	return e
}

// policyField names a target as data.Policy's errors do.
func policyField(sev data.Severity, first bool) string {
	if first {
		return "policy." + string(sev) + ".first_response"
	}
	return "policy." + string(sev) + ".resolution"
}

// read collects the targets, marking each one that is not a duration or
// that data.Policy refuses; ok is false when any is marked.
func (e *policyEditor) read(marks *fieldMarks) (data.Policy, bool) {
	var p data.Policy
	ok := true
	unread := map[string]bool{} // fields that are no duration: marked as such, and nothing more
	for _, sev := range data.Severities {
		var d [2]time.Duration
		for i, entry := range e.entries[sev] {
			var err error
			if d[i], err = parseDurationText(entry.Text); err != nil {
				marks.mark(policyField(sev, i == 0), err.Error())
				unread[policyField(sev, i == 0)] = true
				ok = false
			}
		}
		t := data.Targets{FirstResponse: data.Duration(d[0]), Resolution: data.Duration(d[1])}
		switch sev {
		case data.SeverityUrgent:
			p.Urgent = t
		case data.SeverityNormal:
			p.Normal = t
		default:
			p.Low = t
		}
	}
	for _, err := range p.Problems() {
		if fe, _ := err.(*data.FieldError); fe != nil && unread[fe.Field] {
			continue
		}
		marks.markError(err)
		ok = false
	}
	return p, ok
}

// parseDurationText reads "24h", "30m", "7d" or "1d12h"; empty is zero.
func parseDurationText(s string) (time.Duration, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return 0, nil
	}
	var days time.Duration
	if i := strings.Index(s, "d"); i > 0 {
		var n int
		if _, err := fmt.Sscanf(s[:i], "%d", &n); err != nil || n < 0 {
			return 0, durationError(s)
		}
		days = time.Duration(n) * 24 * time.Hour
		s = s[i+1:]
		if s == "" {
			return days, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, durationError(s)
	}
	return days + d, nil
}

// formatDuration writes a week or more of whole days as "7d", the rest as
// "24h", "1h30m" or "30m"; parseDurationText reads all of them back.
func formatDuration(d time.Duration) string {
	if d == 0 {
		return ""
	}
	if d%(24*time.Hour) == 0 && d >= 96*time.Hour {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return data.Duration(d).String()
}

// categoryEditor edits names and deadline overrides of each category. A new
// category's code may be left empty: it is derived from the name (and shown
// as the field's placeholder while typing). Saved categories are never
// deleted, since cases refer to them: they are retired and can be restored.
type categoryEditor struct {
	content *fyne.Container
	grid    *fyne.Container
	rows    []*categoryRow
	addBtn  *widget.Button
	marks   *fieldMarks // where a wrong deadline is marked
}

type categoryRow struct {
	existing                   bool
	retired                    bool
	code                       string        // a saved category's code
	slug                       *widget.Entry // a new category's code; nil for saved ones
	codeLabel                  *widget.Label // a saved category's code, and whether it is retired
	zhHans, zhHant, en         *widget.Entry
	firstOverride, resOverride *widget.Entry
	firstMark, resMark         *widget.Label  // what is wrong with each, under it
	action                     *widget.Button // Retire / Restore, or Remove for a new row
	cells                      []fyne.CanvasObject
}

func newCategoryEditor(cats []data.Category) *categoryEditor {
	e := &categoryEditor{}
	e.grid = container.NewGridWithColumns(7,
		widget.NewLabel(T("Code")), widget.NewLabel("简体中文"), widget.NewLabel("繁體中文"), widget.NewLabel("English"),
		widget.NewLabel(T("First response")), widget.NewLabel(T("Resolution")), widget.NewLabel(""))
	for _, c := range cats {
		e.add(c, true)
	}
	e.addBtn = widget.NewButton(T("Add category"), func() { e.add(data.Category{}, false) })
	hint := widget.NewLabel(T("A new category without a code gets one from its English name, or cat_1, cat_2…. A retired category stays on its cases and in the reports, but is not offered for new cases."))
	hint.Wrapping = fyne.TextWrapWord
	e.content = container.NewVBox(e.grid, container.NewHBox(e.addBtn), hint)
	return e
}

func (e *categoryEditor) add(c data.Category, existing bool) {
	entry := func(s string) *widget.Entry {
		x := widget.NewEntry()
		x.SetText(s)
		return x
	}
	r := &categoryRow{existing: existing, retired: c.Retired, code: c.Slug,
		zhHans: entry(c.Names["zh-Hans"]), zhHant: entry(c.Names["zh-Hant"]), en: entry(c.Names["en"]),
		firstOverride: entry(formatDuration(time.Duration(c.FirstResponse))),
		resOverride:   entry(formatDuration(time.Duration(c.Resolution))),
	}
	var codeCell fyne.CanvasObject
	if existing { // cases refer to the code: it cannot change
		r.codeLabel = widget.NewLabel("")
		codeCell = r.codeLabel
		r.action = widget.NewButton("", func() {
			r.retired = !r.retired
			r.show()
		})
	} else {
		r.slug = widget.NewEntry()
		r.slug.SetText(c.Slug)
		r.slug.OnChanged = func(string) { e.showCodes() }
		codeCell = r.slug
		r.action = widget.NewButton(T("Remove"), func() { e.remove(r) })
	}
	for _, x := range []*widget.Entry{r.zhHans, r.zhHant, r.en} {
		x.OnChanged = func(string) { e.showCodes() }
	}
	r.firstMark, r.resMark = errorLabel(), errorLabel()
	r.cells = []fyne.CanvasObject{codeCell, r.zhHans, r.zhHant, r.en,
		container.NewVBox(r.firstOverride, r.firstMark), container.NewVBox(r.resOverride, r.resMark), r.action}
	e.rows = append(e.rows, r)
	for _, x := range r.cells {
		e.grid.Add(x)
	}
	r.show()
	e.showCodes()
}

// show writes a saved row's code, its state and the button that changes it.
func (r *categoryRow) show() {
	if !r.existing {
		return
	}
	if r.retired {
		r.codeLabel.SetText(r.code + " · " + T("Retired"))
		r.codeLabel.Importance = widget.WarningImportance
		r.action.SetText(T("Restore"))
	} else {
		r.codeLabel.SetText(r.code)
		r.codeLabel.Importance = widget.MediumImportance
		r.action.SetText(T("Retire"))
	}
	r.codeLabel.Refresh()
}

// remove takes a new, unsaved row away.
func (e *categoryEditor) remove(r *categoryRow) {
	for i, x := range e.rows {
		if x == r {
			e.rows = append(e.rows[:i], e.rows[i+1:]...)
			break
		}
	}
	for _, x := range r.cells {
		e.grid.Remove(x)
	}
	e.showCodes()
}

// showCodes shows each new row's derived code as its placeholder: the code
// it will be saved with when none is typed.
func (e *categoryEditor) showCodes() {
	cats, rows := e.collect()
	for i, c := range cats {
		if r := rows[i]; r.slug != nil && r.slug.PlaceHolder != c.Slug {
			r.slug.SetPlaceHolder(c.Slug)
		}
	}
}

// collect reads the rows' codes and names, deriving the missing codes;
// rows with nothing typed are left out (with their row in rows).
func (e *categoryEditor) collect() ([]data.Category, []*categoryRow) {
	var st data.Settings
	var rows []*categoryRow
	for _, r := range e.rows {
		c := data.Category{Slug: r.code, Retired: r.retired, Names: map[string]string{
			"zh-Hans": strings.TrimSpace(r.zhHans.Text), "zh-Hant": strings.TrimSpace(r.zhHant.Text), "en": strings.TrimSpace(r.en.Text)}}
		if r.slug != nil {
			c.Slug = strings.TrimSpace(r.slug.Text)
			blank := c.Slug == "" && c.Names["zh-Hans"] == "" && c.Names["zh-Hant"] == "" && c.Names["en"] == "" &&
				strings.TrimSpace(r.firstOverride.Text) == "" && strings.TrimSpace(r.resOverride.Text) == ""
			if blank { // an added row nobody typed in
				continue
			}
		}
		st.Categories = append(st.Categories, c)
		rows = append(rows, r)
	}
	st.FillCategoryCodes()
	return st.Categories, rows
}

// read collects the categories; a deadline that is not a duration is
// marked under itself (errMarked), or returned when the page has no marks.
func (e *categoryEditor) read() ([]data.Category, error) {
	cats, rows := e.collect()
	marked := false
	for i, r := range rows {
		var d [2]time.Duration
		for j, f := range []struct {
			entry *widget.Entry
			mark  *widget.Label
		}{{r.firstOverride, r.firstMark}, {r.resOverride, r.resMark}} {
			var err error
			if d[j], err = parseDurationText(f.entry.Text); err != nil {
				if e.marks == nil {
					return nil, err
				}
				e.marks.show(f.mark, err.Error())
				marked = true
			}
		}
		cats[i].FirstResponse, cats[i].Resolution = data.Duration(d[0]), data.Duration(d[1])
	}
	if marked {
		return nil, errMarked
	}
	return cats, nil
}

// errMarked says the settings were not saved because fields are marked.
var errMarked = errors.New("settings: fields marked")

// showFirstMark brings the page with the first marked field forward.
func (v *settingsView) showFirstMark() {
	if v.tabs == nil || len(v.marks.marked) == 0 {
		return
	}
	first := v.marks.marked[0]
	for i, it := range v.tabs.Items {
		if holds(it.Content, first) {
			v.tabs.SelectIndex(i)
			return
		}
	}
}

// holds tells whether o is, or contains, x.
func holds(o, x fyne.CanvasObject) bool {
	if o == x {
		return true
	}
	switch o := o.(type) {
	case *fyne.Container:
		for _, c := range o.Objects {
			if holds(c, x) {
				return true
			}
		}
	case *container.Scroll:
		return holds(o.Content, x)
	case *widget.Card:
		return holds(o.Content, x)
	case *widget.Form:
		for _, it := range o.Items {
			if holds(it.Widget, x) {
				return true
			}
		}
	}
	return false
}

// localError is an error already in the user's language.
type localError string

func (e localError) Error() string { return string(e) }

func durationError(s string) error {
	return localError(TF("“{{.Text}}” is not a duration such as 24h, 30m or 7d.", map[string]any{"Text": s}))
}

// parseClock reads a time of day such as 09:00; 24:00 is the end of the day.
func parseClock(s string) (int, error) {
	if strings.TrimSpace(s) == "24:00" {
		return 24 * 60, nil
	}
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, localError(TF("“{{.Text}}” is not a time such as 09:00.", map[string]any{"Text": s}))
	}
	return t.Hour()*60 + t.Minute(), nil
}
