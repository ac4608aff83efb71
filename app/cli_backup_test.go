package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casebook/app/service"
)

func init() { service.ScryptWorkFactor = 10 } // quick passphrases in tests

// runIn runs a command with stdin.
func (tc *testCLI) runIn(stdin string, args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	c := &cli{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, dbPath: tc.db, loc: tc.loc, lang: tc.lang,
		now:      func() time.Time { return tc.now },
		login:    func() string { return tc.login },
		startGUI: func(string) error { tc.t.Fatal("GUI started by a command"); return nil }}
	code := c.run(context.Background(), args)
	return out.String(), errb.String(), code
}

func newCase(tc *testCLI, subject string) string {
	return strings.TrimSpace(tc.ok("case", "new", "--customer", "王小明", "--phone", "13800138000", "--channel", "walkin",
		"--kind", "complaint", "--category", "meals", "--severity", "normal", "--subject", subject, "--by", "王芳"))
}

func TestBackupRestoreCompactCommands(t *testing.T) {
	t.Setenv(passphraseEnv, "")
	tc := newTestCLI(t)
	first := newCase(tc, "早餐太差")
	dir := t.TempDir()
	plain, enc := filepath.Join(dir, "b.db"), filepath.Join(dir, "b.age")

	if _, errs, code := tc.run("backup"); code != 2 || !strings.Contains(errs, "-o FILE") {
		t.Fatalf("backup without -o: %d %s", code, errs)
	}
	out := tc.ok("backup", "-o", plain)
	if !strings.Contains(out, "Backup written to "+plain+" and checked: 1 cases") {
		t.Fatalf("backup: %s", out)
	}
	// No passphrase and no terminal: refused, nothing written.
	if _, errs, code := tc.run("backup", "-o", enc, "--encrypt"); code != 1 || !strings.Contains(errs, passphraseEnv) {
		t.Fatalf("encrypt without a passphrase: %d %s", code, errs)
	}
	if _, err := os.Stat(enc); err == nil {
		t.Fatal("a refused backup wrote a file")
	}
	t.Setenv(passphraseEnv, "柜台钥匙")
	tc.ok("backup", "-o", enc, "--encrypt")
	t.Setenv(passphraseEnv, "")

	tc.now = tc.now.Add(time.Hour)
	second := newCase(tc, "导游迟到")

	// Asked, and not confirmed: nothing restored.
	out, errs, code := tc.runIn("n\n", "restore", plain)
	if code != 1 || !strings.Contains(out, "taken 23 Nov 2026 10:30, 1 cases") || !strings.Contains(errs, "Nothing was restored.") ||
		!strings.Contains(out, "Its audit chain is intact: ") {
		t.Fatalf("restore, answered no: %d %q %q", code, out, errs)
	}
	if !strings.Contains(tc.ok("case", "show", second), "导游迟到") {
		t.Fatal("a refused restore lost the later case")
	}
	// The encrypted one without its passphrase, then with a wrong one: refused.
	if _, errs, code := tc.run("restore", enc, "--yes"); code != 1 || !strings.Contains(errs, "encrypted backup: give the passphrase") {
		t.Fatalf("encrypted, no passphrase: %d %s", code, errs)
	}
	t.Setenv(passphraseEnv, "wrong")
	if _, errs, code := tc.run("restore", enc, "--yes"); code != 1 || !strings.Contains(errs, "The passphrase does not open") {
		t.Fatalf("wrong passphrase: %d %s", code, errs)
	}
	t.Setenv(passphraseEnv, "柜台钥匙")
	out, errs, code = tc.runIn("y\n", "restore", enc)
	if code != 0 || !strings.Contains(out, "Restored. The database as it was is kept as "+tc.db+".before-restore-20261123-113000") {
		t.Fatalf("restore: %d %q %q", code, out, errs)
	}
	if _, errs, code := tc.run("case", "show", second); code != 1 || !strings.Contains(errs, "Not found: case "+second) {
		t.Errorf("the later case after restore: %d %s", code, errs)
	}
	tc.ok("case", "show", first)

	// Garbage is refused, the database untouched.
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, bytes.Repeat([]byte("not a database "), 1000), 0o600)
	before, _ := os.ReadFile(tc.db)
	if _, errs, code := tc.run("restore", junk, "--yes"); code != 1 || !strings.Contains(errs, "is not a usable backup") {
		t.Fatalf("garbage: %d %s", code, errs)
	}
	if after, _ := os.ReadFile(tc.db); !bytes.Equal(before, after) {
		t.Fatal("a refused restore changed the database")
	}

	out = tc.ok("compact")
	if !strings.Contains(out, "Compacted "+tc.db+":") || !strings.Contains(out, "(1 cases)") {
		t.Fatalf("compact: %s", out)
	}
	tc.ok("case", "show", first)

	// In Chinese too.
	tc.lang = "zh-Hans"
	if _, errs, _ := tc.run("restore", junk, "--yes"); !strings.Contains(errs, "不是可用的备份") {
		t.Errorf("zh-Hans: %s", errs)
	}
}
