package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// fakeBackups records what the Backup page asks of the service.
type fakeBackups struct {
	last, good   data.BackupResult
	backupErr    error
	inspectErr   error
	info         data.BackupInfo
	backups      []string // dest|passphrase|encrypt of each call
	prepared     []string // file|passphrase of each restore prepared
	inspectCalls int
	compactAsked bool
	compacted    data.CompactResult
	restarts     int   // Restart calls
	restartErr   error // what Restart returns
	by           []string
}

func (f *fakeBackups) Restart() error { f.restarts++; return f.restartErr }

func (f *fakeBackups) Compaction() (int64, int64, data.CompactResult, error) {
	return 8 << 20, 6 << 20, f.compacted, nil
}

func (f *fakeBackups) RequestCompact(by data.Actor) error {
	f.compactAsked, f.by = true, append(f.by, by.Name)
	return nil
}

func (f *fakeBackups) CompactRequested() bool { return f.compactAsked }

func (f *fakeBackups) Backup(_ context.Context, by data.Actor, dest, pass string, encrypt bool) (data.BackupResult, error) {
	f.by = append(f.by, by.Name)
	f.backups = append(f.backups, dest+"|"+pass+"|"+map[bool]string{true: "enc", false: "plain"}[encrypt])
	r := data.BackupResult{At: time.Date(2026, 12, 2, 6, 30, 0, 0, time.UTC), Path: dest, Size: 3 << 20, Cases: 42, Encrypted: encrypt}
	if f.backupErr != nil {
		r.Error = f.backupErr.Error()
		f.last = r
		return r, f.backupErr
	}
	r.OK = true
	f.last, f.good = r, r
	return r, nil
}

func (f *fakeBackups) Backups() (data.BackupResult, data.BackupResult, error) {
	return f.last, f.good, nil
}

func (f *fakeBackups) InspectBackup(_ context.Context, file, pass string) (data.BackupInfo, error) {
	f.inspectCalls++
	return f.info, f.inspectErr
}

func (f *fakeBackups) PrepareRestore(_ context.Context, by data.Actor, file, pass string) (data.BackupInfo, error) {
	f.prepared = append(f.prepared, file+"|"+pass)
	f.by = append(f.by, by.Name)
	return f.info, nil
}

func TestSettingsHaveABackupPage(t *testing.T) {
	u, _ := openSettings(t)
	for _, it := range u.setView.tabs.Items {
		if it.Text == T("Backup") {
			t.Fatal("a Backup page without a backup service")
		}
	}
	u.svc.Backups = &fakeBackups{}
	u.setView.load()
	found := false
	for _, it := range u.setView.tabs.Items {
		found = found || it.Text == T("Backup")
	}
	if !found {
		t.Fatal("no Backup page in Settings")
	}
}

func TestBackUpNowShowsTheLastGoodBackup(t *testing.T) {
	u, _ := openSettings(t)
	f := &fakeBackups{}
	u.svc.Backups = f
	b := newBackupPage(u)
	u.win.SetContent(b.backupBox())
	if b.last.Text != T("No backup has been made yet.") {
		t.Fatalf("before any backup: %q", b.last.Text)
	}
	// Nowhere chosen: said, and nothing written.
	test.Tap(b.backupBt)
	if len(f.backups) != 0 || !dialogTexts(u)[T("Choose where the backup goes first.")] {
		t.Fatalf("backup with no file: %v %v", f.backups, dialogTexts(u))
	}
	top(u).(interface{ Hide() }).Hide()
	b.file.SetText("/media/usb/casebook.db")
	if !b.pass.Disabled() {
		t.Error("the passphrase field is open without encryption")
	}
	test.Tap(b.encrypt)
	test.Type(b.pass, "柜台钥匙")
	test.Tap(b.backupBt)
	if len(f.backups) != 1 || f.backups[0] != "/media/usb/casebook.db|柜台钥匙|enc" {
		t.Fatalf("backups: %v", f.backups)
	}
	if b.pass.Text != "" {
		t.Error("the passphrase stays in the field after the backup")
	}
	if !strings.Contains(b.last.Text, "42") || !strings.Contains(b.last.Text, "/media/usb/casebook.db") ||
		!strings.Contains(b.last.Text, pr().DateTime(f.good.At.In(zone()))) {
		t.Errorf("last good backup: %q", b.last.Text)
	}
	// A failed one is shown after the good one, with its reason.
	f.backupErr = &data.BackupError{Path: "/media/usb/x.db", Reason: data.BackupEmptyPassphrase}
	b.file.SetText("/media/usb/x.db")
	test.Tap(b.backupBt)
	if !strings.Contains(b.last.Text, "/media/usb/casebook.db") || !strings.Contains(b.last.Text, "failed") {
		t.Errorf("after a failed backup: %q", b.last.Text)
	}
	if !dialogTexts(u)[errorText(f.backupErr)] {
		t.Errorf("the failure is not explained: %v", dialogTexts(u))
	}
}

