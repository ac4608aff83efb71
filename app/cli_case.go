package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"casebook/data"
	"casebook/data/store"
)

func (c *cli) caseNew(ctx context.Context, args []string) error {
	fs := c.newFlags("case new", "case new --customer NAME --channel CH --kind KIND --severity SEV --subject TEXT [options]")
	var (
		n                                         data.NewCase
		channel, kind, severity, amount, received string
	)
	fs.StringVar(&n.Customer.Name, "customer", "", "customer's name (required)")
	fs.StringVar(&n.Customer.Phone, "phone", "", "customer's phone")
	fs.StringVar(&n.Customer.Email, "email", "", "customer's e-mail")
	fs.StringVar(&n.Customer.WeChat, "wechat", "", "customer's WeChat id")
	fs.StringVar(&channel, "channel", "", "walkin|phone|email|chat|social|letter|hotline (required)")
	fs.StringVar(&kind, "kind", "", "complaint|suggestion|praise|incident|request (required)")
	fs.StringVar(&n.Category, "category", "other", "category slug (see settings)")
	fs.StringVar(&severity, "severity", "", "urgent|normal|low (required)")
	fs.StringVar(&n.Subject, "subject", "", "one-line subject (required)")
	fs.StringVar(&n.Description, "description", "", "what happened")
	fs.StringVar(&n.Demand, "demand", "", "what the customer asks for")
	fs.StringVar(&amount, "amount", "", "amount claimed, e.g. 1200.50")
	fs.StringVar(&n.Currency, "currency", "", "currency of the amount (default from settings)")
	fs.StringVar(&n.Booking.Ref, "booking", "", "order reference")
	fs.StringVar(&n.Booking.Product, "product", "", "product or tour")
	fs.StringVar(&n.Booking.Departure, "departure", "", "departure date YYYY-MM-DD")
	fs.StringVar(&n.Booking.Destination, "destination", "", "destination")
	fs.StringVar(&n.Booking.Guide, "guide", "", "guide")
	fs.StringVar(&n.Booking.Supplier, "supplier", "", "supplier: hotel, airline, local agency")
	fs.StringVar(&received, "received", "", "when it was received, RFC 3339 (default now)")
	fs.StringVar(&n.Owner, "owner", "", "staff member handling it")
	fs.StringVar(&n.By, "by", "", "who records it (default the owner, else your login name)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("case new: unexpected argument %q: %w", pos[0], errUsage)
	}
	var missing []string
	for name, v := range map[string]string{"customer": n.Customer.Name, "channel": channel, "kind": kind, "severity": severity, "subject": n.Subject} {
		if strings.TrimSpace(v) == "" {
			missing = append(missing, "--"+name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("case new: missing %s: %w", strings.Join(slices.Sorted(slices.Values(missing)), ", "), errUsage)
	}
	if n.Channel, err = oneOf("channel", channel, data.Channels); err != nil {
		return err
	}
	if n.Kind, err = oneOf("kind", kind, data.Kinds); err != nil {
		return err
	}
	if n.Severity, err = oneOf("severity", severity, data.Severities); err != nil {
		return err
	}
	if n.Amount, err = data.ParseMoney(amount); err != nil {
		return fmt.Errorf("--amount: %w", err)
	}
	if received != "" {
		if n.ReceivedAt, err = time.Parse(time.RFC3339, received); err != nil {
			return fmt.Errorf("--received %q: write it as RFC 3339, e.g. 2026-11-23T10:30:00+08:00: %w", received, errUsage)
		}
	}
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if n.By == "" && n.Owner == "" {
		n.By = c.by("")
	}
	created, err := s.CreateCase(ctx, n)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, created.Number)
	return nil
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

func (c *cli) caseList(ctx context.Context, args []string) error {
	fs := c.newFlags("case list", "case list [--status S] [--overdue] [--due-soon] [--query TEXT] [--json]")
	var (
		status, query, severity, channel, sortBy string
		overdue, dueSoon, waiting, open, asJSON  bool
		limit                                    int
	)
	fs.StringVar(&status, "status", "", "only this status (comma-separated for several)")
	fs.BoolVar(&open, "open", false, "only cases that still need work")
	fs.BoolVar(&overdue, "overdue", false, "only cases with a deadline passed")
	fs.BoolVar(&dueSoon, "due-soon", false, "only cases past 80 % of a deadline")
	fs.BoolVar(&waiting, "waiting", false, "only cases waiting on the customer or a supplier")
	fs.StringVar(&severity, "severity", "", "only this severity")
	fs.StringVar(&channel, "channel", "", "only this channel")
	fs.StringVar(&query, "query", "", "search number, customer, phone, e-mail, subject, description, booking")
	fs.StringVar(&sortBy, "sort", "received", "received|number|status|severity|customer|first_due|resolution_due")
	fs.IntVar(&limit, "limit", 0, "at most this many cases (0: all)")
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("case list: unexpected argument %q: %w", pos[0], errUsage)
	}
	f := data.Filter{OpenOnly: open, Overdue: overdue, DueSoon: dueSoon, Waiting: waiting, Query: query}
	if status != "" {
		for _, st := range strings.Split(status, ",") {
			v, err := oneOf("status", strings.TrimSpace(st), data.Statuses)
			if err != nil {
				return err
			}
			f.Statuses = append(f.Statuses, v)
		}
	}
	if severity != "" {
		if f.Severity, err = oneOf("severity", severity, data.Severities); err != nil {
			return err
		}
	}
	if channel != "" {
		if f.Channel, err = oneOf("channel", channel, data.Channels); err != nil {
			return err
		}
	}
	key, err := oneOf("sort", sortBy, []data.SortKey{data.SortReceived, data.SortNumber, data.SortStatus,
		data.SortSeverity, data.SortCustomer, data.SortFirstDue, data.SortResolutionDue})
	if err != nil {
		return err
	}
	srt := data.Sort{Key: key, Asc: key != data.SortReceived}
	s, err := c.openExisting(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	now := c.clockNow()
	rows := s.List(f, srt, now)
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
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NUMBER\tSTATUS\tSEVERITY\tCHANNEL\tCUSTOMER\tRESPONSE DUE\tRESOLUTION DUE\tSUBJECT")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Number, r.Status, r.Severity, r.Channel,
			r.Customer, c.dueText(r.First, now), c.dueText(r.Resolution, now), r.Subject)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "%d case(s)\n", len(rows))
	return nil
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

func (c *cli) dueText(cl data.Clock, now time.Time) string {
	state := cl.State(now)
	switch state {
	case data.ClockOnTrack, data.ClockDueSoon, data.ClockOverdue:
		mark := ""
		if state != data.ClockOnTrack {
			mark = " (" + strings.ReplaceAll(state.String(), "_", " ") + ")"
		}
		return cl.Due.In(c.loc).Format("2006-01-02 15:04") + mark
	case data.ClockNone:
		return "-"
	}
	return strings.ReplaceAll(state.String(), "_", " ")
}

func (c *cli) caseShow(ctx context.Context, args []string) error {
	fs := c.newFlags("case show", "case show NUMBER [--json]")
	asJSON := fs.Bool("json", false, "print JSON")
	number, err := oneNumber(fs, args)
	if err != nil {
		return err
	}
	s, err := c.openExisting(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	cs, err := s.Case(ctx, number)
	if err != nil {
		return err
	}
	now := c.clockNow()
	if *asJSON {
		out := data.Export(cs, now, c.loc, eventRenderer(cs.Language, s.Settings()))
		msgs, err := s.CaseMessages(ctx, cs.ID)
		if err != nil {
			return err
		}
		out.Messages = data.ExportMessages(msgs, c.loc)
		return writeJSON(c.stdout, out)
	}
	c.printCase(cs, now, s.Settings())
	return nil
}

func (c *cli) printCase(cs data.Case, now time.Time, st data.Settings) {
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", k, v)
		}
	}
	line("Number", cs.Number)
	line("Status", string(cs.Status))
	line("Kind", string(cs.Kind))
	line("Category", cs.Category)
	line("Severity", string(cs.Severity))
	line("Channel", string(cs.Channel))
	line("Subject", cs.Subject)
	line("Description", cs.Description)
	line("Demand", cs.Demand)
	line("Amount", amountText(cs.Amount, cs.Currency))
	line("Customer", strings.Join(nonEmpty(cs.Customer.Name, cs.Customer.Phone, cs.Customer.Email, cs.Customer.WeChat), " · "))
	line("Booking", strings.Join(nonEmpty(cs.Booking.Ref, cs.Booking.Product, cs.Booking.Departure, cs.Booking.Destination), " · "))
	line("Guide", cs.Booking.Guide)
	line("Supplier", cs.Booking.Supplier)
	line("Received", cs.ReceivedAt.In(c.loc).Format("2006-01-02 15:04"))
	line("Response due", c.dueText(cs.FirstResponse, now))
	line("Resolution due", c.dueText(cs.Resolution, now))
	line("Owner", cs.Owner)
	line("Escalation", string(cs.Escalation))
	line("Waiting on", string(cs.Waiting))
	f := cs.Findings()
	line("Investigation", f.Investigation)
	line("Facts", f.Facts)
	line("Responsibility", string(f.Responsibility))
	line("Root cause", f.RootCause)
	line("Decision", f.Decision)
	for _, r := range f.Remedies {
		line("Remedy", strings.Join(nonEmpty(r.Kind, amountText(r.Amount, cs.Currency), r.Note), " · "))
	}
	if len(f.Remedies) > 0 {
		line("Total", amountText(f.Total(), cs.Currency))
	}
	line("Payment", strings.Join(nonEmpty(f.PaymentMethod, f.PaymentDue), " · "))
	line("Preventive", f.Preventive)
	line("Evidence needed", f.EvidenceNeeded)
	for _, l := range cs.Letters {
		line("Letter", strings.Join([]string{string(l.Type), l.Language, l.IssuedAt.In(c.loc).Format("2006-01-02 15:04"), orDash(l.By), l.Name}, " · "))
	}
	tw.Flush()
	fmt.Fprintln(c.stdout, "\nTimeline:")
	render := eventRenderer("", st)
	for _, e := range cs.Timeline {
		fmt.Fprintf(c.stdout, "  %s  %s  %s\n", e.At.In(c.loc).Format("2006-01-02 15:04"), orDash(e.By), render(e))
	}
}

