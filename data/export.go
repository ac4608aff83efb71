package data

import (
	"maps"
	"time"
)

// CaseJSON is the stable public JSON form of a case (`casebook case show --json`);
// field names are documented in the README and must not change.
type CaseJSON struct {
	Number           string        `json:"number"`
	Status           Status        `json:"status"`
	Kind             Kind          `json:"kind"`
	Category         string        `json:"category"`
	Severity         Severity      `json:"severity"`
	Channel          Channel       `json:"channel"`
	Subject          string        `json:"subject"`
	Description      string        `json:"description"`
	Demand           string        `json:"demand"`
	Amount           Money         `json:"amount"`
	Currency         string        `json:"currency"`
	Customer         CustomerJSON  `json:"customer"`
	Booking          BookingJSON   `json:"booking"`
	ReceivedAt       string        `json:"received_at"`
	FirstResponseDue *string       `json:"first_response_due"`
	ResolutionDue    *string       `json:"resolution_due"`
	FirstResponseAt  *string       `json:"first_response_at"`
	ResolvedAt       *string       `json:"resolved_at"`
	ClosedAt         *string       `json:"closed_at"`
	Owner            string        `json:"owner"`
	Escalation       Escalation    `json:"escalation"`
	Waiting          Waiting       `json:"waiting"`
	FirstResponseSLA string        `json:"first_response_sla"`
	ResolutionSLA    string        `json:"resolution_sla"`
	Timeline         []EventJSON   `json:"timeline"`
	Messages         []MessageJSON `json:"messages"`
	Findings         FindingsJSON  `json:"findings"`
	Letters          []LetterJSON  `json:"letters"`

	Evidence []EvidenceJSON `json:"evidence"` // the files attached as evidence, oldest first

	// AwaitingApproval is set while the solution waits for approval (approval.go).
	AwaitingApproval *AwaitingJSON `json:"awaiting_approval,omitempty"`

	// Referral is set when a regulator referred the case (referral.go).
	Referral *ReferralJSON `json:"referral,omitempty"`

	// Imported is set on a case that came from a spreadsheet ledger (import.go).
	Imported *ImportedJSON `json:"imported,omitempty"`
}

// ImportedJSON is the ledger row a case came from, inside CaseJSON.
type ImportedJSON struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Ref    string `json:"ref"`
	At     string `json:"at"`
	By     string `json:"by"`
}

// ReferralJSON is a regulator's referral inside CaseJSON.
type ReferralJSON struct {
	Source    ReferralSource `json:"source"`
	Number    string         `json:"number"`
	Notice    string         `json:"notice"`    // YYYY-MM-DD
	ReplyDue  *string        `json:"reply_due"` // null once the reply was sent
	RepliedAt *string        `json:"replied_at"`
	ReplySLA  string         `json:"reply_sla"`
}

// AwaitingJSON is a solution waiting for approval: its total and who proposed it.
type AwaitingJSON struct {
	Total      Money  `json:"total"`
	Currency   string `json:"currency"`
	ProposedBy string `json:"proposed_by"`
}

// EvidenceJSON is one file attached to the case as evidence.
type EvidenceJSON struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	By     string `json:"by"`
	At     string `json:"at"`
	Note   string `json:"note"`
}

// FindingsJSON is the investigation's result and the solution inside CaseJSON.
type FindingsJSON struct {
	Investigation  string         `json:"investigation"`
	Facts          string         `json:"facts"`
	Responsibility Responsibility `json:"responsibility"`
	RootCause      string         `json:"root_cause"`
	Decision       string         `json:"decision"`
	Remedies       []RemedyJSON   `json:"remedies"`
	Total          Money          `json:"total"`
	PaymentMethod  string         `json:"payment_method"`
	PaymentDue     string         `json:"payment_due"`
	Preventive     string         `json:"preventive"`
	EvidenceNeeded string         `json:"evidence_needed"`
}

// RemedyJSON is one remedy of FindingsJSON.
type RemedyJSON struct {
	Kind      string `json:"kind"`
	Amount    Money  `json:"amount"`
	Recovered Money  `json:"recovered"`
	Note      string `json:"note"`
	Article   string `json:"article"` // the standard's article code ("std2011:10.4") or the text typed
}

