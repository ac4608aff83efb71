package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/zalando/go-keyring"
)

// keyringService names Casebook's entries in the OS keyring.
const keyringService = "casebook-mail"

// errNoPassword means neither the keyring nor CASEBOOK_MAIL_PASSWORD has one.
var errNoPassword = errors.New("no mail password: store it with `casebook account password`, or set CASEBOOK_MAIL_PASSWORD")

// mailPassword finds the mail password: CASEBOOK_MAIL_PASSWORD first (headless
// machines have no keyring), then the OS keyring. It is never stored elsewhere.
func mailPassword(username string) (string, error) {
	if p := os.Getenv("CASEBOOK_MAIL_PASSWORD"); p != "" {
		return p, nil
	}
	p, err := keyring.Get(keyringService, username)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", errNoPassword
	}
	if err != nil {
		return "", fmt.Errorf("read the OS keyring: %w (set CASEBOOK_MAIL_PASSWORD instead)", err)
	}
	return p, nil
}

// saveMailPassword stores the password in the OS keyring.
func saveMailPassword(username, password string) error {
	if err := keyring.Set(keyringService, username, password); err != nil {
		return fmt.Errorf("store the password in the OS keyring: %w (on a machine without one, set CASEBOOK_MAIL_PASSWORD)", err)
	}
	return nil
}
