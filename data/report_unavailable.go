package data

import "fmt"

// ErrReportFormatUnavailable is a report format this build cannot write
// (yet): the Reports screen says so instead of a raw error. It is an
// ErrInvalid.
var ErrReportFormatUnavailable = fmt.Errorf("%w: report format not available", ErrInvalid)
