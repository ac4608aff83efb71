package sheet

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"casebook/data"
	"casebook/data/present"
)

// Number formats of the typed cells (Excel's own codes, so every spreadsheet
// program reads them as dates and numbers).
const (
	fmtDateTime = "yyyy-mm-dd hh:mm"
	fmtDate     = "yyyy-mm-dd"
	fmtAmount   = "#,##0.00"
	maxCellText = 32767 // Excel's limit of characters in a cell
)

// SheetName is the Cases sheet's name in the presenter's language.
func SheetName(p *present.P) string { return p.T("export.sheet.cases") }

// WriteXLSX writes a workbook with the Cases sheet alone and returns the
// number of case rows.
func WriteXLSX(w io.Writer, src Source, opt Options) (int, error) {
	f := excelize.NewFile()
	defer f.Close() // removes the streaming writer's temporary files
	name := SheetName(present.For(opt.Lang))
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return 0, fmt.Errorf("xlsx: %w", err)
	}
	n, err := WriteCasesSheet(f, name, src, opt)
	if err != nil {
		return n, err
	}
	if err := Save(f, w); err != nil {
		return n, err
	}
	return n, nil
}

// Save writes the workbook f to w. excelize's own WriteTo zips the whole
// workbook into memory first (40 MB for 100,000 cases); Save points its zip
// writer at w instead, and compresses at the fastest level: at 100,000
// cases 1.5 s instead of 3.5 s, for a file a quarter larger (53 MB, not 43).
func Save(f *excelize.File, w io.Writer) error {
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.BestSpeed)
		})
		return zw
	})
	// Everything went to w; what WriteTo copies from its buffer is empty.
	if _, err := f.WriteTo(io.Discard); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// WriteCasesSheet streams one row per case of src into the sheet name of f
// (added after the sheets f has, unless it exists and is still empty), with
// the header row frozen, an auto-filter over every row, dates as dates in
// opt.Loc, amounts as numbers and text as text. It returns the number of
// case rows. The file is not written: the caller adds more sheets or saves.
func WriteCasesSheet(f *excelize.File, name string, src Source, opt Options) (int, error) {
	p := present.For(opt.Lang)
	if opt.Loc == nil {
		opt.Loc = time.Local
	}
	if idx, _ := f.GetSheetIndex(name); idx < 0 {
		if _, err := f.NewSheet(name); err != nil {
			return 0, fmt.Errorf("xlsx: %w", err)
		}
	}
	st, err := newStyles(f)
	if err != nil {
		return 0, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return 0, fmt.Errorf("xlsx: %w", err)
	}
	for i, c := range Columns {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return 0, fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return 0, fmt.Errorf("xlsx: %w", err)
	}
	head := make([]any, len(Columns))
	for i, h := range headers(p) {
		head[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return 0, fmt.Errorf("xlsx: %w", err)
	}
	// One row's cells, reused for every row (SetRow keeps none of them):
	// no cell is allocated per case.
	cells := make([]any, len(Columns))
	buf := make([]excelize.Cell, len(Columns))
	row := make(Row, 0, len(Columns))
	n := 0
	err = src(func(c *data.Case) error {
		row = appendCaseRow(row[:0], c, p, opt)
		for i, v := range row {
			cells[i] = nil
			if st.fill(&buf[i], Columns[i].Type, v, opt.Loc) {
				cells[i] = &buf[i]
			}
		}
		n++
		ref, _ := excelize.CoordinatesToCellName(1, n+1)
		if err := sw.SetRow(ref, cells); err != nil {
			return fmt.Errorf("xlsx: case %s: %w", c.Number, err)
		}
		if opt.Progress != nil && n%1000 == 0 {
			opt.Progress(n)
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	// The filter covers the rows now known; set before Flush, which writes it.
	last, _ := excelize.CoordinatesToCellName(len(Columns), n+1)
	if err := f.AutoFilter(name, "A1:"+last, nil); err != nil {
		return n, fmt.Errorf("xlsx: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return n, fmt.Errorf("xlsx: %w", err)
	}
	if opt.Progress != nil {
		opt.Progress(n)
	}
	return n, nil
}

// styles are the sheet's cell styles, one per column type.
type styles struct{ header, text, dateTime, date, amount, count int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	add := func(dst *int, st *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(st)
		}
	}
	textFmt := "@"
	add(&s.header, &excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center"}, CustomNumFmt: &textFmt})
	add(&s.text, &excelize.Style{CustomNumFmt: &textFmt})
	dt, d, am := fmtDateTime, fmtDate, fmtAmount
	add(&s.dateTime, &excelize.Style{CustomNumFmt: &dt})
	add(&s.date, &excelize.Style{CustomNumFmt: &d})
	add(&s.amount, &excelize.Style{CustomNumFmt: &am})
	add(&s.count, &excelize.Style{NumFmt: 1}) // "0"
	if err != nil {
		return s, fmt.Errorf("xlsx styles: %w", err)
	}
	return s, nil
}

// fill sets dst to one value as an excelize cell of its column's type and
// reports whether there is one (empty text and zero times are no cell).
// Text is always a string cell, so a phone number never becomes 1.38E+10
// and text starting with "=" is never a formula. A value already boxed in
// v is passed on as it is, not boxed again.
func (s styles) fill(dst *excelize.Cell, t Type, v any, loc *time.Location) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		if x == "" {
			return false
		}
		if c := clip(x); len(c) != len(x) {
			v = c
		}
		*dst = excelize.Cell{StyleID: s.text, Value: v}
	case time.Time:
		if x.IsZero() {
			return false
		}
		style := s.dateTime
		if t == Date {
			style = s.date
		}
		*dst = excelize.Cell{StyleID: style, Value: x.In(loc)}
	case data.Money:
		*dst = excelize.Cell{StyleID: s.amount, Value: float64(x) / 100}
	case int:
		*dst = excelize.Cell{StyleID: s.count, Value: v}
	default:
		*dst = excelize.Cell{StyleID: s.text, Value: fmt.Sprint(v)}
	}
	return true
}

// clip keeps text within Excel's limit of characters in a cell.
func clip(s string) string {
	if len(s) <= maxCellText || utf8.RuneCountInString(s) <= maxCellText {
		return s
	}
	r := []rune(s)
	return string(r[:maxCellText-1]) + "…"
}
