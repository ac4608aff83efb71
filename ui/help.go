package ui

import (
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// About is what the Help menu tells: the version and where things are. The
// app fills it in; the ui package knows nothing of where files live.
type About struct {
	Version  string
	Database string // the database file
	LogDir   string // the log folder; "" when there is no log file
	LogFile  string // the current log file in LogDir
}

// Option adjusts the main window New builds.
type Option func(*UI)

// WithAbout gives the window its version and paths, for Help.
func WithAbout(a About) Option { return func(u *UI) { u.about = a } }

// helpMenu is Help: open the log folder, about Casebook.
func (u *UI) helpMenu() *fyne.Menu {
	openLogs := fyne.NewMenuItem(T("Open log folder"), u.openLogFolder)
	openLogs.Disabled = u.about.LogDir == ""
	return fyne.NewMenu(T("Help"), openLogs, fyne.NewMenuItem(T("About Casebook"), u.showAbout))
}

// openLogFolder shows the log folder in the system's file manager.
func (u *UI) openLogFolder() {
	if u.about.LogDir == "" || u.open(fileURL(u.about.LogDir)) != nil {
		dialog.ShowInformation(T("Log folder"), T("The log folder could not be opened. It is here:")+"\n"+u.about.LogDir, u.win)
	}
}

func (u *UI) showAbout() {
	logDir := u.about.LogDir
	if logDir == "" {
		logDir = T("none (the log file could not be opened)")
	}
	path := func(p string) *widget.Label {
		l := widget.NewLabel(p)
		l.Wrapping = fyne.TextWrapBreak
		l.Selectable = true
		return l
	}
	form := widget.NewForm(
		widget.NewFormItem(T("Version"), widget.NewLabel(u.about.Version)),
		widget.NewFormItem(T("Database"), path(u.about.Database)),
		widget.NewFormItem(T("Log folder"), path(logDir)),
	)
	d := dialog.NewCustom(T("About Casebook"), T("Close"), container.NewPadded(form), u.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// fileURL is the file:// URL of a local path (a directory or a file).
func fileURL(path string) *url.URL {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") { // C:/Users/… on Windows
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}

// ShowCrash tells the user that Casebook has to close after an internal
// error and where the log file with the details is; "Open log folder" opens
// it with open (the app's OpenURL). onClosed runs when the dialog is closed,
// whichever button was used: the app quits there.
func ShowCrash(win fyne.Window, logFile string, open func(*url.URL) error, onClosed func()) dialog.Dialog {
	msg := T("Casebook ran into an internal error and has to close. Your saved work is in the database.")
	if logFile != "" {
		msg += "\n\n" + T("The details are in the log file:") + "\n" + logFile
	}
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	text.Selectable = true
	done := func() {
		if onClosed != nil {
			onClosed()
		}
	}
	var d dialog.Dialog
	if logFile == "" {
		d = dialog.NewCustom(T("Casebook has to close"), T("Close"), text, win)
		d.SetOnClosed(done)
	} else {
		d = dialog.NewCustomConfirm(T("Casebook has to close"), T("Open log folder"), T("Close"), text, func(openFolder bool) {
			if openFolder && open != nil {
				_ = open(fileURL(filepath.Dir(logFile)))
			}
			done()
		}, win)
	}
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
	return d
}

// ShowCrash shows the crash dialog over the main window.
func (u *UI) ShowCrash(logFile string, onClosed func()) dialog.Dialog {
	return ShowCrash(u.win, logFile, u.open, onClosed)
}
