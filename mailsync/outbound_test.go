package mailsync

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"casebook/data"
	"casebook/data/store"
	"casebook/mailsync/memserver"
)

// Outbound exactly once, as far as SMTP allows: each message's outcome is
// recorded the moment the server answers; a message whose data went out but
// whose answer was lost is uncertain — looked for in the Sent folder, else
// held for staff — and never sent twice on Casebook's own initiative.

// testClock is a settable clock for a store under test.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// outboxStore opens (or creates) a store at path with the agency's account
// and, when clock is set, that clock.
func outboxStore(t *testing.T, path string, clock *testClock, sentFolder string) *store.Store {
	t.Helper()
	opts := []store.Option{store.WithTimeout(2 * time.Second)}
	if clock != nil {
		opts = append(opts, store.WithClock(clock.now))
	}
	s, err := store.Open(context.Background(), path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	st := s.Settings()
	if st.Mail.Address != agency || st.Mail.SentFolder != sentFolder {
		st.Mail = data.DefaultMailAccount()
		st.Mail.IMAPHost, st.Mail.SMTPHost = "127.0.0.1", "127.0.0.1"
		st.Mail.Username, st.Mail.Address, st.Mail.DisplayName = agency, agency, "阳光旅行社"
		st.Mail.SentFolder = sentFolder
		if err := s.SaveSettings(context.Background(), st); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// queueReplies queues n replies on one case, as staff would.
func queueReplies(t *testing.T, s *store.Store, n int) []data.Message {
	t.Helper()
	ctx := context.Background()
	c, err := s.CreateCase(ctx, data.NewCase{Kind: data.KindComplaint, Category: "accommodation", Severity: data.SeverityNormal,
		Channel: data.ChannelEmail, Subject: "酒店房间漏水", Description: "房间漏水，要求换房",
		Customer: data.Customer{Name: "王小明", Email: "xm@qq.com"}, By: "王芳", ReceivedAt: s.Now()})
	if err != nil {
		t.Fatal(err)
	}
	var out []data.Message
	for i := 0; i < n; i++ {
		m, err := Draft(s.Settings(), nil, c, "reply", fmt.Sprintf("第 %d 次答复：已联系酒店。", i+1), nil, s.Now())
		if err != nil {
			t.Fatal(err)
		}
		q, err := s.QueueOutgoing(ctx, c.Number, m, "王芳", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q)
	}
	return out
}

// deliveries counts what the server accepted by Message-ID.
func deliveries(t *testing.T, raws [][]byte) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, raw := range raws {
		p, err := Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		out[p.MessageID]++
	}
	return out
}

// checkOnce fails when a queued message reached the server more than once,
// and returns how many messages of the outbox are in each status.
func checkOnce(t *testing.T, s *store.Store, queued []data.Message, raws [][]byte) map[data.MessageStatus]int {
	t.Helper()
	got := deliveries(t, raws)
	for id, n := range got {
		if n > 1 {
			t.Errorf("message %s reached the customer %d times", id, n)
		}
	}
	msgs, err := s.CaseMessages(context.Background(), queued[0].CaseID)
	if err != nil {
		t.Fatal(err)
	}
	status := map[data.MessageStatus]int{}
	for _, m := range msgs {
		status[m.Status]++
		if m.Status == data.MessageSent && got[m.MessageID] != 1 {
			t.Errorf("message %d recorded sent but delivered %d times", m.ID, got[m.MessageID])
		}
		if m.Status == data.MessageQueued && got[m.MessageID] != 0 {
			t.Errorf("message %d delivered but queued to be sent again", m.ID)
		}
	}
	return status
}

// --- a Store that dies between the server's acceptance and the record ---

var errKilled = errors.New("killed")

// dyingStore panics in the n-th RecordSend, before writing anything: what a
// SIGKILL there leaves on disk.
type dyingStore struct {
	*store.Store
	n     int
	calls int
}

func (d *dyingStore) RecordSend(ctx context.Context, id uint64, sendErr error, permanent bool, raw []byte) (data.Message, error) {
	d.calls++
	if d.calls == d.n {
		panic(errKilled)
	}
	return d.Store.RecordSend(ctx, id, sendErr, permanent, raw)
}

func sendDying(ctx context.Context, st Store, cfg SMTPConfig) (died bool) {
	defer func() {
		if r := recover(); r != nil {
			if r != errKilled {
				panic(r)
			}
			died = true
		}
	}()
	SendQueued(ctx, st, cfg)
	return false
}

func TestKilledBetweenAcceptanceAndRecordIsNotSentTwice(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "casebook.db")
	sm := memserver.StartSMTP(t)
	s := outboxStore(t, path, nil, "")
	queued := queueReplies(t, s, 10)
	// Dies recording the 4th: three are recorded sent, the 4th was accepted.
	if !sendDying(ctx, &dyingStore{Store: s, n: 4}, smtpConfig(sm)) {
		t.Fatal("the store did not die")
	}
	if len(sm.Sent()) != 4 {
		t.Fatalf("the server accepted %d before the death", len(sm.Sent()))
	}
	s.Close()
	// The next run: the 4th is uncertain and stays unsent; the rest go out once.
	s = outboxStore(t, path, nil, "")
	defer s.Close()
	sum, err := SendQueued(ctx, s, smtpConfig(sm))
	if err != nil || sum.Sent != 6 || sum.Uncertain != 1 {
		t.Fatalf("second run: %s %v", sum, err)
	}
	status := checkOnce(t, s, queued, sm.Sent())
	if status[data.MessageSent] != 9 || status[data.MessageUncertain] != 1 || len(sm.Sent()) != 10 {
		t.Fatalf("statuses %v, %d delivered", status, len(sm.Sent()))
	}
	// A third run sends nothing: the uncertain one waits for staff.
	if sum, err := SendQueued(ctx, s, smtpConfig(sm)); err != nil || sum.Sent != 0 || len(sm.Sent()) != 10 {
		t.Fatalf("third run: %s %v, %d delivered", sum, err, len(sm.Sent()))
	}
	if q, u, _ := s.OutboxCounts(ctx); q != 0 || u != 1 {
		t.Errorf("outbox: %d queued, %d uncertain", q, u)
	}
}

// failingStore cannot record the n-th answer (a full disk, say).
type failingStore struct {
	*store.Store
	n     int
	calls int
}

func (f *failingStore) RecordSend(ctx context.Context, id uint64, sendErr error, permanent bool, raw []byte) (data.Message, error) {
	f.calls++
	if f.calls == f.n {
		return data.Message{}, errors.New("write: no space left on device")
	}
	return f.Store.RecordSend(ctx, id, sendErr, permanent, raw)
}

// An answer that cannot be recorded stops the session: nothing more is sent
// while the store fails, and the unrecorded message is uncertain later.
func TestUnrecordableAnswerStopsSending(t *testing.T) {
	ctx := context.Background()
	sm := memserver.StartSMTP(t)
	s := outboxStore(t, filepath.Join(t.TempDir(), "casebook.db"), nil, "")
	defer s.Close()
	queued := queueReplies(t, s, 5)
	sum, err := SendQueued(ctx, &failingStore{Store: s, n: 2}, smtpConfig(sm))
	if err == nil || !strings.Contains(err.Error(), "no space left") || sum.Sent != 1 {
		t.Fatalf("with the store failing: %s %v", sum, err)
	}
	if len(sm.Sent()) != 2 {
		t.Fatalf("%d sent after the store failed", len(sm.Sent()))
	}
	sum, err = SendQueued(ctx, s, smtpConfig(sm))
	if err != nil || sum.Sent != 3 || sum.Uncertain != 1 {
		t.Fatalf("next run: %s %v", sum, err)
	}
	if status := checkOnce(t, s, queued, sm.Sent()); status[data.MessageSent] != 4 || status[data.MessageUncertain] != 1 {
		t.Errorf("statuses %v", status)
	}
}

// --- the real thing: a process killed with SIGKILL ---

// TestHelperSendProcess is the child of TestSIGKILL…: it sends the outbox of
// the database named in the environment once, and exits.
func TestHelperSendProcess(t *testing.T) {
	path, addr := os.Getenv("CASEBOOK_TEST_SEND_DB"), os.Getenv("CASEBOOK_TEST_SEND_SMTP")
	if path == "" {
		t.Skip("only run as a child process")
	}
	s, err := store.Open(context.Background(), path, store.WithTimeout(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	host, port := memserver.HostPort(addr)
	cfg := SMTPConfig{Host: host, Port: port, Security: "none", Username: memserver.User, Password: memserver.Password, Timeout: 5 * time.Second}
	if _, err := SendQueued(context.Background(), s, cfg); err != nil {
		t.Fatal(err)
	}
}

func TestSIGKILLAfterTheServerAcceptedIsNotSentTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	for _, killAt := range []int{1, 5, 12} {
		t.Run(strconv.Itoa(killAt), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "casebook.db")
			s := outboxStore(t, path, nil, "")
			queued := queueReplies(t, s, 12)
			s.Close()
			sm := memserver.StartSMTP(t)
			run := func(kill bool) error {
				cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSendProcess$", "-test.count=1")
				cmd.Env = append(os.Environ(), "CASEBOOK_TEST_SEND_DB="+path, "CASEBOOK_TEST_SEND_SMTP="+sm.Addr)
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				exited := make(chan struct{})
				if kill {
					// The server has stored message killAt; before its 250 goes
					// out the sender dies.
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
				if err != nil && !kill {
					t.Logf("child: %s", out.String())
				}
				return err
			}
			var ee *exec.ExitError
			if err := run(true); !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("the sender was not killed: %v", err)
			}
			if len(sm.Sent()) != killAt {
				t.Fatalf("accepted %d before the kill, want %d", len(sm.Sent()), killAt)
			}
			if err := run(false); err != nil {
				t.Fatalf("second run: %v", err)
			}
			s = outboxStore(t, path, nil, "")
			defer s.Close()
			status := checkOnce(t, s, queued, sm.Sent())
			if len(sm.Sent()) != 12 || status[data.MessageSent] != 11 || status[data.MessageUncertain] != 1 {
				t.Errorf("%d delivered; statuses %v", len(sm.Sent()), status)
			}
			un, _ := s.UncertainOutgoing(context.Background())
			if len(un) != 1 || un[0].ID != queued[killAt-1].ID {
				t.Errorf("uncertain: %+v, want message %d", un, killAt)
			}
		})
	}
}

