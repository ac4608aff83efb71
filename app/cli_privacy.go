package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"casebook/app/service"
	"casebook/data"
	"casebook/data/present"
)

// The customer's rights (PIPL): export, anonymise; and retention.

func (c *cli) customerCommand() *cobra.Command {
	return c.group("customer", c.tr(T("customer records: list, show, merge, tag, VIP, notes; export, anonymise")),
		append([]*cobra.Command{c.customerExportCommand(), c.customerAnonymiseCommand()}, c.customerRecordCommands()...)...)
}

func (c *cli) privacyCommand() *cobra.Command {
	return c.group("privacy", c.tr(T("retention: cases closed long ago that still hold personal data")),
		c.privacyDueCommand(), c.privacyAnonymiseCommand())
}

func (c *cli) customerExportCommand() *cobra.Command {
	var by, out, lang string
	cmd := &cobra.Command{
		Use:   "export ID -o DIR",
		Short: c.tr(T("write everything held about a customer into a folder")),
		Long:  c.tr(T(`ID is the customer's reference (#12 or 12) or the number of one of their cases. Writes into DIR, which must not exist or be empty: customer.json (machine-readable: the customer, every case with its timeline, findings, remedies and letters, every message in and out with its attachments' names and SHA-256, the evidence list), the attachments, evidence and letters themselves, and customer.pdf (readable, in --lang). The export is recorded in the audit chain by the customer's reference.`)),
		Args:  c.exactly(1, c.tr(T("the customer's reference or a case number"))),
	}
	byFlag(cmd, &by)
	cmd.Flags().StringVarP(&out, "output", "o", "", c.tr(T("the folder to write (must not exist or be empty)")))
	cmd.Flags().StringVar(&lang, "lang", "", c.tr(T("language of customer.pdf: zh-Hans, zh-Hant or en (default: the interface's)")))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if strings.TrimSpace(out) == "" {
			return c.usage(T("Say where to write the export: -o DIR."))
		}
		if err := c.checkLang(lang); err != nil {
			return err
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		res, err := svc.Privacy.Export(ctx, a, args[0], out, lang)
		if errors.Is(err, service.ErrExportExists) {
			return c.refuse(TF("{{.Dir}} exists and is not empty: choose a new folder.", map[string]any{"Dir": out}), err)
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("Exported customer {{.Ref}}: {{.Cases}} cases, {{.Messages}} messages, {{.Files}} files, into {{.Dir}}.",
			map[string]any{"Ref": data.CustomerRef(res.Customer.ID), "Cases": res.Cases, "Messages": res.Messages, "Files": res.Files, "Dir": res.Dir})))
		return nil
	}
	return cmd
}

// confirm asks on standard input unless yes; false: the answer was no.
func (c *cli) confirmed(yes bool, question msg) bool {
	if yes {
		return true
	}
	fmt.Fprint(c.stderr, c.tr(question)+" [y/N] ")
	line := ""
	if c.stdin != nil {
		line, _ = bufio.NewReader(c.stdin).ReadString('\n')
	}
	a := strings.ToLower(strings.TrimSpace(line))
	return a == "y" || a == "yes" || a == "是" || a == "是的"
}

func (c *cli) customerAnonymiseCommand() *cobra.Command {
	var by string
	var yes bool
	cmd := &cobra.Command{
		Use:   "anonymise ID [--yes]",
		Short: c.tr(T("erase a customer's personal data, keeping every figure (owner)")),
		Long:  c.tr(T(`ID is the customer's reference (#12 or 12) or the number of one of their cases. Erases their name (replaced by 客户 #ID), phone, e-mail and WeChat, the bodies, subjects and attachments of their mail, the raw messages, evidence files, letters' PDFs and every free text of their cases; numbers, categories, dates, durations, amounts, ratings, statuses and channels stay, so every figure is the same. Each case gets an "anonymised" event; the audit chain stays verifiable. Then the database file is compacted, so the erased bytes are gone from it too. Refused while a case of theirs is open. Close the Casebook window first.`)),
		Args:  c.exactly(1, c.tr(T("the customer's reference or a case number"))),
	}
	byFlag(cmd, &by)
	cmd.Flags().BoolVar(&yes, "yes", false, c.tr(T("anonymise without asking")))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		var once sync.Once // closed before compacting, and on the way out
		closeSvc := func() { once.Do(func() { svc.Close() }) }
		defer closeSvc()
		cust, err := svc.Privacy.Customer(ctx, args[0])
		if err != nil {
			return err
		}
		if !c.confirmed(yes, TF("Erase the personal data of customer {{.Ref}} for good?", map[string]any{"Ref": data.CustomerRef(cust.ID)})) {
			return c.refuse(T("Nothing was anonymised."))
		}
		res, err := svc.Privacy.Anonymise(ctx, a, data.CustomerRef(cust.ID))
		if err != nil {
			return err
		}
		c.sayAnonymised(res)
		return c.compactAfter(ctx, svc, closeSvc)
	}
	return cmd
}

func (c *cli) sayAnonymised(r data.AnonymiseResult) {
	if r.Already {
		fmt.Fprintln(c.stdout, c.tr(TF("Customer {{.Ref}} holds no personal data any more: nothing to do.", map[string]any{"Ref": data.CustomerRef(r.Customer)})))
		return
	}
	fmt.Fprintln(c.stdout, c.tr(TF("Anonymised customer {{.Ref}}: cases {{.Cases}}, {{.Messages}} messages, {{.Files}} stored files deleted.",
		map[string]any{"Ref": data.CustomerRef(r.Customer), "Cases": strings.Join(r.Cases, ", "), "Messages": r.Messages, "Files": r.Blobs})))
}

