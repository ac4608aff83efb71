package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"casebook/app/service"
	"casebook/data"
	"casebook/data/present"
)

// accountLong describes the mail account, for account and account set.
func (c *cli) accountLong() string {
	return c.tr(T(`The agency's mailbox: where complaints arrive (IMAP) and replies leave (SMTP).

The password is never stored in the database: it lives in the OS keyring, or comes
from CASEBOOK_MAIL_PASSWORD on machines without one. Most Chinese providers (QQ, 163,
126, Exmail) and Gmail want an app-specific authorisation code, not the login password.`))
}

func (c *cli) accountCommand() *cobra.Command {
	g := c.group("account", c.tr(T("the agency's mailbox: set, show, password, test")),
		c.accountSetCommand(), c.accountShowCommand(), c.accountPasswordCommand(), c.accountTestCommand())
	g.Long = c.accountLong()
	return g
}

func (c *cli) accountSetCommand() *cobra.Command {
	var (
		preset, by string
		a          data.MailAccount
	)
	cmd := &cobra.Command{
		Use: "set [--preset qq|163|126|aliyun|exmail|gmail|outlook] --imap-host H --imap-port P --imap-security tls|starttls|none " +
			"--smtp-host H --smtp-port P --smtp-security tls|starttls|none --username U --address FROM [options]",
		Short: c.tr(T("set the mail account (servers, login, sender)")),
		Long:  c.accountLong(),
		Args:  c.noArgs,
	}
	fl := cmd.Flags()
	fl.StringVar(&preset, "preset", "", c.tr(T("fill the servers of a provider: qq, 163, 126, aliyun, exmail, gmail, outlook")))
	fl.StringVar(&a.IMAPHost, "imap-host", "", c.tr(T("IMAP server")))
	fl.IntVar(&a.IMAPPort, "imap-port", 0, c.tr(T("IMAP port (993 for tls, 143 for starttls/none)")))
	fl.StringVar(&a.IMAPSecurity, "imap-security", "", c.tr(T("tls, starttls or none")))
	fl.StringVar(&a.SMTPHost, "smtp-host", "", c.tr(T("SMTP server")))
	fl.IntVar(&a.SMTPPort, "smtp-port", 0, c.tr(T("SMTP port (465 for tls, 587 for starttls)")))
	fl.StringVar(&a.SMTPSecurity, "smtp-security", "", c.tr(T("tls, starttls or none")))
	fl.StringVar(&a.Username, "username", "", c.tr(T("login name, usually the address")))
	fl.StringVar(&a.Address, "address", "", c.tr(T("the agency's From address")))
	fl.StringVar(&a.DisplayName, "display-name", "", c.tr(T("the name shown with the address")))
	fl.StringVar(&a.Folder, "folder", "INBOX", c.tr(T("the folder complaints arrive in")))
	fl.StringVar(&a.CAFile, "ca-file", "", c.tr(T("PEM file of a private CA to trust (certificates are always verified)")))
	fl.IntVar(&a.InitialDays, "initial-days", 14, c.tr(T("how many days back the first sync reaches (0: all)")))
	fl.BoolVar(&a.AutoAck, "auto-ack", true, c.tr(T("acknowledge every new case from a person by e-mail")))
	fl.StringVar(&a.SentFolder, "sent-folder", "", c.tr(T("also copy sent mail to this IMAP folder")))
	fl.IntVar(&a.SyncMinutes, "sync-minutes", 5, c.tr(T("how often the app syncs")))
	fl.StringSliceVar(&a.Aliases, "aliases", nil, c.tr(T("further addresses of the agency, comma-separated: mail from them never opens a case (default: as before)")))
	fl.IntVar(&a.AckHours, "ack-hours", data.DefaultAckHours, c.tr(T("least hours between two automatic acknowledgements to one address (default: as before)")))
	byFlag(cmd, &by)
	enum(cmd, "preset", []string{"qq", "163", "126", "aliyun", "exmail", "gmail", "outlook"})
	enum(cmd, "imap-security", []string{"tls", "starttls", "none"})
	enum(cmd, "smtp-security", []string{"tls", "starttls", "none"})
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if preset != "" {
			p, ok := data.FindMailPreset(preset)
			if !ok {
				return c.usage(TF("--preset “{{.Value}}”: not one of qq, 163, 126, aliyun, exmail, gmail, outlook", map[string]any{"Value": preset}))
			}
			explicit := a
			p.Apply(&a)
			// Flags given explicitly win over the preset.
			set := cmd.Flags().Changed
			for _, f := range []struct {
				name     string
				dst, src any
			}{{"imap-host", &a.IMAPHost, explicit.IMAPHost}, {"imap-port", &a.IMAPPort, explicit.IMAPPort},
				{"imap-security", &a.IMAPSecurity, explicit.IMAPSecurity}, {"smtp-host", &a.SMTPHost, explicit.SMTPHost},
				{"smtp-port", &a.SMTPPort, explicit.SMTPPort}, {"smtp-security", &a.SMTPSecurity, explicit.SMTPSecurity}} {
				if !set(f.name) {
					continue
				}
				switch d := f.dst.(type) {
				case *string:
					*d = f.src.(string)
				case *int:
					*d = f.src.(int)
				}
			}
		}
		if a.Username == "" {
			a.Username = a.Address
		}
		if a.CAFile != "" {
			abs, err := filepath.Abs(a.CAFile)
			if err != nil {
				return err
			}
			a.CAFile = abs
			if err := c.checkCAFile(a.CAFile); err != nil {
				return err
			}
		}
		ctx := cmd.Context()
		svc, err := c.open(ctx, true)
		if err != nil {
			return err
		}
		defer svc.Close()
		actor, err := c.actor(ctx, svc, by)
		if err != nil {
			return err
		}
		// What the command line does not name stays as it was.
		old := svc.Settings.Get().Mail
		if !cmd.Flags().Changed("aliases") {
			a.Aliases = old.Aliases
		}
		if !cmd.Flags().Changed("ack-hours") && old.AckHours != 0 {
			a.AckHours = old.AckHours
		}
		if err := svc.Settings.SetMailAccount(ctx, actor, a); err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("mail account {{.Address}} saved (IMAP {{.IMAP}}, SMTP {{.SMTP}})", map[string]any{"Address": a.Address,
			"IMAP": fmt.Sprintf("%s:%d %s", a.IMAPHost, a.IMAPPort, a.IMAPSecurity),
			"SMTP": fmt.Sprintf("%s:%d %s", a.SMTPHost, a.SMTPPort, a.SMTPSecurity)})))
		return nil
	}
	return cmd
}

