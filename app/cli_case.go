package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"casebook/app/service"
	"casebook/data"
	"casebook/data/present"
)

func (c *cli) caseCommand() *cobra.Command {
	return c.group("case", c.tr(T("record, list, show and work on cases")),
		c.caseNewCommand(), c.caseListCommand(), c.caseShowCommand(), c.caseMoveCommand(), c.caseNoteCommand(),
		c.caseSetCommand(), c.caseFindingsCommand(), c.caseReplyCommand(), c.caseEditCommand(), c.caseAttachCommand(), c.caseEvidenceCommand(),
		c.caseApproveCommand(), c.caseStandardCommand(), c.caseReferralCommand(), c.caseFollowUpCommand(), c.caseCloseCommand(),
		c.caseRatingCommand())
}

func (c *cli) caseNewCommand() *cobra.Command {
	var (
		n                                                  data.NewCase
		channel, kind, severity, amount, fee, received, by string
	)
	cmd := &cobra.Command{
		Use:   "new --customer NAME --channel CH --kind KIND --severity SEV --subject TEXT [options]",
		Short: c.tr(T("record a new case (prints its number)")),
		Args:  c.noArgs,
	}
	fl := cmd.Flags()
	fl.StringVar(&n.Customer.Name, "customer", "", c.tr(T("customer's name (required)")))
	fl.StringVar(&n.Customer.Phone, "phone", "", c.tr(T("customer's phone")))
	fl.StringVar(&n.Customer.Email, "email", "", c.tr(T("customer's e-mail")))
	fl.StringVar(&n.Customer.WeChat, "wechat", "", c.tr(T("customer's WeChat id")))
	fl.StringVar(&channel, "channel", "", c.tr(T("walkin|phone|email|chat|social|letter|hotline (required)")))
	fl.StringVar(&kind, "kind", "", c.tr(T("complaint|suggestion|praise|incident|request (required)")))
	fl.StringVar(&n.Category, "category", "other", c.tr(T("category slug (see casebook settings show)")))
	fl.StringVar(&severity, "severity", "", c.tr(T("urgent|normal|low (required)")))
	fl.StringVar(&n.Subject, "subject", "", c.tr(T("one-line subject (required)")))
	fl.StringVar(&n.Description, "description", "", c.tr(T("what happened")))
	fl.StringVar(&n.Demand, "demand", "", c.tr(T("what the customer asks for")))
	fl.StringVar(&amount, "amount", "", c.tr(T("amount claimed, e.g. 1200.50")))
	fl.StringVar(&n.Currency, "currency", "", c.tr(T("currency of the amount (default from settings)")))
	fl.StringVar(&n.Booking.Ref, "booking", "", c.tr(T("order reference")))
	fl.StringVar(&n.Booking.Product, "product", "", c.tr(T("product or tour")))
	fl.StringVar(&n.Booking.Departure, "departure", "", c.tr(T("departure date YYYY-MM-DD")))
	fl.StringVar(&n.Booking.Destination, "destination", "", c.tr(T("destination")))
	fl.StringVar(&n.Booking.Guide, "guide", "", c.tr(T("guide")))
	fl.StringVar(&n.Booking.Supplier, "supplier", "", c.tr(T("supplier: hotel, airline, local agency")))
	fl.StringVar(&fee, "fee", "", c.tr(T("the tour fee, in the case currency (the compensation standard computes from it)")))
	fl.StringVar(&n.Booking.TripEnd, "trip-end", "", c.tr(T("the trip's last day YYYY-MM-DD")))
	fl.StringVar(&received, "received", "", c.tr(T("when it was received, RFC 3339 (default now)")))
	fl.StringVar(&n.Owner, "owner", "", c.tr(T("staff member handling it (giving it to someone else needs a supervisor)")))
	byFlag(cmd, &by)
	enum(cmd, "channel", data.Channels)
	enum(cmd, "kind", data.Kinds)
	enum(cmd, "severity", data.Severities)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		var missing []string
		for _, f := range []struct{ name, v string }{{"customer", n.Customer.Name}, {"channel", channel},
			{"kind", kind}, {"severity", severity}, {"subject", n.Subject}} {
			if strings.TrimSpace(f.v) == "" {
				missing = append(missing, "--"+f.name)
			}
		}
		if len(missing) > 0 {
			return c.usage(TF("missing {{.Flags}}", map[string]any{"Flags": strings.Join(missing, ", ")}))
		}
		var err error
		if n.Channel, err = oneOf(c, "channel", channel, data.Channels); err != nil {
			return err
		}
		if n.Kind, err = oneOf(c, "kind", kind, data.Kinds); err != nil {
			return err
		}
		if n.Severity, err = oneOf(c, "severity", severity, data.Severities); err != nil {
			return err
		}
		if n.Amount, err = data.ParseMoney(amount); err != nil {
			return err
		}
		if n.Booking.Fee, err = data.ParseMoney(fee); err != nil {
			return &data.FieldError{Field: "fee", Reason: err.Error()}
		}
		if received != "" {
			if n.ReceivedAt, err = time.Parse(time.RFC3339, received); err != nil {
				return c.usage(TF("--received “{{.Value}}”: write it as RFC 3339, e.g. 2026-11-23T10:30:00+08:00", map[string]any{"Value": received}))
			}
			// Given, so checked: 0001-01-01 is the zero time, which would read as "not given".
			if err := data.CheckReceived(n.ReceivedAt, c.clockNow()); err != nil {
				return err
			}
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, true)
		if err != nil {
			return err
		}
		defer svc.Close()
		created, err := svc.Cases.Create(ctx, a, n)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, created.Number)
		return nil
	}
	return cmd
}

