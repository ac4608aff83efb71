package store

import (
	"context"
	"testing"
	"time"

	"casebook/data"
)

// followedUp records a reached follow-up on a resolved case, so it may be closed.
func followedUp(t testing.TB, s *Store, number string) {
	t.Helper()
	if _, err := s.Update(context.Background(), number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.RecordFollowUp(st, data.FollowUp{Channel: data.FollowUpPhone, Reached: true, Rating: 5}, "王芳", now)
	}); err != nil {
		t.Fatal(err)
	}
}
