package data

import (
	"errors"
	"fmt"
)

// Errors about the database file itself, as opposed to its contents. Each
// typed error below matches its sentinel with errors.Is.
var (
	ErrDamaged      = errors.New("the database file is damaged")
	ErrNotWritable  = errors.New("the database cannot be changed")
	ErrNoDatabase   = errors.New("there is no database")
	ErrNeedsUpgrade = errors.New("the database must be upgraded before it can be read")
)

// Why a file is damaged (DamagedError.Reason).
const (
	DamageTruncated    = "truncated"    // shorter than its own pages say: cut off
	DamageInconsistent = "inconsistent" // its pages contradict each other
	DamageUnreadable   = "unreadable"   // not a database, or no valid header
)

// DamagedError is a database file that failed the checks made before it is
// trusted. Casebook has not written to it.
type DamagedError struct {
	Path   string
	Reason string // DamageTruncated, DamageInconsistent or DamageUnreadable
	Detail string // for the log: what exactly was found
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("%s: %v (%s: %s); Casebook has not written to it: copy the last good copy of the file back",
		e.Path, ErrDamaged, e.Reason, e.Detail)
}

func (e *DamagedError) Unwrap() error { return ErrDamaged }

// Why a database cannot be changed (NotWritableError.Why).
const (
	NotWritableOpenedReadOnly = "opened-read-only" // this Casebook opened it only to read
	NotWritableReadOnlyFile   = "read-only-file"   // the file, its folder or the disk is read-only
	NotWritableDiskFull       = "disk-full"        // no space left
)

// NotWritableError refuses a change the database cannot take. Nothing was
// changed; reading still works.
type NotWritableError struct {
	Path string
	Why  string // NotWritable…
	Err  error  // the system's error, if any
}

func (e *NotWritableError) Error() string {
	s := fmt.Sprintf("%s: %v (%s)", e.Path, ErrNotWritable, e.Why)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *NotWritableError) Unwrap() []error { return []error{ErrNotWritable, e.Err} }

// NoDatabaseError is a path where a command that only reads found no
// database: nothing there, or an empty file. Nothing was created.
type NoDatabaseError struct {
	Path  string
	Empty bool // an existing file of 0 bytes
}

func (e *NoDatabaseError) Error() string {
	if e.Empty {
		return fmt.Sprintf("%s: %v (the file is empty)", e.Path, ErrNoDatabase)
	}
	return fmt.Sprintf("%s: %v", e.Path, ErrNoDatabase)
}

func (e *NoDatabaseError) Unwrap() error { return ErrNoDatabase }

// NeedsUpgradeError is a database of an older layout opened only to read:
// upgrading it means writing to it.
type NeedsUpgradeError struct {
	Path     string
	From, To int // schema versions
}

func (e *NeedsUpgradeError) Error() string {
	return fmt.Sprintf("%s: %v (schema %d, this Casebook reads %d)", e.Path, ErrNeedsUpgrade, e.From, e.To)
}

func (e *NeedsUpgradeError) Unwrap() error { return ErrNeedsUpgrade }
