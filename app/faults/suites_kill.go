package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"casebook/mailsync/mailtest"
)

// The kill suites: SIGKILL at a random moment of a real command, then the
// database is checked and what was reported done is looked for.

// note keeps the first few details of a suite for the log.
func (r *Result) note(format string, args ...any) {
	limit := 8
	if r.MaxNotes > 0 {
		limit = r.MaxNotes
	}
	if len(r.Notes) < limit {
		r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
	}
}

func (e *Env) suiteDir(name string) (string, error) {
	dir := filepath.Join(e.Work, name)
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	return dir, os.MkdirAll(dir, 0o755)
}

func failed(name string, err error) Result {
	c := newCounter("rounds")
	return Result{Suite: name, Counts: c, Why: "setup: " + err.Error()}
}

// recordCorrupt counts a corrupt snapshot.
func recordCorrupt(res *Result, round int, s snapshot) bool {
	if s.Corrupt == "" {
		return false
	}
	res.Counts.add("corrupt", 1)
	if s.Crashed {
		res.Counts.add("crashed", 1)
	}
	res.note("round %d: %s", round, s.Corrupt)
	return true
}

func caseNewArgs(subject string) []string {
	return []string{"case", "new", "--customer", "测试客户", "--phone", "13800138000", "--channel", "phone",
		"--kind", "complaint", "--severity", "normal", "--subject", subject,
		"--description", "导游在购物店停留两个多小时，行程被压缩。", "--by", staffName}
}

// suiteKillCaseNew: a loop of `case new`, one of them killed at a random
// moment of its life. Every case whose number was printed must be there,
// once.
func (e *Env) suiteKillCaseNew(rounds int) Result {
	const name = "kill-case-new"
	res := Result{Suite: name, Counts: newCounter("rounds", "kills", "corrupt", "lost", "duplicated")}
	dir, err := e.suiteDir(name)
	if err != nil {
		return failed(name, err)
	}
	db := filepath.Join(dir, "cases.db")
	// How long one `case new` takes (the kill falls within that): the
	// median of five.
	var took []time.Duration
	for i := range 5 {
		r := e.run(db, caseNewArgs(fmt.Sprintf("calibration %d", i))...)
		if !r.ok() {
			return failed(name, fmt.Errorf("case new: %s", r))
		}
		took = append(took, r.Took)
	}
	slices.Sort(took)
	typical := took[len(took)/2]
	done := map[string]string{} // subject -> number printed
	lost, dup := map[string]bool{}, map[string]bool{}
	seq := 0
	for round := 1; round <= rounds && !e.outOfTime(); round++ {
		res.Counts.add("rounds", 1)
		// Some whole ones, then one killed; a command that ends before its
		// kill falls counts as whole, and the next one is tried (five at most).
		before := e.Rand.IntN(6)
		for i, killed := 0, false; !killed && i < before+5; i++ {
			seq++
			subject := fmt.Sprintf("faults case %d", seq)
			cmd, out, errb := e.command(db, caseNewArgs(subject)...)
			delay := time.Duration(-1)
			if i >= before {
				delay = e.between(0, typical)
			}
			r, hit := e.runKill(cmd, out, errb, delay)
			if hit {
				killed = true
				res.Counts.add("kills", 1)
			} else if r.ok() {
				done[subject] = strings.TrimSpace(r.Stdout)
			} else {
				res.note("round %d: case new failed: %s", round, r)
				if crashed(r.RC, r.Stderr) {
					res.Counts.add("crashed", 1)
				}
			}
		}
		s := e.inspect(db)
		if recordCorrupt(&res, round, s) {
			// Start again on a new file; what was done there is gone with it.
			os.Remove(db)
			done = map[string]string{}
			continue
		}
		bySubject := map[string][]string{}
		byNumber := map[string]int{}
		for _, c := range s.Cases {
			bySubject[c.Subject] = append(bySubject[c.Subject], c.Number)
			byNumber[c.Number]++
		}
		for subject, number := range done {
			found := false
			for _, n := range bySubject[subject] {
				found = found || n == number
			}
			if !found && !lost[subject] {
				lost[subject] = true
				res.note("round %d: %s (%q) was printed, then missing", round, number, subject)
			}
		}
		for subject, numbers := range bySubject {
			if len(numbers) > 1 && !dup[subject] {
				dup[subject] = true
				res.note("round %d: %q stored %d times", round, subject, len(numbers))
			}
		}
		for number, n := range byNumber {
			if n > 1 && !dup["#"+number] {
				dup["#"+number] = true
				res.note("round %d: number %s given %d times", round, number, n)
			}
		}
	}
	res.Counts.add("lost", len(lost))
	res.Counts.add("duplicated", len(dup))
	res.judge([]string{"corrupt", "lost", "duplicated", "crashed"}, 0, false)
	return res
}