func TestRestoreShowsTheBackupAndAsks(t *testing.T) {
	u, _ := openSettings(t)
	taken := time.Date(2026, 11, 30, 2, 15, 0, 0, time.UTC)
	f := &fakeBackups{info: data.BackupInfo{Path: "/media/usb/b.db", Taken: taken, Cases: 3, Schema: 3}}
	u.svc.Backups = f
	b := newBackupPage(u)
	u.win.SetContent(b.restoreBox())

	test.Tap(b.restore)
	u.bg.Wait()
	if f.inspectCalls != 0 || !dialogTexts(u)[T("Choose the backup to restore first.")] {
		t.Fatal("restore with no file chosen")
	}
	top(u).(interface{ Hide() }).Hide()
	b.from.SetText("/media/usb/b.db")
	test.Type(b.fromPass, "pw")

	// A wrong passphrase: said, and nothing asked or prepared.
	f.inspectErr = &data.BackupError{Path: "/media/usb/b.db", Reason: data.BackupWrongPassphrase}
	asked := len(u.asked)
	test.Tap(b.restore)
	u.bg.Wait()
	if len(u.asked) != asked || len(f.prepared) != 0 || !dialogTexts(u)[errorText(f.inspectErr)] {
		t.Fatalf("wrong passphrase: asked %d→%d, prepared %v, %v", asked, len(u.asked), f.prepared, dialogTexts(u))
	}
	top(u).(interface{ Hide() }).Hide()
	f.inspectErr = nil

	// Asked with the date and the case count; cancelling changes nothing.
	test.Tap(b.restore)
	u.bg.Wait()
	q := u.asked[len(u.asked)-1]
	texts := strings.Join(keys(dialogTexts(u)), " ")
	if !strings.Contains(texts, pr().DateTime(taken.In(zone()))) || !strings.Contains(texts, "3") || !strings.Contains(texts, "start") {
		t.Errorf("the question: %s", texts)
	}
	q.choose(0)
	if len(f.prepared) != 0 || f.restarts != 0 {
		t.Fatal("cancelled, but prepared")
	}
	test.Tap(b.restore)
	u.bg.Wait()
	u.asked[len(u.asked)-1].choose(1)
	u.bg.Wait()
	if len(f.prepared) != 1 || f.prepared[0] != "/media/usb/b.db|pw" || f.restarts != 1 {
		t.Fatalf("prepared: %v, restarts %d", f.prepared, f.restarts)
	}
	if len(f.by) != 1 || f.by[0] != "赵总" {
		t.Errorf("prepared by %v, want the person working", f.by)
	}
	if b.fromPass.Text != "" {
		t.Error("the passphrase stays in the field")
	}
}