// compactAfter closes the database and compacts it, so the erased bytes
// leave the file now rather than at the window's next start.
func (c *cli) compactAfter(ctx context.Context, svc *service.Service, closeSvc func()) error {
	if !svc.CompactRequested() {
		return nil
	}
	path := svc.Path()
	closeSvc()
	res, ok, err := service.ApplyPendingCompact(ctx, path, c.clockNow(), cliLockWait)
	if err != nil {
		return &runError{err}
	}
	if ok {
		p := present.For(c.lang)
		fmt.Fprintln(c.stdout, c.tr(TF("Compacted {{.Path}}: {{.Before}} before, {{.After}} after ({{.Cases}} cases).",
			map[string]any{"Path": path, "Before": p.Size(res.Before), "After": p.Size(res.After), "Cases": res.Cases})))
	}
	return nil
}

func (c *cli) privacyDueCommand() *cobra.Command {
	var asJSON bool
	var before string
	cmd := &cobra.Command{
		Use:   "due [--closed-before DATE] [--json]",
		Short: c.tr(T("list the customers whose cases all ended more than the retention years ago")),
		Long:  c.tr(T(`Lists the customers all of whose cases ended (closed, declined or resolved) more than privacy.retention_years (default 2) ago, or before --closed-before, and still hold personal data: they are due for anonymisation. A customer with a case still open or ended later is listed as kept, with that case. It only reads the database.`)),
		Args:  c.noArgs,
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print JSON")))
	cmd.Flags().StringVar(&before, "closed-before", "", c.tr(T("cases that ended before this date YYYY-MM-DD (default: the retention period)")))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		cutoff, err := c.optionalDay("closed-before", before)
		if err != nil {
			return err
		}
		ctx := cmd.Context()
		svc, err := c.openRead(ctx)
		if err != nil {
			return err
		}
		defer svc.Close()
		due, err := svc.Privacy.Due(ctx, cutoff)
		if err != nil {
			return err
		}
		if asJSON {
			if due.Due == nil {
				due.Due = []data.DueCustomer{}
			}
			if due.Kept == nil {
				due.Kept = []data.DueCustomer{}
			}
			enc := json.NewEncoder(c.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(due)
		}
		c.printDue(due)
		return nil
	}
	return cmd
}

func (c *cli) printDue(due data.RetentionDue) {
	p := present.For(c.lang)
	fmt.Fprintln(c.stdout, c.tr(TF("Due: {{.N}} customers whose cases all ended before {{.Date}}.",
		map[string]any{"N": len(due.Due), "Date": p.Date(due.Cutoff.In(c.zone()))})))
	for _, d := range due.Due {
		var ns []string
		for _, cs := range d.Cases {
			ns = append(ns, cs.Number+" ("+p.Date(cs.ClosedAt.In(c.zone()))+")")
		}
		fmt.Fprintf(c.stdout, "  %s\t%s\n", data.CustomerRef(d.Customer), strings.Join(ns, ", "))
	}
	for _, d := range due.Kept {
		fmt.Fprintln(c.stdout, "  "+c.tr(TF("kept: {{.Ref}} has a recent or open case, {{.Case}}", map[string]any{"Ref": data.CustomerRef(d.Customer), "Case": d.KeptBy})))
	}
}

func (c *cli) optionalDay(flag, v string) (time.Time, error) {
	if strings.TrimSpace(v) == "" {
		return time.Time{}, nil
	}
	return c.parseDay(flag, v)
}

func (c *cli) privacyAnonymiseCommand() *cobra.Command {
	var by, before string
	var yes bool
	cmd := &cobra.Command{
		Use:   "anonymise --closed-before DATE [--yes]",
		Short: c.tr(T("anonymise every customer whose cases all ended before DATE (owner)")),
		Long:  c.tr(T(`Anonymises, in one step, every customer "privacy due" lists as due for --closed-before DATE (see "customer anonymise" for what is erased and what stays); customers with a recent or open case are kept and listed. Then the database file is compacted. Close the Casebook window first.`)),
		Args:  c.noArgs,
	}
	byFlag(cmd, &by)
	cmd.Flags().StringVar(&before, "closed-before", "", c.tr(T("cases that ended before this date YYYY-MM-DD")))
	cmd.Flags().BoolVar(&yes, "yes", false, c.tr(T("anonymise without asking")))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if strings.TrimSpace(before) == "" {
			return c.usage(T("Say which cases: --closed-before YYYY-MM-DD."))
		}
		cutoff, err := c.parseDay("closed-before", before)
		if err != nil {
			return err
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		var once sync.Once // closed before compacting, and on the way out
		closeSvc := func() { once.Do(func() { svc.Close() }) }
		defer closeSvc()
		if err := a.Check(data.ActionPrivacy); err != nil {
			return err
		}
		due, err := svc.Privacy.Due(ctx, cutoff)
		if err != nil {
			return err
		}
		c.printDue(due)
		if len(due.Due) == 0 {
			return nil
		}
		if !c.confirmed(yes, TF("Erase the personal data of these {{.N}} customers for good?", map[string]any{"N": len(due.Due)})) {
			return c.refuse(T("Nothing was anonymised."))
		}
		_, rs, err := svc.Privacy.AnonymiseDue(ctx, a, cutoff)
		if err != nil {
			return err
		}
		for _, r := range rs {
			c.sayAnonymised(r)
		}
		return c.compactAfter(ctx, svc, closeSvc)
	}
	return cmd
}