// suiteKillDemo: `demo --cases 2000` killed at a random moment, each round on
// a copy of a database that already holds demo cases. The cases there before
// must stay, the count must lie between before and before+2000 (all of it
// when the command said it was done), no number twice.
func (e *Env) suiteKillDemo(rounds int) Result {
	const name = "kill-demo"
	const n = 2000
	res := Result{Suite: name, Counts: newCounter("rounds", "kills", "corrupt", "lost", "duplicated")}
	dir, err := e.suiteDir(name)
	if err != nil {
		return failed(name, err)
	}
	base := filepath.Join(dir, "base.db")
	if _, err := e.mustRun(base, "demo", "--cases", "500", "--seed", "1", "--by", staffName); err != nil {
		return failed(name, err)
	}
	s0 := e.inspect(base)
	if s0.Corrupt != "" {
		return failed(name, fmt.Errorf("base: %s", s0.Corrupt))
	}
	baseNumbers := map[string]bool{}
	for _, c := range s0.Cases {
		baseNumbers[c.Number] = true
	}
	db := filepath.Join(dir, "round.db")
	if err := copyFile(db, base); err != nil {
		return failed(name, err)
	}
	cal := e.run(db, "demo", "--cases", strconv.Itoa(n), "--seed", "2", "--by", staffName)
	if !cal.ok() {
		return failed(name, fmt.Errorf("demo: %s", cal))
	}
	for round := 1; round <= rounds && !e.outOfTime(); round++ {
		res.Counts.add("rounds", 1)
		if err := copyFile(db, base); err != nil {
			return failed(name, err)
		}
		cmd, out, errb := e.command(db, "demo", "--cases", strconv.Itoa(n), "--seed", strconv.Itoa(round+2), "--by", staffName)
		r, hit := e.runKill(cmd, out, errb, e.between(0, cal.Took))
		if hit {
			res.Counts.add("kills", 1)
		}
		reported := lastProgress(r.Stderr)
		if strings.Contains(r.Stdout, "added") {
			reported = n
		}
		s := e.inspect(db)
		if recordCorrupt(&res, round, s) {
			continue
		}
		numbers := map[string]int{}
		missingBase := 0
		for _, c := range s.Cases {
			numbers[c.Number]++
		}
		for num := range baseNumbers {
			if numbers[num] == 0 {
				missingBase++
			}
		}
		short := len(baseNumbers) + reported - len(s.Cases)
		if l := max(missingBase, short, 0); l > 0 {
			res.Counts.add("lost", l)
			res.note("round %d: %d cases lost (%d reported done, %d there)", round, l, reported, len(s.Cases)-len(baseNumbers))
		}
		d := extraCopies(numbers) + max(0, len(s.Cases)-len(baseNumbers)-n)
		if d > 0 {
			res.Counts.add("duplicated", d)
			res.note("round %d: %d duplicated cases", round, d)
		}
	}
	res.judge([]string{"corrupt", "lost", "duplicated"}, 0, false)
	return res
}

