package ui

import (
	"context"
	"time"

	"casebook/data"
)

func (s *testService) RecordReferral(ctx context.Context, a data.Actor, number string, in data.ReferralInput) (data.Case, error) {
	return s.Update(ctx, number, func(c *data.Case, st data.Settings, now time.Time) error {
		if err := in.Normalize(now); err != nil {
			return err
		}
		return c.RecordReferral(in, st, a.Name, now)
	})
}
