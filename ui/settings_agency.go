package ui

import (
	"bytes"
	"context"
	"errors"
	_ "image/jpeg" // to check a chosen logo or seal reads
	_ "image/png"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// agencyImages is what the agency page needs: to store a logo or seal
// (checked and prepared for printing) and to read it back for the preview.
type agencyImages interface {
	PutAgencyImage(ctx context.Context, a data.Actor, b []byte) (string, error)
	Blob(ctx context.Context, sha string) ([]byte, error)
}

// maxImageSize bounds a logo or seal: a letterhead needs no more.
const maxImageSize = data.MaxImageSize

// agencyEditor edits the agency's profile: the letterhead, footer and
// signature block of every printed document.
type agencyEditor struct {
	u       *UI
	content fyne.CanvasObject
	// recourse is the separate card on where else customers can turn.
	recourse fyne.CanvasObject

	name, address, phone, email, license, complaintPhone, signatory *widget.Entry
	recourseText                                                    map[string]*widget.Entry // by letter language

	logo, seal *imagePicker
}

// imagePicker chooses, previews and removes one image kept in the blob store.
type imagePicker struct {
	u       *UI
	sha     string
	preview *fyne.Container // the image, or a word saying there is none
	remove  *widget.Button
	choose  *widget.Button
	box     fyne.CanvasObject
}

func newAgencyEditor(u *UI, a data.Agency) *agencyEditor {
	e := &agencyEditor{u: u, recourseText: map[string]*widget.Entry{}}
	entry := func(s, placeholder string) *widget.Entry {
		x := widget.NewEntry()
		x.SetText(s)
		x.SetPlaceHolder(placeholder)
		return x
	}
	e.name = entry(a.Name, "")
	e.address = widget.NewMultiLineEntry()
	e.address.SetText(a.Address)
	e.address.Wrapping = fyne.TextWrapWord
	e.address.SetMinRowsVisible(2)
	e.phone = entry(a.Phone, "")
	e.email = entry(a.Email, "service@example.com")
	e.license = entry(a.License, "L-BJ-CJ00123")
	e.complaintPhone = entry(a.ComplaintPhone, "")
	e.signatory = entry(a.Signatory, T("Empty: the handler of each case signs"))
	e.logo = newImagePicker(u, a.LogoSHA256)
	e.seal = newImagePicker(u, a.SealSHA256)

	form := widget.NewForm(
		widget.NewFormItem(T("Agency name"), e.name),
		widget.NewFormItem(T("Address"), e.address),
		widget.NewFormItem(T("Phone"), e.phone),
		widget.NewFormItem(T("E-mail"), e.email),
		widget.NewFormItem(T("Travel agency licence no."), e.license),
		widget.NewFormItem(T("Complaint phone"), e.complaintPhone),
		widget.NewFormItem(T("Signatory"), e.signatory),
		widget.NewFormItem(T("Logo"), e.logo.box),
		widget.NewFormItem(T("Company seal"), e.seal.box),
	)
	form.Items[0].HintText = T("Printed at the head of every letter; needed before printing.")
	form.Items[7].HintText = T("PNG or JPEG, printed at the top left of every page.")
	form.Items[8].HintText = T("PNG with a transparent background, printed over the signature.")
	e.content = form

	rec := container.NewVBox()
	for _, l := range data.Languages {
		x := widget.NewMultiLineEntry()
		x.SetText(a.Recourse[l])
		x.Wrapping = fyne.TextWrapWord
		x.SetMinRowsVisible(3)
		x.SetPlaceHolder(T("Empty: the standard text"))
		e.recourseText[l] = x
		rec.Add(labelled(languageLabel(l), x))
	}
	e.recourse = rec
	return e
}

// read collects the profile; the stored images are kept by their SHA-256.
func (e *agencyEditor) read() data.Agency {
	a := data.Agency{
		Name: strings.TrimSpace(e.name.Text), Address: strings.TrimSpace(e.address.Text),
		Phone: strings.TrimSpace(e.phone.Text), Email: strings.TrimSpace(e.email.Text),
		License: strings.TrimSpace(e.license.Text), ComplaintPhone: strings.TrimSpace(e.complaintPhone.Text),
		Signatory: strings.TrimSpace(e.signatory.Text), LogoSHA256: e.logo.sha, SealSHA256: e.seal.sha,
	}
	for l, x := range e.recourseText {
		if t := strings.TrimSpace(x.Text); t != "" {
			if a.Recourse == nil {
				a.Recourse = map[string]string{}
			}
			a.Recourse[l] = t
		}
	}
	return a
}

func newImagePicker(u *UI, sha string) *imagePicker {
	p := &imagePicker{u: u, preview: container.NewStack()}
	p.choose = widget.NewButtonWithIcon(T("Choose image…"), theme.FileImageIcon(), p.pick)
	p.remove = widget.NewButtonWithIcon(T("Remove"), theme.DeleteIcon(), func() { p.set("", nil) })
	p.remove.Importance = widget.LowImportance
	frame := container.NewGridWrap(fyne.NewSize(64, 64), p.preview)
	p.box = container.NewHBox(frame, container.NewCenter(container.NewHBox(p.choose, p.remove)))
	var b []byte
	if sha != "" {
		var err error
		if b, err = u.svc.Documents.Blob(u.ctx, sha); err != nil {
			b = nil // shown as missing; choosing again repairs it
		}
	}
	p.set(sha, b)
	return p
}

// set shows the image stored under sha (b its bytes), or none.
func (p *imagePicker) set(sha string, b []byte) {
	p.sha = sha
	switch {
	case sha == "":
		p.preview.Objects = []fyne.CanvasObject{container.NewCenter(smallLabel(T("None")))}
		p.remove.Disable() // disabled, not hidden: the row keeps its layout
	case b == nil:
		missing := smallLabel(T("Missing"))
		missing.Importance = widget.DangerImportance
		p.preview.Objects = []fyne.CanvasObject{container.NewCenter(missing)}
		p.remove.Enable()
	default:
		img := canvas.NewImageFromReader(bytes.NewReader(b), sha)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(64, 64))
		p.preview.Objects = []fyne.CanvasObject{img}
		p.remove.Enable()
	}
	p.preview.Refresh()
}