// suiteKillArchive: a bulk archive killed at a random moment. The database
// must be intact; a file at the -o path must be a whole PDF; the next run
// must work and leave no temporary files behind.
func (e *Env) suiteKillArchive(rounds int) Result {
	const name = "kill-archive"
	res := Result{Suite: name, Counts: newCounter("rounds", "kills", "corrupt", "lost", "duplicated", "leftovers")}
	dir, err := e.suiteDir(name)
	if err != nil {
		return failed(name, err)
	}
	db := filepath.Join(dir, "archive.db")
	if _, err := e.mustRun(db, "demo", "--cases", "250", "--seed", "3", "--by", staffName); err != nil {
		return failed(name, err)
	}
	if _, err := e.mustRun(db, "agency", "set", "--name", "阳光国际旅行社有限公司", "--by", staffName); err != nil {
		return failed(name, err)
	}
	s0 := e.inspect(db)
	if s0.Corrupt != "" {
		return failed(name, fmt.Errorf("base: %s", s0.Corrupt))
	}
	outDir := filepath.Join(dir, "out")
	if err := os.MkdirAll(outDir, 0o700); err != nil {
		return failed(name, err)
	}
	pdf := filepath.Join(outDir, "archive.pdf")
	args := []string{"archive", "--closed-from", "2020-01-01", "--closed-to", time.Now().Format(time.DateOnly),
		"-o", pdf, "--by", staffName}
	cal := e.run(db, args...)
	if !cal.ok() {
		return failed(name, fmt.Errorf("archive: %s", cal))
	}
	leftovers := func() []string {
		entries, _ := os.ReadDir(outDir)
		var names []string
		for _, en := range entries {
			if en.Name() != "archive.pdf" {
				names = append(names, en.Name())
			}
		}
		return names
	}
	for round := 1; round <= rounds && !e.outOfTime(); round++ {
		res.Counts.add("rounds", 1)
		cmd, out, errb := e.command(db, args...)
		_, hit := e.runKill(cmd, out, errb, e.between(0, cal.Took))
		if hit {
			res.Counts.add("kills", 1)
		}
		s := e.inspect(db)
		if recordCorrupt(&res, round, s) {
			continue
		}
		if len(s.Cases) < len(s0.Cases) {
			res.Counts.add("lost", len(s0.Cases)-len(s.Cases))
		} else if len(s.Cases) > len(s0.Cases) {
			res.Counts.add("duplicated", len(s.Cases)-len(s0.Cases))
		}
		if b, err := os.ReadFile(pdf); err == nil && !pdfComplete(b) {
			res.Counts.add("corrupt", 1)
			res.note("round %d: %s is not a whole PDF after the kill (%d bytes)", round, pdf, len(b))
		}
		// The next run: it must work, and clean up what the killed one left.
		if r := e.run(db, args...); !r.ok() {
			res.Counts.add("corrupt", 1)
			res.note("round %d: the next archive failed: %s", round, r)
		}
		if names := leftovers(); len(names) > 0 {
			res.Counts.add("leftovers", len(names))
			res.note("round %d: left behind after the next run: %s", round, strings.Join(names, ", "))
			for _, n := range names {
				os.RemoveAll(filepath.Join(outDir, n))
			}
		}
	}
	res.judge([]string{"corrupt", "lost", "duplicated", "leftovers"}, 0, false)
	return res
}

// intake is a mail folder loaded once, and the account template reading it.
type intake struct {
	template string         // database with the account set
	base     map[string]int // what an uninterrupted sync imports, by Message-ID
	took     time.Duration  // how long that sync took
}

