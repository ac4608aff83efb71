package ledger

// Request names a ledger file and how to read it.
type Request struct {
	Path  string
	Sheet string // an XLSX sheet; "" the first
	// Mapping is the whole mapping (the window's table); nil: the detected one.
	Mapping Mapping
	// Map corrects it with "column=field" entries (the command line's --map).
	Map []string
}

// PreviewRows is how many rows a preview shows.
const PreviewRows = 10

// Preview is what the file holds and how its columns map.
type Preview struct {
	File     string // base name
	SHA256   string
	Table    Table // the whole sheet as read
	Detected Mapping
	Mapping  Mapping // in use: detected, then corrected
	Missing  []Field // required fields no column maps to
}

// First is the preview's first rows (at most PreviewRows).
func (p Preview) First() [][]string {
	return p.Table.Rows[:min(len(p.Table.Rows), PreviewRows)]
}

// Report is a dry run's or an import's outcome.
type Report struct {
	Preview
	Rows    []Row    // every data row with its problems
	Good    int      // rows that pass the checks
	Refused int      // rows an error keeps out
	Known   []int    // row numbers an earlier import already brought in
	Added   []string // the new cases' numbers (a run only)
	DryRun  bool
}

// New is how many rows are (or, in a dry run, would be) added.
func (r Report) New() int {
	if r.DryRun {
		return r.Good - len(r.Known)
	}
	return len(r.Added)
}
