package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

// cheapKDF keeps the tests fast; data.DefaultKDF is measured by data's benchmark.
var cheapKDF = data.KDF{Time: 1, Memory: 64, Threads: 1, KeyLen: 32}

// runPIN is tc.run with CASEBOOK_PIN and CASEBOOK_NEW_PIN set ("" unset) and cheap hashes.
func (tc *testCLI) runPIN(pin, newPIN string, args ...string) (string, string, int) {
	tc.t.Setenv(pinEnv, pin)
	tc.t.Setenv(newPINEnv, newPIN)
	var out, errb bytes.Buffer
	c := &cli{stdout: &out, stderr: &errb, dbPath: tc.db, loc: tc.loc, lang: tc.lang, kdf: &cheapKDF,
		now:      func() time.Time { return tc.now },
		login:    func() string { return tc.login },
		startGUI: func(string) error { tc.t.Fatal("GUI started by a command"); return nil }}
	code := c.run(context.Background(), args)
	return out.String(), errb.String(), code
}

func TestCommandLineSignIn(t *testing.T) {
	tc := newTestCLI(t)
	tc.login = "赵总"
	tc.ok("staff", "add", "赵总", "--role", "owner")
	tc.ok("staff", "add", "王芳", "--role", "staff")
	tc.ok("staff", "add", "陈静", "--role", "supervisor")
	// Sign-in off: today's behaviour, no PIN needed.
	number := strings.TrimSpace(tc.ok("case", "new", "--customer", "王小明", "--phone", "13800138000", "--subject", "导游强制购物", "--channel", "walkin", "--kind", "complaint", "--severity", "normal", "--by", "王芳"))

	// Staff cannot turn sign-in on, nor set another's PIN.
	if _, errs, code := tc.runPIN("", "1357", "staff", "pin", "陈静", "--by", "王芳"); code != 1 || !strings.Contains(errs, "role") {
		t.Fatalf("staff setting a PIN: %d %s", code, errs)
	}
	if _, errs, code := tc.runPIN("", "1357", "staff", "pin", "王芳"); code != 1 || !strings.Contains(errs, "an owner first chooses their own PIN") {
		t.Fatalf("the owner giving someone else the first PIN: %d %s", code, errs)
	}
	if _, errs, code := tc.runPIN("", "12", "staff", "pin", "赵总"); code != 1 || !strings.Contains(errs, "4 to 8 digits") {
		t.Fatalf("a 2-digit PIN: %d %s", code, errs)
	}
	if out, errs, code := tc.runPIN("", "2580", "staff", "pin", "赵总"); code != 0 || !strings.Contains(out, "sign-in is on") {
		t.Fatalf("owner's first PIN: %d %s %s", code, out, errs)
	}
	// Now a change needs the PIN; reading does not.
	if _, errs, code := tc.runPIN("", "", "case", "note", number, "--text", "客户来电", "--by", "赵总"); code != 1 || !strings.Contains(errs, "CASEBOOK_PIN") {
		t.Fatalf("no PIN: %d %s", code, errs)
	}
	if _, errs, code := tc.runPIN("0000", "", "case", "note", number, "--text", "客户来电", "--by", "赵总"); code != 1 || !strings.Contains(errs, "Wrong PIN") || !strings.Contains(errs, "4 more tries") {
		t.Fatalf("wrong PIN: %d %s", code, errs)
	}
	if _, errs, code := tc.runPIN("2580", "", "case", "note", number, "--text", "客户来电", "--by", "王芳"); code != 1 || !strings.Contains(errs, "王芳 has no PIN yet") {
		t.Fatalf("someone without a PIN: %d %s", code, errs)
	}
	if out, _, code := tc.runPIN("", "", "case", "show", number); code != 0 || !strings.Contains(out, "导游强制购物") {
		t.Fatalf("reading without a PIN: %d", code)
	}
	if _, errs, code := tc.runPIN("2580", "", "case", "note", number, "--text", "客户来电", "--by", "赵总"); code != 0 {
		t.Fatalf("right PIN: %d %s", code, errs)
	}
	// The owner sets 王芳's; she changes her own with her old one.
	if _, errs, code := tc.runPIN("2580", "1357", "staff", "pin", "王芳"); code != 0 {
		t.Fatalf("owner sets 王芳's: %s", errs)
	}
	if _, errs, code := tc.runPIN("1357", "1234", "staff", "pin", "陈静", "--by", "王芳"); code != 1 || !strings.Contains(errs, "role") {
		t.Fatalf("staff resetting another's: %d %s", code, errs)
	}
	if _, errs, code := tc.runPIN("1357", "a long password", "staff", "pin", "王芳", "--by", "王芳"); code != 0 {
		t.Fatalf("own change: %s", errs)
	}
	if out := tc.ok("staff", "list"); !strings.Contains(out, "Sign-in") || !regexp.MustCompile(`王芳\s+Staff\s+password`).MatchString(out) ||
		!regexp.MustCompile(`赵总\s+Owner\s+PIN`).MatchString(out) || !regexp.MustCompile(`陈静\s+Supervisor\s+no PIN`).MatchString(out) {
		t.Errorf("staff list:\n%s", out)
	}
	// Five wrong tries in a row lock 赵总 (the right one above reset the count); the message says how long.
	for i := 0; i < 4; i++ {
		tc.runPIN("9999", "", "case", "note", number, "--text", "x", "--by", "赵总")
	}
	if _, errs, code := tc.runPIN("9999", "", "case", "note", number, "--text", "x", "--by", "赵总"); code != 1 || !strings.Contains(errs, "wait 30 s") {
		t.Fatalf("fifth wrong: %d %s", code, errs)
	}
	if _, errs, code := tc.runPIN("2580", "", "case", "note", number, "--text", "x", "--by", "赵总"); code != 1 || !strings.Contains(errs, "Too many wrong tries") {
		t.Fatalf("right PIN while locked: %d %s", code, errs)
	}
	tc.now = tc.now.Add(31 * time.Second)
	if _, errs, code := tc.runPIN("2580", "", "case", "note", number, "--text", "x", "--by", "赵总"); code != 0 {
		t.Fatalf("after the wait: %d %s", code, errs)
	}
	// The note is 赵总's; the chain holds the sign-ins and still verifies.
	if out := tc.ok("case", "show", number, "--json"); !strings.Contains(out, "赵总") {
		t.Fatal("the note is not by 赵总")
	}
	if out, errs, code := tc.runPIN("", "", "audit", "verify"); code != 0 {
		t.Fatalf("audit verify: %s %s", out, errs)
	}
}

// In Chinese, the refusal is Chinese.
func TestCommandLineSignInRefusalTranslated(t *testing.T) {
	tc := newTestCLI(t)
	tc.login = "赵总"
	tc.ok("staff", "add", "赵总", "--role", "owner")
	tc.runPIN("", "2580", "staff", "pin", "赵总")
	tc.lang = "zh-Hans"
	if _, errs, code := tc.runPIN("", "", "staff", "add", "李强"); code != 1 || !strings.Contains(errs, "已启用登录") {
		t.Fatalf("%d %s", code, errs)
	}
}
