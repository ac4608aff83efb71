package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"casebook/app/service"
	"casebook/data"
	"casebook/data/present"
)

// passphraseEnv holds the passphrase of encrypted backups for scripts.
const passphraseEnv = "CASEBOOK_BACKUP_PASSPHRASE"

func (c *cli) backupCommand() *cobra.Command {
	var (
		out, by string
		encrypt bool
	)
	cmd := &cobra.Command{
		Use:   "backup -o FILE [--encrypt]",
		Short: c.tr(T("write a checked copy of the database to a file")),
		Long:  c.tr(T(`Writes a copy of the whole database to FILE from one consistent snapshot, then checks the copy in full (every page, bbolt's consistency check, the schema and the number of cases) before it takes the name FILE. With --encrypt the copy is encrypted with a passphrase (age, scrypt) for copies that leave the building: the passphrase comes from $CASEBOOK_BACKUP_PASSPHRASE, else it is asked for on the terminal; without it the backup cannot be restored. The outcome is recorded in the database. While a Casebook window has the database open, make the backup from the window (Settings → Backup).`)),
		Args:  c.noArgs,
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", c.tr(T("the backup file to write")))
	cmd.Flags().BoolVar(&encrypt, "encrypt", false, c.tr(T("encrypt the backup with a passphrase")))
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if out == "" {
			return c.usage(T("say where the backup goes: -o FILE"))
		}
		pass := ""
		if encrypt {
			var err error
			if pass, err = c.passphrase(true); err != nil {
				return err
			}
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		res, err := svc.Backup(ctx, a, out, pass, encrypt)
		if err != nil {
			return &runError{err}
		}
		p := present.For(c.lang)
		fmt.Fprintln(c.stdout, c.tr(TF("Backup written to {{.Path}} and checked: {{.Cases}} cases, {{.Size}}.",
			map[string]any{"Path": res.Path, "Cases": res.Cases, "Size": p.Size(res.Size)})))
		return nil
	}
	return cmd
}

func (c *cli) restoreCommand() *cobra.Command {
	var (
		yes bool
		by  string
	)
	cmd := &cobra.Command{
		Use:   "restore FILE [--yes]",
		Short: c.tr(T("replace the database with a backup, keeping the current file aside")),
		Long:  c.tr(T(`Checks the backup FILE in full and shows its date and number of cases, then asks before it replaces the database (unless --yes). The current database is kept as <database>.before-restore-<date-time> beside it and never overwritten without that copy; the backup takes its place in one step. A damaged file, another program's file or a wrong passphrase is refused and nothing is touched. The passphrase of an encrypted backup comes from $CASEBOOK_BACKUP_PASSPHRASE, else it is asked for on the terminal. Close the Casebook window first: restore refuses while the database is open.`)),
		Args:  c.exactly(1, c.tr(T("the backup file"))),
	}
	cmd.Flags().BoolVar(&yes, "yes", false, c.tr(T("replace without asking")))
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		file := args[0]
		path, err := c.resolveDB()
		if err != nil {
			return fmt.Errorf("find the database: %w", err)
		}
		if _, err := os.Stat(file); err != nil {
			return c.refuse(TF("There is no backup file at {{.Path}}.", map[string]any{"Path": file}), err)
		}
		pass := os.Getenv(passphraseEnv)
		info, err := service.InspectBackup(ctx, file, pass)
		var be *data.BackupError
		if errors.As(err, &be) && be.Reason == data.BackupNeedsPassphrase && c.terminal() {
			if pass, err = c.passphrase(false); err != nil {
				return err
			}
			info, err = service.InspectBackup(ctx, file, pass)
		}
		if err != nil {
			return &runError{err}
		}
		p := present.For(c.lang)
		taken := c.tr(T("unknown (a copy of a database, not a backup)"))
		if !info.Taken.IsZero() {
			taken = p.DateTime(info.Taken.In(c.zone()))
		}
		fmt.Fprintln(c.stdout, c.tr(TF("Backup {{.Path}}: taken {{.Taken}}, {{.Cases}} cases.",
			map[string]any{"Path": file, "Taken": taken, "Cases": info.Cases})))
		if info.AuditHead != "" {
			fmt.Fprintln(c.stdout, c.tr(TF("Its audit chain is intact: {{.Entries}} entries, head {{.Head}}.",
				map[string]any{"Entries": info.AuditEntries, "Head": data.Head16(info.AuditHead)})))
		}
		if !yes {
			fmt.Fprint(c.stderr, c.tr(TF("Replace the database {{.DB}} with this backup? The current file is kept aside. [y/N] ", map[string]any{"DB": path})))
			line := ""
			if c.stdin != nil {
				line, _ = bufio.NewReader(c.stdin).ReadString('\n')
			}
			if a := strings.ToLower(strings.TrimSpace(line)); a != "y" && a != "yes" && a != "是" && a != "是的" {
				return c.refuse(T("Nothing was restored."))
			}
		}
		// Who restores: checked on the database as it is (read only), before
		// anything changes.
		actor := data.Actor{Name: strings.TrimSpace(by)}
		if _, err := os.Stat(path); err == nil {
			cur, err := c.openRead(ctx)
			if err != nil {
				return err
			}
			actor, err = c.actor(ctx, cur, by)
			cur.Close()
			if err != nil {
				return err
			}
			if err := actor.Check(data.ActionRestore); err != nil {
				return err
			}
		} else if actor.Name == "" {
			actor.Name = c.loginName()
		}
		c.dropPendingRestore(path)
		res, err := service.Restore(ctx, path, file, pass, c.clockNow(), cliLockWait)
		if errors.Is(err, data.ErrLocked) {
			return c.openError(path, err)
		}
		if err != nil {
			return &runError{err}
		}
		// The restored database's chain records the restore, by actor.
		db, err := c.open(ctx, false)
		if err != nil {
			return err
		}
		rerr := db.RecordRestore(ctx, actor, res)
		db.Close()
		if rerr != nil {
			return &runError{rerr}
		}
		if res.Aside != "" {
			fmt.Fprintln(c.stdout, c.tr(TF("Restored. The database as it was is kept as {{.Aside}}.", map[string]any{"Aside": res.Aside})))
		} else {
			fmt.Fprintln(c.stdout, c.tr(T("Restored.")))
		}
		return nil
	}
	return cmd
}

