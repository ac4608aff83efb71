package ui

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

func settingsPage(u *UI) string {
	if tabs, ok := u.setView.body.Objects[0].(*container.AppTabs); ok && tabs.Selected() != nil {
		return tabs.Selected().Text
	}
	return ""
}

func TestSyncNowWithoutAccountSaysSoAndLeadsToSettings(t *testing.T) {
	u, _ := newTestUI(t)
	svc := u.svc.Mail.(*testService)
	u.syncNow()
	_, bs := question(t, u)
	if svc.syncs != 0 {
		t.Error("synced without an account")
	}
	if bs[T("Set up e-mail…")] == nil {
		t.Fatalf("answers %v", bs)
	}
	press(u, fyne.KeyReturn) // the default: set it up
	if u.tabs.Selected() != u.setTab || settingsPage(u) != T("E-mail") {
		t.Errorf("tab %v, settings page %q", u.tabs.Selected().Text, settingsPage(u))
	}
}

func TestMailTabEmptyStateLeadsToSetup(t *testing.T) {
	u, s := newTestUI(t)
	u.tabs.Select(u.mailTab)
	if !u.maillog.empty.Visible() || !u.maillog.setup.Visible() ||
		u.maillog.emptyMsg.Text != T("The agency's mailbox is not set up yet. Once it is, complaints sent to it become cases here, and replies to customers go out from it.") {
		t.Fatalf("empty state: %v %q", u.maillog.empty.Visible(), u.maillog.emptyMsg.Text)
	}
	test.Tap(u.maillog.setup)
	if u.tabs.Selected() != u.setTab || settingsPage(u) != T("E-mail") {
		t.Errorf("set up led to %v / %q", u.tabs.Selected().Text, settingsPage(u))
	}
	// With an account and no mail, it says there is none yet, without the button.
	st := s.Settings()
	st.Mail.IMAPHost, st.Mail.SMTPHost, st.Mail.Username, st.Mail.Address = "imap.example.com", "smtp.example.com", "kefu@example.com", "kefu@example.com"
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	u.tabs.Select(u.mailTab)
	if !u.maillog.empty.Visible() || u.maillog.setup.Visible() || u.maillog.emptyMsg.Text != T("No mail yet: messages appear here after the next sync.") {
		t.Errorf("configured, no mail: %q, button %v", u.maillog.emptyMsg.Text, u.maillog.setup.Visible())
	}
	svc := u.svc.Mail.(*testService)
	u.syncNow()
	if svc.syncs != 1 {
		t.Error("Sync now with an account did not sync")
	}
}

func TestMailErrorDialogFoldsTheDetails(t *testing.T) {
	u, _ := newTestUI(t)
	raw := &data.MailServerError{Server: "IMAP", Host: "imap.qq.con",
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Name: "imap.qq.con", Err: "no such host"}}}
	u.showMailError(T("Mail sync failed"), errors.Join(raw))
	top, ok := u.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		t.Fatal("no dialog")
	}
	var labels []string
	var acc *widget.Accordion
	shown(top, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			labels = append(labels, w.Text)
		case *widget.Accordion:
			acc = w
		}
	})
	all := strings.Join(labels, "\n")
	if strings.Contains(all, "dial tcp") || !strings.Contains(all, "imap.qq.con") {
		t.Errorf("shown: %q", all)
	}
	if acc == nil || len(acc.Items) != 1 || acc.Items[0].Title != T("Details") || acc.Items[0].Open {
		t.Fatal("no folded Details")
	}
	if !strings.Contains(acc.Items[0].Detail.(*widget.Label).Text, "dial tcp") {
		t.Errorf("details %q", acc.Items[0].Detail.(*widget.Label).Text)
	}
}

func TestMailBarExplainsAndOffersDetails(t *testing.T) {
	u, s := newTestUI(t)
	st := s.Settings()
	st.Mail.IMAPHost, st.Mail.SMTPHost, st.Mail.Username, st.Mail.Address = "imap.example.com", "smtp.example.com", "kefu@example.com", "kefu@example.com"
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	dns := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Name: "imap.example.com", Err: "no such host"}}
	u.SetMailStatus(MailStatus{Err: dns, Problem: ProblemOffline})
	if strings.Contains(u.mail.label.Text, "dial tcp") || !strings.Contains(u.mail.label.Text, "imap.example.com") || !u.mail.details.Visible() {
		t.Errorf("bar %q, details %v", u.mail.label.Text, u.mail.details.Visible())
	}
	test.Tap(u.mail.details)
	if u.win.Canvas().Overlays().Top() == nil {
		t.Error("Details showed nothing")
	}
	u.SetMailStatus(MailStatus{})
	if u.mail.details.Visible() {
		t.Error("Details stayed after the error went")
	}
}
