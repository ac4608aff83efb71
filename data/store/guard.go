package store

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"syscall"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"casebook/data"
)

// boltDB is bbolt's DB with Casebook's guards on every transaction: a store
// opened to read refuses writes with a typed error; a panic or memory fault
// inside bbolt (a damaged page) becomes a *data.DamagedError, is logged with
// its stack, and refuses every later transaction, so a damaged file is never
// written to; a full disk or a read-only file is a *data.NotWritableError.
// The store's files call s.db.Update and s.db.View as before.
type boltDB struct {
	*bolt.DB
	path     string
	readOnly bool
	damaged  atomic.Pointer[data.DamagedError]
}

// View runs a read transaction.
func (db *boltDB) View(fn func(*bolt.Tx) error) (err error) {
	if d := db.damaged.Load(); d != nil {
		return d
	}
	defer db.guard(&err)()
	return db.DB.View(fn)
}

// Update runs a write transaction.
func (db *boltDB) Update(fn func(*bolt.Tx) error) (err error) {
	if err := db.writable(); err != nil {
		return err
	}
	defer db.guard(&err)()
	return db.writeError(db.DB.Update(fn))
}

// Batch runs fn in a write transaction shared with other goroutines' calls.
func (db *boltDB) Batch(fn func(*bolt.Tx) error) (err error) {
	if err := db.writable(); err != nil {
		return err
	}
	defer db.guard(&err)()
	return db.writeError(db.DB.Batch(fn))
}

func (db *boltDB) writable() error {
	if d := db.damaged.Load(); d != nil {
		return d
	}
	if db.readOnly {
		return &data.NotWritableError{Path: db.path, Why: data.NotWritableOpenedReadOnly}
	}
	return nil
}

// writeError names a failed commit's cause: a full disk or a file that
// became read-only. bbolt rolled the transaction back.
func (db *boltDB) writeError(err error) error {
	if err == nil {
		return nil
	}
	if why := notWritableWhy(err); why != "" {
		return &data.NotWritableError{Path: db.path, Why: why, Err: err}
	}
	return err
}

// notWritableWhy tells a full disk and a read-only file from other errors.
func notWritableWhy(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return data.NotWritableDiskFull
	case errors.Is(err, syscall.EROFS), errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM),
		errors.Is(err, berrors.ErrDatabaseReadOnly):
		return data.NotWritableReadOnlyFile
	}
	return ""
}

// guard turns a panic or memory fault inside bbolt into a DamagedError in
// *err; use as defer db.guard(&err)(). A panic raised by Casebook's own code
// (a bug, not the file) is passed on.
func (db *boltDB) guard(err *error) func() {
	old := debug.SetPanicOnFault(true)
	return func() {
		debug.SetPanicOnFault(old)
		r := recover()
		if r == nil {
			return
		}
		stack := debug.Stack()
		if !fromTheFile(r) {
			panic(r)
		}
		d := damaged(db.path, data.DamageInconsistent, "bbolt: %v", r)
		slog.Error("database damaged: bbolt stopped", "path", db.path, "panic", fmt.Sprint(r), "stack", string(stack))
		db.damaged.CompareAndSwap(nil, d)
		*err = d
	}
}

// fromTheFile tells whether a recovered panic came from the file's contents:
// a memory fault on the mapped file (SIGBUS past a truncated end), or a
// panic raised inside bbolt itself ("invalid freelist page", "assertion
// failed", an index out of range while decoding a page).
func fromTheFile(r any) bool {
	if re, ok := r.(runtime.Error); ok {
		if fault, ok := re.(interface{ Addr() uintptr }); ok && fault.Addr() >= 1<<16 {
			return true // not a nil pointer: a page of the mapped file
		}
	}
	// The frame that panicked: the first below runtime's own.
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	panicking := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic" || f.Function == "runtime.sigpanic" || strings.HasPrefix(f.Function, "runtime.panic"):
			panicking = true
		case panicking && !strings.HasPrefix(f.Function, "runtime."):
			return strings.HasPrefix(f.Function, "go.etcd.io/bbolt")
		}
		if !more {
			return false
		}
	}
}
