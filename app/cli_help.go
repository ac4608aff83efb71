package main

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"casebook/app/service"
	"casebook/data/present"
)

// The help speaks the user's language too: every command's summary and
// description and every option's text go through the catalogue where the
// command is built (c.tr(T("…"))), and cobra's own words — the headings of
// its usage template, the help command, the -h option, the completion
// command — are replaced here. What one types (command names, the Use
// lines, option names and values) stays as it is.

func init() {
	// Registered once, before any command runs: cobra keeps template
	// functions in a package-level map.
	cobra.AddTemplateFunc("casebookFlags", flagUsages)
}

// flagUsages is pflag's list of options, with its " (default …)" in the
// help's language (dflt is that text, e.g. " (默认 ").
func flagUsages(fs *pflag.FlagSet, dflt string) string {
	s := fs.FlagUsages()
	if dflt == " (default " {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if j := strings.LastIndex(l, " (default "); j >= 0 {
			lines[i] = l[:j] + dflt + l[j+len(" (default "):]
		}
	}
	return strings.Join(lines, "\n")
}

// usageTemplate is cobra's default usage template (cobra v1.10) with its
// words in the command line's language; the structure is cobra's.
func (c *cli) usageTemplate() string {
	w := func(m msg) string { return c.tr(m) } // a translated text, placed in the template as text
	more := c.tr(TF(`Use "{{.Command}} [command] --help" for more information about a command.`,
		map[string]any{"Command": "{{.CommandPath}}"}))
	dflt := strconv.Quote(" " + c.tr(T("(default")) + " ")
	return w(T("Usage:")) + `{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [command]{{end}}{{if gt (len .Aliases) 0}}

` + w(T("Aliases:")) + `
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

` + w(T("Examples:")) + `
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}{{$cmds := .Commands}}{{if eq (len .Groups) 0}}

` + w(T("Available Commands:")) + `{{range $cmds}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{else}}{{range $group := .Groups}}

{{.Title}}{{range $cmds}}{{if (and (eq .GroupID $group.ID) (or .IsAvailableCommand (eq .Name "help")))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if not .AllChildCommandsHaveGroup}}

` + w(T("Additional Commands:")) + `{{range $cmds}}{{if (and (eq .GroupID "") (or .IsAvailableCommand (eq .Name "help")))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

` + w(T("Flags:")) + `
{{casebookFlags .LocalFlags ` + dflt + ` | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

` + w(T("Global Flags:")) + `
{{casebookFlags .InheritedFlags ` + dflt + ` | trimTrailingWhitespaces}}{{end}}{{if .HasHelpSubCommands}}

` + w(T("Additional help topics:")) + `{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}
  {{rpad .CommandPath .CommandPathPadding}} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

` + more + `{{end}}
`
}

// helpTemplate is cobra's default help template: the description, then the
// usage. It has no words of its own; it is set so that the two templates
// are the command line's, not cobra's defaults.
const helpTemplate = `{{with (or .Long .Short)}}{{. | trimTrailingWhitespaces}}

{{end}}{{if or .Runnable .HasSubCommands}}{{.UsageString}}{{end}}`

// localizeHelp puts cobra's own words into the command line's language:
// the templates, the help command, the -h option of every command, the
// completion command and its shells, and the --by option that byFlag adds.
// It runs once the tree is complete (the completion command included).
func (c *cli) localizeHelp(root *cobra.Command) {
	root.SetUsageTemplate(c.usageTemplate())
	root.SetHelpTemplate(helpTemplate)
	root.InitDefaultHelpCmd() // cobra would add it when the command runs; here, to translate it
	if help, _, err := root.Find([]string{"help"}); err == nil && help != root {
		help.Short = c.tr(T("help about any command"))
		help.Long = c.tr(T("Help for any command: casebook help COMMAND [SUBCOMMAND] (the same as casebook COMMAND [SUBCOMMAND] --help)."))
	}
	if comp, _, err := root.Find([]string{"completion"}); err == nil && comp != root {
		comp.Short = c.tr(T("print the shell completion script (bash, zsh, fish, powershell)"))
		comp.Long = c.tr(T(`Prints the script that lets the shell complete casebook's commands, options and case numbers.
See each shell's help (casebook completion bash --help) for how to load it.`)) + "\n\n" +
			c.tr(T(`To load completions in the current bash: source <(casebook completion bash)
For every new shell: casebook completion bash > ~/.local/share/bash-completion/completions/casebook`))
		for _, sh := range comp.Commands() {
			sh.Short = c.tr(TF("print the completion script for {{.Shell}}", map[string]any{"Shell": sh.Name()}))
			if f := sh.Flags().Lookup("no-descriptions"); f != nil {
				f.Usage = c.tr(T("complete without the descriptions"))
			}
		}
	}
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		if cmd.Flags().Lookup("help") == nil {
			cmd.Flags().BoolP("help", "h", false, c.tr(TF("help for {{.Command}}", map[string]any{"Command": cmd.CommandPath()})))
			_ = cmd.Flags().SetAnnotation("help", cobra.FlagSetByCobraAnnotation, []string{"true"})
		}
		if f := cmd.Flags().Lookup("by"); f != nil {
			f.Usage = c.tr(T("who does it: a staff member (default: the one named like your login)"))
		}
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// keysText lists the settable keys with what each means, in the command
// line's language (the catalogue's "setting.KEY"; a key the catalogue
// lacks is explained in English, as the application layer words it).
func (c *cli) keysText() string {
	p := present.For(c.lang)
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, k := range service.Keys() {
		help := k[1]
		if p.Lang() != "en" && p.Has("setting."+k[0]) {
			help = p.T("setting." + k[0])
		}
		fmt.Fprintf(tw, "  %s\t%s\n", k[0], help)
	}
	tw.Flush()
	return b.String()
}
