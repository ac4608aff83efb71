package main

import (
	"context"
	"errors"
	"fmt"

	"casebook/data"
	"casebook/data/store"
	"casebook/mailsync"
)

// service is what the GUI works with: the store, plus mail through mailsync,
// so the ui package never touches a mail library.
type service struct {
	*store.Store
	worker  *mailsync.Worker
	docsDir string // where printed documents are saved
}

// QueueReply renders the template for the case's customer, threaded under
// their latest message, and queues it.
func (s *service) QueueReply(ctx context.Context, number, template, text, by string, letters []data.Letter) (data.Message, error) {
	c, err := s.Case(ctx, number)
	if err != nil {
		return data.Message{}, err
	}
	st := s.Settings()
	if !st.Mail.Configured() {
		return data.Message{}, errors.New("no mail account")
	}
	msgs, err := s.CaseMessages(ctx, c.ID)
	if err != nil {
		return data.Message{}, err
	}
	var last *data.Message
	for i := range msgs {
		if msgs[i].Direction == data.DirectionIn && !msgs[i].Automatic {
			last = &msgs[i]
		}
	}
	m, err := mailsync.Draft(st, c, template, text, last, s.Now())
	if err != nil {
		return data.Message{}, err
	}
	blobs, err := attachLetters(ctx, s.Store, &m, letters)
	if err != nil {
		return data.Message{}, err
	}
	return s.QueueOutgoing(ctx, c.Number, m, by, blobs, nil)
}

// attachLetters adds issued letters to an outgoing message, as they were issued.
func attachLetters(ctx context.Context, s *store.Store, m *data.Message, letters []data.Letter) (map[string][]byte, error) {
	if len(letters) == 0 {
		return nil, nil
	}
	blobs := map[string][]byte{}
	for _, l := range letters {
		b, err := s.Blob(ctx, l.SHA256)
		if err != nil {
			return nil, fmt.Errorf("attach %s: %w", l.Name, err)
		}
		blobs[l.SHA256] = b
		m.Attachments = append(m.Attachments, data.Attachment{Name: l.Name, ContentType: "application/pdf",
			Size: int64(len(b)), SHA256: l.SHA256})
	}
	return blobs, nil
}

// TestMail logs in to both servers and joins what failed.
func (s *service) TestMail(ctx context.Context, a data.MailAccount, password string) error {
	if password == "" {
		var err error
		if password, err = mailPassword(a.Username); err != nil {
			return err
		}
	}
	imapCfg, smtpCfg := serverConfigs(a, password)
	var errs []error
	if err := mailsync.TestIMAP(ctx, imapCfg); err != nil {
		errs = append(errs, errors.New("IMAP: "+err.Error()))
	}
	if err := mailsync.TestSMTP(ctx, smtpCfg); err != nil {
		errs = append(errs, errors.New("SMTP: "+err.Error()))
	}
	return errors.Join(errs...)
}

func (s *service) SavePassword(username, password string) error {
	return saveMailPassword(username, password)
}

func (s *service) HasPassword(username string) bool {
	_, err := mailPassword(username)
	return err == nil
}

func (s *service) SyncNow() {
	if s.worker != nil {
		s.worker.SyncNow()
	}
}

// credentials gives the worker the account and password of the moment.
func (s *service) credentials() (mailsync.IMAPConfig, mailsync.SMTPConfig, bool, error) {
	a := s.Settings().Mail
	if !a.Configured() {
		return mailsync.IMAPConfig{}, mailsync.SMTPConfig{}, false, nil
	}
	pw, err := mailPassword(a.Username)
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

// RetryParked reads unreadable messages again with the current parser.
func (s *service) RetryParked(ctx context.Context) (int, int, error) {
	return mailsync.RetryParked(ctx, s.Store)
}