// LetterJSON is one issued letter inside CaseJSON.
type LetterJSON struct {
	Type     LetterType `json:"type"`
	Language string     `json:"language"`
	IssuedAt string     `json:"issued_at"`
	By       string     `json:"by"`
	Name     string     `json:"name"`
	SHA256   string     `json:"sha256"`
	Size     int64      `json:"size"`
}

// MessageJSON is one e-mail inside CaseJSON.
type MessageJSON struct {
	Direction   Direction        `json:"direction"`
	MessageID   string           `json:"message_id"`
	From        string           `json:"from"`
	To          []string         `json:"to"`
	Subject     string           `json:"subject"`
	Date        string           `json:"date"`
	Text        string           `json:"text"`
	Automatic   bool             `json:"automatic"`
	Attachments []AttachmentJSON `json:"attachments"`
	Status      MessageStatus    `json:"status"`
	Error       string           `json:"error"`
	Warnings    []MailWarning    `json:"warnings,omitempty"` // what of the message was not read
}

// AttachmentJSON is one file of a MessageJSON.
type AttachmentJSON struct {
	Name        string `json:"name"`
	Size        int64  `json:"size"`
	ContentType string `json:"content_type"`
}

// ExportMessages converts a case's messages to their public JSON form.
func ExportMessages(msgs []Message, loc *time.Location) []MessageJSON {
	out := make([]MessageJSON, 0, len(msgs))
	for _, m := range msgs {
		j := MessageJSON{Direction: m.Direction, MessageID: m.MessageID, From: m.From, To: m.To,
			Subject: m.Subject, Date: m.Date.In(loc).Format(time.RFC3339), Text: m.Text,
			Automatic: m.Automatic, Status: m.Status, Error: m.Error, Attachments: []AttachmentJSON{}, Warnings: m.Warnings}
		if j.To == nil {
			j.To = []string{}
		}
		if m.ParseError != "" {
			j.Error = m.ParseError
		}
		for _, a := range m.Attachments {
			j.Attachments = append(j.Attachments, AttachmentJSON{Name: a.Name, Size: a.Size, ContentType: a.ContentType})
		}
		out = append(out, j)
	}
	return out
}

// CustomerJSON is the customer inside CaseJSON.
type CustomerJSON struct {
	Name   string `json:"name"`
	Phone  string `json:"phone"`
	Email  string `json:"email"`
	WeChat string `json:"wechat"`
}

// BookingJSON is the booking inside CaseJSON: every field, even when empty.
type BookingJSON struct {
	Ref         string `json:"ref"`
	Product     string `json:"product"`
	Departure   string `json:"departure"`
	Destination string `json:"destination"`
	Guide       string `json:"guide"`
	Supplier    string `json:"supplier"`
	Fee         Money  `json:"fee"`      // the tour fee, in the case currency
	TripEnd     string `json:"trip_end"` // YYYY-MM-DD or ""
}

// EventJSON is one timeline entry inside CaseJSON. Code and Args are the
// event as data; Text is it rendered as one line in the case's language;
// Type repeats Code for readers of the form before codes existed.
type EventJSON struct {
	At   string            `json:"at"`
	By   string            `json:"by"`
	Type EventType         `json:"type"`
	Code EventType         `json:"code"`
	Args map[string]string `json:"args,omitempty"`
	Text string            `json:"text"`
	Note string            `json:"note,omitempty"`
	Old  string            `json:"old,omitempty"`
	New  string            `json:"new,omitempty"`
}

// EventRenderer writes an event as one line of text (package data/present
// provides one per language).
type EventRenderer func(Event) string

