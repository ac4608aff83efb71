package data

import (
	"fmt"
	"time"
)

// Notice is a typed change notice: after each committed change the
// application layer publishes one on its change feed, and the GUI, and later
// notifications, backups and other counters, update what it names.
type Notice interface{ notice() }

// CaseChanged says a case was created or changed (its record, row and timeline).
type CaseChanged struct {
	ID     uint64
	Number string
}

// SettingsChanged says the settings were saved (staff, policy, agency, account…).
type SettingsChanged struct{}

// OutboxChanged says messages were queued, sent or failed; Queued is how many
// wait to be sent, Uncertain how many may have been delivered and wait for staff.
type OutboxChanged struct{ Queued, Uncertain int }

// MailStatusChanged carries what the mail worker is doing, for the status line.
type MailStatusChanged struct{ Status MailStatus }

func (CaseChanged) notice()       {}
func (SettingsChanged) notice()   {}
func (OutboxChanged) notice()     {}
func (MailStatusChanged) notice() {}

// MailStatus is what the status line shows of the mail worker.
type MailStatus struct {
	Syncing     bool
	Done, Total int        // progress of a long import
	LastSync    time.Time  // last successful sync
	Summary     SyncCounts // of the last sync
	Err         error      // of the last sync, if it failed
	Problem     Problem    // what kind of failure Err is, so it can be explained
	Queued      int        // messages waiting in the outbox
	Uncertain   int        // messages that may have been delivered, waiting for staff
}

// Problem names a kind of mail failure the interfaces explain in words.
type Problem string

const (
	ProblemNone     Problem = ""
	ProblemAuth     Problem = "auth"     // user name or password refused
	ProblemOffline  Problem = "offline"  // no connection to the server
	ProblemTimeout  Problem = "timeout"  // the server stopped answering
	ProblemPassword Problem = "password" // no password stored
	ProblemOther    Problem = "other"
)

// SyncCounts says what one mail sync did.
type SyncCounts struct {
	Fetched, NewCases, Threaded, Automatic, Duplicates, Parked int
	Sent, Failed, Retrying                                     int
	Uncertain                                                  int // sent, but the server's answer was lost: held for staff
}

// String is the counts in English, for the log.
func (s SyncCounts) String() string {
	return fmt.Sprintf("fetched %d, new cases %d, threaded %d, automatic %d, duplicates %d, parked %d, sent %d, failed %d, retrying %d, uncertain %d",
		s.Fetched, s.NewCases, s.Threaded, s.Automatic, s.Duplicates, s.Parked, s.Sent, s.Failed, s.Retrying, s.Uncertain)
}
