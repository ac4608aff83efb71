package ui

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// backupKeeper is what the Backup page needs: backups written and checked
// while Casebook runs, their record, and a restore or a compaction put in
// place live: prepared (checked) while the window runs, then Restart —
// the app stops the mail worker, closes the database and starts Casebook
// again, which puts it in place before it opens the file.
type backupKeeper interface {
	Backup(ctx context.Context, by data.Actor, dest, passphrase string, encrypt bool) (data.BackupResult, error)
	Backups() (last, good data.BackupResult, err error)
	InspectBackup(ctx context.Context, file, passphrase string) (data.BackupInfo, error)
	PrepareRestore(ctx context.Context, by data.Actor, file, passphrase string) (data.BackupInfo, error)
	// Compaction is the file's size, what compaction would give back, and the last one.
	Compaction() (size, free int64, last data.CompactResult, err error)
	RequestCompact(by data.Actor) error
	CompactRequested() bool
	// Restart starts Casebook again to put what was prepared in place; it
	// returns only when it could not.
	Restart() error
}

// backupPage is Settings → Backup.
type backupPage struct {
	u        *UI
	last     *widget.Label // the last good backup, and a failed one after it
	file     *widget.Entry // where "Back up now" writes
	encrypt  *widget.Check
	pass     *widget.Entry
	backupBt *widget.Button
	from     *widget.Entry // the backup to restore
	fromPass *widget.Entry
	restore  *widget.Button
	sizes    *widget.Label // the file's size, what compaction gives back, the last compaction
	compact  *widget.Button
}

// appendBackupTab adds the Backup page when the app has backups to offer.
func (v *settingsView) appendBackupTab(tabs *container.AppTabs, page func(...fyne.CanvasObject) fyne.CanvasObject) {
	if v.u.svc.Backups == nil {
		return
	}
	b := newBackupPage(v.u)
	schedule := v.backupSchedule()
	tabs.Append(container.NewTabItem(T("Backup"), page(
		widget.NewCard(T("Scheduled backup"), T("Every day into a folder (a USB stick, a NAS); 7 daily, 4 weekly and 12 monthly copies are kept, older ones deleted. Leave the folder empty to turn it off."), schedule),
		widget.NewCard(T("Back up"), T("A checked copy of the database, made while Casebook runs. Keep copies on another disk (a USB stick, a NAS); encrypt those that leave the building."), b.backupBox()),
		widget.NewCard(T("Restore"), T("Replaces the database with a backup. The current file is kept beside it as …before-restore-<date-time>."), b.restoreBox()),
		widget.NewCard(T("Compact"), T("The database file never shrinks by itself: compaction rewrites it without its free space, checked; Casebook restarts to do it."), b.compactBox()))))
}

func newBackupPage(u *UI) *backupPage {
	b := &backupPage{u: u, last: widget.NewLabel(""), file: widget.NewEntry(), pass: widget.NewPasswordEntry(),
		from: widget.NewEntry(), fromPass: widget.NewPasswordEntry()}
	b.last.Wrapping = fyne.TextWrapWord
	b.file.SetPlaceHolder(T("The backup file, e.g. /media/usb/casebook.db"))
	b.from.SetPlaceHolder(T("The backup file to restore"))
	b.pass.SetPlaceHolder(T("Passphrase"))
	b.fromPass.SetPlaceHolder(T("Passphrase (only for an encrypted backup)"))
	b.pass.Disable()
	b.encrypt = widget.NewCheck(T("Encrypt with a passphrase"), func(on bool) {
		if on {
			b.pass.Enable()
		} else {
			b.pass.Disable()
		}
	})
	b.backupBt = widget.NewButton(T("Back up now"), b.backupNow)
	b.backupBt.Importance = widget.HighImportance
	b.restore = widget.NewButton(T("Restore…"), b.askRestore)
	b.sizes = widget.NewLabel("")
	b.sizes.Wrapping = fyne.TextWrapWord
	b.compact = widget.NewButton(T("Compact now…"), b.askCompact)
	b.showLast()
	b.showSizes()
	return b
}

