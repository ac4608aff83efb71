package main

// Outbound exactly once, through the command line and the real binary. Not a
// cli*.go file: it reaches into the store to leave messages "sending", as a
// killed process does.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"casebook/data/store"
	"casebook/mailsync/memserver"
)

// mailCLI is a command line with the agency's account on in-process servers.
func mailCLI(t *testing.T) (*testCLI, *memserver.IMAP, *memserver.SMTP) {
	t.Helper()
	t.Setenv("CASEBOOK_MAIL_PASSWORD", memserver.Password)
	im, sm := memserver.StartIMAP(t), memserver.StartSMTP(t)
	tc := newTestCLI(t)
	tc.now = time.Now()
	ih, ip := memserver.HostPort(im.Addr)
	sh, sp := memserver.HostPort(sm.Addr)
	tc.ok("account", "set", "--imap-host", ih, "--imap-port", fmt.Sprint(ip), "--imap-security", "none",
		"--smtp-host", sh, "--smtp-port", fmt.Sprint(sp), "--smtp-security", "none",
		"--username", memserver.User, "--address", memserver.User, "--display-name", "阳光旅行社", "--initial-days", "0")
	tc.ok("staff", "add", "小李", "--role", "staff")
	return tc, im, sm
}

type mailRow struct {
	ID        uint64 `json:"id"`
	Status    string `json:"status"`
	MessageID string `json:"message_id"`
	Error     string `json:"error"`
}

