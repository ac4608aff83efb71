package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"casebook/app/service"
	"casebook/data"
)

// Environment variables of sign-in: the PIN (or password) of the person a
// changing command acts as, and the new one of casebook staff pin.
const (
	pinEnv    = "CASEBOOK_PIN"
	newPINEnv = "CASEBOOK_NEW_PIN"
)

// signIn checks a's PIN once sign-in is on (someone has one): from
// CASEBOOK_PIN, else typed on the terminal without echo; without either the
// change is refused. A wrong PIN counts towards the lock like one typed at
// the window, and every try is in the audit chain. With sign-in off it
// does nothing.
func (c *cli) signIn(ctx context.Context, svc *service.Service, a data.Actor) error {
	if !svc.Settings.SignInOn() {
		return nil
	}
	secret := os.Getenv(pinEnv)
	if secret == "" {
		if !c.terminal() {
			return &data.SignInError{Name: a.Name, Reason: data.SignInNeeded}
		}
		var err error
		if secret, err = c.readSecret(TF("PIN or password of {{.Name}}: ", map[string]any{"Name": a.Name})); err != nil {
			return err
		}
	}
	if _, err := svc.Settings.SignIn(ctx, a.Name, secret, "cli"); err != nil {
		return err
	}
	c.pin = secret
	return nil
}

// readSecret asks on the terminal, without echo.
func (c *cli) readSecret(prompt msg) (string, error) {
	fmt.Fprint(c.stderr, c.tr(prompt))
	b, err := term.ReadPassword(int(c.stdin.(*os.File).Fd()))
	fmt.Fprintln(c.stderr)
	if err != nil {
		return "", fmt.Errorf("read the PIN: %w", err)
	}
	return string(b), nil
}

// newSecret is the new PIN of casebook staff pin: CASEBOOK_NEW_PIN, else
// typed twice on the terminal.
func (c *cli) newSecret(name string) (string, error) {
	if p := os.Getenv(newPINEnv); p != "" {
		return p, nil
	}
	if !c.terminal() {
		return "", c.refuse(T("Give the new PIN in CASEBOOK_NEW_PIN (or run the command on a terminal to type it)."))
	}
	p1, err := c.readSecret(TF("New PIN or password for {{.Name}}: ", map[string]any{"Name": name}))
	if err != nil {
		return "", err
	}
	if _, err := data.KindOfSecret(p1); err != nil {
		return "", err
	}
	p2, err := c.readSecret(T("The same again: "))
	if err != nil {
		return "", err
	}
	if p1 != p2 {
		return "", &data.SignInError{Name: name, Reason: data.SignInMismatch}
	}
	return p1, nil
}

func (c *cli) staffPinCommand() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "pin NAME",
		Short: c.tr(T("set or reset a staff member's PIN or password (turns sign-in on)")),
		Long: c.tr(T(`Sets NAME's PIN (4 to 8 digits) or password (8 characters or more), read from
CASEBOOK_NEW_PIN or typed twice on the terminal. The owner sets anyone's (a reset also
clears a lock after wrong tries); anyone may change their own, with their old PIN in
CASEBOOK_PIN. Once anyone has a PIN, sign-in is on: every changing command needs the
PIN of the person it acts as (--by), in CASEBOOK_PIN or typed on the terminal.`)),
		Args:              c.exactly(1, c.tr(T("one name"))),
		ValidArgsFunction: c.completeStaff,
	}
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		name := strings.TrimSpace(args[0])
		if _, err := svc.Settings.Actor(name); err != nil {
			return err
		}
		if name != a.Name {
			if err := a.Check(data.ActionStaff); err != nil { // before asking for a PIN that would be refused
				return err
			}
		}
		secret, err := c.newSecret(name)
		if err != nil {
			return err
		}
		if err := svc.Settings.SetSecret(ctx, a, name, c.pin, secret); err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("{{.Name}}'s PIN is set; sign-in is on.", map[string]any{"Name": name})))
		return nil
	}
	return cmd
}

// signInColumn adds to casebook staff list what each person signs in with.
func (c *cli) signInColumn(svc *service.Service, staff []data.Staff, head []string, rows [][]string) ([]string, [][]string) {
	for i, m := range staff {
		how := c.tr(T("no PIN: cannot sign in"))
		switch svc.Settings.SecretKind(m.Name) {
		case data.SecretPIN:
			how = c.tr(T("PIN"))
		case data.SecretPassword:
			how = c.tr(T("password"))
		}
		rows[i] = append(rows[i], how)
	}
	return append(head, c.tr(T("Sign-in"))), rows
}