// Export converts a case to its public JSON form, deadlines evaluated at now.
// Times are RFC 3339 in loc; a deadline that is paused or stopped is null.
// render writes each timeline entry's text; nil leaves only its note.
func Export(c Case, now time.Time, loc *time.Location, render EventRenderer) CaseJSON {
	ts := func(t time.Time) string { return t.In(loc).Format(time.RFC3339) }
	opt := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		s := ts(t)
		return &s
	}
	due := func(cl Clock) *string {
		if t, ok := cl.Deadline(); ok {
			return opt(t)
		}
		return nil
	}
	out := CaseJSON{
		Number: c.Number, Status: c.Status, Kind: c.Kind, Category: c.Category,
		Severity: c.Severity, Channel: c.Channel, Subject: c.Subject, Description: c.Description,
		Demand: c.Demand, Amount: c.Amount, Currency: c.Currency,
		Customer:         CustomerJSON{Name: c.Customer.Name, Phone: c.Customer.Phone, Email: c.Customer.Email, WeChat: c.Customer.WeChat},
		Booking:          BookingJSON(c.Booking),
		ReceivedAt:       ts(c.ReceivedAt),
		FirstResponseDue: due(c.FirstResponse), ResolutionDue: due(c.Resolution),
		FirstResponseAt: opt(c.FirstResponse.MetAt), ClosedAt: opt(c.ClosedAt),
		Owner: c.Owner, Escalation: c.Escalation, Waiting: c.Waiting,
		FirstResponseSLA: c.FirstResponse.State(now).String(),
		ResolutionSLA:    c.Resolution.State(now).String(),
		Timeline:         make([]EventJSON, 0, len(c.Timeline)),
		Messages:         []MessageJSON{},
	}
	if c.Status == StatusResolved || c.Status == StatusClosed {
		out.ResolvedAt = opt(c.Resolution.MetAt)
	}
	f := c.Findings()
	out.Findings = FindingsJSON{Investigation: f.Investigation, Facts: f.Facts, Responsibility: f.Responsibility,
		RootCause: f.RootCause, Decision: f.Decision, Remedies: make([]RemedyJSON, 0, len(f.Remedies)),
		Total: f.Total(), PaymentMethod: f.PaymentMethod, PaymentDue: f.PaymentDue, Preventive: f.Preventive,
		EvidenceNeeded: f.EvidenceNeeded}
	for _, r := range f.Remedies {
		out.Findings.Remedies = append(out.Findings.Remedies, RemedyJSON(r))
	}
	if r := c.Referral; r.Recorded() {
		out.Referral = &ReferralJSON{Source: r.Source, Number: r.Number, Notice: r.Notice,
			ReplyDue: due(r.Reply), RepliedAt: opt(r.Reply.MetAt), ReplySLA: r.Reply.State(now).String()}
	}
	if o := c.Imported; !o.At.IsZero() {
		out.Imported = &ImportedJSON{File: o.File, SHA256: o.SHA256, Sheet: o.Sheet, Row: o.Row, Ref: o.Ref, At: ts(o.At), By: o.By}
	}
	out.Letters = make([]LetterJSON, 0, len(c.Letters))
	for _, l := range c.Letters {
		out.Letters = append(out.Letters, LetterJSON{Type: l.Type, Language: l.Language, IssuedAt: ts(l.IssuedAt),
			By: l.By, Name: l.Name, SHA256: l.SHA256, Size: l.Size})
	}
	out.Evidence = make([]EvidenceJSON, 0, len(c.Evidence))
	for _, ev := range c.Evidence {
		out.Evidence = append(out.Evidence, EvidenceJSON{Name: ev.Name, SHA256: ev.SHA256, Size: ev.Size,
			By: ev.By, At: ts(ev.At), Note: ev.Note})
	}
	if c.Approval.Awaiting {
		out.AwaitingApproval = &AwaitingJSON{Total: c.Approval.Total, Currency: c.Currency, ProposedBy: c.Approval.By}
	}
	for _, e := range c.Timeline {
		text := e.Note
		if render != nil {
			text = render(e)
		}
		out.Timeline = append(out.Timeline, EventJSON{At: ts(e.At), By: e.By, Type: e.Type, Code: e.Type,
			Args: maps.Clone(e.Args), Text: text, Note: e.Note, Old: e.Old, New: e.New})
	}
	return out
}

// Deadline is the clock's due time; there is none while it is paused or when
// the clock has no target.
func (c Clock) Deadline() (time.Time, bool) {
	if c.Target == 0 || !c.PausedAt.IsZero() {
		return time.Time{}, false
	}
	return c.Due, true
}
