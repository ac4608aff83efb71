package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// attachBox lets the clerk send issued letters with the reply, as PDF files:
// pick one, "Attach letter", and it shows as a chip that a tap removes. The
// choice is kept per case until the reply is sent, like the reply's text, so
// a change redraws the case (which keeps the drafts and the cursor).
func (d *caseDetail) attachBox(c data.Case) fyne.CanvasObject {
	if len(c.Letters) == 0 {
		return container.NewVBox()
	}
	attached := d.attached[c.ID]
	isAttached := func(l data.Letter) bool {
		return slices.ContainsFunc(attached, func(x data.Letter) bool { return x.SHA256 == l.SHA256 })
	}
	setAttached := func(ls []data.Letter) {
		if len(ls) == 0 {
			delete(d.attached, c.ID)
		} else {
			d.attached[c.ID] = ls
		}
		d.draw(d.current)
	}

	var letters []data.Letter // not attached yet, newest first
	var labels []string
	for i := len(c.Letters) - 1; i >= 0; i-- {
		if l := c.Letters[i]; !isAttached(l) {
			letters = append(letters, l)
			labels = append(labels, letterLine(l))
		}
	}
	pick := newSelect(labels, nil)
	pick.PlaceHolder = T("Issued letter…")
	attach := widget.NewButtonWithIcon(T("Attach letter"), theme.MailAttachmentIcon(), func() {
		if i := pick.SelectedIndex(); i >= 0 && i < len(letters) {
			setAttached(append(slices.Clone(attached), letters[i]))
		}
	})
	if len(letters) > 0 {
		pick.SetSelectedIndex(0)
	} else {
		pick.Disable()
		attach.Disable()
	}
	box := container.NewVBox(container.NewBorder(nil, nil, nil, attach, pick))

	if len(attached) > 0 {
		chips := container.NewHBox(widget.NewLabel(T("Attached:")))
		for _, l := range attached {
			chip := widget.NewButtonWithIcon(letterTitle(l.Type)+" ("+languageLabel(l.Language)+")", theme.CancelIcon(), func() {
				setAttached(slices.DeleteFunc(slices.Clone(attached), func(x data.Letter) bool { return x.SHA256 == l.SHA256 }))
			})
			chips.Add(chip)
		}
		box.Add(container.NewHScroll(chips))
	}
	return box
}
