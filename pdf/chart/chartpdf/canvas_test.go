package chartpdf

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"casebook/assets"
	"casebook/pdf/chart"
)

var out = flag.String("chart.out", "", "also write the sample PDF (charts as vectors) to this directory")

// samplePDF is an A4 page per language with the four kinds of chart, drawn
// as vectors.
func samplePDF(t *testing.T) []byte {
	t.Helper()
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("wqy", "", assets.FontPDF)
	f.SetFont("wqy", "", 10)
	for _, lang := range []string{"zh-Hans", "en"} {
		f.AddPage()
		zh := lang != "en"
		pick := func(a, b string) string {
			if zh {
				return a
			}
			return b
		}
		months := []string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"}
		if !zh {
			months = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
		}
		charts := []struct {
			c          *chart.Chart
			x, y, w, h float64
		}{
			{chart.Trend(lang, pick("月度投诉量趋势", "Complaints per month"), months,
				chart.Series{Name: "2026", Values: []float64{38, 41, 35, 52, 61, 74, 96, 103, 67, 88, 47, 40}},
				chart.Series{Name: "2025", Values: []float64{31, 36, 40, 44, 58, 69, 81, 92, 60, 79, 45, 39}}), 15, 15, 180, 75},
			{chart.Bars(lang, pick("按类别", "By category"),
				[]string{pick("交通/航班延误", "Transport / flight delay"), pick("住宿条件与宣传不符", "Accommodation not as advertised"), pick("行程变更", "Itinerary change")},
				[]float64{112, 58, 87}, chart.BarOpts{}), 15, 95, 88, 65},
			{chart.Gauge(lang, pick("解决按时率", "Resolutions on time"), 71.4, 85, ""), 107, 95, 88, 65},
			{chart.Stacked(lang, pick("补偿金额", "Compensation"), []string{pick("餐饮", "Meals"), pick("行李", "Luggage")},
				[]chart.Series{{Name: pick("退款", "Refund"), Values: []float64{12800, 4500}}, {Name: pick("代金券", "Voucher"), Values: []float64{2000, 1000}}},
				chart.BarOpts{Unit: chart.Unit{Currency: "CNY"}}), 15, 165, 180, 70},
		}
		for _, c := range charts {
			if err := Place(f, "wqy", c.c, c.x, c.y, c.w, c.h, 1); err != nil {
				t.Fatal(err)
			}
		}
		f.SetXY(15, 240)
		f.Cell(100, 8, pick("正文照常继续", "The body text goes on as before"))
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestChartsAsPDFText: the charts' words are real text in the PDF — the
// Chinese title, labels and money read back with pdftotext — and the
// document's own text after a chart is unharmed.
func TestChartsAsPDFText(t *testing.T) {
	b := samplePDF(t)
	dir := t.TempDir()
	if *out != "" {
		dir = *out
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "charts-vector.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	txt, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	s := string(txt)
	for _, want := range []string{"月度投诉量趋势", "交通/航班延误", "住宿条件与宣传不符", "目标 85 %", "未达标", "¥14,800", "2026", "件数", "12月", "正文照常继续",
		"Complaints per month", "Accommodation", "below target", "¥5,500", "The body text goes on as before"} {
		if !strings.Contains(s, want) {
			t.Errorf("pdftotext has no %q:\n%s", want, s)
		}
	}
}

func TestPlaceRejectsAnEmptyBox(t *testing.T) {
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("wqy", "", assets.FontPDF)
	f.AddPage()
	if err := Place(f, "wqy", chart.Gauge("en", "g", 50, 90, ""), 10, 10, 0, 50, 1); err == nil {
		t.Error("a zero-width box drew a chart")
	}
}

// BenchmarkPlace is the time to draw one chart into a page as vectors (the
// document's output excluded).
func BenchmarkPlace(b *testing.B) {
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("wqy", "", assets.FontPDF)
	f.AddPage()
	c := chart.Bars("zh-Hans", "按类别", []string{"交通/航班延误", "住宿条件与宣传不符", "行程变更", "导游服务态度", "退改签"},
		[]float64{112, 58, 87, 64, 71}, chart.BarOpts{})
	for b.Loop() {
		if err := Place(f, "wqy", c, 15, 15, 180, 75, 1); err != nil {
			b.Fatal(err)
		}
	}
}
