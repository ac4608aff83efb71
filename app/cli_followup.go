package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"casebook/app/service"
	"casebook/data"
	"casebook/data/present"
)

// Return visits (回访) from the command line: the same use cases as the
// case screen's "Record follow-up…", "Close without follow-up…" and the
// Today items "may contain a rating — confirm" and "unhappy after closing".

// yesNo reads --reached and --accepts-closing.
func yesNo(c *cli, flag, v string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "y", "true", "1", "是":
		return true, nil
	case "no", "n", "false", "0", "否":
		return false, nil
	}
	return false, c.usage(TF("--{{.Flag}} “{{.Value}}”: write yes or no", map[string]any{"Flag": flag, "Value": v}))
}

func (c *cli) caseFollowUpCommand() *cobra.Command {
	var channel, reached, remark, reason, accepts, at, who, by, note string
	var rating int
	var unreachable bool
	cmd := &cobra.Command{
		Use:               "followup NUMBER --channel phone|email|wechat|sms|visit --reached yes|no [--rating 1-5 [--reason TEXT]] [--remark TEXT] [--accepts-closing yes] [--at TIME] [--who NAME] | followup NUMBER --unreachable [--note TEXT]",
		Short:             c.tr(T("record a follow-up of a resolved case: a visit or an unreached attempt, the rating and remarks; or close it as unreachable")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	fl := cmd.Flags()
	fl.StringVar(&channel, "channel", "", c.tr(T("how the customer was contacted: phone|email|wechat|sms|visit")))
	fl.StringVar(&reached, "reached", "", c.tr(T("whether the customer was reached: yes|no (an unreached attempt is recorded too)")))
	fl.IntVar(&rating, "rating", 0, c.tr(T("the customer's satisfaction, 1 (very unsatisfied) to 5 (very satisfied)")))
	fl.StringVar(&reason, "reason", "", c.tr(T("why: required with a rating of 3 or below")))
	fl.StringVar(&remark, "remark", "", c.tr(T("what the customer said")))
	fl.StringVar(&accepts, "accepts-closing", "", c.tr(T("whether the customer accepts closing the case: yes|no")))
	fl.StringVar(&at, "at", "", c.tr(T("when the customer was contacted, RFC 3339 (default now)")))
	fl.StringVar(&who, "who", "", c.tr(T("who contacted the customer (default: who records it)")))
	fl.BoolVar(&unreachable, "unreachable", false, c.tr(T("close the follow-up as unreachable (after the attempts Settings asks for, followup.max_attempts)")))
	fl.StringVar(&note, "note", "", c.tr(T("with --unreachable: a note for the timeline")))
	byFlag(cmd, &by)
	enum(cmd, "channel", data.FollowUpChannels)
	enum(cmd, "reached", []string{"yes", "no"})
	enum(cmd, "accepts-closing", []string{"yes", "no"})
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		set := cmd.Flags().Changed
		if unreachable {
			for _, f := range []string{"channel", "reached", "rating", "reason", "remark", "accepts-closing", "at", "who"} {
				if set(f) {
					return c.usage(TF("--unreachable goes without --{{.Flag}}", map[string]any{"Flag": f}))
				}
			}
			return c.change(cmd.Context(), by, func(ctx context.Context, svc *service.Service, a data.Actor) (data.Case, error) {
				return svc.Cases.CloseFollowUpUnreachable(ctx, a, args[0], note)
			})
		}
		if note != "" {
			return c.usage(T("--note goes with --unreachable; the customer's words go in --remark"))
		}
		if channel == "" || reached == "" {
			return c.usage(T("give --channel and --reached (or --unreachable)"))
		}
		ch, err := oneOf(c, "channel", channel, data.FollowUpChannels)
		if err != nil {
			return err
		}
		v := data.FollowUp{Channel: ch, Rating: rating, Reason: reason, Remarks: remark, By: who}
		if v.Reached, err = yesNo(c, "reached", reached); err != nil {
			return err
		}
		if accepts != "" {
			if v.AcceptsClosing, err = yesNo(c, "accepts-closing", accepts); err != nil {
				return err
			}
		}
		if at != "" {
			if v.At, err = time.Parse(time.RFC3339, at); err != nil {
				return c.usage(TF("--at “{{.Value}}”: write it as RFC 3339, e.g. 2026-11-23T10:30:00+08:00", map[string]any{"Value": at}))
			}
		}
		return c.change(cmd.Context(), by, func(ctx context.Context, svc *service.Service, a data.Actor) (data.Case, error) {
			return svc.Cases.RecordFollowUp(ctx, a, args[0], v)
		})
	}
	return cmd
}

// caseCloseCommand closes a case: a resolved one needs its follow-up, or a
// supervisor's --without-followup with a reason.
func (c *cli) caseCloseCommand() *cobra.Command {
	var without bool
	var reason, note, by string
	cmd := &cobra.Command{
		Use:               "close NUMBER [--note TEXT] | close NUMBER --without-followup --reason TEXT",
		Short:             c.tr(T("close a case (a resolved case needs its follow-up first, or a supervisor closes it --without-followup with a reason)")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	cmd.Flags().BoolVar(&without, "without-followup", false, c.tr(T("close a resolved case without its follow-up (supervisor or owner; needs --reason)")))
	cmd.Flags().StringVar(&reason, "reason", "", c.tr(T("why the case is closed without a follow-up")))
	cmd.Flags().StringVar(&note, "note", "", c.tr(T("note for the timeline")))
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		switch {
		case without && strings.TrimSpace(reason) == "":
			return c.usage(T("--without-followup needs --reason TEXT"))
		case !without && reason != "":
			return c.usage(T("--reason goes with --without-followup"))
		case without && note != "":
			return c.usage(T("--note goes without --without-followup: the reason is the note"))
		}
		return c.change(cmd.Context(), by, func(ctx context.Context, svc *service.Service, a data.Actor) (data.Case, error) {
			if without {
				return svc.Cases.CloseWithoutFollowUp(ctx, a, args[0], reason)
			}
			return svc.Cases.Move(ctx, a, args[0], data.StatusClosed, note)
		})
	}
	return cmd
}

// caseRatingCommand confirms or dismisses a reply that may contain a rating,
// or (--keep-closed) takes an unhappy rating off the supervisor's Today.
func (c *cli) caseRatingCommand() *cobra.Command {
	var message uint64
	var confirm int
	var dismiss, keep bool
	var reason, note, by string
	cmd := &cobra.Command{
		Use:               "rating NUMBER --message ID (--confirm 1-5 [--reason TEXT] | --dismiss) | rating NUMBER --keep-closed [--note TEXT]",
		Short:             c.tr(T("confirm or dismiss a rating read from a customer's reply; or keep a case with an unhappy rating closed (supervisor)")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	fl := cmd.Flags()
	fl.Uint64Var(&message, "message", 0, c.tr(T("the reply's message id (casebook case show lists the replies to confirm)")))
	fl.IntVar(&confirm, "confirm", 0, c.tr(T("record the reply as a follow-up by e-mail with this rating, 1 to 5")))
	fl.BoolVar(&dismiss, "dismiss", false, c.tr(T("the reply holds no rating: it stays a normal message")))
	fl.StringVar(&reason, "reason", "", c.tr(T("with --confirm: why (default: the reply's words)")))
	fl.BoolVar(&keep, "keep-closed", false, c.tr(T("an unhappy rating was dealt with: the case stays closed (supervisor or owner)")))
	fl.StringVar(&note, "note", "", c.tr(T("with --keep-closed: what was done")))
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		n := 0
		for _, b := range []bool{confirm != 0, dismiss, keep} {
			if b {
				n++
			}
		}
		switch {
		case n != 1:
			return c.usage(T("give one of --confirm N, --dismiss, --keep-closed"))
		case !keep && message == 0:
			return c.usage(T("--confirm and --dismiss need --message ID"))
		}
		return c.change(cmd.Context(), by, func(ctx context.Context, svc *service.Service, a data.Actor) (data.Case, error) {
			switch {
			case keep:
				return svc.Cases.KeepClosed(ctx, a, args[0], note)
			case dismiss:
				return svc.Cases.DismissRating(ctx, a, args[0], message)
			}
			return svc.Cases.ConfirmRating(ctx, a, args[0], message, confirm, reason)
		})
	}
	return cmd
}

// followUpLines are the follow-up lines of case show.
func (c *cli) followUpLines(cs data.Case, st data.Settings, line func(string, string)) {
	p := present.For(c.lang)
	f := cs.FollowUp
	if due := cs.FollowUpDueAt(st); !due.IsZero() {
		line(c.tr(T("Follow-up due")), due.In(c.loc).Format("2006-01-02 15:04")+" · "+
			c.tr(TF("{{.N}} unreached attempts", map[string]any{"N": f.Attempts()})))
	}
	for _, v := range f.Visits {
		parts := []string{v.At.In(c.loc).Format("2006-01-02 15:04"), p.FollowUpChannel(v.Channel), orDash(v.By)}
		if v.Reached {
			parts = append(parts, c.tr(T("reached")))
		} else {
			parts = append(parts, c.tr(T("not reached")))
		}
		if v.Rating > 0 {
			parts = append(parts, p.Rating(v.Rating))
		}
		if v.AcceptsClosing {
			parts = append(parts, c.tr(T("accepts closing")))
		}
		line(c.tr(T("Follow-up")), strings.Join(nonEmpty(append(parts, v.Reason, v.Remarks)...), " · "))
	}
	if f.Unreachable {
		line(c.tr(T("Follow-up")), c.tr(T("closed as unreachable")))
	}
	for _, k := range f.Checks {
		guess := ""
		if k.Guess > 0 {
			guess = p.Rating(k.Guess) + "?"
		}
		line(c.tr(T("Rating to confirm")), strings.Join(nonEmpty(c.tr(TF("message {{.ID}}", map[string]any{"ID": strconv.FormatUint(k.MessageID, 10)})), guess, k.Line), " · "))
	}
}

// printFollowUpToday writes Today's follow-up counts and lists: overdue and
// due follow-ups, replies that may hold a rating, unhappy ratings.
func (c *cli) printFollowUpToday(p *present.P, f data.FollowUpToday) {
	if f.Empty() {
		return
	}
	titles := []string{c.tr(T("Follow-ups overdue")), c.tr(T("Follow-ups due")),
		c.tr(T("Replies that may contain a rating — confirm (casebook case rating)")),
		c.tr(T("Unhappy after closing — reopen (casebook case move NUMBER --to investigating --note REASON) or keep closed (casebook case rating NUMBER --keep-closed)"))}
	// The counts take short labels, so the figures line up; the sections
	// below say what to do.
	labels := []string{titles[0], titles[1], c.tr(T("Replies that may contain a rating")), c.tr(T("Unhappy after closing"))}
	fmt.Fprintln(c.stdout)
	counts := labelled{lang: c.lang}
	for i, s := range []data.TodaySection{f.Overdue, f.Due, f.RatingChecks, f.Unhappy} {
		if s.Count > 0 {
			counts.add(labels[i], fmt.Sprint(s.Count))
		}
	}
	counts.write(c.stdout)
	for i, s := range []data.TodaySection{f.Overdue, f.Due, f.RatingChecks, f.Unhappy} {
		c.printTodaySection(p, titles[i], s, false)
	}
}
