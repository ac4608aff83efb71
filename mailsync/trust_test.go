package mailsync

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"casebook/data"
	"casebook/data/store"
	"casebook/mailsync/memserver"
)

// Tests of issue 9's intake rules: threading that trusts only what Casebook
// issued or the case's participants, dedupe that never drops a different
// message, and RFC 3834's discipline for acknowledgements.

// simClock is a settable clock for a store.
type simClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *simClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *simClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func openStoreWith(t *testing.T, opts ...store.Option) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "mail.db"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st := s.Settings()
	st.Mail = data.DefaultMailAccount()
	st.Mail.IMAPHost, st.Mail.SMTPHost = "127.0.0.1", "127.0.0.1"
	st.Mail.Username, st.Mail.Address, st.Mail.DisplayName = agency, agency, "阳光旅行社"
	st.Mail.Aliases = []string{"Kefu@Casebook.test"}
	st.Mail.InitialDays = 0
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return s
}

// mailAt is memserver.Mail dated at d.
func mailAt(d time.Time, id, from, subject, body string, extra ...string) string {
	raw := memserver.Mail(id, from, subject, body, extra...)
	i := strings.Index(raw, "\nDate: ")
	j := strings.Index(raw[i+1:], "\n")
	return raw[:i+1] + "Date: " + d.Format(time.RFC1123Z) + raw[i+1+j:]
}

