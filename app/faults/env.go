package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"casebook/mailsync/mailtest"
)

const (
	agencyAddr   = mailtest.Agency
	customerAddr = mailtest.Customer
	staffName    = "Faults"
	cmdTimeout   = 90 * time.Second // a command that takes longer hangs
)

// Env is what every suite works with: the binary, the servers, a scratch
// directory, the seeded random source and the time budget.
type Env struct {
	CB       string // the casebook binary
	Self     string // this harness (for check-db in a child process)
	Work     string // scratch directory (traversable by the mail daemons' users)
	Rand     *rand.Rand
	Deadline time.Time
	Log      io.Writer

	// From scripts/mailservers.sh's servers.env.
	ServersDir                               string
	IMAPPort, IMAPSPort, SMTPPort, SMTPSPort int
	CAFile, MaildirRoot                      string
	MailUID, MailGID                         int
}

func loadServersEnv(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			env[k] = v
		}
	}
	return env, sc.Err()
}

func (e *Env) useServers(path string) error {
	env, err := loadServersEnv(path)
	if err != nil {
		return err
	}
	e.ServersDir = filepath.Dir(path)
	for key, dst := range map[string]*int{"IMAP_PORT": &e.IMAPPort, "IMAPS_PORT": &e.IMAPSPort,
		"SMTP_PORT": &e.SMTPPort, "SMTPS_PORT": &e.SMTPSPort, "MAIL_UID": &e.MailUID, "MAIL_GID": &e.MailGID} {
		if *dst, err = strconv.Atoi(env[key]); err != nil {
			return fmt.Errorf("%s: no %s", path, key)
		}
	}
	e.CAFile, e.MaildirRoot = env["CA_FILE"], env["MAILDIR_ROOT"]
	if e.CAFile == "" || e.MaildirRoot == "" {
		return fmt.Errorf("%s: no CA_FILE or MAILDIR_ROOT", path)
	}
	if env["HOST"] != "127.0.0.1" {
		return fmt.Errorf("%s: HOST is %q, want 127.0.0.1 (loopback only)", path, env["HOST"])
	}
	return nil
}

func (e *Env) logf(format string, args ...any) {
	fmt.Fprintf(e.Log, "faults: "+format+"\n", args...)
}

// outOfTime reports whether the budget is spent; suites stop their rounds.
func (e *Env) outOfTime() bool { return time.Now().After(e.Deadline) }

// between is a uniformly random duration in [lo, hi].
func (e *Env) between(lo, hi time.Duration) time.Duration {
	if hi <= lo {
		return lo
	}
	return lo + time.Duration(e.Rand.Int64N(int64(hi-lo)+1))
}

// ---------------------------------------------------------------- commands

type cmdResult struct {
	RC             int // exit code; -1 killed by a signal; -2 did not finish in time (hang)
	Stdout, Stderr string
	Took           time.Duration
	Killed         bool // we killed it
}

func (r cmdResult) ok() bool { return r.RC == 0 }

func (r cmdResult) String() string {
	s := strings.TrimSpace(r.Stderr)
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return fmt.Sprintf("exit %d: %s", r.RC, s)
}

// childEnv is the environment of every casebook process: English messages,
// the mail password, logs and preferences inside the scratch directory.
func (e *Env) childEnv() []string {
	home := filepath.Join(e.Work, "home")
	return []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + home, "USER=faults", "LC_ALL=C", "LANG=C",
		"CASEBOOK_MAIL_PASSWORD=" + mailtest.Password, "CASEBOOK_LOG_DIR=" + filepath.Join(e.Work, "logs"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"), "XDG_DATA_HOME=" + filepath.Join(home, "data"),
		"XDG_STATE_HOME=" + filepath.Join(home, "state"), "XDG_DOCUMENTS_DIR=" + filepath.Join(home, "docs"),
	}
}

// command prepares `casebook --db DB ARGS…`.
func (e *Env) command(db string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	cmd := exec.Command(e.CB, append([]string{"--db", db}, args...)...)
	cmd.Env = e.childEnv()
	cmd.Dir = e.Work
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.WaitDelay = 5 * time.Second
	return cmd, &out, &errb
}

