// Package data owns Casebook's domain: cases, customers, the workflow, the
// deadline clocks, the bbolt store and the queries the case list needs.
package data

import (
	"errors"
	"time"
)

// Sentinel errors; wrap them with %w so callers can test with errors.Is.
var (
	ErrNotFound   = errors.New("not found")
	ErrInvalid    = errors.New("invalid input")
	ErrTransition = errors.New("transition not allowed")
	ErrLocked     = errors.New("database is open in another Casebook window")
)

// Kind says what sort of case this is.
type Kind string

const (
	KindComplaint  Kind = "complaint"
	KindSuggestion Kind = "suggestion"
	KindPraise     Kind = "praise"
	KindIncident   Kind = "incident"
	KindRequest    Kind = "request" // after-sales: refund/change/rebooking, invoice, certificate
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindComplaint, KindSuggestion, KindPraise, KindIncident, KindRequest}

// Severity drives the default deadlines.
type Severity string

const (
	SeverityUrgent Severity = "urgent"
	SeverityNormal Severity = "normal"
	SeverityLow    Severity = "low"
)

// Severities lists every severity from most to least pressing.
var Severities = []Severity{SeverityUrgent, SeverityNormal, SeverityLow}

// Channel is how the case reached the agency.
type Channel string

const (
	ChannelWalkIn  Channel = "walkin"
	ChannelPhone   Channel = "phone"
	ChannelEmail   Channel = "email"
	ChannelChat    Channel = "chat" // online chat / WeChat
	ChannelSocial  Channel = "social"
	ChannelLetter  Channel = "letter"  // letter or suggestion box
	ChannelHotline Channel = "hotline" // regulator referral, 12345
)

// Channels lists every channel in display order.
var Channels = []Channel{ChannelWalkIn, ChannelPhone, ChannelEmail, ChannelChat, ChannelSocial, ChannelLetter, ChannelHotline}

// Status is the case's stage in the workflow (see workflow.go).
type Status string