// prepareIntake loads n messages into folder and makes a template database
// whose account reads it (imapPort: the server's or a proxy's).
func (e *Env) prepareIntake(dir, folder string, n int, seed uint64, imapPort int) (*intake, error) {
	maildir, err := e.folder(folder)
	if err != nil {
		return nil, err
	}
	if err := e.drop(maildir, mailtest.Complaints(n, seed)...); err != nil {
		return nil, err
	}
	in := &intake{template: filepath.Join(dir, "template.db")}
	if err := e.setAccount(in.template, account{IMAPPort: imapPort, IMAPSecurity: "none", SMTPPort: e.SMTPPort,
		SMTPSecurity: "starttls", Folder: folder}); err != nil {
		return nil, err
	}
	return in, nil
}

// baseline runs one uninterrupted sync into a copy of the template.
func (e *Env) baseline(in *intake, db string, n int) error {
	if err := copyFile(db, in.template); err != nil {
		return err
	}
	r := e.run(db, "sync", "--once", "--by", staffName)
	if !r.ok() {
		return fmt.Errorf("sync --once: %s", r)
	}
	s := e.inspect(db)
	if s.Corrupt != "" {
		return fmt.Errorf("after the first sync: %s", s.Corrupt)
	}
	in.base, in.took = incomingKeys(s.Mails), r.Took
	total := 0
	for _, c := range in.base {
		total += c
	}
	if total != n {
		return fmt.Errorf("an uninterrupted sync imported %d of %d messages", total, n)
	}
	return nil
}

// afterFault checks a database after an interrupted sync, resumes it with
// one more sync, and counts against the baseline.
func (e *Env) afterFault(res *Result, round int, in *intake, db string, interrupted cmdResult, resume func() cmdResult) {
	s := e.inspect(db)
	if recordCorrupt(res, round, s) {
		return
	}
	reported := lastProgress(interrupted.Stderr)
	imported := 0
	for _, c := range incomingKeys(s.Mails) {
		imported += c
	}
	early := max(0, reported-imported)
	if r := resume(); !r.ok() {
		res.Counts.add("corrupt", 1)
		res.note("round %d: the sync after the fault failed: %s", round, r)
		return
	}
	s = e.inspect(db)
	if recordCorrupt(res, round, s) {
		return
	}
	lost, dup := diffCounts(in.base, incomingKeys(s.Mails))
	if l := max(lost, early); l > 0 {
		res.Counts.add("lost", l)
		res.note("round %d: %d messages lost (%d reported imported before the fault, %d there)", round, l, reported, imported)
	}
	if dup > 0 {
		res.Counts.add("duplicated", dup)
		res.note("round %d: %d messages imported twice", round, dup)
	}
}

// suiteKillSync: `sync --once` of 2,000 mails from the real Dovecot killed
// at a random moment, then synced again: every message once, none lost.
func (e *Env) suiteKillSync(rounds, n int) Result {
	const name = "kill-sync"
	res := Result{Suite: name, Counts: newCounter("rounds", "kills", "corrupt", "lost", "duplicated")}
	dir, err := e.suiteDir(name)
	if err != nil {
		return failed(name, err)
	}
	in, err := e.prepareIntake(dir, "Bulk", n, 1, e.IMAPPort)
	if err != nil {
		return failed(name, err)
	}
	db := filepath.Join(dir, "round.db")
	if err := e.baseline(in, db, n); err != nil {
		return failed(name, err)
	}
	e.logf("%s: %d messages synced in %v uninterrupted", name, n, in.took.Round(time.Millisecond))
	for round := 1; round <= rounds && !e.outOfTime(); round++ {
		res.Counts.add("rounds", 1)
		if err := copyFile(db, in.template); err != nil {
			return failed(name, err)
		}
		cmd, out, errb := e.command(db, "sync", "--once", "--by", staffName)
		r, hit := e.runKill(cmd, out, errb, e.between(0, in.took))
		if hit {
			res.Counts.add("kills", 1)
		}
		e.afterFault(&res, round, in, db, r, func() cmdResult { return e.run(db, "sync", "--once", "--by", staffName) })
	}
	res.judge([]string{"corrupt", "lost", "duplicated"}, 0, false)
	return res
}