func (c *cli) accountShowCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "show",
		Short: c.tr(T("show the mail account and whether its password is found")),
		Args:  c.noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, password, err := c.mailAccount(cmd.Context())
			if err != nil {
				return err
			}
			if !a.Configured() {
				fmt.Fprintln(c.stdout, c.tr(T("no mail account (casebook account set --help)")))
				return nil
			}
			pw := c.tr(T("found"))
			if _, perr := password(a.Username); perr != nil {
				pw = explain(c.lang, perr)
			}
			yes := map[bool]string{true: c.tr(T("yes")), false: c.tr(T("no"))}
			out := labelled{lang: c.lang}
			out.add(c.tr(T("E-mail address")), strings.TrimSpace(a.DisplayName+" "+a.Address))
			out.add(c.tr(T("User name")), a.Username)
			out.add(c.tr(T("IMAP server")), fmt.Sprintf("%s:%d %s, %s %s", a.IMAPHost, a.IMAPPort, a.IMAPSecurity, c.tr(T("Folder")), a.Folder))
			out.add(c.tr(T("SMTP server")), fmt.Sprintf("%s:%d %s", a.SMTPHost, a.SMTPPort, a.SMTPSecurity))
			out.add(c.tr(T("Private CA file")), orDash(a.CAFile))
			out.add(c.tr(T("Acknowledge every new case from a person by e-mail")), yes[a.AutoAck])
			out.add(c.tr(T("Password")), pw)
			out.write(termWriter{c.stdout})
			return nil
		},
	}
}

