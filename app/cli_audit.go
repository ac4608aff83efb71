package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"casebook/data"
	"casebook/data/present"
)

func (c *cli) auditCommand() *cobra.Command {
	return c.group("audit", c.tr(T("verify the audit chain and show a case's audit entries")),
		c.auditVerifyCommand(), c.auditShowCommand())
}

func (c *cli) auditVerifyCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "verify",
		Short: c.tr(T("check the audit chain and every case against it")),
		Long:  c.tr(T(`Walks the audit chain (each entry names the SHA-256 of the one before it and of its own content) and replays every case against it: the case's timeline must hash, event by event and in order, to the chain's entries for that case, and every stored case and message must be the one the chain recorded last. Prints the number of entries and the first 16 hex digits of the chain's head (exit 0), or the first broken entry by case number and time (exit 1). It only reads the database.`)),
		Args:  c.noArgs,
	}
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx := cmd.Context()
		svc, err := c.openRead(ctx)
		if err != nil {
			return err
		}
		defer svc.Close()
		sum, err := svc.Audit.Verify(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, present.For(c.lang).AuditSummary(sum))
		return nil
	}
	return cmd
}

func (c *cli) auditShowCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:               "show NUMBER",
		Short:             c.tr(T("show a case's audit entries: who, when, what, from which counter")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		svc, err := c.openRead(ctx)
		if err != nil {
			return err
		}
		defer svc.Close()
		cs, err := svc.Cases.Get(ctx, args[0])
		if err != nil {
			return err
		}
		es, err := svc.Audit.Case(ctx, cs.Number)
		if err != nil {
			return err
		}
		p := present.For(c.lang)
		st := svc.Settings.Get()
		evs := data.AuditEvents(es, cs.Timeline)
		w := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", c.tr(T("entry")), c.tr(T("when")), c.tr(T("who")), c.tr(T("counter")), c.tr(T("entry hash")), c.tr(T("what")))
		for i, e := range es {
			at := e.At
			if c.loc != nil {
				at = at.In(c.loc)
			}
			who := e.By
			if who == "" {
				who = p.None()
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", e.Seq, p.DateTime(at), termText(who), e.Counter, data.Head16(e.Hash),
				termText(p.AuditWhat(e, evs[i], st)))
		}
		return w.Flush()
	}
	return cmd
}
