package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"casebook/data"
)

// caseApproveCommand approves, or with --refuse refuses, a solution that
// waits for approval because its remedies are above its proposer's limit.
func (c *cli) caseApproveCommand() *cobra.Command {
	var refuse bool
	var reason, by string
	cmd := &cobra.Command{
		Use:               "approve NUMBER [--refuse --reason TEXT] [--by NAME]",
		Short:             c.tr(T("approve a solution above its proposer's limit, or refuse it with a reason (supervisor or owner, within their own limit)")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	cmd.Flags().BoolVar(&refuse, "refuse", false, c.tr(T("refuse the solution: the case goes back to investigating")))
	cmd.Flags().StringVar(&reason, "reason", "", c.tr(T("why the solution is refused (required with --refuse)")))
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if refuse && strings.TrimSpace(reason) == "" {
			return c.usage(T("--refuse needs --reason TEXT"))
		}
		if !refuse && reason != "" {
			return c.usage(T("--reason goes with --refuse"))
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		var cs data.Case
		if refuse {
			cs, err = svc.Cases.RefuseApproval(ctx, a, args[0], reason)
		} else {
			cs, err = svc.Cases.Approve(ctx, a, args[0])
		}
		if err != nil {
			return err
		}
		// What was done, as the timeline says it: "Solution approved (total ¥800.00)".
		render := c.eventRenderer(c.lang, svc.Settings.Get())
		for _, e := range slices.Backward(cs.Timeline) {
			if e.Type == data.EventApproved || e.Type == data.EventApprovalRefused {
				fmt.Fprintf(c.stdout, "%s %s\n%s\n", cs.Number, cs.Status, termLine(render(e)))
				break
			}
		}
		return nil
	}
	return cmd
}
