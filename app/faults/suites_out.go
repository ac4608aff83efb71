package main

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The outbound suites: 30 replies queued with `case reply`, sent by `sync
// --once` through the real Postfix into the customer's Dovecot mailbox,
// where every delivery is counted by Message-ID.

const repliesPerRound = 30

type outbound struct {
	template string   // account + the cases to reply on
	numbers  []string // their numbers
}

// prepareOutbound makes the template database: the account (SMTP at
// smtpPort with smtpSecurity; IMAP reads an empty folder) and the cases of
// customer@example.test.
func (e *Env) prepareOutbound(dir string, smtpPort int, smtpSecurity string) (*outbound, error) {
	if _, err := e.folder("Outbound"); err != nil {
		return nil, err
	}
	o := &outbound{template: filepath.Join(dir, "template.db")}
	if err := e.setAccount(o.template, account{IMAPPort: e.IMAPPort, IMAPSecurity: "none", SMTPPort: smtpPort,
		SMTPSecurity: smtpSecurity, Folder: "Outbound"}); err != nil {
		return nil, err
	}
	for i := range repliesPerRound {
		args := []string{"case", "new", "--customer", "钱女士", "--email", customerAddr, "--channel", "email",
			"--kind", "complaint", "--severity", "normal", "--subject", fmt.Sprintf("酒店问题 %d", i+1), "--by", staffName}
		out, err := e.mustRun(o.template, args...)
		if err != nil {
			return nil, err
		}
		o.numbers = append(o.numbers, strings.TrimSpace(out))
	}
	return o, nil
}

// queue copies the template and queues one reply per case; it returns the
// replies' Message-IDs.
func (e *Env) queue(o *outbound, db string, round int) ([]string, error) {
	if err := copyFile(db, o.template); err != nil {
		return nil, err
	}
	for i, n := range o.numbers {
		text := fmt.Sprintf("您好，已联系酒店为您换房。(round %d, reply %d)", round, i+1)
		if _, err := e.mustRun(db, "case", "reply", n, "--text", text, "--by", staffName); err != nil {
			return nil, err
		}
	}
	s := e.inspect(db)
	if s.Corrupt != "" {
		return nil, fmt.Errorf("after queueing: %s", s.Corrupt)
	}
	var ids []string
	for _, m := range outgoing(s.Mails) {
		ids = append(ids, normID(m.MessageID))
	}
	if len(ids) != len(o.numbers) {
		return nil, fmt.Errorf("%d replies queued, want %d", len(ids), len(o.numbers))
	}
	return ids, nil
}

// sendOutcome is what became of one round's replies.
type sendOutcome struct {
	corrupt                                   bool
	duplicated, lost, uncertain, unsent, sent int
	notes                                     []string
}

// finishSending syncs again (at most three times) until nothing is left in
// the outbox that could go, waits for Postfix to deliver, and counts the
// deliveries of ids in the customer's mailbox.
func (e *Env) finishSending(db string, ids []string, md *maildirIDs) sendOutcome {
	var out sendOutcome
	var s snapshot
	for pass := 0; ; pass++ {
		s = e.inspect(db)
		if s.Corrupt != "" {
			out.corrupt = true
			out.notes = append(out.notes, s.Corrupt)
			return out
		}
		queued := 0
		for _, m := range outgoing(s.Mails) {
			if m.Status == "queued" {
				queued++
			}
		}
		if queued == 0 || pass == 3 {
			break
		}
		if r := e.run(db, "sync", "--once", "--by", staffName); !r.ok() && crashed(r.RC, r.Stderr) {
			out.corrupt = true
			out.notes = append(out.notes, "sync crashed: "+r.String())
			return out
		}
	}
	if err := e.waitPostfix(60 * time.Second); err != nil {
		out.notes = append(out.notes, err.Error())
	}
	delivered, err := md.counts()
	if err != nil {
		out.notes = append(out.notes, err.Error())
	}
	status := map[string]string{}
	for _, m := range outgoing(s.Mails) {
		status[normID(m.MessageID)] = m.Status
	}
	for _, id := range ids {
		n := delivered[id]
		if n > 1 {
			out.duplicated += n - 1
		}
		switch status[id] {
		case "sent":
			out.sent++
			if n == 0 {
				out.lost++
				out.notes = append(out.notes, "recorded sent, never delivered: "+id)
			}
		case "uncertain":
			out.uncertain++
		case "queued":
			out.unsent++
		case "":
			if n == 0 {
				out.lost++ // gone from the database, and never delivered
				out.notes = append(out.notes, "missing from the database: "+id)
			}
		}
	}
	return out
}

