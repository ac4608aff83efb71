// Package ui is Casebook's Fyne interface: the case list, intake form, case
// detail and settings. It reaches data only through the Service it declares.
package ui

import (
	"context"
	"time"

	"casebook/data"
)

// Service is everything the screens need from the application. The store
// implements it; tests may too.
type Service interface {
	Settings() data.Settings
	SaveSettings(ctx context.Context, st data.Settings) error

	List(f data.Filter, s data.Sort, now time.Time) []*data.Row
	Count() int
	CaseByID(ctx context.Context, id uint64) (data.Case, error)
	CreateCase(ctx context.Context, n data.NewCase) (data.Case, error)

	Move(ctx context.Context, number string, to data.Status, by, note string) (data.Case, error)
	AddNote(ctx context.Context, number, by, text string) (data.Case, error)
	SetOwner(ctx context.Context, number, owner, by string) (data.Case, error)
	SetSeverity(ctx context.Context, number string, sev data.Severity, by string) (data.Case, error)
	SetCategory(ctx context.Context, number, slug, by string) (data.Case, error)
	SetWaiting(ctx context.Context, number string, w data.Waiting, by, note string) (data.Case, error)
	Escalate(ctx context.Context, number string, level data.Escalation, by, note string) (data.Case, error)

	FindCustomers(ctx context.Context, prefix string, limit int) ([]data.Customer, error)
	CustomerCases(ctx context.Context, customerID uint64) ([]*data.Row, error)

	Mail
	Documents
}

// Documents is the printing side of the service: findings, letters and
// archives. The app writes PDF files into the user's documents folder and
// returns their paths; the screens open them in the system viewer.
type Documents interface {
	SetFindings(ctx context.Context, number string, f data.Findings, by string) (data.Case, error)
	// PrintLetter issues a letter in lang (kept on the case and its timeline),
	// writes it to a PDF file and returns the case and the file's path. A case
	// not ready for the letter gets a *data.NotReadyError; an agency without a
	// name gets pdf.ErrNoAgency (errors.Is(err, data.ErrInvalid)).
	PrintLetter(ctx context.Context, number string, t data.LetterType, lang, by string) (data.Case, string, error)
	// ReprintLetter writes an issued letter, byte for byte as issued, to a file again.
	ReprintLetter(ctx context.Context, number string, l data.Letter) (string, error)
	// PrintArchive writes the case's whole dossier as a PDF file.
	PrintArchive(ctx context.Context, number, by string) (string, error)
	// PrintClosedArchive writes one PDF of every case closed on the days from
	// to to (both inclusive, local time), reporting progress; cancel ctx to stop.
	// count is 0 and path "" when no case was closed then.
	PrintClosedArchive(ctx context.Context, from, to time.Time, by string, progress func(done, total int)) (path string, count int, err error)
	// PutBlob stores an image (the agency's logo or seal) and returns its SHA-256.
	PutBlob(ctx context.Context, b []byte) (string, error)
}

// Mail is the e-mail side of the service: the app implements it with mailsync,
// so the interface never touches a mail library.
type Mail interface {
	CaseMessages(ctx context.Context, caseID uint64) ([]data.Message, error)
	// QueueReply renders a template for the case's customer and puts it in the
	// outbox, with the given issued letters attached as PDF files.
	QueueReply(ctx context.Context, number, template, text, by string, letters []data.Letter) (data.Message, error)
	// Blob returns stored bytes: an original message or an attachment.
	Blob(ctx context.Context, sha string) ([]byte, error)
	// TestMail logs in to both servers with the account and password, and says what failed.
	TestMail(ctx context.Context, a data.MailAccount, password string) error
	// SavePassword stores the mail password in the OS keyring; HasPassword tells whether one is there.
	SavePassword(username, password string) error
	HasPassword(username string) bool
	// SyncNow asks the background worker for a sync.
	SyncNow()
	// MailLog lists messages newest first: incoming, outgoing, or both ("").
	MailLog(ctx context.Context, dir data.Direction, limit int) ([]data.MailLogEntry, error)
	// RetryParked reads unreadable messages again and files those that now read.
	RetryParked(ctx context.Context) (retried, stillParked int, err error)
}

// MailStatus is what the status line shows of the mail worker; the app turns
// worker events into it.
type MailStatus struct {
	Syncing     bool
	Done, Total int       // progress of a long import
	LastSync    time.Time // last successful sync
	Summary     string    // of the last sync
	Err         error     // of the last sync, if it failed
	Problem     Problem   // what kind of failure Err is, so it can be explained
	Queued      int       // messages waiting in the outbox
}

// Problem names a kind of mail failure the interface explains in words.
type Problem string

const (
	ProblemNone     Problem = ""
	ProblemAuth     Problem = "auth"     // user name or password refused
	ProblemOffline  Problem = "offline"  // no connection to the server
	ProblemTimeout  Problem = "timeout"  // the server stopped answering
	ProblemPassword Problem = "password" // no password stored
	ProblemOther    Problem = "other"
)