// mailAccount reads the account and lets go of the database, so a long
// network check or a prompt does not keep the file locked. password finds
// the account's password afterwards.
func (c *cli) mailAccount(ctx context.Context) (data.MailAccount, func(string) (string, error), error) {
	svc, err := c.openRead(ctx)
	if err != nil {
		return data.MailAccount{}, nil, err
	}
	defer svc.Close()
	return svc.Settings.Get().Mail, svc.Mail.Password, nil
}

func (c *cli) accountPasswordCommand() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "password",
		Short: c.tr(T("read the password (or authorisation code) from standard input into the OS keyring")),
		Args:  c.noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			svc, who, err := c.openAs(ctx, by, false)
			if err != nil {
				return err
			}
			defer svc.Close()
			a := svc.Settings.Get().Mail
			if a.Username == "" {
				return c.refuse(T("Set the account first: casebook account set --help"))
			}
			fmt.Fprint(c.stderr, c.tr(TF("Password (or authorisation code) for {{.User}}: ", map[string]any{"User": a.Username})))
			line, err := bufio.NewReader(c.stdin).ReadString('\n')
			if err != nil && line == "" {
				return fmt.Errorf("read the password: %w", err)
			}
			pw := strings.TrimRight(line, "\r\n")
			if pw == "" {
				return c.usage(T("the password is empty"))
			}
			if err := svc.Mail.SavePassword(who, a.Username, pw); err != nil {
				return err
			}
			fmt.Fprintln(c.stdout, c.tr(T("password stored in the OS keyring")))
			return nil
		},
	}
	byFlag(cmd, &by)
	return cmd
}

func (c *cli) accountTestCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "test",
		Short: c.tr(T("log in to both servers and say what failed")),
		Args:  c.noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, password, err := c.mailAccount(cmd.Context())
			if err != nil {
				return err
			}
			if !a.Configured() {
				return data.ErrNoMailAccount
			}
			pw, err := password(a.Username)
			if err != nil {
				return err // no password: nothing was tried
			}
			ctx, cancel := context.WithTimeout(cmd.Context(), 90*time.Second)
			defer cancel()
			imapErr, smtpErr := service.TestServers(ctx, a, pw)
			report := func(what string, err error) {
				if err == nil {
					fmt.Fprintf(c.stdout, "%s: %s\n", what, c.tr(T("ok")))
				} else {
					fmt.Fprintf(c.stdout, "%s: %s %s\n", what, c.tr(T("FAILED:")), termLine(explain(c.lang, err)))
				}
			}
			report(fmt.Sprintf("IMAP %s:%d", a.IMAPHost, a.IMAPPort), imapErr)
			report(fmt.Sprintf("SMTP %s:%d", a.SMTPHost, a.SMTPPort), smtpErr)
			if imapErr != nil || smtpErr != nil {
				return c.refuse(T("The mail account does not work yet (see above)."))
			}
			return nil
		},
	}
}

