package service

import (
	"errors"
	"fmt"
	"os"

	"github.com/zalando/go-keyring"

	"casebook/data"
)

// Passwords is where mail passwords live. They are never stored in the database.
type Passwords interface {
	Get(username string) (string, error)
	Set(username, password string) error
}

// keyringService names Casebook's entries in the OS keyring.
const keyringService = "casebook-mail"

// ErrNoPassword means neither the keyring nor CASEBOOK_MAIL_PASSWORD has one.
var ErrNoPassword = data.ErrNoPassword

// Keyring keeps passwords in the OS keyring; CASEBOOK_MAIL_PASSWORD comes
// first, for headless machines that have none.
type Keyring struct{}

// Get finds the mail password of username.
func (Keyring) Get(username string) (string, error) {
	if p := os.Getenv("CASEBOOK_MAIL_PASSWORD"); p != "" {
		return p, nil
	}
	p, err := keyring.Get(keyringService, username)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", ErrNoPassword
	}
	if err != nil {
		return "", fmt.Errorf("read the OS keyring: %w (set CASEBOOK_MAIL_PASSWORD instead)", err)
	}
	return p, nil
}

// Set stores the password in the OS keyring.
func (Keyring) Set(username, password string) error {
	if err := keyring.Set(keyringService, username, password); err != nil {
		return fmt.Errorf("store the password in the OS keyring: %w (on a machine without one, set CASEBOOK_MAIL_PASSWORD)", err)
	}
	return nil
}
