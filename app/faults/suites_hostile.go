package main

import (
	"fmt"
	"mime"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// The hostile senders: forged threading, a header-less auto-responder, and
// mail from the agency's own address.

var mailSeq atomic.Int64

// hostileMail is a plain UTF-8 message; extra headers are added as given.
// It returns the message and its Message-ID.
func hostileMail(from, subject, body string, extra ...[2]string) ([]byte, string) {
	id := fmt.Sprintf("faults-%d-%d@sender.example", time.Now().UnixNano(), mailSeq.Add(1))
	var b strings.Builder
	h := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	h("From", from)
	h("To", "Casebook Faults <"+agencyAddr+">")
	h("Subject", mime.BEncoding.Encode("UTF-8", subject))
	h("Date", time.Now().Format(time.RFC1123Z))
	h("Message-ID", "<"+id+">")
	for _, x := range extra {
		h(x[0], x[1])
	}
	h("MIME-Version", "1.0")
	h("Content-Type", "text/plain; charset=utf-8")
	h("Content-Transfer-Encoding", "8bit")
	b.WriteString("\r\n")
	b.WriteString(strings.ReplaceAll(body, "\n", "\r\n") + "\r\n")
	return []byte(b.String()), id
}

// hostileSetup makes a fresh folder and a database whose account reads it.
func (e *Env) hostileSetup(name, folder string, autoAck bool) (db, maildir string, err error) {
	dir, err := e.suiteDir(name)
	if err != nil {
		return "", "", err
	}
	if maildir, err = e.folder(folder); err != nil {
		return "", "", err
	}
	db = filepath.Join(dir, "hostile.db")
	err = e.setAccount(db, account{IMAPPort: e.IMAPPort, IMAPSecurity: "none", SMTPPort: e.SMTPPort,
		SMTPSecurity: "starttls", Folder: folder, AutoAck: autoAck})
	return db, maildir, err
}

func (e *Env) syncInspect(db string) (snapshot, error) {
	if r := e.run(db, "sync", "--once", "--by", staffName); !r.ok() {
		return snapshot{}, fmt.Errorf("sync --once: %s", r)
	}
	s := e.inspect(db)
	if s.Corrupt != "" {
		return s, fmt.Errorf("after sync: %s", s.Corrupt)
	}
	return s, nil
}

func mailByID(s snapshot, id string) (mailRow, bool) {
	for _, m := range s.Mails {
		if normID(m.MessageID) == id {
			return m, true
		}
	}
	return mailRow{}, false
}

// suiteForged: a customer's case exists; strangers write citing its number
// in the body, in a subject tag, as a bare number in the subject, and with
// forged In-Reply-To and References that look like Casebook's own ids.
// Counted: stranger messages filed on an existing customer's case.
func (e *Env) suiteForged() Result {
	const name = "hostile-forged"
	res := Result{Suite: name, Counts: newCounter("rounds", "corrupt", "forged", "forged_reached", "control_threaded")}
	db, maildir, err := e.hostileSetup(name, "Forged", false)
	if err != nil {
		return failed(name, err)
	}
	raw, custID := hostileMail("钱女士 <"+customerAddr+">", "酒店房间与宣传不符",
		"你好，我们入住的酒店房间和宣传的海景房完全不同，要求退还差价。")
	if err := e.drop(maildir, raw); err != nil {
		return failed(name, err)
	}
	s, err := e.syncInspect(db)
	if err != nil {
		return failed(name, err)
	}
	first, ok := mailByID(s, custID)
	if !ok || first.Case == "" {
		return failed(name, fmt.Errorf("the customer's mail opened no case (%+v)", first))
	}
	number := first.Case
	existing := map[string]bool{}
	for _, c := range s.Cases {
		existing[c.Number] = true
	}
	res.Counts.add("rounds", 1)

	domain := agencyAddr[strings.IndexByte(agencyAddr, '@')+1:]
	forgedID := "<case-" + number + ".aaaaaaaaaaaaaaaa@" + domain + ">"
	otherID := "<case-" + number + ".aaaaaaaaaaaaaaaa@evil.example>"
	type forged struct {
		what string
		raw  []byte
		id   string
	}
	var strangers []forged
	add := func(what, from, subject, body string, extra ...[2]string) {
		raw, id := hostileMail(from, subject, body, extra...)
		strangers = append(strangers, forged{what, raw, id})
	}
	add("body marker 案件编号", "路人甲 <stranger1@evil.example>", "我也要投诉", "案件编号："+number+"\n请把我的投诉也加进去。")
	add("body marker Case number", "Mallory <stranger2@evil.example>", "Complaint", "Case number: "+number+"\nPlease add my complaint.")
	add("forged In-Reply-To (agency domain)", "路人乙 <stranger3@evil.example>", "Re: 酒店房间与宣传不符", "我同意。",
		[2]string{"In-Reply-To", forgedID})
	add("forged References (other domain)", "路人丙 <stranger4@evil.example>", "Re: hotel", "Me too.",
		[2]string{"References", otherID})
	add("subject tag", "路人丁 <stranger5@evil.example>", "[案件 "+number+"] 补充材料", "附上我的材料。")
	add("bare number in subject", "路人戊 <stranger6@evil.example>", number+" 还有一张收据", "收据在附件里。")
	// The first stranger again, only a subject tag: a stranger must not have
	// become a participant by citing the number once.
	add("subject tag after body marker", "路人甲 <stranger1@evil.example>", "[案件 "+number+"] 再补充", "还有一件事。")
	control, controlID := hostileMail("钱女士 <"+customerAddr+">", "补充照片", "案件编号："+number+"\n补充两张房间照片。")

	var raws [][]byte
	for _, f := range strangers {
		raws = append(raws, f.raw)
	}
	raws = append(raws, control)
	if err := e.drop(maildir, raws...); err != nil {
		return failed(name, err)
	}
	s, err = e.syncInspect(db)
	if err != nil {
		res.Counts.add("corrupt", 1)
		res.note("%v", err)
		res.judge([]string{"corrupt"}, 0, false)
		return res
	}
	for _, f := range strangers {
		res.Counts.add("forged", 1)
		m, ok := mailByID(s, f.id)
		if !ok {
			res.note("%s: not in the mail log", f.what)
			continue
		}
		if existing[m.Case] {
			res.Counts.add("forged_reached", 1)
			res.note("%s: filed on %s (%s)", f.what, m.Case, m.Outcome)
		}
	}
	if m, ok := mailByID(s, controlID); ok && m.Case == number {
		res.Counts.add("control_threaded", 1)
	} else {
		res.note("control: the customer's own follow-up with the number was not threaded (%s %s)", m.Case, m.Outcome)
	}
	res.judge([]string{"corrupt", "forged_reached"}, 0, false)
	return res
}

// suiteResponder: a header-less auto-responder (fixed subject, no
// Auto-Submitted, no Precedence) writes before every sync. The whole run is
// well inside one day, so it may get one acknowledgement at most.
func (e *Env) suiteResponder(syncs int) Result {
	const name = "hostile-responder"
	const responder = "service@hotel.example"
	res := Result{Suite: name, Counts: newCounter("rounds", "corrupt", "acks", "acks_allowed", "cases_opened")}
	db, maildir, err := e.hostileSetup(name, "Responder", true)
	if err != nil {
		return failed(name, err)
	}
	var s snapshot
	for round := 1; round <= syncs; round++ {
		// Nothing a filter knows: no Auto-Submitted, no Precedence, no
		// "auto reply" in the subject, an ordinary sender address.
		raw, _ := hostileMail("阳光酒店客服 <"+responder+">", "感谢您的来信 Thank you for your message",
			"您好，我们已收到您的邮件，会在三个工作日内回复。\nThank you, we will answer within three working days.")
		if err := e.drop(maildir, raw); err != nil {
			return failed(name, err)
		}
		res.Counts.add("rounds", 1)
		if s, err = e.syncInspect(db); err != nil {
			res.Counts.add("corrupt", 1)
			res.note("round %d: %v", round, err)
			break
		}
	}
	acks := 0
	for _, m := range outgoing(s.Mails) {
		if addressedTo(m, responder) {
			acks++
		}
	}
	cases := 0
	for _, c := range s.Cases {
		if strings.EqualFold(c.Customer.Email, responder) {
			cases++
		}
	}
	res.Counts.add("acks", acks)
	res.Counts.add("acks_allowed", 1)
	res.Counts.add("cases_opened", cases)
	var why []string
	if c := res.Counts.get("corrupt"); c > 0 {
		why = append(why, fmt.Sprintf("corrupt %d", c))
	}
	if acks > 1 {
		why = append(why, fmt.Sprintf("acks %d > 1 in %d syncs within one day", acks, syncs))
	}
	res.Pass, res.Why = len(why) == 0, strings.Join(why, ", ")
	return res
}

// suiteSelf: mail From the agency's own address (as written, and in other
// letter cases) must never be acknowledged.
func (e *Env) suiteSelf() Result {
	const name = "hostile-self"
	res := Result{Suite: name, Counts: newCounter("rounds", "corrupt", "acks", "cases_opened")}
	db, maildir, err := e.hostileSetup(name, "Self", true)
	if err != nil {
		return failed(name, err)
	}
	a, _ := hostileMail("Casebook Faults <"+agencyAddr+">", "请问退款进度", "我上周提交的退款申请还没有消息。")
	b, _ := hostileMail("<"+strings.ToUpper(agencyAddr)+">", "Refund status", "My refund request from last week has no answer yet.")
	if err := e.drop(maildir, a, b); err != nil {
		return failed(name, err)
	}
	res.Counts.add("rounds", 1)
	s, err := e.syncInspect(db)
	if err != nil {
		res.Counts.add("corrupt", 1)
		res.note("%v", err)
	}
	for _, m := range outgoing(s.Mails) {
		if addressedTo(m, agencyAddr) {
			res.Counts.add("acks", 1)
		}
	}
	for _, c := range s.Cases {
		if strings.EqualFold(c.Customer.Email, agencyAddr) {
			res.Counts.add("cases_opened", 1)
		}
	}
	res.judge([]string{"corrupt", "acks"}, 0, false)
	return res
}
