package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// Keys of the meta bucket about backups.
var (
	metaBackupTaken = []byte("backup_taken") // in a backup file: when its snapshot was taken (RFC 3339)
	metaBackupLast  = []byte("backup_last")  // JSON data.BackupResult: the last backup tried
	metaBackupGood  = []byte("backup_good")  // JSON data.BackupResult: the last one verified good
)

// Snapshot writes a consistent copy of the whole database to w from one read
// transaction: writers go on meanwhile, and none of their changes is half in
// the copy.
func (s *Store) Snapshot(w io.Writer) (n int64, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// StampBackup marks a freshly written snapshot file as a backup taken at:
// the time restore shows, and no "open" mark (the running app's, copied
// with the snapshot), so a restored file is not taken for one left unclean.
func StampBackup(path string, at time.Time) (err error) {
	db := &boltDB{path: path}
	defer db.guard(&err)()
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("stamp backup %s: %w", path, err)
	}
	db.DB = bdb
	err = db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return fmt.Errorf("no meta bucket")
		}
		if err := meta.Delete(metaOpen); err != nil {
			return err
		}
		return meta.Put(metaBackupTaken, []byte(at.UTC().Format(time.RFC3339Nano)))
	})
	if cerr := bdb.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("stamp backup %s: %w", path, err)
	}
	return nil
}

// InspectBackup checks a database file in full before it is trusted as a
// backup — bbolt opened read-only (with a timeout), every page walked,
// bbolt's own consistency check — and reads its date, schema and case
// count. A file that fails is a *data.BackupError; nothing is written.
func InspectBackup(ctx context.Context, path string) (info data.BackupInfo, err error) {
	info.Path = path
	st, err := os.Stat(path)
	if err != nil {
		return info, fmt.Errorf("read backup: %w", err)
	}
	info.Size = st.Size()
	bad := func(reason, format string, args ...any) error {
		return &data.BackupError{Path: path, Reason: reason, Detail: fmt.Sprintf(format, args...)}
	}
	if st.Size() == 0 {
		return info, bad(data.BackupDamaged, "empty file")
	}
	db, version, fi, err := vet(ctx, path, time.Second)
	var dmg *data.DamagedError
	switch {
	case errors.As(err, &dmg):
		return info, bad(data.BackupDamaged, "%s: %s", dmg.Reason, dmg.Detail)
	case err != nil:
		return info, err
	}
	defer db.DB.Close()
	if fi.size%int64(fi.meta.pageSize) != 0 {
		return info, bad(data.BackupDamaged, "%d bytes is not a whole number of %d-byte pages", fi.size, fi.meta.pageSize)
	}
	if !fi.odd() { // vet checked everything already when the file looked odd
		f, err := os.Open(path)
		if err != nil {
			return info, fmt.Errorf("read backup: %w", err)
		}
		defer f.Close()
		if err := checkAll(ctx, path, f, fi, db); err != nil {
			if errors.As(err, &dmg) {
				return info, bad(data.BackupDamaged, "%s: %s", dmg.Reason, dmg.Detail)
			}
			return info, err
		}
	}
	foreign := ""
	err = db.View(func(tx *bolt.Tx) error {
		meta, cases := tx.Bucket(bucketMeta), tx.Bucket(bucketCases)
		if meta == nil || cases == nil || len(meta.Get([]byte("schema"))) != 8 {
			foreign = "no Casebook buckets"
			return nil
		}
		version = binary.BigEndian.Uint64(meta.Get([]byte("schema")))
		if t := meta.Get(metaBackupTaken); t != nil {
			info.Taken, _ = time.Parse(time.RFC3339Nano, string(t))
		}
		info.Cases = cases.Stats().KeyN
		return nil
	})
	switch {
	case err != nil && errors.As(err, &dmg):
		return info, bad(data.BackupDamaged, "%s: %s", dmg.Reason, dmg.Detail)
	case err != nil:
		return info, err
	case foreign != "":
		return info, bad(data.BackupForeign, "%s", foreign)
	case version > SchemaVersion:
		return info, bad(data.BackupNewer, "schema %d, this build reads up to %d", version, SchemaVersion)
	}
	info.Schema = int(version)
	if version == SchemaVersion {
		// The copy's own audit chain must hold too: its head is what the
		// restore shows, and a copy whose records disagree with it is no backup.
		sum, err := (&Store{db: db}).AuditVerify(ctx)
		if err != nil {
			return info, bad(data.BackupDamaged, "audit chain: %v", err)
		}
		info.AuditHead, info.AuditEntries = sum.Head, sum.Entries
	}
	return info, nil
}

// RecordBackup keeps a backup's outcome: always as the last one tried, and
// as the last good one when it succeeded.
func (s *Store) RecordBackup(r data.BackupResult) error {
	raw, err := json.Marshal(r)
	if err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(metaBackupLast, raw); err != nil {
			return err
		}
		if r.OK {
			return meta.Put(metaBackupGood, raw)
		}
		return nil
	})
}

