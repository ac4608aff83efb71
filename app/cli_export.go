package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"casebook/app/service"
	"casebook/data"
	"casebook/data/present"
)

// listFilterFlags are the case list's filters as flags of another command
// (export): the same names and meanings as `case list`.
type listFilterFlags struct {
	status, severity, channel, owner, category, kind, from, to, query string
	open, overdue, dueSoon, waiting, escalated                        bool
}

func (lf *listFilterFlags) register(c *cli, cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&lf.status, "status", "", c.tr(T("only this status (comma-separated for several)")))
	fl.BoolVar(&lf.open, "open", false, c.tr(T("only cases that still need work")))
	fl.BoolVar(&lf.overdue, "overdue", false, c.tr(T("only cases with a deadline passed")))
	fl.BoolVar(&lf.dueSoon, "due-soon", false, c.tr(T("only cases past 80 % of a deadline")))
	fl.BoolVar(&lf.waiting, "waiting", false, c.tr(T("only cases waiting on the customer or a supplier")))
	fl.StringVar(&lf.severity, "severity", "", c.tr(T("only this severity")))
	fl.StringVar(&lf.channel, "channel", "", c.tr(T("only this channel")))
	fl.StringVar(&lf.owner, "owner", "", c.tr(T("export.flag.owner")))
	fl.BoolVar(&lf.escalated, "escalated", false, c.tr(T("only cases escalated to a supervisor or the owner")))
	fl.StringVar(&lf.category, "category", "", c.tr(T("only this category (slug)")))
	fl.StringVar(&lf.kind, "kind", "", c.tr(T("only this kind")))
	fl.StringVar(&lf.from, "from", "", c.tr(T("only cases received on or after this day, YYYY-MM-DD")))
	fl.StringVar(&lf.to, "to", "", c.tr(T("only cases received on or before this day, YYYY-MM-DD")))
	fl.StringVar(&lf.query, "query", "", c.tr(T("search number, customer, phone, e-mail, subject, description, booking")))
	enum(cmd, "status", data.Statuses)
	enum(cmd, "severity", data.Severities)
	enum(cmd, "channel", data.Channels)
	enum(cmd, "kind", data.Kinds)
	_ = cmd.RegisterFlagCompletionFunc("owner", func(cmd *cobra.Command, _ []string, tc string) ([]cobra.Completion, cobra.ShellCompDirective) {
		names, dir := c.completeStaff(cmd, nil, tc)
		return append([]cobra.Completion{"none"}, names...), dir
	})
}

// check reads the flags that need no database; days are read in UTC and
// moved to the agency's zone by filter.
func (lf *listFilterFlags) check(c *cli) (data.Filter, error) {
	f := data.Filter{OpenOnly: lf.open, Overdue: lf.overdue, DueSoon: lf.dueSoon, Waiting: lf.waiting,
		Escalated: lf.escalated, Query: lf.query}
	var err error
	if lf.kind != "" {
		if f.Kind, err = oneOf(c, "kind", lf.kind, data.Kinds); err != nil {
			return f, err
		}
	}
	if lf.severity != "" {
		if f.Severity, err = oneOf(c, "severity", lf.severity, data.Severities); err != nil {
			return f, err
		}
	}
	if lf.channel != "" {
		if f.Channel, err = oneOf(c, "channel", lf.channel, data.Channels); err != nil {
			return f, err
		}
	}
	if lf.status != "" {
		for _, st := range strings.Split(lf.status, ",") {
			v, err := oneOf(c, "status", strings.TrimSpace(st), data.Statuses)
			if err != nil {
				return f, err
			}
			f.Statuses = append(f.Statuses, v)
		}
	}
	if lf.from != "" {
		if f.ReceivedFrom, err = c.parseDay("from", lf.from); err != nil {
			return f, err
		}
	}
	if lf.to != "" {
		if f.ReceivedTo, err = c.parseDay("to", lf.to); err != nil {
			return f, err
		}
	}
	if lf.from != "" && lf.to != "" && f.ReceivedTo.Before(f.ReceivedFrom) {
		return f, c.usage(TF("--from {{.From}} is after --to {{.To}}", map[string]any{"From": lf.from, "To": lf.to}))
	}
	switch lf.owner {
	case "":
	case "none":
		f.NoOwner = true
	default:
		f.Owner = lf.owner
	}
	return f, nil
}

