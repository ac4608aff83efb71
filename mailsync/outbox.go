package mailsync

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"sync"
	"time"

	"casebook/data"
	"casebook/data/present"
)

// ackFor makes acknowledgements for new cases from people, unless switched
// off, and never for mail older than a day (an old mailbox imported on the
// first sync must not answer customers about last week's mail).
func ackFor(st data.Settings, key []byte, now time.Time) func(c data.Case, in *data.IncomingMail) (*data.Message, error) {
	return func(c data.Case, in *data.IncomingMail) (*data.Message, error) {
		if !st.Mail.AutoAck || in.Message.Automatic || now.Sub(in.Message.Date) > 24*time.Hour {
			return nil, nil
		}
		if c.Customer.Email == "" || st.Mail.Address == "" {
			return nil, nil
		}
		m, err := Draft(st, key, c, "acknowledge", "", &in.Message, now)
		if err != nil {
			return nil, err
		}
		m.Automatic = true
		return &m, nil
	}
}

// Draft renders a template for a case as an outgoing message to its customer,
// threaded under replyTo when given. Its Message-ID is tagged with key, the
// database's secret (SignedMessageID).
func Draft(st data.Settings, key []byte, c data.Case, template, text string, replyTo *data.Message, now time.Time) (data.Message, error) {
	lang, td := CaseTemplateData(st, c, text)
	subject, body, err := RenderTemplateWith(st.MailTemplates, lang, template, td)
	if err != nil {
		return data.Message{}, fmt.Errorf("render %s: %w", template, err)
	}
	to := Address{Name: c.Customer.Name, Address: strings.ToLower(c.Customer.Email)}.String()
	m := data.Message{
		Direction: data.DirectionOut, MessageID: SignedMessageID(key, c.Number, st.Mail.Address),
		From: fromAddress(st).String(), FromAddress: strings.ToLower(st.Mail.Address),
		To: []string{to}, Subject: subject, Text: body, Date: now, Template: template,
	}
	if replyTo != nil && replyTo.MessageID != "" {
		m.InReplyTo = replyTo.MessageID
		m.References = append(append([]string(nil), replyTo.References...), replyTo.MessageID)
	}
	return m, nil
}

// CaseTemplateData is what a template says of case c, and the language its
// mail is written in (the case's, else the agency's).
func CaseTemplateData(st data.Settings, c data.Case, text string) (lang string, td TemplateData) {
	lang = c.Language
	if lang == "" {
		lang = st.Language
	}
	return lang, TemplateData{Number: c.Number, CustomerName: c.Customer.Name, Handler: c.Owner,
		Agency: agencyName(st), Subject: c.Subject, Text: text,
		FirstResponseDue: dueText(lang, st, c.FirstResponse), ResolutionDue: dueText(lang, st, c.Resolution)}
}

func agencyName(st data.Settings) string {
	if st.Mail.DisplayName != "" {
		return st.Mail.DisplayName
	}
	return st.Mail.Address
}

func fromAddress(st data.Settings) Address {
	return Address{Name: st.Mail.DisplayName, Address: st.Mail.Address}
}

// dueText is a deadline as the customer reads it, in the agency's time zone
// and the letter's way of writing dates ("2026年3月5日 18:00"), or "" when
// it is met or not running.
func dueText(lang string, st data.Settings, cl data.Clock) string {
	due, ok := cl.Deadline()
	if !ok || !cl.MetAt.IsZero() {
		return ""
	}
	loc, err := time.LoadLocation(st.Calendar.Location)
	if err != nil || st.Calendar.Location == "" {
		loc = time.Local
	}
	return present.For(tmplLang(lang)).DateTime(due.In(loc))
}

// sendMu keeps one sender at a time in this process: a message found
// "sending" at the start of a round was left by a process that stopped.
var sendMu sync.Mutex

