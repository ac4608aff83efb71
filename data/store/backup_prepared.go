package store

import (
	"context"
	"errors"
	"time"

	"casebook/data"
)

// CheckPrepared checks a backup copy that was checked in full moments ago
// by this program (a restore prepared in the window, waiting beside the
// database for the start) the way the database itself is checked at every
// open: the header pages and the length, bbolt opened read-only, and — when
// anything looks odd, or the copy was not closed cleanly — every page and
// bbolt's consistency check; then its schema. A file that fails is a
// *data.BackupError; nothing is written.
func CheckPrepared(ctx context.Context, path string) error {
	bad := func(reason, detail string) error {
		return &data.BackupError{Path: path, Reason: reason, Detail: detail}
	}
	db, version, fi, err := vet(ctx, path, time.Second)
	var dmg *data.DamagedError
	switch {
	case errors.As(err, &dmg):
		return bad(data.BackupDamaged, dmg.Reason+": "+dmg.Detail)
	case err != nil:
		return err
	}
	defer db.DB.Close()
	switch {
	case fi.size%int64(fi.meta.pageSize) != 0:
		return bad(data.BackupDamaged, "not a whole number of pages")
	case version == 0:
		return bad(data.BackupForeign, "no Casebook buckets")
	case version > SchemaVersion:
		return bad(data.BackupNewer, "a newer schema")
	}
	return nil
}
