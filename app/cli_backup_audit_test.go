package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casebook/app/service"
	"casebook/data"
)

// auditTail opens the database read-only, checks its chain and returns its
// last n entries.
func auditTail(t *testing.T, tc *testCLI, n int) []data.AuditEntry {
	t.Helper()
	if out := tc.ok("audit", "verify"); !strings.Contains(out, "entries, head") {
		t.Fatalf("audit verify: %s", out)
	}
	svc, err := service.Open(context.Background(), tc.db, service.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	es, err := svc.Audit.Recent(context.Background(), n)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// backup, restore and compact from the command line each join the chain,
// by --by; audit verify passes after each; after a restore, the restore is
// the restored chain's last entry and names the backup's head and the file
// kept aside.
func TestBackupRestoreCompactCommandsAreAudited(t *testing.T) {
	t.Setenv(passphraseEnv, "")
	tc := newTestCLI(t)
	newCase(tc, "早餐太差")
	tc.ok("staff", "add", "李强", "--role", "supervisor", "--by", "王芳")
	b := filepath.Join(t.TempDir(), "friday.db")
	tc.ok("backup", "-o", b, "--by", "李强")
	if e := auditTail(t, tc, 1)[0]; e.Kind != data.AuditBackup || e.By != "李强" || e.What != "friday.db" {
		t.Fatalf("after backup: %+v", e)
	}
	if _, errs, code := tc.run("backup", "-o", b+"2", "--by", "无名氏"); code != 1 || !strings.Contains(errs, "无名氏") {
		t.Fatalf("an unknown --by: %d %s", code, errs)
	}
	newCase(tc, "导游迟到")
	tc.now = tc.now.Add(time.Hour)
	// A supervisor backs up but does not restore: refused before anything is replaced.
	if _, errs, code := tc.run("restore", b, "--yes", "--by", "李强"); code != 1 || !strings.Contains(errs, "李强") {
		t.Fatalf("restore by a supervisor: %d %s", code, errs)
	}
	if m, _ := filepath.Glob(tc.db + ".before-restore-*"); len(m) != 0 {
		t.Fatalf("a refused restore kept files aside: %v", m)
	}
	out := tc.ok("restore", b, "--yes", "--by", "王芳")
	es := auditTail(t, tc, 1)
	aside := tc.db + ".before-restore-20261123-113000"
	info, err := service.InspectBackup(context.Background(), b, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, aside) || es[0].Kind != data.AuditRestore || es[0].By != "王芳" ||
		es[0].What != data.Head16(info.AuditHead)+"; "+filepath.Base(aside) {
		t.Fatalf("after restore: %q %+v", out, es[0])
	}
	// An unknown --by is refused before anything is replaced.
	before, _ := os.ReadFile(tc.db)
	if _, errs, code := tc.run("restore", b, "--yes", "--by", "无名氏"); code != 1 || !strings.Contains(errs, "无名氏") {
		t.Fatalf("restore by an unknown name: %d %s", code, errs)
	}
	if after, _ := os.ReadFile(tc.db); string(after) != string(before) {
		t.Fatal("a refused restore changed the database")
	}
	if m, _ := filepath.Glob(tc.db + ".before-restore-*"); len(m) != 1 {
		t.Fatalf("files kept aside: %v", m)
	}
	tc.ok("compact", "--by", "王芳")
	if e := auditTail(t, tc, 1)[0]; e.Kind != data.AuditCompact || e.By != "王芳" || !strings.Contains(e.What, " → ") {
		t.Fatalf("after compact: %+v", e)
	}
	if out := tc.ok("settings", "show"); out == "" {
		t.Fatal("settings show")
	}
}

// A restore prepared in the window and still waiting (its restart did not
// happen): a reading command says so and reads the file as it is; the next
// changing command puts it in place first, then does its work on the
// restored database; a restore from the command line replaces a waiting one.
func TestTheCommandLineAppliesAWaitingRestore(t *testing.T) {
	tc := newTestCLI(t)
	first := newCase(tc, "早餐太差")
	b := filepath.Join(t.TempDir(), "b.db")
	tc.ok("backup", "-o", b)
	second := newCase(tc, "导游迟到")
	prepare := func() {
		svc, err := service.Open(context.Background(), tc.db, service.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer svc.Close()
		if _, err := svc.PrepareRestore(context.Background(), data.Actor{Name: "王芳", Role: data.RoleOwner}, b, ""); err != nil {
			t.Fatal(err)
		}
	}
	prepare()
	_, errs, code := tc.run("case", "show", second)
	if code != 0 || !strings.Contains(errs, "is waiting") {
		t.Fatalf("reading while a restore waits: %d %q", code, errs)
	}
	if r, _ := service.Waiting(tc.db); !r {
		t.Fatal("a reading command applied the restore")
	}
	out, errs, code := tc.run("case", "new", "--customer", "李雷", "--phone", "13900139000", "--channel", "phone",
		"--kind", "complaint", "--category", "meals", "--severity", "normal", "--subject", "退款", "--by", "王芳")
	if code != 0 || !strings.Contains(errs, "was waiting and is now in place") {
		t.Fatalf("changing while a restore waits: %d %q %q", code, out, errs)
	}
	third := strings.TrimSpace(out)
	// The restored counter gives the new case the number the lost one had.
	if got := tc.ok("case", "show", second); strings.Contains(got, "导游迟到") {
		t.Fatal("the case made after the backup survived the restore")
	}
	tc.ok("case", "show", first)
	tc.ok("case", "show", third) // the new work is on the restored database
	if r, _ := service.Waiting(tc.db); r {
		t.Fatal("the restore still waits")
	}
	es := auditTail(t, tc, 3)
	found := false
	for _, e := range es {
		found = found || (e.Kind == data.AuditRestore && e.By == "王芳")
	}
	if !found {
		t.Fatalf("the restore is not on the chain: %+v", es)
	}
	// A command-line restore replaces a waiting one: the window's next start
	// must not put the older one in place over it.
	prepare()
	_, errs, code = tc.run("restore", b, "--yes")
	if code != 0 || !strings.Contains(errs, "this restore replaces it") {
		t.Fatalf("restore while one waits: %d %q", code, errs)
	}
	if r, _ := service.Waiting(tc.db); r {
		t.Fatal("the older restore still waits")
	}
}
