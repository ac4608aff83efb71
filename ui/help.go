package ui

import (
	"errors"
	"net/url"
	"os/exec"
	"path/filepath"
	"runtime"
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
	if u.about.LogDir == "" {
		dialog.ShowInformation(T("Log folder"), T("The log folder could not be opened. It is here:")+"\n"+u.about.LogDir, u.win)
		return
	}
	u.openFolder(u.about.LogDir)
}

// openFolder shows a folder in the system's file manager; where there is
// none (a bare Linux desktop without xdg-open), it says so and shows the
// folder's path, to copy.
func (u *UI) openFolder(dir string) {
	if u.open(fileURL(dir)) == nil {
		return
	}
	u.showFolderPath(T("No file manager could be opened on this computer. The folder is here:"), dir)
}

// showFolderPath shows msg and a path the user can select and copy.
func (u *UI) showFolderPath(msg, dir string) dialog.Dialog {
	path := widget.NewLabel(dir)
	path.Wrapping = fyne.TextWrapBreak
	path.Selectable = true
	copyBtn := widget.NewButton(T("Copy the path"), func() {
		u.app.Clipboard().SetContent(dir)
		u.notify(T("Path copied"))
	})
	d := dialog.NewCustom(T("Open folder"), T("Close"), container.NewVBox(messageLabel(msg), path, container.NewHBox(copyBtn)), u.win)
	d.Resize(fyne.NewSize(askWidth+100, 0))
	d.Show()
	return d
}

// errNoOpener means there is no program to open files and folders with.
var errNoOpener = errors.New("no xdg-open: no program to open files with")

// lookPath finds a program; tests replace it.
var lookPath = exec.LookPath

// systemOpener is the app's OpenURL, which on Linux and the BSDs needs
// xdg-open: without it, it says so at once instead of failing unseen.
func systemOpener(a fyne.App) func(*url.URL) error {
	return func(l *url.URL) error {
		if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
			if _, err := lookPath("xdg-open"); err != nil {
				return errNoOpener
			}
		}
		return a.OpenURL(l)
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
	// Enter and Esc work here too: Esc closes, Enter takes the highlighted answer.
	answers := []answer{{label: T("Close"), do: done}}
	if logFile != "" {
		answers = append(answers, answer{label: T("Open log folder"), do: func() {
			if open != nil {
				_ = open(fileURL(filepath.Dir(logFile)))
			}
			done()
		}})
	}
	q := askOn(win, T("Casebook has to close"), text, answers, len(answers)-1, 0)
	q.dlg.Resize(fyne.NewSize(560, 0))
	return q.dlg
}

// ShowCrash shows the crash dialog over the main window.
func (u *UI) ShowCrash(logFile string, onClosed func()) dialog.Dialog {
	return ShowCrash(u.win, logFile, u.open, onClosed)
}
