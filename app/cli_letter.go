package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"casebook/data"
	"casebook/pdf"
)

// letter issues a letter (recorded on the case) or, with --reprint, writes
// the last issued one again exactly as it was.
func (c *cli) letter(ctx context.Context, args []string) error {
	fs := c.newFlags("letter", "letter NUMBER --type ack|decline|solution|closure [--lang zh-Hans|zh-Hant|en] [-o FILE] [--reprint]")
	typ := fs.String("type", "", "ack, decline, solution or closure")
	lang := fs.String("lang", "", "zh-Hans, zh-Hant or en (default: the case's language)")
	out := fs.String("o", "", "output file (default: the letter's name in the current folder; - for standard output)")
	reprint := fs.Bool("reprint", false, "write the last issued letter of this type again, unchanged, instead of issuing a new one")
	by := fs.String("by", "", "who issues it (default: your login name)")
	number, err := oneNumber(fs, args)
	if err != nil {
		return err
	}
	t, err := oneOf("type", *typ, data.LetterTypes)
	if err != nil {
		return err
	}
	if err := checkLanguage(*lang); err != nil {
		return fmt.Errorf("--lang %q: use zh-Hans, zh-Hant or en: %w", *lang, errUsage)
	}
	path := *out
	if path != "-" && path != "" {
		// Find out now, not after the letter is recorded, that the file cannot be written.
		if err := checkWritable(filepath.Dir(path)); err != nil {
			return err
		}
	}
	s, err := c.openExisting(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	var l data.Letter
	var doc []byte
	if *reprint {
		l, doc, err = issuedLetter(ctx, s, number, t, *lang)
	} else {
		_, l, doc, err = issueLetter(ctx, s, number, t, *lang, c.by(*by), c.loc)
	}
	if err != nil {
		return explainDocumentError(err)
	}
	if path == "" { // the letter's own name, never over another file in the current folder
		if path, _, err = freePath(l.Name, doc); err != nil {
			return err
		}
	}
	if err := c.writeOutput(path, doc); err != nil {
		if !*reprint {
			return fmt.Errorf("the letter was issued and recorded on %s, but %w; write it again with --reprint", number, err)
		}
		return err
	}
	if path != "-" {
		fmt.Fprintf(c.stdout, "%s %s %s %s (%d bytes)\n", number, l.Type, l.Language, path, len(doc))
	}
	return nil
}

// archive prints one case's dossier, or every case closed in a period.
func (c *cli) archive(ctx context.Context, args []string) error {
	fs := c.newFlags("archive", "archive (--case NUMBER | --closed-from YYYY-MM-DD --closed-to YYYY-MM-DD) -o FILE [--lang zh-Hans|zh-Hant|en]")
	number := fs.String("case", "", "the case to archive")
	fromS := fs.String("closed-from", "", "first day of the period (YYYY-MM-DD)")
	toS := fs.String("closed-to", "", "last day of the period (YYYY-MM-DD), included")
	out := fs.String("o", "", "output file (- for standard output)")
	lang := fs.String("lang", "", "zh-Hans, zh-Hant or en (default: the interface language in Settings)")
	by := fs.String("by", "", "who prints it (default: your login name)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return fmt.Errorf("archive: unexpected %q: %w", pos[0], errUsage)
	}
	if *out == "" {
		return fmt.Errorf("archive: -o FILE is required: %w", errUsage)
	}
	if err := checkLanguage(*lang); err != nil {
		return fmt.Errorf("--lang %q: use zh-Hans, zh-Hant or en: %w", *lang, errUsage)
	}
	bulk := *fromS != "" || *toS != ""
	if (*number == "") == !bulk {
		return fmt.Errorf("archive: give either --case or --closed-from and --closed-to: %w", errUsage)
	}
	var from, to time.Time
	if bulk {
		var err error
		if from, err = c.parseDay("closed-from", *fromS); err != nil {
			return err
		}
		if to, err = c.parseDay("closed-to", *toS); err != nil {
			return err
		}
		if to.Before(from) {
			return fmt.Errorf("archive: --closed-to is before --closed-from: %w", errUsage)
		}
	}
	s, err := c.openExisting(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	who := c.by(*by)
	if !bulk {
		doc, err := caseArchive(ctx, s, *number, *lang, who, c.loc)
		if err != nil {
			return explainDocumentError(err)
		}
		return c.writeOutput(*out, doc)
	}
	// Straight to the file (or standard output): a year's archive can be large.
	var w io.Writer = c.stdout
	var f *pendingFile
	if *out != "-" {
		if f, err = createPending(*out); err != nil {
			return err
		}
		defer f.abort() // no-op once committed
		w = f
	}
	lastShown := time.Time{}
	n, err := closedArchive(ctx, s, w, from, to, *lang, who, c.loc, func(done, total int) {
		if time.Since(lastShown) > time.Second || done == total {
			fmt.Fprintf(c.stderr, "\rarchived %d of %d cases", done, total)
			lastShown = time.Now()
		}
	})
	if err != nil {
		return explainDocumentError(err)
	}
	if n == 0 {
		return fmt.Errorf("no case was closed between %s and %s", *fromS, *toS)
	}
	fmt.Fprintln(c.stderr)
	if f == nil {
		return nil
	}
	if err := f.commit(); err != nil {
		return err
	}
	if fi, err := os.Stat(*out); err == nil {
		fmt.Fprintf(c.stdout, "%d cases → %s (%d bytes)\n", n, *out, fi.Size())
	}
	return nil
}

// explainDocumentError adds what to do to the errors a user can fix.
func explainDocumentError(err error) error {
	var nr *data.NotReadyError
	switch {
	case errors.As(err, &nr):
		return fmt.Errorf("refused: %s", nr.Reason)
	case errors.Is(err, pdf.ErrNoAgency):
		return errors.New("the agency's name is not set: run casebook agency set --name NAME (and the other details) first")
	}
	return err
}

// writeOutput writes a document to a file (through a temporary file) or to standard output.
func (c *cli) writeOutput(path string, b []byte) error {
	if path == "-" {
		_, err := io.Copy(c.stdout, bytes.NewReader(b))
		return err
	}
	if err := writeFileAtomic(path, b); err != nil {
		return err
	}
	return nil
}

// checkWritable tells whether a file can be created in dir.
func checkWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".casebook-check-*")
	if err != nil {
		return fmt.Errorf("cannot write to %s: %w", dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

func (c *cli) parseDay(flagName, v string) (time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, v, c.loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("--%s %q: write the date as YYYY-MM-DD: %w", flagName, v, errUsage)
	}
	return d, nil
}