// pick asks for a PNG or JPEG file.
func (p *imagePicker) pick() {
	dlg := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(localError(T("The file could not be read:")+" "+err.Error()), p.u.win)
			return
		}
		if r == nil {
			return // cancelled
		}
		defer r.Close()
		b, err := io.ReadAll(io.LimitReader(r, maxImageSize+1))
		if err != nil {
			dialog.ShowError(localError(T("The file could not be read:")+" "+err.Error()), p.u.win)
			return
		}
		if err := p.use(b); err != nil {
			dialog.ShowError(err, p.u.win)
		}
	}, p.u.win)
	dlg.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}))
	dlg.Show()
}

// use checks a chosen file is a PNG or JPEG image, stores it and shows it.
// The profile takes it when the settings are saved.
func (p *imagePicker) use(b []byte) error {
	switch err := data.CheckImage(b); {
	case errors.Is(err, data.ErrImageTooLarge):
		return localError(T("The image is larger than 5 MB; choose a smaller one."))
	case errors.Is(err, data.ErrImageFormat):
		return localError(T("This file is not a PNG or JPEG image."))
	case err != nil:
		return localError(T("The image could not be read; it may be damaged. Save it again as PNG or JPEG."))
	}
	sha, err := p.u.svc.Documents.PutAgencyImage(p.u.ctx, p.u.actor(), b)
	if err != nil {
		return localError(T("The image could not be stored:") + " " + err.Error())
	}
	p.set(sha, b)
	return nil
}
