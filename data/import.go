package data

import (
	"strconv"
	"time"
)

// Importing the ledgers agencies keep today (data/ledger reads them): each
// good row becomes an ImportedCase, written by the store in one transaction.
// A row remembers where it came from, so importing the same file again, or an
// edited copy with a reference column, adds nothing twice.

// ImportOrigin is where an imported case came from.
type ImportOrigin struct {
	File   string    `json:"file"`             // the file's base name
	SHA256 string    `json:"sha256"`           // the file's content hash
	Sheet  string    `json:"sheet,omitzero"`   // the XLSX sheet
	Row    int       `json:"row"`              // the row in the sheet (the header is row 1)
	Ref    string    `json:"ref,omitzero"`     // the reference column's value (编号), if mapped
	RowKey string    `json:"row_key,omitzero"` // the hash of the row's values
	At     time.Time `json:"at"`               // when it was imported
	By     string    `json:"by,omitzero"`      // who imported it
}

// Key is what makes the row known again: its reference when the ledger has
// one (an edited row keeps it), else the hash of its values.
func (o ImportOrigin) Key() string {
	if o.Ref != "" {
		return "ref\x00" + o.Ref
	}
	return "row\x00" + o.RowKey
}

// ImportedCase is one good row of a ledger, ready to be written.
type ImportedCase struct {
	New          NewCase
	Origin       ImportOrigin
	Status       Status    // where the ledger says the case is
	DoneAt       time.Time // resolved, declined or closed on (the ledger's 结案日期); zero: the received time
	Decision     string    // 处理结果
	Compensation Money     // 赔偿金额, as one remedy of kind RemedyPenalty
	LedgerOwner  string    // the ledger's handler when they are not on the staff list (kept on the imported event)
}

// EventImported marks a case that came from a ledger: Args name (the file),
// row, ref (its reference, if any), owner (the ledger's handler not on the
// staff list); New the status it came in with.
const EventImported EventType = "imported"

// Keys of an EventImported's Args (ArgName and ArgOwner are shared).
const (
	ArgRow = "row" // a row number in a spreadsheet
	ArgRef = "ref" // a ledger's reference (编号)
)

// ApplyImport turns a case just built from ic.New (NewCaseFrom) into the
// imported one: its status, its clocks stopped at the ledger's dates, the
// outcome, and the mark. A resolved or closed row predates Casebook's
// follow-ups: it owes none (FollowUp.Waived), like cases closed before
// follow-ups existed, so nothing on Today asks for one and it can be closed.
func ApplyImport(c *Case, ic ImportedCase, now time.Time) {
	received := c.ReceivedAt
	done := ic.DoneAt
	if done.IsZero() || done.Before(received) {
		done = received
	}
	status := ic.Status
	if status == "" {
		status = StatusNew
	}
	// A ledger records when a case came in and when it ended, not when it was
	// first answered: a case past "new" counts as answered when received.
	if status != StatusNew {
		c.FirstResponse.Stop(received)
	}
	switch status {
	case StatusDeclined:
		c.Resolution.Stop(done)
	case StatusResolved, StatusClosed:
		c.Resolution.Stop(done)
		c.FollowUp.ResolvedAt = done
		c.FollowUp.Waived = true
		if status == StatusClosed {
			c.ClosedAt = done
		}
	}
	c.Status = status
	c.Decision = ic.Decision
	if ic.Compensation > 0 {
		c.Remedies = []Remedy{{Kind: RemedyPenalty, Amount: ic.Compensation}}
	}
	o := ic.Origin
	o.At, o.By = now, ic.New.By
	c.Imported = o
	args := map[string]string{ArgName: o.File, ArgRow: strconv.Itoa(o.Row)}
	if o.Ref != "" {
		args[ArgRef] = o.Ref
	}
	if ic.LedgerOwner != "" {
		args[ArgOwner] = ic.LedgerOwner
	}
	c.Timeline = append(c.Timeline, Event{At: now, By: ic.New.By, Type: EventImported, New: string(status), Args: args})
}

// AuditImport is the audit entry of a ledger import; What: the file, its
// hash and the counts.
const AuditImport AuditKind = "import"
