package ledger

import (
	"errors"
	"os"
	"strings"

	"casebook/data"
	"casebook/data/present"
)

// MissingError says the mapping lacks a required field.
type MissingError struct{ Fields []Field }

func (e *MissingError) Error() string {
	names := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		names[i] = string(f)
	}
	return "no column is mapped to " + strings.Join(names, ", ")
}

// Unwrap makes it an ErrInvalid.
func (e *MissingError) Unwrap() error { return data.ErrInvalid }

// ColumnName is a column as people find it: its letter and header ("B 投诉日期").
func ColumnName(i int, header string) string {
	if i < 0 {
		return ""
	}
	return Letter(i) + " " + header
}

// Describe says a problem in p's language (without its row number).
func Describe(p *present.P, st data.Settings, pr Problem) string {
	return p.ImportProblem(st, pr.Code, ColumnName(pr.Column, pr.Header), pr.Value, pr.Hint, pr.Err)
}

// FieldNames are the fields' names in p's language, Ignore first, for a select.
func FieldNames(p *present.P) []string {
	out := []string{p.ImportField("")}
	for _, f := range Fields {
		out = append(out, p.ImportField(string(f)))
	}
	return out
}

// ErrorText says why a ledger could not be read or mapped, in p's language;
// false when err is none of the ledger's.
func ErrorText(p *present.P, err error) (string, bool) {
	var (
		se *SheetError
		me *MappingError
		mi *MissingError
	)
	switch {
	case errors.As(err, &se):
		return p.T("import.error.sheet", "sheet", se.Sheet, "sheets", strings.Join(se.Sheets, "、")), true
	case errors.As(err, &me):
		return p.T("import.error.map_"+me.Code, "entry", me.Entry, "column", me.Column), true
	case errors.As(err, &mi):
		names := make([]string, len(mi.Fields))
		for i, f := range mi.Fields {
			names[i] = p.ImportField(string(f))
		}
		return p.T("import.error.missing", "fields", p.List(names)), true
	case errors.Is(err, ErrTooLarge):
		return p.T("import.error.too_large"), true
	case errors.Is(err, ErrFormat):
		return p.T("import.error.format"), true
	case errors.Is(err, os.ErrNotExist):
		return p.T("import.error.no_file"), true
	}
	return "", false
}