func (c *cli) syncCommand() *cobra.Command {
	var (
		once bool
		by   string
	)
	cmd := &cobra.Command{
		Use:   "sync [--once]",
		Short: c.tr(T("fetch mail into cases and send the outbox (--once: one round)")),
		Args:  c.noArgs,
	}
	cmd.Flags().BoolVar(&once, "once", false, c.tr(T("fetch and send once, print a summary, and exit")))
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		if !svc.Settings.Get().Mail.Configured() {
			return data.ErrNoMailAccount
		}
		if once {
			start := time.Now()
			sum, err := svc.Mail.SyncOnce(ctx, a, func(done, total int) {
				fmt.Fprintf(c.stderr, "\r%d/%d", done, total)
				if done == total {
					fmt.Fprintln(c.stderr)
				}
			})
			fmt.Fprintln(c.stdout, c.tr(TF("{{.Summary}} in {{.Duration}}", map[string]any{
				"Summary": present.For(c.lang).SyncCounts(sum.SyncCounts), "Duration": time.Since(start).Round(time.Millisecond)})))
			c.sayUncertain(context.WithoutCancel(ctx), svc)
			return err
		}
		if err := a.Check(data.ActionMail); err != nil { // the worker takes no actor
			return err
		}
		var last time.Time
		unsubscribe := svc.Feed.Subscribe(func(n data.Notice) {
			ch, ok := n.(data.MailStatusChanged)
			if !ok || ch.Status.Syncing {
				return
			}
			st := ch.Status
			switch {
			case st.Err != nil:
				fmt.Fprintf(c.stderr, "%s  %s\n", time.Now().Format(time.DateTime),
					c.tr(TF("sync failed: {{.Err}}", map[string]any{"Err": explain(c.lang, st.Err)})))
			case !st.LastSync.IsZero() && !st.LastSync.Equal(last):
				last = st.LastSync
				fmt.Fprintf(c.stdout, "%s  %s\n", st.LastSync.Format(time.DateTime), present.For(c.lang).SyncCounts(st.Summary))
			}
		})
		defer unsubscribe()
		c.say(T("syncing every few minutes; Ctrl+C to stop"))
		svc.Mail.RunWorker(ctx, nil)
		return nil
	}
	return cmd
}

// mailJSON is one line of `mail list --json`; documented in the README.
type mailJSON struct {
	ID        uint64             `json:"id"`
	Direction data.Direction     `json:"direction"`
	Date      string             `json:"date"`
	From      string             `json:"from"`
	To        []string           `json:"to"`
	Subject   string             `json:"subject"`
	MessageID string             `json:"message_id"`
	Outcome   data.Outcome       `json:"outcome,omitempty"`
	Status    data.MessageStatus `json:"status"`
	Case      string             `json:"case"`
	Automatic bool               `json:"automatic"`
	Error     string             `json:"error,omitempty"`
	Warnings  []data.MailWarning `json:"warnings,omitempty"` // what of the message was not read
}

func (c *cli) mailCommand() *cobra.Command {
	return c.group("mail", c.tr(T("the mail log, and parked messages")), c.mailListCommand(), c.mailRetryCommand(),
		c.mailResendCommand(), c.mailMarkSentCommand())
}

func (c *cli) mailListCommand() *cobra.Command {
	var (
		in, out, asJSON bool
		limit           int
	)
	cmd := &cobra.Command{
		Use:   "list [--in|--out] [--limit N] [--json]",
		Short: c.tr(T("every message fetched or sent, with what became of it")),
		Args:  c.noArgs,
	}
	cmd.Flags().BoolVar(&in, "in", false, c.tr(T("only incoming mail")))
	cmd.Flags().BoolVar(&out, "out", false, c.tr(T("only outgoing mail")))
	cmd.Flags().IntVar(&limit, "limit", 0, c.tr(T("at most this many (0: all)")))
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print JSON")))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if limit < 0 {
			return c.usage(TF("--limit {{.Value}}: give a number of 0 (all) or more", map[string]any{"Value": limit}))
		}
		dir := data.Direction("")
		if in {
			dir = data.DirectionIn
		} else if out {
			dir = data.DirectionOut
		}
		ctx := cmd.Context()
		svc, err := c.openRead(ctx)
		if err != nil {
			return err
		}
		defer svc.Close()
		log, err := svc.Mail.Log(ctx, dir, limit)
		if err != nil {
			return err
		}
		if asJSON {
			rows := make([]mailJSON, 0, len(log))
			for _, e := range log {
				errText := e.Error
				if e.ParseError != "" {
					errText = e.ParseError
				}
				rows = append(rows, mailJSON{ID: e.ID, Direction: e.Direction, Date: e.Date.In(c.loc).Format(time.RFC3339),
					From: e.From, To: e.To, Subject: e.Subject, MessageID: e.MessageID, Outcome: e.Outcome,
					Status: e.Status, Case: e.CaseNumber, Automatic: e.Automatic, Error: errText, Warnings: e.Warnings})
			}
			return writeJSON(c.stdout, rows)
		}
		p := present.For(c.lang)
		rows := make([][]string, 0, len(log))
		for _, e := range log {
			what, dir := p.T("outcome."+string(e.Outcome)), "←"
			if e.Direction == data.DirectionOut {
				what, dir = p.T("message."+string(e.Status)), "→"
			}
			subject := termLine(e.Subject)
			for _, w := range e.Warnings { // on the row: a line of its own would break the columns
				subject += "  [! " + p.MailWarning(w) + "]"
			}
			rows = append(rows, []string{fmt.Sprint(e.ID), e.Date.In(c.loc).Format("2006-01-02 15:04"), dir,
				what, orDash(e.CaseNumber), termLine(e.From), subject})
		}
		writeTable(c.stdout, []string{"ID", c.tr(T("Date")), "", c.tr(T("What became of it")), c.tr(T("Case")),
			p.T("archive.m.from"), p.T("archive.m.subject")}, rows)
		c.sayUncertain(ctx, svc)
		return nil
	}
	return cmd
}

