package service

import (
	"context"
	"fmt"
	"strings"
	"time"

	"casebook/data"
)

// Cases is recording, reading and working on cases.
type Cases struct{ *core }

// Get returns the case with this number.
func (c *Cases) Get(ctx context.Context, number string) (data.Case, error) {
	return c.store.Case(ctx, number)
}

// ByID returns the case with this id.
func (c *Cases) ByID(ctx context.Context, id uint64) (data.Case, error) {
	return c.store.CaseByID(ctx, id)
}

// List returns the list rows matching f, in the order srt, evaluated at now.
func (c *Cases) List(f data.Filter, srt data.Sort, now time.Time) []*data.Row {
	return c.store.List(f, srt, now)
}

// Count is the number of cases.
func (c *Cases) Count() int { return c.store.Count() }

// FindCustomers finds customers whose name, phone or e-mail starts with prefix.
func (c *Cases) FindCustomers(ctx context.Context, prefix string, limit int) ([]data.Customer, error) {
	return c.store.FindCustomers(ctx, prefix, limit)
}

// CustomerCases lists a customer's cases.
func (c *Cases) CustomerCases(ctx context.Context, customerID uint64) ([]*data.Row, error) {
	return c.store.CustomerCases(ctx, customerID)
}

// Create records a new case on behalf of a. Giving it to someone else at
// intake is assigning, which the actor's role must allow.
func (c *Cases) Create(ctx context.Context, a data.Actor, n data.NewCase) (data.Case, error) {
	if err := check(a, data.ActionRecord); err != nil {
		return data.Case{}, err
	}
	n.Owner = strings.TrimSpace(n.Owner)
	if n.Owner != "" && n.Owner != a.Name {
		if err := check(a, data.ActionAssign); err != nil {
			return data.Case{}, err
		}
	}
	n.By = a.Name
	return c.store.CreateCase(ctx, n)
}

// Move takes a case to another stage; declining and reopening need a reason in note.
func (c *Cases) Move(ctx context.Context, a data.Actor, number string, to data.Status, note string) (data.Case, error) {
	return c.update(ctx, number, func(cs *data.Case, st data.Settings, now time.Time) error {
		// A step the workflow refuses is explained as such, whoever asks.
		if data.CanMove(cs.Kind, cs.Status, to) {
			if err := check(a, data.MoveAction(cs.Status, to)); err != nil {
				return err
			}
		}
		if err := cs.Move(st, to, a.Name, note, now); err != nil {
			return err
		}
		if to == data.StatusProposed {
			cs.CheckApproval(st, a, now) // above the proposer's limit, it waits for approval
		}
		return nil
	})
}

// AddNote adds a note to the timeline.
func (c *Cases) AddNote(ctx context.Context, a data.Actor, number, text string) (data.Case, error) {
	if err := check(a, data.ActionNote); err != nil {
		return data.Case{}, err
	}
	return c.update(ctx, number, func(cs *data.Case, _ data.Settings, now time.Time) error {
		return cs.AddNote(a.Name, text, now)
	})
}

// Change applies several changes (owner, severity, category, waiting,
// escalation) in one transaction: a refused one leaves the case as it was.
func (c *Cases) Change(ctx context.Context, a data.Actor, number string, ch data.CaseChanges) (data.Case, error) {
	if ch.Empty() {
		return data.Case{}, fmt.Errorf("%w: nothing to change", data.ErrInvalid)
	}
	return c.update(ctx, number, func(cs *data.Case, st data.Settings, now time.Time) error {
		for _, act := range ch.Actions(cs, a) {
			if err := check(a, act); err != nil {
				return err
			}
		}
		return ch.Apply(cs, st, a.Name, now)
	})
}

// SetFindings records the investigation's findings and the solution, whole.
func (c *Cases) SetFindings(ctx context.Context, a data.Actor, number string, f data.Findings) (data.Case, error) {
	return c.EditFindings(ctx, a, number, func(old *data.Findings) { *old = f })
}

// EditFindings changes the findings as they are inside the transaction, so
// a partial change (one field from the command line) never overwrites
// another counter's.
func (c *Cases) EditFindings(ctx context.Context, a data.Actor, number string, edit func(f *data.Findings)) (data.Case, error) {
	if err := check(a, data.ActionInvestigate); err != nil {
		return data.Case{}, err
	}
	return c.update(ctx, number, func(cs *data.Case, st data.Settings, now time.Time) error {
		f := cs.Findings()
		before := f.Total()
		edit(&f)
		if err := cs.SetFindings(f, a.Name, now); err != nil {
			return err
		}
		return checkApproval(cs, st, a, before, now)
	})
}

// AmendFindings changes findings the closure letter made read-only, with the
// reason on the timeline. Amending after the letter is the alternative to
// reopening the case, so it needs the right to reopen as well.
func (c *Cases) AmendFindings(ctx context.Context, a data.Actor, number, reason string, edit func(f *data.Findings)) (data.Case, error) {
	if err := check(a, data.ActionInvestigate); err != nil {
		return data.Case{}, err
	}
	return c.update(ctx, number, func(cs *data.Case, st data.Settings, now time.Time) error {
		if cs.FindingsLocked() {
			if err := check(a, data.ActionReopen); err != nil {
				return err
			}
		}
		f := cs.Findings()
		before := f.Total()
		edit(&f)
		if err := cs.AmendFindings(f, reason, a.Name, now); err != nil {
			return err
		}
		return checkApproval(cs, st, a, before, now)
	})
}

func (c *Cases) update(ctx context.Context, number string, fn func(cs *data.Case, st data.Settings, now time.Time) error) (data.Case, error) {
	return c.store.Update(ctx, number, fn)
}
