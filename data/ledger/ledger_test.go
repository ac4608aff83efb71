package ledger_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"casebook/data"
	"casebook/data/ledger"
	"casebook/data/ledger/ledgertest"
)

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

func opts() ledger.Options {
	st := data.DefaultSettings()
	st.Staff = append(st.Staff, data.Staff{Name: "王芳", Role: data.RoleStaff}, data.Staff{Name: "陈静", Role: data.RoleSupervisor})
	return ledger.Options{Settings: st, Now: time.Date(2026, 12, 3, 10, 0, 0, 0, shanghai), Loc: shanghai, By: "陈静", File: "台账"}
}

// fixtures are the three forms of the test ledger.
func fixtures(t *testing.T, rows [][]string) map[string][]byte {
	t.Helper()
	gbk, err := ledgertest.CSV(rows, true)
	if err != nil {
		t.Fatal(err)
	}
	bom, err := ledgertest.CSV(rows, false)
	if err != nil {
		t.Fatal(err)
	}
	x, err := ledgertest.XLSX(rows)
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{"台账-gbk.csv": gbk, "台账-bom.csv": bom, "台账.xlsx": x}
}

func TestLedgerFixtureEveryForm(t *testing.T) {
	for name, content := range fixtures(t, ledgertest.All()) {
		t.Run(name, func(t *testing.T) {
			tb, err := ledger.Read(name, content, "")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(tb.Headers, ledgertest.Headers) {
				t.Fatalf("headers %q", tb.Headers)
			}
			if len(tb.Rows) != ledgertest.Rows {
				t.Fatalf("%d rows, want %d", len(tb.Rows), ledgertest.Rows)
			}
			m := ledger.Detect(tb.Headers)
			want := ledger.Mapping{ledger.Ref, ledger.Received, ledger.Customer, ledger.Phone, ledger.Email, ledger.Product,
				ledger.Departure, ledger.Destination, ledger.Guide, ledger.Supplier, ledger.Fee, ledger.Category,
				ledger.Description, ledger.Demand, ledger.Decision, ledger.Compensation, ledger.Status, ledger.Owner,
				ledger.Closed, ledger.Channel}
			if !slices.Equal(m, want) {
				t.Fatalf("mapping\n%v\nwant\n%v", m, want)
			}
			ch := ledger.Check(tb, m, opts())
			if ch.Good != ledgertest.Good || ch.Refused != len(ledgertest.Bad) {
				for _, r := range ch.Rows {
					if r.Refused() {
						t.Logf("row %d: %+v", r.Line, r.Problems)
					}
				}
				t.Fatalf("good %d refused %d, want %d and %d", ch.Good, ch.Refused, ledgertest.Good, len(ledgertest.Bad))
			}
			for _, r := range ch.Rows {
				bad, isBad := ledgertest.Bad[r.Line]
				if r.Refused() != isBad {
					t.Errorf("row %d refused=%v, want %v (%+v)", r.Line, r.Refused(), isBad, r.Problems)
					continue
				}
				if !isBad {
					continue
				}
				if !slices.ContainsFunc(r.Problems, func(p ledger.Problem) bool {
					return !p.Warning && p.Header == bad[0] && p.Code == bad[1] && p.Line == r.Line
				}) {
					t.Errorf("row %d: want %s in %s, got %+v", r.Line, bad[1], bad[0], r.Problems)
				}
			}
			// Row 2 (i=0): 2025-01-01, closed three days later, 100元, ￥ fee.
			c := ch.Rows[0].Case
			if c.New.ReceivedAt != time.Date(2025, 1, 1, 0, 0, 0, 0, shanghai) || c.Status != data.StatusClosed ||
				c.DoneAt.Format(time.DateOnly) != "2025-01-04" || c.Compensation != 100_00 || c.New.Booking.Fee != 1_000_50 ||
				c.New.Category != "guide_conduct" || c.New.Owner != "王芳" || c.New.Channel != data.ChannelPhone || c.Origin.Ref != "TS-2025-001" {
				t.Errorf("row 2 read as %+v", c)
			}
			// Row 5 (i=3): 4/22/2025 month first; ￥1,200.50; 已受理.
			c = ch.Rows[3].Case
			if c.New.ReceivedAt.Format(time.DateOnly) != "2025-04-22" || c.Compensation != 1200_50 || c.Status != data.StatusAcknowledged {
				t.Errorf("row 5 read as %v %v %v", c.New.ReceivedAt, c.Compensation, c.Status)
			}
			// Row 4 (i=2): 老李 is not on the staff: a warning, unassigned, kept.
			if r := ch.Rows[2]; r.Case.New.Owner != "" || r.Case.LedgerOwner != "老李" ||
				!slices.ContainsFunc(r.Problems, func(p ledger.Problem) bool { return p.Code == ledger.CodeOwnerUnknown && p.Warning }) {
				t.Errorf("row 4: %+v %+v", r.Case, r.Problems)
			}
		})
	}
}

