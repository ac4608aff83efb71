package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"casebook/app/service"
	"casebook/data"
)

// cli is one run of the command line: it parses the arguments, calls the
// application layer (casebook/app/service) and prints the result. No rule of
// the workflow lives here.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dbPath         string
	now            func() time.Time  // nil: real time
	loc            *time.Location    // for printed times; nil: the agency's zone (Settings), known once the database is open
	lang           string            // messages and errors: en, zh-Hans or zh-Hant (main takes it from the locale)
	login          func() string     // the user's login name, the default of --by; nil: the OS's
	passwords      service.Passwords // where mail passwords live; nil: the OS keyring
	startGUI       func(path string) error
	kdf            *data.KDF // the cost of new PINs; nil: data.DefaultKDF (tests pass a cheap one)
	pin            string    // the PIN or password this run signed in with (see signIn)
}

// usageError is a mistake on the command line itself: exit code 2.
type usageError struct{ text string }

func (e *usageError) Error() string { return e.text }

// refusal is a message of the command line's own refusing the input: exit code 1.
type refusal struct {
	text string
	err  error
}

func (e *refusal) Error() string { return e.text }
func (e *refusal) Unwrap() error { return e.err }

// runError marks an error returned by a command's own code, as opposed to
// cobra's parsing of the command line.
type runError struct{ err error }

func (e *runError) Error() string { return e.err.Error() }
func (e *runError) Unwrap() error { return e.err }

func (c *cli) tr(m msg) string { return tr(c.lang, m) }

// usage is an error of the command line's shape (exit 2).
func (c *cli) usage(m msg) error { return &usageError{c.tr(m)} }

// refuse is an error of the input (exit 1), optionally wrapping the cause.
func (c *cli) refuse(m msg, cause ...error) error {
	return &refusal{text: c.tr(m), err: errors.Join(cause...)}
}

// say writes a message for the user to standard error.
func (c *cli) say(m msg) { fmt.Fprintln(c.stderr, c.tr(m)) }

var unknownCommand = regexp.MustCompile(`^unknown command "(.*)" for "(.*)"`)

// run executes one command line and returns the exit code: 0 done, 1 the
// input was refused, 2 the command line is wrong.
func (c *cli) run(ctx context.Context, args []string) int {
	if args == nil {
		args = []string{} // cobra reads os.Args when given nil
	}
	root := c.commands()
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return 0
	}
	var (
		ue  *usageError
		rf  *refusal
		ran *runError
	)
	switch {
	case errors.As(err, &ue):
		fmt.Fprintln(c.stderr, "casebook:", termText(ue.text))
		if cmd != nil {
			c.say(TF("Run “{{.Command}} --help” for the options.", map[string]any{"Command": cmd.CommandPath()}))
		}
		return 2
	case errors.As(err, &rf):
		fmt.Fprintln(c.stderr, "casebook:", termText(rf.text))
		return 1
	case errors.As(err, &ran):
		fmt.Fprintln(c.stderr, "casebook:", termText(explain(c.lang, ran.err)))
		return 1
	}
	// cobra's own: an unknown command, mostly.
	if m := unknownCommand.FindStringSubmatch(err.Error()); m != nil {
		fmt.Fprintln(c.stderr, "casebook:", c.tr(TF("unknown command “{{.Name}}” (run {{.Parent}} --help)", map[string]any{"Name": m[1], "Parent": m[2]})))
	} else {
		fmt.Fprintln(c.stderr, "casebook:", err)
	}
	return 2
}