func syncOnce(t *testing.T, s *store.Store, im *memserver.IMAP, sm *memserver.SMTP) Summary {
	t.Helper()
	sum, err := SyncOnce(context.Background(), s, imapConfig(im, ""), smtpConfig(sm), nil)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// customerCase opens a case from xm@qq.com and returns it with the
// acknowledgement's Message-ID.
func customerCase(t *testing.T, s *store.Store, im *memserver.IMAP, sm *memserver.SMTP) (data.Case, string) {
	t.Helper()
	im.Deliver(t, memserver.Mail("m1@qq.com", "王小明 <xm@qq.com>", "云南游导游强制购物", "在大理玉石店停留了两个小时。"))
	if sum := syncOnce(t, s, im, sm); sum.NewCases != 1 || sum.Sent != 1 {
		t.Fatalf("first sync: %s", sum)
	}
	rows := s.List(data.Filter{}, data.Sort{}, time.Now())
	c, err := s.Case(context.Background(), rows[0].Number)
	if err != nil {
		t.Fatal(err)
	}
	ack, err := Parse(sm.Sent()[0])
	if err != nil {
		t.Fatal(err)
	}
	return c, ack.MessageID
}

func TestStrangersCannotJoinACaseByForgedIDsOrCaseNumbers(t *testing.T) {
	ctx := context.Background()
	im, sm, s := memserver.StartIMAP(t), memserver.StartSMTP(t), openStoreWith(t)
	c, ackID := customerCase(t, s, im, sm)
	n := c.Number
	if !strings.HasPrefix(ackID, "case-"+n+".") || strings.Count(ackID[:strings.IndexByte(ackID, '@')], ".") != 2 {
		t.Fatalf("our Message-ID carries no tag: %s", ackID)
	}
	// The same shape as ours, with a made-up random part and tag.
	random := "aaaaaaaaaaaaaaaa"
	forged := []struct{ name, subject, body, header string }{
		{"in-reply-to, our domain", "Re: 投诉一", "我是另一个人", "In-Reply-To: <case-" + n + "." + random + "@casebook.test>"},
		{"references, other domain", "Re: 投诉二", "我是另一个人", "References: <x@y.example> <case-" + n + "." + random + "@evil.example>"},
		{"forged tag", "Re: 投诉三", "我是另一个人", "In-Reply-To: <case-" + n + "." + random + ".bbbbbbbbbbbbbbbb@casebook.test>"},
		{"body marker zh", "我的问题", "案件编号：" + n + "\n请把我的退款也算上", ""},
		{"body marker en", "my problem", "Case number: " + n + "\nplease add my refund", ""},
		{"subject tag", "[案件 " + n + "] 我也遇到了", "同一个团", ""},
		{"bare number in subject", n + " 还有一张收据", "收据见附件", ""},
	}
	for i, f := range forged {
		var extra []string
		if f.header != "" {
			extra = append(extra, f.header)
		}
		im.Deliver(t, memserver.Mail(fmt.Sprintf("s%d@163.com", i), "李雷 <lilei@163.com>", f.subject, f.body, extra...))
	}
	sum := syncOnce(t, s, im, sm)
	if sum.NewCases != len(forged) || sum.Threaded != 0 {
		t.Fatalf("forged mail: %s, want %d new cases and none threaded", sum, len(forged))
	}
	msgs, _ := s.CaseMessages(ctx, c.ID)
	for _, m := range msgs {
		if m.FromAddress == "lilei@163.com" {
			t.Fatalf("a stranger's mail reached %s: %q", n, m.Subject)
		}
	}
	// Each new case says which case it mentions.
	log, err := s.MailLog(ctx, data.DirectionIn, 0)
	if err != nil {
		t.Fatal(err)
	}
	mentioned := 0
	for _, e := range log {
		if e.FromAddress != "lilei@163.com" {
			continue
		}
		if e.Mentions != n {
			t.Errorf("%q: mentions %q, want %s", e.Subject, e.Mentions, n)
		}
		nc, err := s.CaseByID(ctx, e.CaseID)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range nc.Timeline {
			if ev.Type == data.EventMentions && ev.Arg(data.ArgCase) == n {
				mentioned++
			}
		}
	}
	if mentioned != len(forged) {
		t.Errorf("%d of %d new cases note the case they mention", mentioned, len(forged))
	}

	// The stranger did not become a participant: a case number still opens a new case.
	im.Deliver(t, memserver.Mail("s-again@163.com", "lilei@163.com", "Re: [案件 "+n+"] 我也遇到了", "案件编号："+n))
	if sum := syncOnce(t, s, im, sm); sum.NewCases != 1 || sum.Threaded != 0 {
		t.Fatalf("stranger again: %s", sum)
	}

	// The customer writing the same things threads; so does an answer to our real id.
	im.Deliver(t, memserver.Mail("c1@qq.com", "xm@qq.com", "补充", "案件编号："+n+"\n导游姓张。"))
	im.Deliver(t, memserver.Mail("c2@qq.com", "xm@qq.com", n+" 还有一张收据", "见附件"))
	im.Deliver(t, memserver.Mail("c3@qq.com", "XM@qq.com", "[Case "+n+"] more", "more"))
	im.Deliver(t, memserver.Mail("c4@outlook.com", "王小明 <xm2@outlook.com>", "Re: 确认", "用另一个邮箱回复", "In-Reply-To: <"+ackID+">"))
	if sum := syncOnce(t, s, im, sm); sum.Threaded != 4 || sum.NewCases != 0 {
		t.Fatalf("customer: %s, want 4 threaded", sum)
	}
	// Having answered our own Message-ID, that address is a participant now.
	im.Deliver(t, memserver.Mail("c5@outlook.com", "xm2@outlook.com", n+" 补充", "补充材料"))
	if sum := syncOnce(t, s, im, sm); sum.Threaded != 1 {
		t.Fatalf("participant by our id: %s", sum)
	}
}

func TestSignedMessageIDs(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	id := SignedMessageID(key, "A-2026-0001", "kefu@agency.example")
	if n, ok := splitOurID(key, id); n != "A-2026-0001" || !ok {
		t.Fatalf("%s: %q %v", id, n, ok)
	}
	if n, ok := splitOurID(key, "<"+id+">"); n != "A-2026-0001" || !ok {
		t.Fatalf("bracketed: %q %v", n, ok)
	}
	if _, ok := splitOurID([]byte("another database's key.........."), id); ok {
		t.Error("verified under another key")
	}
	// Another case number with the same random part and tag.
	other := strings.Replace(id, "A-2026-0001", "A-2026-0002", 1)
	if n, ok := splitOurID(key, other); ok || n != "A-2026-0002" {
		t.Errorf("a changed case number verified: %q %v", n, ok)
	}
	at := strings.IndexByte(id, '@')
	for i := at - msgIDTagLen; i < at; i++ { // every character of the tag matters
		b := []byte(id)
		b[i] = map[bool]byte{true: 'b', false: 'a'}[b[i] == 'a']
		if _, ok := splitOurID(key, string(b)); ok {
			t.Fatalf("tag changed at %d still verifies: %s", i, b)
		}
	}
	if _, ok := splitOurID(key, NewMessageID("A-2026-0001", "x@y.example")); ok {
		t.Error("an unsigned id verified")
	}
	if SignedMessageID(key, "A-2026-0001", "a@b.example") == SignedMessageID(key, "A-2026-0001", "a@b.example") {
		t.Error("two ids alike")
	}
}

// A signed id threads even when the database no longer remembers it (the
// message was sent from a backup, say); an unsigned one only when remembered.
func TestSignedIDThreadsWithoutTheIndex(t *testing.T) {
	ctx := context.Background()
	im, sm, s := memserver.StartIMAP(t), memserver.StartSMTP(t), openStoreWith(t)
	c, _ := customerCase(t, s, im, sm)
	key, err := s.MessageIDKey(ctx)
	if err != nil || len(key) < 32 {
		t.Fatalf("key %x %v", key, err)
	}
	if again, _ := s.MessageIDKey(ctx); string(again) != string(key) {
		t.Fatal("the key changed")
	}
	signed := SignedMessageID(key, c.Number, agency)
	im.Deliver(t, memserver.Mail("r1@example.net", "friend@example.net", "Re: 回复", "转给我的", "In-Reply-To: <"+signed+">"))
	if sum := syncOnce(t, s, im, sm); sum.Threaded != 1 {
		t.Fatalf("signed, not remembered: %s", sum)
	}
}

// RFC 3834: a header-less auto-responder with a fixed subject, over five
// syncs in two days, gets one acknowledgement per 24 hours, and its run of
// identical messages is held as a probable loop.
func TestHeaderlessResponderGetsOneAckPerDayAndItsLoopIsHeld(t *testing.T) {
	ctx := context.Background()
	clk := &simClock{t: time.Now().Truncate(time.Second)}
	im, sm, s := memserver.StartIMAP(t), memserver.StartSMTP(t), openStoreWith(t, store.WithClock(clk.now))
	const bot = "Helpdesk <helpdesk@partner.example>"
	n := 0
	deliver := func() {
		n++
		im.Deliver(t, mailAt(clk.now(), fmt.Sprintf("bot%d@partner.example", n), bot, "Thank you for contacting Partner Travel",
			"We have received your message and will reply within 3 working days."))
	}
	acks := func() int {
		k := 0
		for _, raw := range sm.Sent() {
			if p, err := Parse(raw); err == nil && p.To[0].Address == "helpdesk@partner.example" {
				k++
			}
		}
		return k
	}
	// Day 1: three messages within six minutes, over three syncs.
	deliver()
	syncOnce(t, s, im, sm)
	clk.add(3 * time.Minute)
	deliver()
	syncOnce(t, s, im, sm)
	clk.add(3 * time.Minute)
	deliver()
	syncOnce(t, s, im, sm)
	if got := acks(); got != 1 {
		t.Fatalf("day 1: %d acknowledgements, want 1", got)
	}
	log, _ := s.MailLog(ctx, data.DirectionIn, 0)
	var held []data.MailLogEntry
	for _, e := range log {
		if e.Loop {
			held = append(held, e)
		}
	}
	if len(held) != 1 || held[0].Outcome != data.OutcomeAutomatic || held[0].CaseID == 0 {
		t.Fatalf("held: %+v", held)
	}
	lc, err := s.CaseByID(ctx, held[0].CaseID)
	if err != nil {
		t.Fatal(err)
	}
	if !hasEvent(lc, data.EventMailLoop) {
		t.Errorf("the loop is not on case %s", lc.Number)
	}
	// Day 2, 25 hours on: one more acknowledgement, then none for the rest.
	clk.add(25 * time.Hour)
	deliver()
	syncOnce(t, s, im, sm)
	clk.add(2 * time.Minute)
	deliver()
	syncOnce(t, s, im, sm)
	if got := acks(); got != 2 {
		t.Fatalf("after two days: %d acknowledgements, want 2", got)
	}
	if cases := len(s.List(data.Filter{}, data.Sort{}, clk.now())); cases != 4 {
		t.Errorf("%d cases, want 4 (the held message opened none)", cases)
	}
}

func hasEvent(c data.Case, typ data.EventType) bool {
	for _, e := range c.Timeline {
		if e.Type == typ {
			return true
		}
	}
	return false
}

func TestMailFromOurOwnAddressOpensNoCase(t *testing.T) {
	ctx := context.Background()
	im, sm, s := memserver.StartIMAP(t), memserver.StartSMTP(t), openStoreWith(t)
	im.Deliver(t, memserver.Mail("own1@casebook.test", "阳光旅行社 <"+strings.ToUpper(agency)+">", "测试", "自己发给自己"))
	im.Deliver(t, memserver.Mail("own2@casebook.test", "客服 <kefu@casebook.test>", "别名", "别名发来的"))
	sum := syncOnce(t, s, im, sm)
	if sum.NewCases != 0 || sum.Automatic != 2 || sum.Sent != 0 || len(sm.Sent()) != 0 {
		t.Fatalf("own mail: %s", sum)
	}
	log, _ := s.MailLog(ctx, data.DirectionIn, 0)
	for _, e := range log {
		if !e.Automatic || e.AutoReason != OwnAddressReason {
			t.Errorf("%s: automatic %v %q", e.From, e.Automatic, e.AutoReason)
		}
	}
}

func TestReusedMessageIDKeepsEveryDifferentMessage(t *testing.T) {
	ctx := context.Background()
	im, sm, s := memserver.StartIMAP(t), memserver.StartSMTP(t), openStoreWith(t)
	first := memserver.Mail("same@sender.example", "张三 <zs@sender.example>", "行李丢失", "我的行李在机场丢了。")
	im.Deliver(t, first)
	// Another message, another sender, the same Message-ID.
	im.Deliver(t, memserver.Mail("same@sender.example", "李四 <ls@other.example>", "酒店太差", "酒店房间有霉味。"))
	// The first one again, as a second delivery adds its trace headers.
	im.Deliver(t, "Received: from mx.example by mail.casebook.test; Mon, 1 Jan 2026 10:00:00 +0800\n"+
		"Delivered-To: kefu@casebook.test\nReturn-Path: <zs@sender.example>\n"+first)
	// And byte for byte again.
	im.Deliver(t, first)
	sum := syncOnce(t, s, im, sm)
	if sum.Fetched != 4 || sum.NewCases != 2 || sum.Duplicates != 2 {
		t.Fatalf("summary: %s, want 2 new cases and 2 duplicates", sum)
	}
	log, _ := s.MailLog(ctx, data.DirectionIn, 0)
	reused := 0
	for _, e := range log {
		if e.ReusedMessageID {
			reused++
			if e.FromAddress != "ls@other.example" {
				t.Errorf("marked reused: %s", e.From)
			}
		}
	}
	if len(log) != 2 || reused != 1 {
		t.Errorf("%d messages kept, %d marked reused", len(log), reused)
	}
}

// RFC 2822 appendix A.5 and A.6 senders, and a whole From inside one encoded
// word, open cases with the right customer instead of being parked.
func TestOddButValidSendersOpenCases(t *testing.T) {
	ctx := context.Background()
	im, sm, s := memserver.StartIMAP(t), memserver.StartSMTP(t), openStoreWith(t)
	senders := []struct{ from, name, addr string }{
		{`Pete(A wonderful \) chap) <pete(his account)@silly.test(his host)>`, "Pete", "pete@silly.test"}, // A.5
		{`Joe Q. Public <john.q.public@example.com>`, "Joe Q. Public", "john.q.public@example.com"},       // A.6.1
		{"John Doe <jdoe@machine(comment).  example>", "John Doe", "jdoe@machine.example"},                // A.6.3
		{"Mary Smith <@machine.tld:mary@example.net>", "Mary Smith", "mary@example.net"},                  // A.6.1 route
		{"=?utf-8?b?6ZKx5aWz5aOrIDxxaWFuQGV4YW1wbGUuY29tPg==?=", "钱女士", "qian@example.com"},               // Python email.mime
		{"jdoe@example.org (John Doe)", "John Doe", "jdoe@example.org"},
	}
	for i, f := range senders {
		im.Deliver(t, memserver.Mail(fmt.Sprintf("odd%d@example", i), f.from, fmt.Sprintf("投诉 %d", i), "内容"))
	}
	sum := syncOnce(t, s, im, sm)
	if sum.NewCases != len(senders) || sum.Parked != 0 {
		t.Fatalf("summary: %s", sum)
	}
	got := map[string]string{}
	for _, r := range s.List(data.Filter{}, data.Sort{}, time.Now()) {
		c, _ := s.Case(ctx, r.Number)
		got[c.Customer.Email] = c.Customer.Name
	}
	for _, f := range senders {
		if got[f.addr] != f.name {
			t.Errorf("%s: customer %q <%s>, want %q", f.from, got[f.addr], f.addr, f.name)
		}
	}
}

func TestAddressListsInRFC2822Syntax(t *testing.T) {
	// RFC 2822 A.5: a group with comments everywhere.
	to := "A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n" +
		"         joe@example.org,\r\n  John <jdoe@one.test> (my dear friend); (the end of the group)"
	l := parseAddressList(to, "")
	want := []string{"c@public.example", "joe@example.org", "jdoe@one.test"}
	if len(l) != len(want) {
		t.Fatalf("%v", l)
	}
	for i := range want {
		if l[i].Address != want[i] {
			t.Errorf("%d: %v", i, l[i])
		}
	}
	// A.6.1: empty members and white space around the dot.
	if l := parseAddressList("Mary Smith <@machine.tld:mary@example.net>, , jdoe@test   . example", ""); len(l) != 2 ||
		l[0].Address != "mary@example.net" || l[1].Address != "jdoe@test.example" {
		t.Errorf("A.6.1: %v", l)
	}
	// An encoded word beside a real address never replaces it.
	if l := parseAddressList("=?utf-8?b?5pS75Ye76ICFIDxjZW9AYWdlbmN5LmV4YW1wbGU+?= <real@sender.example>", ""); len(l) != 1 ||
		l[0].Address != "real@sender.example" {
		t.Errorf("encoded name with an address: %v", l)
	}
}