func TestLedgerDates(t *testing.T) {
	for _, c := range []struct {
		in, want, code string
		order          ledger.DayOrder
		sure           bool
	}{
		{"2026-11-03", "2026-11-03 00:00", "", ledger.MonthFirst, true},
		{"2026/11/3", "2026-11-03 00:00", "", ledger.MonthFirst, true},
		{"2026年11月3日", "2026-11-03 00:00", "", ledger.MonthFirst, true},
		{"２０２６年１１月３日", "2026-11-03 00:00", "", ledger.MonthFirst, true},
		{"2026.11.03 14:30", "2026-11-03 14:30", "", ledger.MonthFirst, true},
		{"11/3/2026", "2026-11-03 00:00", "", ledger.MonthFirst, true},
		{"11/3/2026", "2026-11-03 00:00", ledger.CodeDateAmbiguous, ledger.MonthFirst, false},
		{"3/11/2026", "2026-11-03 00:00", "", ledger.DayFirst, true},
		{"46329", "2026-11-03 00:00", "", ledger.MonthFirst, true},
		{"46329.5", "2026-11-03 12:00", "", ledger.MonthFirst, true},
		{"2026/13/01", "", ledger.CodeDateInvalid, ledger.MonthFirst, true},
		{"2026-02-30", "", ledger.CodeDateInvalid, ledger.MonthFirst, true},
		{"下周", "", ledger.CodeDateFormat, ledger.MonthFirst, true},
		{"", "", ledger.CodeDateMissing, ledger.MonthFirst, true},
	} {
		got, code := ledger.ParseDate(c.in, c.order, c.sure, shanghai)
		s := ""
		if !got.IsZero() {
			s = got.Format("2006-01-02 15:04")
		}
		if s != c.want || code != c.code {
			t.Errorf("%q: %q %q, want %q %q", c.in, s, code, c.want, c.code)
		}
	}
	if o, sure := ledger.ColumnDayOrder([]string{"3/4/2026", "25/4/2026"}); o != ledger.DayFirst || !sure {
		t.Errorf("day-first column read as %v %v", o, sure)
	}
}

