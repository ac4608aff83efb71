package main

import (
	"context"
	"errors"
	"fmt"
	"os"

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
func runGUI(path string) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	svc, openErr := service.Open(ctx, path, service.Options{Index: true, DocsDir: service.DocumentsDir(path)})
	if openErr == nil {
		defer svc.Close()
		applyLanguage(svc.Settings.Get().Language)
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(ui.NewTheme()) // before any window: the error window needs the CJK font too
	if openErr != nil {
		// Say why in the user's language, in a window: a desktop user may not see stderr.
		showStartupError(a, openErr, path)
		return openErr
	}
	u := ui.New(ctx, a, ui.Services{Cases: svc.Cases, Mail: svc.Mail, Documents: svc.Documents, Settings: svc.Settings})
	// The one adapter from the change feed to the widgets: each notice is
	// applied on the Fyne goroutine.
	unsubscribe := svc.Feed.Subscribe(func(n data.Notice) { fyne.Do(func() { u.Apply(n) }) })
	defer unsubscribe()
	go svc.Mail.RunWorker(ctx, nil)
	u.StartRefresh(ctx)
	u.Window().ShowAndRun()
	cancel() // stop the worker cleanly before the database closes
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