func (c *cli) mailRetryCommand() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "retry",
		Short: c.tr(T("read parked (unreadable) messages again and file them")),
		Args:  c.noArgs,
	}
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		retried, still, err := svc.Mail.RetryParked(ctx, a)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("{{.Retried}} parked message(s) read and filed, {{.Still}} still unreadable", map[string]any{"Retried": retried, "Still": still})))
		return nil
	}
	return cmd
}

// sayUncertain tells on stderr how many messages may have been delivered
// and wait for a decision, and how to make it.
func (c *cli) sayUncertain(ctx context.Context, svc *service.Service) {
	if _, n, err := svc.Mail.OutboxCounts(ctx); err == nil && n > 0 {
		c.say(TF("{{.N}} message(s) may have been delivered and wait for a decision: casebook mail resend ID, or casebook mail mark-sent ID",
			map[string]any{"N": n}))
	}
}

// messageID reads the one argument of resend and mark-sent.
func (c *cli) messageID(cmd *cobra.Command, args []string) (uint64, error) {
	id, err := strconv.ParseUint(strings.TrimPrefix(args[0], "#"), 10, 64)
	if err != nil || id == 0 {
		return 0, c.usage(TF("{{.Command}} needs {{.What}}", map[string]any{"Command": cmd.CommandPath(), "What": "one message ID (the ID column of casebook mail list)"}))
	}
	return id, nil
}

func (c *cli) mailResendCommand() *cobra.Command {
	cmd := c.settleCommand("resend ID",
		c.tr(T("send again a message that may have been delivered (status uncertain), with the same Message-ID")),
		func(ctx context.Context, svc *service.Service, a data.Actor, id uint64) (msg, error) {
			_, err := svc.Mail.Resend(ctx, a, id)
			return TF("message {{.ID}} will be sent again with the same Message-ID at the next sync", map[string]any{"ID": id}), err
		})
	cmd.Long = c.tr(T(`A message is "uncertain" when its data reached the server but the server's answer was
lost (the connection broke or timed out after the message was sent, or Casebook was
stopped while sending): the customer may have it. Casebook never sends it again on its
own; when a Sent folder is set, it looks for the message there first. Check with the
customer or in the mailbox, then either send it again (this command; same Message-ID,
so most mail programs show one copy) or record it as delivered (casebook mail mark-sent).`))
	return cmd
}

func (c *cli) mailMarkSentCommand() *cobra.Command {
	return c.settleCommand("mark-sent ID",
		c.tr(T("record that a message that may have been delivered (status uncertain) was delivered")),
		func(ctx context.Context, svc *service.Service, a data.Actor, id uint64) (msg, error) {
			_, err := svc.Mail.MarkSent(ctx, a, id)
			return TF("message {{.ID}} marked as sent", map[string]any{"ID": id}), err
		})
}

