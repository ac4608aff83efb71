package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// mailAccount is what the e-mail settings need: the password and a test login.
type mailAccount interface {
	// TestMail logs in to both servers with the account and password, and says what failed.
	TestMail(ctx context.Context, a data.MailAccount, password string) error
	// SavePassword stores the mail password in the OS keyring; HasPassword tells whether one is there.
	SavePassword(a data.Actor, username, password string) error
	HasPassword(username string) bool
	SyncNow()
}

var securityChoices = []string{"tls", "starttls", "none"}

func securityLabel(s string) string { return enum("security", s) }

// mailEditor edits the agency's mailbox. The password goes to the OS keyring,
// never into the settings.
type mailEditor struct {
	u       *UI
	content fyne.CanvasObject

	imapHost, imapPort, smtpHost, smtpPort    *widget.Entry
	username, address, displayName, folder    *widget.Entry
	caFile, initialDays, sentFolder, interval *widget.Entry
	aliases, ackHours                         *widget.Entry
	password                                  *widget.Entry
	imapSec, smtpSec                          *safeSelect
	secChoice                                 choice[string]
	autoAck                                   *widget.Check
	hint                                      *widget.Label
}

func newMailEditor(u *UI, a data.MailAccount) *mailEditor {
	e := &mailEditor{u: u, secChoice: newChoice(securityChoices, securityLabel)}
	entry := func(s string) *widget.Entry {
		x := widget.NewEntry()
		x.SetText(s)
		return x
	}
	port := func(p int) string {
		if p == 0 {
			return ""
		}
		return strconv.Itoa(p)
	}
	e.imapHost, e.imapPort = entry(a.IMAPHost), entry(port(a.IMAPPort))
	e.smtpHost, e.smtpPort = entry(a.SMTPHost), entry(port(a.SMTPPort))
	e.username, e.address, e.displayName = entry(a.Username), entry(a.Address), entry(a.DisplayName)
	e.folder, e.caFile = entry(a.Folder), entry(a.CAFile)
	e.initialDays, e.sentFolder, e.interval = entry(strconv.Itoa(a.InitialDays)), entry(a.SentFolder), entry(strconv.Itoa(a.SyncMinutes))
	e.aliases = entry(strings.Join(a.Aliases, ", "))
	e.aliases.SetPlaceHolder("service@example.cn, tousu@example.cn")
	hours := a.AckHours
	if hours == 0 {
		hours = data.DefaultAckHours
	}
	e.ackHours = entry(strconv.Itoa(hours))
	e.password = widget.NewPasswordEntry()
	if u.svc.Mail.HasPassword(a.Username) {
		e.password.SetPlaceHolder(T("Stored in the system keyring; type to replace"))
	} else {
		e.password.SetPlaceHolder(T("Password or authorisation code"))
	}
	e.imapSec = newSelect(e.secChoice.labels, nil)
	e.secChoice.set(e.imapSec, a.IMAPSecurity)
	e.smtpSec = newSelect(e.secChoice.labels, nil)
	e.secChoice.set(e.smtpSec, a.SMTPSecurity)
	e.autoAck = widget.NewCheck(T("Acknowledge every new case from a person by e-mail"), nil)
	e.autoAck.SetChecked(a.AutoAck)
	e.hint = widget.NewLabel("")
	e.hint.Wrapping = fyne.TextWrapWord
	e.hint.Importance = widget.WarningImportance
	e.hint.Hide()

	presetNames := []string{}
	for _, p := range data.MailPresets {
		presetNames = append(presetNames, p.Name)
	}
	preset := newSelect(presetNames, func(name string) {
		for _, p := range data.MailPresets {
			if p.Name != name {
				continue
			}
			e.imapHost.SetText(p.IMAPHost)
			e.imapPort.SetText(strconv.Itoa(p.IMAPPort))
			e.secChoice.set(e.imapSec, p.IMAPSecurity)
			e.smtpHost.SetText(p.SMTPHost)
			e.smtpPort.SetText(strconv.Itoa(p.SMTPPort))
			e.secChoice.set(e.smtpSec, p.SMTPSecurity)
			if p.AppPassword {
				e.hint.SetText(T("This provider wants an app-specific authorisation code (授权码), made in its web mail settings, not the login password. IMAP/SMTP must be switched on there too."))
				e.hint.Show()
			} else {
				e.hint.Hide()
			}
		}
	})
	preset.PlaceHolder = T("Fill in from a provider…")
	test := widget.NewButton(T("Test connection"), e.test)

	form := widget.NewForm(
		widget.NewFormItem(T("Provider"), preset),
		widget.NewFormItem(T("E-mail address"), e.address),
		widget.NewFormItem(T("Sender name"), e.displayName),
		widget.NewFormItem(T("User name"), e.username),
		widget.NewFormItem(T("Password"), e.password),
		widget.NewFormItem(T("IMAP server"), container.NewBorder(nil, nil, nil, container.NewHBox(portBox(e.imapPort), e.imapSec), e.imapHost)),
		widget.NewFormItem(T("SMTP server"), container.NewBorder(nil, nil, nil, container.NewHBox(portBox(e.smtpPort), e.smtpSec), e.smtpHost)),
		widget.NewFormItem(T("Folder"), e.folder),
		widget.NewFormItem(T("Private CA file"), e.caFile),
		widget.NewFormItem(T("First sync: days back"), e.initialDays),
		widget.NewFormItem(T("Copy sent mail to folder"), e.sentFolder),
		widget.NewFormItem(T("Sync every (minutes)"), e.interval),
		widget.NewFormItem(T("Other addresses of the agency"), e.aliases),
		widget.NewFormItem(T("Acknowledge one address at most every (hours)"), e.ackHours),
	)
	form.Items[len(form.Items)-2].HintText = T("Mail from these addresses never opens a case and is never answered.")
	e.content = container.NewVBox(form, e.hint, e.autoAck, container.NewHBox(test))
	return e
}

