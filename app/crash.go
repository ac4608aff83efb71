package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"runtime/debug"
)

// errCrashed is what runGUI returns after an internal error closed the window.
var errCrashed = errors.New("Casebook stopped after an internal error")

// crashError says where the details are.
func crashError() error {
	if f := logFile(); f != "" {
		return fmt.Errorf("%w; the details are in %s", errCrashed, f)
	}
	return errCrashed
}

// logPanic records a recovered panic with the stack of the goroutine that panicked.
func logPanic(where string, r any, stack []byte) {
	slog.Error("panic", "in", where, "value", fmt.Sprint(r), "stack", string(stack))
}

// goSafely runs f on a new goroutine. A panic there is logged with its stack
// and handed to onPanic (on that goroutine) instead of ending the program
// without a word.
func goSafely(where string, f func(), onPanic func()) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				logPanic(where, r, debug.Stack())
				if onPanic != nil {
					onPanic()
				}
			}
		}()
		f()
	}()
}

// crashReportEnv makes the program show the crash dialog for the log file it
// names and exit: a panic that ended Fyne's event loop leaves no loop to show
// a dialog with, so a fresh process shows it.
const crashReportEnv = "CASEBOOK_CRASH_REPORT"

// startCrashReport starts this program again to show the crash dialog.
func startCrashReport() {
	exe, err := os.Executable()
	if err != nil {
		slog.Error("cannot show the crash dialog", "err", err)
		return
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), crashReportEnv+"="+logFile())
	if err := cmd.Start(); err != nil {
		slog.Error("cannot show the crash dialog", "err", err)
		return
	}
	_ = cmd.Process.Release()
}
