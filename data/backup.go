package data

import (
	"errors"
	"fmt"
	"time"
)

// ErrBadBackup is a file that cannot be restored (or that failed its check
// after writing): damaged, not a Casebook database, too new, or encrypted
// with another passphrase. Nothing was changed.
var ErrBadBackup = errors.New("not a usable Casebook backup")

// Why a backup is refused (BackupError.Reason).
const (
	BackupDamaged         = "damaged"          // cut off, garbage, or its pages contradict each other
	BackupForeign         = "foreign"          // a valid file, but not a Casebook database
	BackupNewer           = "newer"            // made by a newer Casebook
	BackupNeedsPassphrase = "needs-passphrase" // encrypted, and no passphrase was given
	BackupWrongPassphrase = "wrong-passphrase" // encrypted with another passphrase
	BackupEmptyPassphrase = "empty-passphrase" // asked to encrypt with an empty passphrase
	BackupSameAsDatabase  = "same-as-database" // the backup would overwrite the database itself
)

// BackupError refuses a backup file. Nothing was touched.
type BackupError struct {
	Path   string
	Reason string // Backup…
	Detail string // for the log
}

func (e *BackupError) Error() string {
	s := fmt.Sprintf("%s: %v (%s)", e.Path, ErrBadBackup, e.Reason)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

func (e *BackupError) Unwrap() error { return ErrBadBackup }

// BackupInfo is what a backup file holds, read back from it.
type BackupInfo struct {
	Path         string
	Taken        time.Time // when the snapshot was taken (zero: a plain copy of a database)
	Schema       int
	Cases        int
	Size         int64 // of the file as stored (encrypted or not)
	Encrypted    bool
	AuditHead    string // the copy's audit chain head (schema 4 and later), checked
	AuditEntries uint64
}

// BackupResult is one backup's outcome, recorded in the database.
type BackupResult struct {
	At        time.Time `json:"at"`
	Path      string    `json:"path"`
	Size      int64     `json:"size"`
	Cases     int       `json:"cases"`
	Encrypted bool      `json:"encrypted,omitempty"`
	OK        bool      `json:"ok"`
	Error     string    `json:"error,omitempty"`
}

// CompactResult is a compaction's outcome: the file's size before and after.
type CompactResult struct {
	At     time.Time `json:"at"`
	Before int64     `json:"before"`
	After  int64     `json:"after"`
	Cases  int       `json:"cases"`
}

// BackupSchedule is the scheduled backup: a daily copy into Folder at a time
// of day (At "HH:MM" in the agency's zone) or when Casebook closes (At
// "close"), pruned to the newest daily, weekly and monthly copies
// (BackupsToKeep). An empty Folder turns it off.
type BackupSchedule struct {
	Folder   string `json:"folder,omitempty"`
	At       string `json:"at,omitempty"`
	WarnDays int    `json:"warn_days,omitempty"` // Today warns when the last good backup is older; 0: DefaultBackupWarnDays
}

// DefaultBackupWarnDays is how old the last good backup may be before Today warns.
const DefaultBackupWarnDays = 3

// BackupAge is what Today says of the last good backup.
type BackupAge struct {
	Warn  bool // older than the setting allows, or none at all
	Never bool // no good backup was ever made
	Days  int  // whole days since the last good one
}

// BackupWarning is Today's word on the last good backup (zero time: none).
func BackupWarning(lastGood time.Time, st Settings, now time.Time) BackupAge {
	if lastGood.IsZero() {
		return BackupAge{Warn: true, Never: true}
	}
	n := st.Backup.WarnDays
	if n <= 0 {
		n = DefaultBackupWarnDays
	}
	days := int(now.Sub(lastGood) / (24 * time.Hour))
	return BackupAge{Warn: days >= n, Days: days}
}

// BackupAtClose is BackupSchedule.At for a backup when Casebook closes.
const BackupAtClose = "close"

// Validate checks the time of day.
func (b BackupSchedule) Validate() error {
	if b.At == "" || b.At == BackupAtClose {
		return nil
	}
	if _, ok := b.TimeOfDay(); !ok {
		return &FieldError{Field: "backup.at", Reason: "not HH:MM or close"}
	}
	return nil
}

// TimeOfDay is At as minutes after midnight; false for "close" or nonsense.
func (b BackupSchedule) TimeOfDay() (int, bool) {
	t, err := time.Parse("15:04", b.At)
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}
