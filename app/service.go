package main

import (
	"context"
	"fmt"

	"casebook/data"
	"casebook/data/store"
	"casebook/mailsync"
)

// Helpers of the command line that is being moved onto app/service.

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

func serverConfigs(a data.MailAccount, pw string) (mailsync.IMAPConfig, mailsync.SMTPConfig) {
	return mailsync.IMAPConfig{Host: a.IMAPHost, Port: a.IMAPPort, Security: a.IMAPSecurity,
			Username: a.Username, Password: pw, CAFile: a.CAFile},
		mailsync.SMTPConfig{Host: a.SMTPHost, Port: a.SMTPPort, Security: a.SMTPSecurity,
			Username: a.Username, Password: pw, CAFile: a.CAFile}
}
