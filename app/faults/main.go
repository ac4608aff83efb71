// Command faults runs Casebook's fault suites against the real binary and a
// real Dovecot and Postfix on loopback (started by scripts/mailservers.sh;
// scripts/faults.sh does all of it):
//
//	faults -casebook BIN -servers DIR/servers.env -work DIR [-seed N] [-kills N] [-cuts M]
//	faults check-db FILE      bbolt's consistency check of one file (exit 1 when it fails)
//
// It prints one line per suite and a closing "N passed, N failed" line, and
// exits 1 when any suite failed.
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

var allSuites = []string{
	"kill-case-new", "kill-demo", "kill-sync", "kill-send", "kill-archive",
	"cut-imap", "cut-smtp",
	"hostile-forged", "hostile-responder", "hostile-self",
	"damaged-files",
}

func main() {
	if len(os.Args) == 3 && os.Args[1] == "check-db" {
		if err := checkDB(os.Args[2]); err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		return
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// split divides n rounds over k suites as evenly as possible (the first get
// the remainder).
func split(n, k int) []int {
	out := make([]int, k)
	for i := range out {
		out[i] = n / k
		if i < n%k {
			out[i]++
		}
	}
	return out
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("faults", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cb := fs.String("casebook", "", "the casebook binary (required)")
	serversEnv := fs.String("servers", "", "servers.env written by scripts/mailservers.sh start (required)")
	work := fs.String("work", "", "scratch directory, traversable by the mail daemons' users (required)")
	seed := fs.Uint64("seed", 0, "random seed (0: from the clock; printed either way)")
	kills := fs.Int("kills", 20, "kill -9 rounds in all, shared by the five kill suites")
	cuts := fs.Int("cuts", 20, "connection cuts in all, half IMAP, half SMTP")
	responderSyncs := fs.Int("responder-syncs", 5, "syncs the auto-responder writes before")
	mails := fs.Int("sync-mails", 2000, "messages in the kill-sync suite's folder")
	budget := fs.Duration("budget", 30*time.Minute, "stop starting rounds after this long")
	only := fs.String("only", "", "comma-separated suites to run (default: all): "+strings.Join(allSuites, ","))
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *cb == "" || *serversEnv == "" || *work == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: faults -casebook BIN -servers SERVERS_ENV -work DIR [options]")
		fs.PrintDefaults()
		return 2
	}
	wanted := allSuites
	if *only != "" {
		wanted = strings.Split(*only, ",")
		for _, s := range wanted {
			if !slices.Contains(allSuites, s) {
				fmt.Fprintf(stderr, "faults: no suite %q (have %s)\n", s, strings.Join(allSuites, ", "))
				return 2
			}
		}
	}
	if *seed == 0 {
		*seed = uint64(time.Now().UnixNano())
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, "faults:", err)
		return 1
	}
	e := &Env{CB: *cb, Self: self, Work: *work, Rand: rand.New(rand.NewPCG(*seed, 0x6661756c7473)),
		Deadline: time.Now().Add(*budget), Log: stderr}
	if e.CB, err = filepath.Abs(e.CB); err != nil {
		fmt.Fprintln(stderr, "faults:", err)
		return 1
	}
	if err := e.useServers(*serversEnv); err != nil {
		fmt.Fprintln(stderr, "faults:", err)
		return 1
	}
	for _, d := range []string{"home", "logs"} {
		os.MkdirAll(filepath.Join(e.Work, d), 0o755)
	}
	k, c := split(*kills, 5), split(*cuts, 2)
	fmt.Fprintf(stdout, "faults: seed %d; %d kills (%v per suite), %d cuts (%d IMAP, %d SMTP)\n",
		*seed, *kills, k, *cuts, c[0], c[1])

	md := e.customerMaildir()
	results := map[string]Result{}
	want := func(s string) bool { return slices.Contains(wanted, s) }
	started := time.Now()
	do := func(name string, f func() Result) {
		if !want(name) {
			return
		}
		t := time.Now()
		e.logf("%s: running", name)
		r := f()
		results[name] = r
		e.logf("%s: done in %v", name, time.Since(t).Round(time.Second))
		fmt.Fprintln(stdout, r.line())
		for _, n := range r.Notes {
			fmt.Fprintln(stdout, "    "+n)
		}
	}
	// The SMTP cuts go first: their retries fall due a minute later, and
	// the other suites use that minute.
	var finishSMTP func() Result
	if want("cut-smtp") {
		e.logf("cut-smtp: cutting")
		finishSMTP = e.suiteCutSMTP(c[1], md)
	}
	do("kill-case-new", func() Result { return e.suiteKillCaseNew(k[0]) })
	do("kill-demo", func() Result { return e.suiteKillDemo(k[1]) })
	do("kill-archive", func() Result { return e.suiteKillArchive(k[4]) })
	do("hostile-forged", e.suiteForged)
	do("hostile-responder", func() Result { return e.suiteResponder(*responderSyncs) })
	do("hostile-self", e.suiteSelf)
	do("damaged-files", e.suiteDamaged)
	do("cut-imap", func() Result { return e.suiteCutIMAP(c[0]) })
	do("kill-sync", func() Result { return e.suiteKillSync(k[2], *mails) })
	do("kill-send", func() Result { return e.suiteKillSend(k[3], md) })
	do("cut-smtp", func() Result { return finishSMTP() })

	var ordered []Result
	for _, s := range allSuites {
		if r, ok := results[s]; ok {
			ordered = append(ordered, r)
		}
	}
	fmt.Fprintf(stdout, "faults: seed %d, %v\n", *seed, time.Since(started).Round(time.Second))
	for _, r := range ordered {
		fmt.Fprintln(stdout, r.line())
	}
	fmt.Fprintln(stdout, summary(ordered))
	if e.outOfTime() {
		fmt.Fprintf(stdout, "faults: the time budget (%v) ran out: some suites ran fewer rounds\n", *budget)
	}
	for _, r := range ordered {
		if !r.Pass {
			return 1
		}
	}
	return 0
}
