package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"path/filepath"
	"strings"
	"time"

	"casebook/data"
	"casebook/mailsync"
)

// Mail is e-mail: replies to customers through the outbox, the mail log,
// the account's password, and syncing with the servers.
type Mail struct{ *core }

// Messages lists a case's messages, oldest first.
func (m *Mail) Messages(ctx context.Context, caseID uint64) ([]data.Message, error) {
	return m.store.CaseMessages(ctx, caseID)
}

// Log lists messages newest first: incoming, outgoing, or both ("").
func (m *Mail) Log(ctx context.Context, dir data.Direction, limit int) ([]data.MailLogEntry, error) {
	return m.store.MailLog(ctx, dir, limit)
}

// Blob returns stored bytes: an original message, an attachment or a letter.
func (m *Mail) Blob(ctx context.Context, sha string) ([]byte, error) {
	return m.store.Blob(ctx, sha)
}

// Reply renders a template for the case's customer, threaded under their last
// real message (never under an auto-reply, an out-of-office or a bounce), and
// queues it in the outbox with the letters and files attached. Sending the
// acknowledgement template to a case still new acknowledges it in the same
// transaction: that mail is the first response.
func (m *Mail) Reply(ctx context.Context, a data.Actor, number string, r data.Reply) (data.Message, error) {
	if err := check(a, data.ActionReply); err != nil {
		return data.Message{}, err
	}
	if r.Template == "" {
		r.Template = "reply"
	}
	if r.Template == "reply" && strings.TrimSpace(r.Text) == "" {
		return data.Message{}, data.ErrEmptyReply
	}
	st := m.store.Settings()
	if !st.Mail.Configured() {
		return data.Message{}, data.ErrNoMailAccount
	}
	c, err := m.store.Case(ctx, number)
	if err != nil {
		return data.Message{}, err
	}
	if c.Customer.Email == "" {
		return data.Message{}, fmt.Errorf("case %s: %w", c.Number, data.ErrNoCustomerEmail)
	}
	msgs, err := m.store.CaseMessages(ctx, c.ID)
	if err != nil {
		return data.Message{}, err
	}
	key, err := m.store.MessageIDKey(ctx)
	if err != nil {
		return data.Message{}, err
	}
	msg, err := mailsync.Draft(st, key, c, r.Template, r.Text, lastRealMessage(msgs), m.store.Now())
	if err != nil {
		return data.Message{}, err
	}
	blobs := map[string][]byte{}
	for _, f := range r.Files {
		sum := sha256.Sum256(f.Data)
		sha := hex.EncodeToString(sum[:])
		ct := mime.TypeByExtension(filepath.Ext(f.Name))
		if ct == "" {
			ct = "application/octet-stream"
		}
		blobs[sha] = f.Data
		msg.Attachments = append(msg.Attachments, data.Attachment{Name: f.Name, ContentType: ct, Size: int64(len(f.Data)), SHA256: sha})
	}
	for _, l := range r.Letters {
		b, err := m.store.Blob(ctx, l.SHA256)
		if err != nil {
			return data.Message{}, fmt.Errorf("attach %s: %w", l.Name, err)
		}
		blobs[l.SHA256] = b
		msg.Attachments = append(msg.Attachments, data.Attachment{Name: l.Name, ContentType: "application/pdf",
			Size: int64(len(b)), SHA256: l.SHA256})
	}
	var prepare func(c *data.Case, st data.Settings, now time.Time) error
	if r.Template == "acknowledge" {
		prepare = func(c *data.Case, st data.Settings, now time.Time) error {
			if c.Status != data.StatusNew {
				return nil
			}
			if err := check(a, data.MoveAction(c.Status, data.StatusAcknowledged)); err != nil {
				return err
			}
			return c.Move(st, data.StatusAcknowledged, a.Name, "", now)
		}
	}
	return m.store.QueueOutgoing(ctx, c.Number, msg, a.Name, blobs, prepare)
}

// lastRealMessage is the customer's last message written by a person.
func lastRealMessage(msgs []data.Message) *data.Message {
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Direction == data.DirectionIn && !msgs[i].Automatic {
			return &msgs[i]
		}
	}
	return nil
}

// Password finds the account's password (keyring or environment).
func (m *Mail) Password(username string) (string, error) { return m.passwords.Get(username) }

// SavePassword stores the mail password in the OS keyring. It is part of
// the mail account's settings, so it is the owner's (anyone's on a database
// with nobody on the staff list yet, like Settings.Save).
func (m *Mail) SavePassword(a data.Actor, username, password string) error {
	if len(m.store.Settings().Staff) > 0 {
		if err := check(a, data.ActionSettings); err != nil {
			return err
		}
	}
	if password == "" {
		return fmt.Errorf("%w: the password is empty", data.ErrInvalid)
	}
	return m.passwords.Set(username, password)
}

// HasPassword tells whether a password is stored for username.
func (m *Mail) HasPassword(username string) bool {
	_, err := m.passwords.Get(username)
	return err == nil
}

// TestServers logs in to both servers with the account and password ("":
// the stored one) and says what failed on each.
func (m *Mail) TestServers(ctx context.Context, acc data.MailAccount, password string) (imapErr, smtpErr error) {
	if !acc.Configured() {
		return data.ErrNoMailAccount, data.ErrNoMailAccount
	}
	if password == "" {
		var err error
		if password, err = m.passwords.Get(acc.Username); err != nil {
			return err, err
		}
	}
	return TestServers(ctx, acc, password)
}

