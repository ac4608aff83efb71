package sheet

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The writers reuse one row of values and one row of cells: a field a case
// leaves empty stays empty after a case that had it.
func TestReusedRowsLeaveNothingBehind(t *testing.T) {
	cases := fixture(3)
	cases[1].Satisfaction.Rating = 0
	cases[1].Booking.Departure = ""
	cases[1].Customer.Phone = ""
	cases[1].Remedies = nil
	cases[1].ClosedAt = time.Time{}
	var buf bytes.Buffer
	if _, err := WriteXLSX(&buf, source(cases), opts("en")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(f.GetSheetList()[0])
	get := func(row int, key string) string {
		if r := rows[row]; ColumnIndex(key) < len(r) {
			return r[ColumnIndex(key)]
		}
		return ""
	}
	for _, key := range []string{"rating", "departure", "customer_phone", "closed_at"} {
		if get(1, key) == "" || get(3, key) == "" {
			t.Errorf("%s: the full cases have none", key)
		}
		if v := get(2, key); v != "" {
			t.Errorf("%s of the second case is %q, want empty", key, v)
		}
	}
	if v := get(2, "remedy_refund"); v != "0.00" {
		t.Errorf("refund of the second case %q, want 0.00", v)
	}
	var csvBuf bytes.Buffer
	if _, err := WriteCSV(&csvBuf, source(cases), opts("en")); err != nil {
		t.Fatal(err)
	}
	if bytes.Count(csvBuf.Bytes(), []byte("13812345678")) != 2 {
		t.Errorf("the phone is in the CSV %d times, want 2", bytes.Count(csvBuf.Bytes(), []byte("13812345678")))
	}
}
