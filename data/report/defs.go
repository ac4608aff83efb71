package report

// Definitions names every figure whose computation is defined for readers
// (the README's "Report figures", the PDF's last page), in reading order.
// Each has two translation keys: "report.label."+name, the figure's name,
// and "report.def."+name, exactly how it is computed (data/present:
// ReportLabel, ReportDefinition).
var Definitions = []string{
	"received", "by_dimension", "declined", "open_at_end", "backlog",
	"first_response_time", "resolution_time", "percentiles", "sla_first_response", "sla_resolution", "overdue_now",
	"resolution_rate", "reopen_rate", "repeat_rate", "first_contact_resolution",
	"mean_rating", "rating_4_5", "followup_response_rate",
	"compensation", "compensation_by", "recovered", "net_cost",
	"staff", "hotspots", "trend", "per_1000_travellers",
}
