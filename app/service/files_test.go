package service

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"casebook/data"
)

func perm(t *testing.T, path string) os.FileMode {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode().Perm()
}

func TestDocumentsArePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	svc, _ := newTestService(t)
	path, err := svc.Documents.saveDocument("A-2026-0001", "letter.pdf", []byte("%PDF-1.4 test"))
	if err != nil {
		t.Fatal(err)
	}
	if m := perm(t, path); m != 0o600 {
		t.Errorf("document %v, want 0600", m)
	}
	for _, dir := range []string{filepath.Dir(path), svc.DocumentsDir()} {
		if m := perm(t, dir); m != 0o700 {
			t.Errorf("folder %s %v, want 0700", dir, m)
		}
	}
	// A file the user names: also 0600.
	named := filepath.Join(t.TempDir(), "out.pdf")
	if err := WriteFileAtomic(named, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if m := perm(t, named); m != 0o600 {
		t.Errorf("named file %v, want 0600", m)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(named), ".casebook-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestPendingFilesAreRemovedOnEveryFailure(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "archive.pdf")
	f, err := CreatePending(target)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("half"))
	f.Abort()
	// Commit into a folder that vanished: the temporary file goes too.
	g, err := CreatePending(filepath.Join(dir, "sub", "x.pdf"))
	if err == nil {
		g.Abort()
		t.Fatal("a pending file in a missing folder")
	}
	h, err := CreatePending(target)
	if err != nil {
		t.Fatal(err)
	}
	h.path = filepath.Join(dir, "missing", "x.pdf") // the rename fails
	if err := h.Commit(); err == nil {
		t.Fatal("commit into a missing folder succeeded")
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	hidden, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left)+len(hidden) > 0 {
		t.Errorf("left behind: %v %v", left, hidden)
	}
}

func TestLeftoversOfAKilledRunAreCleaned(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	mk := func(name string, age time.Time) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, age, age)
		return p
	}
	// One being written right now by a long archive: old, but locked.
	busy, err := CreatePending(filepath.Join(dir, "busy.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Abort()
	os.Chtimes(busy.tmpName, old, old)
	stale := mk(".casebook-111.tmp", old)
	staleCheck := mk(".casebook-check-222", old)
	fresh := mk(".casebook-333.tmp", time.Now())    // unlocked: a killed run's, at once where files lock
	creating := mk(".casebook-666.new", time.Now()) // a run between creating and locking its file
	other := mk("casebook-444.tmp", old)            // not ours

	n := CleanLeftovers(dir)
	for p, want := range map[string]bool{stale: false, staleCheck: false, fresh: !canLock, creating: true, other: true,
		busy.tmpName: runtime.GOOS != "windows"} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
	if want := 2 + map[bool]int{true: 1}[canLock]; n != want && runtime.GOOS != "windows" {
		t.Errorf("removed %d, want %d", n, want)
	}
	// The next pending file in the same folder cleans too.
	stale = mk(".casebook-555.tmp", old)
	f, err := CreatePending(filepath.Join(dir, "next.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	f.Abort()
	if _, err := os.Stat(stale); err == nil {
		t.Error("CreatePending left a stale temporary file")
	}
}

func TestReadOnlyServiceRefusesChanges(t *testing.T) {
	svc, _ := newTestService(t)
	path := svc.Path()
	svc.Close()
	ro, err := Open(context.Background(), path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if !ro.ReadOnly() {
		t.Error("ReadOnly() is false")
	}
	err = ro.Settings.AddStaff(context.Background(), data.Actor{Name: "王芳", Role: data.RoleOwner}, "小李", data.RoleStaff)
	if !errors.Is(err, data.ErrNotWritable) {
		t.Fatalf("a change on a read-only service: %v", err)
	}
}
