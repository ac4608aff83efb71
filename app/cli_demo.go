package main

import (
	"context"
	"fmt"
	"time"

	"casebook/data/demo"
)

func (c *cli) demo(ctx context.Context, args []string) error {
	fs := c.newFlags("demo", "demo --cases N [--seed S]")
	n := fs.Int("cases", 200, "how many cases to generate")
	seed := fs.Int64("seed", 1, "random seed: the same seed gives the same cases")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("demo: unexpected argument %q: %w", pos[0], errUsage)
	}
	if *n < 1 || *n > 1_000_000 {
		return fmt.Errorf("demo: --cases must be between 1 and 1000000: %w", errUsage)
	}
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	// Demo staff join the settings so the owner pickers have names in them.
	st := s.Settings()
	for _, d := range demo.Staff {
		if _, ok := st.StaffRole(d.Name); !ok {
			st.Staff = append(st.Staff, d)
		}
	}
	if err := s.SaveSettings(ctx, st); err != nil {
		return err
	}
	start := time.Now()
	cases := demo.Generate(*seed, *n, c.clockNow())
	last := time.Now()
	err = s.LoadDemo(ctx, cases, func(done, total int) {
		if time.Since(last) > time.Second || done == total {
			fmt.Fprintf(c.stderr, "\r%d/%d cases", done, total)
			last = time.Now()
		}
	})
	fmt.Fprintln(c.stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "added %d demo cases in %s; the database now holds %d\n", *n, time.Since(start).Round(time.Millisecond), s.Count())
	return nil
}
