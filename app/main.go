// Command casebook is the Casebook desktop app and its command line.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	_ "casebook/app/startup" // must initialise before Fyne
)

func main() {
	if logFile, ok := os.LookupEnv(crashReportEnv); ok { // started by a window that crashed
		os.Unsetenv(crashReportEnv)
		if err := showCrashReport(logFile); err != nil {
			os.Exit(1)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c := &cli{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, loc: envZone(os.Getenv),
		lang: langFromEnv(os.Getenv), startGUI: runGUI}
	os.Exit(c.runLogged(ctx, os.Args[1:]))
}
