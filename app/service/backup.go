package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"

	"casebook/data"
	"casebook/data/store"
)

// ageHeader starts every file age encrypts.
const ageHeader = "age-encryption.org/v1\n"

// ScryptWorkFactor is the scrypt cost (log2 N) of an encrypted backup's
// passphrase: age's default, about a second. Tests lower it.
var ScryptWorkFactor = 18

// Backup writes a verified copy of the database to dest while the app goes
// on: a snapshot from one read transaction into a temporary file beside
// dest (locked while written, fsynced), stamped with its time, checked in
// full (bbolt read-only, every page, bbolt's consistency check, the schema
// and the case count), encrypted with passphrase when one is given (and then
// decrypted again and checked once more), and only then renamed to dest.
// The outcome, good or not, is recorded in the database (Backups), and a
// good one on the audit chain as by's (What: the file's base name).
func (s *Service) Backup(ctx context.Context, by data.Actor, dest string, passphrase string, encrypt bool) (data.BackupResult, error) {
	if err := check(by, data.ActionBackup); err != nil {
		return data.BackupResult{}, err
	}
	return s.backupAt(ctx, by, dest, passphrase, encrypt, s.Now())
}

// backupAt is Backup with the time the backup is recorded at.
func (s *Service) backupAt(ctx context.Context, by data.Actor, dest string, passphrase string, encrypt bool, now time.Time) (data.BackupResult, error) {
	res := data.BackupResult{At: now, Path: dest, Encrypted: encrypt}
	info, err := s.backup(ctx, dest, passphrase, encrypt, now)
	if err == nil {
		res.OK, res.Size, res.Cases = true, info.Size, info.Cases
	} else {
		res.Error = err.Error()
	}
	if rerr := s.core.store.RecordBackup(res); rerr != nil {
		slog.Warn("backup outcome not recorded", "err", rerr)
	}
	if err == nil {
		// The copy is good whatever happens here: a chain that cannot take
		// the entry (a full disk) is logged, not a failed backup.
		if aerr := s.core.record(ctx, data.AuditBackup, by, filepath.Base(dest), nil); aerr != nil {
			slog.Warn("backup not recorded on the audit chain", "err", aerr)
		}
	}
	slog.Info("backup", "path", dest, "ok", res.OK, "size", res.Size, "cases", res.Cases, "encrypted", encrypt, "err", err)
	return res, err
}

func (s *Service) backup(ctx context.Context, dest, passphrase string, encrypt bool, now time.Time) (data.BackupInfo, error) {
	if encrypt && passphrase == "" {
		return data.BackupInfo{}, &data.BackupError{Path: dest, Reason: data.BackupEmptyPassphrase}
	}
	if same(dest, s.Path()) {
		return data.BackupInfo{}, &data.BackupError{Path: dest, Reason: data.BackupSameAsDatabase}
	}
	dir := filepath.Dir(dest)
	plain, err := os.CreateTemp(dir, ".casebook-backup-*.tmp")
	if err != nil {
		return data.BackupInfo{}, fmt.Errorf("back up: %w", err)
	}
	lockFile(plain)
	defer os.Remove(plain.Name())
	_, err = s.core.store.Snapshot(plain)
	if err == nil {
		err = plain.Sync()
	}
	if cerr := plain.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return data.BackupInfo{}, fmt.Errorf("back up: %w", err)
	}
	if err := store.StampBackup(plain.Name(), now); err != nil {
		return data.BackupInfo{}, err
	}
	if err := syncFile(plain.Name()); err != nil {
		return data.BackupInfo{}, fmt.Errorf("back up: %w", err)
	}
	info, err := store.InspectBackup(ctx, plain.Name())
	if err != nil {
		return info, fmt.Errorf("back up: the copy failed its check: %w", err)
	}
	final := plain.Name()
	if encrypt {
		enc, err := encryptFile(plain.Name(), dir, passphrase)
		if err != nil {
			return info, err
		}
		defer os.Remove(enc)
		check, err := InspectBackup(ctx, enc, passphrase)
		if err != nil {
			return info, fmt.Errorf("back up: the encrypted copy failed its check: %w", err)
		}
		info.Cases, info.Encrypted = check.Cases, true
		final = enc
	}
	st, err := os.Stat(final)
	if err != nil {
		return info, fmt.Errorf("back up: %w", err)
	}
	info.Size, info.Path = st.Size(), dest
	if err := os.Rename(final, dest); err != nil {
		return info, fmt.Errorf("back up: %w", err)
	}
	syncDir(dir)
	return info, nil
}