func (c *cli) compactCommand() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "compact",
		Short: c.tr(T("shrink the database file to what it holds")),
		Long:  c.tr(T(`The database file never shrinks by itself. compact copies what it holds into a new file, checks it in full and puts it in the old one's place in one step, and prints the size before and after. Close the Casebook window first.`)),
		Args:  c.noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			path, err := c.resolveDB()
			if err != nil {
				return fmt.Errorf("find the database: %w", err)
			}
			// Who compacts: checked first (this also puts in place a restore
			// or a compaction still waiting from the window).
			if _, err := os.Stat(path); err != nil {
				return c.openError(path, &data.NoDatabaseError{Path: path})
			}
			svc, err := c.open(ctx, false)
			if err != nil {
				return err
			}
			actor, err := c.actor(ctx, svc, by)
			svc.Close()
			if err != nil {
				return err
			}
			if err := actor.Check(data.ActionRestore); err != nil {
				return err
			}
			res, err := service.Compact(ctx, path, cliLockWait)
			var nd *data.NoDatabaseError
			switch {
			case errors.As(err, &nd), errors.Is(err, data.ErrLocked):
				return c.openError(path, err)
			case err != nil:
				return &runError{err}
			}
			res.At = c.clockNow()
			after, err := c.open(ctx, false)
			if err != nil {
				return err
			}
			rerr := after.RecordCompact(ctx, actor, res)
			after.Close()
			if rerr != nil {
				return &runError{rerr}
			}
			p := present.For(c.lang)
			fmt.Fprintln(c.stdout, c.tr(TF("Compacted {{.Path}}: {{.Before}} before, {{.After}} after ({{.Cases}} cases).",
				map[string]any{"Path": path, "Before": p.Size(res.Before), "After": p.Size(res.After), "Cases": res.Cases})))
			return nil
		},
	}
	byFlag(cmd, &by)
	return cmd
}

// zone is the zone printed times are in when no database is open.
func (c *cli) zone() *time.Location {
	if c.loc != nil {
		return c.loc
	}
	return time.Local
}

// terminal tells whether standard input is a terminal one can be asked on.
func (c *cli) terminal() bool {
	f, ok := c.stdin.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// passphrase is the backups' passphrase: $CASEBOOK_BACKUP_PASSPHRASE, else
// typed on the terminal (twice when it encrypts), never echoed.
func (c *cli) passphrase(twice bool) (string, error) {
	if p := os.Getenv(passphraseEnv); p != "" {
		return p, nil
	}
	if !c.terminal() {
		return "", c.refuse(T("Give the backup's passphrase in CASEBOOK_BACKUP_PASSPHRASE (or run the command on a terminal to type it)."))
	}
	fd := int(c.stdin.(*os.File).Fd())
	fmt.Fprint(c.stderr, c.tr(T("Passphrase: ")))
	p1, err := term.ReadPassword(fd)
	fmt.Fprintln(c.stderr)
	if err != nil {
		return "", fmt.Errorf("read the passphrase: %w", err)
	}
	if len(p1) == 0 {
		return "", c.refuse(T("The passphrase is empty."))
	}
	if twice {
		fmt.Fprint(c.stderr, c.tr(T("The passphrase again: ")))
		p2, err := term.ReadPassword(fd)
		fmt.Fprintln(c.stderr)
		if err != nil {
			return "", fmt.Errorf("read the passphrase: %w", err)
		}
		if string(p1) != string(p2) {
			return "", c.refuse(T("The two passphrases differ; nothing was written."))
		}
	}
	return string(p1), nil
}

// printBackupWarning is Today's line about an old (or missing) last good backup.
func (c *cli) printBackupWarning(b data.BackupAge) {
	switch {
	case !b.Warn:
	case b.Never:
		fmt.Fprintln(c.stdout, c.tr(T("No good backup has been made yet: make one (casebook backup -o FILE, or Settings → Backup).")))
	default:
		fmt.Fprintln(c.stdout, c.tr(TF("The last good backup was {{.days}} days ago: make one (casebook backup -o FILE, or Settings → Backup).", map[string]any{"days": b.Days})))
	}
}
