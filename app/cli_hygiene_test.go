package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"casebook/data"
	"casebook/mailsync/memserver"
)

// hasTerminalControls reports whether s holds anything a terminal would act
// on rather than show: C0/C1 controls (but newline), DEL, invalid UTF-8,
// bidirectional overrides.
func hasTerminalControls(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if r != '\n' && r != '\t' && data.IsControl(r) {
			return true
		}
	}
	return false
}

// The inputs are refused at the command line, naming the field, and
// nothing is stored.
func TestCommandLineRefusesControlCharactersAndBadUTF8(t *testing.T) {
	tc := newTestCLI(t)
	base := []string{"case", "new", "--channel", "phone", "--kind", "complaint", "--severity", "normal"}
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--customer", "李雷", "--subject", "a\x1b[31mRED\x07\r"}, "The subject contains a control character"},
		{[]string{"--customer", "Bob\xff\xfe", "--subject", "x"}, "The customer's name is not valid UTF-8"},
		{[]string{"--customer", "李雷", "--subject", "第一行\n第二行"}, "The subject must be one line"},
		{[]string{"--customer", "李雷", "--subject", "x", "--description", "ok\n\x1b]0;title\x07"}, "The description of what happened contains a control character"},
		{[]string{"--customer", "李雷", "--subject", strings.Repeat("长", 201)}, "The subject may have at most 200 characters."},
		{[]string{"--customer", "李雷", "--subject", "x", "--departure", "1999-05-01"}, "The departure date is before the year 2000"},
	} {
		out, errs, code := tc.run(append(base, c.args...)...)
		if code != 1 || out != "" || !strings.Contains(errs, c.says) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 1 saying %q", c.args, code, out, errs, c.says)
		}
		if hasTerminalControls(errs) {
			t.Errorf("%q: the error prints controls: %q", c.args, errs)
		}
	}
	if out := tc.ok("case", "list"); !strings.Contains(out, "0 case(s)") && strings.Count(out, "\n") > 1 {
		t.Errorf("something was stored: %s", out)
	}
	// A multi-line description with a tab is fine.
	tc.ok(append(base, "--customer", "李雷", "--subject", "x", "--description", "第一行\n\t第二行")...)
	// A note with an escape sequence is refused too.
	if _, errs, code := tc.run("case", "note", "A-2026-0001", "--text", "call back\x1b[2J"); code != 1 || !strings.Contains(errs, "The note contains a control character") {
		t.Errorf("note: exit %d: %s", code, errs)
	}
}

func TestReceivedBefore2000IsRefusedNotReplaced(t *testing.T) {
	tc := newTestCLI(t)
	base := []string{"case", "new", "--customer", "李雷", "--channel", "phone", "--kind", "complaint", "--severity", "normal", "--subject", "x"}
	for _, v := range []string{"0001-01-01T00:00:00Z", "1999-12-31T23:59:59+08:00"} {
		out, errs, code := tc.run(append(base, "--received", v)...)
		if code != 1 || out != "" || !strings.Contains(errs, "The received time is before the year 2000") {
			t.Errorf("--received %s: exit %d, stdout %q, stderr %q", v, code, out, errs)
		}
	}
	if _, errs, code := tc.run(append(base, "--received", "2026-11-24T10:30:00+08:00")...); code != 1 || !strings.Contains(errs, "future") {
		t.Errorf("--received tomorrow: exit %d: %s", code, errs)
	}
	number := strings.TrimSpace(tc.ok(append(base, "--received", "2026-11-20T09:00:00+08:00")...))
	if out := tc.ok("case", "show", number); !strings.Contains(out, "2026-11-20 09:00") {
		t.Errorf("received time not kept:\n%s", out)
	}
}

func TestListLimitMustNotBeNegative(t *testing.T) {
	tc := newTestCLI(t)
	for _, args := range [][]string{{"case", "list", "--limit", "-1"}, {"mail", "list", "--limit", "-5"}} {
		out, errs, code := tc.run(args...)
		if code != 2 || out != "" || !strings.Contains(errs, "--limit") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2", args, code, out, errs)
		}
	}
	tc.ok("staff", "add", "王芳", "--role", "owner")
	tc.ok("case", "list", "--limit", "0")
}