// A restore with a new case half typed asks about it first, as Quit does:
// Cancel keeps the draft and restores nothing; Discard goes on.
func TestRestoreAsksAboutUnsavedWorkFirst(t *testing.T) {
	u, _ := openSettings(t)
	f := &fakeBackups{info: data.BackupInfo{Path: "/media/usb/b.db", Cases: 3}}
	u.svc.Backups = f
	exits := quitCounter(u)
	b := newBackupPage(u)
	test.Type(u.form.name, "张伟")
	u.win.SetContent(b.restoreBox())
	b.from.SetText("/media/usb/b.db")
	test.Tap(b.restore)
	u.bg.Wait()
	u.asked[len(u.asked)-1].choose(1) // Restore now
	q, bs := question(t, u)
	if q == nil || bs[T("Discard")] == nil || !dialogTexts(u)[T("Restart Casebook?")] {
		t.Fatalf("not asked about the draft: %v %v", bs, dialogTexts(u))
	}
	press(u, fyne.KeyEscape)
	if len(f.prepared) != 0 || f.restarts != 0 || u.form.name.Text != "张伟" {
		t.Fatalf("cancelled: prepared %v, restarts %d", f.prepared, f.restarts)
	}
	test.Tap(b.restore)
	u.bg.Wait()
	u.asked[len(u.asked)-1].choose(1)
	_, bs = question(t, u)
	test.Tap(bs[T("Discard")])
	u.bg.Wait()
	if len(f.prepared) != 1 || f.restarts != 1 || *exits != 0 {
		t.Fatalf("discarded: prepared %v, restarts %d, exits %d", f.prepared, f.restarts, *exits)
	}
	// A restart that fails says why and closes the window: its database is closed.
	f.restartErr = errors.New("exec: no such file")
	test.Tap(b.restore)
	u.bg.Wait()
	u.asked[len(u.asked)-1].choose(1)
	_, bs = question(t, u)
	test.Tap(bs[T("Discard")])
	u.bg.Wait()
	if f.restarts != 2 || !strings.Contains(strings.Join(keys(dialogTexts(u)), " "), "exec: no such file") {
		t.Fatalf("failed restart: %d %v", f.restarts, dialogTexts(u))
	}
	u.asked[len(u.asked)-1].choose(0) // Close
	if *exits != 1 {
		t.Errorf("the window stays after a failed restart: exits %d", *exits)
	}
}

// The new window says what its start put in place, or why not.
func TestAfterRestartSaysWhatWasDone(t *testing.T) {
	u, _ := newTestUI(t)
	p := pr()
	u.ShowAfterRestart(AfterRestart{Restored: true, Taken: time.Date(2026, 11, 30, 2, 15, 0, 0, time.UTC), Cases: 3, Head: "3f9c0a1b2c3d4e5f",
		Aside: "/data/casebook.db.before-restore-20261202-143000"})
	texts := strings.Join(keys(dialogTexts(u)), " ")
	for _, want := range []string{"3f9c0a1b2c3d4e5f", "casebook.db.before-restore-20261202-143000", p.DateTime(time.Date(2026, 11, 30, 2, 15, 0, 0, time.UTC).In(zone()))} {
		if !strings.Contains(texts, want) {
			t.Errorf("restored: %q lacks %q", texts, want)
		}
	}
	top(u).(interface{ Hide() }).Hide()
	u.ShowAfterRestart(AfterRestart{Compacted: true, Before: 9 << 20, After: 2 << 20})
	texts = strings.Join(keys(dialogTexts(u)), " ")
	if !strings.Contains(texts, p.Size(9<<20)) || !strings.Contains(texts, p.Size(2<<20)) {
		t.Errorf("compacted: %q", texts)
	}
	top(u).(interface{ Hide() }).Hide()
	fail := &data.BackupError{Path: "/x.db", Reason: data.BackupDamaged}
	u.ShowAfterRestart(AfterRestart{Restored: true, RestoreErr: fail})
	texts = strings.Join(keys(dialogTexts(u)), " ")
	if !strings.Contains(texts, errorText(fail)) {
		t.Errorf("failed: %q", texts)
	}
	top(u).(interface{ Hide() }).Hide()
	asked := len(u.asked)
	u.ShowAfterRestart(AfterRestart{})
	if len(u.asked) != asked {
		t.Error("a start that did nothing shows a dialog")
	}
}

