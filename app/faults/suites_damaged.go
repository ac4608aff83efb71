package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
)

// The damaged-file set: copies of a real database truncated, emptied, or
// made read-only, each through `case list`, `case show` and `case new`.

type fingerprint struct {
	exists  bool
	size    int64
	mtimeNS int64
	sum     [32]byte
}

func fingerprintOf(path string) fingerprint {
	fi, err := os.Stat(path)
	if err != nil {
		return fingerprint{}
	}
	b, _ := os.ReadFile(path)
	return fingerprint{exists: true, size: fi.Size(), mtimeNS: fi.ModTime().UnixNano(), sum: sha256.Sum256(b)}
}

// variant is one damaged or read-only copy.
type variant struct {
	name     string
	damaged  bool // a truncated file: must be refused, never written
	empty    bool // a 0-byte file: read commands must not turn it into a database
	readOnly bool // an intact file that cannot be written: read commands must work
	asNobody bool // run the commands as the unprivileged user (root ignores 0400)
	make     func(dst string, full []byte) error
}

func truncated(n func(size int) int) func(string, []byte) error {
	return func(dst string, full []byte) error {
		return os.WriteFile(dst, full[:n(len(full))], 0o600)
	}
}

// suiteDamaged counts stack traces, writes to the damaged file, and read
// commands that fail on a read-only file.
func (e *Env) suiteDamaged() Result {
	const name = "damaged-files"
	res := Result{Suite: name, Counts: newCounter("rounds", "panics", "writes", "readfail", "accepted"), MaxNotes: 30}
	dir, err := e.suiteDir(name)
	if err != nil {
		return failed(name, err)
	}
	base := filepath.Join(dir, "base.db")
	if _, err := e.mustRun(base, "demo", "--cases", "300", "--seed", "5", "--by", staffName); err != nil {
		return failed(name, err)
	}
	s := e.inspect(base)
	if s.Corrupt != "" || len(s.Cases) == 0 {
		return failed(name, fmt.Errorf("base: %s (%d cases)", s.Corrupt, len(s.Cases)))
	}
	number := s.Cases[0].Number
	full, err := os.ReadFile(base)
	if err != nil {
		return failed(name, err)
	}
	if len(full) < 64*1024 {
		return failed(name, fmt.Errorf("base database only %d bytes", len(full)))
	}
	variants := []variant{
		{name: "truncated-8k", damaged: true, make: truncated(func(int) int { return 8 << 10 })},
		{name: "truncated-16k", damaged: true, make: truncated(func(int) int { return 16 << 10 })},
		{name: "truncated-half", damaged: true, make: truncated(func(n int) int { return n / 2 })},
		{name: "one-byte-short", damaged: true, make: truncated(func(n int) int { return n - 1 })},
		{name: "empty", empty: true, make: truncated(func(int) int { return 0 })},
		{name: "mode-0400", readOnly: true, asNobody: true, make: func(dst string, full []byte) error {
			if err := os.WriteFile(dst, full, 0o400); err != nil {
				return err
			}
			if err := os.Chmod(dst, 0o400); err != nil {
				return err
			}
			return os.Chown(dst, e.MailUID, e.MailGID)
		}},
	}
	commands := []struct {
		name  string
		read  bool
		args  []string
		write bool
	}{
		{"case list", true, []string{"case", "list"}, false},
		{"case show", true, []string{"case", "show", number}, false},
		{"case new", false, caseNewArgs("damaged-file test"), true},
	}
	nobodyHome := filepath.Join(dir, "nobody")
	for _, d := range []string{nobodyHome, filepath.Join(nobodyHome, "logs")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return failed(name, err)
		}
		if err := os.Chown(d, e.MailUID, e.MailGID); err != nil {
			return failed(name, err)
		}
	}

	try := func(v variant, path string) {
		for _, c := range commands {
			if err := v.make(path, full); err != nil {
				res.note("%s: %v", v.name, err)
				return
			}
			before := fingerprintOf(path)
			var r cmdResult
			if v.asNobody {
				r = e.runAsNobody(path, nobodyHome, c.args...)
			} else {
				r = e.run(path, c.args...)
			}
			res.Counts.add("rounds", 1)
			after := fingerprintOf(path)
			if crashed(r.RC, r.Stderr) || r.RC == -2 {
				res.Counts.add("panics", 1)
				res.note("%s, %s: %s", v.name, c.name, firstLines(r.Stderr, 2))
			}
			changed := after != before
			if changed && (v.damaged || v.readOnly || (v.empty && c.read)) {
				res.Counts.add("writes", 1)
				res.note("%s, %s: the file was written (%d -> %d bytes)", v.name, c.name, before.size, after.size)
			}
			if v.readOnly && c.read && !r.ok() {
				res.Counts.add("readfail", 1)
				res.note("%s, %s: %s", v.name, c.name, r)
			}
			if v.damaged && r.ok() {
				res.Counts.add("accepted", 1)
				res.note("%s, %s: accepted (exit 0)", v.name, c.name)
			}
			os.Remove(path)
		}
	}
	for _, v := range variants {
		vdir := filepath.Join(dir, v.name)
		if err := os.MkdirAll(vdir, 0o755); err != nil {
			return failed(name, err)
		}
		try(v, filepath.Join(vdir, "casebook.db"))
	}
	// A read-only mount, when this machine allows mounting.
	if err := e.readOnlyMount(dir, full, func(path string) {
		v := variant{name: "read-only-mount", readOnly: true, make: func(string, []byte) error { return nil }}
		try(v, path)
	}); err != nil {
		res.note("read-only mount not tried: %v", err)
	}
	res.judge([]string{"panics", "writes", "readfail"}, 0, false)
	return res
}

// runAsNobody runs casebook as the unprivileged user: root would write a
// 0400 file regardless.
func (e *Env) runAsNobody(db, home string, args ...string) cmdResult {
	cmd, out, errb := e.command(db, args...)
	env := []string{}
	for _, kv := range cmd.Env {
		if !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "CASEBOOK_LOG_DIR=") && !strings.HasPrefix(kv, "XDG_") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, "HOME="+home, "CASEBOOK_LOG_DIR="+filepath.Join(home, "logs"))
	cmd.Dir = home
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(e.MailUID), Gid: uint32(e.MailGID)}}
	return e.runCmd(cmd, out, errb)
}

// readOnlyMount puts the intact file on a read-only bind mount, calls fn
// with its path, and unmounts.
func (e *Env) readOnlyMount(dir string, full []byte, fn func(path string)) error {
	src, mnt := filepath.Join(dir, "ro-src"), filepath.Join(dir, "ro-mnt")
	for _, d := range []string{src, mnt} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(src, "casebook.db"), full, 0o600); err != nil {
		return err
	}
	mount := func(args ...string) error {
		out, err := exec.Command("mount", args...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("mount %s: %v: %s", strings.Join(args, " "), err, bytes.TrimSpace(out))
		}
		return nil
	}
	if err := mount("--bind", src, mnt); err != nil {
		return err
	}
	defer exec.Command("umount", mnt).Run()
	if err := mount("-o", "remount,bind,ro", mnt); err != nil {
		return err
	}
	fn(filepath.Join(mnt, "casebook.db"))
	return nil
}
