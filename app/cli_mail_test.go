package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"casebook/data"
	"casebook/mailsync/memserver"
)

func TestMailCommandsEndToEndInProcess(t *testing.T) {
	t.Setenv("CASEBOOK_MAIL_PASSWORD", memserver.Password)
	im, sm := memserver.StartIMAP(t), memserver.StartSMTP(t)
	tc := newTestCLI(t)
	tc.now = time.Now() // the mail below is dated "an hour ago" in real time
	ih, ip := memserver.HostPort(im.Addr)
	sh, sp := memserver.HostPort(sm.Addr)
	tc.ok("account", "set", "--imap-host", ih, "--imap-port", fmt.Sprint(ip), "--imap-security", "none",
		"--smtp-host", sh, "--smtp-port", fmt.Sprint(sp), "--smtp-security", "none",
		"--username", memserver.User, "--address", memserver.User, "--display-name", "阳光旅行社", "--initial-days", "0")
	if out := tc.ok("account", "show"); !strings.Contains(out, "found") {
		t.Errorf("account show: %s", out)
	}

	im.Deliver(t, memserver.Mail("c1@qq.com", "王小明 <xm@qq.com>", "三亚酒店房型不符", "订的海景房，入住后是园景房。"))
	out := tc.ok("sync", "--once")
	if !strings.Contains(out, "fetched 1, new cases 1") {
		t.Fatalf("sync: %s", out)
	}
	var log []map[string]any
	json.Unmarshal([]byte(tc.ok("mail", "list", "--json")), &log)
	if len(log) != 2 || log[1]["outcome"] != "new-case" || log[0]["direction"] != "out" || log[0]["case"] == "" {
		t.Fatalf("mail list: %v", log)
	}
	number := log[1]["case"].(string)
	tc.ok("case", "reply", number, "--text", "已联系酒店，今晚为您换房。", "--by", "王芳")
	out = tc.ok("sync", "--once")
	if !strings.Contains(out, "sent 1") {
		t.Fatalf("sync after reply: %s", out)
	}
	var cs struct {
		Messages []struct {
			Direction, Subject, Status, Text string
		} `json:"messages"`
	}
	json.Unmarshal([]byte(tc.ok("case", "show", number, "--json")), &cs)
	if len(cs.Messages) != 3 || cs.Messages[2].Status != "sent" || !strings.Contains(cs.Messages[2].Text, "换房") {
		t.Fatalf("messages: %+v", cs.Messages)
	}
	if n := len(sm.Sent()); n != 2 {
		t.Errorf("%d messages reached the SMTP server", n)
	}
	// An issued letter goes with a reply as the PDF it was issued as.
	tc.ok("agency", "set", "--name", "阳光旅行社")
	tc.ok("case", "move", number, "--to", "acknowledged", "--by", "王芳")
	tc.ok("letter", number, "--type", "ack", "-o", t.TempDir()+"/ack.pdf")
	if _, errs, code := tc.run("case", "reply", number, "--text", "x", "--letter", "closure"); code != 1 || !strings.Contains(errs, "no closure letter") {
		t.Errorf("reply with a letter never issued: exit %d: %s", code, errs)
	}
	tc.ok("case", "reply", number, "--text", "附上受理确认函。", "--letter", "ack", "--by", "王芳")
	if out := tc.ok("sync", "--once"); !strings.Contains(out, "sent 1") {
		t.Fatalf("sync after reply with letter: %s", out)
	}
	sent := sm.Sent()
	raw := string(sent[len(sent)-1])
	if !strings.Contains(raw, "application/pdf") || !strings.Contains(raw, "JVBERi0") {
		t.Errorf("the letter did not go with the reply:\n%.600s", raw)
	}
	// A wrong password: a clear error and a non-zero exit, nothing lost.
	t.Setenv("CASEBOOK_MAIL_PASSWORD", "wrong")
	if _, errs, code := tc.run("sync", "--once"); code == 0 || !strings.Contains(errs, "password") {
		t.Errorf("wrong password: %d %s", code, errs)
	}
}