// rowJSON is one line of `case list --json`; documented in the README.
type rowJSON struct {
	Number           string          `json:"number"`
	Status           data.Status     `json:"status"`
	Kind             data.Kind       `json:"kind"`
	Category         string          `json:"category"`
	Severity         data.Severity   `json:"severity"`
	Channel          data.Channel    `json:"channel"`
	Subject          string          `json:"subject"`
	Customer         rowCustomerJSON `json:"customer"`
	ReceivedAt       string          `json:"received_at"`
	FirstResponseDue *string         `json:"first_response_due"`
	ResolutionDue    *string         `json:"resolution_due"`
	FirstResponseSLA string          `json:"first_response_sla"`
	ResolutionSLA    string          `json:"resolution_sla"`
	Owner            string          `json:"owner"`
	Escalation       data.Escalation `json:"escalation"`
	Waiting          data.Waiting    `json:"waiting"`
}

type rowCustomerJSON struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
	Email string `json:"email"`
}

func (c *cli) caseListCommand() *cobra.Command {
	var (
		status, query, severity, channel, sortBy     string
		owner, category, kind, from, to, by          string
		overdue, dueSoon, waiting, open, all, asJSON bool
		escalated                                    bool
		limit                                        int
	)
	cmd := &cobra.Command{
		Use:   "list [--status S[,S…]|--open|--all] [--owner NAME|mine|none] [--escalated] [--category SLUG] [--kind KIND] [--from DATE] [--to DATE] [--overdue] [--due-soon] [--waiting] [--query TEXT] [--json]",
		Short: c.tr(T("list cases")),
		Args:  c.noArgs,
	}
	fl := cmd.Flags()
	fl.StringVar(&status, "status", "", c.tr(T("only this status (comma-separated for several)")))
	fl.BoolVar(&open, "open", false, c.tr(T("only cases that still need work")))
	fl.BoolVar(&overdue, "overdue", false, c.tr(T("only cases with a deadline passed")))
	fl.BoolVar(&dueSoon, "due-soon", false, c.tr(T("only cases past 80 % of a deadline")))
	fl.BoolVar(&waiting, "waiting", false, c.tr(T("only cases waiting on the customer or a supplier")))
	fl.StringVar(&severity, "severity", "", c.tr(T("only this severity")))
	fl.StringVar(&channel, "channel", "", c.tr(T("only this channel")))
	fl.BoolVar(&all, "all", false, c.tr(T("cases of every status (the default; not with --status or --open)")))
	fl.StringVar(&owner, "owner", "", c.tr(T("only cases this staff member owns; mine: yours (--by or your login name); none: nobody's")))
	fl.StringVar(&by, "by", "", c.tr(T("who “mine” is (default: the staff member named like your login)")))
	fl.BoolVar(&escalated, "escalated", false, c.tr(T("only cases escalated to a supervisor or the owner")))
	fl.StringVar(&category, "category", "", c.tr(T("only this category (slug)")))
	fl.StringVar(&kind, "kind", "", c.tr(T("only this kind")))
	fl.StringVar(&from, "from", "", c.tr(T("only cases received on or after this day, YYYY-MM-DD")))
	fl.StringVar(&to, "to", "", c.tr(T("only cases received on or before this day, YYYY-MM-DD")))
	fl.StringVar(&query, "query", "", c.tr(T("search number, customer, phone, e-mail, subject, description, booking")))
	fl.StringVar(&sortBy, "sort", "received", c.tr(T("received|number|status|severity|customer|first_due|resolution_due")))
	fl.IntVar(&limit, "limit", 0, c.tr(T("at most this many cases (0: all)")))
	fl.BoolVar(&asJSON, "json", false, c.tr(T("print JSON")))
	sortKeys := []data.SortKey{data.SortReceived, data.SortNumber, data.SortStatus,
		data.SortSeverity, data.SortCustomer, data.SortFirstDue, data.SortResolutionDue}
	enum(cmd, "status", data.Statuses)
	enum(cmd, "severity", data.Severities)
	enum(cmd, "channel", data.Channels)
	enum(cmd, "kind", data.Kinds)
	enum(cmd, "sort", sortKeys)
	_ = cmd.RegisterFlagCompletionFunc("owner", func(cmd *cobra.Command, _ []string, tc string) ([]cobra.Completion, cobra.ShellCompDirective) {
		names, dir := c.completeStaff(cmd, nil, tc)
		return append([]cobra.Completion{"mine", "none"}, names...), dir
	})
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if limit < 0 {
			return c.usage(TF("--limit {{.Value}}: give a number of 0 (all) or more", map[string]any{"Value": limit}))
		}
		if all && (open || status != "") {
			return c.usage(T("--all lists every status: leave out --status and --open"))
		}
		f := data.Filter{OpenOnly: open, Overdue: overdue, DueSoon: dueSoon, Waiting: waiting, Escalated: escalated, Query: query}
		var err error
		if kind != "" {
			if f.Kind, err = oneOf(c, "kind", kind, data.Kinds); err != nil {
				return err
			}
		}
		day := func(flagName, v string) (time.Time, error) {
			d, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(v), c.loc)
			if err != nil {
				return time.Time{}, c.usage(TF("--{{.Flag}} “{{.Value}}”: write the day as YYYY-MM-DD", map[string]any{"Flag": flagName, "Value": v}))
			}
			return d, nil
		}
		if from != "" {
			if f.ReceivedFrom, err = day("from", from); err != nil {
				return err
			}
		}
		if to != "" {
			last, err := day("to", to)
			if err != nil {
				return err
			}
			f.ReceivedTo = last.AddDate(0, 0, 1) // the whole last day
		}
		if from != "" && to != "" && !f.ReceivedFrom.Before(f.ReceivedTo) {
			return c.usage(TF("--from {{.From}} is after --to {{.To}}", map[string]any{"From": from, "To": to}))
		}
		if status != "" {
			for _, st := range strings.Split(status, ",") {
				v, err := oneOf(c, "status", strings.TrimSpace(st), data.Statuses)
				if err != nil {
					return err
				}
				f.Statuses = append(f.Statuses, v)
			}
		}
		if severity != "" {
			if f.Severity, err = oneOf(c, "severity", severity, data.Severities); err != nil {
				return err
			}
		}
		if channel != "" {
			if f.Channel, err = oneOf(c, "channel", channel, data.Channels); err != nil {
				return err
			}
		}
		key, err := oneOf(c, "sort", sortBy, sortKeys)
		if err != nil {
			return err
		}
		srt := data.Sort{Key: key, Asc: key != data.SortReceived}
		svc, err := c.openRead(cmd.Context())
		if err != nil {
			return err
		}
		defer svc.Close()
		if category != "" {
			if _, ok := svc.Settings.Get().Category(category); !ok {
				return c.refuse(TF("There is no category “{{.Value}}”: casebook settings show lists them.", map[string]any{"Value": category}))
			}
			f.Category = category
		}
		switch owner {
		case "":
		case "none":
			f.NoOwner = true
		case "mine":
			name := strings.TrimSpace(by)
			if name == "" {
				name = c.loginName()
			}
			if _, err := svc.Settings.Actor(name); err != nil {
				return c.refuse(TF("“{{.Name}}” is not on the staff list: check the name (casebook staff list), or ask the owner to add them with casebook staff add.",
					map[string]any{"Name": name}), err)
			}
			f.Owner = name
		default:
			f.Owner = owner
		}
		now := c.clockNow()
		rows := svc.Cases.List(f, srt, now)
		if limit > 0 && len(rows) > limit {
			rows = rows[:limit]
		}
		if asJSON {
			out := make([]rowJSON, 0, len(rows))
			for _, r := range rows {
				out = append(out, c.rowJSON(r, now))
			}
			return writeJSON(c.stdout, out)
		}
		p := present.For(c.lang)
		table := make([][]string, 0, len(rows))
		for _, r := range rows {
			table = append(table, []string{r.Number, p.Status(r.Status), p.Severity(r.Severity), p.Channel(r.Channel),
				r.Customer, p.Owner(r.Owner), p.Escalation(r.Escalation), c.dueText(p, r.First, now), c.dueText(p, r.Resolution, now), r.Subject})
		}
		writeTable(c.stdout, []string{p.FindingField("number"), p.FindingField("status"), p.FindingField("severity"),
			p.FindingField("channel"), c.tr(T("Customer")), p.FindingField("owner"), p.FindingField("escalation"),
			c.tr(T("Response due")), c.tr(T("Resolution due")), p.FindingField("subject")}, table)
		c.say(TF("{{.Count}} case(s)", map[string]any{"Count": len(rows)}))
		return nil
	}
	return cmd
}

