package mailsync

import (
	"context"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
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
	lang := c.Language
	if lang == "" {
		lang = st.Language
	}
	td := TemplateData{Number: c.Number, CustomerName: c.Customer.Name, Handler: c.Owner,
		Agency: agencyName(st), Subject: c.Subject, Text: text,
		FirstResponseDue: dueText(lang, st, c.FirstResponse), ResolutionDue: dueText(lang, st, c.Resolution)}
	subject, body, err := RenderTemplate(lang, template, td)
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

// SendQueued sends the outbox's due messages over one SMTP connection and
// records every attempt.
func SendQueued(ctx context.Context, st Store, cfg SMTPConfig) (Summary, error) {
	var sum Summary
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
	results := Send(ctx, cfg, out)
	var firstErr error
	for i, r := range results {
		m, err := st.RecordSend(ctx, due[i].ID, r.Err, r.Permanent, r.Raw)
		if err != nil {
			return sum, err
		}
		switch m.Status {
		case data.MessageSent:
			sum.Sent++
			sum.sentRaw = append(sum.sentRaw, r.Raw)
			slog.Info("mail sent", "message", m.ID, "case_id", m.CaseID, "attempt", len(m.Attempts))
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
	}
	if sum.Sent == 0 && firstErr != nil {
		return sum, fmt.Errorf("send mail: %w", firstErr)
	}
	return sum, nil
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
