package service

import (
	"context"
	"time"

	"casebook/data"
)

// checkApproval asks for approval when the remedies' total changed on a
// proposed case and is now above what the actor may propose and above what
// was approved before (see data.Case.CheckApproval); past the proposal it
// refuses such a raise (data.Case.CheckRaise), and the transaction with it.
func checkApproval(cs *data.Case, st data.Settings, a data.Actor, before data.Money, now time.Time) error {
	f := cs.Findings()
	if f.Total() == before {
		return nil
	}
	cs.CheckApproval(st, a, now)
	return cs.CheckRaise(st, a, before)
}

// Approve approves the solution of a case that waits for approval: the
// actor's role must allow approving and its limit cover the total.
func (c *Cases) Approve(ctx context.Context, a data.Actor, number string) (data.Case, error) {
	if err := check(a, data.ActionApprove); err != nil {
		return data.Case{}, err
	}
	return c.update(ctx, number, func(cs *data.Case, st data.Settings, now time.Time) error {
		return cs.Approve(st, a, now)
	})
}

// RefuseApproval refuses the solution of a case that waits for approval,
// with a reason; the case goes back to investigating.
func (c *Cases) RefuseApproval(ctx context.Context, a data.Actor, number, reason string) (data.Case, error) {
	if err := check(a, data.ActionApprove); err != nil {
		return data.Case{}, err
	}
	return c.update(ctx, number, func(cs *data.Case, st data.Settings, now time.Time) error {
		return cs.RefuseApproval(st, a, reason, now)
	})
}
