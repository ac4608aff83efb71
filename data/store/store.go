// Package store keeps Casebook's data in one bbolt file: cases, customers,
// settings, the list rows and the indexes, with schema versions and migrations.
package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"casebook/data"
)

// Bucket names. Every key layout is described where the bucket is written.
var (
	bucketMeta        = []byte("meta")         // "schema" → uint64, "settings" → JSON
	bucketCases       = []byte("cases")        // id → JSON Case
	bucketRows        = []byte("rows")         // id → binary Row (the list index, loaded at open)
	bucketNumbers     = []byte("numbers")      // case number → id
	bucketSeq         = []byte("seq")          // "A-2026" → last number used
	bucketCustomers   = []byte("customers")    // id → JSON Customer
	bucketCustPhone   = []byte("cust_phone")   // normalised phone → customer id
	bucketCustEmail   = []byte("cust_email")   // lower-case e-mail → customer id
	bucketIdxStatus   = []byte("idx_status")   // status 0x00 received(8) id(8) → nil
	bucketIdxReceived = []byte("idx_received") // received(8) id(8) → nil
	bucketIdxDue      = []byte("idx_due")      // earliest running due(8) id(8) → nil
	bucketIdxCustomer = []byte("idx_customer") // customer id(8) case id(8) → nil
)

// SchemaVersion is the newest database layout this build understands.
const SchemaVersion = 4

// migrations[i] brings a database from schema i to i+1, inside one transaction.
var migrations = []func(tx *bolt.Tx) error{
	migrateCreateBuckets, // 0 → 1: cases, customers, indexes
	migrateMail,          // 1 → 2: messages, blobs, folders, outbox
	migrateEvents,        // 2 → 3: timeline events as codes and arguments instead of sentences
	migrateAudit,         // 3 → 4: the audit chain, built from the existing cases and messages
}

func migrateCreateBuckets(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketMeta, bucketCases, bucketRows, bucketNumbers, bucketSeq,
		bucketCustomers, bucketCustPhone, bucketCustEmail, bucketIdxStatus, bucketIdxReceived,
		bucketIdxDue, bucketIdxCustomer} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	raw, err := json.Marshal(data.DefaultSettings())
	if err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put([]byte("settings"), raw)
}

// Store is Casebook's database: one bbolt file plus the in-memory list index.
type Store struct {
	db  *boltDB
	wmu sync.Mutex // serialises writes so index updates follow commit order
	now func() time.Time

	mu       sync.RWMutex // guards settings and index
	settings data.Settings
	index    *data.ListIndex // nil until the list is first needed

	custIndex *custIndex // the customer search (customer_index.go); nil until first needed

	notify func(data.Notice) // told of every committed change; never nil

	// extract cuts an attachment (by the SHA-256 of its bytes) out of a raw
	// message; nil: large attachments cannot be read (see WithExtractor).
	extract func(raw []byte, sha string) ([]byte, error)
}

// appendFill packs pages of buckets whose keys only grow.
const appendFill = 0.95

// Option adjusts how a store is opened.
type Option func(*openOptions)

type openOptions struct {
	timeout   time.Duration
	now       func() time.Time
	loadIndex bool
	readOnly  bool
	notify    func(data.Notice)
	extract   func(raw []byte, sha string) ([]byte, error)
}

// WithIndex loads the case list at open, as the GUI wants.
func WithIndex() Option { return func(o *openOptions) { o.loadIndex = true } }

// WithTimeout sets how long Open waits for another process's lock (default 1 s).
func WithTimeout(d time.Duration) Option { return func(o *openOptions) { o.timeout = d } }

// WithClock replaces time.Now, for tests and reproducible demos.
func WithClock(now func() time.Time) Option { return func(o *openOptions) { o.now = now } }

