package sheet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"casebook/data"
	"casebook/data/present"
)

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// fixture is n cases: the first in Chinese with a phone, a formula-like
// subject, a claim and remedies; the rest numbered.
func fixture(n int) []data.Case {
	recv := time.Date(2026, 11, 3, 9, 30, 0, 0, shanghai)
	out := make([]data.Case, 0, n)
	for i := range n {
		c := data.Case{ID: uint64(i + 1), Number: fmt.Sprintf("TS-2026-%05d", i+1), Status: data.StatusClosed,
			Kind: data.KindComplaint, Category: "guide_conduct", Severity: data.SeverityNormal, Channel: data.ChannelPhone,
			Subject: fmt.Sprintf("导游强制购物 %d", i), Description: "在桂林被带去玉器店，停留两小时。\n第二行，含逗号,和\"引号\"",
			Demand: "退还购物团费", Amount: 50000, Currency: "CNY", CustomerID: 7,
			Customer:   data.Customer{ID: 7, Name: "张伟", Phone: "13812345678", Email: "zhang@example.cn", WeChat: "zw_88"},
			Booking:    data.Booking{Ref: "GL-88", Product: "桂林山水四日游", Departure: "2026-10-20", TripEnd: "2026-10-23", Destination: "桂林", Guide: "李导", Supplier: "漓江地接社", Fee: 258000},
			ReceivedAt: recv.Add(time.Duration(i) * time.Minute), Owner: "王芳", Escalation: data.EscalationStaff,
			Responsibility: data.ResponsibilitySupplier, RootCause: "地接社安排购物点",
			Remedies:     []data.Remedy{{Kind: data.RemedyRefund, Amount: 30000, Recovered: 20000}, {Kind: data.RemedyApology}},
			Satisfaction: data.Satisfaction{Rating: 4},
			ClosedAt:     recv.Add(72 * time.Hour),
		}
		c.FirstResponse = data.Clock{Target: time.Hour, Started: recv, Due: recv.Add(time.Hour), MetAt: recv.Add(20 * time.Minute)}
		c.Resolution = data.Clock{Target: 72 * time.Hour, Started: recv, Due: recv.Add(72 * time.Hour), MetAt: recv.Add(48 * time.Hour)}
		if i == 0 {
			c.Subject = "=HYPERLINK(\"http://evil\",\"x\")"
			c.Customer.Name = "@张"
		}
		out = append(out, c)
	}
	return out
}

func source(cases []data.Case) Source {
	return func(yield func(*data.Case) error) error {
		for i := range cases {
			if err := yield(&cases[i]); err != nil {
				return err
			}
		}
		return nil
	}
}

func opts(lang string) Options {
	return Options{Lang: lang, Settings: data.DefaultSettings(), Loc: shanghai, Now: time.Date(2026, 12, 1, 10, 0, 0, 0, shanghai)}
}

func TestCaseRowHasEveryColumn(t *testing.T) {
	c := fixture(1)[0]
	row := CaseRow(&c, present.For("en"), opts("en"))
	if len(row) != len(Columns) {
		t.Fatalf("row has %d values, Columns %d", len(row), len(Columns))
	}
	seen := map[string]bool{}
	for _, col := range Columns {
		if seen[col.Key] {
			t.Errorf("column %s twice", col.Key)
		}
		seen[col.Key] = true
	}
}