func (c *cli) rowJSON(r *data.Row, now time.Time) rowJSON {
	return rowJSON{
		Number: r.Number, Status: r.Status, Kind: r.Kind, Category: r.Category, Severity: r.Severity,
		Channel: r.Channel, Subject: r.Subject,
		Customer:         rowCustomerJSON{Name: r.Customer, Phone: r.Phone, Email: r.Email},
		ReceivedAt:       r.ReceivedAt.In(c.loc).Format(time.RFC3339),
		FirstResponseDue: c.dueJSON(r.First), ResolutionDue: c.dueJSON(r.Resolution),
		FirstResponseSLA: r.First.State(now).String(), ResolutionSLA: r.Resolution.State(now).String(),
		Owner: r.Owner, Escalation: r.Escalation, Waiting: r.Waiting,
	}
}

func (c *cli) dueJSON(cl data.Clock) *string {
	due, ok := cl.Deadline()
	if !ok {
		return nil
	}
	s := due.In(c.loc).Format(time.RFC3339)
	return &s
}

// dueText is a deadline in a list: its due time, marked when due soon or
// overdue, or what became of it.
func (c *cli) dueText(p *present.P, cl data.Clock, now time.Time) string {
	switch state := cl.State(now); state {
	case data.ClockOnTrack:
		return cl.Due.In(c.loc).Format("2006-01-02 15:04")
	case data.ClockDueSoon, data.ClockOverdue:
		return cl.Due.In(c.loc).Format("2006-01-02 15:04") + " " + p.ClockState(state)
	case data.ClockNone:
		return "-"
	default:
		return p.ClockState(state)
	}
}