// WithNotify has fn told of every committed change to a case, the settings or
// the outbox, in commit order. fn runs while the store's write lock is held:
// it must hand the notice on, not call back into the store.
func WithNotify(fn func(data.Notice)) Option { return func(o *openOptions) { o.notify = fn } }

// WithReadOnly opens the file only to read: a shared lock (other readers may
// open it too), nothing written — no migration, no marker — so it works on a
// read-only file or a full disk. A missing or empty file is a
// *data.NoDatabaseError, a file of an older layout a *data.NeedsUpgradeError;
// every change is refused with a *data.NotWritableError.
func WithReadOnly() Option { return func(o *openOptions) { o.readOnly = true } }

// metaOpen is set in the meta bucket while a process has the file open for
// writing and removed when it closes it: found at open, it says the last
// writer did not close cleanly, and the whole file is checked.
var metaOpen = []byte("open")

// ErrNewerSchema means the file was written by a newer Casebook.
var ErrNewerSchema = errors.New("database was made by a newer Casebook")

// WithExtractor lets Blob cut a large incoming attachment out of the raw
// message that holds it (such attachments are stored once, inside it).
func WithExtractor(fn func(raw []byte, sha string) ([]byte, error)) Option {
	return func(o *openOptions) { o.extract = fn }
}

// Open opens or creates the database at path, migrates it, and loads the list index.
//
// Before bbolt is trusted with the file, it is checked (see verify.go): the
// meta pages and the file's length always; every page, and then bbolt's own
// consistency check, when the length is not a whole number of pages, a meta
// page is torn, or the last writer did not close. A damaged file is refused
// with a *data.DamagedError and never written to. The file is made readable
// by its owner only.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	o := openOptions{timeout: time.Second, now: time.Now, notify: func(data.Notice) {}}
	for _, fn := range opts {
		fn(&o)
	}
	st, statErr := os.Stat(path)
	exists := statErr == nil && st.Size() > 0
	switch {
	case o.readOnly && errors.Is(statErr, fs.ErrNotExist):
		return nil, &data.NoDatabaseError{Path: path}
	case o.readOnly && statErr == nil && st.Size() == 0:
		return nil, &data.NoDatabaseError{Path: path, Empty: true}
	case statErr != nil && !errors.Is(statErr, fs.ErrNotExist):
		return nil, fmt.Errorf("open database: %w", statErr)
	case statErr == nil && st.IsDir():
		return nil, fmt.Errorf("open database %s: it is a folder", path)
	}
	if !o.readOnly && !exists {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
	}
	if statErr == nil {
		restrictMode(path, st)
	}
	var db *boltDB
	version := uint64(0)
	if exists {
		ro, v, fi, err := vet(ctx, path, o.timeout)
		if err != nil {
			return nil, err
		}
		version = v
		if !o.readOnly && fi.size%int64(fi.meta.pageSize) != 0 {
			// Readable, since the cut lies in unused space, but not what any
			// writer left: it is not written to.
			ro.DB.Close()
			return nil, damaged(path, data.DamageTruncated, "%d bytes is not a whole number of %d-byte pages", fi.size, fi.meta.pageSize)
		}
		if o.readOnly {
			db = ro
		} else if err := ro.DB.Close(); err != nil {
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
	}
	if o.readOnly {
		if version > SchemaVersion {
			db.DB.Close()
			return nil, fmt.Errorf("open database %s: %w (schema %d, this build reads up to %d)", path, ErrNewerSchema, version, SchemaVersion)
		}
		if version < SchemaVersion {
			db.DB.Close()
			return nil, &data.NeedsUpgradeError{Path: path, From: int(version), To: SchemaVersion}
		}
	} else {
		var err error
		if db, err = openWritable(path, o.timeout); err != nil {
			return nil, err
		}
	}
	s := &Store{db: db, now: o.now, notify: o.notify, extract: o.extract}
	clocks.Store(db.DB, o.now)
	fail := func(err error) (*Store, error) {
		clocks.Delete(db.DB)
		db.DB.Close()
		var d *data.DamagedError
		var nw *data.NotWritableError
		if errors.As(err, &d) || errors.As(err, &nw) {
			return nil, err // they name the file already
		}
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if !o.readOnly {
		if err := s.migrate(); err != nil {
			return fail(err)
		}
		if !exists {
			restrictMode(path, nil)
		}
		if err := s.ensureFacts(ctx); err != nil { // facts.go
			return fail(err)
		}
	}
	if err := s.load(ctx); err != nil {
		return fail(err)
	}
	if o.loadIndex {
		if err := s.LoadIndex(ctx); err != nil {
			return fail(err)
		}
	}
	return s, nil
}

// openWritable opens the (checked, or new) file for writing: an exclusive
// lock, bbolt's freelist read.
func openWritable(path string, timeout time.Duration) (db *boltDB, err error) {
	db = &boltDB{path: path}
	defer db.guard(&err)()
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout})
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("open database %s: %w", path, data.ErrLocked)
	case err != nil && notWritableWhy(err) != "":
		return nil, &data.NotWritableError{Path: path, Why: notWritableWhy(err), Err: err}
	case err != nil:
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.DB = bdb
	return db, nil
}

