package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLastProgress(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"\r100/2000\r200/2000", 200},
		{"\r100/2000\r200/2000\r2000/2000\n", 2000},
		{"casebook: connection lost", 0},
	} {
		if got := lastProgress(tc.in); got != tc.want {
			t.Errorf("lastProgress(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestDiffCounts(t *testing.T) {
	want := map[string]int{"a": 1, "b": 1, "c": 2}
	got := map[string]int{"a": 2, "c": 1, "d": 1}
	lost, dup := diffCounts(want, got)
	// b missing, one c missing; one a too many, d not wanted at all.
	if lost != 2 || dup != 2 {
		t.Fatalf("lost %d, duplicated %d; want 2, 2", lost, dup)
	}
	if lost, dup := diffCounts(want, want); lost != 0 || dup != 0 {
		t.Fatalf("same counts: lost %d, duplicated %d", lost, dup)
	}
	if n := extraCopies(map[string]int{"x": 1, "y": 3, "z": 2}); n != 3 {
		t.Fatalf("extraCopies = %d, want 3", n)
	}
}

func TestMessageID(t *testing.T) {
	raw := "Return-Path: <a@b>\r\nMessage-ID:\r\n <case-A-2026-0001.abc@casebook.test>\r\nSubject: x\r\n\r\nMessage-ID: <not-this@x>\r\n"
	if got := messageID([]byte(raw)); got != "case-A-2026-0001.abc@casebook.test" {
		t.Fatalf("messageID = %q", got)
	}
	if got := messageID([]byte("Subject: none\n\nbody")); got != "" {
		t.Fatalf("messageID without one = %q", got)
	}
	if got := normID("  <x@y> "); got != "x@y" {
		t.Fatalf("normID = %q", got)
	}
}

func TestMaildirCountsDeliveriesOnceEvenWhenMovedToCur(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"new", "cur", "tmp"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o755)
	}
	write := func(sub, name, id string) {
		t.Helper()
		raw := "Message-ID: <" + id + ">\r\nSubject: s\r\n\r\nbody\r\n"
		if err := os.WriteFile(filepath.Join(dir, sub, name), []byte(raw), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("new", "1.M1.host", "one@x")
	write("new", "2.M2.host", "two@x")
	write("new", "3.M3.host", "two@x") // delivered twice
	m := newMaildirIDs(dir)
	got, err := m.counts()
	if err != nil {
		t.Fatal(err)
	}
	if got["one@x"] != 1 || got["two@x"] != 2 || extraCopies(got) != 1 {
		t.Fatalf("counts %v", got)
	}
	// Dovecot moves a message to cur/ and adds flags: still one delivery.
	if err := os.Rename(filepath.Join(dir, "new", "1.M1.host"), filepath.Join(dir, "cur", "1.M1.host:2,S")); err != nil {
		t.Fatal(err)
	}
	write("new", "4.M4.host", "three@x")
	got, err = m.counts()
	if err != nil {
		t.Fatal(err)
	}
	if got["one@x"] != 1 || got["two@x"] != 2 || got["three@x"] != 1 {
		t.Fatalf("after the move: counts %v", got)
	}
	// No Maildir at all: nothing delivered, no error.
	if got, err := newMaildirIDs(filepath.Join(dir, "absent")).counts(); err != nil || len(got) != 0 {
		t.Fatalf("absent Maildir: %v, %v", got, err)
	}
}

func TestCrashed(t *testing.T) {
	panicText := "panic: invalid freelist page: 0\n\ngoroutine 1 [running]:\ngo.etcd.io/bbolt.(*freelist).read(...)"
	for _, tc := range []struct {
		rc     int
		stderr string
		want   bool
	}{
		{2, panicText, true},
		{2, "unexpected fault address 0x7f\nfatal error: fault\n[signal SIGSEGV: segmentation violation]", true},
		{-1, "", true}, // ended by a signal
		{2, "casebook: unknown flag: --nope", false}, // a usage error also exits 2
		{1, "casebook: The database file x is damaged: restore it from a backup.", false},
		{0, "", false},
	} {
		if got := crashed(tc.rc, tc.stderr); got != tc.want {
			t.Errorf("crashed(%d, %q) = %v, want %v", tc.rc, tc.stderr, got, tc.want)
		}
	}
}

func TestPDFComplete(t *testing.T) {
	whole := "%PDF-1.3\n" + strings.Repeat("x", 5000) + "\ntrailer\n%%EOF\n"
	if !pdfComplete([]byte(whole)) {
		t.Fatal("a whole PDF is not complete")
	}
	if pdfComplete([]byte(whole[:3000])) || pdfComplete(nil) || pdfComplete([]byte("%%EOF")) {
		t.Fatal("a cut or empty file counts as complete")
	}
}

func TestJudgeAndSummary(t *testing.T) {
	ok := Result{Suite: "kill-demo", Counts: newCounter("rounds", "corrupt", "lost", "duplicated")}
	ok.Counts.add("rounds", 40)
	ok.judge([]string{"corrupt", "lost", "duplicated"}, 0, false)
	if !ok.Pass || ok.line() != "kill-demo          rounds=40 corrupt=0 lost=0 duplicated=0  PASS" {
		t.Fatalf("pass %v, line %q", ok.Pass, ok.line())
	}

	bad := Result{Suite: "cut-smtp", Counts: newCounter("rounds", "duplicated", "uncertain")}
	bad.Counts.add("uncertain", 3)
	bad.judge([]string{"duplicated"}, 3, true)
	if !bad.Pass {
		t.Fatalf("uncertain within the allowance fails: %s", bad.Why)
	}
	bad.judge([]string{"duplicated"}, 2, true)
	if bad.Pass || !strings.Contains(bad.Why, "uncertain 3 > 2") {
		t.Fatalf("uncertain over the allowance: pass %v, why %q", bad.Pass, bad.Why)
	}
	bad.Counts.add("duplicated", 5)
	bad.judge([]string{"duplicated"}, 3, true)
	if bad.Pass || !strings.HasSuffix(bad.line(), "FAIL (duplicated 5)") {
		t.Fatalf("line %q", bad.line())
	}
	if got := summary([]Result{ok, bad, ok}); got != "2 passed, 1 failed" {
		t.Fatalf("summary %q", got)
	}
}

func TestSplit(t *testing.T) {
	if got := split(22, 5); got[0] != 5 || got[1] != 5 || got[2] != 4 || got[4] != 4 {
		t.Fatalf("split(22, 5) = %v", got)
	}
	if got := split(0, 2); got[0] != 0 || got[1] != 0 {
		t.Fatalf("split(0, 2) = %v", got)
	}
}

func TestAddressedTo(t *testing.T) {
	m := mailRow{To: []string{"钱女士 <Customer@Example.test>", "x@y"}}
	if !addressedTo(m, "customer@example.test") || !addressedTo(m, "X@Y") || addressedTo(m, "other@example.test") {
		t.Fatal("addressedTo")
	}
}
