package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"runtime/debug"
	"sync/atomic"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"casebook/assets"
	"casebook/data"
	"casebook/data/store"
	"casebook/mailsync"
	"casebook/ui"
)

// appID matches FyneApp.toml; preferences are stored under it.
const appID = "com.casebook.desktop"

// runGUI opens the database and shows the main window until it is closed.
//
// A panic is logged with its stack and explained in a dialog that names the
// log file, then the app closes: one in the mail worker is shown over the
// main window; one that unwinds Fyne's event loop (a panic in a callback)
// leaves no loop to draw with, so a fresh process shows the dialog.
func runGUI(path string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			logPanic("window", r, debug.Stack())
			startCrashReport()
			err = crashError()
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, openErr := store.Open(ctx, path, store.WithIndex())
	if openErr == nil {
		defer s.Close()
		defer cancel() // on a panic too: the worker stops before the database closes
		applyLanguage(s.Settings().Language)
	}
	a, err := newFyneApp()
	if err != nil {
		return err
	}
	if openErr != nil {
		slog.Error("database not opened", "path", path, "err", openErr)
		// Say why in the user's language, in a window: a desktop user may not see stderr.
		showStartupError(a, openErr, path)
		return openErr
	}
	slog.Info("window opened", "db", path)
	svc := &service{Store: s, docsDir: documentsDir(path)}
	u := ui.New(ctx, a, svc, ui.WithAbout(ui.About{Version: version, Database: path, LogDir: logDir, LogFile: logFile()}))
	// The worker reports plain events; this adapter turns them into widget updates.
	status := ui.MailStatus{}
	svc.worker = mailsync.NewWorker(s, svc.credentials, func(e mailsync.Event) {
		queued, err := s.QueuedCount(ctx)
		if err != nil && ctx.Err() == nil {
			slog.Warn("count the outbox", "err", err)
		}
		fyne.Do(func() {
			status.Queued = queued
			switch e.Kind {
			case mailsync.EventSyncStarted:
				status.Syncing, status.Done, status.Total = true, 0, 0
			case mailsync.EventProgress:
				status.Syncing, status.Done, status.Total = true, e.Done, e.Total
			case mailsync.EventSyncDone:
				status.Syncing, status.Err, status.LastSync, status.Summary = false, nil, e.At, e.Summary.String()
			case mailsync.EventSyncFailed:
				status.Syncing, status.Err, status.Problem = false, e.Err, mailProblem(e.Err)
			}
			u.SetMailStatus(status)
		})
	})
	var crashed atomic.Bool
	goSafely("mail worker", func() { svc.worker.Run(ctx) }, func() {
		crashed.Store(true)
		fyne.Do(func() { u.ShowCrash(logFile(), a.Quit) })
	})
	u.StartRefresh(ctx)
	u.Window().ShowAndRun()
	cancel() // stop the worker cleanly before the database closes
	if crashed.Load() {
		return crashError()
	}
	slog.Info("window closed", "db", path)
	return nil
}

// newFyneApp makes the Fyne app with Casebook's translations, icon and theme.
func newFyneApp() (fyne.App, error) {
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		return nil, fmt.Errorf("load translations: %w", err)
	}
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(ui.NewTheme()) // before any window: the error window needs the CJK font too
	return a, nil
}

// showCrashReport is the fresh process startCrashReport starts: a window
// with the crash dialog for logFile, until it is closed.
func showCrashReport(logFile string) error {
	a, err := newFyneApp()
	if err != nil {
		return err
	}
	w := a.NewWindow(lang.L("Casebook"))
	w.Resize(fyne.NewSize(640, 320))
	ui.ShowCrash(w, logFile, a.OpenURL, a.Quit)
	w.SetOnClosed(a.Quit)
	w.ShowAndRun()
	return nil
}

// mailProblem sorts a sync error into what the status line can explain.
func mailProblem(err error) ui.Problem {
	var netErr net.Error
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case err == nil:
		return ui.ProblemNone
	case errors.Is(err, mailsync.ErrIMAPAuth), errors.Is(err, mailsync.ErrAuth):
		return ui.ProblemAuth
	case errors.Is(err, errNoPassword):
		return ui.ProblemPassword
	case errors.Is(err, mailsync.ErrTimeout):
		return ui.ProblemTimeout
	case errors.As(err, &dnsErr), errors.As(err, &opErr), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ENETUNREACH):
		return ui.ProblemOffline
	case errors.As(err, &netErr) && netErr.Timeout():
		return ui.ProblemTimeout
	}
	return ui.ProblemOther
}

// applyLanguage makes Fyne pick the language chosen in the settings; "" keeps
// the system's. Fyne reads the locale from the environment.
func applyLanguage(l string) {
	locales := map[string]string{"zh-Hans": "zh_CN", "zh-Hant": "zh_TW", "en": "en_US"}
	loc, ok := locales[l]
	if !ok {
		return
	}
	os.Setenv("LANGUAGE", loc)
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if val := os.Getenv(v); val == "C" || val == "POSIX" {
			os.Unsetenv(v)
		}
	}
}

func showStartupError(a fyne.App, err error, path string) {
	msg := lang.L("Casebook could not open its database:") + "\n" + path + "\n\n"
	switch {
	case errors.Is(err, data.ErrLocked):
		msg += lang.L("The database is open in another Casebook window. Close that window and start Casebook again.")
	case errors.Is(err, store.ErrNewerSchema):
		msg += lang.L("The database was made by a newer version of Casebook. Install the newer version.")
	default:
		msg += err.Error()
	}
	w := a.NewWindow(lang.L("Casebook"))
	w.Resize(fyne.NewSize(560, 260))
	d := dialog.NewInformation(lang.L("Casebook cannot start"), msg, w)
	d.SetOnClosed(a.Quit)
	w.SetOnClosed(a.Quit)
	d.Show()
	w.ShowAndRun()
}
