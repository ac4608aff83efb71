package data

// ExportFormat is the file format of exported case rows (`casebook export`,
// the Cases list's Export…): one row per case with every field.
type ExportFormat string

const (
	ExportXLSX ExportFormat = "xlsx"
	ExportCSV  ExportFormat = "csv"
)

// ExportFormats lists the formats of the case rows export.
var ExportFormats = []ExportFormat{ExportXLSX, ExportCSV}
