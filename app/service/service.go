// Package service is Casebook's application layer: every use case, written
// once, for the desktop screens and the command line alike. Each feature is a
// concrete type (Cases, Mail, Documents, Settings); every call that changes
// something takes the acting staff member (a data.Actor), checks the domain's
// permission table, runs one transaction and publishes a change notice on the
// Feed. The faces above it only parse input and show results.
package service

import (
	"context"
	"sync/atomic"
	"time"

	"casebook/data"
	"casebook/data/store"
	"casebook/mailsync"
)

// Service is the application: one per open database.
type Service struct {
	Cases     *Cases
	Mail      *Mail
	Documents *Documents
	Settings  *Settings
	Audit     *Audit
	Privacy   *Privacy
	Customers *Customers // customer records (customers.go)
	KB        *KB        // the knowledge base (kb.go)
	Templates *Templates // the agency's wording of the mail templates (templates.go)
	Feed      *Feed
	Classify  *Classify // learned suggestions (classify.go)
	Reports   *Reports  // the figures of a period (reports.go)
	Import    *Import   // spreadsheet ledgers (import.go)

	core *core
}

// Options tune a service; the zero value is fine for the command line.
type Options struct {
	Loc       *time.Location   // for printed times; nil: the agency's zone in the settings, as it is at each use
	DocsDir   string           // where Print* saves documents (the GUI's documents folder)
	Passwords Passwords        // where mail passwords live; default the OS keyring
	Now       func() time.Time // the clock, for tests and reproducible demos
	Index     bool             // load the case list at open, as the GUI wants
	Timeout   time.Duration    // how long to wait for another process's lock (default 1 s)
	// ReadOnly opens the database only to read (a shared lock; nothing
	// written, no migration): it works on a read-only file or a full disk.
	// Every changing call is refused with a *data.NotWritableError.
	ReadOnly bool
	// KDF is the argon2id cost of new PINs and passwords (nil:
	// data.DefaultKDF); tests pass a cheap one.
	KDF *data.KDF
}

// core is what every feature shares.
type core struct {
	store     *store.Store
	feed      *Feed
	loc       *time.Location // fixed by Options.Loc; nil follows the settings (zone())
	docsDir   string
	passwords Passwords
	worker    atomic.Pointer[mailsync.Worker] // the background worker, once it runs
	kdf       data.KDF                        // the cost of new sign-in secrets
}

// Open opens (or creates) the database at path and builds the service over it.
func Open(ctx context.Context, path string, o Options) (*Service, error) {
	feed := newFeed()
	opts := []store.Option{store.WithNotify(feed.Publish), store.WithExtractor(mailsync.ExtractAttachment)}
	if o.Now != nil {
		opts = append(opts, store.WithClock(o.Now))
	}
	if o.Index {
		opts = append(opts, store.WithIndex())
	}
	if o.Timeout > 0 {
		opts = append(opts, store.WithTimeout(o.Timeout))
	}
	if o.ReadOnly {
		opts = append(opts, store.WithReadOnly())
	}
	s, err := store.Open(ctx, path, opts...)
	if err != nil {
		feed.Close()
		return nil, err
	}
	if o.DocsDir != "" && !o.ReadOnly {
		CleanLeftovers(o.DocsDir) // a killed run's temporary files
	}
	return build(s, feed, o), nil
}

func build(s *store.Store, feed *Feed, o Options) *Service {
	if o.Passwords == nil {
		o.Passwords = Keyring{}
	}
	c := &core{store: s, feed: feed, loc: o.Loc, docsDir: o.DocsDir, passwords: o.Passwords, kdf: data.DefaultKDF}
	if o.KDF != nil {
		c.kdf = *o.KDF
	}
	return &Service{Cases: &Cases{c}, Mail: &Mail{c}, Documents: &Documents{c}, Settings: &Settings{c}, Audit: &Audit{c}, Privacy: &Privacy{c}, Customers: &Customers{c}, Feed: feed, core: c,
		Classify: newClassify(c), KB: &KB{c}, Templates: &Templates{c}, Reports: &Reports{c}, Import: &Import{c}}
}

// Close stops the feed and releases the database.
func (s *Service) Close() error {
	s.Classify.close()
	s.Feed.Close()
	return s.core.store.Close()
}

// ReadOnly tells whether the database was opened only to read.
func (s *Service) ReadOnly() bool { return s.core.store.ReadOnly() }

// Path is the database file.
func (s *Service) Path() string { return s.core.store.Path() }

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.core.store.Now() }

// DocumentsDir is where printed documents are saved.
func (s *Service) DocumentsDir() string { return s.core.docsDir }

// check is the permission gate every changing call passes first.
func check(a data.Actor, act data.Action) error { return a.Check(act) }

// zone is the time zone printed times are in: Options.Loc, else the
// agency's from the settings now, so a zone changed in Settings applies to
// the next document without a restart.
func (c *core) zone() *time.Location {
	if c.loc != nil {
		return c.loc
	}
	return c.store.Settings().Calendar.Zone()
}