// A reply written on the command line answers the customer's last message
// written by a person, never the out-of-office that came after it.
func TestReplyThreadsUnderTheCustomersLastRealMessage(t *testing.T) {
	t.Setenv("CASEBOOK_MAIL_PASSWORD", memserver.Password)
	im, sm := memserver.StartIMAP(t), memserver.StartSMTP(t)
	tc := newTestCLI(t)
	tc.now = time.Now()
	ih, ip := memserver.HostPort(im.Addr)
	sh, sp := memserver.HostPort(sm.Addr)
	tc.ok("account", "set", "--imap-host", ih, "--imap-port", fmt.Sprint(ip), "--imap-security", "none",
		"--smtp-host", sh, "--smtp-port", fmt.Sprint(sp), "--smtp-security", "none",
		"--username", memserver.User, "--address", memserver.User, "--initial-days", "0")
	tc.ok("staff", "add", "小李", "--role", "staff")

	im.Deliver(t, memserver.Mail("real-1@qq.com", "王小明 <xm@qq.com>", "三亚酒店房型不符", "订的海景房，入住后是园景房。"))
	tc.ok("sync", "--once") // the case, and its acknowledgement goes out
	var log []map[string]any
	json.Unmarshal([]byte(tc.ok("mail", "list", "--out", "--json")), &log)
	if len(log) != 1 {
		t.Fatalf("outgoing: %v", log)
	}
	number, ackID := log[0]["case"].(string), log[0]["message_id"].(string)
	im.Deliver(t, memserver.Mail("ooo-1@qq.com", "王小明 <xm@qq.com>", "自动回复: 三亚酒店房型不符", "我正在休假，回来后回复您。",
		"Auto-Submitted: auto-replied", "In-Reply-To: <"+strings.Trim(ackID, "<>")+">"))
	tc.ok("sync", "--once")
	var cs struct {
		Messages []struct{ Automatic bool } `json:"messages"`
	}
	json.Unmarshal([]byte(tc.ok("case", "show", number, "--json")), &cs)
	if n := len(cs.Messages); n != 3 || !cs.Messages[2].Automatic {
		t.Fatalf("the out-of-office is not the case's newest message: %+v", cs.Messages)
	}

	tc.ok("case", "reply", number, "--text", "已联系酒店，今晚为您换房。", "--by", "小李")
	if out := tc.ok("sync", "--once"); !strings.Contains(out, "sent 1") {
		t.Fatalf("sync after the reply: %s", out)
	}
	sent := sm.Sent()
	raw := string(sent[len(sent)-1])
	if !strings.Contains(raw, "In-Reply-To: <real-1@qq.com>") || strings.Contains(raw, "ooo-1@qq.com") {
		t.Errorf("the reply is not threaded under the customer's message:\n%.800s", raw)
	}
}

// What account set does not name stays: aliases and the acknowledgement
// interval set by key survive a change of server.
func TestAccountSetKeepsWhatItDoesNotName(t *testing.T) {
	tc := newTestCLI(t)
	set := func(extra ...string) {
		tc.ok(append([]string{"account", "set", "--imap-host", "imap.example.com", "--imap-port", "993", "--imap-security", "tls",
			"--smtp-host", "smtp.example.com", "--smtp-port", "465", "--smtp-security", "tls",
			"--address", "kefu@example.com", "--by", "王芳"}, extra...)...)
	}
	set()
	tc.ok("settings", "set", "mail.aliases", "tousu@example.com, info@example.com", "--by", "王芳")
	tc.ok("settings", "set", "mail.ack_interval", "48h", "--by", "王芳")
	set("--sync-minutes", "10")
	var st struct {
		Mail data.MailAccount `json:"mail"`
	}
	if err := json.Unmarshal([]byte(tc.ok("settings", "show", "--json")), &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Mail.Aliases) != 2 || st.Mail.AckHours != 48 || st.Mail.SyncMinutes != 10 {
		t.Errorf("after account set: %+v", st.Mail)
	}
	set("--aliases", "a@example.com", "--ack-hours", "12")
	json.Unmarshal([]byte(tc.ok("settings", "show", "--json")), &st)
	if len(st.Mail.Aliases) != 1 || st.Mail.Aliases[0] != "a@example.com" || st.Mail.AckHours != 12 {
		t.Errorf("named: %+v", st.Mail)
	}
}
