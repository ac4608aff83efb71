package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"maps"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"casebook/data"
	"casebook/mailsync"
)

const usageAccount = `Usage:
  casebook account set [--preset qq|163|126|aliyun|exmail|gmail|outlook] --imap-host H --imap-port P
      --imap-security tls|starttls|none --smtp-host H --smtp-port P --smtp-security tls|starttls|none
      --username U --address FROM [--display-name NAME] [--folder INBOX] [--ca-file PEM]
      [--initial-days 14] [--auto-ack=true] [--sent-folder NAME] [--sync-minutes 5]
  casebook account show
  casebook account password        read the password from standard input into the OS keyring
  casebook account test            log in to both servers and say what failed

The password is never stored in the database: it lives in the OS keyring, or comes
from CASEBOOK_MAIL_PASSWORD on machines without one. Most Chinese providers (QQ, 163,
126, Exmail) and Gmail want an app-specific authorisation code, not the login password.
`

func (c *cli) account(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(c.stderr, usageAccount)
		return fmt.Errorf("account needs a subcommand: set, show, password, test: %w", errUsage)
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(c.stdout, usageAccount)
		return nil
	case "set":
		return c.accountSet(ctx, args[1:])
	case "show":
		return c.accountShow(ctx)
	case "password":
		return c.accountPassword(ctx)
	case "test":
		return c.accountTest(ctx)
	}
	return fmt.Errorf("unknown account subcommand %q (set, show, password, test): %w", args[0], errUsage)
}

func (c *cli) accountSet(ctx context.Context, args []string) error {
	fs := c.newFlags("account set", "account set --imap-host H ... (see casebook account --help)")
	var preset string
	var a data.MailAccount
	var autoAck bool
	fs.StringVar(&preset, "preset", "", "fill the servers of a provider: qq, 163, 126, aliyun, exmail, gmail, outlook")
	fs.StringVar(&a.IMAPHost, "imap-host", "", "IMAP server")
	fs.IntVar(&a.IMAPPort, "imap-port", 0, "IMAP port (993 for tls, 143 for starttls/none)")
	fs.StringVar(&a.IMAPSecurity, "imap-security", "", "tls, starttls or none")
	fs.StringVar(&a.SMTPHost, "smtp-host", "", "SMTP server")
	fs.IntVar(&a.SMTPPort, "smtp-port", 0, "SMTP port (465 for tls, 587 for starttls)")
	fs.StringVar(&a.SMTPSecurity, "smtp-security", "", "tls, starttls or none")
	fs.StringVar(&a.Username, "username", "", "login name, usually the address")
	fs.StringVar(&a.Address, "address", "", "the agency's From address")
	fs.StringVar(&a.DisplayName, "display-name", "", "the name shown with the address")
	fs.StringVar(&a.Folder, "folder", "INBOX", "the folder complaints arrive in")
	fs.StringVar(&a.CAFile, "ca-file", "", "PEM file of a private CA to trust (certificates are always verified)")
	fs.IntVar(&a.InitialDays, "initial-days", 14, "how many days back the first sync reaches (0: all)")
	fs.BoolVar(&autoAck, "auto-ack", true, "acknowledge every new case from a person by e-mail")
	fs.StringVar(&a.SentFolder, "sent-folder", "", "also copy sent mail to this IMAP folder")
	fs.IntVar(&a.SyncMinutes, "sync-minutes", 5, "how often the app syncs")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("account set: unexpected argument %q: %w", pos[0], errUsage)
	}
	if preset != "" {
		p, ok := data.FindMailPreset(preset)
		if !ok {
			return fmt.Errorf("--preset %q: not one of qq, 163, 126, aliyun, exmail, gmail, outlook: %w", preset, errUsage)
		}
		explicit := a
		p.Apply(&a)
		// Flags given explicitly win over the preset.
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "imap-host":
				a.IMAPHost = explicit.IMAPHost
			case "imap-port":
				a.IMAPPort = explicit.IMAPPort
			case "imap-security":
				a.IMAPSecurity = explicit.IMAPSecurity
			case "smtp-host":
				a.SMTPHost = explicit.SMTPHost
			case "smtp-port":
				a.SMTPPort = explicit.SMTPPort
			case "smtp-security":
				a.SMTPSecurity = explicit.SMTPSecurity
			}
		})
	}
	a.AutoAck = autoAck
	if a.Username == "" {
		a.Username = a.Address
	}
	if a.CAFile != "" {
		if a.CAFile, err = filepath.Abs(a.CAFile); err != nil {
			return err
		}
	}
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	st := s.Settings()
	st.Mail = a
	if err := s.SaveSettings(ctx, st); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "mail account %s saved (IMAP %s:%d %s, SMTP %s:%d %s)\n", a.Address,
		a.IMAPHost, a.IMAPPort, a.IMAPSecurity, a.SMTPHost, a.SMTPPort, a.SMTPSecurity)
	return nil
}