func amountText(m data.Money, currency string) string {
	if m == 0 {
		return ""
	}
	return m.String() + " " + currency
}

func (c *cli) caseMove(ctx context.Context, args []string) error {
	fs := c.newFlags("case move", "case move NUMBER --to STAGE [--note TEXT] [--by NAME]")
	to := fs.String("to", "", "new stage: acknowledged|declined|investigating|proposed|agreed|resolved|closed")
	note := fs.String("note", "", "note for the timeline (required to decline: the reason)")
	by := fs.String("by", "", "who does it (default your login name)")
	number, err := oneNumber(fs, args)
	if err != nil {
		return err
	}
	status, err := oneOf("to", *to, data.Statuses)
	if err != nil {
		return err
	}
	return c.change(ctx, func(s *store.Store) (data.Case, error) { return s.Move(ctx, number, status, c.by(*by), *note) })
}

func (c *cli) caseNote(ctx context.Context, args []string) error {
	fs := c.newFlags("case note", "case note NUMBER --text TEXT [--by NAME]")
	text := fs.String("text", "", "the note")
	by := fs.String("by", "", "who writes it")
	number, err := oneNumber(fs, args)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*text) == "" {
		return fmt.Errorf("case note: --text is required: %w", errUsage)
	}
	return c.change(ctx, func(s *store.Store) (data.Case, error) { return s.AddNote(ctx, number, c.by(*by), *text) })
}

