package ui

import (
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// checking runs check — a backup's full check, which reads the whole file —
// off the window's goroutine, with a note saying what runs and button
// disabled meanwhile; then shows the error, or runs then with the result.
func (u *UI) checking(what string, button *widget.Button, check func() (data.BackupInfo, error), then func(data.BackupInfo)) {
	button.Disable()
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons(what, bar, u.win)
	wait.Show()
	u.async(func() func() {
		info, err := check()
		return func() {
			bar.Stop()
			wait.Hide()
			button.Enable()
			if err != nil {
				u.showError(err)
				return
			}
			then(info)
		}
	})
}

// askBeforeRestart asks about unsaved work as quitting does (Save, Discard
// or Cancel for each), then runs then: a restart for a restore or a
// compaction ends this window like Quit.
func (u *UI) askBeforeRestart(then func()) {
	var pending []unsavedWork
	for _, w := range u.unsaved {
		if w.pending() {
			pending = append(pending, w)
		}
	}
	u.askEachAs(T("Restart Casebook?"), pending, then)
}

// restart has the app start Casebook again (it puts a prepared restore or
// compaction in place before it opens the database). It returns only when
// that failed: then what was prepared waits for the next start, and the
// window says so and closes, the database being closed already.
func (u *UI) restart() {
	u.notify(T("Casebook is starting again…"))
	err := u.svc.Backups.Restart()
	if err == nil {
		return
	}
	u.ask(T("Casebook could not start again"), messageLabel(TF("{{.error}}\n\nStart Casebook again yourself: what you asked for is put in place then.",
		map[string]any{"error": errorText(err)})), []answer{{label: T("Close"), do: u.exit}}, 0, 0)
}

// AfterRestart is what a start put in place before it opened the database:
// a restore or a compaction asked for in Settings → Backup, or why not.
type AfterRestart struct {
	Restored   bool
	Taken      time.Time // the backup's date
	Cases      int       // the backup's cases
	Head       string    // the backup's audit chain head (16 hex digits)
	Aside      string    // where the database as it was is kept
	RestoreErr error
	Compacted  bool
	Before     int64
	After      int64
	CompactErr error
}

// ShowAfterRestart tells the user, in their language, what the start did:
// the backup now in place and where the old file is, the sizes before and
// after a compaction, or why it failed and that the database is as it was.
func (u *UI) ShowAfterRestart(r AfterRestart) {
	p := pr()
	var lines []string
	switch {
	case r.Restored && r.RestoreErr != nil:
		lines = append(lines, TF("The backup could not be restored: {{.error}}\nThe database is as it was.", map[string]any{"error": errorText(r.RestoreErr)}))
	case r.Restored:
		when := T("unknown (a copy of a database, not a backup)")
		if !r.Taken.IsZero() {
			when = p.DateTime(r.Taken.In(zone()))
		}
		lines = append(lines, TF("The backup taken {{.when}} is restored: {{.cases}} cases, audit chain head {{.head}}. The database as it was is kept as {{.aside}}.",
			map[string]any{"when": when, "cases": r.Cases, "head": r.Head, "aside": r.Aside}))
	}
	switch {
	case r.Compacted && r.CompactErr != nil:
		lines = append(lines, TF("The database could not be compacted: {{.error}}\nThe database is as it was.", map[string]any{"error": errorText(r.CompactErr)}))
	case r.Compacted:
		lines = append(lines, TF("The database is compacted: {{.before}} before, {{.after}} after.", map[string]any{"before": p.Size(r.Before), "after": p.Size(r.After)}))
	}
	if len(lines) == 0 {
		return
	}
	text := lines[0]
	if len(lines) > 1 {
		text += "\n\n" + lines[1]
	}
	title := T("Restore")
	if !r.Restored {
		title = T("Compact")
	}
	u.notify(text)
	u.confirmed(title, text)
}

// confirmed shows an outcome with one OK.
func (u *UI) confirmed(title, text string) {
	u.ask(title, messageLabel(text), []answer{{label: T("Close")}}, 0, 0)
}