// TestServers logs in to both servers with the account and this password. It
// needs no database, so a command can let go of the file before the network
// check, which may take a minute.
func TestServers(ctx context.Context, acc data.MailAccount, password string) (imapErr, smtpErr error) {
	imapCfg, smtpCfg := serverConfigs(acc, password)
	return mailsync.TestIMAP(ctx, imapCfg), mailsync.TestSMTP(ctx, smtpCfg)
}

// TestMail is TestServers with the failures joined, for a dialog.
func (m *Mail) TestMail(ctx context.Context, acc data.MailAccount, password string) error {
	imapErr, smtpErr := m.TestServers(ctx, acc, password)
	if errors.Is(imapErr, data.ErrNoMailAccount) || errors.Is(imapErr, ErrNoPassword) {
		return imapErr
	}
	var errs []error
	if imapErr != nil {
		errs = append(errs, serverError("IMAP", acc.IMAPHost, imapErr))
	}
	if smtpErr != nil {
		errs = append(errs, serverError("SMTP", acc.SMTPHost, smtpErr))
	}
	return errors.Join(errs...)
}

// serverError names the server a failure is with, and the cause the mail
// code recognised, so the interfaces can explain it in the user's language
// (data/present MailError); the text stays "IMAP: …" for the details.
func serverError(server, host string, err error) error {
	e := &data.MailServerError{Server: server, Host: host, Err: err}
	switch {
	case errors.Is(err, mailsync.ErrIMAPAuth), errors.Is(err, mailsync.ErrAuth):
		e.Cause = data.ErrMailAuth
	case errors.Is(err, mailsync.ErrCertificate):
		e.Cause = data.ErrMailCertificate
	case errors.Is(err, mailsync.ErrTimeout):
		e.Cause = data.ErrMailTimeout
	case strings.Contains(err.Error(), "NONEXISTENT"): // the IMAP answer for a folder that is not there
		e.Cause = data.ErrMailboxNotFound
	}
	return e
}

// credentials gives the worker the account and password of the moment, so a
// change in Settings applies at the next round.
func (m *Mail) credentials() (mailsync.IMAPConfig, mailsync.SMTPConfig, bool, error) {
	a := m.store.Settings().Mail
	if !a.Configured() {
		return mailsync.IMAPConfig{}, mailsync.SMTPConfig{}, false, nil
	}
	pw, err := m.passwords.Get(a.Username)
	if err != nil {
		return mailsync.IMAPConfig{}, mailsync.SMTPConfig{}, false, err
	}
	imapCfg, smtpCfg := serverConfigs(a, pw)
	return imapCfg, smtpCfg, true, nil
}

func serverConfigs(a data.MailAccount, pw string) (mailsync.IMAPConfig, mailsync.SMTPConfig) {
	return mailsync.IMAPConfig{Host: a.IMAPHost, Port: a.IMAPPort, Security: a.IMAPSecurity,
			Username: a.Username, Password: pw, CAFile: a.CAFile},
		mailsync.SMTPConfig{Host: a.SMTPHost, Port: a.SMTPPort, Security: a.SMTPSecurity,
			Username: a.Username, Password: pw, CAFile: a.CAFile}
}

// SyncOnce fetches new mail and sends the outbox once.
func (m *Mail) SyncOnce(ctx context.Context, a data.Actor, progress func(done, total int)) (mailsync.Summary, error) {
	if err := check(a, data.ActionMail); err != nil {
		return mailsync.Summary{}, err
	}
	imapCfg, smtpCfg, ok, err := m.credentials()
	if err != nil {
		return mailsync.Summary{}, err
	}
	if !ok {
		return mailsync.Summary{}, data.ErrNoMailAccount
	}
	return mailsync.SyncOnce(ctx, m.store, imapCfg, smtpCfg, progress)
}

// RetryParked reads unreadable messages again with the current parser.
func (m *Mail) RetryParked(ctx context.Context, a data.Actor) (retried, stillParked int, err error) {
	if err := check(a, data.ActionMail); err != nil {
		return 0, 0, err
	}
	return mailsync.RetryParked(ctx, m.store)
}

// QueuedCount is how many messages wait in the outbox.
func (m *Mail) QueuedCount(ctx context.Context) (int, error) { return m.store.QueuedCount(ctx) }

// OutboxCounts is how many messages wait to be sent, and how many may have
// been delivered and wait for staff to decide.
func (m *Mail) OutboxCounts(ctx context.Context) (queued, uncertain int, err error) {
	return m.store.OutboxCounts(ctx)
}

// Resend queues an uncertain message to be sent again, with the same
// Message-ID (a customer who got it already sees one message in most mail
// programs); the case's timeline records who decided. It goes out with the
// next sync.
func (m *Mail) Resend(ctx context.Context, a data.Actor, id uint64) (data.Message, error) {
	if err := check(a, data.ActionReply); err != nil {
		return data.Message{}, err
	}
	return m.store.SettleUncertain(ctx, id, data.Settlement{Resend: true, By: a.Name})
}

// MarkSent records that an uncertain message was delivered (staff checked
// with the customer or in the mailbox); the timeline records who decided.
func (m *Mail) MarkSent(ctx context.Context, a data.Actor, id uint64) (data.Message, error) {
	if err := check(a, data.ActionReply); err != nil {
		return data.Message{}, err
	}
	return m.store.SettleUncertain(ctx, id, data.Settlement{By: a.Name})
}
