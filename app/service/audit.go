package service

import (
	"context"
	"errors"

	"casebook/data"
)

// Audit reads the audit chain: every committed change (case events,
// messages in and out, letters, settings and staff) appended, in the same
// transaction, to a chain of SHA-256-linked entries.
type Audit struct{ *core }

// Verify walks the chain (each entry's link to the one before and its own
// hash) and replays every case against it: its timeline, event by event and
// in order, must hash to the chain's entries for that case, and every stored
// case and message must be the one the chain recorded last. The first
// disagreement is a *data.AuditBrokenError naming the case and the time.
// It only reads: it works on a database opened read-only.
func (a *Audit) Verify(ctx context.Context) (data.AuditSummary, error) {
	sum, err := a.store.AuditVerify(ctx)
	var be *data.AuditBrokenError
	if errors.As(err, &be) {
		be.At = be.At.In(a.zone()) // shown as the agency reads its times
	}
	return sum, err
}

// Case lists a case's audit entries, oldest first: who, when, what, from
// which counter.
func (a *Audit) Case(ctx context.Context, number string) ([]data.AuditEntry, error) {
	return a.store.AuditOf(ctx, number)
}

// Head is the chain's length and its last entry's hash (documents and
// Settings show its first 16 hex digits: data.Head16).
func (a *Audit) Head(ctx context.Context) (entries uint64, head string, err error) {
	return a.store.AuditHead(ctx)
}

// AuditEntries is Audit.Case for the case screen: the case's audit entries,
// oldest first.
func (c *Cases) AuditEntries(ctx context.Context, number string) ([]data.AuditEntry, error) {
	return c.store.AuditOf(ctx, number)
}

// AuditHead is Audit.Head for the Settings screen.
func (s *Settings) AuditHead(ctx context.Context) (entries uint64, head string, err error) {
	return s.store.AuditHead(ctx)
}

// record appends an action that changes no record (a sign-in, a print, an
// export, a backup) to the audit chain. A failure is returned: an action the
// agency must be able to prove is not done unproven.
func (c *core) record(ctx context.Context, kind data.AuditKind, by data.Actor, what string, cs *data.Case) error {
	a := data.AuditAction{Kind: kind, By: by.Name, What: what}
	if cs != nil {
		a.CaseID, a.Number = cs.ID, cs.Number
	}
	return c.store.RecordAudit(ctx, a)
}

// Recent lists the chain's last n entries, oldest first (actions that name
// no case — backups, restores, compactions — among them).
func (a *Audit) Recent(ctx context.Context, n int) ([]data.AuditEntry, error) {
	return a.store.AuditRecent(ctx, n)
}