// Backups returns the last backup tried and the last good one (zero when none).
func (s *Service) Backups() (last, good data.BackupResult, err error) {
	return s.core.store.Backups()
}

// encryptFile writes src encrypted with passphrase (age, scrypt) into a new
// temporary file in dir, fsynced, and returns its name.
func encryptFile(src, dir, passphrase string) (string, error) {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return "", &data.BackupError{Path: src, Reason: data.BackupEmptyPassphrase, Detail: err.Error()}
	}
	r.SetWorkFactor(ScryptWorkFactor)
	in, err := os.Open(src)
	if err != nil {
		return "", fmt.Errorf("encrypt backup: %w", err)
	}
	defer in.Close()
	name, err := writeTemp(dir, ".casebook-backup-*.age.tmp", func(out io.Writer) error {
		w, err := age.Encrypt(out, r)
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, in); err != nil {
			return err
		}
		return w.Close()
	})
	if err != nil {
		return "", fmt.Errorf("encrypt backup: %w", err)
	}
	return name, nil
}

// encrypted tells whether a file is an age-encrypted backup.
func encrypted(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("read backup: %w", err)
	}
	defer f.Close()
	head := make([]byte, len(ageHeader))
	n, _ := io.ReadFull(f, head)
	return bytes.Equal(head[:n], []byte(ageHeader)), nil
}

// decryptTo decrypts an encrypted backup into a new temporary file in dir.
func decryptTo(path, dir, passphrase string) (string, error) {
	if passphrase == "" {
		return "", &data.BackupError{Path: path, Reason: data.BackupNeedsPassphrase}
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return "", &data.BackupError{Path: path, Reason: data.BackupNeedsPassphrase, Detail: err.Error()}
	}
	in, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("read backup: %w", err)
	}
	defer in.Close()
	r, err := age.Decrypt(in, id)
	var nomatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &nomatch):
		return "", &data.BackupError{Path: path, Reason: data.BackupWrongPassphrase}
	case err != nil:
		return "", &data.BackupError{Path: path, Reason: data.BackupDamaged, Detail: err.Error()}
	}
	name, err := writeTemp(dir, ".casebook-restore-*.tmp", func(out io.Writer) error {
		if _, err := io.Copy(out, r); err != nil {
			return &data.BackupError{Path: path, Reason: data.BackupDamaged, Detail: err.Error()}
		}
		return nil
	})
	var be *data.BackupError
	switch {
	case errors.As(err, &be):
		return "", err
	case err != nil:
		return "", fmt.Errorf("read backup: %w", err)
	}
	return name, nil
}

// InspectBackup checks a backup file in full and reads its date, schema and
// case count, decrypting it first (into a temporary file, removed after)
// when it is encrypted. A file that cannot be restored is a
// *data.BackupError. Nothing is changed.
func InspectBackup(ctx context.Context, path, passphrase string) (data.BackupInfo, error) {
	enc, err := encrypted(path)
	if err != nil {
		return data.BackupInfo{Path: path}, err
	}
	if !enc {
		return store.InspectBackup(ctx, path)
	}
	plain, err := decryptTo(path, os.TempDir(), passphrase)
	if err != nil {
		return data.BackupInfo{Path: path, Encrypted: true}, err
	}
	defer os.Remove(plain)
	return inspectAs(ctx, plain, path, true)
}

// inspectAs checks plain, a decrypted or copied backup, and reports it as
// the file the user chose: its path, size and whether it was encrypted.
func inspectAs(ctx context.Context, plain, file string, enc bool) (data.BackupInfo, error) {
	info, err := store.InspectBackup(ctx, plain)
	var be *data.BackupError
	if errors.As(err, &be) {
		be.Path = file
	}
	info.Path, info.Encrypted = file, enc
	if st, serr := os.Stat(file); serr == nil {
		info.Size = st.Size()
	}
	return info, err
}

