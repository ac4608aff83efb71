package service

import (
	"context"
	"fmt"

	"casebook/data"
	"casebook/data/demo"
)

// LoadDemo fills the database with n generated cases (the same seed gives the
// same cases) and puts the demo staff on the staff list, so the pickers have
// names in them. It is the owner's: it changes the staff list.
func (s *Service) LoadDemo(ctx context.Context, a data.Actor, n int, seed int64, progress func(done, total int)) error {
	if n < 1 || n > 1_000_000 {
		return fmt.Errorf("%w: the number of demo cases must be between 1 and 1000000", data.ErrInvalid)
	}
	if _, err := s.Settings.edit(ctx, a, func(st *data.Settings) error {
		if err := check(a, data.ActionStaff); err != nil {
			return err
		}
		for _, d := range demo.Staff {
			if _, ok := st.StaffRole(d.Name); !ok {
				st.Staff = append(st.Staff, d)
			}
		}
		return nil
	}); err != nil {
		return err
	}
	cases := demo.Generate(seed, n, s.core.store.Now())
	return s.core.store.LoadDemo(ctx, cases, progress)
}
