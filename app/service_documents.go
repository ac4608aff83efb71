package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"casebook/data"
)

// The GUI's side of printing: the same functions as the command line, with
// the PDF written to a file in the user's documents folder for the viewer.

// archiveFileName names a case archive file in the archive's language.
func archiveFileName(st data.Settings, number string) string {
	return archiveWord(st) + "-" + number + ".pdf"
}

func archiveWord(st data.Settings) string {
	switch archiveLanguage(st, "") {
	case "zh-Hant":
		return "案件檔案"
	case "en":
		return "Case-archive"
	}
	return "案件档案"
}

// freePath returns path, or "name (2).pdf", "name (3).pdf"… : the first that
// does not exist yet, or that already holds exactly b (same is then true;
// a nil b matches no file).
// A file that cannot be read is never taken for a free name.
func freePath(path string, b []byte) (free string, same bool, err error) {
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

// writeFileAtomic writes through a temporary file, so a full disk leaves no
// half-written PDF behind under the real name.
func writeFileAtomic(path string, b []byte) error {
	f, err := createPending(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.abort()
		return fmt.Errorf("save %s: %w", filepath.Base(path), err)
	}
	return f.commit()
}

// pendingFile is written under a temporary name in its folder and takes its
// real name only when complete.
type pendingFile struct {
	*os.File
	path string // the real name
}

func createPending(path string) (*pendingFile, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".casebook-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("save %s: %w", filepath.Base(path), err)
	}
	return &pendingFile{File: tmp, path: path}, nil
}

// commit gives the complete file its real name. It is not fsynced: every
// document can be written again from the database (letters byte for byte),
// which is what holds the record; the rename keeps a half-written file from
// ever carrying the real name.
func (p *pendingFile) commit() error {
	fail := func(err error) error {
		p.abort()
		return fmt.Errorf("save %s: %w", filepath.Base(p.path), err)
	}
	if err := p.Close(); err != nil {
		return fail(err)
	}
	if err := os.Chmod(p.Name(), 0o644); err != nil {
		return fail(err)
	}
	if err := os.Rename(p.Name(), p.path); err != nil {
		return fail(err)
	}
	return nil
}

// abort removes the unfinished file.
func (p *pendingFile) abort() {
	p.Close()
	os.Remove(p.Name())
}

// documentsDir is where the GUI saves printed documents: Casebook in the
// user's documents folder (on Linux the XDG one, which a Chinese desktop
// names ~/文档), else a folder next to the database.
func documentsDir(dbPath string) string {
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
