package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"casebook/app/service"
	"casebook/data"
)

// letterCommand issues a letter (recorded on the case) or, with --reprint,
// writes the last issued one again exactly as it was.
func (c *cli) letterCommand() *cobra.Command {
	var (
		typ, lang, out, by string
		reprint            bool
	)
	cmd := &cobra.Command{
		Use:               "letter NUMBER --type ack|decline|solution|closure|bureau [--lang zh-Hans|zh-Hant|en] [-o FILE] [--reprint]",
		Short:             c.tr(T("print a letter: acknowledgement, decline, solution confirmation, closure")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	fl := cmd.Flags()
	fl.StringVar(&typ, "type", "", c.tr(T("ack, decline, solution or closure")))
	fl.StringVar(&lang, "lang", "", c.tr(T("zh-Hans, zh-Hant or en (default: the case's language)")))
	fl.StringVarP(&out, "output", "o", "", c.tr(T("output file (default: the letter's name in the current folder; - for standard output)")))
	fl.BoolVar(&reprint, "reprint", false, c.tr(T("write the last issued letter of this type again, unchanged, instead of issuing a new one")))
	byFlag(cmd, &by)
	enum(cmd, "type", data.LetterTypes)
	enum(cmd, "lang", data.Languages)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		number := args[0]
		t, err := oneOf(c, "type", typ, data.LetterTypes)
		if err != nil {
			return err
		}
		if err := c.checkLang(lang); err != nil {
			return err
		}
		path := out
		if path != "-" && path != "" {
			// Find out now, not after the letter is recorded, that the file cannot be written.
			if err := service.CheckWritable(filepath.Dir(path)); err != nil {
				return err
			}
		}
		ctx := cmd.Context()
		svc, err := c.open(ctx, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		var (
			l   data.Letter
			doc []byte
		)
		a, err := c.actor(ctx, svc, by)
		if err != nil {
			return err
		}
		if reprint {
			if l, doc, err = svc.Documents.IssuedLetter(ctx, a, number, t, lang); err != nil {
				return err
			}
		} else {
			is, err := svc.Documents.IssueLetter(ctx, a, number, t, lang)
			if err != nil {
				return err
			}
			l, doc = is.Letter, is.PDF
			if is.Acknowledged {
				c.say(TF("{{.Number}} is now acknowledged: issuing its acknowledgement is the first response.", map[string]any{"Number": is.Case.Number}))
			}
		}
		if path == "" { // the letter's own name, never over another file in the current folder
			if path, _, err = service.FreePath(l.Name, doc); err != nil {
				return err
			}
		}
		if err := c.writeOutput(path, doc); err != nil {
			if !reprint {
				return c.refuse(TF("The letter was issued and recorded on {{.Number}}, but {{.Err}}; write it again with --reprint.",
					map[string]any{"Number": number, "Err": err}), err)
			}
			return err
		}
		if path != "-" {
			fmt.Fprintf(c.stdout, "%s %s %s %s (%d bytes)\n", number, l.Type, l.Language, path, len(doc))
		}
		return nil
	}
	return cmd
}

// archiveCommand prints one case's dossier, or every case closed in a period.
func (c *cli) archiveCommand() *cobra.Command {
	var number, fromS, toS, out, lang, by string
	cmd := &cobra.Command{
		Use:   "archive (--case NUMBER | --closed-from YYYY-MM-DD --closed-to YYYY-MM-DD) -o FILE [--lang zh-Hans|zh-Hant|en]",
		Short: c.tr(T("print a case's dossier, or every case closed in a period")),
		Args:  c.noArgs,
	}
	fl := cmd.Flags()
	fl.StringVar(&number, "case", "", c.tr(T("the case to archive")))
	fl.StringVar(&fromS, "closed-from", "", c.tr(T("first day of the period (YYYY-MM-DD)")))
	fl.StringVar(&toS, "closed-to", "", c.tr(T("last day of the period (YYYY-MM-DD), included")))
	fl.StringVarP(&out, "output", "o", "", c.tr(T("output file (- for standard output)")))
	fl.StringVar(&lang, "lang", "", c.tr(T("zh-Hans, zh-Hant or en (default: the interface language in Settings)")))
	byFlag(cmd, &by)
	enum(cmd, "lang", data.Languages)
	_ = cmd.RegisterFlagCompletionFunc("case", c.completeNumbers)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if out == "" {
			return c.usage(T("-o FILE is required"))
		}
		if err := c.checkLang(lang); err != nil {
			return err
		}
		bulk := fromS != "" || toS != ""
		if (number == "") == !bulk {
			return c.usage(T("give either --case or --closed-from and --closed-to"))
		}
		var from, to time.Time
		if bulk {
			var err error
			if from, err = c.parseDay("closed-from", fromS); err != nil {
				return err
			}
			if to, err = c.parseDay("closed-to", toS); err != nil {
				return err
			}
			if to.Before(from) {
				return c.usage(T("--closed-to is before --closed-from"))
			}
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		from, to = c.sameDay(from), c.sameDay(to) // in the agency's zone, known now
		if !bulk {
			doc, err := svc.Documents.CaseArchive(ctx, a, number, lang)
			if err != nil {
				return err
			}
			return c.writeOutput(out, doc)
		}
		// Straight to the file (or standard output): a year's archive can be large.
		var w io.Writer = c.stdout
		var f *service.PendingFile
		if out != "-" {
			if f, err = service.CreatePending(out); err != nil {
				return err
			}
			defer f.Abort() // no-op once committed
			w = f
		}
		lastShown := time.Time{}
		n, err := svc.Documents.ClosedArchive(ctx, a, w, from, to, lang, func(done, total int) {
			if time.Since(lastShown) > time.Second || done == total {
				fmt.Fprint(c.stderr, "\r"+c.tr(TF("archived {{.Done}} of {{.Total}} cases", map[string]any{"Done": done, "Total": total})))
				lastShown = time.Now()
			}
		})
		if err != nil {
			return err
		}
		if n == 0 {
			return c.refuse(TF("no case was closed between {{.From}} and {{.To}}", map[string]any{"From": fromS, "To": toS}))
		}
		fmt.Fprintln(c.stderr)
		if f == nil {
			return nil
		}
		if err := f.Commit(); err != nil {
			return err
		}
		if fi, err := os.Stat(out); err == nil {
			fmt.Fprintf(c.stdout, "%d cases → %s (%d bytes)\n", n, out, fi.Size())
		}
		return nil
	}
	return cmd
}

// checkLang checks a --lang value: "" (the default) or a document language.
func (c *cli) checkLang(lang string) error {
	if lang != "" && !slices.Contains(data.Languages, lang) {
		return c.usage(TF("--lang “{{.Value}}”: use zh-Hans, zh-Hant or en", map[string]any{"Value": lang}))
	}
	return nil
}

// sameDay is the same calendar date at midnight in the zone of printed times.
func (c *cli) sameDay(t time.Time) time.Time {
	if t.IsZero() || c.loc == nil {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, c.loc)
}

// writeOutput writes a document to a file (through a temporary file) or to standard output.
func (c *cli) writeOutput(path string, b []byte) error {
	if path == "-" {
		_, err := io.Copy(c.stdout, bytes.NewReader(b))
		return err
	}
	return service.WriteFileAtomic(path, b)
}

// parseDay reads a YYYY-MM-DD date: in the zone of printed times when it is
// known, else as a UTC date for sameDay to move once the database is open.
func (c *cli) parseDay(flagName, v string) (time.Time, error) {
	loc := c.loc
	if loc == nil {
		loc = time.UTC
	}
	d, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, c.usage(TF("--{{.Flag}} “{{.Value}}”: write the date as YYYY-MM-DD", map[string]any{"Flag": flagName, "Value": v}))
	}
	return d, nil
}
