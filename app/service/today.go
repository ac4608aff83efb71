package service

import (
	"context"
	"time"

	"casebook/data"
)

// Today is the overview of the day's work for who (see data.ComputeToday):
// their cases overdue, due today, due soon, waiting too long and escalated to
// them, the open cases nobody owns, the mail on no case, and for a supervisor
// or owner every staff member's lists. It reads the in-memory list rows (and
// the messages, once, for the mail count): no case is decoded.
func (c *Cases) Today(ctx context.Context, who data.Actor, now time.Time) (data.Today, error) {
	n, err := c.store.UnfiledMail(ctx)
	if err != nil {
		return data.Today{}, err
	}
	return c.TodayRows(who, now, n), nil
}

// TodayRows is Today with a mail count the caller already has: what a screen
// recomputes every minute and after each change of a case, without reading
// the messages again.
func (c *Cases) TodayRows(who data.Actor, now time.Time, newMail int) data.Today {
	rows := c.store.List(data.Filter{OpenOnly: true}, data.Sort{}, now)
	t := data.ComputeToday(rows, c.store.Settings(), who.Name, who.Role, newMail, now)
	done := c.store.List(data.Filter{Statuses: []data.Status{data.StatusResolved, data.StatusClosed}}, data.Sort{}, now)
	t.FollowUps = data.ComputeFollowUpToday(done, c.store.Settings(), who.Name, who.Role, now)
	if data.SeesEveryone(who.Role) {
		if _, good, err := c.store.Backups(); err == nil {
			var at time.Time
			if good.OK {
				at = good.At
			}
			t.Backup = data.BackupWarning(at, c.store.Settings(), now)
		}
	}
	return t
}

// Unfiled counts the incoming messages on no case that wait for staff
// (unreadable or held), for Today.
func (m *Mail) Unfiled(ctx context.Context) (int, error) { return m.store.UnfiledMail(ctx) }