// vet opens an existing file read-only (a shared lock: no writer is busy
// with it meanwhile), checks it, and returns it open with its schema
// version. Nothing is written.
func vet(ctx context.Context, path string, timeout time.Duration) (_ *boltDB, version uint64, fi fileInfo, err error) {
	db := &boltDB{path: path, readOnly: true}
	defer func() {
		if err != nil && db.DB != nil {
			db.DB.Close()
		}
	}()
	defer db.guard(&err)()
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout, ReadOnly: true})
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, 0, fi, fmt.Errorf("open database %s: %w", path, data.ErrLocked)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum),
		err != nil && strings.Contains(err.Error(), "file size too small"):
		return nil, 0, fi, damaged(path, data.DamageUnreadable, "%v", err)
	case err != nil:
		return nil, 0, fi, fmt.Errorf("open database %s: %w", path, err)
	}
	db.DB = bdb
	f, err := os.Open(path)
	if err != nil {
		return db, 0, fi, fmt.Errorf("open database %s: %w", path, err)
	}
	defer f.Close()
	fi, err = quickCheck(path, f)
	if err != nil {
		return db, 0, fi, err
	}
	unclean := false
	if err := db.View(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			if v := meta.Get([]byte("schema")); len(v) == 8 {
				version = binary.BigEndian.Uint64(v)
			}
			unclean = meta.Get(metaOpen) != nil
		}
		return nil
	}); err != nil {
		return db, 0, fi, err
	}
	if fi.odd() || unclean {
		start := time.Now()
		err := checkAll(ctx, path, f, fi, db)
		slog.Info("database checked", "path", path, "why", why(fi, unclean), "duration", time.Since(start).Round(time.Millisecond), "err", err)
		if err != nil {
			return db, 0, fi, err
		}
	}
	return db, version, fi, nil
}

func why(fi fileInfo, unclean bool) string {
	switch {
	case unclean:
		return "the last writer did not close it"
	case fi.tornMeta:
		return "one meta page is not valid"
	}
	return "its length is not a whole number of pages"
}

