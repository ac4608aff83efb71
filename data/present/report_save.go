package present

import (
	"context"
	"errors"
	"io/fs"
	"syscall"
)

// ReportSaveError explains why a report file was not saved (the Reports
// screen's Save report…).
func (p *P) ReportSaveError(err error) string { return p.fileError(err, "reports") }

// fileError explains why a file was not written, with the messages under
// prefix ("export.error.…", "reports.error.…"): a full disk and a folder one
// may not write to said as such, a known refusal (no agency name…) in its
// words, anything else with the error itself.
func (p *P) fileError(err error, prefix string) string {
	switch {
	case errors.Is(err, context.Canceled):
		return p.T("Cancelled.")
	case errors.Is(err, syscall.ENOSPC):
		return p.T(prefix + ".error.disk_full")
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return p.T(prefix + ".error.permission")
	}
	if s, ok := p.Known(err); ok {
		return s
	}
	return p.T(prefix+".error.other", "error", err.Error())
}
