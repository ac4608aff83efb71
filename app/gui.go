package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"casebook/app/service"
	"casebook/assets"
	"casebook/data"
	"casebook/data/store"
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
	// A restore or compaction asked for in Settings → Backup (the window
	// restarts for it) is put in place before the file is opened.
	pending := applyAtStart(ctx, path)
	svc, openErr := openAtStart(ctx, path, &pending, service.Options{Index: true, DocsDir: service.DocumentsDir(path)})
	var after ui.AfterRestart
	if openErr == nil {
		after = afterStart(ctx, svc, pending)
	}
	if openErr == nil {
		defer svc.Close()
		defer cancel() // on a panic too: the worker stops before the database closes
		applyLanguage(svc.Settings.Get().Language)
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
	workerDone := make(chan struct{})
	backups := liveBackups{Service: svc, restart: restarter(cancel, workerDone, svc)}
	u := ui.New(ctx, a, ui.Services{Cases: svc.Cases, Mail: svc.Mail, Documents: svc.Documents, Settings: svc.Settings, Backups: backups, SignIn: svc.Settings, Privacy: svc.Privacy,
		Classifier: svc.Classify, Customers: svc.Customers, KB: svc.KB, Templates: svc.Templates, Exporter: svc.Documents,
		Import: svc.Import, Reports: svc.Reports},
		ui.WithAbout(ui.About{Version: version, Database: path, LogDir: logDir, LogFile: logFile()}))
	// The one adapter from the change feed to the widgets: each notice is
	// applied on the Fyne goroutine.
	unsubscribe := svc.Feed.Subscribe(func(n data.Notice) { fyne.Do(func() { u.Apply(n) }) })
	defer unsubscribe()
	svc.Classify.Start() // learns from the closed cases in the background; the window does not wait
	var crashed atomic.Bool
	goSafely("mail worker", func() { defer close(workerDone); svc.Mail.RunWorker(ctx, nil) }, func() {
		crashed.Store(true)
		fyne.Do(func() { u.ShowCrash(logFile(), a.Quit) })
	})
	u.StartRefresh(ctx)
	// The scheduled backup: checked every minute, and once more at close.
	backupTicker := time.NewTicker(time.Minute)
	defer backupTicker.Stop()
	go svc.RunBackupSchedule(ctx, backupTicker.C)
	u.ShowAfterRestart(after)
	u.Window().ShowAndRun()
	if _, done, err := svc.ScheduledBackup(context.Background(), time.Now(), true); done && err != nil {
		slog.Warn("backup at close failed", "err", err)
	}
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
