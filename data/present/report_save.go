package present

import (
	"context"
	"errors"
	"io/fs"
	"syscall"

	"casebook/data"
)

// ReportSaveError explains why a report file was not saved (the Reports
// screen's Save report…): a full disk, a folder it may not write to, a
// format this build cannot write, or the error itself.
func (p *P) ReportSaveError(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return p.T("Cancelled.")
	case errors.Is(err, syscall.ENOSPC):
		return p.T("reports.error.disk_full")
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return p.T("reports.error.permission")
	case errors.Is(err, data.ErrReportFormatUnavailable):
		return p.T("reports.error.unavailable")
	}
	if s, ok := p.Known(err); ok {
		return s
	}
	return p.T("reports.error.other", "error", err.Error())
}