func (c *cli) accountShow(ctx context.Context) error {
	s, err := c.openExisting(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	a := s.Settings().Mail
	if !a.Configured() {
		fmt.Fprintln(c.stdout, "no mail account (casebook account set --help)")
		return nil
	}
	_, perr := mailPassword(a.Username)
	pw := "found"
	if perr != nil {
		pw = perr.Error()
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Address:\t%s %s\nUser:\t%s\nIMAP:\t%s:%d %s, folder %s\nSMTP:\t%s:%d %s\nCA file:\t%s\nAcknowledge:\t%v\nPassword:\t%s\n",
		a.DisplayName, a.Address, a.Username, a.IMAPHost, a.IMAPPort, a.IMAPSecurity, a.Folder,
		a.SMTPHost, a.SMTPPort, a.SMTPSecurity, orDash(a.CAFile), a.AutoAck, pw)
	return tw.Flush()
}

func (c *cli) accountPassword(ctx context.Context) error {
	a, err := c.mailAccount(ctx)
	if err != nil {
		return err
	}
	if a.Username == "" {
		return errors.New("set the account first: casebook account set --help")
	}
	fmt.Fprintf(c.stderr, "Password (or authorisation code) for %s: ", a.Username)
	line, err := bufio.NewReader(c.stdin).ReadString('\n')
	if err != nil && line == "" {
		return fmt.Errorf("read the password: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return fmt.Errorf("the password is empty: %w", errUsage)
	}
	if err := saveMailPassword(a.Username, pw); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, "password stored in the OS keyring")
	return nil
}

// mailConfigs builds the server configurations from the settings and the password.
func mailConfigs(a data.MailAccount) (mailsync.IMAPConfig, mailsync.SMTPConfig, error) {
	pw, err := mailPassword(a.Username)
	if err != nil {
		return mailsync.IMAPConfig{}, mailsync.SMTPConfig{}, err
	}
	imapCfg, smtpCfg := serverConfigs(a, pw)
	return imapCfg, smtpCfg, nil
}

// mailAccount reads the account and lets go of the database, so a long
// network check does not keep the file locked.
func (c *cli) mailAccount(ctx context.Context) (data.MailAccount, error) {
	s, err := c.openExisting(ctx)
	if err != nil {
		return data.MailAccount{}, err
	}
	defer s.Close()
	return s.Settings().Mail, nil
}

func (c *cli) accountTest(ctx context.Context) error {
	a, err := c.mailAccount(ctx)
	if err != nil {
		return err
	}
	if !a.Configured() {
		return errors.New("no mail account: casebook account set --help")
	}
	imapCfg, smtpCfg, err := mailConfigs(a)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	imapErr := mailsync.TestIMAP(ctx, imapCfg)
	report := func(what string, err error) {
		if err == nil {
			fmt.Fprintf(c.stdout, "%s: ok\n", what)
		} else {
			fmt.Fprintf(c.stdout, "%s: FAILED: %v\n", what, err)
		}
	}
	report(fmt.Sprintf("IMAP %s:%d", a.IMAPHost, a.IMAPPort), imapErr)
	smtpErr := mailsync.TestSMTP(ctx, smtpCfg)
	report(fmt.Sprintf("SMTP %s:%d", a.SMTPHost, a.SMTPPort), smtpErr)
	if imapErr != nil || smtpErr != nil {
		return errors.New("the mail account does not work yet (see above)")
	}
	return nil
}

func (c *cli) sync(ctx context.Context, args []string) error {
	fs := c.newFlags("sync", "sync [--once]")
	once := fs.Bool("once", false, "fetch and send once, print a summary, and exit")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("sync: unexpected argument %q: %w", pos[0], errUsage)
	}
	s, err := c.openExisting(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	a := s.Settings().Mail
	if !a.Configured() {
		return errors.New("no mail account: casebook account set --help")
	}
	imapCfg, smtpCfg, err := mailConfigs(a)
	if err != nil {
		return err
	}
	if *once {
		start := time.Now()
		sum, err := mailsync.SyncOnce(ctx, s, imapCfg, smtpCfg, func(done, total int) {
			fmt.Fprintf(c.stderr, "\r%d/%d messages", done, total)
			if done == total {
				fmt.Fprintln(c.stderr)
			}
		})
		fmt.Fprintf(c.stdout, "%s in %s\n", sum, time.Since(start).Round(time.Millisecond))
		return err
	}
	w := mailsync.NewWorker(s, func() (mailsync.IMAPConfig, mailsync.SMTPConfig, bool, error) {
		return imapCfg, smtpCfg, true, nil
	}, func(e mailsync.Event) {
		switch e.Kind {
		case mailsync.EventSyncDone:
			fmt.Fprintf(c.stdout, "%s  %s\n", e.At.Format(time.DateTime), e.Summary)
		case mailsync.EventSyncFailed:
			fmt.Fprintf(c.stderr, "%s  sync failed: %v\n", e.At.Format(time.DateTime), e.Err)
		}
	})
	fmt.Fprintln(c.stderr, "syncing every few minutes; Ctrl+C to stop")
	w.Run(ctx)
	return nil
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
}

func (c *cli) mail(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "retry" {
		return c.mailRetry(ctx)
	}
	if len(args) == 0 || args[0] != "list" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(c.stdout, "Usage: casebook mail list [--in|--out] [--limit N] [--json]\n       casebook mail retry    read parked messages again")
			return nil
		}
		return fmt.Errorf("mail needs a subcommand: list, retry: %w", errUsage)
	}
	fs := c.newFlags("mail list", "mail list [--in|--out] [--limit N] [--json]")
	in := fs.Bool("in", false, "only incoming mail")
	out := fs.Bool("out", false, "only outgoing mail")
	limit := fs.Int("limit", 0, "at most this many (0: all)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args[1:]); err != nil {
		return err
	}
	dir := data.Direction("")
	if *in {
		dir = data.DirectionIn
	} else if *out {
		dir = data.DirectionOut
	}
	s, err := c.openExisting(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	log, err := s.MailLog(ctx, dir, *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		rows := make([]mailJSON, 0, len(log))
		for _, e := range log {
			errText := e.Error
			if e.ParseError != "" {
				errText = e.ParseError
			}
			rows = append(rows, mailJSON{ID: e.ID, Direction: e.Direction, Date: e.Date.In(c.loc).Format(time.RFC3339),
				From: e.From, To: e.To, Subject: e.Subject, MessageID: e.MessageID, Outcome: e.Outcome,
				Status: e.Status, Case: e.CaseNumber, Automatic: e.Automatic, Error: errText})
		}
		return writeJSON(c.stdout, rows)
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tDIR\tOUTCOME/STATUS\tCASE\tFROM\tSUBJECT")
	for _, e := range log {
		what := string(e.Outcome)
		if e.Direction == data.DirectionOut {
			what = string(e.Status)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", e.Date.In(c.loc).Format("2006-01-02 15:04"), e.Direction,
			what, orDash(e.CaseNumber), e.From, e.Subject)
	}
	return tw.Flush()
}

func (c *cli) caseReply(ctx context.Context, args []string) error {
	fs := c.newFlags("case reply", "case reply NUMBER --text TEXT [--template NAME] [--attach FILE]... [--letter TYPE]... [--by NAME]")
	text := fs.String("text", "", "what to say to the customer")
	template := fs.String("template", "reply", "reply, acknowledge, ask_evidence, propose or close")
	by := fs.String("by", "", "who sends it (default your login name)")
	var attach multiFlag
	fs.Var(&attach, "attach", "file to attach (repeatable)")
	var letterTypes multiFlag
	fs.Var(&letterTypes, "letter", "attach the last issued letter of this type, exactly as issued: ack, decline, solution or closure (repeatable)")
	number, err := oneNumber(fs, args)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*text) == "" && *template == "reply" {
		return fmt.Errorf("case reply: --text is required: %w", errUsage)
	}
	files := make([]struct {
		name string
		data []byte
	}, 0, len(attach))
	for _, p := range attach {
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("--attach: %w", err)
		}
		files = append(files, struct {
			name string
			data []byte
		}{filepath.Base(p), b})
	}
	s, err := c.openExisting(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	st := s.Settings()
	if st.Mail.Address == "" {
		return errors.New("no mail account: casebook account set --help")
	}
	cs, err := s.Case(ctx, number)
	if err != nil {
		return err
	}
	if cs.Customer.Email == "" {
		return fmt.Errorf("case %s has no customer e-mail address", cs.Number)
	}
	msgs, err := s.CaseMessages(ctx, cs.ID)
	if err != nil {
		return err
	}
	var last *data.Message
	for i := range msgs {
		if msgs[i].Direction == data.DirectionIn {
			last = &msgs[i]
		}
	}
	m, err := mailsync.Draft(st, cs, *template, *text, last, c.clockNow())
	if err != nil {
		return err
	}
	for _, f := range files {
		sum := sha256.Sum256(f.data)
		ct := mime.TypeByExtension(filepath.Ext(f.name))
		if ct == "" {
			ct = "application/octet-stream"
		}
		m.Attachments = append(m.Attachments, data.Attachment{Name: f.name, ContentType: ct,
			Size: int64(len(f.data)), SHA256: hex.EncodeToString(sum[:])})
	}
	var letters []data.Letter
	for _, name := range letterTypes {
		t, err := oneOf("letter", name, data.LetterTypes)
		if err != nil {
			return err
		}
		l, err := latestLetter(cs, t, "")
		if err != nil {
			return err
		}
		letters = append(letters, l)
	}
	blobs := blobsOf(files)
	lb, err := attachLetters(ctx, s, &m, letters)
	if err != nil {
		return err
	}
	maps.Copy(blobs, lb)
	queued, err := s.QueueOutgoing(ctx, cs.Number, m, c.by(*by), blobs, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%s queued (message %d); it goes out with the next sync\n", cs.Number, queued.ID)
	return nil
}

func blobsOf(files []struct {
	name string
	data []byte
}) map[string][]byte {
	out := map[string][]byte{}
	for _, f := range files {
		sum := sha256.Sum256(f.data)
		out[hex.EncodeToString(sum[:])] = f.data
	}
	return out
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func (c *cli) mailRetry(ctx context.Context) error {
	s, err := c.openExisting(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	retried, still, err := mailsync.RetryParked(ctx, s)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%d parked message(s) read and filed, %d still unreadable\n", retried, still)
	return nil
}
