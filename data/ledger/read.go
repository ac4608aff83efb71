// Package ledger reads the spreadsheets agencies keep their complaints in
// today (XLSX, or CSV in UTF-8, UTF-8 with BOM or GBK), maps their columns to
// case fields from the usual Chinese and English headers, and checks every
// row, naming each problem by row number and column. It is pure: bytes in,
// rows and problems out; the store writes what it accepts.
package ledger

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// ErrFormat marks a file that is neither a readable XLSX nor CSV.
var ErrFormat = errors.New("not a readable spreadsheet")

// ErrTooLarge marks a file larger than a ledger can be.
var ErrTooLarge = errors.New("the file is too large for a ledger")

// Table is a sheet as read: the header row and the data rows, each with its
// row number in the sheet (the header is row 1; blank rows are skipped but
// keep their numbers counted).
type Table struct {
	Format    string     // "xlsx" or "csv"
	Encoding  string     // of a CSV: "utf-8", "utf-8-bom", "gbk"
	Delimiter rune       // of a CSV
	Sheet     string     // of an XLSX: the sheet read
	Sheets    []string   // of an XLSX: every sheet, in order
	Headers   []string   // trimmed
	Rows      [][]string // one per data row, as long as Headers
	Lines     []int      // Lines[i] is Rows[i]'s row number in the sheet
}

// Read reads a ledger by its name's extension: .xlsx/.xlsm as a workbook
// (sheet "" = the first), anything else as CSV text.
func Read(name string, content []byte, sheet string) (Table, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm", ".xltx":
		return readXLSX(content, sheet)
	}
	if bytes.HasPrefix(content, []byte("PK\x03\x04")) { // a workbook under another name
		return readXLSX(content, sheet)
	}
	return readCSV(content)
}

func readXLSX(content []byte, sheet string) (Table, error) {
	// Raw values: a date cell comes as its serial number, an amount as a plain number.
	f, err := excelize.OpenReader(bytes.NewReader(content), excelize.Options{RawCellValue: true})
	if err != nil {
		return Table{}, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	defer f.Close()
	t := Table{Format: "xlsx", Sheets: f.GetSheetList()}
	if len(t.Sheets) == 0 {
		return Table{}, fmt.Errorf("%w: the workbook has no sheet", ErrFormat)
	}
	t.Sheet = t.Sheets[0]
	if sheet != "" {
		found := false
		for _, s := range t.Sheets {
			if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(sheet)) {
				t.Sheet, found = s, true
			}
		}
		if !found {
			return Table{}, &SheetError{Sheet: sheet, Sheets: t.Sheets}
		}
	}
	rows, err := f.GetRows(t.Sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return Table{}, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return t.fill(rows), nil
}

// SheetError says the sheet asked for is not in the workbook.
type SheetError struct {
	Sheet  string
	Sheets []string
}

func (e *SheetError) Error() string {
	return fmt.Sprintf("no sheet %q (the workbook has %s)", e.Sheet, strings.Join(e.Sheets, ", "))
}

// DecodeText turns a CSV's bytes into text: a UTF-8 BOM says UTF-8, valid
// UTF-8 is UTF-8, anything else is read as GBK (GB18030, its superset, so
// every byte sequence Excel's "CSV" writes on a Chinese Windows decodes).
func DecodeText(b []byte) (text, encoding string, err error) {
	if rest, ok := bytes.CutPrefix(b, []byte("\xef\xbb\xbf")); ok {
		return string(rest), "utf-8-bom", nil
	}
	if utf8.Valid(b) {
		return string(b), "utf-8", nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", fmt.Errorf("%w: neither UTF-8 nor GBK: %w", ErrFormat, err)
	}
	return string(out), "gbk", nil
}

func readCSV(content []byte) (Table, error) {
	text, enc, err := DecodeText(content)
	if err != nil {
		return Table{}, err
	}
	if strings.ContainsRune(text, 0) {
		return Table{}, fmt.Errorf("%w: binary content", ErrFormat)
	}
	delim := SniffDelimiter(text)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = delim, -1, true
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Table{}, fmt.Errorf("%w: %w", ErrFormat, err)
		}
		rows = append(rows, rec)
	}
	t := Table{Format: "csv", Encoding: enc, Delimiter: delim}
	return t.fill(rows), nil
}

// SniffDelimiter picks comma, tab or semicolon: the one that splits the first
// lines (outside quotes) into the same number of fields, more than one, most
// often; a comma when none does.
func SniffDelimiter(text string) rune {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	if len(lines) > 20 {
		lines = lines[:20]
	}
	best, bestScore := ',', 0
	for _, d := range []rune{',', '\t', ';'} {
		counts := map[int]int{}
		for _, l := range lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			counts[countOutsideQuotes(l, d)]++
		}
		score := 0
		for n, c := range counts {
			if n > 0 && c*n > score {
				score = c * n
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

func countOutsideQuotes(line string, d rune) int {
	n, quoted := 0, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == d && !quoted:
			n++
		}
	}
	return n
}

// fill takes the first non-blank row as the header and the rest as data,
// trimming cells and padding every row to the header's width.
func (t Table) fill(rows [][]string) Table {
	head := -1
	for i, r := range rows {
		if !blank(r) {
			head = i
			break
		}
	}
	if head < 0 {
		return t
	}
	for _, h := range rows[head] {
		t.Headers = append(t.Headers, clean(h))
	}
	for len(t.Headers) > 0 && t.Headers[len(t.Headers)-1] == "" { // trailing empty header cells
		t.Headers = t.Headers[:len(t.Headers)-1]
	}
	width := len(t.Headers)
	for i := head + 1; i < len(rows); i++ {
		if blank(rows[i]) {
			continue
		}
		row := make([]string, width)
		for j := 0; j < width && j < len(rows[i]); j++ {
			row[j] = clean(rows[i][j])
		}
		if blank(row) {
			continue
		}
		t.Rows = append(t.Rows, row)
		t.Lines = append(t.Lines, i+1)
	}
	return t
}

func clean(s string) string {
	return strings.TrimSpace(strings.Trim(s, "\ufeff"))
}

func blank(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