// checkAll walks every page with plain reads, then runs bbolt's own
// consistency check (safe once every page is known to lie inside the file).
// bbolt's check cannot be interrupted: it runs to its end (about a second per
// 100,000 cases) even when ctx is cancelled.
func checkAll(ctx context.Context, path string, f *os.File, fi fileInfo, db *boltDB) error {
	if err := deepCheck(path, f, fi); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var problems []string
	err := db.View(func(tx *bolt.Tx) error {
		for e := range tx.Check() { // drained to the end: the check owns tx until then
			if len(problems) < 5 {
				problems = append(problems, e.Error())
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return damaged(path, data.DamageInconsistent, "bbolt check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// restrictMode takes the group's and others' permissions off the database
// file (0644 → 0600; a 0400 file stays 0400), when this user owns it and can.
// It holds customers' personal data.
func restrictMode(path string, st fs.FileInfo) {
	if st == nil {
		var err error
		if st, err = os.Stat(path); err != nil {
			return
		}
	}
	mode := st.Mode().Perm()
	if mode&0o077 == 0 || !ownedByMe(st) {
		return
	}
	if err := os.Chmod(path, mode&^0o077); err != nil {
		slog.Warn("cannot restrict the database file's permissions", "path", path, "mode", mode.String(), "err", err)
		return
	}
	slog.Info("database file made private", "path", path, "was", mode.String(), "now", (mode &^ 0o077).String())
}

// Close records a clean close and releases the file lock.
func (s *Store) Close() error {
	if !s.db.readOnly && s.db.damaged.Load() == nil {
		if err := s.db.Update(func(tx *bolt.Tx) error {
			if meta := tx.Bucket(bucketMeta); meta != nil {
				return meta.Delete(metaOpen)
			}
			return nil
		}); err != nil {
			slog.Warn("database closed without its clean-close mark", "path", s.db.path, "err", err)
		}
	}
	clocks.Delete(s.db.DB)
	return s.db.DB.Close()
}

// ReadOnly tells whether the store was opened only to read.
func (s *Store) ReadOnly() bool { return s.db.readOnly }

// Path is the database file.
func (s *Store) Path() string { return s.db.Path() }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// migrate brings the file to SchemaVersion and marks it open for writing,
// in one transaction.
func (s *Store) migrate() error {
	if err := s.backupBeforeMigration(); err != nil {
		return err
	}
	version := uint64(0)
	err := s.db.Update(func(tx *bolt.Tx) error {
		version = 0
		if meta := tx.Bucket(bucketMeta); meta != nil {
			if v := meta.Get([]byte("schema")); len(v) == 8 {
				version = binary.BigEndian.Uint64(v)
			}
		}
		if version > SchemaVersion {
			return fmt.Errorf("%w (schema %d, this build reads up to %d)", ErrNewerSchema, version, SchemaVersion)
		}
		for v := version; v < SchemaVersion; v++ {
			if err := migrations[v](tx); err != nil {
				return fmt.Errorf("migrate schema %d → %d: %w", v, v+1, err)
			}
			slog.Debug("database migration step", "from", v, "to", v+1)
		}
		meta := tx.Bucket(bucketMeta)
		if version != SchemaVersion {
			if err := meta.Put([]byte("schema"), u64(SchemaVersion)); err != nil {
				return err
			}
		}
		return meta.Put(metaOpen, u64(uint64(os.Getpid())))
	})
	switch {
	case err != nil:
		slog.Error("database migration failed", "path", s.db.Path(), "from", version, "to", SchemaVersion, "err", err)
	case version == 0:
		slog.Info("database created", "path", s.db.Path(), "schema", SchemaVersion)
	case version < SchemaVersion:
		slog.Info("database migrated", "path", s.db.Path(), "from", version, "to", SchemaVersion)
	}
	return err
}

func (s *Store) load(_ context.Context) error {
	return s.db.View(func(tx *bolt.Tx) error {
		var st data.Settings
		if err := json.Unmarshal(tx.Bucket(bucketMeta).Get([]byte("settings")), &st); err != nil {
			return fmt.Errorf("read settings: %w", err)
		}
		s.mu.Lock()
		s.settings = st
		s.mu.Unlock()
		return nil
	})
}

// Settings returns the current settings.
func (s *Store) Settings() data.Settings {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.settings
	// Lists are copied: a caller editing an element of its copy (a staff
	// member's role) must not change the settings in force before they are saved.
	st.Staff, st.Categories, st.MailRules = slices.Clone(st.Staff), slices.Clone(st.Categories), slices.Clone(st.MailRules)
	st.MailTemplates = slices.Clone(st.MailTemplates)
	return st
}

// SaveSettings validates and stores new settings. Deadlines of existing cases keep
// the targets they were given; new cases use the new policy.
func (s *Store) SaveSettings(ctx context.Context, st data.Settings) error {
	return s.SaveSettingsBy(ctx, st, "")
}

// SaveSettingsBy is SaveSettings naming who changed them, for the audit chain.
func (s *Store) SaveSettingsBy(ctx context.Context, st data.Settings, by string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := st.Validate(); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return putSettings(tx, st, by)
	}); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	s.mu.Lock()
	s.settings = st
	s.mu.Unlock()
	s.notify(data.SettingsChanged{})
	return nil
}

// LoadIndex reads the case list into memory now; otherwise the first List or
// Count does. A command that only touches one case never pays for it.
func (s *Store) LoadIndex(ctx context.Context) error {
	_, err := s.listIndex(ctx)
	return err
}

func (s *Store) listIndex(ctx context.Context) (*data.ListIndex, error) {
	s.mu.RLock()
	idx := s.index
	s.mu.RUnlock()
	if idx != nil {
		return idx, nil
	}
	// Hold the write lock so no change slips between the read and the publish.
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.RLock()
	idx = s.index
	s.mu.RUnlock()
	if idx != nil {
		return idx, nil
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		idx, err = loadIndex(ctx, tx)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.index = idx
	s.mu.Unlock()
	return idx, nil
}

// indexPut updates the list index after a commit, if it is loaded, and tells
// of the changed cases; callers hold wmu. Every write of a case ends here.
func (s *Store) indexPut(rows ...*data.Row) {
	s.mu.RLock()
	idx := s.index
	s.mu.RUnlock()
	if idx != nil {
		idx.Put(rows...)
	}
	s.custRowsChanged(rows)
	for _, r := range rows {
		s.notify(data.CaseChanged{ID: r.ID, Number: r.Number})
	}
}

// outboxChanged tells how many messages wait after a commit that queued,
// sent or failed some; callers hold wmu.
func (s *Store) outboxChanged() {
	if n, err := s.outboxNotice(); err == nil {
		s.notify(n)
	}
}

// List returns the rows matching f in the order srt, evaluated at now. A
// failure to read the index (a damaged file) is logged and gives no rows.
func (s *Store) List(f data.Filter, srt data.Sort, now time.Time) []*data.Row {
	idx, err := s.listIndex(context.Background())
	if err != nil {
		slog.Error("read the case list", "err", err)
		return nil
	}
	return idx.List(f, srt, now)
}

// Count is the number of cases in the database.
func (s *Store) Count() int {
	idx, err := s.listIndex(context.Background())
	if err != nil {
		slog.Error("read the case list", "err", err)
		return 0
	}
	return idx.Count()
}

// loadIndex reads the list rows in idx_received order, so no sort is needed at start.
func loadIndex(ctx context.Context, tx *bolt.Tx) (*data.ListIndex, error) {
	rows := tx.Bucket(bucketRows)
	all := make([]*data.Row, 0, rows.Stats().KeyN)
	cur := tx.Bucket(bucketIdxReceived).Cursor()
	for k, _ := cur.Last(); k != nil; k, _ = cur.Prev() {
		if len(all)%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		id := k[8:16]
		r, err := data.DecodeRow(rows.Get(id))
		if err != nil {
			return nil, fmt.Errorf("load list index: case #%d: %w", binary.BigEndian.Uint64(id), err)
		}
		all = append(all, r)
	}
	return data.NewListIndex(all), nil
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// timeKey orders times before the epoch and zero times first.
func timeKey(t time.Time) uint64 {
	if t.IsZero() {
		return 0
	}
	return uint64(t.UnixNano()) ^ (1 << 63)
}