// commands builds the command tree.
func (c *cli) commands() *cobra.Command {
	root := &cobra.Command{
		Use:   "casebook",
		Short: c.tr(T("Complaint and after-sales cases for travel agencies")),
		Long: c.tr(T(`Casebook — complaint and after-sales cases for travel agencies.

Without a command it starts the desktop app. The database is --db PATH, else $CASEBOOK_DB,
else the user's data directory.`)),
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := c.resolveDB()
			if err != nil {
				return err
			}
			return c.startGUI(path)
		},
	}
	root.SetIn(c.stdin)
	root.SetOut(c.stdout) // before the completion command, which keeps it
	root.SetErr(c.stderr)
	root.PersistentFlags().StringVar(&c.dbPath, "db", c.dbPath, c.tr(T("database file")))
	root.PersistentFlags().Func("tz", c.tr(T("time zone of the times printed and read: an IANA name such as Asia/Shanghai, or local (default $CASEBOOK_TZ, else the agency's zone from the settings)")), c.setZone)
	root.PersistentFlags().Func("log-level", c.tr(T("what the log file records: debug, info, warn or error (default $CASEBOOK_LOG, else info)")), setLogLevel)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return c.flagError(err) })
	root.AddCommand(c.caseCommand(), c.accountCommand(), c.syncCommand(), c.mailCommand(), c.letterCommand(),
		c.archiveCommand(), c.agencyCommand(), c.staffCommand(), c.settingsCommand(), c.demoCommand())
	root.AddCommand(c.exportCommand()) // case rows as XLSX or CSV (cli_export.go)
	root.AddCommand(c.todayCommand())
	root.AddCommand(c.reportCommand()) // the figures of a period (cli_report.go)
	root.AddCommand(c.auditCommand())
	root.AddCommand(c.backupCommand(), c.restoreCommand(), c.compactCommand())
	root.AddCommand(c.customerCommand(), c.privacyCommand())
	root.AddCommand(c.classifyCommand())
	root.AddCommand(c.kbCommand(), c.templateCommand()) // the knowledge base and the mail templates (cli_kb.go, cli_template.go)
	root.AddCommand(c.importCommand())                  // spreadsheet ledgers (cli_import.go)
	root.InitDefaultCompletionCmd()
	c.localizeHelp(root)
	root.Long += "\n\n" + c.tr(T("Commands:")) + "\n" + commandList(root) + "\n" +
		c.tr(T(`Changing commands act as --by NAME (a staff member), else the staff member named like
your login. Exit codes: 0 done, 1 refused (invalid input, not allowed, not found), 2 the
command line is wrong. Messages and help follow LC_ALL, LC_MESSAGES or LANG (zh_CN, zh_TW, en).`))
	markRun(root)
	return root
}

// commandList lists every command that does something, with its summary.
func commandList(root *cobra.Command) string {
	type line struct{ path, short string }
	var lines []line
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		for _, sub := range cmd.Commands() {
			if sub.Hidden || sub.Name() == "help" {
				continue
			}
			path := strings.TrimPrefix(sub.CommandPath(), root.Name()+" ")
			if !sub.HasSubCommands() || sub.Name() == "completion" {
				lines = append(lines, line{path, sub.Short})
				continue
			}
			walk(sub)
		}
	}
	walk(root)
	width := 0
	for _, l := range lines {
		width = max(width, len(l.path))
	}
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, l.path, l.short)
	}
	return b.String()
}

// markRun wraps every command's own code, so run can tell its errors (exit 1
// unless they say otherwise) from cobra's parsing errors (exit 2).
func markRun(cmd *cobra.Command) {
	if run := cmd.RunE; run != nil {
		cmd.RunE = func(cmd *cobra.Command, args []string) error {
			if err := run(cmd, args); err != nil {
				return &runError{err}
			}
			return nil
		}
	}
	for _, sub := range cmd.Commands() {
		markRun(sub)
	}
}

// flagError says what is wrong with an option.
func (c *cli) flagError(err error) error {
	var (
		notExist *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		ue       *usageError
	)
	switch {
	case errors.As(err, &ue):
		return ue
	case errors.As(err, &notExist):
		return c.usage(TF("unknown option {{.Flag}}", map[string]any{"Flag": dashed(notExist.GetSpecifiedName())}))
	case errors.As(err, &required):
		return c.usage(TF("option {{.Flag}} needs a value", map[string]any{"Flag": dashed(required.GetSpecifiedName())}))
	case errors.As(err, &invalid):
		reason := invalid.Unwrap().Error()
		if errors.As(invalid.Unwrap(), &ue) {
			reason = ue.text
		}
		return c.usage(TF("{{.Value}} is not a valid value for --{{.Flag}}: {{.Reason}}", map[string]any{
			"Value": invalid.GetValue(), "Flag": invalid.GetFlag().Name, "Reason": reason}))
	}
	return &usageError{err.Error()}
}

func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// group is a command that only holds subcommands.
func (c *cli) group(use, short string, subs ...*cobra.Command) *cobra.Command {
	g := &cobra.Command{Use: use, Short: short, Args: cobra.ArbitraryArgs}
	g.AddCommand(subs...)
	g.RunE = func(cmd *cobra.Command, args []string) error {
		var names []string
		for _, s := range cmd.Commands() {
			if !s.Hidden && s.Name() != "help" {
				names = append(names, s.Name())
			}
		}
		list := strings.Join(names, ", ")
		if len(args) > 0 {
			return c.usage(TF("unknown command “{{.Name}}” for {{.Parent}} (one of {{.List}})", map[string]any{
				"Name": args[0], "Parent": cmd.CommandPath(), "List": list}))
		}
		return c.usage(TF("{{.Parent}} needs a command: {{.List}}", map[string]any{"Parent": cmd.CommandPath(), "List": list}))
	}
	return g
}

