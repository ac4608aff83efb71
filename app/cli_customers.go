package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"casebook/app/service"
	"casebook/data"
	"casebook/data/present"
)

// Customer records: list and search, a customer's page, tags, VIP, notes,
// merging two records. Registered in the customer group beside export and
// anonymise (cli_privacy.go).

func (c *cli) customerRecordCommands() []*cobra.Command {
	return []*cobra.Command{c.customerListCommand(), c.customerShowCommand(), c.customerMergeCommand(),
		c.customerTagCommand(), c.customerVIPCommand(), c.customerNoteCommand()}
}

// customerJSON is a customer in `customer list --json` and `customer show --json`.
type customerJSON struct {
	ID       uint64   `json:"id"`
	Ref      string   `json:"reference"`
	Name     string   `json:"name"`
	Phone    string   `json:"phone"`
	Email    string   `json:"email"`
	WeChat   string   `json:"wechat"`
	VIP      bool     `json:"vip"`
	Tags     []string `json:"tags"`
	Cases    int      `json:"cases"`
	Repeat   bool     `json:"repeat_complainant"`
	LastCase string   `json:"last_case_received,omitempty"`
}

// customerPageJSON is `customer show --json`.
type customerPageJSON struct {
	customerJSON
	RepeatMonths int                  `json:"repeat_window_months"`
	Paid         map[string]string    `json:"compensation_paid"` // by currency
	Ratings      []int                `json:"ratings"`
	CaseList     []customerCaseJSON   `json:"case_list"`
	Notes        []data.CustomerNote  `json:"notes"`
	History      []data.ContactChange `json:"contact_history"`
	Merged       []string             `json:"merged_records"`
}

type customerCaseJSON struct {
	Number         string `json:"number"`
	Status         string `json:"status"`
	Kind           string `json:"kind"`
	Category       string `json:"category"`
	Subject        string `json:"subject"`
	Received       string `json:"received"`
	Responsibility string `json:"responsibility"`
	Compensation   string `json:"compensation"`
	Currency       string `json:"currency"`
	Rating         int    `json:"rating"`
}

func (c *cli) printJSON(v any) error {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func (c *cli) customerListCommand() *cobra.Command {
	var q service.CustomerQuery
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--search TEXT] [--repeat] [--vip] [--tag T] [--json]",
		Short: c.tr(T("list customers, found by any part of name, phone, e-mail or WeChat")),
		Long:  c.tr(T(`Lists the customers, the one with the most recent case first: reference, name, phone, e-mail, number of cases, and the marks VIP and repeat complainant (customers.repeat_count complaints, default 2, received within customers.repeat_months, default 12). --search finds any part of a name, phone, e-mail or WeChat, one character or more (a phone typed with spaces or dashes too). It only reads the database.`)),
		Args:  c.noArgs,
	}
	cmd.Flags().StringVar(&q.Text, "search", "", c.tr(T("any part of a name, phone, e-mail or WeChat")))
	cmd.Flags().BoolVar(&q.Repeat, "repeat", false, c.tr(T("only repeat complainants")))
	cmd.Flags().BoolVar(&q.VIP, "vip", false, c.tr(T("only VIP customers")))
	cmd.Flags().StringVar(&q.Tag, "tag", "", c.tr(T("only customers with this tag")))
	cmd.Flags().IntVar(&q.Limit, "limit", 0, c.tr(T("at most this many (0: all)")))
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print JSON")))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx := cmd.Context()
		svc, err := c.openRead(ctx)
		if err != nil {
			return err
		}
		defer svc.Close()
		list, err := svc.Customers.List(ctx, q)
		if err != nil {
			return err
		}
		if asJSON {
			out := make([]customerJSON, 0, len(list))
			for _, s := range list {
				out = append(out, c.customerSummaryJSON(s))
			}
			return c.printJSON(out)
		}
		if len(list) == 0 {
			fmt.Fprintln(c.stdout, c.tr(T("No customers found.")))
			return nil
		}
		for _, s := range list {
			fmt.Fprintf(c.stdout, "%s\t%s\t%s\t%s\t%s%s\n", data.CustomerRef(s.ID), s.Name, s.Phone, s.Email,
				c.tr(TF("{{.N}} cases", map[string]any{"N": s.Cases})), c.customerMarks(s.VIP, s.Repeat))
		}
		return nil
	}
	return cmd
}

