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

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"casebook/data"
	"casebook/data/store"
)

const (
	agency   = "agency@casebook.test"
	password = "secret"
)

// memIMAP is an in-process IMAP server with the agency's mailbox.
type memIMAP struct {
	user *imapmemserver.User
	addr string
}

func startIMAP(t *testing.T) *memIMAP {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser(agency, password)
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
		Logger:       quietLogger{},
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return &memIMAP{user: user, addr: ln.Addr().String()}
}

type quietLogger struct{}

func (quietLogger) Printf(string, ...any) {}

func (m *memIMAP) deliver(t *testing.T, raw string) {
	t.Helper()
	raw = strings.ReplaceAll(raw, "\n", "\r\n")
	if _, err := m.user.Append("INBOX", bytes.NewReader([]byte(raw)), &imap.AppendOptions{Time: time.Now()}); err != nil {
		t.Fatal(err)
	}
}

func (m *memIMAP) config(addr string) IMAPConfig {
	if addr == "" {
		addr = m.addr
	}
	host, port, _ := net.SplitHostPort(addr)
	var p int
	fmt.Sscan(port, &p)
	return IMAPConfig{Host: host, Port: p, Security: "none", Username: agency, Password: password, Timeout: 5 * time.Second}
}

// memSMTP records what is sent to it.
type memSMTP struct {
	mu   sync.Mutex
	msgs [][]byte
	fail error // answer every DATA with this
	addr string
}

func (b *memSMTP) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpRecorder{b: b}, nil }

type smtpRecorder struct{ b *memSMTP }

func (s *smtpRecorder) AuthMechanisms() []string { return []string{"PLAIN"} }
func (s *smtpRecorder) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != agency || pass != password {
			return errors.New("bad credentials")
		}
		return nil
	}), nil
}
func (s *smtpRecorder) Mail(string, *smtp.MailOptions) error { return nil }
func (s *smtpRecorder) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *smtpRecorder) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	if s.b.fail != nil {
		return s.b.fail
	}
	s.b.msgs = append(s.b.msgs, b)
	return nil
}
func (s *smtpRecorder) Reset()        {}
func (s *smtpRecorder) Logout() error { return nil }

func startSMTP(t *testing.T) *memSMTP {
	t.Helper()
	b := &memSMTP{}
	srv := smtp.NewServer(b)
	srv.AllowInsecureAuth = true
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	b.addr = ln.Addr().String()
	return b
}

func (b *memSMTP) config() SMTPConfig {
	host, port, _ := net.SplitHostPort(b.addr)
	var p int
	fmt.Sscan(port, &p)
	return SMTPConfig{Host: host, Port: p, Security: "none", Username: agency, Password: password, Timeout: 5 * time.Second}
}

func (b *memSMTP) sent() [][]byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([][]byte(nil), b.msgs...)
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

func mailAt(id, from, subject, body string, extra ...string) string {
	date := time.Now().Add(-time.Hour).Format(time.RFC1123Z)
	h := "Message-ID: <" + id + ">\nDate: " + date + "\nFrom: " + from + "\nTo: " + agency + "\nSubject: " + subject +
		"\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
	for _, e := range extra {
		h += e + "\n"
	}
	return h + "\n" + body + "\n"
}