func TestLedgerAmountsStatusesCategories(t *testing.T) {
	for in, want := range map[string]data.Money{"¥1,200.50": 1200_50, "1200元": 1200_00, "￥300": 300_00, "RMB 80": 80_00,
		"1200.4999999": 1200_50, "": 0, "５００元": 500_00} {
		if got, ok := ledger.ParseAmount(in); !ok || got != want {
			t.Errorf("%q: %v %v, want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"约500元", "500左右", "三千", "-20"} {
		if _, ok := ledger.ParseAmount(in); ok {
			t.Errorf("%q accepted", in)
		}
	}
	for in, want := range map[string][2]string{"已结案": {"closed", ""}, "处理中": {"investigating", ""}, "Closed": {"closed", ""},
		"已结案（电话回访）": {"closed", ledger.CodeStatusClosest}, "未解决": {"investigating", ""}, "作废": {"", ledger.CodeStatusUnknown}} {
		s, code := ledger.ParseStatus(in)
		if string(s) != want[0] || code != want[1] {
			t.Errorf("status %q: %q %q, want %v", in, s, code, want)
		}
	}
	st := data.DefaultSettings()
	for in, want := range map[string][2]string{"住宿": {"accommodation", ""}, "Meals": {"meals", ""}, "导游态度差": {"guide_conduct", ledger.CodeCategoryClosest},
		"航班延误": {"transport_delay", ledger.CodeCategoryClosest}, "天气": {"other", ledger.CodeCategoryOther}} {
		s, code := ledger.ParseCategory(st, in)
		if s != want[0] || code != want[1] {
			t.Errorf("category %q: %q %q, want %v", in, s, code, want)
		}
	}
}

func TestLedgerCSVShapes(t *testing.T) {
	for name, text := range map[string]string{
		"semicolon": "姓名;电话;日期\n王芳;13800138000;2026-11-03\n",
		"tab":       "客户\t手机\t受理日期\n王芳\t13800138000\t2026/11/3\n",
		"comma":     "Name,Phone,Date\n\"王, 芳\",13800138000,2026-11-03\n",
	} {
		tb, err := ledger.Read("x.csv", []byte(text), "")
		if err != nil {
			t.Fatal(err)
		}
		m := ledger.Detect(tb.Headers)
		if len(tb.Rows) != 1 || !slices.Equal(m, ledger.Mapping{ledger.Customer, ledger.Phone, ledger.Received}) {
			t.Errorf("%s: %q %v", name, tb.Rows, m)
		}
	}
}

func TestLedgerMappingCorrections(t *testing.T) {
	h := []string{"编号", "客人", "备注", "日期"}
	m := ledger.Detect(h)
	if fmt.Sprint(m) != fmt.Sprint(ledger.Mapping{ledger.Ref, ledger.Customer, ledger.Ignore, ledger.Received}) {
		t.Fatalf("detected %v", m)
	}
	m2, err := m.Apply(h, []string{"备注=description", "编号=-", "D=closed", "2=customer"})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(m2) != fmt.Sprint(ledger.Mapping{ledger.Ignore, ledger.Customer, ledger.Description, ledger.Closed}) {
		t.Fatalf("corrected %v", m2)
	}
	if fmt.Sprint(m2.Missing()) != "[received]" {
		t.Errorf("missing %v", m2.Missing())
	}
	for _, bad := range []string{"备注", "没有=customer", "备注=colour"} {
		if _, err := m.Apply(h, []string{bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestLedgerSheetChoice(t *testing.T) {
	x, err := ledgertest.XLSX(ledgertest.All()[:3])
	if err != nil {
		t.Fatal(err)
	}
	tb, err := ledger.Read("a.xlsx", x, "")
	if err != nil || tb.Sheet != "投诉台账" || len(tb.Rows) != 3 || !slices.Equal(tb.Sheets, []string{"投诉台账", "说明"}) {
		t.Fatalf("%v %+v", err, tb)
	}
	if tb, err = ledger.Read("a.xlsx", x, "说明"); err != nil || len(tb.Rows) != 0 {
		t.Errorf("second sheet: %v %d rows", err, len(tb.Rows))
	}
	var se *ledger.SheetError
	if _, err = ledger.Read("a.xlsx", x, "无此表"); err == nil || !errors.As(err, &se) {
		t.Errorf("a missing sheet: %v", err)
	}
}

// TestLedgerWriteFixtures writes the three fixture files to
// $LEDGER_FIXTURES (for trying the command line and the window by hand).
func TestLedgerWriteFixtures(t *testing.T) {
	dir := os.Getenv("LEDGER_FIXTURES")
	if dir == "" {
		t.Skip("set LEDGER_FIXTURES to a folder to write the fixture ledgers there")
	}
	for name, b := range fixtures(t, ledgertest.All()) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
