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

// todayJSON is `casebook today --json`; documented in the README.
type todayJSON struct {
	Person        string            `json:"person"`
	Role          data.Role         `json:"role"`
	At            string            `json:"at"`
	Overdue       todaySectionJSON  `json:"overdue"`
	DueToday      todaySectionJSON  `json:"due_today"`
	DueSoon       todaySectionJSON  `json:"due_soon"`
	WaitingLong   todaySectionJSON  `json:"waiting_too_long"`
	EscalatedToMe todaySectionJSON  `json:"escalated_to_me"`
	Unassigned    todaySectionJSON  `json:"unassigned"`
	ToApprove     todaySectionJSON  `json:"awaiting_my_approval"` // solutions above their proposer's limit that this person's limit covers
	BureauReplies todaySectionJSON  `json:"bureau_replies_due"`   // written replies owed to the regulator that referred a case
	NewMail       int               `json:"new_mail_not_on_a_case"`
	WaitingDays   int               `json:"waiting_days"`
	Everyone      []todayPersonJSON `json:"everyone"` // null for staff: only supervisors and owners see everyone's

	// Follow-ups (cli_followup.go): due is the follow-up's due time.
	FollowUpsOverdue todaySectionJSON `json:"followups_overdue"`
	FollowUpsDue     todaySectionJSON `json:"followups_due"`
	RatingsToConfirm todaySectionJSON `json:"ratings_to_confirm"`
	Unhappy          todaySectionJSON `json:"unhappy_after_closing"` // supervisors and owners; cases carry their rating
}

type todayPersonJSON struct {
	Name        string           `json:"name"`
	Role        data.Role        `json:"role"`
	Removed     bool             `json:"removed"` // owns cases but is no longer on the staff list
	Overdue     todaySectionJSON `json:"overdue"`
	DueToday    todaySectionJSON `json:"due_today"`
	DueSoon     todaySectionJSON `json:"due_soon"`
	WaitingLong todaySectionJSON `json:"waiting_too_long"`
	Escalated   todaySectionJSON `json:"escalated"`
}

type todaySectionJSON struct {
	Count int             `json:"count"`
	Cases []todayItemJSON `json:"cases"` // the first few, most pressing first
}

type todayItemJSON struct {
	Number       string        `json:"number"`
	Subject      string        `json:"subject"`
	Owner        string        `json:"owner"`
	Status       data.Status   `json:"status"`
	Severity     data.Severity `json:"severity"`
	Due          *string       `json:"due"`
	WaitingSince *string       `json:"waiting_since"`
	Total        string        `json:"total,omitempty"`    // awaiting approval: the remedies' total, e.g. "800.00"
	Currency     string        `json:"currency,omitempty"` // of total
	Rating       int           `json:"rating,omitempty"`   // unhappy after closing: the customer's rating
}

func (c *cli) todayCommand() *cobra.Command {
	var (
		by     string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "today [--by NAME] [--json]",
		Short: c.tr(T("what needs doing today: overdue, due today, due soon, waiting too long, unassigned")),
		Long:  c.tr(T(`Lists the open cases of one staff member (--by, default the one named like your login) that are overdue, due today, due soon or waiting on the customer or a supplier for too long (setting today.waiting_days), the cases escalated to them, the open cases nobody owns, and how many incoming messages are on no case. A supervisor or owner also sees every staff member's lists. Each list shows its first cases, most pressing first; the count counts all.`)),
		Args:  c.noArgs,
	}
	byFlag(cmd, &by)
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print JSON")))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx := cmd.Context()
		svc, err := c.openRead(ctx)
		if err != nil {
			return err
		}
		defer svc.Close()
		name := strings.TrimSpace(by)
		fromLogin := name == ""
		if fromLogin {
			name = c.loginName()
		}
		who, err := svc.Settings.Actor(name)
		var unknown *data.UnknownStaffError
		switch {
		case errors.As(err, &unknown) && len(svc.Settings.Staff()) == 0:
			who = data.Actor{Name: name} // nobody on the staff list yet: nobody's cases, the unassigned ones
		case errors.As(err, &unknown) && fromLogin:
			return c.refuse(TF("Your login name “{{.Name}}” is not on the staff list: pass --by NAME with a staff member's name (casebook staff list), or ask the owner to add you with casebook staff add {{.Name}} --role staff.",
				map[string]any{"Name": name}), err)
		case errors.As(err, &unknown):
			return c.refuse(TF("“{{.Name}}” is not on the staff list: check the name (casebook staff list), or ask the owner to add them with casebook staff add.",
				map[string]any{"Name": name}), err)
		case err != nil:
			return err
		}
		now := c.clockNow()
		t, err := svc.Cases.Today(ctx, who, now)
		if err != nil {
			return err
		}
		waitingDays := svc.Settings.Get().Alerts.Waiting()
		if asJSON {
			return writeJSON(c.stdout, c.todayJSON(t, waitingDays))
		}
		c.printToday(t, waitingDays)
		return nil
	}
	return cmd
}

