package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"casebook/app/service"
	"casebook/data"
	"casebook/data/present"
)

// The mail templates on the command line: casebook template list|show|set|reset|preview.

func (c *cli) templateCommand() *cobra.Command {
	g := c.group("template", c.tr(T("the mail templates: list, show, set, reset, preview")),
		c.templateListCommand(), c.templateShowCommand(), c.templateSetCommand(), c.templateResetCommand(), c.templatePreviewCommand())
	g.Long = c.tr(TF(`The mail templates Casebook writes to customers: acknowledge, ask_evidence, propose, close,
followup (the return visit, asking for a rating 1–5 by reply) and reply. Each language has the
standard wording until the owner sets the agency's own; reset brings the standard one back.
Placeholders: {{.Placeholders}}`, map[string]any{"Placeholders": data.TemplatePlaceholderList}))
	return g
}

func (c *cli) langFlag(cmd *cobra.Command, lang *string) {
	cmd.Flags().StringVar(lang, "lang", "", c.tr(T("the template's language: zh-Hans, zh-Hant or en (default: the agency's, else en)")))
	enum(cmd, "lang", data.Languages)
}

// templateLang is --lang, else the agency's language, else en.
func templateLang(lang string, st data.Settings) string {
	if lang != "" {
		return lang
	}
	if st.Language != "" {
		return st.Language
	}
	return "en"
}

func (c *cli) completeTemplate(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return service.TemplateNames(), cobra.ShellCompDirectiveNoFileComp
}

func (c *cli) templateListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: c.tr(T("list the mail templates and which are the agency's own")),
		Args:  c.noArgs,
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print JSON: [{name, language, subject, body, custom}]")))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		svc, err := c.openRead(cmd.Context())
		if err != nil {
			return err
		}
		defer svc.Close()
		list := svc.Templates.List()
		if asJSON {
			return writeJSON(c.stdout, list)
		}
		p := present.For(c.lang)
		rows := make([][]string, len(list))
		for i, t := range list {
			own := c.tr(T("standard"))
			if t.Custom {
				own = c.tr(TF("own, by {{.By}}", map[string]any{"By": orDashCLI(t.By)}))
			}
			rows[i] = []string{t.Name, p.TemplateName(t.Name), t.Language, own}
		}
		writeTable(c.stdout, []string{c.tr(T("Template")), c.tr(T("Name")), c.tr(T("Language")), c.tr(T("Wording"))}, rows)
		return nil
	}
	return cmd
}

func (c *cli) templateShowCommand() *cobra.Command {
	var lang string
	cmd := &cobra.Command{
		Use:               "show NAME [--lang L]",
		Short:             c.tr(T("print a template's subject and text as they are in force")),
		Args:              c.exactly(1, c.tr(T("one template name"))),
		ValidArgsFunction: c.completeTemplate,
	}
	c.langFlag(cmd, &lang)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		svc, err := c.openRead(cmd.Context())
		if err != nil {
			return err
		}
		defer svc.Close()
		t, err := svc.Templates.Get(args[0], templateLang(lang, svc.Settings.Get()))
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, t.Subject)
		fmt.Fprintln(c.stdout)
		fmt.Fprint(c.stdout, t.Body)
		return nil
	}
	return cmd
}

