package service

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// FreePath returns path, or "name (2).pdf", "name (3).pdf"… : the first that
// does not exist yet, or that already holds exactly b (same is then true;
// a nil b matches no file). A file that cannot be read is never taken for a
// free name.
func FreePath(path string, b []byte) (free string, same bool, err error) {
	base, ext := strings.TrimSuffix(path, filepath.Ext(path)), filepath.Ext(path)
	for i := 1; ; i++ {
		free = path
		if i > 1 {
			free = fmt.Sprintf("%s (%d)%s", base, i, ext)
		}
		old, err := os.ReadFile(free)
		switch {
		case err == nil && b != nil && bytes.Equal(old, b):
			return free, true, nil
		case err == nil:
			continue
		case errors.Is(err, fs.ErrNotExist):
			return free, false, nil
		default:
			return "", false, fmt.Errorf("save %s: %w", filepath.Base(free), err)
		}
	}
}

// DocMode and DirMode are the permissions of the documents Casebook writes
// and of the folders it makes for them: letters and archives hold customers'
// personal data, for the user's eyes only.
const (
	DocMode os.FileMode = 0o600
	DirMode os.FileMode = 0o700
)

// tempPattern names the temporary files documents are written through;
// newPattern the name a file has for the instant between its creation and
// its lock (where files can be locked).
const (
	tempPattern = ".casebook-*.tmp"
	newPattern  = ".casebook-*.new"
)

// leftoverAge is how old a temporary file must be before another run takes
// it for a killed run's leftover where files cannot be locked, and how old a
// file still under its creation name must be. Where files can be locked, a
// .tmp file is locked from before it has that name until it is complete, so
// an unlocked one is a leftover at once: the next run removes it.
const leftoverAge = 5 * time.Minute

// WriteFileAtomic writes through a temporary file, so a full disk leaves no
// half-written PDF behind under the real name.
func WriteFileAtomic(path string, b []byte) error {
	f, err := CreatePending(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Abort()
		return fmt.Errorf("save %s: %w", filepath.Base(path), err)
	}
	return f.Commit()
}

// PendingFile is written under a temporary name in its folder and takes its
// real name only when complete.
type PendingFile struct {
	*os.File
	path    string // the real name
	tmpName string // the name it is written under
}

// CreatePending starts a file that will be called path once committed. It
// is created 0600 and locked while it is written; leftovers of killed runs
// in the same folder are removed first.
func CreatePending(path string) (*PendingFile, error) {
	dir := filepath.Dir(path)
	CleanLeftovers(dir)
	pattern := tempPattern
	if canLock {
		pattern = newPattern
	}
	tmp, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, fmt.Errorf("save %s: %w", filepath.Base(path), err)
	}
	if canLock {
		// Locked under its creation name, then renamed: a .tmp file is never
		// unlocked while its writer lives.
		lockFile(tmp)
		name := strings.TrimSuffix(tmp.Name(), ".new") + ".tmp"
		if err := os.Rename(tmp.Name(), name); err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return nil, fmt.Errorf("save %s: %w", filepath.Base(path), err)
		}
		pf := &PendingFile{File: tmp, path: path}
		pf.tmpName = name
		return pf, nil
	}
	return &PendingFile{File: tmp, path: path, tmpName: tmp.Name()}, nil
}

// CleanLeftovers removes temporary files of Casebook's in dir that a killed
// run left behind: older than a few minutes and (where files can be locked)
// not held by a running Casebook. It returns how many it removed.
func CleanLeftovers(dir string) int {
	names, _ := filepath.Glob(filepath.Join(dir, tempPattern))
	fresh, _ := filepath.Glob(filepath.Join(dir, newPattern))
	checks, _ := filepath.Glob(filepath.Join(dir, ".casebook-check-*"))
	n := 0
	for _, name := range append(append(names, fresh...), checks...) {
		st, err := os.Lstat(name)
		if err != nil || !st.Mode().IsRegular() {
			continue
		}
		if young := time.Since(st.ModTime()) < leftoverAge; young && (!canLock || !strings.HasSuffix(name, ".tmp")) {
			continue
		}
		if inUse(name) {
			continue
		}
		if err := os.Remove(name); err == nil {
			n++
			slog.Info("removed a temporary file left by an interrupted run", "file", filepath.Base(name))
		}
	}
	return n
}

// Commit gives the complete file its real name. It is not fsynced: every
// document can be written again from the database (letters byte for byte),
// which is what holds the record; the rename keeps a half-written file from
// ever carrying the real name.
func (p *PendingFile) Commit() error {
	fail := func(err error) error {
		p.Abort()
		return fmt.Errorf("save %s: %w", filepath.Base(p.path), err)
	}
	if err := p.Close(); err != nil {
		return fail(err)
	}
	if err := os.Chmod(p.tmpName, DocMode); err != nil {
		return fail(err)
	}
	if err := os.Rename(p.tmpName, p.path); err != nil {
		return fail(err)
	}
	return nil
}

// Abort removes the unfinished file; after Commit it does nothing.
func (p *PendingFile) Abort() {
	p.Close()
	os.Remove(p.tmpName)
}

// CheckWritable tells whether a file can be created in dir.
func CheckWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".casebook-check-*")
	if err != nil {
		return fmt.Errorf("cannot write to %s: %w", dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// DocumentsDir is where the GUI saves printed documents: Casebook in the
// user's documents folder (on Linux the XDG one, which a Chinese desktop
// names ~/文档), else a folder next to the database.
func DocumentsDir(dbPath string) string {
	if d := userDocumentsDir(); d != "" {
		return filepath.Join(d, "Casebook")
	}
	if abs, err := filepath.Abs(dbPath); err == nil {
		dbPath = abs // the path is shown to the user: make it one they can find
	}
	return filepath.Join(filepath.Dir(dbPath), "documents")
}

// userDocumentsDir finds the documents folder: $XDG_DOCUMENTS_DIR, then the
// entry in user-dirs.dirs (written by xdg-user-dirs-update in the user's
// language), then ~/Documents; "" when none exists.
func userDocumentsDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	candidates := []string{os.Getenv("XDG_DOCUMENTS_DIR")}
	config := os.Getenv("XDG_CONFIG_HOME")
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	if b, err := os.ReadFile(filepath.Join(config, "user-dirs.dirs")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), "XDG_DOCUMENTS_DIR="); ok {
				v = strings.Trim(v, `"`)
				candidates = append(candidates, strings.Replace(v, "$HOME", home, 1))
			}
		}
	}
	candidates = append(candidates, filepath.Join(home, "Documents"))
	for _, d := range candidates {
		if d == "" || filepath.Clean(d) == filepath.Clean(home) { // "$HOME" means the folder is switched off
			continue
		}
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	return ""
}