func (c *cli) todayJSON(t data.Today, waitingDays int) todayJSON {
	out := todayJSON{Person: t.Person, Role: t.Role, At: t.At.In(c.loc).Format(time.RFC3339),
		Overdue: c.sectionJSON(t.Mine.Overdue), DueToday: c.sectionJSON(t.Mine.DueToday), DueSoon: c.sectionJSON(t.Mine.DueSoon),
		WaitingLong: c.sectionJSON(t.Mine.Waiting), EscalatedToMe: c.sectionJSON(t.Mine.Escalated),
		Unassigned: c.sectionJSON(t.Unassigned), ToApprove: c.sectionJSON(t.ToApprove), BureauReplies: c.sectionJSON(t.BureauReplies), NewMail: t.NewMail, WaitingDays: waitingDays,
		FollowUpsOverdue: c.sectionJSON(t.FollowUps.Overdue), FollowUpsDue: c.sectionJSON(t.FollowUps.Due),
		RatingsToConfirm: c.sectionJSON(t.FollowUps.RatingChecks), Unhappy: c.sectionJSON(t.FollowUps.Unhappy)}
	if t.Everyone != nil {
		out.Everyone = make([]todayPersonJSON, 0, len(t.Everyone))
		for _, s := range t.Everyone {
			out.Everyone = append(out.Everyone, todayPersonJSON{Name: s.Name, Role: s.Role, Removed: s.Removed,
				Overdue: c.sectionJSON(s.Overdue), DueToday: c.sectionJSON(s.DueToday), DueSoon: c.sectionJSON(s.DueSoon),
				WaitingLong: c.sectionJSON(s.Waiting), Escalated: c.sectionJSON(s.Escalated)})
		}
	}
	return out
}

func (c *cli) sectionJSON(s data.TodaySection) todaySectionJSON {
	out := todaySectionJSON{Count: s.Count, Cases: make([]todayItemJSON, 0, len(s.Items))}
	at := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		v := t.In(c.loc).Format(time.RFC3339)
		return &v
	}
	for _, i := range s.Items {
		item := todayItemJSON{Number: i.Number, Subject: i.Subject, Owner: i.Owner,
			Status: i.Status, Severity: i.Severity, Due: at(i.Due), WaitingSince: at(i.Since)}
		if i.Total > 0 {
			item.Total, item.Currency = i.Total.String(), i.Currency
		}
		item.Rating = i.Rating
		out.Cases = append(out.Cases, item)
	}
	return out
}