func (c *cli) caseShowCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:               "show NUMBER [--json]",
		Short:             c.tr(T("show one case: its fields, findings, letters and timeline")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print JSON (with the case's messages)")))
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
		now := c.clockNow()
		if asJSON {
			out := data.Export(cs, now, c.loc, c.eventRenderer(cs.Language, svc.Settings.Get()))
			msgs, err := svc.Mail.Messages(ctx, cs.ID)
			if err != nil {
				return err
			}
			out.Messages = data.ExportMessages(msgs, c.loc)
			return writeJSON(c.stdout, out)
		}
		c.printCase(cs, now, svc.Settings.Get())
		return nil
	}
	return cmd
}

// printCase writes a case for a person, in the command line's language,
// with the printed archive's field names (scripts read case show --json).
func (c *cli) printCase(cs data.Case, now time.Time, st data.Settings) {
	p := present.For(c.lang)
	out := labelled{lang: c.lang}
	line := out.add
	field := p.FindingField
	money := func(m data.Money) string {
		if m == 0 {
			return ""
		}
		return p.Money(m, cs.Currency)
	}
	line(field("number"), cs.Number)
	line(field("status"), strings.Join(nonEmpty(p.Status(cs.Status), p.Awaiting(&cs, st)), " · "))
	line(field("kind"), p.Kind(cs.Kind))
	line(field("category"), p.Category(st, cs.Category))
	line(field("severity"), p.Severity(cs.Severity))
	line(field("channel"), p.Channel(cs.Channel))
	line(field("subject"), cs.Subject)
	line(field("description"), cs.Description)
	line(field("demand"), cs.Demand)
	line(field("amount"), money(cs.Amount))
	line(c.tr(T("Customer")), strings.Join(nonEmpty(cs.Customer.Name, cs.Customer.Phone, cs.Customer.Email, cs.Customer.WeChat), " · "))
	line(c.tr(T("Booking")), strings.Join(nonEmpty(cs.Booking.Ref, cs.Booking.Product, cs.Booking.Departure, cs.Booking.Destination), " · "))
	line(field("guide"), cs.Booking.Guide)
	line(field("supplier"), cs.Booking.Supplier)
	line(p.FieldName("fee"), money(cs.Booking.Fee))
	line(p.FieldName("trip_end"), cs.Booking.TripEnd)
	line(field("received"), cs.ReceivedAt.In(c.loc).Format("2006-01-02 15:04"))
	if days, late := cs.LateForRegulator(c.loc); late {
		line(c.tr(T("Warning")), p.LateComplaint(days))
	}
	line(c.tr(T("Response due")), p.Clock(cs.FirstResponse, now, c.loc))
	line(c.tr(T("Resolution due")), p.Clock(cs.Resolution, now, c.loc))
	if r := cs.Referral; r.Recorded() {
		line(p.FieldName("referral_source"), strings.Join(nonEmpty(p.ReferralSource(r.Source), r.Number, p.Day(r.Notice)), " · "))
		line(c.tr(T("Reply to the bureau due")), p.Clock(r.Reply, now, c.loc))
	}
	line(field("owner"), cs.Owner)
	line(field("escalation"), p.Escalation(cs.Escalation))
	if cs.Waiting != data.WaitingNone {
		line(field("waiting"), p.Waiting(cs.Waiting))
	}
	f := cs.Findings()
	line(field("investigation"), f.Investigation)
	line(field("facts"), f.Facts)
	if f.Responsibility != data.ResponsibilityUnknown {
		line(field("responsibility"), p.Responsibility(f.Responsibility))
	}
	line(field("root_cause"), f.RootCause)
	line(field("decision"), f.Decision)
	for _, r := range f.Remedies {
		line(field("remedies"), strings.Join(nonEmpty(p.Remedy(r.Kind), money(r.Amount), r.Note, p.Article(r.Article)), " · "))
	}
	if len(f.Remedies) > 0 {
		line(p.T("archive.remedy.total"), p.Money(f.Total(), cs.Currency))
	}
	line(field("payment_method"), f.PaymentMethod)
	if f.PaymentDue != "" {
		line(field("payment_due"), p.Day(f.PaymentDue))
	}
	line(field("preventive"), f.Preventive)
	line(field("evidence"), f.EvidenceNeeded)
	for _, l := range cs.Letters {
		line(c.tr(T("Letters issued")), strings.Join([]string{p.Letter(l.Type), p.Language(l.Language),
			l.IssuedAt.In(c.loc).Format("2006-01-02 15:04"), orDash(l.By), l.Name}, " · "))
	}
	for _, l := range c.evidenceLines(cs) {
		line(c.tr(T("Evidence")), l)
	}
	c.followUpLines(cs, st, line) // cli_followup.go
	out.write(c.stdout)
	c.printTimeline(cs, st)
}

