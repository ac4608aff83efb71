package service

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"casebook/data"
)

// The desktop's side of printing: the same documents, saved as files in the
// user's documents folder for the system viewer to open.

// PrintLetter issues a letter and saves it under the documents folder,
// returning the case after it and the file's path. A letter issued whose file
// could not be written is still recorded: the case comes back with the error.
func (d *Documents) PrintLetter(ctx context.Context, a data.Actor, number string, t data.LetterType, lang string) (data.Case, string, error) {
	is, err := d.IssueLetter(ctx, a, number, t, lang)
	if err != nil {
		return data.Case{}, "", err
	}
	path, err := d.saveDocument(is.Case.Number, is.Letter.Name, is.PDF)
	return is.Case, path, err
}

// Blob returns stored bytes: an issued letter, a logo or a seal.
func (d *Documents) Blob(ctx context.Context, sha string) ([]byte, error) {
	return d.store.Blob(ctx, sha)
}

// ReprintLetter writes an issued letter, byte for byte as issued, to a file
// again; it is an AuditPrint entry.
func (d *Documents) ReprintLetter(ctx context.Context, a data.Actor, number string, l data.Letter) (string, error) {
	if err := check(a, data.ActionReply); err != nil {
		return "", err
	}
	c, err := d.store.Case(ctx, number)
	if err != nil {
		return "", err
	}
	b, err := d.store.Blob(ctx, l.SHA256)
	if err != nil {
		return "", fmt.Errorf("letter %s: %w", l.Name, err)
	}
	if err := d.record(ctx, data.AuditPrint, a, PrintWhat(l.Type, true), &c); err != nil {
		return "", err
	}
	return d.saveDocument(number, l.Name, b)
}

// PrintArchive saves the case's whole dossier under the documents folder.
func (d *Documents) PrintArchive(ctx context.Context, a data.Actor, number string) (string, error) {
	b, err := d.CaseArchive(ctx, a, number, "")
	if err != nil {
		return "", err
	}
	return d.saveDocument(number, archiveFileName(d.store.Settings(), number), b)
}

// PrintClosedArchive saves one PDF of every case closed on the days from to
// to (both inclusive, local time), reporting progress; cancel ctx to stop.
// count is 0 and path "" when no case was closed then.
func (d *Documents) PrintClosedArchive(ctx context.Context, a data.Actor, from, to time.Time, progress func(done, total int)) (path string, count int, err error) {
	if err := check(a, data.ActionReply); err != nil {
		return "", 0, err
	}
	if err := os.MkdirAll(d.docsDir, DirMode); err != nil {
		return "", 0, fmt.Errorf("save archive: %w", err)
	}
	name := fmt.Sprintf("%s-%s-%s.pdf", archiveWord(d.store.Settings()), from.Format("20060102"), to.Format("20060102"))
	// A year's archive can be large: it goes straight to a file, not through memory.
	f, err := CreatePending(filepath.Join(d.docsDir, name))
	if err != nil {
		return "", 0, err
	}
	n, err := d.ClosedArchive(ctx, a, f, from, to, "", progress)
	if err != nil || n == 0 {
		f.Abort()
		return "", n, err
	}
	path, _, err = FreePath(filepath.Join(d.docsDir, name), nil)
	if err != nil {
		f.Abort()
		return "", n, err
	}
	f.path = path
	return path, n, f.Commit()
}

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

// saveDocument writes a PDF under the documents folder (in the case's own
// folder when number is set) and returns its path. An existing file with
// other contents is never overwritten — the customer may hold a copy of it —
// so a new name gets a counter; the same contents reuse the file.
func (d *Documents) saveDocument(number, name string, b []byte) (string, error) {
	dir := d.docsDir
	if number != "" {
		dir = filepath.Join(dir, number)
	}
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return "", fmt.Errorf("save %s: %w", name, err)
	}
	path, same, err := FreePath(filepath.Join(dir, name), b)
	if err != nil || same {
		return path, err
	}
	return path, WriteFileAtomic(path, b)
}