func (c *cli) customerSummaryJSON(s data.CustomerSummary) customerJSON {
	j := customerJSON{ID: s.ID, Ref: data.CustomerRef(s.ID), Name: s.Name, Phone: s.Phone, Email: s.Email, WeChat: s.WeChat,
		VIP: s.VIP, Tags: s.Tags, Cases: s.Cases, Repeat: s.Repeat}
	if j.Tags == nil {
		j.Tags = []string{}
	}
	if !s.Last.IsZero() {
		j.LastCase = s.Last.In(c.zone()).Format("2006-01-02T15:04:05Z07:00")
	}
	return j
}

// customerMarks is "  [VIP] [repeat complainant]", as far as they apply.
func (c *cli) customerMarks(vip, repeat bool) string {
	var s string
	if vip {
		s += "\t[" + c.tr(T("VIP")) + "]"
	}
	if repeat {
		s += "\t[" + c.tr(T("repeat complainant")) + "]"
	}
	return s
}

func (c *cli) customerShowCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID|NUMBER [--json]",
		Short: c.tr(T("show a customer: cases, compensation paid, ratings, tags, notes, contact history")),
		Long:  c.tr(T(`ID is the customer's reference (#12 or 12) or the number of one of their cases. Shows their contacts, the marks VIP and repeat complainant, their tags, every case with its status, outcome (responsibility, compensation) and rating, the total compensation paid (the remedies of cases the customer agreed to: agreed, resolved or closed), the notes with author and time, and the history of their contact details. It only reads the database.`)),
		Args:  c.exactly(1, c.tr(T("the customer's reference or a case number"))),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print JSON")))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		svc, err := c.openRead(ctx)
		if err != nil {
			return err
		}
		defer svc.Close()
		id, err := svc.Customers.Resolve(ctx, args[0])
		if err != nil {
			return err
		}
		pg, err := svc.Customers.Page(ctx, id)
		if err != nil {
			return err
		}
		if asJSON {
			return c.printJSON(c.customerPageJSON(pg))
		}
		c.printCustomerPage(pg)
		return nil
	}
	return cmd
}

func (c *cli) customerPageJSON(pg data.CustomerPage) customerPageJSON {
	j := customerPageJSON{customerJSON: customerJSON{ID: pg.ID, Ref: data.CustomerRef(pg.ID), Name: pg.Name, Phone: pg.Phone,
		Email: pg.Email, WeChat: pg.WeChat, VIP: pg.Profile.VIP, Tags: pg.Profile.Tags, Cases: len(pg.Cases), Repeat: pg.Repeat},
		RepeatMonths: pg.Window, Paid: map[string]string{}, Ratings: pg.Ratings, CaseList: []customerCaseJSON{},
		Notes: pg.Profile.Notes, History: pg.Profile.History, Merged: []string{}}
	if j.Tags == nil {
		j.Tags = []string{}
	}
	if j.Ratings == nil {
		j.Ratings = []int{}
	}
	if j.Notes == nil {
		j.Notes = []data.CustomerNote{}
	}
	if j.History == nil {
		j.History = []data.ContactChange{}
	}
	for cur, m := range pg.Paid {
		j.Paid[cur] = m.String()
	}
	for _, id := range pg.Profile.Merged {
		j.Merged = append(j.Merged, data.CustomerRef(id))
	}
	for _, cs := range pg.Cases {
		j.CaseList = append(j.CaseList, customerCaseJSON{Number: cs.Number, Status: string(cs.Status), Kind: string(cs.Kind),
			Category: cs.Category, Subject: cs.Subject, Received: cs.ReceivedAt.In(c.zone()).Format("2006-01-02T15:04:05Z07:00"),
			Responsibility: string(cs.Responsibility), Compensation: cs.Compensation.String(), Currency: cs.Currency, Rating: cs.Rating})
	}
	return j
}

