package main

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"casebook/data"
	"casebook/data/present"
)

// caseAttachCommand attaches files to a case as evidence.
func (c *cli) caseAttachCommand() *cobra.Command {
	var note, by string
	cmd := &cobra.Command{
		Use:   "attach NUMBER FILE… [--note TEXT]",
		Short: c.tr(T("attach files to a case as evidence: photos, receipts, contracts, recordings")),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return c.usage(TF("{{.Command}} needs a case number and at least one file", map[string]any{"Command": cmd.CommandPath()}))
			}
			return nil
		},
		ValidArgsFunction: c.completeNumbers,
	}
	cmd.Flags().StringVar(&note, "note", "", c.tr(T("what the files show, for the list and the timeline")))
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		if _, err := svc.Cases.Get(ctx, args[0]); err != nil {
			return err
		}
		p := present.For(c.lang)
		failed := 0
		var firstErr error
		for _, path := range args[1:] {
			got, err := svc.Cases.AttachFile(ctx, a, args[0], path, note)
			if err != nil {
				failed++
				if firstErr == nil {
					firstErr = err
				}
				fmt.Fprintln(c.stderr, termLine(c.attachError(p, path, err)))
				continue
			}
			msg := TF("attached {{.Name}} ({{.Size}})", map[string]any{"Name": got.Evidence.Name, "Size": p.Size(got.Evidence.Size)})
			if got.Already {
				msg = TF("{{.Name}} is already attached to this case (the same content, as {{.Was}})",
					map[string]any{"Name": filepath.Base(path), "Was": got.Evidence.Name})
			}
			fmt.Fprintln(c.stdout, termLine(c.tr(msg)))
		}
		if failed > 0 {
			return c.refuse(TF("{{.Failed}} of {{.Total}} files were not attached.", map[string]any{"Failed": failed, "Total": len(args) - 1}), firstErr)
		}
		return nil
	}
	return cmd
}

// attachError says why a file was not attached, naming it once.
func (c *cli) attachError(p *present.P, path string, err error) string {
	name := filepath.Base(path)
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return c.tr(TF("{{.Name}}: there is no such file", map[string]any{"Name": name}))
	case errors.As(err, &pe):
		return c.tr(TF("{{.Name}} cannot be read: {{.Err}}", map[string]any{"Name": name, "Err": pe.Err.Error()}))
	}
	text := p.Error(err)
	if strings.Contains(text, name) {
		return text
	}
	return name + ": " + text
}

// caseEvidenceCommand lists a case's evidence, or writes one file of it out.
func (c *cli) caseEvidenceCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "evidence NUMBER [NAME|SHA256 -o FILE]",
		Short: c.tr(T("list a case's evidence files, or write one out")),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return c.usage(TF("{{.Command}} needs a case number, and a file's name to write it out", map[string]any{"Command": cmd.CommandPath()}))
			}
			return nil
		},
		ValidArgsFunction: c.completeNumbers,
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", c.tr(T("output file (- for standard output)")))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) == 2 && out == "" {
			return c.usage(T("-o FILE is required"))
		}
		ctx := cmd.Context()
		svc, err := c.openRead(ctx)
		if err != nil {
			return err
		}
		defer svc.Close()
		cs, err := svc.Cases.Get(ctx, args[0])
		if err != nil {
			return err
		}
		if len(args) == 1 {
			for i, l := range c.evidenceLines(cs) {
				fmt.Fprintln(c.stdout, termLine(l)+" · "+cs.Evidence[i].SHA256)
			}
			return nil
		}
		var match []data.Evidence
		for _, ev := range cs.Evidence {
			if ev.Name == args[1] || (len(args[1]) >= 8 && strings.HasPrefix(ev.SHA256, strings.ToLower(args[1]))) {
				match = append(match, ev)
			}
		}
		switch len(match) {
		case 0:
			return c.refuse(TF("Case {{.Number}} has no evidence file “{{.Name}}” (casebook case evidence {{.Number}} lists them).",
				map[string]any{"Number": cs.Number, "Name": args[1]}), data.ErrNotFound)
		case 1:
		default:
			return c.refuse(TF("Several files of case {{.Number}} are called “{{.Name}}”: give the first characters of the SHA-256 instead (casebook case evidence {{.Number}} lists them).",
				map[string]any{"Number": cs.Number, "Name": args[1]}))
		}
		_, b, err := svc.Cases.EvidenceBytes(ctx, cs.Number, match[0].SHA256)
		if err != nil {
			return err
		}
		return c.writeOutput(out, b)
	}
	return cmd
}
