package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"casebook/data"
	"casebook/data/present"
)

// caseEditCommand corrects what was recorded on a case.
func (c *cli) caseEditCommand() *cobra.Command {
	var (
		texts                                                 = map[string]*string{}
		amount, currency, received, channel, kind, choice, by string
		fee, tripEnd                                          string
	)
	cmd := &cobra.Command{
		Use:               "edit NUMBER [--name …] [--phone …] [--email …] [--wechat …] [--subject …] [--description …] [--demand …] [--amount …] [--currency …] [--ref …] [--product …] [--departure …] [--destination …] [--guide …] [--supplier …] [--fee …] [--trip-end …] [--received …] [--channel …] [--kind …] [--customer move|keep]",
		Short:             c.tr(T("correct what was recorded on a case (each change goes on the timeline)")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	fl := cmd.Flags()
	for _, f := range []struct{ flag, help string }{
		{"name", c.tr(T("customer's name"))}, {"phone", c.tr(T("customer's phone"))},
		{"email", c.tr(T("customer's e-mail"))}, {"wechat", c.tr(T("customer's WeChat id"))},
		{"subject", c.tr(T("one-line subject"))}, {"description", c.tr(T("what happened"))},
		{"demand", c.tr(T("what the customer asks for"))}, {"ref", c.tr(T("order reference"))},
		{"product", c.tr(T("product or tour"))}, {"departure", c.tr(T("departure date YYYY-MM-DD"))},
		{"destination", c.tr(T("destination"))}, {"guide", c.tr(T("guide"))},
		{"supplier", c.tr(T("supplier: hotel, airline, local agency"))},
	} {
		texts[f.flag] = fl.String(f.flag, "", f.help)
	}
	fl.StringVar(&amount, "amount", "", c.tr(T("amount claimed, e.g. 1200.50")))
	fl.StringVar(&currency, "currency", "", c.tr(T("currency of the amount, e.g. CNY")))
	fl.StringVar(&fee, "fee", "", c.tr(T("the tour fee, in the case currency (the compensation standard computes from it)")))
	fl.StringVar(&tripEnd, "trip-end", "", c.tr(T("the trip's last day YYYY-MM-DD")))
	fl.StringVar(&received, "received", "", c.tr(T("when it was received, RFC 3339")))
	fl.StringVar(&channel, "channel", "", c.tr(T("walkin|phone|email|chat|social|letter|hotline")))
	fl.StringVar(&kind, "kind", "", c.tr(T("complaint|suggestion|praise|incident|request")))
	fl.StringVar(&choice, "customer", "", c.tr(T("when the new phone or e-mail is another customer's: move (the case goes to that customer) or keep (this customer gets the new phone or e-mail)")))
	byFlag(cmd, &by)
	enum(cmd, "channel", data.Channels)
	enum(cmd, "kind", data.Kinds)
	enum(cmd, "customer", data.CustomerChoices)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		set := cmd.Flags().Changed
		var e data.CaseEdit
		for flag, dst := range map[string]**string{
			"name": &e.Name, "phone": &e.Phone, "email": &e.Email, "wechat": &e.WeChat,
			"subject": &e.Subject, "description": &e.Description, "demand": &e.Demand,
			"ref": &e.Ref, "product": &e.Product, "departure": &e.Departure,
			"destination": &e.Destination, "guide": &e.Guide, "supplier": &e.Supplier,
		} {
			if set(flag) {
				*dst = texts[flag]
			}
		}
		if set("amount") {
			m, err := data.ParseMoney(amount)
			if err != nil {
				return err
			}
			e.Amount = &m
		}
		if set("currency") {
			e.Currency = &currency
		}
		if set("fee") {
			m, err := data.ParseMoney(fee)
			if err != nil {
				return &data.FieldError{Field: "fee", Reason: err.Error()}
			}
			e.Fee = &m
		}
		if set("trip-end") {
			e.TripEnd = &tripEnd
		}
		if set("received") {
			t, err := time.Parse(time.RFC3339, received)
			if err != nil {
				return c.usage(TF("--received “{{.Value}}”: write it as RFC 3339, e.g. 2026-11-23T10:30:00+08:00", map[string]any{"Value": received}))
			}
			e.ReceivedAt = &t
		}
		if set("channel") {
			ch, err := oneOf(c, "channel", channel, data.Channels)
			if err != nil {
				return err
			}
			e.Channel = &ch
		}
		if set("kind") {
			k, err := oneOf(c, "kind", kind, data.Kinds)
			if err != nil {
				return err
			}
			e.Kind = &k
		}
		if set("customer") {
			ch, err := oneOf(c, "customer", choice, data.CustomerChoices)
			if err != nil {
				return err
			}
			e.Customer = ch
		}
		if e.Empty() {
			return c.usage(T("give at least one field to change, e.g. --subject or --phone (casebook case edit --help lists them)"))
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		before, err := svc.Cases.Get(ctx, args[0])
		if err != nil {
			return err
		}
		cs, err := svc.Cases.Edit(ctx, a, args[0], e)
		var conflict *data.CustomerConflictError
		if errors.As(err, &conflict) {
			return c.refuse(TF("{{.Why}} Say which with --customer move or --customer keep.",
				map[string]any{"Why": present.For(c.lang).Error(err)}), err)
		}
		if err != nil {
			return err
		}
		render := c.eventRenderer(c.lang, svc.Settings.Get())
		fmt.Fprintln(c.stdout, cs.Number)
		added := cs.Timeline[min(len(before.Timeline), len(cs.Timeline)):]
		if len(added) == 0 {
			fmt.Fprintln(c.stdout, "  "+c.tr(T("nothing changed: the values are the ones recorded")))
		}
		for _, ev := range added {
			fmt.Fprintln(c.stdout, "  "+termLine(render(ev)))
		}
		return nil
	}
	return cmd
}

// evidenceLines writes a case's evidence for case show: name, size, who,
// when and the note.
func (c *cli) evidenceLines(cs data.Case) []string {
	p := present.For(c.lang)
	out := make([]string, 0, len(cs.Evidence))
	for _, ev := range cs.Evidence {
		out = append(out, strings.Join(nonEmpty(ev.Name, p.Size(ev.Size), orDash(ev.By),
			ev.At.In(c.loc).Format("2006-01-02 15:04"), ev.Note), " · "))
	}
	return out
}