func (c *cli) templateSetCommand() *cobra.Command {
	var lang, subject, body, bodyFile, by string
	cmd := &cobra.Command{
		Use:               "set NAME --lang L [--subject S] [--body TEXT|--body-file F]",
		Short:             c.tr(T("set the agency's own wording of a template (owner)")),
		Long:              c.tr(T("Checks the template first: it must parse, use only the known placeholders, and keep the case number in the subject and the text. What is not given stays as it is in force.")),
		Args:              c.exactly(1, c.tr(T("one template name"))),
		ValidArgsFunction: c.completeTemplate,
	}
	c.langFlag(cmd, &lang)
	cmd.Flags().StringVar(&subject, "subject", "", c.tr(T("the subject line")))
	cmd.Flags().StringVar(&body, "body", "", c.tr(T("the text")))
	cmd.Flags().StringVar(&bodyFile, "body-file", "", c.tr(T("read the text from this UTF-8 file (- for standard input)")))
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		text, bodySet, err := c.kbText(kbFields{body: body, bodyFile: bodyFile})
		if err != nil {
			return err
		}
		if subject == "" && !bodySet {
			return c.usage(T("give --subject, --body or --body-file"))
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		l := templateLang(lang, svc.Settings.Get())
		t, err := svc.Templates.Get(args[0], l)
		if err != nil {
			return err
		}
		if subject != "" {
			t.Subject = subject
		}
		if bodySet {
			t.Body = text
		}
		if err := svc.Templates.Set(ctx, a, t.MailTemplate); err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("Template {{.Name}} ({{.Lang}}) saved.", map[string]any{"Name": args[0], "Lang": l})))
		return nil
	}
	return cmd
}

func (c *cli) templateResetCommand() *cobra.Command {
	var lang, by string
	cmd := &cobra.Command{
		Use:               "reset NAME --lang L",
		Short:             c.tr(T("go back to the standard wording of a template (owner)")),
		Args:              c.exactly(1, c.tr(T("one template name"))),
		ValidArgsFunction: c.completeTemplate,
	}
	c.langFlag(cmd, &lang)
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		l := templateLang(lang, svc.Settings.Get())
		if err := svc.Templates.Reset(ctx, a, args[0], l); err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("Template {{.Name}} ({{.Lang}}) is the standard one again.", map[string]any{"Name": args[0], "Lang": l})))
		return nil
	}
	return cmd
}

func (c *cli) templatePreviewCommand() *cobra.Command {
	var lang, text, file string
	cmd := &cobra.Command{
		Use:               "preview NAME [CASE-NUMBER] [--lang L] [--text T] [--file F]",
		Short:             c.tr(T("print a template filled from a case (or sample data)")),
		Long:              c.tr(T("Fills the template in force (or the one in --file, before setting it) from the case, as its mail would go out, or from sample data without a case. The first line of --file is the subject, the rest the text.")),
		Args:              cobra.RangeArgs(1, 2),
		ValidArgsFunction: c.completeTemplate,
	}
	c.langFlag(cmd, &lang)
	cmd.Flags().StringVar(&text, "text", "", c.tr(T("the clerk's words, as typed in the reply box")))
	cmd.Flags().StringVar(&file, "file", "", c.tr(T("a template to try: subject on the first line, then the text")))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		svc, err := c.openRead(ctx)
		if err != nil {
			return err
		}
		defer svc.Close()
		number := ""
		l := lang
		if len(args) == 2 {
			number = args[1]
			cs, err := svc.Cases.Get(ctx, number)
			if err != nil {
				return err
			}
			if l == "" {
				l = cs.Language
			}
		}
		l = templateLang(l, svc.Settings.Get())
		t, err := svc.Templates.Get(args[0], l)
		if err != nil {
			return err
		}
		if file != "" {
			b, err := os.ReadFile(file)
			if err != nil {
				return c.refuse(TF("Cannot read {{.File}}: {{.Err}}", map[string]any{"File": file, "Err": err}), err)
			}
			t.Subject, t.Body = splitSubject(string(b))
		}
		subject, body, err := svc.Templates.Preview(ctx, t.MailTemplate, number, text)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, subject)
		fmt.Fprintln(c.stdout)
		fmt.Fprint(c.stdout, body)
		return nil
	}
	return cmd
}

// splitSubject takes the first line as the subject and the rest, after
// blank lines, as the text.
func splitSubject(s string) (subject, body string) {
	for i, r := range s {
		if r == '\n' {
			rest := s[i+1:]
			for len(rest) > 0 && (rest[0] == '\n' || rest[0] == '\r') {
				rest = rest[1:]
			}
			return s[:i], rest
		}
	}
	return s, ""
}
