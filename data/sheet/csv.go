package sheet

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"time"

	"casebook/data"
	"casebook/data/present"
)

// BOM starts the CSV: without it Excel reads UTF-8 as the system code page
// and Chinese turns into mojibake.
const BOM = "\ufeff"

// WriteCSV writes the header and one row per case of src as RFC 4180 CSV
// (CRLF line ends, fields quoted where needed) in UTF-8 with a BOM, and
// returns the number of case rows. Days are YYYY-MM-DD, moments YYYY-MM-DD
// hh:mm in opt.Loc, amounts 1200.50; text that a spreadsheet would run as a
// formula is guarded (see Guard).
func WriteCSV(w io.Writer, src Source, opt Options) (int, error) {
	p := present.For(opt.Lang)
	if opt.Loc == nil {
		opt.Loc = time.Local
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString(BOM); err != nil {
		return 0, fmt.Errorf("csv: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	hs := headers(p)
	for i := range hs {
		hs[i] = Guard(hs[i])
	}
	if err := cw.Write(hs); err != nil {
		return 0, fmt.Errorf("csv: %w", err)
	}
	rec := make([]string, len(Columns))
	row := make(Row, 0, len(Columns))
	n := 0
	err := src(func(c *data.Case) error {
		row = appendCaseRow(row[:0], c, p, opt)
		for i, v := range row {
			rec[i] = csvValue(Columns[i].Type, v, opt.Loc)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("csv: case %s: %w", c.Number, err)
		}
		n++
		if opt.Progress != nil && n%1000 == 0 {
			opt.Progress(n)
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, fmt.Errorf("csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("csv: %w", err)
	}
	if opt.Progress != nil {
		opt.Progress(n)
	}
	return n, nil
}

func csvValue(t Type, v any, loc *time.Location) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return Guard(v)
	case time.Time:
		if v.IsZero() {
			return ""
		}
		if t == Date {
			return v.In(loc).Format(time.DateOnly)
		}
		return v.In(loc).Format("2006-01-02 15:04")
	case data.Money:
		return v.String()
	case int:
		return fmt.Sprint(v)
	}
	return Guard(fmt.Sprint(v))
}

// Guard keeps a spreadsheet from running text as a formula (CSV injection):
// a value starting with = + - @ (or a tab or carriage return, which some
// programs strip before looking) gets a leading apostrophe, which Excel
// hides and which shows the text as typed.
func Guard(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
