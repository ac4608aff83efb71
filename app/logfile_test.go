package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"casebook/app/logging"
	"casebook/mailsync/memserver"
)

// runLogged runs a command as main does: with the log file open.
func (tc *testCLI) runLogged(args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	c := &cli{stdout: &out, stderr: &errb, dbPath: tc.db, loc: tc.loc,
		now:      func() time.Time { return tc.now },
		startGUI: func(string) error { tc.t.Fatal("GUI started by a command"); return nil }}
	code := c.runLogged(context.Background(), args)
	return out.String(), errb.String(), code
}

func (tc *testCLI) okLogged(args ...string) string {
	tc.t.Helper()
	out, errs, code := tc.runLogged(args...)
	if code != 0 {
		tc.t.Fatalf("casebook %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	if strings.Contains(errs, "level=") || strings.Contains(out, "level=") {
		tc.t.Errorf("casebook %s: log records on the terminal:\n%s%s", strings.Join(args, " "), out, errs)
	}
	return out
}

// TestLogRecordsAFlowWithoutPersonalData runs commands and mail syncs, with a
// refusal that quotes the customer's address, and reads the log file.
func TestLogRecordsAFlowWithoutPersonalData(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CASEBOOK_LOG_DIR", dir)
	t.Setenv("CASEBOOK_LOG", "")
	t.Setenv("CASEBOOK_MAIL_PASSWORD", memserver.Password)
	im, sm := memserver.StartIMAP(t), memserver.StartSMTP(t)
	tc := newTestCLI(t)
	tc.now = time.Now()

	tc.okLogged("case", "new", "--customer", "王小明", "--phone", "138 0013 8000",
		"--email", "xm.wang@163.com", "--channel", "walkin", "--kind", "complaint", "--category", "forced_shopping",
		"--severity", "normal", "--subject", "云南六日游导游强制购物", "--description", "在大理玉石店停留两个多小时。",
		"--demand", "退还费用并道歉", "--amount", "1200.50", "--owner", "王芳", "--by", "王芳")
	ih, ip := memserver.HostPort(im.Addr)
	sh, sp := memserver.HostPort(sm.Addr)
	tc.okLogged("account", "set", "--imap-host", ih, "--imap-port", fmt.Sprint(ip), "--imap-security", "none",
		"--smtp-host", sh, "--smtp-port", fmt.Sprint(sp), "--smtp-security", "none",
		"--username", memserver.User, "--address", memserver.User, "--display-name", "阳光旅行社", "--initial-days", "0", "--by", "王芳")

	// A customer writes: a new case, acknowledged by e-mail.
	im.Deliver(t, memserver.Mail("c1@qq.com", "李娜 <li.na@qq.com>", "三亚酒店房型不符", "订的海景房，入住后是园景房。"))
	tc.okLogged("--log-level", "debug", "sync", "--once", "--by", "王芳")
	number := "A-2026-0002"
	// The reply is refused, quoting the address; then the password is wrong.
	sm.Fail(&smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "<li.na@qq.com>: Recipient address rejected"})
	tc.okLogged("case", "reply", number, "--text", "已联系酒店，今晚为您换房。", "--by", "王芳")
	tc.okLogged("sync", "--once", "--by", "王芳")
	t.Setenv("CASEBOOK_MAIL_PASSWORD", "wrong-Pa55word")
	if _, errs, code := tc.runLogged("sync", "--once", "--by", "王芳"); code == 0 || strings.Contains(errs, "level=") {
		t.Errorf("sync with a wrong password: exit %d: %s", code, errs)
	}
	// A letter is printed.
	tc.okLogged("agency", "set", "--name", "阳光旅行社", "--by", "王芳")
	tc.okLogged("case", "move", number, "--to", "acknowledged", "--by", "王芳")
	tc.okLogged("letter", number, "--type", "ack", "-o", filepath.Join(t.TempDir(), "ack.pdf"), "--by", "王芳")

	b, err := os.ReadFile(filepath.Join(dir, logging.FileName))
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{
		`msg=start version=` + version + ` command="case new"`,
		`msg=stop command="case new" exit=0 db=` + tc.db,
		`msg="database created" path=` + tc.db,
		`msg="mail sync started"`, // --log-level debug
		`msg="mail sync done" fetched=1 new_cases=1`,
		`msg="mail sent" message=`,
		`msg="mail failed for good" message=`,
		`Recipient address rejected`,
		`msg="mail sync failed"`,
		`level=WARN msg=stop command=sync exit=1`,
		`msg="document printed" document="letter ack" case=` + number,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the log lacks %q", want)
		}
	}
	if strings.Count(got, `msg="mail sync started"`) != 1 {
		t.Error("debug records were written without --log-level debug")
	}
	for _, secret := range []string{"王小明", "138 0013 8000", "13800138000", "xm.wang", "163.com", "李娜", "li.na",
		"qq.com", "@", "云南六日游", "三亚酒店", "海景房", "换房", "玉石店", memserver.Password, "wrong-Pa55word"} {
		if strings.Contains(got, secret) {
			t.Errorf("the log contains %q", secret)
		}
	}
	if t.Failed() {
		t.Logf("log:\n%s", got)
	}
}

