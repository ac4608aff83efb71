package ui

import (
	"context"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// evidenceKeeper attaches files to a case and opens them again.
type evidenceKeeper interface {
	Attach(ctx context.Context, a data.Actor, number, name string, r io.Reader, note string) (data.Attached, error)
	// OpenEvidence writes an attached file where the system's viewer can
	// open it and returns its path.
	OpenEvidence(ctx context.Context, number, sha string) (string, error)
}

// evidenceSection lists the files attached to the case (a tap opens one)
// and attaches more through a file picker; files dropped on the window are
// attached too (see dropOnCase).
func (d *caseDetail) evidenceSection(c data.Case) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(TF("Evidence ({{.N}})", map[string]any{"N": len(c.Evidence)}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	attach := widget.NewButtonWithIcon(T("Attach files…"), theme.ContentAddIcon(), func() { d.pickEvidence(c) })
	if c.Status == data.StatusClosed {
		attach.Disable()
	}
	list := container.NewVBox()
	p := pr()
	for _, ev := range c.Evidence {
		sha, name := ev.SHA256, ev.Name
		openIt := func() { d.openEvidence(c.Number, sha, name) }
		icon := widget.NewButtonWithIcon("", theme.FileIcon(), openIt)
		icon.Importance = widget.LowImportance
		link := widget.NewHyperlink(name, nil)
		link.OnTapped = openIt
		link.Truncation = fyne.TextTruncateEllipsis // a long name must not widen the pane
		info := widget.NewLabel(strings.Join(nonEmpty(p.Size(ev.Size), orDash(ev.By),
			ev.At.In(zone()).Format(receivedLayout), ev.Note), " · "))
		info.Truncation = fyne.TextTruncateEllipsis
		list.Add(container.NewBorder(nil, nil, icon, nil, container.NewVBox(link, info)))
	}
	if len(c.Evidence) == 0 {
		hint := widget.NewLabel(T("No files yet. Attach photos, receipts, contracts or recordings, or drop files on the window."))
		hint.Wrapping = fyne.TextWrapWord
		list.Add(hint)
	}
	return container.NewVBox(container.NewBorder(nil, nil, title, attach), list)
}

// openEvidence writes the file out and shows it in the system's viewer.
func (d *caseDetail) openEvidence(number, sha, name string) {
	u := d.u
	u.async(func() func() {
		path, err := u.svc.Cases.OpenEvidence(u.ctx, number, sha)
		return func() {
			if err != nil {
				u.showError(err)
				return
			}
			if !u.openFile(path) {
				u.notify(TF("{{.Name}} is saved at {{.Path}}; no program to open it was found.", map[string]any{"Name": name, "Path": path}))
				return
			}
			u.notify(TF("Opened {{.Name}}", map[string]any{"Name": name}))
		}
	})
}

// pickEvidence asks for a file and attaches it; the picker opens again for
// the next file until the person cancels.
func (d *caseDetail) pickEvidence(c data.Case) {
	u := d.u
	if !u.needUser() {
		return
	}
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		name, a := r.URI().Name(), u.actor()
		u.async(func() func() {
			defer r.Close()
			got, err := u.svc.Cases.Attach(u.ctx, a, c.Number, name, r, "")
			return func() { u.attached(c.Number, []string{name}, []data.Attached{got}, err) }
		})
	}, u.win)
	fd.Resize(fitToWindow(u.win, fyne.NewSize(800, 560)))
	fd.Show()
}

// dropOnCase attaches files dropped on the window to the open case, after
// asking with the list of their names.
func (u *UI) dropOnCase(uris []fyne.URI) {
	if len(uris) == 0 {
		return
	}
	if u.detail == nil || u.detail.id == 0 {
		dialog.ShowInformation(T("No case is open"), T("Open a case first: files dropped on the window are attached to the open case as evidence."), u.win)
		return
	}
	if !u.needUser() {
		return
	}
	c := u.detail.current
	names := make([]string, len(uris))
	for i, uri := range uris {
		names[i] = uri.Name()
	}
	question := TF("Attach these files to case {{.Number}} as evidence?", map[string]any{"Number": c.Number}) +
		"\n\n" + strings.Join(names, "\n")
	u.confirm(T("Attach files"), question, T("Attach"), T("Cancel"), false, func(ok bool) {
		if ok {
			u.attachURIs(c.Number, uris)
		}
	})
}

// attachURIs attaches the files one by one off the UI goroutine.
func (u *UI) attachURIs(number string, uris []fyne.URI) {
	a := u.actor()
	u.async(func() func() {
		var (
			names []string
			got   []data.Attached
			first error
		)
		for _, uri := range uris {
			names = append(names, uri.Name())
			r, err := storage.Reader(uri)
			if err != nil {
				first = cmpOr(first, err)
				continue
			}
			res, err := u.svc.Cases.Attach(u.ctx, a, number, uri.Name(), r, "")
			r.Close()
			if err != nil {
				first = cmpOr(first, err)
				continue
			}
			got = append(got, res)
		}
		return func() { u.attached(number, names, got, first) }
	})
}

// attached says what was attached and redraws the case when it is open.
func (u *UI) attached(number string, names []string, got []data.Attached, err error) {
	if err != nil {
		u.showError(err)
	}
	added, already := 0, 0
	for _, a := range got {
		if a.Case.Number == "" {
			continue
		}
		if a.Already {
			already++
		} else {
			added++
		}
	}
	if added+already == 0 {
		return
	}
	if u.detail.current.Number == number {
		u.detail.reload()
	}
	msg := TF("Attached {{.N}} file(s) to case {{.Number}}", map[string]any{"N": added, "Number": number})
	if already > 0 {
		msg += " · " + TF("{{.N}} already attached", map[string]any{"N": already})
	}
	u.notify(msg)
}

// cmpOr keeps the first error.
func cmpOr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}
