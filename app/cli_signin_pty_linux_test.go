package main

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// openPTY opens a pseudo-terminal: the command reads the slave as its
// terminal; the test types into the master.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	var unlock, n int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		m.Close()
		t.Skipf("unlock pty: %v", e)
	}
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		m.Close()
		t.Skipf("pty number: %v", e)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("open pty: %v", err)
	}
	t.Cleanup(func() { s.Close(); m.Close() })
	return m, s
}

// On a terminal, the PIN is asked for (without echo) instead of read from CASEBOOK_PIN.
func TestCommandLineAsksForThePINOnATerminal(t *testing.T) {
	tc := newTestCLI(t)
	tc.login = "赵总"
	tc.ok("staff", "add", "赵总", "--role", "owner")
	master, slave := openPTY(t)
	run := func(typed string, args ...string) (string, string, int) {
		t.Setenv(pinEnv, "")
		t.Setenv(newPINEnv, "")
		go master.Write([]byte(typed))
		var out, errb bytes.Buffer
		c := &cli{stdin: slave, stdout: &out, stderr: &errb, dbPath: tc.db, loc: tc.loc, lang: tc.lang, kdf: &cheapKDF,
			now: func() time.Time { return tc.now }, login: func() string { return tc.login }}
		code := c.run(context.Background(), args)
		return out.String(), errb.String(), code
	}
	// The new PIN typed twice; differing, nothing is set.
	if _, errs, code := run("2580\r2581\r", "staff", "pin", "赵总"); code != 1 || !strings.Contains(errs, "differ") {
		t.Fatalf("differing: %d %s", code, errs)
	}
	if _, errs, code := run("2580\r2580\r", "staff", "pin", "赵总"); code != 0 || !strings.Contains(errs, "New PIN or password for 赵总") {
		t.Fatalf("typed twice: %d %s", code, errs)
	}
	if _, errs, code := run("1111\r", "staff", "add", "李强"); code != 1 || !strings.Contains(errs, "Wrong PIN") || !strings.Contains(errs, "PIN or password of 赵总") {
		t.Fatalf("wrong PIN typed: %d %s", code, errs)
	}
	if out, errs, code := run("2580\r", "staff", "add", "李强"); code != 0 || strings.Contains(out+errs, "2580") {
		t.Fatalf("right PIN typed: %d %s %s", code, out, errs)
	}
}
