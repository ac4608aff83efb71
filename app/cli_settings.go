package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"casebook/app/service"
)

func (c *cli) settingsCommand() *cobra.Command {
	g := c.group("settings", c.tr(T("the agency's settings: show, set, keys")),
		c.settingsShowCommand(), c.settingsSetCommand(), c.settingsKeysCommand(), c.settingsTravellersCommand())
	g.Long = c.tr(T(`The agency's settings: counter code, language, currency, calendar, deadlines and categories.
The staff list has its own command (casebook staff), the mail account too (casebook account),
and the letterhead (casebook agency).`)) + "\n\n" + c.tr(T("Keys:")) + "\n" + c.keysText()
	return g
}

func (c *cli) settingsShowCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show [--json]",
		Short: c.tr(T("show every setting (KEY = VALUE; --json: the whole settings)")),
		Args:  c.noArgs,
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print the settings as JSON")))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		svc, err := c.openRead(cmd.Context())
		if err != nil {
			return err
		}
		defer svc.Close()
		if asJSON {
			return writeJSON(c.stdout, svc.Settings.Get())
		}
		tw := tabwriter.NewWriter(c.stdout, 0, 0, 1, ' ', 0)
		for _, kv := range svc.Settings.Values() {
			fmt.Fprintf(tw, "%s\t= %s\n", kv[0], termLine(kv[1]))
		}
		return tw.Flush()
	}
	return cmd
}

func (c *cli) settingsSetCommand() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "set KEY VALUE",
		Short: c.tr(T("change one setting (casebook settings keys lists them)")),
		Long:  c.tr(T("Change one setting. Keys:")) + "\n" + c.keysText(),
		Args:  c.exactly(2, c.tr(T("a key and a value"))),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var out []cobra.Completion
			for _, k := range service.Keys() {
				out = append(out, k[0]+"\t"+k[1])
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
	}
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, true)
		if err != nil {
			return err
		}
		defer svc.Close()
		if _, err := svc.Settings.Set(ctx, a, args[0], args[1]); err != nil {
			return err
		}
		for _, kv := range svc.Settings.Values() {
			if kv[0] == args[0] {
				fmt.Fprintf(c.stdout, "%s = %s\n", kv[0], termLine(kv[1]))
			}
		}
		return nil
	}
	return cmd
}

func (c *cli) settingsKeysCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "keys",
		Short: c.tr(T("list the settings' keys, with what each means")),
		Args:  c.noArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprint(c.stdout, c.keysText())
			return err
		},
	}
}