// printToday writes the lists for a person: the counts lined up, then each
// list that has cases, as a table.
func (c *cli) printToday(t data.Today, waitingDays int) {
	p := present.For(c.lang)
	who := t.Person
	if t.Role != "" {
		who += c.paren(p.Role(t.Role))
	}
	fmt.Fprintln(c.stdout, c.tr(TF("Today for {{.Name}}, {{.At}}", map[string]any{"Name": termLine(who), "At": t.At.In(c.loc).Format("2006-01-02 15:04")})))
	fmt.Fprintln(c.stdout)
	titles := c.todayTitles(waitingDays)
	mine := []data.TodaySection{t.Mine.Overdue, t.Mine.DueToday, t.Mine.DueSoon, t.Mine.Waiting, t.Mine.Escalated, t.Unassigned}
	if (data.Actor{Role: t.Role}).Can(data.ActionApprove) {
		mine = append(mine, t.ToApprove)
		titles = append(titles, c.tr(T("Awaiting my approval")))
	}
	if t.BureauReplies.Count > 0 { // only referred cases have one: no line of zeros for everyone else
		mine = append(mine, t.BureauReplies)
		titles = append(titles, c.tr(T("Replies due to the bureau")))
	}
	counts := labelled{lang: c.lang}
	for i, s := range mine {
		counts.add(titles[i], fmt.Sprint(s.Count))
	}
	counts.add(c.tr(T("New mail not on a case")), fmt.Sprint(t.NewMail))
	counts.write(c.stdout)
	c.printBackupWarning(t.Backup)
	for i, s := range mine {
		c.printTodaySection(p, titles[i], s, i == 3)
	}
	c.printFollowUpToday(p, t.FollowUps) // cli_followup.go
	for _, s := range t.Everyone {
		fmt.Fprintln(c.stdout)
		name := s.Name
		switch {
		case s.Removed:
			name += c.paren(c.tr(T("no longer on the staff list")))
		case s.Role != "":
			name += c.paren(p.Role(s.Role))
		}
		fmt.Fprintln(c.stdout, "== "+termLine(name)+" ==")
		lists := []data.TodaySection{s.Overdue, s.DueToday, s.DueSoon, s.Waiting, s.Escalated}
		counts := labelled{lang: c.lang}
		for i, l := range lists {
			title := titles[i]
			if i == 4 {
				title = c.tr(T("Escalated"))
			}
			counts.add(title, fmt.Sprint(l.Count))
		}
		counts.write(c.stdout)
		for i, l := range lists {
			title := titles[i]
			if i == 4 {
				title = c.tr(T("Escalated"))
			}
			c.printTodaySection(p, title, l, i == 3)
		}
	}
}

// todayTitles are the section names of Today, in order: overdue, due today,
// due soon, waiting too long, escalated to me, unassigned.
func (c *cli) todayTitles(waitingDays int) []string {
	return []string{c.tr(T("Overdue")), c.tr(T("Due today")), c.tr(T("Due soon")),
		c.tr(TF("Waiting more than {{.Days}} days", map[string]any{"Days": waitingDays})),
		c.tr(T("Escalated to me")), c.tr(T("Unassigned"))}
}

func (c *cli) printTodaySection(p *present.P, title string, s data.TodaySection, waiting bool) {
	if s.Count == 0 {
		return
	}
	fmt.Fprintln(c.stdout)
	fmt.Fprintln(c.stdout, title)
	when := c.tr(T("Due"))
	if waiting {
		when = c.tr(T("Waiting since"))
	}
	rows := make([][]string, 0, len(s.Items))
	for _, i := range s.Items {
		t := i.Due
		if waiting {
			t = i.Since
		}
		at := "-"
		if !t.IsZero() {
			at = t.In(c.loc).Format("2006-01-02 15:04")
		}
		owner := i.Owner
		if owner == "" {
			owner = "-"
		}
		subject := i.Subject
		if i.Rating > 0 { // unhappy after closing
			subject += " · " + p.Rating(i.Rating)
		}
		if i.Total > 0 { // awaiting approval: the total decides who may approve
			subject += " · " + p.Money(i.Total, i.Currency)
		}
		rows = append(rows, []string{i.Number, at, owner, subject})
	}
	writeTable(c.stdout, []string{p.FindingField("number"), when, p.FindingField("owner"), p.FindingField("subject")}, rows)
	if more := s.Count - len(s.Items); more > 0 {
		fmt.Fprintln(c.stdout, c.tr(TF("… and {{.N}} more (casebook case list)", map[string]any{"N": more})))
	}
}

// paren is s in brackets after a name: full-width in Chinese.
func (c *cli) paren(s string) string {
	if strings.HasPrefix(c.lang, "zh") {
		return "（" + s + "）"
	}
	return " (" + s + ")"
}
