package main

import (
	"os"
	"path/filepath"
	"runtime"
)

// defaultDBPath is the database in the user's data directory:
// $XDG_DATA_HOME/casebook (~/.local/share/casebook) on Linux, the config dir elsewhere.
func defaultDBPath() (string, error) {
	if p := os.Getenv("CASEBOOK_DB"); p != "" {
		return p, nil
	}
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" {
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "casebook", "casebook.db"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, ".local", "share", "casebook", "casebook.db"), nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "Casebook", "casebook.db"), nil
}
