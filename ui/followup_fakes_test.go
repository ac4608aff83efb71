package ui

import (
	"context"
	"time"

	"casebook/data"
)

// The follow-up use cases over the store, as the application layer has them.

func (s *testService) followUp(ctx context.Context, a data.Actor, act data.Action, number string, fn func(c *data.Case, st data.Settings, now time.Time) error) (data.Case, error) {
	if err := a.Check(act); err != nil {
		return data.Case{}, err
	}
	return s.Update(ctx, number, fn)
}

func (s *testService) RecordFollowUp(ctx context.Context, a data.Actor, number string, v data.FollowUp) (data.Case, error) {
	return s.followUp(ctx, a, data.ActionFollowUp, number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.RecordFollowUp(st, v, a.Name, now)
	})
}
func (s *testService) CloseFollowUpUnreachable(ctx context.Context, a data.Actor, number, note string) (data.Case, error) {
	return s.followUp(ctx, a, data.ActionFollowUp, number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.CloseFollowUpUnreachable(st, a.Name, note, now)
	})
}
func (s *testService) CloseWithoutFollowUp(ctx context.Context, a data.Actor, number, reason string) (data.Case, error) {
	return s.followUp(ctx, a, data.ActionClose, number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.CloseWithoutFollowUp(st, a.Name, reason, now)
	})
}
func (s *testService) ConfirmRating(ctx context.Context, a data.Actor, number string, id uint64, rating int, reason string) (data.Case, error) {
	return s.followUp(ctx, a, data.ActionFollowUp, number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.ConfirmRating(st, id, rating, reason, a.Name, now)
	})
}
func (s *testService) DismissRating(ctx context.Context, a data.Actor, number string, id uint64) (data.Case, error) {
	return s.followUp(ctx, a, data.ActionFollowUp, number, func(c *data.Case, _ data.Settings, now time.Time) error {
		return c.DismissRating(id, a.Name, now)
	})
}
func (s *testService) KeepClosed(ctx context.Context, a data.Actor, number, note string) (data.Case, error) {
	return s.followUp(ctx, a, data.ActionClose, number, func(c *data.Case, _ data.Settings, now time.Time) error {
		return c.KeepClosed(a.Name, note, now)
	})
}
