package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// sampleDB makes a database with a few cases through the command line and
// returns its bytes.
func sampleDB(t *testing.T) (*testCLI, []byte, string) {
	t.Helper()
	tc := newTestCLI(t)
	tc.ok("demo", "--cases", "60", "--by", "王芳")
	tc.ok("agency", "set", "--name", "北京晴空国际旅行社有限公司", "--by", "王芳")
	number := firstNumber(tc)
	b, err := os.ReadFile(tc.db)
	if err != nil {
		t.Fatal(err)
	}
	return tc, b, number
}

var caseNumber = regexp.MustCompile(`[A-Z0-9]+-\d{4}-\d{4,}`)

func firstNumber(tc *testCLI) string {
	tc.t.Helper()
	n := caseNumber.FindString(tc.ok("case", "list", "--limit", "1"))
	if n == "" {
		tc.t.Fatal("no case listed")
	}
	return n
}

func noStack(t *testing.T, stderr string) {
	t.Helper()
	for _, w := range []string{"goroutine", "panic", ".go:", "runtime."} {
		if strings.Contains(stderr, w) {
			t.Errorf("stderr shows %q:\n%s", w, stderr)
		}
	}
}

func TestDamagedDatabaseIsRefusedClearlyAndUntouched(t *testing.T) {
	_, good, number := sampleDB(t)
	for _, size := range []int{8 << 10, 16 << 10, len(good) / 2, len(good)/2 - 1} {
		tc := newTestCLI(t)
		if err := os.WriteFile(tc.db, good[:size], 0o600); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-time.Hour).Truncate(time.Second)
		os.Chtimes(tc.db, old, old)
		sum := sha256.Sum256(good[:size])
		for _, args := range [][]string{{"case", "list"}, {"case", "show", number}, {"case", "note", number, "--text", "x", "--by", "王芳"},
			{"case", "new", "--customer", "王", "--phone", "13800138000", "--channel", "walkin", "--kind", "complaint",
				"--category", "other", "--severity", "normal", "--subject", "s", "--by", "王芳"}} {
			_, stderr, code := tc.run(args...)
			if code != 1 || !strings.Contains(stderr, "is damaged") || !strings.Contains(stderr, tc.db) ||
				!strings.Contains(stderr, "copy the last good copy") {
				t.Errorf("%d bytes, %s: exit %d\n%s", size, args[:2], code, stderr)
			}
			noStack(t, stderr)
		}
		b, _ := os.ReadFile(tc.db)
		st, _ := os.Stat(tc.db)
		if sha256.Sum256(b) != sum || !st.ModTime().Equal(old) {
			t.Errorf("%d bytes: the damaged file was changed", size)
		}
	}
	// In Chinese too.
	tc := newTestCLI(t)
	tc.lang = "zh-Hans"
	os.WriteFile(tc.db, good[:8<<10], 0o600)
	if _, stderr, _ := tc.run("case", "list"); !strings.Contains(stderr, "已损坏") {
		t.Errorf("zh-Hans: %s", stderr)
	}
}

func TestEmptyFileIsNotMadeIntoADatabase(t *testing.T) {
	tc := newTestCLI(t)
	if err := os.WriteFile(tc.db, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"case", "list"}, {"staff", "list"}, {"case", "show", "A-2026-0001"}, {"case", "note", "A-2026-0001", "--text", "x"}} {
		_, stderr, code := tc.run(args...)
		if code != 1 || !strings.Contains(stderr, "is an empty file") {
			t.Errorf("%s: exit %d: %s", args, code, stderr)
		}
	}
	if st, _ := os.Stat(tc.db); st.Size() != 0 {
		t.Errorf("the empty file became %d bytes", st.Size())
	}
}

