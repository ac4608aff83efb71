package ui

import (
	"context"
	"time"

	"casebook/data"
)

// The test service computes Today as the application layer does: from the
// list rows, with the store's count of mail on no case.

func (s *testService) TodayRows(who data.Actor, now time.Time, newMail int) data.Today {
	rows := s.List(data.Filter{OpenOnly: true}, data.Sort{}, now)
	return data.ComputeToday(rows, s.Store.Settings(), who.Name, who.Role, newMail, now)
}

func (s *testService) Unfiled(ctx context.Context) (int, error) { return s.UnfiledMail(ctx) }