func TestLogLevelIsChecked(t *testing.T) {
	t.Setenv("CASEBOOK_LOG_DIR", t.TempDir())
	tc := newTestCLI(t)
	t.Setenv("CASEBOOK_LOG", "loud")
	if _, errs, code := tc.runLogged("case", "list"); code != 2 || !strings.Contains(errs, "CASEBOOK_LOG") || !strings.Contains(errs, "debug, info, warn, error") {
		t.Errorf("CASEBOOK_LOG=loud: exit %d: %s", code, errs)
	}
	t.Setenv("CASEBOOK_LOG", "")
	if _, errs, code := tc.runLogged("--log-level", "loud", "case", "list"); code == 0 || !strings.Contains(errs, "-log-level") || !strings.Contains(errs, "debug, info, warn, error") {
		t.Errorf("--log-level loud: exit %d: %s", code, errs)
	}
}

// A log folder that cannot be written: one warning, and the command works.
func TestUnwritableLogFolderOnlyWarns(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CASEBOOK_LOG_DIR", filepath.Join(blocker, "logs"))
	t.Setenv("CASEBOOK_LOG", "")
	tc := newTestCLI(t)
	out, errs, code := tc.runLogged("demo", "--cases", "2", "--by", "王芳")
	if code != 0 || strings.Count(errs, "warning") != 1 || !strings.Contains(errs, "without a log file") || strings.Contains(errs, "level=") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestPanicOnAGoroutineIsLoggedWithItsStack(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CASEBOOK_LOG_DIR", dir)
	_, closeLog, err := logging.Setup("info")
	if err != nil {
		t.Fatal(err)
	}
	handed := make(chan struct{})
	goSafely("test worker", func() { explode() }, func() { close(handed) })
	select {
	case <-handed:
	case <-time.After(10 * time.Second):
		t.Fatal("the panic was not handed on")
	}
	closeLog()
	b, err := os.ReadFile(filepath.Join(dir, logging.FileName))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`level=ERROR msg=panic in="test worker" value="worker exploded"`, "app.explode(", "logfile_test.go"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the log lacks %q:\n%s", want, b)
		}
	}
}

func explode() { panic("worker exploded") }

func TestCommandWordsLeaveArgumentsOut(t *testing.T) {
	for args, want := range map[string]string{
		"":               "gui",
		"--db /tmp/x.db": "gui",
		"--db /tmp/x.db --log-level debug case list": "case list",
		"--db=/tmp/x.db case new --customer 王小明":     "case new",
		"case show A-2026-0001 --json":               "case show",
		"letter A-2026-0001 --type ack":              "letter",
		"sync --once":                                "sync",
		"account password":                           "account password",
	} {
		if got := commandWords(strings.Fields(args)); got != want {
			t.Errorf("commandWords(%q) = %q, want %q", args, got, want)
		}
	}
}