func TestXLSXReadBack(t *testing.T) {
	const n = 25
	var buf bytes.Buffer
	got, err := WriteXLSX(&buf, source(fixture(n)), opts("zh-Hans"))
	if err != nil || got != n {
		t.Fatalf("WriteXLSX = %d, %v", got, err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 1 || sheets[0] != "案件" {
		t.Fatalf("sheets %v, want [案件]", sheets)
	}
	rows, err := f.GetRows("案件")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n+1 {
		t.Fatalf("%d rows, want %d and the header", len(rows), n)
	}
	if rows[0][0] != "案件编号" || rows[0][ColumnIndex("customer_phone")] != "电话" {
		t.Errorf("header %q", rows[0][:3])
	}
	for i := 1; i <= n; i++ {
		if want := fmt.Sprintf("TS-2026-%05d", i); rows[i][0] != want {
			t.Fatalf("row %d number %q, want %q", i, rows[i][0], want)
		}
	}
	cell := func(key string, row int) string {
		name, _ := excelize.CoordinatesToCellName(ColumnIndex(key)+1, row)
		return name
	}
	// Frozen header and the filter over every row.
	panes, err := f.GetPanes("案件")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v, %v: want the header row frozen", panes, err)
	}
	names := f.GetDefinedName()
	filter := false
	for _, d := range names {
		if d.Name == "_xlnm._FilterDatabase" && strings.HasSuffix(d.RefersTo, "$"+strconv.Itoa(n+1)) {
			filter = true
		}
	}
	if !filter {
		t.Errorf("no auto-filter over %d rows: %+v", n+1, names)
	}
	// A date is a number with a date format, in the agency's zone.
	typ, _ := f.GetCellType("案件", cell("received", 2))
	raw, _ := f.GetCellValue("案件", cell("received", 2), excelize.Options{RawCellValue: true})
	serial, err := strconv.ParseFloat(raw, 64)
	if typ == excelize.CellTypeInlineString || err != nil {
		t.Fatalf("received %q (type %v) is not a date serial", raw, typ)
	}
	want, _ := excelize.ExcelDateToTime(serial, false)
	if want.Format("2006-01-02 15:04") != "2026-11-03 09:30" {
		t.Errorf("received serial %v is %v, want 2026-11-03 09:30 (Shanghai wall clock)", serial, want)
	}
	if shown, _ := f.GetCellValue("案件", cell("received", 2)); shown != "2026-11-03 09:30" {
		t.Errorf("received shows %q", shown)
	}
	styleNumFmt := func(ref string) string {
		id, _ := f.GetCellStyle("案件", ref)
		st, _ := f.GetStyle(id)
		if st.CustomNumFmt == nil {
			return ""
		}
		return *st.CustomNumFmt
	}
	if got := styleNumFmt(cell("departure", 2)); got != fmtDate {
		t.Errorf("departure format %q", got)
	}
	// An amount is a number.
	raw, _ = f.GetCellValue("案件", cell("amount_claimed", 2), excelize.Options{RawCellValue: true})
	if raw != "500" || styleNumFmt(cell("amount_claimed", 2)) != fmtAmount {
		t.Errorf("amount claimed %q, format %q", raw, styleNumFmt(cell("amount_claimed", 2)))
	}
	if typ, _ := f.GetCellType("案件", cell("amount_claimed", 2)); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("amount is a string cell")
	}
	raw, _ = f.GetCellValue("案件", cell("net_cost", 2), excelize.Options{RawCellValue: true})
	if raw != "100" {
		t.Errorf("net cost %q, want 100 (300 refunded, 200 recovered)", raw)
	}
	// A phone number stays text; a formula stays text.
	if typ, _ := f.GetCellType("案件", cell("customer_phone", 2)); typ != excelize.CellTypeInlineString {
		t.Errorf("phone cell type %v, want a string", typ)
	}
	if v := rows[1][ColumnIndex("customer_phone")]; v != "13812345678" {
		t.Errorf("phone %q", v)
	}
	if fm, _ := f.GetCellFormula("案件", cell("subject", 2)); fm != "" {
		t.Errorf("subject became a formula %q", fm)
	}
	if v := rows[1][ColumnIndex("subject")]; !strings.HasPrefix(v, "=HYPERLINK") {
		t.Errorf("subject %q", v)
	}
	// Chinese intact, coded values in the language.
	if v := rows[2][ColumnIndex("description")]; !strings.HasPrefix(v, "在桂林被带去玉器店") {
		t.Errorf("description %q", v)
	}
	if v := rows[2][ColumnIndex("status")]; v != "已结案" {
		t.Errorf("status %q", v)
	}
	if v := rows[2][ColumnIndex("rating")]; v != "4" {
		t.Errorf("rating %q", v)
	}
}

func TestCSVReadBack(t *testing.T) {
	const n = 30
	var buf bytes.Buffer
	got, err := WriteCSV(&buf, source(fixture(n)), opts("zh-Hant"))
	if err != nil || got != n {
		t.Fatalf("WriteCSV = %d, %v", got, err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte(BOM)) {
		t.Fatalf("no BOM: % x", b[:8])
	}
	if !bytes.Contains(b, []byte("\r\n")) {
		t.Error("lines do not end in CRLF")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[len(BOM):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != n+1 {
		t.Fatalf("%d records", len(recs))
	}
	if recs[0][0] != "案件編號" {
		t.Errorf("header %q", recs[0][0])
	}
	r := recs[1]
	for key, want := range map[string]string{
		"subject":        "'=HYPERLINK(\"http://evil\",\"x\")",
		"customer_name":  "'@张",
		"customer_phone": "13812345678",
		"received":       "2026-11-03 09:30",
		"departure":      "2026-10-20",
		"amount_claimed": "500.00",
		"remedy_refund":  "300.00",
		"recovered":      "200.00",
		"description":    "在桂林被带去玉器店，停留两小时。\n第二行，含逗号,和\"引号\"",
		"rating":         "4",
	} {
		if got := r[ColumnIndex(key)]; got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
}

func TestGuard(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+86 138": "'+86 138", "-5": "'-5", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "张伟": "张伟", "": "", "a=b": "a=b"} {
		if got := Guard(in); got != want {
			t.Errorf("Guard(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSourceErrorStops(t *testing.T) {
	boom := fmt.Errorf("disk gone")
	src := func(yield func(*data.Case) error) error {
		c := fixture(1)[0]
		if err := yield(&c); err != nil {
			return err
		}
		return boom
	}
	if _, err := WriteXLSX(&bytes.Buffer{}, src, opts("en")); err != boom {
		t.Errorf("xlsx err %v", err)
	}
	if _, err := WriteCSV(&bytes.Buffer{}, src, opts("en")); err != boom {
		t.Errorf("csv err %v", err)
	}
}
