package ui

import (
	"context"
	"image/color"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// printer is what the print dialog needs: issue a letter (kept on the case)
// or print the archive, each saved as a file whose path comes back.
type printer interface {
	// PrintLetter issues a letter in lang, saves it and returns the case after
	// it and the file's path. Issuing the acknowledgement of a new case
	// acknowledges it. A case not ready gets a *data.NotReadyError.
	PrintLetter(ctx context.Context, a data.Actor, number string, t data.LetterType, lang string) (data.Case, string, error)
	// PrintArchive saves the case's whole dossier.
	PrintArchive(ctx context.Context, a data.Actor, number string) (string, error)
}

// printDialog prints one of the case's letters, or its whole archive, to a
// PDF file and opens it. A letter the case is not ready for is shown
// disabled, with the reason.
type printDialog struct {
	d   *caseDetail
	c   data.Case
	dlg *dialog.CustomDialog

	options    []*widget.RadioGroup // one per document; a group each so one can be disabled alone
	kinds      []data.LetterType    // the letter of each option; "" is the case archive
	langChoice choice[string]
	lang       *safeSelect

	ackConfirmed bool // printing the acknowledgement of a new case was confirmed
	reissue      bool // issuing a letter of a type already issued was chosen

	progress                      *widget.ProgressBarInfinite
	status                        *dialogStatus
	printBtn, closeBtn, folderBtn *widget.Button
	saved                         string             // the last file written
	cancel                        context.CancelFunc // stops the document being written; nil when none is
}

// showPrint opens the print dialog for the case.
func (d *caseDetail) showPrint(c data.Case) {
	p := &printDialog{d: d, c: c}
	d.printing = p

	docs := container.NewVBox()
	for _, t := range append(append([]data.LetterType{}, data.LetterTypes...), "") {
		title := T("Case archive (every detail, the timeline and the e-mails)")
		if t != "" {
			title = letterTitle(t)
		}
		i := len(p.options)
		rg := widget.NewRadioGroup([]string{title}, func(s string) {
			if s != "" {
				p.choose(i)
			}
		})
		rg.Required = true // a tap on the chosen one keeps it chosen
		p.options, p.kinds = append(p.options, rg), append(p.kinds, t)
		docs.Add(rg)
		if t == "" {
			continue
		}
		if err := c.CanIssue(t); err != nil {
			rg.Disable()
			why := widget.NewLabel(errorText(err))
			why.Wrapping = fyne.TextWrapWord
			why.Importance = widget.LowImportance
			why.TextStyle.Italic = true
			indent := canvas.NewRectangle(color.Transparent)
			indent.SetMinSize(fyne.NewSize(theme.IconInlineSize()+2*theme.Padding(), 0))
			docs.Add(container.NewBorder(nil, nil, indent, nil, why))
		}
	}

	p.langChoice = newChoice(data.Languages, languageLabel)
	p.lang = newSelect(p.langChoice.labels, nil)
	p.langChoice.set(p.lang, c.LetterLanguage(d.u.settings()))

	p.progress = widget.NewProgressBarInfinite()
	p.progress.Hide()
	p.status = newDialogStatus()

	p.printBtn = widget.NewButtonWithIcon(T("Print"), theme.DocumentPrintIcon(), p.print)
	p.printBtn.Importance = widget.HighImportance
	p.closeBtn = widget.NewButton(T("Close"), func() {
		if p.cancel != nil { // closing gives up a case archive still being written
			p.cancel()
		}
		p.dlg.Hide()
	})
	p.folderBtn = widget.NewButtonWithIcon(T("Open folder"), theme.FolderOpenIcon(), func() {
		p.d.u.openFolder(filepath.Dir(p.saved))
	})
	p.folderBtn.Disable() // there from the start: buttons do not move when it can be used

	// The most advanced letter the case is ready for is the likely one.
	chosen := len(p.options) - 1
	for i, t := range p.kinds {
		if t != "" && c.CanIssue(t) == nil {
			chosen = i
		}
	}
	p.options[chosen].SetSelected(p.options[chosen].Options[0])

	content := container.NewVBox(
		widget.NewLabelWithStyle(T("Document"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		docs,
		widget.NewForm(widget.NewFormItem(T("Language of the letter"), p.lang)),
		p.progress, p.status.box)
	p.dlg = dialog.NewCustomWithoutButtons(TF("Print for case {{.Number}}", map[string]any{"Number": c.Number}), content, d.u.win)
	p.dlg.SetButtons([]fyne.CanvasObject{p.folderBtn, p.closeBtn, p.printBtn})
	p.dlg.Show()
	p.relayout()
}

// choose makes option i the only one chosen.
func (p *printDialog) choose(i int) {
	for j, rg := range p.options {
		if j != i && rg.Selected != "" {
			rg.Selected = ""
			rg.Refresh()
		}
	}
	if p.kinds[i] == "" {
		p.lang.Disable() // the archive is in the interface's language
	} else {
		p.lang.Enable()
	}
}

// chosen is the index of the chosen option, or -1.
func (p *printDialog) chosen() int {
	for i, rg := range p.options {
		if rg.Selected != "" {
			return i
		}
	}
	return -1
}

// print writes the chosen document off the UI goroutine, then opens it.
func (p *printDialog) print() {
	i := p.chosen()
	if i < 0 {
		p.setStatus(T("Choose a document."), widget.DangerImportance)
		return
	}
	if !p.d.u.needUser() {
		return
	}
	if p.kinds[i] == data.LetterAck && p.c.Status == data.StatusNew && !p.ackConfirmed {
		// At the counter the acknowledgement letter is the first response.
		p.d.u.confirm(T("Acknowledge the case?"),
			T("Printing the acknowledgement acknowledges the case: its first response is then met. Print it?"),
			T("Print"), T("Cancel"), false,
			func(ok bool) {
				if ok {
					p.ackConfirmed = true
					p.print()
					p.ackConfirmed = false
				}
			})
		return
	}
	if l, ok := lastIssued(p.c, p.kinds[i]); ok && !p.reissue {
		p.askReissue(l)
		return
	}
	u, number, kind, lang, a := p.d.u, p.c.Number, p.kinds[i], p.langChoice.value(p.lang), p.d.u.actor()
	p.printBtn.Disable()
	p.progress.Show()
	p.setStatus(T("Printing…"), widget.MediumImportance)
	ctx, cancel := context.WithCancel(u.ctx)
	p.cancel = cancel
	u.async(func() func() {
		defer cancel()
		if kind == "" {
			path, err := u.svc.Documents.PrintArchive(ctx, a, number)
			return func() { p.cancel = nil; p.finish(nil, path, err) }
		}
		c, path, err := u.svc.Documents.PrintLetter(ctx, a, number, kind, lang)
		return func() { p.cancel = nil; p.finish(&c, path, err) }
	})
}

// lastIssued is the newest letter of type t issued on c, if any.
func lastIssued(c data.Case, t data.LetterType) (data.Letter, bool) {
	if t == "" {
		return data.Letter{}, false
	}
	for i := len(c.Letters) - 1; i >= 0; i-- {
		if c.Letters[i].Type == t {
			return c.Letters[i], true
		}
	}
	return data.Letter{}, false
}

// askReissue asks, for a letter already issued, whether to open the issued
// one (the default) or issue a new one — never a silent second copy.
func (p *printDialog) askReissue(l data.Letter) {
	msg := TF("{{.Letter}} already issued on this case: {{.When}}, {{.Language}}, by {{.By}}. Open the issued letter, or issue a new one?",
		map[string]any{"Letter": letterTitle(l.Type), "When": l.IssuedAt.In(zone()).Format(receivedLayout),
			"Language": languageLabel(l.Language), "By": orDash(l.By)})
	p.d.u.ask(T("Already issued"), messageLabel(msg), []answer{
		{label: T("Cancel")},
		{label: T("Issue a new one"), do: func() {
			p.reissue = true
			p.print()
			p.reissue = false
		}},
		{label: T("Open the issued letter"), do: func() { p.openIssued(l) }},
	}, 2, 0)
}

// openIssued writes the issued letter, byte for byte, to a file and opens it.
func (p *printDialog) openIssued(l data.Letter) {
	u, number := p.d.u, p.c.Number
	p.printBtn.Disable()
	p.progress.Show()
	u.async(func() func() {
		path, err := u.svc.Documents.ReprintLetter(u.ctx, u.actor(), number, l)
		return func() {
			p.progress.Hide()
			p.printBtn.Enable()
			if err != nil {
				p.setStatus(printErrorText(err), widget.DangerImportance)
				return
			}
			p.setStatus(p.opened(path), widget.SuccessImportance)
			u.notify(TF("Saved as {{.Path}}", map[string]any{"Path": path}))
		}
	})
}

// opened offers the saved letter's folder, opens the letter, and says where it is.
func (p *printDialog) opened(path string) string {
	p.saved = path
	p.folderBtn.Enable()
	msg := TF("Saved as {{.Path}}", map[string]any{"Path": path})
	if !p.d.u.openFile(path) {
		msg += "\n" + T("It could not be opened here: open it from that folder.")
	}
	return msg
}

// finish shows how printing went; a new letter shows on the case at once.
func (p *printDialog) finish(c *data.Case, path string, err error) {
	p.progress.Hide()
	p.printBtn.Enable()
	if err != nil && c != nil && c.ID != 0 {
		// The letter was issued and kept, but its file could not be written:
		// say so, and show it on the case, so nobody issues it twice.
		p.c = *c
		if p.d.id == c.ID {
			p.d.draw(*c)
		}
		p.setStatus(T("The letter was issued and kept on the case, but its file could not be saved:")+" "+err.Error()+"\n"+
			T("Open it again from “Letters issued” once the disk has room."), widget.DangerImportance)
		return
	}
	if err != nil {
		p.setStatus(printErrorText(err), widget.DangerImportance)
		return
	}
	msg := p.opened(path)
	acknowledged := c != nil && p.c.Status == data.StatusNew && c.Status == data.StatusAcknowledged
	if acknowledged {
		msg += "\n" + T("The case is acknowledged.")
	}
	p.setStatus(msg, widget.SuccessImportance)
	u := p.d.u
	if c != nil {
		p.c = *c
		if p.d.id == c.ID {
			p.d.draw(*c)
		}
		u.list.refresh()
	}
	u.notify(TF("Saved as {{.Path}}", map[string]any{"Path": path}))
}

func (p *printDialog) setStatus(msg string, imp widget.Importance) {
	p.status.show(msg, imp)
}

func (p *printDialog) relayout() { fitDialog(p.dlg, 560) }