// run runs a casebook command to its end (or kills it as hung after cmdTimeout).
func (e *Env) run(db string, args ...string) cmdResult {
	return e.runCmd(e.command(db, args...))
}

func (e *Env) runCmd(cmd *exec.Cmd, out, errb *bytes.Buffer) cmdResult {
	r, _ := e.runKill(cmd, out, errb, -1)
	return r
}

// runKill starts cmd and sends it SIGKILL after delay (delay < 0: never). It
// reports whether the kill hit the running process.
func (e *Env) runKill(cmd *exec.Cmd, out, errb *bytes.Buffer, delay time.Duration) (cmdResult, bool) {
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return cmdResult{RC: 127, Stderr: err.Error()}, false
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var kill <-chan time.Time
	if delay >= 0 {
		kill = time.After(delay)
	}
	hang := time.After(cmdTimeout)
	killed, hung := false, false
	var err error
wait:
	for {
		select {
		case err = <-done:
			break wait
		case <-kill:
			kill = nil
			if cmd.Process.Signal(syscall.SIGKILL) == nil {
				killed = true
			}
		case <-hang:
			hung = true
			cmd.Process.Signal(syscall.SIGKILL)
			err = <-done
			break wait
		}
	}
	r := cmdResult{Stdout: out.String(), Stderr: errb.String(), Took: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case hung:
		r.RC = -2
	case err == nil:
		r.RC = 0
	case errors.As(err, &exit):
		r.RC = exit.ExitCode() // -1 when a signal ended it
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL && killed {
			r.Killed = true
		}
	default:
		r.RC = 127
		r.Stderr += err.Error()
	}
	// A kill that came after the process had already exited did not hit it.
	return r, r.Killed
}

// mustRun runs a setup command that has to work.
func (e *Env) mustRun(db string, args ...string) (string, error) {
	r := e.run(db, args...)
	if !r.ok() {
		return "", fmt.Errorf("casebook %s: %s", strings.Join(args, " "), r)
	}
	return r.Stdout, nil
}

// ---------------------------------------------------------------- the database

type caseRow struct {
	Number   string `json:"number"`
	Subject  string `json:"subject"`
	Status   string `json:"status"`
	Customer struct {
		Email string `json:"email"`
	} `json:"customer"`
}

type mailRow struct {
	ID        uint64   `json:"id"`
	Direction string   `json:"direction"`
	Date      string   `json:"date"`
	From      string   `json:"from"`
	To        []string `json:"to"`
	Subject   string   `json:"subject"`
	MessageID string   `json:"message_id"`
	Outcome   string   `json:"outcome"`
	Status    string   `json:"status"`
	Case      string   `json:"case"`
	Automatic bool     `json:"automatic"`
	Error     string   `json:"error"`
}

// snapshot is what the commands read from a database after a fault.
type snapshot struct {
	Cases   []caseRow
	Mails   []mailRow
	Corrupt string // why the file counts as corrupt, or ""
	Crashed bool   // a command crashed (panic, signal) or hung
}

// inspect checks a database the way the brief asks: bbolt's own check (in a
// child process: a damaged file can panic inside bbolt), then `case list
// --json` and `mail list --json`.
func (e *Env) inspect(db string) snapshot {
	var s snapshot
	cmd := exec.Command(e.Self, "check-db", db)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if r := e.runCmd(cmd, &out, &errb); !r.ok() {
		s.Corrupt = "bbolt check: " + strings.TrimSpace(r.Stdout+" "+r.Stderr)
		s.Crashed = crashed(r.RC, r.Stderr)
		return s
	}
	r := e.run(db, "case", "list", "--json")
	if !r.ok() {
		s.Corrupt, s.Crashed = "case list: "+r.String(), crashed(r.RC, r.Stderr) || r.RC == -2
		return s
	}
	if err := json.Unmarshal([]byte(r.Stdout), &s.Cases); err != nil {
		s.Corrupt = "case list --json: " + err.Error()
		return s
	}
	r = e.run(db, "mail", "list", "--json")
	if !r.ok() {
		s.Corrupt, s.Crashed = "mail list: "+r.String(), crashed(r.RC, r.Stderr) || r.RC == -2
		return s
	}
	if err := json.Unmarshal([]byte(r.Stdout), &s.Mails); err != nil {
		s.Corrupt = "mail list --json: " + err.Error()
	}
	return s
}