// SendQueued sends the outbox's due messages over one SMTP connection and
// records each one's outcome in its own transaction the moment the server
// answers, so a process killed in the middle loses nothing and repeats
// nothing. Just before the final dot of a message (the last moment it
// certainly has not been delivered) it is marked "sending" on disk; one still
// marked so when the next round starts, and one whose answer was lost after
// the dot, is uncertain: kept for a Sent-folder check and for staff, never
// resent on its own.
func SendQueued(ctx context.Context, st Store, cfg SMTPConfig) (Summary, error) {
	sendMu.Lock()
	defer sendMu.Unlock()
	var sum Summary
	stuck, err := st.RecoverSending(ctx)
	for _, m := range stuck {
		sum.Uncertain++
		sum.uncertainIDs = append(sum.uncertainIDs, m.ID)
		slog.Warn("mail may have been sent: Casebook stopped before the server's answer was recorded", "message", m.ID, "case_id", m.CaseID)
	}
	if err != nil {
		return sum, err
	}
	due, err := st.DueOutgoing(ctx, st.Now())
	if err != nil || len(due) == 0 {
		return sum, err
	}
	settings := st.Settings()
	out := make([]Outgoing, 0, len(due))
	for _, m := range due {
		o, err := outgoing(ctx, st, settings, m)
		if err != nil {
			return sum, err
		}
		out = append(out, o)
	}
	var firstErr, storeErr error
	record := context.WithoutCancel(ctx) // an answer that arrived is recorded even when sending is cancelled
	hooks := SendHooks{
		BeforeDot: func(i int) error {
			_, err := st.MarkSending(ctx, due[i].ID)
			return err
		},
		Done: func(i int, r SendResult) error {
			var m data.Message
			var err error
			if r.Uncertain {
				m, err = st.RecordUncertain(record, due[i].ID, r.Err)
			} else {
				m, err = st.RecordSend(record, due[i].ID, r.Err, r.Permanent, r.Raw)
			}
			if err != nil {
				storeErr = err
				return err
			}
			switch m.Status {
			case data.MessageSent:
				sum.Sent++
				sum.sentRaw = append(sum.sentRaw, r.Raw)
				slog.Info("mail sent", "message", m.ID, "case_id", m.CaseID, "attempt", len(m.Attempts))
			case data.MessageUncertain:
				sum.Uncertain++
				sum.uncertainIDs = append(sum.uncertainIDs, m.ID)
				slog.Warn("mail may have been sent: the server's answer was lost; held for staff", "message", m.ID, "case_id", m.CaseID, "err", r.Err)
			case data.MessageFailed:
				sum.Failed++
				slog.Warn("mail failed for good", "message", m.ID, "case_id", m.CaseID, "attempt", len(m.Attempts), "err", r.Err)
			default:
				sum.Retrying++
				slog.Warn("mail not sent, will retry", "message", m.ID, "case_id", m.CaseID, "attempt", len(m.Attempts),
					"next", m.NextAttempt.Format(time.RFC3339), "err", r.Err)
				if firstErr == nil {
					firstErr = r.Err
				}
			}
			return nil
		},
	}
	SendEach(ctx, cfg, out, hooks)
	if storeErr != nil {
		return sum, fmt.Errorf("send mail: %w", storeErr)
	}
	if sum.Sent == 0 && firstErr != nil {
		return sum, fmt.Errorf("send mail: %w", firstErr)
	}
	return sum, nil
}

// CheckUncertain looks for each uncertain message's Message-ID in the Sent
// folder (Casebook copies sent mail there when one is set, and many providers
// file mail sent through SMTP there themselves): one found was delivered and
// is recorded as sent; the others stay held for staff. Without a Sent folder
// it does nothing. It returns the messages it found.
func CheckUncertain(ctx context.Context, st Store, cfg IMAPConfig) ([]data.Message, error) {
	folder := st.Settings().Mail.SentFolder
	if folder == "" {
		return nil, nil
	}
	msgs, err := st.UncertainOutgoing(ctx)
	if err != nil || len(msgs) == 0 {
		return nil, err
	}
	ids := make([]string, len(msgs))
	for i, m := range msgs {
		ids[i] = m.MessageID
	}
	found, err := findInFolder(ctx, cfg, folder, ids)
	if err != nil {
		return nil, fmt.Errorf("look for uncertain mail in %s: %w", folder, err)
	}
	var out []data.Message
	for _, m := range msgs {
		if !found[m.MessageID] {
			continue
		}
		settled, err := st.SettleUncertain(ctx, m.ID, data.Settlement{Folder: folder})
		if err != nil {
			if errors.Is(err, data.ErrNotUncertain) {
				continue // settled by staff meanwhile
			}
			return out, err
		}
		out = append(out, settled)
		slog.Info("uncertain mail found in the Sent folder: it was delivered", "message", m.ID, "case_id", m.CaseID)
	}
	return out, nil
}

// outgoing turns a stored message back into what Send takes.
func outgoing(ctx context.Context, st Store, settings data.Settings, m data.Message) (Outgoing, error) {
	o := Outgoing{MessageID: m.MessageID, Date: m.Date, From: fromAddress(settings), Subject: m.Subject,
		Text: m.Text, InReplyTo: m.InReplyTo, References: m.References, Automatic: m.Automatic}
	var err error
	if o.To, err = parseList(m.To); err != nil {
		return o, err
	}
	if o.Cc, err = parseList(m.Cc); err != nil {
		return o, err
	}
	for _, a := range m.Attachments {
		b, err := st.Blob(ctx, a.SHA256)
		if err != nil {
			return o, fmt.Errorf("attachment %s: %w", a.Name, err)
		}
		o.Attachments = append(o.Attachments, OutgoingFile{Name: a.Name, ContentType: a.ContentType, Data: b})
	}
	return o, nil
}

// parseList reads addresses in Address.String form: "Name <addr>" (the name
// may be Chinese, unencoded) or a bare address.
func parseList(list []string) ([]Address, error) {
	var out []Address
	for _, s := range list {
		s = strings.TrimSpace(s)
		a := Address{Address: s}
		if i := strings.LastIndex(s, "<"); i >= 0 && strings.HasSuffix(s, ">") {
			a = Address{Name: strings.Trim(strings.TrimSpace(s[:i]), `"`), Address: s[i+1 : len(s)-1]}
		}
		a.Address = strings.ToLower(strings.TrimSpace(a.Address))
		if _, err := mail.ParseAddress(a.Address); err != nil {
			return nil, fmt.Errorf("address %q: %w", s, err)
		}
		out = append(out, a)
	}
	return out, nil
}