// filter completes f once the database is open: the received days in the
// agency's zone (the last one whole) and the category checked.
func (lf *listFilterFlags) filter(c *cli, svc *service.Service, f data.Filter) (data.Filter, error) {
	if !f.ReceivedFrom.IsZero() {
		f.ReceivedFrom = c.sameDay(f.ReceivedFrom)
	}
	if !f.ReceivedTo.IsZero() {
		f.ReceivedTo = c.sameDay(f.ReceivedTo).AddDate(0, 0, 1)
	}
	if lf.category != "" {
		if _, ok := svc.Settings.Get().Category(lf.category); !ok {
			return f, c.refuse(TF("There is no category “{{.Value}}”: casebook settings show lists them.", map[string]any{"Value": lf.category}))
		}
		f.Category = lf.category
	}
	return f, nil
}

// exportCommand writes the cases as rows of a spreadsheet.
func (c *cli) exportCommand() *cobra.Command {
	var (
		format, out, lang, by string
		force                 bool
		lf                    listFilterFlags
	)
	cmd := &cobra.Command{
		Use:   "export --format xlsx|csv -o FILE [--force] [--lang zh-Hans|zh-Hant|en] [--status S[,S…]|--open] [--owner NAME|none] [--category SLUG] [--kind KIND] [--from DATE] [--to DATE] [--overdue] [--due-soon] [--waiting] [--escalated] [--query TEXT]",
		Short: c.tr(T("export.short")),
		Long:  c.tr(T("export.long")),
		Args:  c.noArgs,
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "", c.tr(T("export.flag.format")))
	fl.StringVarP(&out, "output", "o", "", c.tr(T("output file (- for standard output)")))
	fl.BoolVar(&force, "force", false, c.tr(T("export.flag.force")))
	fl.StringVar(&lang, "lang", "", c.tr(T("zh-Hans, zh-Hant or en (default: the interface language in Settings)")))
	byFlag(cmd, &by)
	lf.register(c, cmd)
	enum(cmd, "format", data.ExportFormats)
	enum(cmd, "lang", data.Languages)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if out == "" {
			return c.usage(T("-o FILE is required"))
		}
		if format == "" { // from the file's extension
			format = strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
			if out == "-" || (format != "xlsx" && format != "csv") {
				return c.usage(T("export.need_format"))
			}
		}
		ff, err := oneOf(c, "format", format, data.ExportFormats)
		if err != nil {
			return err
		}
		if err := c.checkLang(lang); err != nil {
			return err
		}
		f, err := lf.check(c)
		if err != nil {
			return err
		}
		if out != "-" && !force {
			if _, err := os.Stat(out); err == nil {
				return c.refuse(TF("export.exists", map[string]any{"File": out}), fs.ErrExist)
			}
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		if f, err = lf.filter(c, svc, f); err != nil {
			return err
		}
		// Written to a temporary file in the same folder and renamed once
		// complete: a failed export never leaves a half file under the name.
		var w io.Writer = c.stdout
		var pf *service.PendingFile
		if out != "-" {
			if pf, err = service.CreatePending(out); err != nil {
				return c.exportFailed(err)
			}
			defer pf.Abort() // no-op once committed
			w = pf
		}
		lastShown := time.Time{}
		n, err := svc.Documents.ExportCases(ctx, a, f, ff, lang, w, func(done, total int) {
			if time.Since(lastShown) > time.Second || done == total {
				fmt.Fprint(c.stderr, "\r"+c.tr(TF("export.progress", map[string]any{"Done": done, "Total": total})))
				lastShown = time.Now()
			}
		})
		fmt.Fprintln(c.stderr)
		if err != nil {
			return c.exportFailed(err)
		}
		if pf == nil {
			return nil
		}
		if err := pf.Commit(); err != nil {
			return c.exportFailed(err)
		}
		if fi, err := os.Stat(out); err == nil {
			fmt.Fprintln(c.stdout, c.tr(TF("export.done", map[string]any{"Count": n, "File": out, "Size": fi.Size()})))
		}
		return nil
	}
	return cmd
}

// exportFailed says why in the user's language: a full disk, a folder one
// may not write to, or the error as it is.
func (c *cli) exportFailed(err error) error {
	var fb *data.ForbiddenError
	if errors.As(err, &fb) || errors.Is(err, data.ErrInvalid) {
		return err // the usual refusals, said as everywhere else
	}
	return &refusal{text: present.For(c.lang).ExportError(err), err: err}
}