func (c *cli) printCustomerPage(pg data.CustomerPage) {
	p := present.For(c.lang)
	w := c.stdout
	fmt.Fprintf(w, "%s\t%s%s\n", data.CustomerRef(pg.ID), pg.Name, c.customerMarks(pg.Profile.VIP, pg.Repeat))
	line := func(label msg, v string) {
		if strings.TrimSpace(v) == "" {
			v = p.None()
		}
		fmt.Fprintf(w, "  %s: %s\n", c.tr(label), v)
	}
	line(T("Phone"), pg.Phone)
	line(T("E-mail"), pg.Email)
	line(T("WeChat"), pg.WeChat)
	line(T("Tags"), strings.Join(pg.Profile.Tags, ", "))
	if pg.Repeat {
		line(T("Repeat complainant"), c.tr(TF("{{.Count}} complaints within {{.N}} months", map[string]any{"Count": pg.Recent, "N": pg.Window})))
	}
	line(T("Compensation paid"), pg.PaidText())
	var rs []string
	for _, r := range pg.Ratings {
		rs = append(rs, strconv.Itoa(r)+"/5")
	}
	line(T("Ratings"), strings.Join(rs, ", "))
	fmt.Fprintln(w, c.tr(TF("Cases ({{.N}}):", map[string]any{"N": len(pg.Cases)})))
	for _, cs := range pg.Cases {
		outcome := p.Responsibility(cs.Responsibility)
		if cs.Compensation > 0 {
			outcome += ", " + cs.Compensation.String() + " " + cs.Currency
		}
		rating := ""
		if cs.Rating > 0 {
			rating = "\t" + strconv.Itoa(cs.Rating) + "/5"
		}
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\t%s\t%s%s\n", cs.Number, p.Date(cs.ReceivedAt.In(c.zone())), p.Kind(cs.Kind),
			p.Status(cs.Status), outcome, cs.Subject, rating)
	}
	fmt.Fprintln(w, c.tr(TF("Notes ({{.N}}):", map[string]any{"N": len(pg.Profile.Notes)})))
	for _, n := range pg.Profile.Notes {
		fmt.Fprintf(w, "  %s\t%s\t%s\n", p.DateTime(n.At.In(c.zone())), n.By, n.Text)
	}
	fmt.Fprintln(w, c.tr(TF("Contact history ({{.N}}):", map[string]any{"N": len(pg.Profile.History)})))
	for _, h := range pg.Profile.History {
		fmt.Fprintf(w, "  %s\t%s\t%s\n", p.DateTime(h.At.In(c.zone())), h.By, c.contactChangeText(h))
	}
	if len(pg.Profile.Merged) > 0 {
		var refs []string
		for _, id := range pg.Profile.Merged {
			refs = append(refs, data.CustomerRef(id))
		}
		line(T("Records merged into this one"), strings.Join(refs, ", "))
	}
}

// contactChangeText is "phone: 139… → 138… (merge, A-2026-0002)".
func (c *cli) contactChangeText(h data.ContactChange) string {
	p := present.For(c.lang)
	or := func(s string) string {
		if s == "" {
			return p.None()
		}
		return s
	}
	s := c.tr(T("contact."+h.Field)) + ": " + or(h.Old) + " → " + or(h.New)
	src := c.tr(T("contact_source." + h.Source))
	if h.Case != "" {
		src += ", " + h.Case
	}
	return s + " (" + src + ")"
}

func (c *cli) customerMergeCommand() *cobra.Command {
	var by string
	var yes bool
	cmd := &cobra.Command{
		Use:   "merge KEEP OTHER [--yes]",
		Short: c.tr(T("merge two records of the same person: OTHER's cases, mail, tags and notes move to KEEP (supervisor)")),
		Long:  c.tr(T(`KEEP and OTHER are customer references (#12 or 12) or case numbers. Every case of OTHER moves to KEEP, with its mail, and gets a "customer merged" event on its timeline; OTHER's tags, VIP flag, notes and contact history join KEEP's, and OTHER's phone, e-mail and WeChat fill what KEEP lacks or go on its contact history, so they find KEEP from now on. The record OTHER is removed; its reference says where it went. The merge is recorded in the audit chain. Supervisors and the owner may merge.`)),
		Args:  c.exactly(2, c.tr(T("the record to keep and the record to merge into it"))),
	}
	byFlag(cmd, &by)
	cmd.Flags().BoolVar(&yes, "yes", false, c.tr(T("merge without asking")))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		if err := a.Check(data.ActionMerge); err != nil {
			return err
		}
		keep, err := svc.Customers.Resolve(ctx, args[0])
		if err != nil {
			return err
		}
		other, err := svc.Customers.Resolve(ctx, args[1])
		if err != nil {
			return err
		}
		if keep == other {
			return c.refuse(T("Both name the same customer record: nothing to merge."))
		}
		kp, err := svc.Customers.Page(ctx, keep)
		if err != nil {
			return err
		}
		op, err := svc.Customers.Page(ctx, other)
		if err != nil {
			return err
		}
		if !c.confirmed(yes, c.mergeQuestion(kp, op)) {
			return c.refuse(T("Nothing was merged."))
		}
		res, err := svc.Customers.Merge(ctx, a, keep, other)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("Merged customer {{.Other}} into {{.Keep}}: cases {{.Cases}}, {{.Messages}} messages, {{.Notes}} notes, {{.Tags}} new tags.",
			map[string]any{"Other": data.CustomerRef(res.Other), "Keep": data.CustomerRef(res.Keep), "Cases": orNone(c, strings.Join(res.Cases, ", ")),
				"Messages": res.Messages, "Notes": res.Notes, "Tags": res.Tags})))
		return nil
	}
	return cmd
}