// Restored is what a restore did.
type Restored struct {
	Backup data.BackupInfo
	Aside  string // where the database that was replaced now is ("" when there was none)
	By     string // who asked for a restore prepared in the window
}

// Restore replaces the database at dbPath with the backup at file. The
// backup is checked in full first (a damaged, foreign or too new file, or a
// wrong passphrase, is a *data.BackupError and nothing is touched); while
// the database's lock is held (refused with data.ErrLocked while a window or
// command has it open) the current file is kept aside as
// <db>.before-restore-<YYYYMMDD-HHMMSS>, and the checked copy is renamed
// onto dbPath in one step.
func Restore(ctx context.Context, dbPath, file, passphrase string, now time.Time, timeout time.Duration) (Restored, error) {
	if same(dbPath, file) {
		return Restored{}, &data.BackupError{Path: file, Reason: data.BackupSameAsDatabase}
	}
	dir := filepath.Dir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Restored{}, fmt.Errorf("restore: %w", err)
	}
	var res Restored
	enc, err := encrypted(file)
	if err != nil {
		return res, err
	}
	// The copy to rename lives beside the database, so the rename is atomic.
	var tmp string
	if enc {
		if tmp, err = decryptTo(file, dir, passphrase); err != nil {
			return res, err
		}
	} else if tmp, err = copyTemp(file, dir); err != nil {
		return res, err
	}
	defer os.Remove(tmp) // gone after the rename; left by a failure
	info, err := store.InspectBackup(ctx, tmp)
	var be *data.BackupError
	if errors.As(err, &be) {
		be.Path = file
	}
	if err != nil {
		return res, err
	}
	info.Path, info.Encrypted = file, enc
	if st, err := os.Stat(file); err == nil {
		info.Size = st.Size()
	}
	res.Backup = info
	if res.Aside, err = swapIn(dbPath, tmp, now, timeout); err != nil {
		return res, err
	}
	slog.Info("database restored", "db", dbPath, "from", file, "taken", info.Taken, "cases", info.Cases, "aside", res.Aside)
	return res, nil
}

