package mailsync

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"casebook/data"
	"casebook/data/store"
	"casebook/mailsync/memserver"
)

const agency = memserver.User

func imapConfig(m *memserver.IMAP, addr string) IMAPConfig {
	if addr == "" {
		addr = m.Addr
	}
	host, port := memserver.HostPort(addr)
	return IMAPConfig{Host: host, Port: port, Security: "none", Username: memserver.User, Password: memserver.Password, Timeout: 5 * time.Second}
}

func smtpConfig(m *memserver.SMTP) SMTPConfig {
	host, port := memserver.HostPort(m.Addr)
	return SMTPConfig{Host: host, Port: port, Security: "none", Username: memserver.User, Password: memserver.Password, Timeout: 5 * time.Second}
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "mail.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st := s.Settings()
	st.Mail = data.DefaultMailAccount()
	st.Mail.IMAPHost, st.Mail.SMTPHost = "127.0.0.1", "127.0.0.1"
	st.Mail.Username, st.Mail.Address, st.Mail.DisplayName = agency, agency, "阳光旅行社"
	st.Mail.InitialDays = 0
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFetchThreadsAcknowledgesAndSends(t *testing.T) {
	ctx := context.Background()
	im, sm, s := memserver.StartIMAP(t), memserver.StartSMTP(t), openStore(t)
	im.Deliver(t, memserver.Mail("m1@qq.com", "王小明 <xm@qq.com>", "云南游导游强制购物", "在大理玉石店停留了两个小时，不购物不让走。"))
	im.Deliver(t, memserver.Mail("news1@list.test", "Deals <deals@list.test>", "双十一特惠", "限时优惠", "List-Id: <deals.list.test>", "Precedence: bulk"))
	im.Deliver(t, memserver.Mail("m2@qq.com", "王小明 <xm@qq.com>", "Re: 云南游导游强制购物", "补充：导游姓张。", "In-Reply-To: <m1@qq.com>"))

	sum, err := SyncOnce(ctx, s, imapConfig(im, ""), smtpConfig(sm), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Fetched != 3 || sum.NewCases != 1 || sum.Threaded != 1 || sum.Automatic != 1 || sum.Sent != 1 {
		t.Fatalf("summary: %s", sum)
	}
	rows := s.List(data.Filter{}, data.Sort{}, time.Now())
	if len(rows) != 1 {
		t.Fatalf("%d cases", len(rows))
	}
	c, _ := s.Case(ctx, rows[0].Number)
	if c.Channel != data.ChannelEmail || c.Customer.Email != "xm@qq.com" || c.Category != "forced_shopping" || c.Language != "zh-Hans" {
		t.Errorf("case from mail: %+v", c)
	}
	// The acknowledgement went out, threaded under the customer's mail.
	sent := sm.Sent()
	if len(sent) != 1 {
		t.Fatalf("%d sent", len(sent))
	}
	ack, err := Parse(sent[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ack.Subject, c.Number) || ack.InReplyTo != "m1@qq.com" || !strings.Contains(ack.Text, c.Number) {
		t.Errorf("acknowledgement: subject %q in-reply-to %q", ack.Subject, ack.InReplyTo)
	}
	if !bytes.Contains(sent[0], []byte("Auto-Submitted: auto-replied")) {
		t.Error("the acknowledgement is not marked automatic")
	}
	// Nothing new: nothing fetched. The server's flags were not touched.
	sum, err = SyncOnce(ctx, s, imapConfig(im, ""), smtpConfig(sm), nil)
	if err != nil || sum.Fetched != 0 || sum.Sent != 0 {
		t.Fatalf("second sync: %s %v", sum, err)
	}
	if seen := im.SeenCount(t); seen != 0 {
		t.Errorf("%d messages marked \\Seen on the server", seen)
	}
	// The customer answers the acknowledgement: it threads by our Message-ID.
	im.Deliver(t, memserver.Mail("m3@qq.com", "xm@qq.com", "Re: "+ack.Subject, "照片见附件", "In-Reply-To: <"+ack.MessageID+">"))
	// Someone else quoting the case number in the subject starts a new case.
	im.Deliver(t, memserver.Mail("m4@163.com", "李雷 <lilei@163.com>", "[案件 "+c.Number+"] 我也遇到了", "同一个团"))
	sum, err = SyncOnce(ctx, s, imapConfig(im, ""), smtpConfig(sm), nil)
	if err != nil || sum.Threaded != 1 || sum.NewCases != 1 {
		t.Fatalf("third sync: %s %v", sum, err)
	}
	msgs, _ := s.CaseMessages(ctx, c.ID)
	if len(msgs) != 4 { // two in, the acknowledgement, the answer to it
		t.Errorf("%d messages on the case", len(msgs))
	}
}

func TestWrongPasswordAndSilentServer(t *testing.T) {
	ctx := context.Background()
	im, s := memserver.StartIMAP(t), openStore(t)
	cfg := imapConfig(im, "")
	cfg.Password = "wrong"
	if _, err := Fetch(ctx, s, cfg, nil); !errors.Is(err, ErrIMAPAuth) {
		t.Errorf("wrong password: %v", err)
	}
	// A server that accepts the connection and never says a word.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	silent := imapConfig(im, ln.Addr().String())
	silent.Timeout = 500 * time.Millisecond
	start := time.Now()
	_, err = Fetch(ctx, s, silent, nil)
	if !errors.Is(err, ErrTimeout) || time.Since(start) > 5*time.Second {
		t.Errorf("silent server: %v after %s", err, time.Since(start))
	}
}

func TestSMTPDownKeepsTheReplyQueued(t *testing.T) {
	ctx := context.Background()
	im, sm, s := memserver.StartIMAP(t), memserver.StartSMTP(t), openStore(t)
	im.Deliver(t, memserver.Mail("x1@qq.com", "赵敏 <zm@qq.com>", "退款进度", "请问退款什么时候到账？"))
	sm.Fail(&smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"})
	sum, err := SyncOnce(ctx, s, imapConfig(im, ""), smtpConfig(sm), nil)
	if err == nil || sum.NewCases != 1 || sum.Retrying != 1 || sum.Sent != 0 {
		t.Fatalf("with SMTP refusing: %s %v", sum, err)
	}
	if n, _ := s.QueuedCount(ctx); n != 1 {
		t.Fatalf("%d queued", n)
	}
	// Later the server works again; after the backoff the message goes out.
	sm.Fail(nil)
	due, _ := s.DueOutgoing(ctx, time.Now().Add(store.Backoff(1)+time.Second))
	if len(due) != 1 {
		t.Fatalf("not due after the backoff: %d", len(due))
	}
	m, err := s.RecordSend(ctx, due[0].ID, nil, false, []byte("x"))
	if err != nil || m.Status != data.MessageSent {
		t.Fatalf("%v %+v", err, m)
	}
}

// cutConn forwards to the IMAP server and cuts the connection after limit bytes
// from the server.
func cutProxy(t *testing.T, target string, limit func() int) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			server, err := net.Dial("tcp", target)
			if err != nil {
				client.Close()
				continue
			}
			n := limit()
			go func() { io.Copy(server, client); server.Close() }()
			go func() { io.CopyN(client, server, int64(n)); client.Close(); server.Close() }()
		}
	}()
	return ln.Addr().String()
}

func TestConnectionCutMidFetchImportsEachMessageOnce(t *testing.T) {
	ctx := context.Background()
	im, s := memserver.StartIMAP(t), openStore(t)
	const total = 250 // more than two batches
	for i := 0; i < total; i++ {
		im.Deliver(t, memserver.Mail(fmt.Sprintf("bulk%d@qq.com", i), fmt.Sprintf("客户%d <c%d@qq.com>", i, i),
			fmt.Sprintf("投诉 %d", i), strings.Repeat("行程安排不合理。", 20)))
	}
	cuts := []int{3000, 40000, 90000, 150000, 1 << 30}
	var mu sync.Mutex
	proxy := cutProxy(t, im.Addr, func() int {
		mu.Lock()
		defer mu.Unlock()
		n := cuts[0]
		if len(cuts) > 1 {
			cuts = cuts[1:]
		}
		return n
	})
	cfg := imapConfig(im, proxy)
	fetched := 0
	for round := 0; round < 10; round++ {
		sum, err := Fetch(ctx, s, cfg, nil)
		fetched += sum.Fetched
		if err == nil {
			break
		}
	}
	if s.Count() != total {
		t.Fatalf("%d cases for %d messages", s.Count(), total)
	}
	log, _ := s.MailLog(ctx, data.DirectionIn, 0)
	if len(log) != total {
		t.Fatalf("%d messages stored", len(log))
	}
	for _, e := range log {
		if e.Outcome == data.OutcomeDuplicate {
			t.Fatal("a duplicate was stored")
		}
	}
}

func TestSentMailIsCopiedToTheSentFolder(t *testing.T) {
	ctx := context.Background()
	im, sm, s := memserver.StartIMAP(t), memserver.StartSMTP(t), openStore(t)
	im.CreateFolder(t, "Sent")
	st := s.Settings()
	st.Mail.SentFolder = "Sent"
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	im.Deliver(t, memserver.Mail("s1@qq.com", "钱多多 <qdd@qq.com>", "签证材料", "护照复印件已寄出"))
	if _, err := SyncOnce(ctx, s, imapConfig(im, ""), smtpConfig(sm), nil); err != nil {
		t.Fatal(err)
	}
	if n := im.Count(t, "Sent"); n != 1 {
		t.Errorf("%d messages in Sent", n)
	}
	if n := im.Count(t, "INBOX"); n != 1 {
		t.Errorf("the INBOX changed: %d", n)
	}
}

func TestOldMailIsNotAcknowledged(t *testing.T) {
	ctx := context.Background()
	im, sm, s := memserver.StartIMAP(t), memserver.StartSMTP(t), openStore(t)
	old := memserver.Mail("old1@qq.com", "孙丽 <sl@qq.com>", "上个月的投诉", "一直没人回复")
	old = strings.Replace(old, "Date: ", "Date: "+time.Now().Add(-72*time.Hour).Format(time.RFC1123Z)+"\nX-Old-Date: ", 1)
	im.Deliver(t, old)
	sum, err := SyncOnce(ctx, s, imapConfig(im, ""), smtpConfig(sm), nil)
	if err != nil || sum.NewCases != 1 || sum.Sent != 0 || len(sm.Sent()) != 0 {
		t.Fatalf("old mail: %s %v", sum, err)
	}
	// Switched off: no acknowledgement for new mail either.
	st := s.Settings()
	st.Mail.AutoAck = false
	s.SaveSettings(ctx, st)
	im.Deliver(t, memserver.Mail("new1@qq.com", "周敏 <zm2@qq.com>", "新投诉", "今天的事"))
	if sum, err := SyncOnce(ctx, s, imapConfig(im, ""), smtpConfig(sm), nil); err != nil || sum.NewCases != 1 || sum.Sent != 0 {
		t.Fatalf("acknowledgements off: %s %v", sum, err)
	}
}
