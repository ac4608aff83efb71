package data

// ReportFormat is the file format of the owner's report (`casebook report
// --format`, the Reports screen's Save buttons).
type ReportFormat string

const (
	ReportPDF  ReportFormat = "pdf"  // letterhead, figures, charts, definitions
	ReportXLSX ReportFormat = "xlsx" // summary, by category, staff, supplier, then the Cases sheet
	ReportCSV  ReportFormat = "csv"  // the Cases rows of the period
	ReportJSON ReportFormat = "json" // every figure, stable names (README "Report figures")
)

// ReportFormats lists the report's file formats.
var ReportFormats = []ReportFormat{ReportPDF, ReportXLSX, ReportCSV, ReportJSON}
