package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// todaySource is what the Today tab needs of the cases: the lists computed
// from the in-memory list rows, with a mail count it already has.
type todaySource interface {
	TodayRows(who data.Actor, now time.Time, newMail int) data.Today
}

// unfiledCounter counts the incoming mail on no case (unreadable or held).
type unfiledCounter interface {
	Unfiled(ctx context.Context) (int, error)
}

// todayView is the Today tab: for the person working, their cases overdue,
// due today, due soon, waiting too long and escalated to them, the
// unassigned cases and the mail on no case; for a supervisor or owner every
// staff member's too. Each row opens its case. It is computed again from the
// list rows after changes (gathered like the list's) and every minute; the
// mail count only when a mail sync ended.
type todayView struct {
	u       *UI
	tab     *container.TabItem
	heading *widget.Label
	body    *fyne.Container
	mail    int        // incoming messages on no case, as last counted
	last    data.Today // what is shown
	timer   *time.Timer
}

func newTodayView(u *UI) *todayView {
	v := &todayView{u: u, body: container.NewVBox()}
	v.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.heading.Truncation = fyne.TextTruncateEllipsis
	v.tab = container.NewTabItem(T("Today"), container.NewBorder(container.NewPadded(v.heading), nil, nil, nil,
		container.NewVScroll(container.NewPadded(v.body))))
	return v
}

// recompute builds the lists again from the list rows and shows them; the
// warnings and the tray follow.
func (v *todayView) recompute() {
	v.timer = nil
	t := v.u.svc.Cases.TodayRows(v.u.todayActor(), v.u.now(), v.mail)
	v.last = t
	v.show(t)
	v.u.afterToday(t)
}

// schedule recomputes after a short pause, so a burst of changes (a mail
// sync) costs one computation.
func (v *todayView) schedule() {
	if v.timer != nil {
		return
	}
	if v.u.list.delay == 0 { // tests: at once
		v.recompute()
		return
	}
	v.timer = time.AfterFunc(v.u.listDelay, func() { v.u.do(v.recompute) })
}

// countMail counts the mail on no case off the UI goroutine, then shows it.
func (v *todayView) countMail() {
	v.u.async(func() func() {
		n, err := v.u.svc.Mail.Unfiled(v.u.ctx)
		if err != nil {
			return nil // the count stays as it was; the mail log shows the messages
		}
		return func() {
			if n != v.mail {
				v.mail = n
				v.recompute()
			}
		}
	})
}

// todayActor is whose Today is shown: the person under "Working as".
func (u *UI) todayActor() data.Actor {
	if u.currentUser() == "" {
		return data.Actor{}
	}
	return u.actor()
}

