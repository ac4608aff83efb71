package present

import (
	"context"
	"errors"
	"io/fs"
	"syscall"
)

// ExportError explains why case rows were not exported: a full disk and a
// folder one may not write to are said as such, in the user's language.
func (p *P) ExportError(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return p.T("Cancelled.")
	case errors.Is(err, syscall.ENOSPC):
		return p.T("export.error.disk_full")
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return p.T("export.error.permission")
	case errors.Is(err, fs.ErrExist):
		return p.T("export.error.exists")
	}
	if s, ok := p.Known(err); ok {
		return s
	}
	return p.T("export.error.other", "error", err.Error())
}