func outgoingRows(t *testing.T, tc *testCLI) []mailRow {
	t.Helper()
	var rows []mailRow
	if err := json.Unmarshal([]byte(tc.ok("mail", "list", "--out", "--json")), &rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

// sentIDs counts what the server accepted by Message-ID.
func sentIDs(t *testing.T, raws [][]byte) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, raw := range raws {
		m, err := mail.ReadMessage(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		out[strings.Trim(m.Header.Get("Message-ID"), "<>")]++
	}
	return out
}

func TestMailResendAndMarkSentCommands(t *testing.T) {
	tc, _, sm := mailCLI(t)
	number := strings.TrimSpace(tc.ok("case", "new", "--customer", "王小明", "--email", "xm@qq.com", "--channel", "phone",
		"--kind", "complaint", "--category", "accommodation", "--severity", "normal", "--subject", "酒店房间漏水", "--by", "王芳"))
	tc.ok("case", "reply", number, "--text", "已联系酒店，今晚为您换房。", "--by", "小李")
	tc.ok("case", "reply", number, "--text", "换房已安排好。", "--by", "小李")
	// The sender was killed just before both answers came back: they are
	// "sending" on disk.
	ctx := context.Background()
	rows := outgoingRows(t, tc) // newest first
	s, err := store.Open(ctx, tc.db)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if _, err := s.MarkSending(ctx, r.ID); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	out, errs, code := tc.run("sync", "--once")
	if code != 0 || !strings.Contains(out, "may have been sent 2") || !strings.Contains(errs, "casebook mail resend ID") {
		t.Fatalf("sync: exit %d\n%s\n%s", code, out, errs)
	}
	if n := len(sm.Sent()); n != 0 {
		t.Fatalf("%d resent on their own", n)
	}
	rows = outgoingRows(t, tc)
	if rows[0].Status != "uncertain" || rows[1].Status != "uncertain" {
		t.Fatalf("mail list: %+v", rows)
	}
	// The table shows the ID and the status, and says what to do.
	out, errs, _ = tc.run("mail", "list", "--out")
	if !strings.HasPrefix(out, "ID ") || !strings.Contains(out, strconv.FormatUint(rows[0].ID, 10)+" ") || !strings.Contains(out, "May have been sent") ||
		!strings.Contains(errs, "2 message(s) may have been delivered") {
		t.Errorf("mail list:\n%s\n%s", out, errs)
	}

	// Wrong command lines: exit 2.
	for _, args := range [][]string{{"mail", "resend"}, {"mail", "resend", "abc"}, {"mail", "mark-sent", "1", "2"}, {"mail", "mark-sent", "0"}} {
		if _, errs, code := tc.run(args...); code != 2 || !strings.Contains(errs, "message ID") {
			t.Errorf("%v: exit %d: %s", args, code, errs)
		}
	}
	// Someone not on the staff list: refused, nothing changes.
	if _, errs, code := tc.run("mail", "resend", fmt.Sprint(rows[0].ID), "--by", "路人"); code != 1 || !strings.Contains(errs, "not on the staff list") {
		t.Errorf("stranger: exit %d: %s", code, errs)
	}

	// Resend one: same Message-ID, goes out at the next sync; mark the other sent.
	if out := tc.ok("mail", "resend", fmt.Sprint(rows[0].ID), "--by", "小李"); !strings.Contains(out, "same Message-ID") {
		t.Errorf("resend: %s", out)
	}
	if out := tc.ok("mail", "mark-sent", "#"+fmt.Sprint(rows[1].ID), "--by", "小李"); !strings.Contains(out, "marked as sent") {
		t.Errorf("mark-sent: %s", out)
	}
	if out := tc.ok("sync", "--once"); !strings.Contains(out, "sent 1") {
		t.Errorf("sync after resend: %s", out)
	}
	if got := sentIDs(t, sm.Sent()); len(got) != 1 || got[rows[0].MessageID] != 1 {
		t.Errorf("delivered %v, want %s once", got, rows[0].MessageID)
	}
	after := outgoingRows(t, tc)
	if after[0].Status != "sent" || after[1].Status != "sent" {
		t.Errorf("after deciding: %+v", after)
	}
	// Decided already: refused, exit 1, with the reason.
	for _, cmd := range []string{"resend", "mark-sent"} {
		if _, errs, code := tc.run("mail", cmd, fmt.Sprint(rows[1].ID), "--by", "小李"); code != 1 || !strings.Contains(errs, "not waiting for a decision") {
			t.Errorf("%s of a sent message: exit %d: %s", cmd, code, errs)
		}
	}
	if _, errs, code := tc.run("mail", "mark-sent", "999", "--by", "小李"); code != 1 || errs == "" {
		t.Errorf("unknown message: exit %d: %s", code, errs)
	}
	// The timeline says who decided what.
	var cs struct {
		Timeline []struct{ Code, By string } `json:"timeline"`
	}
	json.Unmarshal([]byte(tc.ok("case", "show", number, "--json")), &cs)
	var codes []string
	for _, e := range cs.Timeline {
		if strings.HasPrefix(e.Code, "mail_") {
			codes = append(codes, e.Code+"/"+e.By)
		}
	}
	want := "mail_out/小李 mail_out/小李 mail_uncertain/ mail_uncertain/ mail_resend/小李 mail_marked_sent/小李 mail_sent/"
	if strings.Join(codes, " ") != want {
		t.Errorf("timeline:\n got %s\nwant %s", strings.Join(codes, " "), want)
	}
}

// The measurement, in small: the real binary runs `sync --once` and
// is killed with SIGKILL after the server accepted a reply and before its
// 250 reached it; the next run sends the rest, and no reply reaches the
// customer twice.
func TestSyncKilledWithSIGKILLSendsEachReplyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "casebook")
	if out, err := exec.Command(goTool(t), "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	tc, _, sm := mailCLI(t)
	number := strings.TrimSpace(tc.ok("case", "new", "--customer", "王小明", "--email", "xm@qq.com", "--channel", "phone",
		"--kind", "complaint", "--category", "accommodation", "--severity", "normal", "--subject", "酒店房间漏水", "--by", "王芳"))
	const replies, killAt = 12, 7
	for i := 0; i < replies; i++ {
		tc.ok("case", "reply", number, "--text", fmt.Sprintf("第 %d 次答复。", i+1), "--by", "小李")
	}
	sync := func(kill bool) (string, error) {
		cmd := exec.Command(bin, "--db", tc.db, "sync", "--once", "--by", "小李")
		cmd.Env = append(os.Environ(), "CASEBOOK_MAIL_PASSWORD="+memserver.Password, "CASEBOOK_LOG_DIR="+dir, "LANG=C", "LC_ALL=")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		if kill {
			sm.OnAccept(func(n int) {
				if n == killAt {
					_ = cmd.Process.Signal(syscall.SIGKILL)
					<-exited
				}
			})
		}
		err := cmd.Wait()
		close(exited)
		sm.OnAccept(nil)
		return out.String(), err
	}
	var ee *exec.ExitError
	if out, err := sync(true); !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("not killed: %v\n%s", err, out)
	}
	out, err := sync(false)
	if err != nil || !strings.Contains(out, fmt.Sprintf("sent %d", replies-killAt)) || !strings.Contains(out, "may have been sent 1") {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	got := sentIDs(t, sm.Sent())
	for id, n := range got {
		if n > 1 {
			t.Errorf("%s reached the customer %d times", id, n)
		}
	}
	if len(got) != replies {
		t.Errorf("%d of %d replies delivered", len(got), replies)
	}
	status := map[string]int{}
	for _, r := range outgoingRows(t, tc) {
		status[r.Status]++
	}
	if status["sent"] != replies-1 || status["uncertain"] != 1 {
		t.Errorf("statuses %v", status)
	}
}