// mergeQuestion names what moves: the other record's cases, notes and tags.
func (c *cli) mergeQuestion(keep, other data.CustomerPage) msg {
	var ns []string
	for _, cs := range other.Cases {
		ns = append(ns, cs.Number)
	}
	return TF("Merge customer {{.Other}} ({{.OtherName}}) into {{.Keep}} ({{.KeepName}})? Moving: cases {{.Cases}}, {{.Notes}} notes, tags {{.Tags}}. {{.Other}} is then removed.",
		map[string]any{"Other": data.CustomerRef(other.ID), "OtherName": other.Name, "Keep": data.CustomerRef(keep.ID), "KeepName": keep.Name,
			"Cases": orNone(c, strings.Join(ns, ", ")), "Notes": len(other.Profile.Notes), "Tags": orNone(c, strings.Join(other.Profile.Tags, ", "))})
}

func orNone(c *cli, s string) string {
	if s == "" {
		return present.For(c.lang).None()
	}
	return s
}

func (c *cli) customerTagCommand() *cobra.Command {
	var by string
	var add, remove []string
	cmd := &cobra.Command{
		Use:   "tag ID [--add T] [--remove T]",
		Short: c.tr(T("add or remove a customer's tags")),
		Long:  c.tr(T(`ID is the customer's reference (#12 or 12) or the number of one of their cases. --add and --remove may be repeated or take several tags separated by commas. A tag has at most 30 characters. Prints the tags afterwards.`)),
		Args:  c.exactly(1, c.tr(T("the customer's reference or a case number"))),
	}
	byFlag(cmd, &by)
	cmd.Flags().StringSliceVar(&add, "add", nil, c.tr(T("a tag to add")))
	cmd.Flags().StringSliceVar(&remove, "remove", nil, c.tr(T("a tag to remove")))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(add) == 0 && len(remove) == 0 {
			return c.usage(T("Say which tags: --add T or --remove T."))
		}
		ctx := cmd.Context()
		svc, a, id, err := c.openCustomer(ctx, by, args[0])
		if err != nil {
			return err
		}
		defer svc.Close()
		p, err := svc.Customers.SetTags(ctx, a, id, add, remove)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("Tags of {{.Ref}}: {{.Tags}}", map[string]any{"Ref": data.CustomerRef(id), "Tags": orNone(c, strings.Join(p.Tags, ", "))})))
		return nil
	}
	return cmd
}

func (c *cli) customerVIPCommand() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "vip ID on|off",
		Short: c.tr(T("mark a customer VIP, or no longer")),
		Args:  c.exactly(2, c.tr(T("the customer's reference or a case number, and on or off"))),
	}
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		var on bool
		switch strings.ToLower(args[1]) {
		case "on", "yes", "true":
			on = true
		case "off", "no", "false":
		default:
			return c.usage(T("Write on or off."))
		}
		ctx := cmd.Context()
		svc, a, id, err := c.openCustomer(ctx, by, args[0])
		if err != nil {
			return err
		}
		defer svc.Close()
		if _, err := svc.Customers.SetVIP(ctx, a, id, on); err != nil {
			return err
		}
		if on {
			fmt.Fprintln(c.stdout, c.tr(TF("Customer {{.Ref}} is a VIP.", map[string]any{"Ref": data.CustomerRef(id)})))
		} else {
			fmt.Fprintln(c.stdout, c.tr(TF("Customer {{.Ref}} is no longer a VIP.", map[string]any{"Ref": data.CustomerRef(id)})))
		}
		return nil
	}
	return cmd
}

func (c *cli) customerNoteCommand() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "note ID TEXT",
		Short: c.tr(T("add a note about a customer (with your name and the time)")),
		Args:  c.exactly(2, c.tr(T("the customer's reference or a case number, and the note"))),
	}
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		svc, a, id, err := c.openCustomer(ctx, by, args[0])
		if err != nil {
			return err
		}
		defer svc.Close()
		p, err := svc.Customers.AddNote(ctx, a, id, args[1])
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("Note added to customer {{.Ref}} ({{.N}} notes).", map[string]any{"Ref": data.CustomerRef(id), "N": len(p.Notes)})))
		return nil
	}
	return cmd
}

// openCustomer opens the database to change the customer ref (a reference or
// one of their case numbers) as by; the caller closes svc.
func (c *cli) openCustomer(ctx context.Context, by, ref string) (*service.Service, data.Actor, uint64, error) {
	svc, a, err := c.openAs(ctx, by, false)
	if err != nil {
		return nil, a, 0, err
	}
	id, err := svc.Customers.Resolve(ctx, ref)
	if err != nil {
		svc.Close()
		return nil, a, 0, err
	}
	return svc, a, id, nil
}