// Backups returns the last backup tried and the last good one (zero values
// when there was none).
func (s *Store) Backups() (last, good data.BackupResult, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if raw := meta.Get(metaBackupLast); raw != nil {
			if err := json.Unmarshal(raw, &last); err != nil {
				return err
			}
		}
		if raw := meta.Get(metaBackupGood); raw != nil {
			return json.Unmarshal(raw, &good)
		}
		return nil
	})
	return last, good, err
}

// Compact copies the database at src into a new file dst, leaving out the
// free pages: the file bbolt never shrinks by itself. src is checked first
// and held under its exclusive lock meanwhile (the caller swaps the files
// before it lets go: see the returned release); dst must not exist.
func Compact(ctx context.Context, src, dst string, timeout time.Duration) (release func(), err error) {
	ro, _, fi, err := vet(ctx, src, timeout)
	if err != nil {
		return nil, err
	}
	ro.DB.Close()
	if fi.size%int64(fi.meta.pageSize) != 0 {
		return nil, damaged(src, data.DamageTruncated, "%d bytes is not a whole number of %d-byte pages", fi.size, fi.meta.pageSize)
	}
	in, err := openWritable(src, timeout)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			in.DB.Close()
		}
	}()
	defer in.guard(&err)()
	out, err := bolt.Open(dst, 0o600, &bolt.Options{Timeout: timeout})
	if err != nil {
		return nil, fmt.Errorf("compact into %s: %w", dst, err)
	}
	if err := bolt.Compact(out, in.DB, 64<<20); err != nil {
		out.Close()
		return nil, fmt.Errorf("compact %s: %w", src, err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return nil, fmt.Errorf("compact into %s: %w", dst, err)
	}
	// bbolt grows a file ahead of its data (up to 16 MB at a time): the
	// pages past the last one in use are cut off, or a tight file (a backup
	// restored, written page by page) would come out of compaction larger.
	var used int64
	if err := out.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil }); err != nil {
		out.Close()
		return nil, fmt.Errorf("compact into %s: %w", dst, err)
	}
	if err := out.Close(); err != nil {
		return nil, fmt.Errorf("compact into %s: %w", dst, err)
	}
	if st, err := os.Stat(dst); err == nil && used > 0 && st.Size() > used {
		if err := os.Truncate(dst, used); err != nil {
			return nil, fmt.Errorf("compact into %s: %w", dst, err)
		}
	}
	return func() { in.DB.Close() }, nil
}

var metaCompacted = []byte("compacted") // JSON data.CompactResult: the last compaction

// RecordCompaction keeps the last compaction's outcome.
func (s *Store) RecordCompaction(r data.CompactResult) error {
	raw, err := json.Marshal(r)
	if err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(metaCompacted, raw) })
}

// LastCompaction is the last compaction's outcome (zero when there was none).
func (s *Store) LastCompaction() (r data.CompactResult, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		if raw := tx.Bucket(bucketMeta).Get(metaCompacted); raw != nil {
			return json.Unmarshal(raw, &r)
		}
		return nil
	})
	return r, err
}

// FileSizes are the file's size and how much of it is free pages that
// compaction would give back.
func (s *Store) FileSizes() (size, free int64, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		size = tx.Size()
		return nil
	})
	st := s.db.DB.Stats()
	free = int64(st.FreePageN+st.PendingPageN) * int64(s.db.DB.Info().PageSize)
	return size, free, err
}

// backupBeforeMigration keeps a checked copy of a database that is about to
// be migrated, as <db>.before-migration-<from>to<to>-<YYYYMMDD-HHMMSS>
// beside it: a migration that goes wrong, or a newer Casebook given up,
// leaves the old file to go back to. Without that copy nothing is migrated.
func (s *Store) backupBeforeMigration() error {
	version := uint64(0)
	if err := s.db.View(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			if v := meta.Get([]byte("schema")); len(v) == 8 {
				version = binary.BigEndian.Uint64(v)
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if version == 0 || version >= SchemaVersion {
		return nil // a new file, or nothing to migrate
	}
	path := s.db.Path()
	dest := fmt.Sprintf("%s.before-migration-%dto%d-%s", path, version, SchemaVersion, s.now().Format("20060102-150405"))
	fail := func(err error) error {
		return fmt.Errorf("keep a copy before migrating schema %d → %d: %w (nothing was migrated)", version, SchemaVersion, err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".casebook-backup-*.tmp")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(f.Name())
	_, err = s.Snapshot(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(err)
	}
	if _, err := InspectBackup(context.Background(), f.Name()); err != nil {
		return fail(err)
	}
	if _, err := os.Lstat(dest); err == nil {
		return fail(fmt.Errorf("%s exists", dest))
	}
	if err := os.Rename(f.Name(), dest); err != nil {
		return fail(err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	slog.Info("database copied before migration", "path", path, "copy", dest, "from", version, "to", SchemaVersion)
	return nil
}
