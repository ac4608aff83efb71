package service

import (
	"context"
	"time"

	"casebook/data"
)

// RecordReferral records (or corrects) that the 12345 hotline or the
// culture and tourism bureau referred the case, with its number and notice
// date, and starts the clock of the written reply the regulator expects
// (Settings: referral.reply_days). Recording belongs to intake: staff and
// above may.
func (c *Cases) RecordReferral(ctx context.Context, a data.Actor, number string, in data.ReferralInput) (data.Case, error) {
	if err := check(a, data.ActionRecord); err != nil {
		return data.Case{}, err
	}
	return c.update(ctx, number, func(cs *data.Case, st data.Settings, now time.Time) error {
		if err := in.Normalize(now); err != nil {
			return err
		}
		return cs.RecordReferral(in, st, a.Name, now)
	})
}
