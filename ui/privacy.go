package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// privacyKeeper is what the privacy tools need (PIPL): a customer's data
// exported into a folder, erased, and the customers whose retention ended.
type privacyKeeper interface {
	Export(ctx context.Context, a data.Actor, ref, dir, lang string) (data.CustomerExported, error)
	Anonymise(ctx context.Context, a data.Actor, ref string) (data.AnonymiseResult, error)
	Due(ctx context.Context, closedBefore time.Time) (data.RetentionDue, error)
	AnonymiseDue(ctx context.Context, a data.Actor, closedBefore time.Time) (data.RetentionDue, []data.AnonymiseResult, error)
}

// privacyButtons are the case screen's privacy tools: export the customer's
// data (anyone who may print), anonymise them (the owner).
func (d *caseDetail) privacyButtons(c data.Case) []fyne.CanvasObject {
	if d.u.svc.Privacy == nil || c.CustomerID == 0 {
		return nil
	}
	export := widget.NewButtonWithIcon(T("Export customer's data…"), theme.FolderOpenIcon(), func() { d.u.exportCustomer(c) })
	out := []fyne.CanvasObject{export}
	if d.u.actor().Can(data.ActionPrivacy) {
		anon := widget.NewButtonWithIcon(T("Anonymise customer…"), theme.DeleteIcon(), func() { d.u.askAnonymise(c) })
		anon.Importance = widget.DangerImportance
		out = append(out, anon)
	}
	return out
}

// exportFolderName is the folder an export gets inside the one chosen.
func exportFolderName(customer uint64, now time.Time) string {
	return fmt.Sprintf("customer-%d-%s", customer, now.In(zone()).Format("20060102-150405"))
}

// exportCustomer asks for a folder and writes the case's customer's data
// into a new folder inside it.
func (u *UI) exportCustomer(c data.Case) {
	if !u.needUser() {
		return
	}
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		u.exportCustomerTo(c, filepath.Join(l.Path(), exportFolderName(c.CustomerID, u.now())))
	}, u.win)
	d.Show()
}

// exportCustomerTo writes the export and says where it is.
func (u *UI) exportCustomerTo(c data.Case, dir string) {
	a := u.actor()
	u.async(func() func() {
		res, err := u.svc.Privacy.Export(u.ctx, a, c.Number, dir, "")
		return func() {
			if err != nil {
				u.showError(err)
				return
			}
			msg := TF("The data of customer {{.ref}} ({{.cases}} cases, {{.messages}} messages, {{.files}} files) is in {{.path}}",
				map[string]any{"ref": data.CustomerRef(res.Customer.ID), "cases": res.Cases, "messages": res.Messages, "files": res.Files, "path": res.Dir})
			u.notify(msg)
			dialog.ShowInformation(T("Customer's data exported"), msg, u.win)
		}
	})
}

// askAnonymise asks the owner, then erases the customer's personal data.
func (u *UI) askAnonymise(c data.Case) {
	ref := data.CustomerRef(c.CustomerID)
	msg := TF("The name, phone, e-mail and WeChat of customer {{.ref}}, the text and attachments of their mail, evidence files, letters' PDFs and every free text of their cases are erased for good. Numbers, categories, dates, amounts, ratings and statuses stay, so every figure is the same. The erased data leaves the database file when Casebook next starts.",
		map[string]any{"ref": ref})
	u.confirm(T("Anonymise this customer?"), msg, T("Anonymise"), T("Cancel"), true, func(ok bool) {
		if !ok {
			return
		}
		a := u.actor()
		u.async(func() func() {
			res, err := u.svc.Privacy.Anonymise(u.ctx, a, ref)
			return func() {
				if err != nil {
					u.showError(err)
					return
				}
				u.notify(anonymisedText(res)) // the list and the case follow the change feed
			}
		})
	})
}

func anonymisedText(r data.AnonymiseResult) string {
	if r.Already {
		return TF("Customer {{.ref}} holds no personal data any more.", map[string]any{"ref": data.CustomerRef(r.Customer)})
	}
	return TF("Customer {{.ref}} anonymised: {{.cases}} cases, {{.messages}} messages, {{.files}} stored files erased.",
		map[string]any{"ref": data.CustomerRef(r.Customer), "cases": len(r.Cases), "messages": r.Messages, "files": r.Blobs})
}

// privacyPage is Settings → Privacy (the owner's): the retention period,
// the customers due for anonymisation and one button for them all.
type privacyPage struct {
	u      *UI
	due    *widget.Label
	list   *widget.Button // reads what is due: every case that ended before the cutoff
	bulk   *widget.Button
	latest data.RetentionDue
}