func (b *backupPage) backupBox() fyne.CanvasObject {
	choose := widget.NewButton(T("Choose folder…"), func() {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil || l == nil {
				return
			}
			b.file.SetText(filepath.Join(l.Path(), "casebook-"+b.u.now().In(zone()).Format("20060102-1504")+".db"))
		}, b.u.win)
		d.Show()
	})
	return container.NewVBox(b.last, container.NewBorder(nil, nil, nil, choose, b.file), b.encrypt, b.pass, b.backupBt)
}

func (b *backupPage) restoreBox() fyne.CanvasObject {
	choose := widget.NewButton(T("Choose file…"), func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			r.Close()
			b.from.SetText(r.URI().Path())
		}, b.u.win)
		d.Show()
	})
	return container.NewVBox(container.NewBorder(nil, nil, nil, choose, b.from), b.fromPass, b.restore)
}

// showLast shows the last good backup, and a failed one after it.
func (b *backupPage) showLast() {
	last, good, err := b.u.svc.Backups.Backups()
	if err != nil {
		b.last.SetText(errorText(err))
		return
	}
	p := pr()
	text := T("No backup has been made yet.")
	if good.OK {
		text = TF("Last good backup: {{.when}}, {{.cases}} cases, {{.size}}, in {{.path}}", map[string]any{
			"when": p.DateTime(good.At.In(zone())), "cases": good.Cases, "size": p.Size(good.Size), "path": good.Path})
	}
	if !last.OK && !last.At.IsZero() {
		text += "\n" + TF("The last backup, {{.when}}, failed: {{.error}}", map[string]any{"when": p.DateTime(last.At.In(zone())), "error": last.Error})
	}
	b.last.SetText(text)
}

// backupNow writes the backup, checked, and says how it went.
func (b *backupPage) backupNow() {
	dest := strings.TrimSpace(b.file.Text)
	if dest == "" {
		dialog.ShowError(localError(T("Choose where the backup goes first.")), b.u.win)
		return
	}
	res, err := b.u.svc.Backups.Backup(b.u.ctx, b.u.actor(), dest, b.pass.Text, b.encrypt.Checked)
	b.showLast()
	if err != nil {
		b.u.showError(err)
		return
	}
	b.pass.SetText("")
	b.u.notify(TF("Backup written and checked: {{.cases}} cases, {{.size}}.", map[string]any{"cases": res.Cases, "size": pr().Size(res.Size)}))
}

// askRestore shows the backup's date, case count and chain head and asks;
// then, after any unsaved work is asked about, the checked copy is prepared
// and Casebook restarts to put it in place.
func (b *backupPage) askRestore() {
	file := strings.TrimSpace(b.from.Text)
	if file == "" {
		dialog.ShowError(localError(T("Choose the backup to restore first.")), b.u.win)
		return
	}
	pass := b.fromPass.Text
	// The full check reads the whole backup (about 10 s at 100,000 cases):
	// off the window's goroutine, with a note that it runs.
	b.u.checking(T("Checking the backup…"), b.restore, func() (data.BackupInfo, error) {
		return b.u.svc.Backups.InspectBackup(b.u.ctx, file, pass)
	}, func(info data.BackupInfo) { b.confirmRestore(file, pass, info) })
}

// confirmRestore asks about the backup checked; then, after any unsaved
// work is asked about, prepares the checked copy and restarts.
func (b *backupPage) confirmRestore(file, pass string, info data.BackupInfo) {
	when := T("unknown (a copy of a database, not a backup)")
	if !info.Taken.IsZero() {
		when = pr().DateTime(info.Taken.In(zone()))
	}
	msg := TF("The backup {{.path}} was taken {{.when}} and holds {{.cases}} cases. Everything entered after it will be gone from the database (the current file is kept aside). Casebook stops its mail, puts the backup in place and starts again: a few seconds.",
		map[string]any{"path": file, "when": when, "cases": info.Cases})
	if info.AuditHead != "" {
		msg += "\n\n" + TF("Its audit chain is intact: {{.Entries}} entries, head {{.Head}}.",
			map[string]any{"Entries": info.AuditEntries, "Head": data.Head16(info.AuditHead)})
	}
	b.u.confirm(T("Restore this backup?"), msg, T("Restore now"), T("Cancel"), true, func(ok bool) {
		if !ok {
			return
		}
		b.u.askBeforeRestart(func() {
			actor := b.u.actor()
			b.u.checking(T("Copying and checking the backup…"), b.restore, func() (data.BackupInfo, error) {
				return b.u.svc.Backups.PrepareRestore(b.u.ctx, actor, file, pass)
			}, func(data.BackupInfo) {
				b.fromPass.SetText("")
				b.u.restart()
			})
		})
	})
}

