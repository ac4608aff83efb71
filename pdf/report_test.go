package pdf

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook/data"
	"casebook/data/present"
	"casebook/data/report"
)

var reportOut = flag.String("report.out", "", "also write the report PDFs of the tests to this directory")

func f64(v float64) *float64 { return &v }

// longSupplier is a supplier's name longer than its table column.
const longSupplier = "桂林漓江大瀑布饭店国际会议中心暨阳朔西街精品民宿管理有限公司（第二分公司，含接送机服务）"

// reportFigures are a month with something in every section.
func reportFigures() report.Figures {
	var f report.Figures
	f.Period = report.PeriodJSON{Kind: "month", Label: "2026-11", From: "2026-11-01", To: "2026-11-30"}
	f.Previous = report.PeriodJSON{Kind: "month", Label: "2026-10", From: "2026-10-01", To: "2026-10-31"}
	f.GeneratedAt = printedAt
	f.Currency = "CNY"
	v := &f.Volume
	v.Received = report.Count{Key: "received", N: 37}
	v.ByKind = []report.Bucket{{Value: "complaint", N: 30}, {Value: "suggestion", N: 7}, {Value: "praise", N: 0}}
	v.ByCategory = []report.Bucket{{Value: "meals", N: 20}, {Value: "accommodation", N: 12}, {Value: "", N: 5}}
	v.ByChannel = []report.Bucket{{Value: "phone", N: 25}, {Value: "email", N: 12}}
	v.BySeverity = []report.Bucket{{Value: "urgent", N: 4}, {Value: "normal", N: 33}}
	for i := range 14 { // more than reportTopRows: an "others" row
		v.BySupplier = append(v.BySupplier, report.Bucket{Value: "供应商" + string(rune('A'+i)), N: 14 - i})
	}
	v.BySupplier[0].Value = longSupplier
	v.ByGuide = []report.Bucket{{Value: "张导", N: 3}, {Value: "김민준 🙂", N: 1}} // Hangul and a character beyond the BMP
	v.Declined = report.Count{N: 2}
	v.OpenAtEnd = report.Count{N: 9}
	v.Backlog = report.Backlog{N: 9, MedianDays: f64(4.5), P90Days: f64(11), OldestDays: f64(23)}
	fr := &f.Timeliness.FirstResponse
	fr.All = report.Durations{N: 35, MedianHours: f64(2.75), P90Hours: f64(19.5)}
	fr.Urgent = report.Durations{N: 4, MedianHours: f64(0.5), P90Hours: f64(1.25)}
	fr.NonUrgent = report.Durations{N: 31, MedianHours: f64(3.25), P90Hours: f64(21)}
	fr.SLA = report.Rate{N: 31, Of: 35, Pct: f64(88.57)}
	fr.Overdue = report.Count{N: 1}
	rs := &f.Timeliness.Resolution
	rs.All = report.Durations{N: 20, MedianHours: f64(40.5), P90Hours: f64(96)}
	rs.SLA = report.Rate{N: 15, Of: 20, Pct: f64(75)}
	f.Outcomes.Resolution = report.Rate{N: 26, Of: 37, Pct: f64(70.27)}
	f.Outcomes.Reopen = report.Rate{N: 1, Of: 37, Pct: f64(2.7)}
	f.Outcomes.Repeat = report.Rate{N: 2, Of: 33, Pct: f64(6.06)}
	f.Outcomes.FirstContact = report.Rate{N: 6, Of: 37, Pct: f64(16.22)}
	f.Satisfaction = report.Satisfaction{Rated: report.Count{N: 12}, MeanRating: f64(4.17),
		Rating45: report.Rate{N: 10, Of: 12, Pct: f64(83.33)}, Response: report.Rate{N: 12, Of: 15, Pct: f64(80)}}
	k := &f.Compensation
	k.Total = report.Amount{N: 5, Amount: 1234550}
	k.ByKind = []report.Amount{{Value: "refund", N: 3, Amount: 1000000}, {Value: "voucher", N: 2, Amount: 234550}}
	k.ByCategory = []report.Amount{{Value: "meals", N: 5, Amount: 1234550}}
	k.BySupplier = []report.Amount{{Value: longSupplier, N: 5, Amount: 1234550}}
	k.Recovered = report.Amount{N: 1, Amount: 300000}
	k.Net = 934550
	k.OtherCurrency = report.Count{N: 1}
	f.Staff = []report.StaffRow{{Name: "王芳", Handled: report.Count{N: 20}, MedianFirstResponseHrs: f64(2.5),
		SLA: report.Rate{N: 18, Of: 20, Pct: f64(90)}, MeanRating: f64(4.5)}, {Name: "离职员工"}}
	f.Hotspots.Suppliers.ByComplaints = []report.Hot{{Value: longSupplier, N: 14, PrevN: 9}, {Value: "供应商B", N: 13, PrevN: 15}}
	f.Hotspots.Suppliers.ByCompensation = []report.Hot{{Value: longSupplier, N: 5, Amount: 1234550, PrevAmount: 50000}}
	f.Hotspots.Categories.ByComplaints = []report.Hot{{Value: "meals", N: 20, PrevN: 20}}
	for i, m := range []string{"2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"} {
		f.Trend = append(f.Trend, report.TrendPoint{Month: m, Received: 20 + i, Complaints: 15 + i/2})
	}
	f.Travellers = report.Travellers{Months: []string{"2026-11"}, Missing: []string{"2026-11"}}
	return f
}