func (c *cli) caseSet(ctx context.Context, args []string) error {
	fs := c.newFlags("case set", "case set NUMBER [--owner NAME] [--severity SEV] [--category SLUG] [--waiting customer|supplier|off] [--escalate staff|supervisor|owner]")
	var owner, severity, category, waiting, escalate, by, note optString
	fs.Var(&owner, "owner", "assign to this staff member (\"\" for nobody)")
	fs.Var(&severity, "severity", "urgent|normal|low")
	fs.Var(&category, "category", "category slug")
	fs.Var(&waiting, "waiting", "customer|supplier|off")
	fs.Var(&escalate, "escalate", "staff|supervisor|owner")
	fs.Var(&by, "by", "who does it")
	fs.Var(&note, "note", "note for waiting or escalation")
	number, err := oneNumber(fs, args)
	if err != nil {
		return err
	}
	if !owner.set && !severity.set && !category.set && !waiting.set && !escalate.set {
		return fmt.Errorf("case set: give at least one of --owner, --severity, --category, --waiting, --escalate: %w", errUsage)
	}
	// Check every value before changing anything.
	var sev data.Severity
	if severity.set {
		if sev, err = oneOf("severity", severity.v, data.Severities); err != nil {
			return err
		}
	}
	var w data.Waiting
	if waiting.set {
		switch waiting.v {
		case "customer", "supplier":
			w = data.Waiting(waiting.v)
		case "off", "none", "":
			w = data.WaitingNone
		default:
			return fmt.Errorf("--waiting %q: must be customer, supplier or off: %w", waiting.v, errUsage)
		}
	}
	var level data.Escalation
	if escalate.set {
		if level, err = oneOf("escalate", escalate.v, []data.Escalation{data.EscalationStaff, data.EscalationSupervisor, data.EscalationOwner}); err != nil {
			return err
		}
	}
	// All changes in one transaction: a refused one leaves the case as it was.
	return c.change(ctx, func(s *store.Store) (data.Case, error) {
		who := c.by(by.v)
		return s.Update(ctx, number, func(cs *data.Case, st data.Settings, now time.Time) error {
			if owner.set {
				if err := cs.SetOwner(st, owner.v, who, now); err != nil {
					return err
				}
			}
			if severity.set {
				if err := cs.SetSeverity(st, sev, who, now); err != nil {
					return err
				}
			}
			if category.set {
				if err := cs.SetCategory(st, category.v, who, now); err != nil {
					return err
				}
			}
			if waiting.set {
				if err := cs.SetWaiting(st, w, who, note.v, now); err != nil {
					return err
				}
			}
			if escalate.set {
				if err := cs.Escalate(level, who, note.v, now); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// change opens the store, applies one change and prints the case's new state.
func (c *cli) change(ctx context.Context, fn func(s *store.Store) (data.Case, error)) error {
	s, err := c.openExisting(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	cs, err := fn(s)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%s %s\n", cs.Number, cs.Status)
	return nil
}

// optString is a string flag that knows whether it was given.
type optString struct {
	v   string
	set bool
}

func (o *optString) String() string     { return o.v }
func (o *optString) Set(v string) error { o.v, o.set = v, true; return nil }

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