// noArgs refuses positional arguments.
func (c *cli) noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return c.usage(TF("{{.Command}}: unexpected argument “{{.Arg}}”", map[string]any{"Command": cmd.CommandPath(), "Arg": args[0]}))
	}
	return nil
}

// oneNumber takes exactly one case number.
func (c *cli) oneNumber(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return c.usage(TF("{{.Command}} needs one case number", map[string]any{"Command": cmd.CommandPath()}))
	}
	return nil
}

// exactly takes n positional arguments, named in what.
func (c *cli) exactly(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return c.usage(TF("{{.Command}} needs {{.What}}", map[string]any{"Command": cmd.CommandPath(), "What": what}))
		}
		return nil
	}
}

// enum registers the completion of a flag's values.
func enum[T ~string](cmd *cobra.Command, flag string, values []T) {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = string(v)
	}
	_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp))
}

// oneOf checks an enumerated flag value (exit 2 when it is not one of them).
func oneOf[T ~string](c *cli, flagName, v string, allowed []T) (T, error) {
	for _, a := range allowed {
		if string(a) == v {
			return a, nil
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return "", c.usage(TF("--{{.Flag}} “{{.Value}}”: must be one of {{.Allowed}}", map[string]any{
		"Flag": flagName, "Value": v, "Allowed": strings.Join(names, ", ")}))
}

// completeNumbers completes a case number from the database.
func (c *cli) completeNumbers(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	path, err := c.resolveDB()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	if _, err := os.Stat(path); err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	svc, err := service.Open(cmd.Context(), path, service.Options{Loc: c.loc, Now: c.now, Timeout: 300 * time.Millisecond, ReadOnly: true})
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer svc.Close()
	var out []cobra.Completion
	for _, r := range svc.Cases.List(data.Filter{}, data.Sort{Key: data.SortReceived}, c.clockNow()) {
		if strings.HasPrefix(r.Number, strings.ToUpper(toComplete)) {
			out = append(out, r.Number+"\t"+r.Subject)
		}
		if len(out) >= 500 {
			break
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func (c *cli) resolveDB() (string, error) {
	if c.dbPath != "" {
		return c.dbPath, nil
	}
	return defaultDBPath()
}

// cliLockWait is how long a command waits for another command to finish with
// the file; the GUI holds it for as long as it runs.
const cliLockWait = 10 * time.Second

// open opens the application over the database to change it. Only the
// commands that may start a database create one: a mistyped --db must not
// silently create an empty database for the others, nor turn an empty file
// into one.
func (c *cli) open(ctx context.Context, create bool) (*service.Service, error) {
	path, err := c.resolveDB()
	if err != nil {
		return nil, fmt.Errorf("find the database: %w", err)
	}
	if st, err := os.Stat(path); !create && errors.Is(err, os.ErrNotExist) {
		return nil, c.noDatabase(path, false)
	} else if !create && err == nil && st.Mode().IsRegular() && st.Size() == 0 {
		return nil, c.noDatabase(path, true)
	}
	pending := c.applyPending(ctx, path)
	svc, err := service.Open(ctx, path, service.Options{Loc: c.loc, Now: c.now, Timeout: cliLockWait, Passwords: c.passwords, KDF: c.kdf})
	c.followZone(svc)
	if err == nil {
		c.recordPending(ctx, svc, pending)
	}
	return svc, c.openError(path, err)
}

// openRead opens the database only to read, for the commands that change
// nothing: a shared lock, nothing written, so they work on a read-only file,
// a read-only disk or a full one, and never create or upgrade a database.
// A database of an older layout is upgraded first, as any changing command
// would, when the file can be written; when it cannot, the error says how.
func (c *cli) openRead(ctx context.Context) (*service.Service, error) {
	path, err := c.resolveDB()
	if err != nil {
		return nil, fmt.Errorf("find the database: %w", err)
	}
	c.notePending(path)
	svc, err := service.Open(ctx, path, service.Options{Loc: c.loc, Now: c.now, Timeout: cliLockWait, Passwords: c.passwords, ReadOnly: true})
	c.followZone(svc)
	if errors.Is(err, data.ErrNeedsUpgrade) {
		upgraded, werr := c.open(ctx, false)
		if werr == nil {
			return upgraded, nil
		}
		if !errors.Is(werr, data.ErrNotWritable) {
			return nil, werr
		}
	}
	return svc, c.openError(path, err)
}

// noDatabase refuses a path where a command found no database to use.
func (c *cli) noDatabase(path string, empty bool) error {
	if empty {
		return c.refuse(TF("{{.Path}} is an empty file, not a Casebook database; nothing was written to it (check --db).", map[string]any{"Path": path}))
	}
	return c.refuse(TF("There is no database at {{.Path}} (record a case first, or check --db).", map[string]any{"Path": path}))
}

// openError says why a database could not be opened.
func (c *cli) openError(path string, err error) error {
	var nd *data.NoDatabaseError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &nd):
		return c.noDatabase(path, nd.Empty)
	case errors.Is(err, data.ErrLocked):
		return c.refuse(TF("{{.Path}} is in use by a Casebook window or another command (waited {{.Wait}}); close the window and try again.",
			map[string]any{"Path": path, "Wait": cliLockWait}), err)
	}
	return err
}

// openAs opens the service for a change made by --by (see actor).
func (c *cli) openAs(ctx context.Context, by string, create bool) (*service.Service, data.Actor, error) {
	svc, err := c.open(ctx, create)
	if err != nil {
		return nil, data.Actor{}, err
	}
	a, err := c.actor(ctx, svc, by)
	if err != nil {
		svc.Close()
		return nil, data.Actor{}, err
	}
	return svc, a, nil
}

// actor is the staff member a change is made by: --by, else the one named
// like the login. On a database with nobody on the staff list yet, that
// person becomes its owner.
func (c *cli) actor(ctx context.Context, svc *service.Service, by string) (data.Actor, error) {
	a, _, err := c.actorOrFirst(ctx, svc, by)
	return a, err
}

// actorOrFirst is actor, and tells whether the actor was just made the first owner.
func (c *cli) actorOrFirst(ctx context.Context, svc *service.Service, by string) (data.Actor, bool, error) {
	name := strings.TrimSpace(by)
	fromLogin := name == ""
	if fromLogin {
		name = c.loginName()
	}
	a, created, err := svc.Settings.ActorOrFirstOwner(ctx, name)
	var unknown *data.UnknownStaffError
	switch {
	case errors.As(err, &unknown) && name == "":
		return data.Actor{}, false, c.refuse(T("Who does this? Pass --by NAME with a staff member's name (casebook staff list)."), err)
	case errors.As(err, &unknown) && fromLogin:
		return data.Actor{}, false, c.refuse(TF("Your login name “{{.Name}}” is not on the staff list: pass --by NAME with a staff member's name (casebook staff list), or ask the owner to add you with casebook staff add {{.Name}} --role staff.",
			map[string]any{"Name": name}), err)
	case errors.As(err, &unknown):
		return data.Actor{}, false, c.refuse(TF("“{{.Name}}” is not on the staff list: check the name (casebook staff list), or ask the owner to add them with casebook staff add.",
			map[string]any{"Name": name}), err)
	case err != nil:
		return data.Actor{}, false, err
	}
	if !created { // once sign-in is on, a change needs the person's PIN
		if err := c.signIn(ctx, svc, a); err != nil {
			return data.Actor{}, false, err
		}
	}
	if created {
		c.say(TF("{{.Name}} is now the owner of this database (the first on the staff list); add others with casebook staff add", map[string]any{"Name": a.Name}))
	}
	return a, created, nil
}

// loginName is the user's login name.
func (c *cli) loginName() string {
	if c.login != nil {
		return c.login()
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}

// byFlag adds --by to a changing command.
func byFlag(cmd *cobra.Command, by *string) {
	cmd.Flags().StringVar(by, "by", "", "who does it: a staff member (default: the one named like your login)") // translated by localizeHelp
}

// setZone is --tz: an IANA zone name, or "local" for the computer's.
func (c *cli) setZone(name string) error {
	loc, err := zoneNamed(name)
	if err != nil {
		return errors.New(c.tr(TF("“{{.Zone}}” is not a time zone: write an IANA name such as Asia/Shanghai, or local", map[string]any{"Zone": name})))
	}
	c.loc = loc
	return nil
}

// zoneNamed loads a zone by its IANA name; "local" is the computer's.
func zoneNamed(name string) (*time.Location, error) {
	if strings.EqualFold(strings.TrimSpace(name), "local") {
		return time.Local, nil
	}
	return time.LoadLocation(strings.TrimSpace(name))
}

// envZone is $CASEBOOK_TZ's zone, or nil (the agency's) when it is unset or not a zone.
func envZone(getenv func(string) string) *time.Location {
	if v := getenv("CASEBOOK_TZ"); v != "" {
		if loc, err := zoneNamed(v); err == nil {
			return loc
		}
	}
	return nil
}

// followZone prints times in the agency's zone (Settings → time zone) unless
// --tz or $CASEBOOK_TZ chose one.
func (c *cli) followZone(svc *service.Service) {
	if c.loc == nil && svc != nil {
		c.loc = svc.Settings.Get().Calendar.Zone()
	}
}

func (c *cli) clockNow() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}
