package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"time"
)

// suiteCutIMAP cuts the IMAP connection of `sync --once` (300 messages) at a
// random byte in the proxy, then syncs again undisturbed: every message once,
// none lost, nothing reported imported missing.
func (e *Env) suiteCutIMAP(rounds int) Result {
	const name = "cut-imap"
	const n = 300
	res := Result{Suite: name, Counts: newCounter("rounds", "cuts", "corrupt", "lost", "duplicated")}
	dir, err := e.suiteDir(name)
	if err != nil {
		return failed(name, err)
	}
	p := &Proxy{Upstream: "127.0.0.1:" + strconv.Itoa(e.IMAPPort)}
	if err := p.Start(); err != nil {
		return failed(name, err)
	}
	defer p.Close()
	in, err := e.prepareIntake(dir, "Cuts", n, 7, p.Port())
	if err != nil {
		return failed(name, err)
	}
	db := filepath.Join(dir, "round.db")
	p.Arm(Plan{})
	if err := e.baseline(in, db, n); err != nil {
		return failed(name, err)
	}
	session := p.Outcome()
	e.logf("%s: an undisturbed sync of %d messages is %d bytes in %v", name, n, session.Bytes, in.took.Round(time.Millisecond))
	if session.Bytes == 0 {
		return failed(name, fmt.Errorf("the sync did not go through the proxy"))
	}
	for round := 1; round <= rounds && !e.outOfTime(); round++ {
		res.Counts.add("rounds", 1)
		if err := copyFile(db, in.template); err != nil {
			return failed(name, err)
		}
		p.Arm(Plan{Mode: CutAtByte, After: e.Rand.Int64N(session.Bytes)})
		r := e.run(db, "sync", "--once", "--by", staffName)
		oc := p.Outcome()
		p.Arm(Plan{})
		if oc.Cut {
			res.Counts.add("cuts", 1)
		}
		if crashed(r.RC, r.Stderr) || r.RC == -2 {
			res.Counts.add("corrupt", 1)
			res.note("round %d: sync crashed or hung after the cut: %s", round, r)
		}
		e.afterFault(&res, round, in, db, r, func() cmdResult { return e.run(db, "sync", "--once", "--by", staffName) })
	}
	res.judge([]string{"corrupt", "lost", "duplicated"}, 0, false)
	return res
}
