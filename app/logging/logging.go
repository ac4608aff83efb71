// Package logging sends log/slog records to a size-rotated file in the user's
// state directory, never to the terminal: the command line's output stays clean.
//
// What is logged is for the person who supports the agency: start and stop,
// migrations, mail sync counts and errors, sending outcomes by message id,
// printed documents, crashes. Customer data (names, phones, e-mail addresses,
// subjects, bodies) and passwords are never logged by Casebook's code, and
// e-mail addresses inside error texts from servers are masked on the way out.
package logging

import (
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"gopkg.in/natefinch/lumberjack.v2"
)

// FileName is the current log file in Dir; rotated files sit beside it
// (casebook-2026-01-02T15-04-05.000.log.gz).
const FileName = "casebook.log"

// Rotation: a file grows to MaxSizeMB, then it is compressed and a new one
// begins; MaxBackups old files are kept.
const (
	MaxSizeMB  = 5
	MaxBackups = 5
)

// ErrLevel is a log level other than debug, info, warn or error.
var ErrLevel = errors.New("log level must be one of debug, info, warn, error")

// level is shared by every handler Setup makes, so --log-level can change it
// after the file is open.
var level slog.LevelVar

// Dir is where the log files go: $CASEBOOK_LOG_DIR, else
// $XDG_STATE_HOME/casebook (~/.local/state/casebook) on Linux and the BSDs,
// ~/Library/Logs/Casebook on macOS, the user cache directory (…\AppData\Local
// on Windows) elsewhere.
func Dir() (string, error) {
	if d := os.Getenv("CASEBOOK_LOG_DIR"); d != "" {
		return d, nil
	}
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		if d := os.Getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "casebook"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, ".local", "state", "casebook"), nil
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Logs", "Casebook"), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		if d, err = os.UserConfigDir(); err != nil {
			return "", err
		}
	}
	return filepath.Join(d, "Casebook", "logs"), nil
}

// ParseLevel reads debug, info, warn (warning) or error, in any case; "" is info.
func ParseLevel(s string) (slog.Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "info":
		return slog.LevelInfo, nil
	case "debug":
		return slog.LevelDebug, nil
	case "warn", "warning":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, fmt.Errorf("%q: %w", s, ErrLevel)
}

// SetLevel changes the level of the log Setup opened (for --log-level).
func SetLevel(s string) error {
	l, err := ParseLevel(s)
	if err != nil {
		return err
	}
	level.Set(l)
	return nil
}

// Setup makes the default slog logger write to Dir()/casebook.log at the
// given level and returns the directory and a function that closes the file
// and restores the previous logger.
//
// A bad level returns an error wrapping ErrLevel and changes nothing. When the
// directory or the file cannot be written, records are discarded (never sent
// to stderr) and the error says why; the program should warn once and go on.
// closeFn is never nil.
func Setup(levelName string) (dir string, closeFn func(), err error) {
	l, err := ParseLevel(levelName)
	if err != nil {
		return "", func() {}, err
	}
	level.Set(l)
	prev, prevOut, prevFlags := slog.Default(), log.Writer(), log.Flags()
	restore := func() {
		slog.SetDefault(prev)
		log.SetOutput(prevOut)
		log.SetFlags(prevFlags)
	}
	dir, err = Dir()
	if err == nil {
		err = checkWritable(dir)
	}
	if err != nil {
		slog.SetDefault(slog.New(slog.DiscardHandler))
		return "", restore, fmt.Errorf("log file: %w", err)
	}
	lj := &lumberjack.Logger{
		Filename:   filepath.Join(dir, FileName),
		MaxSize:    MaxSizeMB,
		MaxBackups: MaxBackups,
		LocalTime:  true,
		Compress:   true,
	}
	slog.SetDefault(slog.New(NewHandler(lj)))
	return dir, func() {
		restore()
		lj.Close()
	}, nil
}

// NewHandler is the handler Setup installs, writing to w: text records at the
// shared level, with e-mail addresses masked.
func NewHandler(w io.Writer) slog.Handler {
	return slog.NewTextHandler(w, &slog.HandlerOptions{Level: &level, ReplaceAttr: mask})
}

// checkWritable makes the directory and opens the log file for appending:
// lumberjack would only find out at the first record, and then silently.
func checkWritable(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, FileName), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	return f.Close()
}

// address matches an e-mail address (or a Message-ID, which looks like one).
// A path such as …/fyne/v2@v2.7.1/app.go is left alone: its "domain" has
// slashes and ends in digits.
var address = regexp.MustCompile(`[^\s<>"'(),;:\[\]@/]+@(?:[^\s<>"'(),;:\[\]@/.]+\.)+\pL{2,}`)

// Mask replaces e-mail addresses in s with "[address]". Servers put the
// recipient into their refusals ("550 <li@example.com>: unknown user").
func Mask(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	return address.ReplaceAllString(s, "[address]")
}

// mask is the handler's ReplaceAttr: strings, errors and Stringers, the
// message included, pass through Mask.
func mask(_ []string, a slog.Attr) slog.Attr {
	switch a.Value.Kind() {
	case slog.KindString:
		if s := a.Value.String(); strings.Contains(s, "@") {
			a.Value = slog.StringValue(Mask(s))
		}
	case slog.KindAny:
		switch v := a.Value.Any().(type) {
		case error:
			a.Value = slog.StringValue(Mask(v.Error()))
		case fmt.Stringer:
			a.Value = slog.StringValue(Mask(v.String()))
		}
	}
	return a
}