// settleCommand is a command that decides an uncertain message by its ID.
func (c *cli) settleCommand(use, short string, settle func(ctx context.Context, svc *service.Service, a data.Actor, id uint64) (msg, error)) *cobra.Command {
	var by string
	cmd := &cobra.Command{Use: use, Short: short, Args: c.exactly(1, "one message ID")}
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		id, err := c.messageID(cmd, args)
		if err != nil {
			return err
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		done, err := settle(ctx, svc, a, id)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(done))
		return nil
	}
	return cmd
}

func (c *cli) caseReplyCommand() *cobra.Command {
	var (
		text, template, by string
		attach, letters    []string
	)
	templates := []string{"reply", "acknowledge", "ask_evidence", "propose", "close", "followup"}
	cmd := &cobra.Command{
		Use:               "reply NUMBER --text TEXT [--template NAME] [--attach FILE]... [--letter TYPE]... [--by NAME]",
		Short:             c.tr(T("write to the customer by e-mail (queued in the outbox)")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	fl := cmd.Flags()
	fl.StringVar(&text, "text", "", c.tr(T("what to say to the customer")))
	fl.StringVar(&template, "template", "reply", c.tr(TF("mail template: {{.Names}}", map[string]any{"Names": strings.Join(templates, ", ")})))
	fl.StringArrayVar(&attach, "attach", nil, c.tr(T("file to attach (repeatable)")))
	fl.StringArrayVar(&letters, "letter", nil, c.tr(T("attach the last issued letter of this type, exactly as issued: ack, decline, solution or closure (repeatable)")))
	byFlag(cmd, &by)
	enum(cmd, "template", templates)
	enum(cmd, "letter", data.LetterTypes)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if _, err := oneOf(c, "template", template, templates); err != nil {
			return err
		}
		if strings.TrimSpace(text) == "" && template == "reply" {
			return c.usage(T("--text is required"))
		}
		var types []data.LetterType
		for _, name := range letters {
			t, err := oneOf(c, "letter", name, data.LetterTypes)
			if err != nil {
				return err
			}
			types = append(types, t)
		}
		r := data.Reply{Template: template, Text: text}
		for _, p := range attach {
			b, err := os.ReadFile(p)
			if err != nil {
				return c.refuse(TF("--attach: {{.Err}}", map[string]any{"Err": err}), err)
			}
			r.Files = append(r.Files, data.File{Name: filepath.Base(p), Data: b})
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		if len(types) > 0 {
			cs, err := svc.Cases.Get(ctx, args[0])
			if err != nil {
				return err
			}
			for _, t := range types {
				l, err := cs.LatestLetter(t, "")
				if err != nil {
					return c.refuse(TF("{{.Number}} has no {{.Type}} letter issued yet (casebook letter {{.Number}} --type {{.Type}}).",
						map[string]any{"Number": cs.Number, "Type": t}), err)
				}
				r.Letters = append(r.Letters, l)
			}
		}
		queued, err := svc.Mail.Reply(ctx, a, args[0], r)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("{{.Number}} queued (message {{.ID}}); it goes out with the next sync", map[string]any{"Number": args[0], "ID": queued.ID})))
		return nil
	}
	return cmd
}

// checkCAFile refuses a --ca-file that is missing, unreadable or holds no
// PEM certificate, before it is saved.
func (c *cli) checkCAFile(path string) error {
	err := service.CheckCAFile(path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, service.ErrNoCertificate):
		return c.refuse(TF("--ca-file “{{.Path}}”: the file holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----)", map[string]any{"Path": path}), err)
	case errors.Is(err, fs.ErrNotExist):
		return c.refuse(TF("--ca-file “{{.Path}}”: there is no such file", map[string]any{"Path": path}), err)
	}
	return c.refuse(TF("--ca-file “{{.Path}}”: the file cannot be read: {{.Error}}", map[string]any{"Path": path, "Error": err.Error()}), err)
}
