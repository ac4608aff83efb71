package present

import "casebook/data"

// Backup explains why a backup file cannot be written or restored.
func (p *P) Backup(e *data.BackupError) string {
	switch e.Reason {
	case data.BackupForeign:
		return p.T("error.backup_foreign", "path", e.Path)
	case data.BackupNewer:
		return p.T("error.backup_newer", "path", e.Path)
	case data.BackupNeedsPassphrase:
		return p.T("error.backup_needs_passphrase", "path", e.Path)
	case data.BackupWrongPassphrase:
		return p.T("error.backup_wrong_passphrase", "path", e.Path)
	case data.BackupEmptyPassphrase:
		return p.T("error.backup_empty_passphrase")
	case data.BackupSameAsDatabase:
		return p.T("error.backup_same_as_database", "path", e.Path)
	}
	return p.T("error.backup_damaged", "path", e.Path)
}
