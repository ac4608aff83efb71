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
}
