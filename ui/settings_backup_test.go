package ui

import (
	"context"
	"strings"
	"testing"
	"time"

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
}

func (f *fakeBackups) Compaction() (int64, int64, data.CompactResult, error) {
	return 8 << 20, 6 << 20, f.compacted, nil
}

func (f *fakeBackups) RequestCompact() error { f.compactAsked = true; return nil }

func (f *fakeBackups) CompactRequested() bool { return f.compactAsked }

func (f *fakeBackups) Backup(_ context.Context, dest, pass string, encrypt bool) (data.BackupResult, error) {
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

func (f *fakeBackups) PrepareRestore(_ context.Context, file, pass string) (data.BackupInfo, error) {
	f.prepared = append(f.prepared, file+"|"+pass)
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
	if len(u.asked) != asked || len(f.prepared) != 0 || !dialogTexts(u)[errorText(f.inspectErr)] {
		t.Fatalf("wrong passphrase: asked %d→%d, prepared %v, %v", asked, len(u.asked), f.prepared, dialogTexts(u))
	}
	top(u).(interface{ Hide() }).Hide()
	f.inspectErr = nil

	// Asked with the date and the case count; cancelling changes nothing.
	test.Tap(b.restore)
	q := u.asked[len(u.asked)-1]
	texts := strings.Join(keys(dialogTexts(u)), " ")
	if !strings.Contains(texts, pr().DateTime(taken.In(zone()))) || !strings.Contains(texts, "3") || !strings.Contains(texts, "start") {
		t.Errorf("the question: %s", texts)
	}
	q.choose(0)
	if len(f.prepared) != 0 {
		t.Fatal("cancelled, but prepared")
	}
	test.Tap(b.restore)
	u.asked[len(u.asked)-1].choose(1)
	if len(f.prepared) != 1 || f.prepared[0] != "/media/usb/b.db|pw" {
		t.Fatalf("prepared: %v", f.prepared)
	}
	if b.fromPass.Text != "" {
		t.Error("the passphrase stays in the field")
	}
}

func TestCompactIsAskedForTheNextStart(t *testing.T) {
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
	if f.compactAsked {
		t.Fatal("cancelled, but asked for")
	}
	test.Tap(b.compact)
	u.asked[len(u.asked)-1].choose(1)
	if !f.compactAsked || !b.compact.Disabled() || !strings.Contains(b.sizes.Text, T("Compaction is asked for: quit and start Casebook again to do it.")) {
		t.Fatalf("after asking: %v %v %q", f.compactAsked, b.compact.Disabled(), b.sizes.Text)
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