// portBox gives a port entry room for five digits.
func portBox(e *widget.Entry) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(90, e.MinSize().Height), e)
}

// read collects the account; the password is returned apart.
func (e *mailEditor) read() (data.MailAccount, string, error) {
	num := func(s string) (int, error) {
		s = strings.TrimSpace(s)
		if s == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0, localError(TF("“{{.Text}}” is not a number.", map[string]any{"Text": s}))
		}
		return n, nil
	}
	a := data.MailAccount{
		IMAPHost: strings.TrimSpace(e.imapHost.Text), SMTPHost: strings.TrimSpace(e.smtpHost.Text),
		IMAPSecurity: e.secChoice.value(e.imapSec), SMTPSecurity: e.secChoice.value(e.smtpSec),
		Username: strings.TrimSpace(e.username.Text), Address: strings.TrimSpace(e.address.Text),
		DisplayName: strings.TrimSpace(e.displayName.Text), Folder: strings.TrimSpace(e.folder.Text),
		CAFile: strings.TrimSpace(e.caFile.Text), SentFolder: strings.TrimSpace(e.sentFolder.Text),
		AutoAck: e.autoAck.Checked,
	}
	for _, alias := range strings.FieldsFunc(e.aliases.Text, func(r rune) bool { return r == ',' || r == '，' || r == ' ' || r == ';' }) {
		a.Aliases = append(a.Aliases, strings.TrimSpace(alias))
	}
	if a.Username == "" {
		a.Username = a.Address
	}
	if a.Folder == "" {
		a.Folder = "INBOX"
	}
	var err error
	for _, f := range []struct {
		dst *int
		src string
	}{{&a.IMAPPort, e.imapPort.Text}, {&a.SMTPPort, e.smtpPort.Text}, {&a.InitialDays, e.initialDays.Text},
		{&a.SyncMinutes, e.interval.Text}, {&a.AckHours, e.ackHours.Text}} {
		if *f.dst, err = num(f.src); err != nil {
			return a, "", err
		}
	}
	return a, e.password.Text, nil
}

// test logs in to both servers with what is typed, without saving it.
func (e *mailEditor) test() {
	a, pw, err := e.read()
	if err == nil {
		err = a.Validate()
	}
	if err != nil {
		dialog.ShowError(errors.New(settingsErrorText(err)), e.u.win)
		return
	}
	progress := dialog.NewCustomWithoutButtons(T("Testing the mail account…"), widget.NewProgressBarInfinite(), e.u.win)
	progress.Show()
	go func() {
		ctx, cancel := context.WithTimeout(e.u.ctx, 90*time.Second)
		defer cancel()
		err := e.u.svc.Mail.TestMail(ctx, a, pw)
		e.u.do(func() {
			progress.Hide()
			if err != nil {
				e.u.showMailError(T("The mail account does not work yet:"), err)
				return
			}
			dialog.ShowInformation(T("Mail account"), T("Both servers accepted the login."), e.u.win)
		})
	}()
}