// incomingKeys counts the imported incoming messages (not those recognised
// as duplicates) by Message-ID, or by date, sender and subject without one.
func incomingKeys(mails []mailRow) map[string]int {
	out := map[string]int{}
	for _, m := range mails {
		if m.Direction != "in" || m.Outcome == "duplicate" {
			continue
		}
		k := normID(m.MessageID)
		if k == "" {
			k = "\x00" + m.Date + "\x00" + m.From + "\x00" + m.Subject
		}
		out[k]++
	}
	return out
}

func outgoing(mails []mailRow) []mailRow {
	var out []mailRow
	for _, m := range mails {
		if m.Direction == "out" {
			out = append(out, m)
		}
	}
	return out
}

// addressedTo reports whether any recipient is addr (case-insensitive).
func addressedTo(m mailRow, addr string) bool {
	for _, t := range m.To {
		t = strings.ToLower(t)
		if i := strings.LastIndex(t, "<"); i >= 0 {
			t = strings.TrimSuffix(t[i+1:], ">")
		}
		if strings.TrimSpace(t) == strings.ToLower(addr) {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------- mail setup

// accountArgs is `account set` for the test servers: IMAP and SMTP ports
// and security as given (the proxies' or the servers'), the folder to read.
type account struct {
	IMAPPort     int
	IMAPSecurity string
	SMTPPort     int
	SMTPSecurity string
	Folder       string
	AutoAck      bool
}

func (e *Env) setAccount(db string, a account) error {
	_, err := e.mustRun(db, "account", "set", "--imap-host", "127.0.0.1", "--imap-port", strconv.Itoa(a.IMAPPort),
		"--imap-security", a.IMAPSecurity, "--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(a.SMTPPort),
		"--smtp-security", a.SMTPSecurity, "--ca-file", e.CAFile, "--username", agencyAddr, "--address", agencyAddr,
		"--display-name", "Casebook Faults", "--folder", a.Folder, "--initial-days", "0",
		"--auto-ack="+strconv.FormatBool(a.AutoAck), "--sent-folder", "Sent", "--by", staffName)
	return err
}

// folder makes an empty IMAP folder of the agency (a Maildir++ folder that
// Dovecot finds on the next access) and returns its Maildir.
func (e *Env) folder(name string) (string, error) {
	dir := filepath.Join(e.MaildirRoot, agencyAddr, "."+name)
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			return "", err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "maildirfolder"), nil, 0o600); err != nil {
		return "", err
	}
	return dir, filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, e.MailUID, e.MailGID)
	})
}

// drop puts raw messages into a folder's Maildir.
func (e *Env) drop(dir string, raws ...[]byte) error {
	return mailtest.WriteMaildir(dir, e.MailUID, e.MailGID, raws)
}

// customerDeliveries counts what reached the customer's INBOX by Message-ID.
func (e *Env) customerMaildir() *maildirIDs {
	return newMaildirIDs(filepath.Join(e.MaildirRoot, customerAddr))
}

// waitPostfix waits until Postfix's queue is empty (every accepted message
// delivered to Dovecot or bounced), at most timeout.
func (e *Env) waitPostfix(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	conf := filepath.Join(e.ServersDir, "postfix", "conf")
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		out, err := exec.CommandContext(ctx, "postqueue", "-c", conf, "-p").CombinedOutput()
		cancel()
		if err == nil && bytes.Contains(out, []byte("Mail queue is empty")) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postfix queue not empty after %v: %s", timeout, firstLines(string(out), 5))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, " | ")
}

// copyFile copies a database file (for fresh rounds from a template).
func copyFile(dst, src string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o600)
}
