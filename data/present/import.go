package present

import (
	"errors"

	"casebook/data"
)

// Words of the ledger import (data/ledger, app/service/import.go). The
// presentation package knows no ledger types: callers pass the problem's
// parts.

// ImportField names a ledger column's target field ("" = not imported).
func (p *P) ImportField(field string) string {
	if field == "" {
		return p.T("import.field.none")
	}
	return p.T("import.field." + field)
}

// ImportProblem says what is wrong with a cell: code is a ledger.Code…,
// column the header as written, value the cell, hint what it was read as
// (a status, a category slug, a date), err the case's own reason for
// ledger.CodeField. st names categories.
func (p *P) ImportProblem(st data.Settings, code, column, value, hint string, err error) string {
	switch code {
	case "status_closest":
		hint = p.Status(data.Status(hint))
	case "category_closest", "category_other":
		hint = p.Category(st, hint)
	case "channel_unknown":
		hint = p.Channel(data.Channel(hint))
	case "severity_unknown":
		hint = p.Severity(data.Severity(hint))
	case "field":
		reason := p.Error(err)
		var fe *data.FieldError
		if errors.As(err, &fe) {
			reason = p.FieldError(fe)
		}
		if column == "" {
			return reason
		}
		return p.T("import.problem.field", "column", column, "value", value, "reason", reason)
	}
	return p.T("import.problem."+code, "column", column, "value", value, "hint", hint)
}

// imported renders an EventImported.
func (p *P) imported(e data.Event) string {
	a := e.Args
	s := p.T("event.imported", "name", a[data.ArgName], "row", a[data.ArgRow], "status", p.Status(data.Status(e.New)))
	if ref := a[data.ArgRef]; ref != "" {
		s = p.T("event.imported_ref", "name", a[data.ArgName], "row", a[data.ArgRow], "ref", ref, "status", p.Status(data.Status(e.New)))
	}
	if o := a[data.ArgOwner]; o != "" {
		s += p.T("event.imported_owner", "owner", o)
	}
	return s
}
