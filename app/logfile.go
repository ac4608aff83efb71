package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"casebook/app/logging"
)

// version is Casebook's version (FyneApp.toml's); release builds may set it
// with -ldflags "-X main.version=…".
var version = "0.1.0"

// logDir is the folder of the log file, "" when it could not be opened.
var logDir string

// logFile is the current log file, "" without one.
func logFile() string {
	if logDir == "" {
		return ""
	}
	return filepath.Join(logDir, logging.FileName)
}

// setLogLevel is --log-level: it changes the level of the log already open.
func setLogLevel(s string) error { return logging.SetLevel(s) }

// runLogged opens the log file (level from $CASEBOOK_LOG, which --log-level
// overrides), runs the command line, and records its start and end. Without
// a log file it warns once on stderr and runs all the same.
func (c *cli) runLogged(ctx context.Context, args []string) int {
	dir, closeLog, err := logging.Setup(os.Getenv("CASEBOOK_LOG"))
	defer closeLog()
	if errors.Is(err, logging.ErrLevel) {
		fmt.Fprintln(c.stderr, "casebook: CASEBOOK_LOG:", err)
		return 2
	}
	if err != nil {
		fmt.Fprintln(c.stderr, "casebook: warning: running without a log file:", err)
	}
	logDir = dir
	cmd := commandWords(args)
	start := time.Now()
	slog.Info("start", "version", version, "command", cmd, "pid", os.Getpid(),
		"go", runtime.Version(), "os", runtime.GOOS+"/"+runtime.GOARCH)
	defer func() {
		if r := recover(); r != nil {
			logPanic("command "+cmd, r, debug.Stack())
			panic(r)
		}
	}()
	code := c.run(ctx, args)
	db, _ := c.resolveDB()
	level := slog.LevelInfo
	if code != 0 {
		level = slog.LevelWarn
	}
	slog.Log(ctx, level, "stop", "command", cmd, "exit", code, "db", db, "duration", time.Since(start).Round(time.Millisecond))
	return code
}

// commandWords names the command being run ("case list", "" for the GUI)
// without its arguments, which may hold a customer's name or phone.
func commandWords(args []string) string {
	var words []string
	for i := 0; i < len(args) && len(words) < 2; i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			if len(words) > 0 {
				break // the command's own options
			}
			if name := strings.TrimLeft(a, "-"); !strings.Contains(name, "=") && (name == "db" || name == "log-level") {
				i++ // the top-level option's value
			}
			continue
		}
		if a == "" || strings.Trim(a, "abcdefghijklmnopqrstuvwxyz") != "" {
			break // a case number, a path, a name…
		}
		words = append(words, a)
	}
	if len(words) == 0 {
		return "gui"
	}
	return strings.Join(words, " ")
}