func TestAgencyPhoneErrorSaysWhatIsWrong(t *testing.T) {
	tc := newTestCLI(t)
	tc.ok("staff", "add", "王芳", "--role", "owner")
	for phone, says := range map[string]string{
		"010-1":             "The agency's phone number has too few digits: a phone number has 5 to 15 digits.",
		"010-1234567890123": "The agency's phone number has too many digits",
		"010-CALL-US":       "may only have digits, spaces, dashes, brackets and a leading +",
	} {
		_, errs, code := tc.run("agency", "set", "--phone", phone)
		if code != 1 || !strings.Contains(errs, says) {
			t.Errorf("--phone %s: exit %d: %s; want %q", phone, code, errs, says)
		}
	}
	tc.ok("agency", "set", "--phone", "010-6512 3456")
}

func TestAccountCAFileMustHoldACertificate(t *testing.T) {
	tc := newTestCLI(t)
	tc.ok("staff", "add", "王芳", "--role", "owner")
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "notes.pem")
	key := filepath.Join(dir, "key.pem")
	good := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(notPEM, []byte("hello\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte{1, 2, 3}}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, testCAPEM(t), 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"account", "set", "--preset", "qq", "--address", "kefu@qq.com"}
	for file, says := range map[string]string{
		"/nonexistent.pem": "there is no such file",
		dir:                "cannot be read",
		notPEM:             "holds no PEM certificate",
		key:                "holds no PEM certificate",
	} {
		_, errs, code := tc.run(append(base, "--ca-file", file)...)
		if code != 1 || !strings.Contains(errs, says) || !strings.Contains(errs, "--ca-file") {
			t.Errorf("--ca-file %s: exit %d: %s; want %q", file, code, errs, says)
		}
	}
	if out := tc.ok("account", "show"); strings.Contains(out, "qq.com") {
		t.Errorf("a refused account was saved:\n%s", out)
	}
	tc.ok(append(base, "--ca-file", good)...)
	if out := tc.ok("account", "show"); !strings.Contains(out, good) {
		t.Errorf("CA file not saved:\n%s", out)
	}
}

func testCAPEM(t *testing.T) []byte {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// Data stored before input was checked (or by another program) cannot drive
// the terminal: every string of the text output goes through the sanitiser.
func TestTextOutputNeverPrintsRawControls(t *testing.T) {
	hostile := "a\x1b[31mRED\x07\r\u009b2J\u202Eevil\xff"
	loc := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, loc)
	cs := data.Case{Number: "A-2026-0001", Status: data.StatusNew, Kind: data.KindComplaint, Severity: data.SeverityNormal,
		Channel: data.ChannelPhone, Category: "other", Subject: hostile, Description: "line one\nline two " + hostile,
		Demand: hostile, Customer: data.Customer{Name: hostile, Phone: hostile, Email: hostile},
		Booking: data.Booking{Ref: hostile, Guide: hostile, Supplier: hostile}, ReceivedAt: now, Owner: hostile,
		Facts: hostile, Remedies: []data.Remedy{{Kind: data.RemedyRefund, Note: hostile}},
		Timeline: []data.Event{{At: now, By: hostile, Type: data.EventNote, Note: hostile},
			{At: now, By: "e-mail", Type: data.EventMailIn, Args: map[string]string{data.ArgSubject: hostile}}}}
	var out bytes.Buffer
	c := &cli{stdout: &out, stderr: &out, lang: "en", loc: loc}
	c.printCase(cs, now, data.DefaultSettings())
	writeTable(&out, []string{"Number", "Subject"}, [][]string{{cs.Number, hostile}, {hostile, "x\ny"}})
	tw := termWriter{&out}
	if _, err := tw.Write([]byte(hostile + "\n")); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if hasTerminalControls(got) {
		t.Fatalf("raw controls printed: %q", got)
	}
	for _, want := range []string{"a␛[31mRED␇␍", "⟨U+009B⟩2J", "⟨U+202E⟩evil\uFFFD", "line one\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	// A table cell stays on its line.
	if !strings.Contains(got, "x␊y") {
		t.Errorf("a newline in a cell was printed raw:\n%s", got)
	}
	if termLine("王芳 ordinary text") != "王芳 ordinary text" {
		t.Error("plain text changed")
	}
}

// A mail with more parts than intake reads opens its case with what could be
// read, and says what was not: in mail list, in its JSON and in case show --json.
// Its subject and sender's name come in without their control characters.
func TestMailOverTheLimitsShowsAWarning(t *testing.T) {
	t.Setenv("CASEBOOK_MAIL_PASSWORD", memserver.Password)
	im := memserver.StartIMAP(t)
	tc := newTestCLI(t)
	tc.now = time.Now()
	ih, ip := memserver.HostPort(im.Addr)
	tc.ok("account", "set", "--imap-host", ih, "--imap-port", fmt.Sprint(ip), "--imap-security", "none",
		"--smtp-host", "127.0.0.1", "--smtp-port", "1", "--smtp-security", "none", "--auto-ack=false",
		"--username", memserver.User, "--address", memserver.User, "--initial-days", "0")
	var b strings.Builder
	b.WriteString("Message-ID: <parts@example.com>\r\nDate: " + time.Now().Add(-time.Hour).Format(time.RFC1123Z) +
		"\r\nFrom: =?utf-8?b?" + base64.StdEncoding.EncodeToString([]byte("钱\x1b[31m女士")) + "?= <qian@example.com>\r\nTo: " + memserver.User +
		"\r\nSubject: =?utf-8?b?" + base64.StdEncoding.EncodeToString([]byte("收据\x1b[2J\x07照片")) + "?=\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n收据照片见附件。\r\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "--b\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"r%d.jpg\"\r\n\r\nx\r\n", i)
	}
	b.WriteString("--b--\r\n")
	im.Deliver(t, b.String())
	if out := tc.ok("sync", "--once"); !strings.Contains(out, "new cases 1") {
		t.Fatalf("sync: %s", out)
	}
	text := tc.ok("mail", "list")
	if !strings.Contains(text, "4,502 of 5,002 parts of this message not shown: too many parts") || hasTerminalControls(text) {
		t.Errorf("mail list:\n%s", text)
	}
	var log []struct {
		Case     string             `json:"case"`
		Subject  string             `json:"subject"`
		From     string             `json:"from"`
		Warnings []data.MailWarning `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(tc.ok("mail", "list", "--json")), &log); err != nil || len(log) != 1 {
		t.Fatalf("mail list --json: %v %+v", err, log)
	}
	if w := log[0].Warnings; len(w) != 1 || w[0].Code != data.MailWarnTooManyParts || w[0].Count != 4502 || w[0].Total != 5002 {
		t.Errorf("warnings %+v", w)
	}
	if log[0].Subject != "收据[2J照片" || log[0].From != "钱[31m女士 <qian@example.com>" {
		t.Errorf("subject %q, from %q", log[0].Subject, log[0].From)
	}
	var cs struct {
		Subject  string `json:"subject"`
		Messages []struct {
			Attachments []any              `json:"attachments"`
			Warnings    []data.MailWarning `json:"warnings"`
		} `json:"messages"`
	}
	if err := json.Unmarshal([]byte(tc.ok("case", "show", log[0].Case, "--json")), &cs); err != nil || len(cs.Messages) != 1 {
		t.Fatalf("case show --json: %v %+v", err, cs)
	}
	if m := cs.Messages[0]; len(m.Attachments) != 498 || len(m.Warnings) != 1 || m.Warnings[0].Count != 4502 {
		t.Errorf("message: %d attachments, warnings %+v", len(m.Attachments), m.Warnings)
	}
}
