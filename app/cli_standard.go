package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"casebook/app/service"
	"casebook/data"
	"casebook/data/present"
)

// caseStandardCommand prints what the 2011 compensation standard suggests
// for a case, and with --add puts it into the findings as a penalty remedy
// with its article: never on its own.
func (c *cli) caseStandardCommand() *cobra.Command {
	var (
		rule, difference, costs, note, by string
		f                                 data.StandardFacts
		add                               bool
	)
	cmd := &cobra.Command{
		Use:               "standard NUMBER [--rule RULE] [--occurrences N] [--days-before N] [--outbound] [--difference X] [--percent P] [--costs X] [--add [--note TEXT]]",
		Short:             c.tr(T("what the 2011 compensation standard suggests for the case (--add puts it into the findings)")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	fl := cmd.Flags()
	rules := make([]string, len(data.StandardRules))
	for i, r := range data.StandardRules {
		rules[i] = string(r.Rule)
	}
	fl.StringVar(&rule, "rule", "", c.tr(TF("the rule: {{.Rules}} (default: every rule of the case's category)", map[string]any{"Rules": strings.Join(rules, "|")})))
	fl.IntVar(&f.Occurrences, "occurrences", 1, c.tr(T("how many times (shopping stops, sights left out)")))
	fl.IntVar(&f.DaysBefore, "days-before", 0, c.tr(T("days before departure the cancellation was notified (0: on the day)")))
	fl.BoolVar(&f.Outbound, "outbound", false, c.tr(T("an outbound tour (incl. Taiwan) rather than domestic")))
	fl.StringVar(&difference, "difference", "", c.tr(T("contract amount minus what was actually spent, or the cost of the item left out")))
	fl.IntVar(&f.Percent, "percent", 0, c.tr(T("for guide service: 1 to 5 (% of the fee)")))
	fl.StringVar(&costs, "costs", "", c.tr(T("necessary costs the customer paid while services were suspended")))
	fl.BoolVar(&add, "add", false, c.tr(T("add the suggestion to the findings as a penalty with its article (needs --rule)")))
	fl.StringVar(&note, "note", "", c.tr(T("the remedy's note, with --add")))
	byFlag(cmd, &by)
	enum(cmd, "rule", rules)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		var err error
		if f.Difference, err = data.ParseMoney(difference); err != nil {
			return &data.FieldError{Field: "amount", Reason: err.Error()}
		}
		if f.Costs, err = data.ParseMoney(costs); err != nil {
			return &data.FieldError{Field: "amount", Reason: err.Error()}
		}
		var chosen []data.StandardRuleInfo
		if rule != "" {
			r, err := oneOf(c, "rule", rule, rules)
			if err != nil {
				return err
			}
			info, _ := data.StandardRuleFor(data.StandardRule(r))
			chosen = []data.StandardRuleInfo{info}
		} else if add {
			return c.usage(T("--add needs --rule: say which suggestion to add"))
		}
		ctx := cmd.Context()
		p := present.For(c.lang)
		if add {
			return c.change(ctx, by, func(ctx context.Context, svc *service.Service, a data.Actor) (data.Case, error) {
				cs, err := svc.Cases.Get(ctx, args[0])
				if err != nil {
					return data.Case{}, err
				}
				f.Fee = cs.Booking.Fee
				s, err := data.SuggestStandard(chosen[0].Rule, f)
				if err != nil {
					return data.Case{}, err
				}
				if s.NoPenalty {
					return data.Case{}, fmt.Errorf("%w: %s", data.ErrInvalid, p.Arithmetic(s, cs.Currency))
				}
				fmt.Fprintln(c.stdout, termLine(p.Suggestion(s, cs.Currency)))
				r := s.Remedy()
				r.Note = strings.TrimSpace(note)
				return svc.Cases.EditFindings(ctx, a, args[0], func(old *data.Findings) { old.Remedies = append(old.Remedies, r) })
			})
		}
		svc, err := c.openRead(ctx)
		if err != nil {
			return err
		}
		defer svc.Close()
		cs, err := svc.Cases.Get(ctx, args[0])
		if err != nil {
			return err
		}
		if chosen == nil {
			if chosen = data.StandardRulesFor(cs.Category); chosen == nil {
				fmt.Fprintln(c.stdout, c.tr(T("The compensation standard has no rule for this category: give --rule to compute one anyway.")))
				return nil
			}
		}
		f.Fee = cs.Booking.Fee
		for _, info := range chosen {
			s, err := data.SuggestStandard(info.Rule, f)
			if err != nil {
				fmt.Fprintf(c.stdout, "%s (%s): %s\n", p.StandardRule(info.Rule), p.Article(info.Article), p.Error(err))
				continue
			}
			fmt.Fprintln(c.stdout, termLine(p.Suggestion(s, cs.Currency)))
		}
		return nil
	}
	return cmd
}

// caseReferralCommand records that the 12345 hotline or the culture and
// tourism bureau referred the case, which starts the reply clock.
func (c *cli) caseReferralCommand() *cobra.Command {
	var source, number, notice, by string
	cmd := &cobra.Command{
		Use:               "referral NUMBER --source hotline12345|bureau --number REF --notice YYYY-MM-DD",
		Short:             c.tr(T("record a referral by the 12345 hotline or the culture and tourism bureau (the written reply is due in referral.reply_days)")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	fl := cmd.Flags()
	fl.StringVar(&source, "source", "", c.tr(T("who referred it: hotline12345 or bureau (required)")))
	fl.StringVar(&number, "number", "", c.tr(T("the regulator's referral number (required)")))
	fl.StringVar(&notice, "notice", "", c.tr(T("the date of the regulator's notice YYYY-MM-DD (required)")))
	byFlag(cmd, &by)
	enum(cmd, "source", data.ReferralSources)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		src, err := oneOf(c, "source", source, data.ReferralSources)
		if err != nil {
			return err
		}
		in := data.ReferralInput{Source: src, Number: number, Notice: notice}
		return c.change(cmd.Context(), by, func(ctx context.Context, svc *service.Service, a data.Actor) (data.Case, error) {
			cs, err := svc.Cases.RecordReferral(ctx, a, args[0], in)
			if err == nil {
				p := present.For(c.lang)
				fmt.Fprintln(c.stdout, termLine(c.tr(T("Reply to the bureau due"))+": "+p.Clock(cs.Referral.Reply, c.clockNow(), c.loc)))
			}
			return cs, err
		})
	}
	return cmd
}