// printTimeline prints the case's timeline, one event a line, in the
// command line's language.
func (c *cli) printTimeline(cs data.Case, st data.Settings) {
	fmt.Fprintln(c.stdout, "\n"+c.tr(T("Timeline")))
	render := c.eventRenderer(c.lang, st)
	for _, e := range cs.Timeline {
		fmt.Fprintf(c.stdout, "  %s  %s  %s\n", e.At.In(c.loc).Format("2006-01-02 15:04"), termLine(orDash(e.By)), termLine(render(e)))
	}
}

func (c *cli) caseMoveCommand() *cobra.Command {
	var to, note, by string
	cmd := &cobra.Command{
		Use:               "move NUMBER --to STAGE [--note TEXT] [--by NAME]",
		Short:             c.tr(T("move a case to another stage of the workflow")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	cmd.Flags().StringVar(&to, "to", "", c.tr(T("new stage: acknowledged|declined|investigating|proposed|agreed|resolved|closed")))
	cmd.Flags().StringVar(&note, "note", "", c.tr(T("note for the timeline (required to decline or reopen: the reason)")))
	byFlag(cmd, &by)
	enum(cmd, "to", data.Statuses)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		status, err := oneOf(c, "to", to, data.Statuses)
		if err != nil {
			return err
		}
		return c.change(cmd.Context(), by, func(ctx context.Context, svc *service.Service, a data.Actor) (data.Case, error) {
			return svc.Cases.Move(ctx, a, args[0], status, note)
		})
	}
	return cmd
}

func (c *cli) caseNoteCommand() *cobra.Command {
	var text, by string
	cmd := &cobra.Command{
		Use:               "note NUMBER --text TEXT [--by NAME]",
		Short:             c.tr(T("add a note to a case's timeline")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	cmd.Flags().StringVar(&text, "text", "", c.tr(T("the note")))
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if strings.TrimSpace(text) == "" {
			return c.usage(T("--text is required"))
		}
		return c.change(cmd.Context(), by, func(ctx context.Context, svc *service.Service, a data.Actor) (data.Case, error) {
			return svc.Cases.AddNote(ctx, a, args[0], text)
		})
	}
	return cmd
}

func (c *cli) caseSetCommand() *cobra.Command {
	var owner, severity, category, waiting, escalate, to, note, by string
	cmd := &cobra.Command{
		Use:               "set NUMBER [--owner NAME] [--severity SEV] [--category SLUG] [--waiting customer|supplier|off] [--escalate staff|supervisor|owner [--to NAME]] [--note TEXT]",
		Short:             c.tr(T("change owner, severity, category, waiting or escalation (all or nothing)")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	fl := cmd.Flags()
	fl.StringVar(&owner, "owner", "", c.tr(T("give the case to this staff member (\"\" for nobody)")))
	fl.StringVar(&severity, "severity", "", c.tr(T("urgent|normal|low")))
	fl.StringVar(&category, "category", "", c.tr(T("category slug")))
	fl.StringVar(&waiting, "waiting", "", c.tr(T("customer|supplier|off")))
	fl.StringVar(&escalate, "escalate", "", c.tr(T("staff|supervisor|owner")))
	fl.StringVar(&to, "to", "", c.tr(T("with --escalate: the person who takes the case (default: Settings, escalation.supervisor or escalation.owner)")))
	fl.StringVar(&note, "note", "", c.tr(T("note for waiting or escalation")))
	byFlag(cmd, &by)
	_ = cmd.RegisterFlagCompletionFunc("to", func(cmd *cobra.Command, _ []string, tc string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return c.completeStaff(cmd, nil, tc)
	})
	escalations := []data.Escalation{data.EscalationStaff, data.EscalationSupervisor, data.EscalationOwner}
	enum(cmd, "severity", data.Severities)
	enum(cmd, "waiting", []string{"customer", "supplier", "off"})
	enum(cmd, "escalate", escalations)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		var ch data.CaseChanges
		set := cmd.Flags().Changed
		if set("owner") {
			ch.Owner = &owner
		}
		if set("severity") {
			sev, err := oneOf(c, "severity", severity, data.Severities)
			if err != nil {
				return err
			}
			ch.Severity = &sev
		}
		if set("category") {
			ch.Category = &category
		}
		if set("waiting") {
			var w data.Waiting
			switch waiting {
			case "customer", "supplier":
				w = data.Waiting(waiting)
			case "off", "none", "":
				w = data.WaitingNone
			default:
				return c.usage(TF("--waiting “{{.Value}}”: must be customer, supplier or off", map[string]any{"Value": waiting}))
			}
			ch.Waiting = &w
		}
		if set("escalate") {
			level, err := oneOf(c, "escalate", escalate, escalations)
			if err != nil {
				return err
			}
			ch.Escalation = &level
		}
		if set("to") {
			switch {
			case !set("escalate"):
				return c.usage(T("--to names who takes an escalated case: give --escalate too"))
			case set("owner") && owner != to:
				return c.usage(T("--owner and --to name different people: give one"))
			}
			ch.Owner = &to
		}
		if ch.Empty() {
			return c.usage(T("give at least one of --owner, --severity, --category, --waiting, --escalate"))
		}
		ch.Note = note
		return c.change(cmd.Context(), by, func(ctx context.Context, svc *service.Service, a data.Actor) (data.Case, error) {
			return svc.Cases.Change(ctx, a, args[0], ch)
		})
	}
	return cmd
}

// change opens the database, finds who acts, applies one change and prints
// the case's new state.
func (c *cli) change(ctx context.Context, by string, fn func(ctx context.Context, svc *service.Service, a data.Actor) (data.Case, error)) error {
	svc, a, err := c.openAs(ctx, by, false)
	if err != nil {
		return err
	}
	defer svc.Close()
	cs, err := fn(ctx, svc, a)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%s %s\n", cs.Number, cs.Status)
	if s := present.For(c.lang).Awaiting(&cs, svc.Settings.Get()); s != "" {
		fmt.Fprintln(c.stdout, termLine(s))
	}
	return nil
}

func writeJSON(w interface{ Write([]byte) (int, error) }, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
