package present

import (
	"errors"
	"io/fs"
)

// ExportError explains why case rows were not exported: a full disk and a
// folder one may not write to are said as such, in the user's language.
func (p *P) ExportError(err error) string {
	if errors.Is(err, fs.ErrExist) {
		return p.T("export.error.exists")
	}
	return p.fileError(err, "export")
}