func (res *Result) addSend(round int, o sendOutcome) {
	if o.corrupt {
		res.Counts.add("corrupt", 1)
	}
	res.Counts.add("duplicated", o.duplicated)
	res.Counts.add("lost", o.lost)
	res.Counts.add("uncertain", o.uncertain)
	res.Counts.add("unsent", o.unsent)
	if o.duplicated > 0 {
		res.note("round %d: %d replies delivered twice", round, o.duplicated)
	}
	for _, n := range o.notes {
		res.note("round %d: %s", round, n)
	}
}

// suiteKillSend: `sync --once` sending 30 queued replies, killed at a random
// moment, then run again: no reply reaches the customer twice, none recorded
// sent is missing. Replies marked uncertain are counted apart (at most one
// per kill: the one on the wire).
func (e *Env) suiteKillSend(rounds int, md *maildirIDs) Result {
	const name = "kill-send"
	res := Result{Suite: name, Counts: newCounter("rounds", "kills", "corrupt", "lost", "duplicated", "uncertain", "unsent")}
	dir, err := e.suiteDir(name)
	if err != nil {
		return failed(name, err)
	}
	o, err := e.prepareOutbound(dir, e.SMTPPort, "starttls")
	if err != nil {
		return failed(name, err)
	}
	db := filepath.Join(dir, "round.db")
	// Calibration: one whole round without a kill, which must deliver each once.
	ids, err := e.queue(o, db, 0)
	if err != nil {
		return failed(name, err)
	}
	cal := e.run(db, "sync", "--once", "--by", staffName)
	if !cal.ok() {
		return failed(name, fmt.Errorf("sync --once: %s", cal))
	}
	if c := e.finishSending(db, ids, md); c.sent != len(ids) || c.duplicated+c.lost != 0 {
		return failed(name, fmt.Errorf("an undisturbed send: %d sent, %d lost, %d twice of %d", c.sent, c.lost, c.duplicated, len(ids)))
	}
	e.logf("%s: %d replies sent in %v undisturbed", name, len(ids), cal.Took.Round(time.Millisecond))
	for round := 1; round <= rounds && !e.outOfTime(); round++ {
		res.Counts.add("rounds", 1)
		ids, err := e.queue(o, db, round)
		if err != nil {
			res.Counts.add("corrupt", 1)
			res.note("round %d: %v", round, err)
			continue
		}
		cmd, out, errb := e.command(db, "sync", "--once", "--by", staffName)
		_, hit := e.runKill(cmd, out, errb, e.between(0, cal.Took))
		if hit {
			res.Counts.add("kills", 1)
		}
		res.addSend(round, e.finishSending(db, ids, md))
	}
	res.judge([]string{"corrupt", "lost", "duplicated"}, res.Counts.get("kills"), true)
	return res
}

// tlsForProxy: the client side presents the test servers' own certificate
// (for 127.0.0.1, signed by the test CA Casebook is told to trust); the
// server side trusts that CA.
func (e *Env) tlsForProxy() (down, up *tls.Config, err error) {
	tlsDir := filepath.Join(e.ServersDir, "tls")
	cert, err := tls.LoadX509KeyPair(filepath.Join(tlsDir, "server.pem"), filepath.Join(tlsDir, "server.key"))
	if err != nil {
		return nil, nil, err
	}
	pem, err := os.ReadFile(e.CAFile)
	if err != nil {
		return nil, nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, nil, fmt.Errorf("%s: no certificate", e.CAFile)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}},
		&tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}, nil
}

// pendingSend is a cut round waiting for its retry to fall due.
type pendingSend struct {
	round int
	db    string
	ids   []string
}

