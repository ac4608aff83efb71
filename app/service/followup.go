package service

import (
	"context"
	"time"

	"casebook/data"
)

// Return visits (回访) and ratings: each use case checks the actor's role and
// changes the case in one transaction (see data/followup.go for the rules).

// RecordFollowUp records a visit or an unreached attempt on a resolved or
// closed case; v.By defaults to the actor.
func (c *Cases) RecordFollowUp(ctx context.Context, a data.Actor, number string, v data.FollowUp) (data.Case, error) {
	if err := check(a, data.ActionFollowUp); err != nil {
		return data.Case{}, err
	}
	if v.By == "" {
		v.By = a.Name
	}
	return c.update(ctx, number, func(cs *data.Case, st data.Settings, now time.Time) error {
		return cs.RecordFollowUp(st, v, a.Name, now)
	})
}

// CloseFollowUpUnreachable ends the follow-up as unreachable after the
// settings' number of unreached attempts; the case may then be closed.
func (c *Cases) CloseFollowUpUnreachable(ctx context.Context, a data.Actor, number, note string) (data.Case, error) {
	if err := check(a, data.ActionFollowUp); err != nil {
		return data.Case{}, err
	}
	return c.update(ctx, number, func(cs *data.Case, st data.Settings, now time.Time) error {
		return cs.CloseFollowUpUnreachable(st, a.Name, note, now)
	})
}

// CloseWithoutFollowUp is a supervisor's (or the owner's) closing of a
// resolved case without a follow-up, with the reason on the timeline.
func (c *Cases) CloseWithoutFollowUp(ctx context.Context, a data.Actor, number, reason string) (data.Case, error) {
	if err := check(a, data.ActionClose); err != nil {
		return data.Case{}, err
	}
	return c.update(ctx, number, func(cs *data.Case, st data.Settings, now time.Time) error {
		return cs.CloseWithoutFollowUp(st, a.Name, reason, now)
	})
}

// ConfirmRating records a reply that may hold a rating as a follow-up by
// e-mail with the rating staff read in it.
func (c *Cases) ConfirmRating(ctx context.Context, a data.Actor, number string, messageID uint64, rating int, reason string) (data.Case, error) {
	if err := check(a, data.ActionFollowUp); err != nil {
		return data.Case{}, err
	}
	return c.update(ctx, number, func(cs *data.Case, st data.Settings, now time.Time) error {
		return cs.ConfirmRating(st, messageID, rating, reason, a.Name, now)
	})
}

// DismissRating says a reply holds no rating: it stays a normal message.
func (c *Cases) DismissRating(ctx context.Context, a data.Actor, number string, messageID uint64) (data.Case, error) {
	if err := check(a, data.ActionFollowUp); err != nil {
		return data.Case{}, err
	}
	return c.update(ctx, number, func(cs *data.Case, _ data.Settings, now time.Time) error {
		return cs.DismissRating(messageID, a.Name, now)
	})
}

// KeepClosed takes an unhappy rating off the supervisor's Today without
// reopening the case (reopening is Move to investigating).
func (c *Cases) KeepClosed(ctx context.Context, a data.Actor, number, note string) (data.Case, error) {
	if err := check(a, data.ActionClose); err != nil {
		return data.Case{}, err
	}
	return c.update(ctx, number, func(cs *data.Case, _ data.Settings, now time.Time) error {
		return cs.KeepClosed(a.Name, note, now)
	})
}
