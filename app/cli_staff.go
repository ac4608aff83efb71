package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"casebook/data"
	"casebook/data/present"
)

func (c *cli) staffCommand() *cobra.Command {
	g := c.group("staff", c.tr(T("the people who use Casebook and their roles: add, list, set, remove")),
		c.staffAddCommand(), c.staffListCommand(), c.staffSetCommand(), c.staffRemoveCommand(), c.staffPinCommand())
	g.Long = c.tr(T(`The people who use Casebook and their roles. Staff record, note, reply, investigate, propose
and fetch mail; a supervisor also declines, assigns, escalates, closes and reopens; the owner
also changes the settings and the staff list. The first person to change a new database
becomes its owner.`))
	return g
}

// completeStaff completes a staff member's name.
func (c *cli) completeStaff(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	svc, err := c.openRead(cmd.Context())
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer svc.Close()
	var out []cobra.Completion
	for _, m := range svc.Settings.Staff() {
		out = append(out, m.Name+"\t"+string(m.Role))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func (c *cli) staffAddCommand() *cobra.Command {
	var role, by string
	cmd := &cobra.Command{
		Use:   "add NAME --role staff|supervisor|owner",
		Short: c.tr(T("put a person on the staff list")),
		Args:  c.exactly(1, c.tr(T("one name"))),
	}
	cmd.Flags().StringVar(&role, "role", "staff", c.tr(T("staff, supervisor or owner")))
	byFlag(cmd, &by)
	enum(cmd, "role", data.Roles)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		r, err := oneOf(c, "role", role, data.Roles)
		if err != nil {
			return err
		}
		ctx := cmd.Context()
		svc, err := c.open(ctx, true)
		if err != nil {
			return err
		}
		defer svc.Close()
		a, first, err := c.actorOrFirst(ctx, svc, by)
		if err != nil {
			return err
		}
		if first && a.Name == strings.TrimSpace(args[0]) {
			r = a.Role // the first on a new database: just made the owner
		} else if err := svc.Settings.AddStaff(ctx, a, args[0], r); err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("{{.Name}} added as {{.Role}}", map[string]any{"Name": args[0], "Role": c.tr(T("role." + string(r)))})))
		return nil
	}
	return cmd
}

func (c *cli) staffListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: c.tr(T("list the staff and their roles")),
		Args:  c.noArgs,
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print JSON: [{name, role}]")))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		svc, err := c.openRead(cmd.Context())
		if err != nil {
			return err
		}
		defer svc.Close()
		staff := svc.Settings.Staff()
		if asJSON {
			if staff == nil {
				staff = []data.Staff{}
			}
			return writeJSON(c.stdout, staff)
		}
		p := present.For(c.lang)
		rows := make([][]string, len(staff))
		for i, m := range staff {
			rows[i] = []string{m.Name, p.Role(m.Role)}
		}
		head := []string{c.tr(T("Name")), c.tr(T("Role"))}
		if svc.Settings.SignInOn() { // who can sign in (cli_signin.go)
			head, rows = c.signInColumn(svc, staff, head, rows)
		}
		writeTable(c.stdout, head, rows)
		if len(staff) == 0 {
			c.say(T("Nobody is on the staff list yet: the first person to change the database becomes its owner."))
		}
		return nil
	}
	return cmd
}

func (c *cli) staffSetCommand() *cobra.Command {
	var role, name, by string
	cmd := &cobra.Command{
		Use:               "set NAME [--role staff|supervisor|owner] [--name NEW]",
		Short:             c.tr(T("change a staff member's role or name")),
		Args:              c.exactly(1, c.tr(T("one name"))),
		ValidArgsFunction: c.completeStaff,
	}
	cmd.Flags().StringVar(&role, "role", "", c.tr(T("the new role: staff, supervisor or owner")))
	cmd.Flags().StringVar(&name, "name", "", c.tr(T("the new name (cases keep the name they were recorded with)")))
	byFlag(cmd, &by)
	enum(cmd, "role", data.Roles)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		var r data.Role
		if role != "" {
			var err error
			if r, err = oneOf(c, "role", role, data.Roles); err != nil {
				return err
			}
		}
		if r == "" && name == "" {
			return c.usage(T("give --role, --name or both"))
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		if err := svc.Settings.SetStaff(ctx, a, args[0], r, name); err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("{{.Name}} changed", map[string]any{"Name": args[0]})))
		return nil
	}
	return cmd
}

func (c *cli) staffRemoveCommand() *cobra.Command {
	var by, reassign string
	cmd := &cobra.Command{
		Use:               "remove NAME [--reassign-to NAME|none]",
		Short:             c.tr(T("take a person off the staff list; --reassign-to says who takes over their unfinished cases (none: nobody)")),
		Args:              c.exactly(1, c.tr(T("one name"))),
		ValidArgsFunction: c.completeStaff,
	}
	byFlag(cmd, &by)
	cmd.Flags().StringVar(&reassign, "reassign-to", "", c.tr(T("who takes over the person's unfinished cases: a staff member, or none to leave them unassigned (needed when there are any)")))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		var takeOver *string
		if cmd.Flags().Changed("reassign-to") {
			to := strings.TrimSpace(reassign)
			if strings.EqualFold(to, "none") {
				to = ""
			}
			takeOver = &to
		}
		owned := svc.Settings.OpenCasesOf(args[0])
		if err := svc.Settings.RemoveStaff(ctx, a, args[0], takeOver); err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("{{.Name}} removed from the staff list", map[string]any{"Name": args[0]})))
		if len(owned) > 0 {
			msg := TF("{{.Count}} unfinished cases now belong to {{.To}}: {{.Cases}}", map[string]any{"Count": len(owned), "To": *takeOver, "Cases": strings.Join(owned, ", ")})
			if *takeOver == "" {
				msg = TF("{{.Count}} unfinished cases are now unassigned: {{.Cases}}", map[string]any{"Count": len(owned), "Cases": strings.Join(owned, ", ")})
			}
			fmt.Fprintln(c.stdout, c.tr(msg))
		}
		return nil
	}
	return cmd
}
