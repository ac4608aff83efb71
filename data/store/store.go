// Package store keeps Casebook's data in one bbolt file: cases, customers,
// settings, the list rows and the indexes, with schema versions and migrations.
package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
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
const SchemaVersion = 3

// migrations[i] brings a database from schema i to i+1, inside one transaction.
var migrations = []func(tx *bolt.Tx) error{
	migrateCreateBuckets, // 0 → 1: cases, customers, indexes
	migrateMail,          // 1 → 2: messages, blobs, folders, outbox
	migrateEvents,        // 2 → 3: timeline events as codes and arguments instead of sentences
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
	db  *bolt.DB
	wmu sync.Mutex // serialises writes so index updates follow commit order
	now func() time.Time

	mu       sync.RWMutex // guards settings and index
	settings data.Settings
	index    *data.ListIndex // nil until the list is first needed

	notify func(data.Notice) // told of every committed change; never nil
}

// appendFill packs pages of buckets whose keys only grow.
const appendFill = 0.95

// Option adjusts how a store is opened.
type Option func(*openOptions)

type openOptions struct {
	timeout   time.Duration
	now       func() time.Time
	loadIndex bool
	notify    func(data.Notice)
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

// Open opens or creates the database at path, migrates it, and loads the list index.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	o := openOptions{timeout: time.Second, now: time.Now, notify: func(data.Notice) {}}
	for _, fn := range opts {
		fn(&o)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: o.timeout})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("open database %s: %w", path, data.ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := &Store{db: db, now: o.now, notify: o.notify}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := s.load(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if o.loadIndex {
		if err := s.LoadIndex(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
	}
	return s, nil
}

// Close releases the file lock.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file.
func (s *Store) Path() string { return s.db.Path() }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// ErrNewerSchema means the file was written by a newer Casebook.
var ErrNewerSchema = errors.New("database was made by a newer Casebook")

func (s *Store) migrate() error {
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
		return tx.Bucket(bucketMeta).Put([]byte("schema"), u64(SchemaVersion))
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
	return s.settings
}

// SaveSettings validates and stores new settings. Deadlines of existing cases keep
// the targets they were given; new cases use the new policy.
func (s *Store) SaveSettings(ctx context.Context, st data.Settings) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := st.Validate(); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	raw, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte("settings"), raw)
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