// suiteCutSMTP cuts the SMTP session of `sync --once` (30 replies) in the
// proxy: at a random byte, or (every third round) right after a message's
// end of data with the server's "250" swallowed. The retries fall due only
// a minute later (the outbox's backoff), so the suite returns a function
// that finishes the rounds: call it after other suites have used the time.
func (e *Env) suiteCutSMTP(rounds int, md *maildirIDs) func() Result {
	const name = "cut-smtp"
	res := Result{Suite: name, Counts: newCounter("rounds", "cuts", "cuts_after_data", "corrupt", "lost", "duplicated", "uncertain", "unsent")}
	fail := func(err error) func() Result { return func() Result { return failed(name, err) } }
	dir, err := e.suiteDir(name)
	if err != nil {
		return fail(err)
	}
	down, up, err := e.tlsForProxy()
	if err != nil {
		return fail(err)
	}
	p := &Proxy{Upstream: "127.0.0.1:" + strconv.Itoa(e.SMTPSPort), DownTLS: down, UpTLS: up, SMTP: true}
	if err := p.Start(); err != nil {
		return fail(err)
	}
	o, err := e.prepareOutbound(dir, p.Port(), "tls")
	if err != nil {
		p.Close()
		return fail(err)
	}
	// Calibration: a whole session through the proxy.
	db0 := filepath.Join(dir, "round-0.db")
	ids, err := e.queue(o, db0, 0)
	if err != nil {
		p.Close()
		return fail(err)
	}
	p.Arm(Plan{})
	if r := e.run(db0, "sync", "--once", "--by", staffName); !r.ok() {
		p.Close()
		return fail(fmt.Errorf("sync --once through the proxy: %s", r))
	}
	session := p.Outcome()
	if c := e.finishSending(db0, ids, md); c.sent != len(ids) || c.duplicated+c.lost != 0 || session.Accepted != len(ids) {
		p.Close()
		return fail(fmt.Errorf("an undisturbed send through the proxy: %d sent, %d lost, %d twice, %d accepted of %d",
			c.sent, c.lost, c.duplicated, session.Accepted, len(ids)))
	}
	e.logf("%s: an undisturbed session is %d bytes", name, session.Bytes)

	var pending []pendingSend
	var lastCut time.Time
	for round := 1; round <= rounds && !e.outOfTime(); round++ {
		res.Counts.add("rounds", 1)
		db := filepath.Join(dir, fmt.Sprintf("round-%d.db", round))
		ids, err := e.queue(o, db, round)
		if err != nil {
			res.Counts.add("corrupt", 1)
			res.note("round %d: %v", round, err)
			continue
		}
		plan := Plan{Mode: CutAtByte, After: e.Rand.Int64N(session.Bytes)}
		if round%3 == 0 {
			plan = Plan{Mode: CutAfterData, After: 1 + e.Rand.Int64N(int64(len(ids)))}
		}
		p.Arm(plan)
		r := e.run(db, "sync", "--once", "--by", staffName)
		oc := p.Outcome()
		p.Arm(Plan{})
		if oc.Cut {
			res.Counts.add("cuts", 1)
			lastCut = time.Now()
		}
		if oc.CutAfterDATA {
			res.Counts.add("cuts_after_data", 1)
		}
		if crashed(r.RC, r.Stderr) || r.RC == -2 {
			res.Counts.add("corrupt", 1)
			res.note("round %d: sync crashed or hung: %s", round, r)
		}
		if s := e.inspect(db); recordCorrupt(&res, round, s) {
			continue
		}
		pending = append(pending, pendingSend{round: round, db: db, ids: ids})
	}
	return func() Result {
		defer p.Close()
		// The outbox retries a message a minute after its first failure.
		if wait := time.Until(lastCut.Add(62 * time.Second)); wait > 0 && len(pending) > 0 {
			e.logf("%s: waiting %v for the retries to fall due", name, wait.Round(time.Second))
			time.Sleep(wait)
		}
		p.Arm(Plan{})
		for _, ps := range pending {
			res.addSend(ps.round, e.finishSending(ps.db, ps.ids, md))
		}
		res.judge([]string{"corrupt", "lost", "duplicated"}, res.Counts.get("cuts_after_data"), true)
		return res
	}
}
