package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
	"time"

	"casebook/data"
	"casebook/data/store"
)

// cli runs one command line; the GUI and the commands share the data services.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dbPath         string
	now            func() time.Time // nil: real time
	loc            *time.Location   // for printed times
	startGUI       func(path string) error
}

const usageTop = `Casebook — complaint and after-sales cases for travel agencies.

Usage:
  casebook [--db PATH]                 start the desktop app
  casebook [--db PATH] COMMAND ...     run a command

Commands:
  case new      record a new case
  case list     list cases
  case show     show one case
  case move     move a case to another stage
  case note     add a note to a case
  case set      change owner, severity, category or waiting
  case findings record the investigation's findings and the solution (remedies)
  case reply    write to the customer by e-mail (queued in the outbox)
  account       the agency's mailbox: set, show, password, test
  sync          fetch mail into cases and send the outbox (--once: one round)
  mail list     every message fetched or sent, with what became of it
  letter        print a letter: acknowledgement, decline, solution confirmation, closure
  archive       print a case's dossier, or every case closed in a period
  agency        the agency's profile on letters: set, show
  demo          fill the database with demo cases

The database is --db PATH, else $CASEBOOK_DB, else the user's data directory.
Run "casebook COMMAND --help" for a command's options.
`

// errUsage marks an error the user made on the command line (exit code 2).
var errUsage = errors.New("usage")

func (c *cli) run(ctx context.Context, args []string) int {
	err := c.dispatch(ctx, args)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintln(c.stderr, "casebook:", strings.TrimSuffix(err.Error(), ": usage"))
		return 2
	default:
		fmt.Fprintln(c.stderr, "casebook:", err)
		return 1
	}
}

func (c *cli) dispatch(ctx context.Context, args []string) error {
	top := flag.NewFlagSet("casebook", flag.ContinueOnError)
	top.SetOutput(c.stderr)
	top.StringVar(&c.dbPath, "db", c.dbPath, "database file")
	top.Func("log-level", "log detail: debug, info, warn or error (default $CASEBOOK_LOG, else info)", setLogLevel)
	top.Usage = func() { fmt.Fprint(c.stderr, usageTop) }
	if err := top.Parse(args); err != nil {
		return err
	}
	rest := top.Args()
	if len(rest) == 0 {
		path, err := c.resolveDB()
		if err != nil {
			return err
		}
		return c.startGUI(path)
	}
	switch rest[0] {
	case "case":
		if len(rest) < 2 {
			fmt.Fprint(c.stderr, usageTop)
			return fmt.Errorf("case needs a subcommand: new, list, show, move, note, set, findings, reply: %w", errUsage)
		}
		switch rest[1] {
		case "-h", "-help", "--help", "help":
			fmt.Fprint(c.stdout, usageTop)
			return nil
		case "new":
			return c.caseNew(ctx, rest[2:])
		case "list":
			return c.caseList(ctx, rest[2:])
		case "show":
			return c.caseShow(ctx, rest[2:])
		case "move":
			return c.caseMove(ctx, rest[2:])
		case "note":
			return c.caseNote(ctx, rest[2:])
		case "set":
			return c.caseSet(ctx, rest[2:])
		case "reply":
			return c.caseReply(ctx, rest[2:])
		case "findings":
			return c.caseFindings(ctx, rest[2:])
		}
		return fmt.Errorf("unknown case subcommand %q (new, list, show, move, note, set, findings, reply): %w", rest[1], errUsage)
	case "demo":
		return c.demo(ctx, rest[1:])
	case "letter":
		return c.letter(ctx, rest[1:])
	case "archive":
		return c.archive(ctx, rest[1:])
	case "agency":
		return c.agency(ctx, rest[1:])
	case "account":
		return c.account(ctx, rest[1:])
	case "sync":
		return c.sync(ctx, rest[1:])
	case "mail":
		return c.mail(ctx, rest[1:])
	case "help":
		fmt.Fprint(c.stdout, usageTop)
		return nil
	}
	return fmt.Errorf("unknown command %q (run casebook --help): %w", rest[0], errUsage)
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

// openExisting opens the database for a command that reads or changes cases:
// a mistyped path must not silently create an empty database.
func (c *cli) openExisting(ctx context.Context) (*store.Store, error) {
	path, err := c.resolveDB()
	if err != nil {
		return nil, fmt.Errorf("find the database: %w", err)
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no database at %s (record a case first, or check --db)", path)
	}
	return c.open(ctx)
}

func (c *cli) open(ctx context.Context) (*store.Store, error) {
	path, err := c.resolveDB()
	if err != nil {
		return nil, fmt.Errorf("find the database: %w", err)
	}
	opts := []store.Option{store.WithTimeout(cliLockWait)}
	if c.now != nil {
		opts = append(opts, store.WithClock(c.now))
	}
	s, err := store.Open(ctx, path, opts...)
	if errors.Is(err, data.ErrLocked) {
		return nil, fmt.Errorf("%s is in use by a Casebook window or another command (waited %s); close the window and try again", path, cliLockWait)
	}
	return s, err
}

// newFlags makes a subcommand's flag set with --db and a usage line.
func (c *cli) newFlags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.StringVar(&c.dbPath, "db", c.dbPath, "database file")
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "Usage: casebook %s\n\nOptions:\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse accepts flags before and after positional arguments ("show A-2026-0001 --json").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%s: %w", fs.Name(), errUsage)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// oneNumber takes exactly one positional case number.
func oneNumber(fs *flag.FlagSet, args []string) (string, error) {
	pos, err := parse(fs, args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		fs.Usage()
		return "", fmt.Errorf("%s needs one case number: %w", fs.Name(), errUsage)
	}
	return pos[0], nil
}

// by is who a change is recorded as: --by, else the login name.
func (c *cli) by(flagValue string) string {
	if v := strings.TrimSpace(flagValue); v != "" {
		return v
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}

func (c *cli) clockNow() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

// oneOf checks an enumerated flag value.
func oneOf[T ~string](flagName, v string, allowed []T) (T, error) {
	for _, a := range allowed {
		if string(a) == v {
			return a, nil
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return "", fmt.Errorf("--%s %q: must be one of %s: %w", flagName, v, strings.Join(names, ", "), errUsage)
}