func (v *todayView) show(t data.Today) {
	at := t.At.In(zone()).Format("2006-01-02 15:04")
	var objs []fyne.CanvasObject
	if t.Person == "" {
		v.heading.SetText(T("Today") + "  " + at)
		objs = append(objs, wrapped(T("Choose yourself under “Working as” (top right) to see your cases here.")))
	} else {
		v.heading.SetText(TF("Today for {{.Name}}, {{.At}}", map[string]any{"Name": personLabel(t.Person, t.Role, false), "At": at}))
		// Every count in one line; below it only the lists that have cases.
		objs = append(objs, wrapped(TF("{{.Counts}}; {{.Unassigned}} unassigned", map[string]any{
			"Counts": countsText(t.Mine), "Unassigned": t.Unassigned.Count})))
		objs = append(objs, v.lists(t.Mine, true, t.Person)...)
	}
	objs = append(objs, nonNil(v.section(T("Replies due to the bureau"), t.BureauReplies, "", false),
		v.section(T("Awaiting my approval"), t.ToApprove, "", false),
		v.section(T("Unassigned"), t.Unassigned, "", false))...)
	mail := widget.NewLabel(TF("New mail not on a case: {{.N}}", map[string]any{"N": t.NewMail}))
	if t.NewMail > 0 {
		mail.Importance = widget.WarningImportance
		open := widget.NewButton(T("Show the mail"), func() { v.u.tabs.Select(v.u.mailTab) })
		open.Importance = widget.LowImportance
		objs = append(objs, container.NewHBox(mail, open))
	} else {
		objs = append(objs, mail)
	}
	objs = append(objs, v.backupWarning(t)...)
	objs = append(objs, v.followUpSections(t.FollowUps, t.Person)...) // today_followup.go
	if t.Person != "" && t.Mine.Empty() && t.Unassigned.Count == 0 && t.ToApprove.Count == 0 && t.BureauReplies.Count == 0 && t.NewMail == 0 && t.FollowUps.Empty() {
		objs = append(objs, widget.NewLabel(T("Nothing pressing today.")))
	}
	if t.Everyone != nil {
		objs = append(objs, widget.NewSeparator(), widget.NewLabelWithStyle(T("Everyone"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		acc := widget.NewAccordion()
		acc.MultiOpen = true
		for _, s := range t.Everyone {
			title := personLabel(s.Name, s.Role, s.Removed) + " — " + countsText(s.TodayLists)
			lists := v.lists(s.TodayLists, false, s.Name)
			if len(lists) == 0 {
				lists = []fyne.CanvasObject{widget.NewLabel(T("Nothing pressing today."))}
			}
			acc.Append(widget.NewAccordionItem(title, container.NewVBox(lists...)))
		}
		objs = append(objs, acc)
	}
	v.body.Objects = objs
	v.body.Refresh()
}

// lists are one person's sections; mine says whether they are the person
// working (then "Escalated to me").
func (v *todayView) lists(l data.TodayLists, mine bool, owner string) []fyne.CanvasObject {
	escalated := T("Escalated")
	if mine {
		escalated = T("Escalated to me")
	}
	days := v.u.settings().Alerts.Waiting()
	return nonNil(
		v.section(T("Overdue"), l.Overdue, owner, false),
		v.section(T("Due today"), l.DueToday, owner, false),
		v.section(T("Due soon"), l.DueSoon, owner, false),
		v.section(TF("Waiting more than {{.Days}} days", map[string]any{"Days": days}), l.Waiting, owner, true),
		v.section(escalated, l.Escalated, owner, false),
	)
}

// nonNil drops the sections without cases.
func nonNil(objs ...fyne.CanvasObject) []fyne.CanvasObject {
	out := objs[:0]
	for _, o := range objs {
		if o != nil {
			out = append(out, o)
		}
	}
	return out
}

// section is a title with the count and the first cases, each opening its
// case; nil when it has none (the counts line says 0).
func (v *todayView) section(title string, s data.TodaySection, owner string, waiting bool) fyne.CanvasObject {
	if s.Count == 0 {
		return nil
	}
	head := widget.NewLabelWithStyle(fmt.Sprintf("%s  %d", title, s.Count), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rows := []fyne.CanvasObject{head}
	for _, it := range s.Items {
		id := it.ID
		link := widget.NewHyperlink(itemText(it, owner, waiting), nil)
		link.Truncation = fyne.TextTruncateEllipsis // a long subject must not widen the window
		link.OnTapped = func() { v.u.openFromToday(id) }
		rows = append(rows, link)
	}
	if more := s.Count - len(s.Items); more > 0 {
		rows = append(rows, widget.NewLabel(TF("… and {{.N}} more", map[string]any{"N": more})))
	}
	return container.NewVBox(rows...)
}

// itemText is one case in a section: number, when, owner (unless the list is
// that owner's), subject.
func itemText(it data.TodayItem, owner string, waiting bool) string {
	parts := []string{it.Number}
	switch {
	case waiting && !it.Since.IsZero():
		parts = append(parts, TF("waiting since {{.At}}", map[string]any{"At": it.Since.In(zone()).Format("2006-01-02 15:04")}))
	case !it.Due.IsZero():
		parts = append(parts, TF("due {{.At}}", map[string]any{"At": it.Due.In(zone()).Format("2006-01-02 15:04")}))
	}
	if it.Owner != owner && it.Owner != "" {
		parts = append(parts, it.Owner)
	}
	if it.Severity == data.SeverityUrgent {
		parts = append(parts, severityLabel(it.Severity))
	}
	if it.Total > 0 { // awaiting approval: the total decides who may approve
		parts = append(parts, pr().Money(it.Total, it.Currency))
	}
	parts = append(parts, it.Subject)
	return strings.Join(parts, "  ·  ")
}

// countsText sums up one person's lists in a line.
func countsText(l data.TodayLists) string {
	return TF("{{.Overdue}} overdue, {{.Today}} due today, {{.Soon}} due soon, {{.Waiting}} waiting too long, {{.Escalated}} escalated",
		map[string]any{"Overdue": l.Overdue.Count, "Today": l.DueToday.Count, "Soon": l.DueSoon.Count,
			"Waiting": l.Waiting.Count, "Escalated": l.Escalated.Count})
}

// personLabel is a name with the role, or with "no longer on the staff list".
func personLabel(name string, role data.Role, removed bool) string {
	switch {
	case removed:
		return name + paren(T("no longer on the staff list"))
	case role != "":
		return name + paren(roleLabel(role))
	}
	return name
}

// paren is s in brackets after a name: full-width in Chinese.
func paren(s string) string {
	if strings.HasPrefix(currentLanguage(), "zh") {
		return "（" + s + "）"
	}
	return " (" + s + ")"
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// openFromToday shows a case from Today in the Cases tab.
func (u *UI) openFromToday(id uint64) {
	u.tabs.Select(u.casesTab)
	u.openCase(id)
}

// todayApply is Apply's part for Today and the warnings.
func (u *UI) todayApply(n data.Notice) {
	switch n := n.(type) {
	case data.CaseChanged:
		u.warn.caseChanged(n.ID)
		u.today.schedule()
	case data.SettingsChanged:
		u.today.schedule() // roles, staff and the waiting days may have changed
	case data.MailStatusChanged:
		if !n.Status.Syncing {
			u.today.countMail()
		}
	}
}

// startToday shows Today for the first time, and again whenever another
// person is chosen under "Working as"; it starts the warnings and the tray.
func (u *UI) startToday() {
	changed := u.user.OnChanged
	u.user.OnChanged = func(name string) {
		if changed != nil {
			changed(name)
		}
		u.warn.reset()
		u.today.recompute()
		u.roleChanged()      // what this person may do (roles.go)
		u.followAppearance() // their own theme and text size (appearance_mine.go)
	}
	u.setupTray()
	u.today.recompute()
	u.today.countMail()
}