func renderReport(t *testing.T, fig report.Figures, lang, name string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Report(&buf, fig, testOptions(t, lang)); err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	if *reportOut != "" {
		if err := os.WriteFile(filepath.Join(*reportOut, name+"-"+lang+".pdf"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func TestReportPDFInThreeLanguages(t *testing.T) {
	needPoppler(t)
	fig := reportFigures()
	for _, lang := range data.Languages {
		doc := renderReport(t, fig, lang, "report")
		checkFontsEmbedded(t, doc)
		pages := pagesText(t, writeTemp(t, doc), false)
		all := squeeze(strings.Join(pages, ""))
		pr := present.For(lang)
		tx, _ := catalog(lang)
		for _, want := range []string{
			"2026-11", tx.dayString("2026-11-01"), tx.dayString("2026-11-30"), "2026-10", // the period and the previous one
			tx.get("report.pdf.title"), pr.ReportLabel("received"), "37",
			pr.ReportRate(31, 35, f64(88.57)), "2.75/19.5(35)", pr.ReportRate(26, 37, f64(70.27)),
			pr.Money(1234550, "CNY"), pr.Money(934550, "CNY"), "4.17(12)",
			longSupplier, "김민준", tx.fill("report.pdf.others", "n", "4"), // 14 suppliers: 10 shown, 4 summed
			tx.fill("report.pdf.travellers_missing", "months", "2026-11"),
			pr.ReportLabel("definitions"), pr.ReportDefinition("per_1000_travellers"),
		} {
			if !strings.Contains(all, squeeze(want)) {
				t.Errorf("%s: the report lacks %q", lang, want)
			}
		}
		if strings.Contains(all, "离职员工") {
			t.Errorf("%s: a staff member with nothing in the period is listed", lang)
		}
		// The definitions come after every table, to the end; no page is empty.
		defs := strings.LastIndex(all, squeeze(pr.ReportLabel("definitions")))
		if defs < strings.LastIndex(all, squeeze(tx.get("report.pdf.col.month"))) ||
			!strings.Contains(all[defs:], squeeze(pr.ReportDefinition(report.Definitions[len(report.Definitions)-1]))) {
			t.Errorf("%s: the definitions are not at the end", lang)
		}
		if strings.TrimSpace(pages[len(pages)-1]) == "" { // pdftotext ends with a form feed
			pages = pages[:len(pages)-1]
		}
		for i, p := range pages {
			if len(squeeze(p)) < 60 {
				t.Errorf("%s: page %d is (nearly) empty: %q", lang, i+1, p)
			}
		}
	}
}

func TestReportPDFOfAnEmptyPeriod(t *testing.T) {
	needPoppler(t)
	var fig report.Figures
	fig.Period = report.PeriodJSON{Kind: "month", Label: "2027-02", From: "2027-02-01", To: "2027-02-28"}
	fig.Satisfaction.None = true
	fig.Previous = report.PeriodJSON{Kind: report.PeriodCustom, Label: "2027-01-04..2027-01-31", From: "2027-01-04", To: "2027-01-31"}
	for _, lang := range data.Languages {
		all := squeeze(pdfText(t, renderReport(t, fig, lang, "empty")))
		pr := present.For(lang)
		tx, _ := catalog(lang)
		if strings.Contains(all, "2027-01-04..") {
			t.Errorf("%s: a custom period's label is printed beside its dates", lang)
		}
		for _, want := range []string{"2027-02", tx.dayString("2027-01-04"), pr.ReportLabel("satisfaction_none"), pr.ReportLabel("definitions")} {
			if !strings.Contains(all, squeeze(want)) {
				t.Errorf("%s: the empty report lacks %q", lang, want)
			}
		}
	}
}

// A long name wraps inside its column: every character is printed, and no
// line of the table runs past the right margin.
func TestReportPDFWrapsLongNames(t *testing.T) {
	needPoppler(t)
	doc := renderReport(t, reportFigures(), "zh-Hans", "wrap")
	all := pdfText(t, doc)
	if !strings.Contains(squeeze(all), longSupplier) {
		t.Fatal("the long supplier name is cut")
	}
	if strings.Contains(all, longSupplier) {
		t.Error("the long supplier name is on one line: it runs out of its column")
	}
}