// readOnlyPlace makes tc's database read-only for this process: 0400 in a
// 0500 folder, or — for root, whom modes do not stop — a read-only bind mount.
func readOnlyPlace(t *testing.T, tc *testCLI) {
	t.Helper()
	dir := filepath.Dir(tc.db)
	if os.Geteuid() != 0 {
		os.Chmod(tc.db, 0o400)
		os.Chmod(dir, 0o500)
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		return
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "--bind", dir, mnt).CombinedOutput(); err != nil {
		t.Skipf("running as root and cannot bind-mount read-only: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	if out, err := exec.Command("mount", "-o", "remount,ro,bind", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
	tc.db = filepath.Join(mnt, filepath.Base(tc.db))
	if f, err := os.OpenFile(tc.db, os.O_RDWR, 0); err == nil {
		f.Close()
		t.Fatal("the file is still writable")
	}
}

func TestReadCommandsWorkOnAReadOnlyDatabase(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix modes")
	}
	tc, good, number := sampleDB(t)
	readOnlyPlace(t, tc)
	sum := sha256.Sum256(good)
	for _, args := range [][]string{{"case", "list"}, {"case", "show", number}, {"case", "show", number, "--json"}, {"staff", "list"},
		{"settings", "show"}, {"agency", "show"}, {"mail", "list"}, {"account", "show"}} {
		if _, stderr, code := tc.run(args...); code != 0 {
			t.Errorf("%s on a read-only database: exit %d: %s", args, code, stderr)
		}
	}
	_, stderr, code := tc.run("case", "new", "--customer", "王小明", "--phone", "13800138000", "--channel", "walkin",
		"--kind", "complaint", "--category", "other", "--severity", "normal", "--subject", "s", "--by", "王芳")
	if code != 1 || !strings.Contains(stderr, "cannot be changed") || !strings.Contains(stderr, "Reading still works") {
		t.Errorf("case new on a read-only database: exit %d: %s", code, stderr)
	}
	noStack(t, stderr)
	if b, _ := os.ReadFile(tc.db); sha256.Sum256(b) != sum {
		t.Error("the read-only database changed")
	}
}

func TestModesAfterOpeningAndPrinting(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix modes")
	}
	tc, _, number := sampleDB(t)
	os.Chmod(tc.db, 0o644)
	tc.ok("case", "list")
	if st, _ := os.Stat(tc.db); st.Mode().Perm() != 0o600 {
		t.Errorf("database %v after case list, want 0600", st.Mode().Perm())
	}
	out := filepath.Join(t.TempDir(), "archive.pdf")
	tc.ok("archive", "--case", number, "-o", out, "--by", "王芳")
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Errorf("archive %v, want 0600", st.Mode().Perm())
	}
	fresh := newTestCLI(t)
	fresh.db = filepath.Join(t.TempDir(), "new", "folder", "cli.db")
	fresh.ok("staff", "add", "王芳", "--role", "owner", "--by", "王芳")
	for p, want := range map[string]os.FileMode{fresh.db: 0o600, filepath.Dir(fresh.db): 0o700} {
		if st, _ := os.Stat(p); st.Mode().Perm() != want {
			t.Errorf("%s: %v, want %v", p, st.Mode().Perm(), want)
		}
	}
}

// TestHelperCommand is not a test: TestKilledArchiveLeavesNothingForLong
// runs the test binary with it as the command line in another process.
func TestHelperCommand(t *testing.T) {
	args := os.Getenv("CASEBOOK_HELPER_ARGS")
	if args == "" {
		t.Skip("only as a helper process")
	}
	c := &cli{stdout: os.Stdout, stderr: os.Stderr, loc: time.Local, lang: "en",
		startGUI: func(string) error { return nil }}
	os.Exit(c.run(context.Background(), strings.Split(args, "\x1f")))
}

func TestKilledArchiveLeavesNothingForLong(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	tc := newTestCLI(t)
	tc.ok("demo", "--cases", "300", "--by", "王芳")
	tc.ok("agency", "set", "--name", "北京晴空国际旅行社有限公司", "--by", "王芳")
	dir := t.TempDir()
	target := filepath.Join(dir, "closed.pdf")
	args := []string{"--db", tc.db, "archive", "--closed-from", "2000-01-01", "--closed-to", "2099-12-31", "-o", target, "--by", "王芳"}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCommand$")
	cmd.Env = append(os.Environ(), "CASEBOOK_HELPER_ARGS="+strings.Join(args, "\x1f"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var tmp string
	for deadline := time.Now().Add(20 * time.Second); tmp == "" && time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if m, _ := filepath.Glob(filepath.Join(dir, ".casebook-*.tmp")); len(m) > 0 {
			tmp = m[0]
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if tmp == "" {
		t.Fatalf("the archive never started its temporary file: %s", stderr.String())
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Skipf("the archive finished before the kill (%v)", err)
	}
	if _, err := os.Stat(target); err == nil {
		t.Fatal("a killed archive left a file under the real name")
	}
	// The next run in the same folder removes it: nobody holds its lock (where
	// files cannot be locked, only once it is minutes old).
	if runtime.GOOS == "windows" {
		old := time.Now().Add(-10 * time.Minute)
		os.Chtimes(tmp, old, old)
	}
	tc.ok("archive", "--case", firstNumber(tc), "-o", filepath.Join(dir, "one.pdf"), "--by", "王芳")
	if _, err := os.Stat(tmp); err == nil {
		t.Error("the killed run's temporary file is still there")
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".casebook-*")); len(m) > 0 {
		t.Errorf("temporary files left: %v", m)
	}
}