func (b *backupPage) compactBox() fyne.CanvasObject { return container.NewVBox(b.sizes, b.compact) }

// showSizes shows the file's size, what compaction would give back, and the
// last compaction's sizes before and after.
func (b *backupPage) showSizes() {
	size, free, last, err := b.u.svc.Backups.Compaction()
	if err != nil {
		b.sizes.SetText(errorText(err))
		return
	}
	p := pr()
	text := TF("The database file is {{.size}}; about {{.free}} of it is free space.", map[string]any{"size": p.Size(size), "free": p.Size(free)})
	if !last.At.IsZero() {
		text += "\n" + TF("Last compacted {{.when}}: {{.before}} before, {{.after}} after.", map[string]any{
			"when": p.DateTime(last.At.In(zone())), "before": p.Size(last.Before), "after": p.Size(last.After)})
	}
	if b.u.svc.Backups.CompactRequested() {
		text += "\n" + T("Compaction is asked for: quit and start Casebook again to do it.")
		b.compact.Disable()
	}
	b.sizes.SetText(text)
}

// askCompact asks (and about unsaved work), then Casebook restarts to
// compact the file; the new window shows the sizes before and after.
func (b *backupPage) askCompact() {
	b.u.confirm(T("Compact the database?"), T("Casebook stops its mail, compacts the database file and starts again: a few seconds. The sizes before and after are shown then."),
		T("Compact now"), T("Cancel"), false, func(ok bool) {
			if !ok {
				return
			}
			b.u.askBeforeRestart(func() {
				if err := b.u.svc.Backups.RequestCompact(b.u.actor()); err != nil {
					b.u.showError(err)
					return
				}
				b.u.restart()
			})
		})
}

// backupSchedule is the form of the scheduled backup; its fields are saved
// with the other settings.
func (v *settingsView) backupSchedule() fyne.CanvasObject {
	sch := v.u.svc.Settings.Get().Backup
	folder, at, warn := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	folder.SetText(sch.Folder)
	at.SetText(sch.At)
	if sch.WarnDays > 0 {
		warn.SetText(strconv.Itoa(sch.WarnDays))
	}
	warn.SetPlaceHolder(strconv.Itoa(data.DefaultBackupWarnDays))
	at.SetPlaceHolder("18:30")
	choose := widget.NewButton(T("Choose folder…"), func() {
		dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				folder.SetText(l.Path())
			}
		}, v.u.win).Show()
	})
	read := v.read
	v.read = func() (data.Settings, error) {
		out, err := read()
		if err != nil {
			return out, err
		}
		b := data.BackupSchedule{Folder: strings.TrimSpace(folder.Text), At: strings.ToLower(strings.TrimSpace(at.Text))}
		if w := strings.TrimSpace(warn.Text); w != "" {
			n, err := strconv.Atoi(w)
			if err != nil || n < 0 || n > data.MaxWaitingDays {
				return out, localError(T("Write the number of days as a whole number from 0 to 365."))
			}
			b.WarnDays = n
		}
		if b.Folder != "" && b.At == "" {
			b.At = "18:30"
		}
		if b.Validate() != nil {
			return out, localError(T("The backup time is a time of day such as 18:30, or close."))
		}
		out.Backup = b
		return out, nil
	}
	form := widget.NewForm(widget.NewFormItem(T("Folder"), container.NewBorder(nil, nil, nil, choose, folder)), widget.NewFormItem(T("When"), at),
		widget.NewFormItem(T("Warn on Today after (days)"), warn))
	form.Items[1].HintText = T("A time of day such as 18:30, or close (when Casebook closes)")
	form.Items[2].HintText = T("When the last good backup is this many days old, Today warns supervisors and the owner.")
	v.schedule = &backupFields{folder: folder, at: at, warn: warn}
	return form
}

// backupFields are the scheduled backup's fields on the page.
type backupFields struct{ folder, at, warn *widget.Entry }
