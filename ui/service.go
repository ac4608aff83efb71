// Package ui is Casebook's Fyne interface: the case list, intake form, case
// detail, mail and settings. Each screen declares the small interface it needs
// of the application layer (next to the screen); Services gathers them, and
// the app passes its application layer in. ui never touches the store, a
// mail library or the application layer's packages.
package ui

import (
	"context"

	"casebook/data"
)

// Services is what the screens need, by feature. The app's application layer
// (casebook/app/service) satisfies each interface; tests may too.
type Services struct {
	Cases     CaseService
	Mail      MailService
	Documents DocumentService
	Settings  SettingsService
	// Classifier suggests category and severity learned from closed cases
	// (suggest.go); nil: no learned suggestions.
	Classifier classifier
	Backups    backupKeeper   // nil: no Backup page (tests that do not need it)
	SignIn     signer         // nil: no sign-in, anyone picks a name under "Working as" (tests that do not need it)
	Privacy    privacyKeeper  // nil: no privacy tools (export, anonymise, Settings → Privacy)
	Customers  customerKeeper // nil: no Customers tab, no marks on the case screen (customers.go)
	KB         knowledgeBase  // nil: no knowledge base window nor Insert… in the reply box (kb.go)
	Templates  templateEditor // nil: no Settings → Mail templates page (settings_templates.go)
	Exporter   caseExporter   // nil: no Export… button on the case list (export.go)
	Import     ledgerImporter // nil: no Case → Import spreadsheet… (import.go)
	Reports    reportMaker    // nil: no Reports tab (reports.go)
}

// CaseService is every screen's need of cases together.
type CaseService interface {
	todaySource
	caseLister
	caseWorker
	intake
	findingsSaver
	caseEditor
	evidenceKeeper
	approver
	referralRecorder
	followUpWorker // casefollowup.go
}

// MailService is every screen's need of e-mail together.
type MailService interface {
	unfiledCounter
	conversation
	mailLogSource
	mailAccount
}

// DocumentService is every screen's need of printing together.
type DocumentService interface {
	printer
	letterReprinter
	closedArchiver
	agencyImages
}

// SettingsService reads and saves the settings and says who is working.
type SettingsService interface {
	Get() data.Settings
	Save(ctx context.Context, a data.Actor, st data.Settings) error
	// Actor is the staff member called name, with their role.
	Actor(name string) (data.Actor, error)
	staffRemover
}

// MailStatus is what the status line shows of the mail worker.
type MailStatus = data.MailStatus

// Problem names a kind of mail failure the interface explains in words.
type Problem = data.Problem

const (
	ProblemNone     = data.ProblemNone
	ProblemAuth     = data.ProblemAuth
	ProblemOffline  = data.ProblemOffline
	ProblemTimeout  = data.ProblemTimeout
	ProblemPassword = data.ProblemPassword
	ProblemOther    = data.ProblemOther
)