// appendPrivacyTab adds the Privacy page; its retention field chains onto
// v.read like the other settings (saved by the owner, as every setting).
// Its buttons are the owner's: the page is built once, whoever works later,
// so they check the person working when pressed.
func (v *settingsView) appendPrivacyTab(tabs *container.AppTabs, st data.Settings, page func(...fyne.CanvasObject) fyne.CanvasObject) {
	if v.u.svc.Privacy == nil {
		return
	}
	years := widget.NewEntry()
	years.SetText(strconv.Itoa(st.Privacy.Years()))
	form := widget.NewForm(widget.NewFormItem(T("Keep personal data for (years)"), v.marks.under("privacy.retention_years", years)))
	form.Items[0].HintText = T("Cases closed longer ago than this are due for anonymisation (default 2).")
	prev := v.read
	v.read = func() (data.Settings, error) {
		out, err := prev()
		n, perr := strconv.Atoi(strings.TrimSpace(years.Text))
		if perr != nil || n < 1 || n > data.MaxRetentionYears {
			v.marks.markError(&data.FieldError{Field: "privacy.retention_years", Reason: "a whole number of years from 1 to 30"})
			if err == nil {
				err = errMarked
			}
			return out, err
		}
		if n != st.Privacy.Years() || st.Privacy.RetentionYears != 0 {
			out.Privacy.RetentionYears = n
		}
		return out, err
	}
	p := &privacyPage{u: v.u, due: widget.NewLabel("")}
	p.due.Wrapping = fyne.TextWrapWord
	p.bulk = widget.NewButtonWithIcon(TF("Anonymise {{.n}} customers…", map[string]any{"n": 0}), theme.DeleteIcon(), p.askBulk)
	p.bulk.Importance = widget.DangerImportance
	p.bulk.Hide()
	p.list = widget.NewButtonWithIcon(T("List the customers due"), theme.SearchIcon(), p.load)
	tabs.Append(container.NewTabItem(T("Privacy"), page(
		widget.NewCard(T("Retention"), T("How long personal data of closed cases is kept. Figures (counts, deadlines, amounts, ratings) are kept for good."), form),
		widget.NewCard(T("Due for anonymisation"), T("Customers all of whose cases ended before the retention period. A customer with a recent or open case is kept."), container.NewVBox(p.list, p.due, p.bulk)))))
}

// load lists what is due, read off the UI goroutine when asked for (it
// reads every case that ended before the cutoff: seconds on a large file).
func (p *privacyPage) load() {
	if !p.owner() {
		return
	}
	p.bulk.Disable()
	p.list.Disable()
	p.u.async(func() func() {
		due, err := p.u.svc.Privacy.Due(p.u.ctx, time.Time{})
		return func() {
			p.list.Enable()
			if err != nil {
				p.due.SetText(errorText(err))
				p.bulk.Hide()
				return
			}
			p.bulk.Show()
			p.latest = due
			p.due.SetText(dueText(due))
			p.bulk.SetText(TF("Anonymise {{.n}} customers…", map[string]any{"n": len(due.Due)}))
			if len(due.Due) > 0 {
				p.bulk.Enable()
			}
		}
	})
}

// dueShown is how many customers of each list the page names; the rest
// are counted.
const dueShown = 30

func dueText(due data.RetentionDue) string {
	pp := pr()
	lines := []string{TF("{{.n}} customers whose cases all ended before {{.date}}:", map[string]any{"n": len(due.Due), "date": pp.Date(due.Cutoff.In(zone()))})}
	more := func(n int) {
		if n > dueShown {
			lines = append(lines, "  "+TF("… and {{.n}} more customers", map[string]any{"n": n - dueShown}))
		}
	}
	for _, d := range due.Due[:min(len(due.Due), dueShown)] {
		var ns []string
		for _, c := range d.Cases {
			ns = append(ns, c.Number+" ("+pp.Date(c.ClosedAt.In(zone()))+")")
		}
		lines = append(lines, "  "+data.CustomerRef(d.Customer)+": "+strings.Join(ns, ", "))
	}
	more(len(due.Due))
	for _, d := range due.Kept[:min(len(due.Kept), dueShown)] {
		lines = append(lines, "  "+TF("kept: {{.ref}} has a recent or open case, {{.case}}", map[string]any{"ref": data.CustomerRef(d.Customer), "case": d.KeptBy}))
	}
	more(len(due.Kept))
	return strings.Join(lines, "\n")
}

// owner tells whether the person working may use the page's buttons, and
// says why not when they may not.
func (p *privacyPage) owner() bool {
	a := p.u.actor()
	if err := a.Check(data.ActionPrivacy); err != nil {
		p.u.showError(err)
		return false
	}
	return true
}

// askBulk asks, then anonymises every customer due.
func (p *privacyPage) askBulk() {
	n := len(p.latest.Due)
	if n == 0 || !p.owner() {
		return
	}
	cutoff := p.latest.Cutoff
	p.u.confirm(TF("Anonymise {{.n}} customers?", map[string]any{"n": n}),
		T("Their names, contacts, mail, files and free texts are erased for good; every figure stays. The erased data leaves the database file when Casebook next starts."),
		T("Anonymise"), T("Cancel"), true, func(ok bool) {
			if !ok {
				return
			}
			a := p.u.actor()
			p.u.async(func() func() {
				_, rs, err := p.u.svc.Privacy.AnonymiseDue(p.u.ctx, a, cutoff)
				return func() {
					p.load()
					if err != nil {
						p.u.showError(err)
						return
					}
					p.u.notify(TF("{{.n}} customers anonymised.", map[string]any{"n": len(rs)}))
				}
			})
		})
}