// swapIn puts the checked file src in the database's place, under the
// database's lock, keeping the current file aside first (keepAside); aside
// is its name ("" when there was no database).
func swapIn(dbPath, src string, now time.Time, timeout time.Duration) (aside string, err error) {
	release, err := store.HoldExclusive(dbPath, timeout)
	if err != nil {
		return "", err
	}
	defer release()
	if _, err := os.Stat(dbPath); err == nil {
		if aside, err = keepAside(dbPath, now); err != nil {
			return "", err
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("restore: %w", err)
	}
	if err := os.Rename(src, dbPath); err != nil {
		return aside, fmt.Errorf("restore: %w", err)
	}
	syncDir(filepath.Dir(dbPath))
	return aside, nil
}

// keepAside keeps the database as <db>.before-restore-<time>: a second name
// for the same file (a hard link), else a full copy, fsynced; never over an
// existing file.
func keepAside(dbPath string, now time.Time) (string, error) {
	base := dbPath + ".before-restore-" + now.Format("20060102-150405")
	aside := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(aside); errors.Is(err, os.ErrNotExist) {
			break
		}
		aside = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Link(dbPath, aside); err == nil {
		syncDir(filepath.Dir(dbPath))
		return aside, nil
	}
	if err := copyFile(dbPath, aside); err != nil {
		return "", fmt.Errorf("restore: keep the current database aside: %w", err)
	}
	return aside, nil
}

// Compact rewrites the database at dbPath without its free pages, into a new
// file beside it that is checked in full and then renamed onto it, all while
// its lock is held (refused with data.ErrLocked while a window or command has
// it open).
func Compact(ctx context.Context, dbPath string, timeout time.Duration) (data.CompactResult, error) {
	var res data.CompactResult
	st, err := os.Stat(dbPath)
	if errors.Is(err, os.ErrNotExist) {
		return res, &data.NoDatabaseError{Path: dbPath}
	} else if err != nil {
		return res, fmt.Errorf("compact: %w", err)
	}
	res.Before = st.Size()
	dir := filepath.Dir(dbPath)
	f, err := os.CreateTemp(dir, ".casebook-compact-*.tmp")
	if err != nil {
		return res, fmt.Errorf("compact: %w", err)
	}
	tmp := f.Name()
	f.Close()
	os.Remove(tmp) // bbolt creates it afresh
	defer os.Remove(tmp)
	release, err := store.Compact(ctx, dbPath, tmp, timeout)
	if err != nil {
		return res, err
	}
	defer release()
	info, err := store.InspectBackup(ctx, tmp)
	if err != nil {
		return res, fmt.Errorf("compact: the new file failed its check: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return res, fmt.Errorf("compact: %w", err)
	}
	nst, err := os.Stat(tmp)
	if err != nil {
		return res, fmt.Errorf("compact: %w", err)
	}
	if nst.Size() >= res.Before { // nothing to give back: the file stays as it is
		res.After, res.Cases = res.Before, info.Cases
		slog.Info("database not compacted: nothing to give back", "db", dbPath, "size", res.Before, "compacted", nst.Size())
		return res, nil
	}
	_ = os.Chmod(tmp, st.Mode().Perm())
	if err := os.Rename(tmp, dbPath); err != nil {
		return res, fmt.Errorf("compact: %w", err)
	}
	syncDir(dir)
	res.After, res.Cases = nst.Size(), info.Cases
	slog.Info("database compacted", "db", dbPath, "before", res.Before, "after", res.After, "cases", res.Cases)
	return res, nil
}

func copyTemp(src, dir string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", fmt.Errorf("read backup: %w", err)
	}
	defer in.Close()
	name, err := writeTemp(dir, ".casebook-restore-*.tmp", func(out io.Writer) error {
		_, err := io.Copy(out, in)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	return name, nil
}

// writeTemp writes a new temporary file in dir (named after pattern, locked
// from its creation so no cleanup of leftovers takes it), fsyncs and closes
// it, and returns its name; on any error the file is removed and the error
// returned as it is.
func writeTemp(dir, pattern string, write func(io.Writer) error) (string, error) {
	out, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	lockFile(out)
	err = write(out)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
	}
	return err
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes a rename in dir durable (best effort: not every system can).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// same tells whether two paths name the same file.
func same(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(sa, sb)
	}
	aa, _ := filepath.Abs(a)
	ab, _ := filepath.Abs(b)
	return aa == ab
}

// InspectBackup is the package's InspectBackup, for the screens.
func (s *Service) InspectBackup(ctx context.Context, file, passphrase string) (data.BackupInfo, error) {
	return InspectBackup(ctx, file, passphrase)
}

// PendingRestore is where a restore asked for while the database is open
// waits for the next start: a checked, decrypted copy of the backup.
func PendingRestore(dbPath string) string { return dbPath + ".restore-pending" }

// PrepareRestore checks the backup (decrypting it with passphrase when it is
// encrypted) and puts a checked copy beside the database as
// PendingRestore(db), which ApplyPendingRestore puts in place at the next
// start, before the database is opened: a window cannot swap the file it
// has open (it restarts to do it: see the app). by, who asked, is kept
// beside it for the audit entry. Nothing else changes now.
func (s *Service) PrepareRestore(ctx context.Context, by data.Actor, file, passphrase string) (data.BackupInfo, error) {
	if err := check(by, data.ActionRestore); err != nil {
		return data.BackupInfo{}, err
	}
	dbPath := s.Path()
	if same(dbPath, file) {
		return data.BackupInfo{}, &data.BackupError{Path: file, Reason: data.BackupSameAsDatabase}
	}
	dir := filepath.Dir(dbPath)
	enc, err := encrypted(file)
	if err != nil {
		return data.BackupInfo{Path: file}, err
	}
	var tmp string
	if enc {
		tmp, err = decryptTo(file, dir, passphrase)
	} else {
		tmp, err = copyTemp(file, dir)
	}
	if err != nil {
		return data.BackupInfo{Path: file, Encrypted: enc}, err
	}
	defer os.Remove(tmp)
	info, err := inspectAs(ctx, tmp, file, enc)
	if err != nil {
		return info, err
	}
	if err := writeRestoreNote(PendingRestore(dbPath), restoreNote{By: by.Name, From: file, Size: info.Size, Encrypted: enc, Info: &info}); err != nil {
		return info, fmt.Errorf("restore: %w", err)
	}
	if err := os.Rename(tmp, PendingRestore(dbPath)); err != nil {
		os.Remove(pendingBy(PendingRestore(dbPath)))
		return info, fmt.Errorf("restore: %w", err)
	}
	syncDir(dir)
	slog.Info("restore prepared for the next start", "db", dbPath, "from", file, "taken", info.Taken, "cases", info.Cases)
	return info, nil
}

// ApplyPendingRestore puts a restore prepared by PrepareRestore in place,
// before the database is opened: the current file is kept aside as Restore
// does. ok is false when none was waiting.
func ApplyPendingRestore(ctx context.Context, dbPath string, now time.Time, timeout time.Duration) (res Restored, ok bool, err error) {
	pending := PendingRestore(dbPath)
	if _, err := os.Stat(pending); errors.Is(err, os.ErrNotExist) {
		return res, false, nil
	}
	note := readRestoreNote(pending)
	if note.Info != nil {
		res, err = putPrepared(ctx, dbPath, pending, *note.Info, now, timeout)
	} else { // no note (an earlier build's): copied and checked in full
		res, err = Restore(ctx, dbPath, pending, "", now, timeout)
	}
	res.By = note.By
	if note.From != "" { // the backup chosen in the window, not its checked copy
		res.Backup.Path, res.Backup.Size, res.Backup.Encrypted = note.From, note.Size, note.Encrypted
	}
	if err != nil {
		var be *data.BackupError
		if errors.As(err, &be) { // it no longer reads: drop it rather than fail every start
			os.Remove(pending)
			os.Remove(pendingBy(pending))
		}
		return res, true, err
	}
	os.Remove(pending)
	os.Remove(pendingBy(pending))
	return res, true, nil
}

// PendingCompact marks a compaction asked for while the database is open,
// done at the next start before the database is opened.
func PendingCompact(dbPath string) string { return dbPath + ".compact-pending" }

// RequestCompact asks for the database to be compacted when Casebook next
// starts (a window cannot swap the file it has open: it restarts to do it);
// the mark holds the name of by, who asked, for the audit entry.
func (s *Service) RequestCompact(by data.Actor) error {
	if err := check(by, data.ActionRestore); err != nil {
		return err
	}
	if err := os.WriteFile(PendingCompact(s.Path()), []byte(by.Name), 0o600); err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	return nil
}

// CompactRequested tells whether a compaction waits for the next start.
func (s *Service) CompactRequested() bool {
	_, err := os.Stat(PendingCompact(s.Path()))
	return err == nil
}

// ApplyPendingCompact compacts the database before it is opened when a
// compaction was asked for; ok is false when none was.
func ApplyPendingCompact(ctx context.Context, dbPath string, now time.Time, timeout time.Duration) (res data.CompactResult, ok bool, err error) {
	if _, err := os.Stat(PendingCompact(dbPath)); errors.Is(err, os.ErrNotExist) {
		return res, false, nil
	}
	res, err = Compact(ctx, dbPath, timeout)
	res.At = now
	if err == nil || !errors.Is(err, data.ErrLocked) {
		os.Remove(PendingCompact(dbPath)) // done, or it cannot be done: not again at every start
	}
	return res, true, err
}

// RecordCompaction keeps a compaction's outcome for Settings → Backup.
func (s *Service) RecordCompaction(r data.CompactResult) error {
	return s.core.store.RecordCompaction(r)
}

// Compaction is the file's size now, how much compaction would give back,
// and the last compaction.
func (s *Service) Compaction() (size, free int64, last data.CompactResult, err error) {
	if size, free, err = s.core.store.FileSizes(); err != nil {
		return 0, 0, last, err
	}
	last, err = s.core.store.LastCompaction()
	return size, free, last, err
}