const (
	StatusNew           Status = "new"
	StatusAcknowledged  Status = "acknowledged"
	StatusDeclined      Status = "declined"
	StatusInvestigating Status = "investigating"
	StatusProposed      Status = "proposed"
	StatusAgreed        Status = "agreed"
	StatusResolved      Status = "resolved"
	StatusClosed        Status = "closed"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{StatusNew, StatusAcknowledged, StatusDeclined, StatusInvestigating,
	StatusProposed, StatusAgreed, StatusResolved, StatusClosed}

// Open reports whether the case still needs work (its clocks can run).
func (s Status) Open() bool {
	return s != StatusDeclined && s != StatusResolved && s != StatusClosed
}

// Escalation is who currently answers for the case.
type Escalation string

const (
	EscalationStaff      Escalation = "staff"
	EscalationSupervisor Escalation = "supervisor"
	EscalationOwner      Escalation = "owner"
)

// Waiting says on whom the case waits; while it waits its clocks pause.
type Waiting string

const (
	WaitingNone     Waiting = ""
	WaitingCustomer Waiting = "customer"
	WaitingSupplier Waiting = "supplier"
)

// Responsibility is the finding of the investigation.
type Responsibility string

const (
	ResponsibilityUnknown      Responsibility = ""
	ResponsibilityAgency       Responsibility = "agency"
	ResponsibilitySupplier     Responsibility = "supplier"
	ResponsibilityCustomer     Responsibility = "customer"
	ResponsibilityForceMajeure Responsibility = "force_majeure"
	ResponsibilityShared       Responsibility = "shared"
)

// Customer is a person who brought one or more cases; found again by phone or e-mail.
type Customer struct {
	ID     uint64 `json:"id,omitempty"`
	Name   string `json:"name,omitzero"`
	Phone  string `json:"phone,omitzero"`
	Email  string `json:"email,omitzero"`
	WeChat string `json:"wechat,omitzero"`
}

// Booking is what the customer bought.
type Booking struct {
	Ref         string `json:"ref,omitzero"`
	Product     string `json:"product,omitzero"`
	Departure   string `json:"departure,omitzero"` // YYYY-MM-DD, or empty
	Destination string `json:"destination,omitzero"`
	Guide       string `json:"guide,omitzero"`
	Supplier    string `json:"supplier,omitzero"`

	// The compensation standard computes from the fee; the regulator may
	// decline a complaint made more than 90 days after the trip ended.
	Fee     Money  `json:"fee,omitzero"`      // the tour fee, in the case currency
	TripEnd string `json:"trip_end,omitzero"` // YYYY-MM-DD, or empty
}

// Remedy is one part of a proposed solution.
type Remedy struct {
	Kind      string `json:"kind,omitzero"` // apology, refund, penalty, voucher, service, improvement
	Amount    Money  `json:"amount,omitzero"`
	Recovered Money  `json:"recovered,omitzero"` // recovered from a supplier
	Note      string `json:"note,omitzero"`

	// Article is where a penalty comes from: a code of the 2011 standard
	// ("std2011:10.4", see ArticleCode) that letters write out in their
	// language, or a person's own text, printed as typed.
	Article string `json:"article,omitzero"`
}

// Satisfaction is the customer's rating at follow-up.
type Satisfaction struct {
	Rating int    `json:"rating,omitzero"` // 1–5, 0 when not yet asked
	Reason string `json:"reason,omitzero"`
}

// Event is one entry on a case's timeline. Nothing on a case changes without one.
// An event is data, never a sentence: Type says what happened, Args carry the
// specifics (see the Arg… keys), Old and New the value before and after, and
// Note only what a person typed (a note, a decline reason, a waiting or
// escalation note). Package data/present renders it in each language.
type Event struct {
	At   time.Time         `json:"at,omitzero"`
	By   string            `json:"by,omitzero"`
	Type EventType         `json:"type,omitzero"`
	Args map[string]string `json:"args,omitempty"`
	Note string            `json:"text,omitzero"` // stored as "text", as before schema 3
	Old  string            `json:"old,omitempty"`
	New  string            `json:"new,omitempty"`
}

// Arg returns the event's argument key ("" when absent).
func (e Event) Arg(key string) string { return e.Args[key] }

// EventType names what an event records: the event's code.
type EventType string

const (
	EventCreated      EventType = "created"       // Args kind, channel; New: the first status
	EventStatus       EventType = "status"        // Old → New status; Note: the reason or remark
	EventNote         EventType = "note"          // Note
	EventOwner        EventType = "owner"         // Old → New handler ("" nobody)
	EventSeverity     EventType = "severity"      // Old → New; Args deadlines=recalculated when running clocks restarted
	EventCategory     EventType = "category"      // Old → New category slug
	EventWaiting      EventType = "waiting"       // Old → New waiting state; Note
	EventWaitingEnded EventType = "waiting_ended" // waiting (Old) ended because the case finished; Args status
	EventEscalation   EventType = "escalation"    // Old → New level; Args owner (who it went to); Note
	EventMailIn       EventType = "mail_in"       // an e-mail arrived on the case; Args subject
	EventMailOut      EventType = "mail_out"      // a reply was queued; Args subject, to
	EventMailSent     EventType = "mail_sent"     // the server accepted it; Args subject
	EventMailFailed   EventType = "mail_failed"   // sending failed for good; Args subject, error
	EventMailBounced  EventType = "mail_bounced"  // a bounce came back for it; Args subject, error
	EventFindings     EventType = "findings"      // findings or the solution changed; Args fields, total, currency; Old → New responsibility
	EventLetter       EventType = "letter"        // a letter was issued; Args letter, lang; New: its PDF's SHA-256
	EventLegacy       EventType = "legacy"        // an old entry whose sentence could not be read: Args type, Note verbatim
	EventMentions     EventType = "mentions"      // the mail that opened the case names another case it may not join; Args case, from
	EventMailLoop     EventType = "mail_loop"     // a probable mail loop: messages held, not answered; Args from, count, subject

	EventMailUncertain  EventType = "mail_uncertain"   // its data went out, the server's answer did not come: Args subject, error ("" = Casebook stopped while sending)
	EventMailFoundSent  EventType = "mail_found_sent"  // an uncertain message was found in the Sent folder: delivered; Args subject, folder
	EventMailMarkedSent EventType = "mail_marked_sent" // staff said an uncertain message was delivered; Args subject
	EventMailResend     EventType = "mail_resend"      // staff sent an uncertain message again (same Message-ID); Args subject

	EventEdited   EventType = "edited"   // a recorded field was corrected: Args field (and currency for an amount, deadlines when clocks restarted); Old → New
	EventEvidence EventType = "evidence" // a file was attached as evidence: Args name, size, sha256; Note: its note
)

// EventTypes lists every event code.
var EventTypes = []EventType{EventCreated, EventStatus, EventNote, EventOwner, EventSeverity, EventCategory,
	EventWaiting, EventWaitingEnded, EventEscalation, EventMailIn, EventMailOut, EventMailSent, EventMailFailed,
	EventMailBounced, EventFindings, EventLetter, EventLegacy, EventMentions, EventMailLoop,
	EventMailUncertain, EventMailFoundSent, EventMailMarkedSent, EventMailResend,
	EventFindingsAmended, EventEdited, EventEvidence, EventApprovalAsked, EventApproved, EventApprovalRefused, EventAnonymised,
	EventCustomerMerged, EventReferral, // customers.go, referral.go
	EventFollowUp, EventFollowUpUnreachable, EventFollowUpWaived, EventRatingCheck, EventRatingDismissed, EventUnhappySeen, // followup.go
	EventImported} // import.go

// Keys of Event.Args.
const (
	ArgKind      = "kind"      // a Kind
	ArgChannel   = "channel"   // a Channel
	ArgStatus    = "status"    // a Status
	ArgSubject   = "subject"   // a mail's subject
	ArgTo        = "to"        // a mail's recipients, comma-separated
	ArgError     = "error"     // the server's or the bounce's error text, verbatim
	ArgLetter    = "letter"    // a LetterType
	ArgLanguage  = "lang"      // a language tag of data.Languages
	ArgFields    = "fields"    // the changed findings, comma-separated FindingFields
	ArgTotal     = "total"     // a Money amount, e.g. "2378.00"
	ArgCurrency  = "currency"  // a currency code, e.g. "CNY"
	ArgDeadlines = "deadlines" // "recalculated"
	ArgType      = "type"      // the original type of a legacy entry
	ArgCase      = "case"      // a case number
	ArgFrom      = "from"      // a mail's sender address
	ArgCount     = "count"     // a number of messages
	ArgFolder    = "folder"    // an IMAP folder's name
	ArgOwner     = "owner"     // the staff member an escalated case went to
	ArgField     = "field"     // the corrected field of an EventEdited (a TextLimits key, amount, currency, received, channel, kind, customer_moved)
	ArgName      = "name"      // a file's name
	ArgSize      = "size"      // a size in bytes
	ArgSHA256    = "sha256"    // a file's SHA-256, hex
)

// DeadlinesRecalculated is the value of ArgDeadlines.
const DeadlinesRecalculated = "recalculated"

// FindingFields are the parts of the findings an EventFindings names.
var FindingFields = []string{"investigation", "facts", "responsibility", "root_cause", "decision", "remedies",
	"payment", "preventive", "evidence"}

// Case is one complaint, suggestion, praise, incident or after-sales request.
// Its JSON form is the storage format; the stable public form is CaseJSON (export.go).
type Case struct {
	ID             uint64         `json:"id,omitzero"`
	Number         string         `json:"number,omitzero"`
	Status         Status         `json:"status,omitzero"`
	Kind           Kind           `json:"kind,omitzero"`
	Category       string         `json:"category,omitzero"`
	Severity       Severity       `json:"severity,omitzero"`
	Channel        Channel        `json:"channel,omitzero"`
	Subject        string         `json:"subject,omitzero"`
	Description    string         `json:"description,omitzero"`
	Demand         string         `json:"demand,omitzero"`
	Amount         Money          `json:"amount,omitzero"`
	Currency       string         `json:"currency,omitzero"`
	CustomerID     uint64         `json:"customer_id,omitzero"`
	Customer       Customer       `json:"customer,omitzero"`
	Booking        Booking        `json:"booking,omitzero"`
	ReceivedAt     time.Time      `json:"received_at,omitzero"`
	Owner          string         `json:"owner,omitzero"`
	Escalation     Escalation     `json:"escalation,omitzero"`
	Waiting        Waiting        `json:"waiting,omitzero"`
	Responsibility Responsibility `json:"responsibility,omitzero"`
	RootCause      string         `json:"root_cause,omitzero"`
	Remedies       []Remedy       `json:"remedies,omitzero"`
	Satisfaction   Satisfaction   `json:"satisfaction,omitzero"`
	FirstResponse  Clock          `json:"first_response,omitzero"`
	Resolution     Clock          `json:"resolution,omitzero"`
	ClosedAt       time.Time      `json:"closed_at,omitzero"`
	Timeline       []Event        `json:"timeline,omitzero"`
	Language       string         `json:"language,omitzero"` // of letters and mail to the customer: zh-Hans, zh-Hant, en; "" = the interface's

	// The rest of the findings (see Findings); Responsibility, RootCause and Remedies are above.
	Investigation  string `json:"investigation,omitzero"`
	Facts          string `json:"facts,omitzero"`
	Decision       string `json:"decision,omitzero"`
	PaymentMethod  string `json:"payment_method,omitzero"`
	PaymentDue     string `json:"payment_due,omitzero"`
	Preventive     string `json:"preventive,omitzero"`
	EvidenceNeeded string `json:"evidence_needed,omitzero"`

	Letters []Letter `json:"letters,omitzero"` // every letter issued, oldest first

	Evidence []Evidence `json:"evidence_files,omitzero"` // files attached as evidence, oldest first

	Approval Approval `json:"approval,omitzero"` // whether the solution waits for approval (approval.go)

	Referral Referral      `json:"referral,omitzero"` // a regulator's referral and the reply it is owed (referral.go)
	FollowUp FollowUpState `json:"followup,omitzero"` // return visits and ratings by reply (followup.go)

	Imported ImportOrigin `json:"imported,omitzero"` // the ledger row it came from; zero when recorded in Casebook (import.go)
}

// NewCase is what intake supplies; everything else is derived.
type NewCase struct {
	Kind        Kind
	Category    string
	Severity    Severity
	Channel     Channel
	Subject     string
	Description string
	Demand      string
	Amount      Money
	Currency    string // default CNY
	Customer    Customer
	Booking     Booking
	ReceivedAt  time.Time // default now
	Owner       string
	By          string // who records it
	Language    string // of letters and mail to the customer; "" = the interface's
}