func TestCompactRestartsCasebook(t *testing.T) {
	u, _ := openSettings(t)
	at := time.Date(2026, 11, 1, 1, 0, 0, 0, time.UTC)
	f := &fakeBackups{compacted: data.CompactResult{At: at, Before: 9 << 20, After: 2 << 20}}
	u.svc.Backups = f
	b := newBackupPage(u)
	u.win.SetContent(b.compactBox())
	p := pr()
	for _, want := range []string{p.Size(8 << 20), p.Size(6 << 20), p.Size(9 << 20), p.Size(2 << 20), p.DateTime(at.In(zone()))} {
		if !strings.Contains(b.sizes.Text, want) {
			t.Errorf("sizes %q lack %q", b.sizes.Text, want)
		}
	}
	test.Tap(b.compact)
	u.asked[len(u.asked)-1].choose(0) // cancel
	if f.compactAsked || f.restarts != 0 {
		t.Fatal("cancelled, but asked for")
	}
	test.Tap(b.compact)
	u.asked[len(u.asked)-1].choose(1)
	if !f.compactAsked || f.restarts != 1 || len(f.by) != 1 || f.by[0] != "赵总" {
		t.Fatalf("after asking: %v, restarts %d, by %v", f.compactAsked, f.restarts, f.by)
	}
	// Left asked for (a restart that did not happen): the page says so.
	b = newBackupPage(u)
	if !b.compact.Disabled() || !strings.Contains(b.sizes.Text, T("Compaction is asked for: quit and start Casebook again to do it.")) {
		t.Fatalf("waiting: %v %q", b.compact.Disabled(), b.sizes.Text)
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestTheScheduledBackupIsSavedWithTheSettings(t *testing.T) {
	u, s := openSettings(t)
	u.svc.Backups = &fakeBackups{}
	u.setView.load()
	v := u.setView
	if v.schedule == nil {
		t.Fatal("no schedule fields")
	}
	retype(v.schedule.folder, "/media/usb/casebook")
	retype(v.schedule.at, "25:99")
	v.save()
	if s.Settings().Backup.Folder != "" || !dialogTexts(u)[T("The backup time is a time of day such as 18:30, or close.")] {
		t.Fatalf("a wrong time saved: %+v %v", s.Settings().Backup, dialogTexts(u))
	}
	top(u).(interface{ Hide() }).Hide()
	retype(v.schedule.at, "Close")
	v.save()
	if got := s.Settings().Backup; got.Folder != "/media/usb/casebook" || got.At != data.BackupAtClose {
		t.Fatalf("saved %+v", got)
	}
	// A folder and no time: the evening default.
	v = u.setView
	retype(v.schedule.at, "")
	v.save()
	if got := s.Settings().Backup; got.At != "18:30" {
		t.Fatalf("saved %+v", got)
	}
	retype(v.schedule.warn, "很多")
	v.save()
	if !dialogTexts(u)[T("Write the number of days as a whole number from 0 to 365.")] {
		t.Fatalf("a wrong number of days: %v", dialogTexts(u))
	}
	top(u).(interface{ Hide() }).Hide()
	retype(v.schedule.warn, "5")
	v.save()
	if got := s.Settings().Backup; got.WarnDays != 5 || got.At != "18:30" {
		t.Fatalf("saved %+v", got)
	}
}

func TestTodayWarnsOfAnOldBackup(t *testing.T) {
	u, _ := newTestUI(t)
	labels := func() map[string]bool {
		out := map[string]bool{}
		for _, o := range test.LaidOutObjects(u.today.body) {
			if l, ok := o.(*widget.Label); ok {
				out[l.Text] = true
			}
		}
		return out
	}
	old := TF("The last good backup was {{.days}} days ago: make one (Settings → Backup).", map[string]any{"days": 4})
	never := T("No good backup has been made yet: make one (Settings → Backup).")
	base := data.Today{Person: "赵总", Role: data.RoleOwner, At: time.Now()}
	u.today.show(base)
	if l := labels(); l[old] || l[never] {
		t.Fatal("a warning without an old backup")
	}
	base.Backup = data.BackupAge{Warn: true, Days: 4}
	u.today.show(base)
	if !labels()[old] {
		t.Errorf("no warning of a 4-day-old backup: %v", labels())
	}
	base.Backup = data.BackupAge{Warn: true, Never: true}
	u.today.show(base)
	if !labels()[never] {
		t.Errorf("no warning without any backup: %v", labels())
	}
}