func TestFetchThreadsAcknowledgesAndSends(t *testing.T) {
	ctx := context.Background()
	im, sm, s := startIMAP(t), startSMTP(t), openStore(t)
	im.deliver(t, mailAt("m1@qq.com", "王小明 <xm@qq.com>", "云南游导游强制购物", "在大理玉石店停留了两个小时，不购物不让走。"))
	im.deliver(t, mailAt("news1@list.test", "Deals <deals@list.test>", "双十一特惠", "限时优惠", "List-Id: <deals.list.test>", "Precedence: bulk"))
	im.deliver(t, mailAt("m2@qq.com", "王小明 <xm@qq.com>", "Re: 云南游导游强制购物", "补充：导游姓张。", "In-Reply-To: <m1@qq.com>"))

	sum, err := SyncOnce(ctx, s, im.config(""), sm.config(), nil)
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
	sent := sm.sent()
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
	sum, err = SyncOnce(ctx, s, im.config(""), sm.config(), nil)
	if err != nil || sum.Fetched != 0 || sum.Sent != 0 {
		t.Fatalf("second sync: %s %v", sum, err)
	}
	if seen := seenCount(t, im); seen != 0 {
		t.Errorf("%d messages marked \\Seen on the server", seen)
	}
	// The customer answers the acknowledgement: it threads by our Message-ID.
	im.deliver(t, mailAt("m3@qq.com", "xm@qq.com", "Re: "+ack.Subject, "照片见附件", "In-Reply-To: <"+ack.MessageID+">"))
	// Someone else quoting the case number in the subject starts a new case.
	im.deliver(t, mailAt("m4@163.com", "李雷 <lilei@163.com>", "[案件 "+c.Number+"] 我也遇到了", "同一个团"))
	sum, err = SyncOnce(ctx, s, im.config(""), sm.config(), nil)
	if err != nil || sum.Threaded != 1 || sum.NewCases != 1 {
		t.Fatalf("third sync: %s %v", sum, err)
	}
	msgs, _ := s.CaseMessages(ctx, c.ID)
	if len(msgs) != 4 { // two in, the acknowledgement, the answer to it
		t.Errorf("%d messages on the case", len(msgs))
	}
}

func seenCount(t *testing.T, im *memIMAP) int {
	c, err := imapclient.DialInsecure(im.addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(agency, password).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	d, err := c.Search(&imap.SearchCriteria{Flag: []imap.Flag{imap.FlagSeen}}, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return len(d.AllSeqNums())
}

func TestWrongPasswordAndSilentServer(t *testing.T) {
	ctx := context.Background()
	im, s := startIMAP(t), openStore(t)
	cfg := im.config("")
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
	silent := im.config(ln.Addr().String())
	silent.Timeout = 500 * time.Millisecond
	start := time.Now()
	_, err = Fetch(ctx, s, silent, nil)
	if !errors.Is(err, ErrTimeout) || time.Since(start) > 5*time.Second {
		t.Errorf("silent server: %v after %s", err, time.Since(start))
	}
}

func TestSMTPDownKeepsTheReplyQueued(t *testing.T) {
	ctx := context.Background()
	im, sm, s := startIMAP(t), startSMTP(t), openStore(t)
	im.deliver(t, mailAt("x1@qq.com", "赵敏 <zm@qq.com>", "退款进度", "请问退款什么时候到账？"))
	sm.fail = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"}
	sum, err := SyncOnce(ctx, s, im.config(""), sm.config(), nil)
	if err == nil || sum.NewCases != 1 || sum.Retrying != 1 || sum.Sent != 0 {
		t.Fatalf("with SMTP refusing: %s %v", sum, err)
	}
	if n, _ := s.QueuedCount(ctx); n != 1 {
		t.Fatalf("%d queued", n)
	}
	// Later the server works again; after the backoff the message goes out.
	sm.mu.Lock()
	sm.fail = nil
	sm.mu.Unlock()
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
	im, s := startIMAP(t), openStore(t)
	const total = 250 // more than two batches
	for i := 0; i < total; i++ {
		im.deliver(t, mailAt(fmt.Sprintf("bulk%d@qq.com", i), fmt.Sprintf("客户%d <c%d@qq.com>", i, i),
			fmt.Sprintf("投诉 %d", i), strings.Repeat("行程安排不合理。", 20)))
	}
	cuts := []int{3000, 40000, 90000, 150000, 1 << 30}
	var mu sync.Mutex
	proxy := cutProxy(t, im.addr, func() int {
		mu.Lock()
		defer mu.Unlock()
		n := cuts[0]
		if len(cuts) > 1 {
			cuts = cuts[1:]
		}
		return n
	})
	cfg := im.config(proxy)
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
