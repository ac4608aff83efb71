package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

func (c *cli) demoCommand() *cobra.Command {
	var (
		n    int
		seed int64
		by   string
	)
	cmd := &cobra.Command{
		Use:   "demo [--cases N] [--seed S]",
		Short: c.tr(T("fill the database with demo cases (and the demo staff)")),
		Args:  c.noArgs,
	}
	cmd.Flags().IntVar(&n, "cases", 200, c.tr(T("how many cases to generate")))
	cmd.Flags().Int64Var(&seed, "seed", 1, c.tr(T("random seed: the same seed gives the same cases")))
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if n < 1 || n > 1_000_000 {
			return c.usage(T("--cases must be between 1 and 1000000"))
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, true)
		if err != nil {
			return err
		}
		defer svc.Close()
		start, last := time.Now(), time.Now()
		err = svc.LoadDemo(ctx, a, n, seed, func(done, total int) {
			if time.Since(last) > time.Second || done == total {
				fmt.Fprintf(c.stderr, "\r%d/%d", done, total)
				last = time.Now()
			}
		})
		fmt.Fprintln(c.stderr)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("added {{.N}} demo cases in {{.Took}}; the database now holds {{.Count}}", map[string]any{
			"N": n, "Took": time.Since(start).Round(time.Millisecond), "Count": svc.Cases.Count()})))
		return nil
	}
	return cmd
}