// --- a TCP proxy that cuts the SMTP connection at a chosen moment ---

// cutSMTP relays to an SMTP server. After the client's n-th end of data
// ("\r\n.\r\n") has been relayed, it closes the client's connection instead
// of relaying the server's answer (afterDot); or it closes both instead of
// relaying the n-th "RCPT TO" (atRcpt). 0 turns cutting off.
type cutSMTP struct {
	Addr     string
	afterDot atomic.Int32
	atRcpt   atomic.Int32
	inData   atomic.Int32 // closes both instead of relaying the n-th message's data
	dots     atomic.Int32
	rcpts    atomic.Int32
	datas    atomic.Int32
}

func startCutSMTP(t *testing.T, target string) *cutSMTP {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	p := &cutSMTP{Addr: ln.Addr().String()}
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
			go p.relay(client, server)
		}
	}()
	return p
}

func (p *cutSMTP) relay(client, server net.Conn) {
	var cut atomic.Bool
	closeBoth := func() { client.Close(); server.Close() }
	go func() { // client → server
		defer closeBoth()
		buf := make([]byte, 32<<10)
		var tail []byte
		for {
			n, err := client.Read(buf)
			if n > 0 {
				chunk := buf[:n]
				seen := append(append([]byte(nil), tail...), chunk...)
				if k := p.atRcpt.Load(); k > 0 && bytes.Contains(seen, []byte("RCPT TO")) && p.rcpts.Add(1) == k {
					return // the server never hears this RCPT
				}
				if k := p.inData.Load(); k > 0 && bytes.Contains(chunk, []byte("Subject:")) && p.datas.Add(1) == k {
					return // the server never gets this message's data, nor its end
				}
				if k := p.afterDot.Load(); k > 0 {
					for off := 0; ; {
						i := bytes.Index(seen[off:], []byte("\r\n.\r\n"))
						if i < 0 {
							break
						}
						if off+i+5 > len(tail) && p.dots.Add(1) == k { // an end of data this chunk completes
							cut.Store(true)
						}
						off += i + 1
					}
				}
				if _, err := server.Write(chunk); err != nil {
					return
				}
				tail = append([]byte(nil), seen[max(0, len(seen)-4):]...)
			}
			if err != nil {
				return
			}
		}
	}()
	// server → client
	defer closeBoth()
	buf := make([]byte, 32<<10)
	for {
		n, err := server.Read(buf)
		if cut.Load() {
			return // the server's answer to the data is lost
		}
		if n > 0 {
			if _, err := client.Write(buf[:n]); err != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func TestCutAfterDataIsUncertainNotResent(t *testing.T) {
	ctx := context.Background()
	clock := &testClock{t: time.Now()}
	sm := memserver.StartSMTP(t)
	proxy := startCutSMTP(t, sm.Addr)
	s := outboxStore(t, filepath.Join(t.TempDir(), "casebook.db"), clock, "")
	defer s.Close()
	queued := queueReplies(t, s, 6)
	cfg := smtpConfig(sm)
	cfg.Host, cfg.Port = memserver.HostPort(proxy.Addr)
	proxy.afterDot.Store(3)
	sum, err := SendQueued(ctx, s, cfg)
	if err != nil || sum.Sent != 2 || sum.Uncertain != 1 || sum.Retrying != 3 {
		t.Fatalf("cut run: %s %v", sum, err)
	}
	if len(sm.Sent()) != 3 {
		t.Fatalf("the server accepted %d", len(sm.Sent()))
	}
	un, _ := s.UncertainOutgoing(ctx)
	if len(un) != 1 || un[0].ID != queued[2].ID || !strings.Contains(un[0].Error, "before the server confirmed it") {
		t.Fatalf("uncertain: %+v", un)
	}
	// Later, the connection holds: the three not tried go out, the cut one does not.
	proxy.afterDot.Store(0)
	clock.add(store.Backoff(1) + time.Second)
	sum, err = SendQueued(ctx, s, cfg)
	if err != nil || sum.Sent != 3 {
		t.Fatalf("second run: %s %v", sum, err)
	}
	status := checkOnce(t, s, queued, sm.Sent())
	if status[data.MessageSent] != 5 || status[data.MessageUncertain] != 1 || len(sm.Sent()) != 6 {
		t.Fatalf("statuses %v, %d delivered", status, len(sm.Sent()))
	}
	c, _ := s.CaseByID(ctx, queued[0].CaseID)
	var events int
	for _, e := range c.Timeline {
		if e.Type == data.EventMailUncertain {
			events++
		}
	}
	if events != 1 {
		t.Errorf("%d uncertain events on the timeline", events)
	}
}

// A cut before the data (here at RCPT) cannot have delivered anything: the
// message is retried, not held.
func TestCutBeforeDataIsRetried(t *testing.T) {
	ctx := context.Background()
	clock := &testClock{t: time.Now()}
	sm := memserver.StartSMTP(t)
	proxy := startCutSMTP(t, sm.Addr)
	s := outboxStore(t, filepath.Join(t.TempDir(), "casebook.db"), clock, "")
	defer s.Close()
	queued := queueReplies(t, s, 3)
	cfg := smtpConfig(sm)
	cfg.Host, cfg.Port = memserver.HostPort(proxy.Addr)
	proxy.atRcpt.Store(2)
	sum, _ := SendQueued(ctx, s, cfg)
	if sum.Sent != 1 || sum.Uncertain != 0 || sum.Retrying != 2 {
		t.Fatalf("cut at RCPT: %s", sum)
	}
	proxy.atRcpt.Store(0)
	clock.add(store.Backoff(1) + time.Second)
	if sum, err := SendQueued(ctx, s, cfg); err != nil || sum.Sent != 2 {
		t.Fatalf("second run: %s %v", sum, err)
	}
	if status := checkOnce(t, s, queued, sm.Sent()); status[data.MessageSent] != 3 {
		t.Errorf("statuses %v", status)
	}
}

// A connection cut while the data is written, before its end: the client
// notices the hang-up before sending the final dot, so the message cannot
// have been delivered and is retried — not held as "may have been sent".
func TestCutInTheDataIsRetriedNotUncertain(t *testing.T) {
	old := hangUpWait
	hangUpWait = time.Second // the proxy's hang-up must arrive even under -race on a busy machine
	t.Cleanup(func() { hangUpWait = old })
	ctx := context.Background()
	clock := &testClock{t: time.Now()}
	sm := memserver.StartSMTP(t)
	proxy := startCutSMTP(t, sm.Addr)
	s := outboxStore(t, filepath.Join(t.TempDir(), "casebook.db"), clock, "")
	defer s.Close()
	queued := queueReplies(t, s, 3)
	cfg := smtpConfig(sm)
	cfg.Host, cfg.Port = memserver.HostPort(proxy.Addr)
	proxy.inData.Store(2)
	sum, _ := SendQueued(ctx, s, cfg)
	if sum.Sent != 1 || sum.Uncertain != 0 || sum.Retrying != 2 {
		t.Fatalf("cut in the data: %s", sum)
	}
	proxy.inData.Store(0)
	clock.add(store.Backoff(1) + time.Second)
	if sum, err := SendQueued(ctx, s, cfg); err != nil || sum.Sent != 2 {
		t.Fatalf("second run: %s %v", sum, err)
	}
	if status := checkOnce(t, s, queued, sm.Sent()); status[data.MessageSent] != 3 || len(sm.Sent()) != 3 {
		t.Errorf("statuses %v, %d delivered", status, len(sm.Sent()))
	}
}

// The server takes the data and then says nothing: after the timeout the
// message is uncertain (the server did keep it here), not retried.
func TestTimeoutAfterDataIsUncertain(t *testing.T) {
	ctx := context.Background()
	sm := memserver.StartSMTP(t)
	s := outboxStore(t, filepath.Join(t.TempDir(), "casebook.db"), nil, "")
	defer s.Close()
	queued := queueReplies(t, s, 2)
	release := make(chan struct{})
	sm.OnAccept(func(n int) {
		if n == 1 {
			<-release
		}
	})
	defer close(release)
	cfg := smtpConfig(sm)
	cfg.Timeout = 300 * time.Millisecond
	start := time.Now()
	sum, err := SendQueued(ctx, s, cfg)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %s", d)
	}
	if sum.Uncertain != 1 || sum.Sent != 0 || sum.Retrying != 1 {
		t.Fatalf("stalled after data: %s %v", sum, err)
	}
	un, _ := s.UncertainOutgoing(ctx)
	if len(un) != 1 || un[0].ID != queued[0].ID || !strings.Contains(un[0].Error, "timeout") {
		t.Fatalf("uncertain: %+v", un)
	}
}

// Before anything is resent, the Sent folder is searched for the Message-ID:
// found, it was delivered; not found, it stays held for staff.
func TestUncertainMessageLookedUpInTheSentFolder(t *testing.T) {
	ctx := context.Background()
	clock := &testClock{t: time.Now()}
	im, sm := memserver.StartIMAP(t), memserver.StartSMTP(t)
	im.CreateFolder(t, "Sent")
	proxy := startCutSMTP(t, sm.Addr)
	s := outboxStore(t, filepath.Join(t.TempDir(), "casebook.db"), clock, "Sent")
	defer s.Close()
	queued := queueReplies(t, s, 2)
	cfg := smtpConfig(sm)
	cfg.Host, cfg.Port = memserver.HostPort(proxy.Addr)

	// Both cut after their data: the first in one session, the second in the next.
	proxy.afterDot.Store(1)
	sum, _ := SyncOnce(ctx, s, imapConfig(im, ""), cfg, nil)
	if sum.Uncertain != 1 {
		t.Fatalf("first: %s", sum)
	}
	proxy.dots.Store(0)
	clock.add(store.Backoff(1) + time.Second)
	// The provider filed the first in Sent itself (as QQ, 163, Gmail do).
	im.Append(t, "Sent", sm.Sent()[0])
	sum, err := SyncOnce(ctx, s, imapConfig(im, ""), cfg, nil)
	if err != nil || sum.Uncertain != 1 || sum.Sent != 1 {
		t.Fatalf("second: %s %v", sum, err)
	}
	msgs, _ := s.CaseMessages(ctx, queued[0].CaseID)
	byID := map[uint64]data.Message{}
	for _, m := range msgs {
		byID[m.ID] = m
	}
	if m := byID[queued[0].ID]; m.Status != data.MessageSent {
		t.Errorf("found in Sent but %s", m.Status)
	}
	if m := byID[queued[1].ID]; m.Status != data.MessageUncertain {
		t.Errorf("not in Sent but %s", m.Status)
	}
	c, _ := s.CaseByID(ctx, queued[0].CaseID)
	var found bool
	for _, e := range c.Timeline {
		found = found || (e.Type == data.EventMailFoundSent && e.Arg(data.ArgFolder) == "Sent")
	}
	if !found {
		t.Error("no mail_found_sent event on the timeline")
	}
	// Nothing new in Sent: syncing again changes nothing, sends nothing.
	proxy.afterDot.Store(0)
	if sum, err := SyncOnce(ctx, s, imapConfig(im, ""), cfg, nil); err != nil || sum.Sent != 0 {
		t.Fatalf("third: %s %v", sum, err)
	}
	if len(sm.Sent()) != 2 || im.Count(t, "Sent") != 1 {
		t.Errorf("%d delivered, %d in Sent", len(sm.Sent()), im.Count(t, "Sent"))
	}
	// Staff decide to send the second again: same Message-ID, delivered once more by choice.
	if _, err := s.SettleUncertain(ctx, queued[1].ID, data.Settlement{Resend: true, By: "王芳"}); err != nil {
		t.Fatal(err)
	}
	if sum, err := SyncOnce(ctx, s, imapConfig(im, ""), cfg, nil); err != nil || sum.Sent != 1 {
		t.Fatalf("resend: %s %v", sum, err)
	}
	sent := sm.Sent()
	if first, again := deliveries(t, sent[1:2]), deliveries(t, sent[2:3]); len(first) != 1 || fmt.Sprint(first) != fmt.Sprint(again) {
		t.Errorf("resent with another Message-ID: %v then %v", first, again)
	}
	// The copy Casebook files in Sent is the resent one.
	if im.Count(t, "Sent") != 2 {
		t.Errorf("%d in Sent", im.Count(t, "Sent"))
	}
}

// The answer to the data decides: any 2xx is an acceptance (never retried,
// never uncertain), 4xx a temporary refusal, 5xx a permanent one.
func TestAnswerToTheDataDecides(t *testing.T) {
	sm := memserver.StartSMTP(t)
	for _, c := range []struct {
		code              int
		sent, perm, uncer bool
	}{{251, true, false, false}, {451, false, false, false}, {554, false, true, false}} {
		sm.Fail(&smtp.SMTPError{Code: c.code, Message: "answer"})
		r := Send(context.Background(), smtpConfig(sm), []Outgoing{outgoingTo(1, "a@example.com")})[0]
		if (r.Err == nil) != c.sent || r.Permanent != c.perm || r.Uncertain != c.uncer {
			t.Errorf("%d: err=%v permanent=%v uncertain=%v", c.code, r.Err, r.Permanent, r.Uncertain)
		}
	}
}
