package service

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"casebook/data"
	"casebook/data/present"
	"casebook/data/report"
)

// The report PDF says what the JSON says: every headline figure of the
// JSON, written as present writes it, stands on the PDF's line of its
// label (pdftotext -layout), in Chinese and English.
func TestReportPDFAgreesWithJSON(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is missing: install poppler-utils (scripts/deps.sh does) to compare the PDF with the JSON")
	}
	ctx := context.Background()
	svc := demoService(t, 600)
	for m := 1; m <= 12; m++ {
		if err := svc.Settings.SetTravellers(ctx, boss, fmt.Sprintf("2026-%02d", m), 1500+10*m); err != nil {
			t.Fatal(err)
		}
	}
	p, err := svc.Reports.Period("2026", "", "")
	if err != nil {
		t.Fatal(err)
	}
	// Like a letter, the report is refused until the agency has a name.
	if err := svc.Reports.Write(ctx, boss, p, data.ReportPDF, "", io.Discard); !errors.Is(err, data.ErrNoAgency) {
		t.Fatalf("a report without the agency's name: %v", err)
	}
	st := svc.Settings.Get()
	st.Agency.Name, st.Agency.ComplaintPhone = "北京晴空国际旅行社有限公司", "400-810-1234"
	if err := svc.Settings.Save(ctx, boss, st); err != nil {
		t.Fatal(err)
	}
	// The demo records no remedies: pay some on resolved cases.
	done, err := svc.Reports.Cases(ctx, boss, p, "resolved")
	if err != nil || len(done) < 20 {
		t.Fatalf("resolved demo cases: %d, %v", len(done), err)
	}
	for i, x := range done[:20] {
		pay := func(f *data.Findings) {
			f.Remedies = append(f.Remedies, data.Remedy{Kind: "refund", Amount: data.Money(10000 * (i + 3))},
				data.Remedy{Kind: "voucher", Amount: 20000, Recovered: data.Money(5000 * (i % 3))})
		}
		if _, err := svc.Cases.EditFindings(ctx, boss, x.Number, pay); err != nil {
			if _, err := svc.Cases.AmendFindings(ctx, boss, x.Number, "补录赔偿", pay); err != nil {
				t.Fatalf("%s: %v", x.Number, err)
			}
		}
	}
	var js bytes.Buffer
	if err := svc.Reports.Write(ctx, boss, p, data.ReportJSON, "", &js); err != nil {
		t.Fatal(err)
	}
	var f report.Figures
	if err := json.Unmarshal(js.Bytes(), &f); err != nil {
		t.Fatal(err)
	}
	if f.Volume.Received.N < 20 || f.Satisfaction.None || f.Compensation.Total.N == 0 || f.Travellers.Per1000 == nil {
		t.Fatalf("the demo year is too thin to compare: %d received, satisfaction none %v, %d paid", f.Volume.Received.N,
			f.Satisfaction.None, f.Compensation.Total.N)
	}
	for _, lang := range []string{"zh-Hans", "en"} {
		path := filepath.Join(t.TempDir(), "report-"+lang+".pdf")
		if err := svc.Reports.WriteTo(ctx, boss, p, data.ReportPDF, lang, path); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		var lines []string
		for _, l := range strings.Split(string(out), "\n") {
			lines = append(lines, squeezed(l))
		}
		pr := present.For(lang)
		num, money := pr.ReportNumber, func(m data.Money) string { return pr.Money(m, f.Currency) }
		rate := func(r report.Rate) string { return pr.ReportRate(r.N, r.Of, r.Pct) }
		dur := func(d report.Durations) string {
			return fmt.Sprintf("%s / %s (%d)", num(d.MedianHours), num(d.P90Hours), d.N)
		}
		v, fr, rs, o, s, k := f.Volume, f.Timeliness.FirstResponse, f.Timeliness.Resolution, f.Outcomes, f.Satisfaction, f.Compensation
		checks := [][2]string{
			{"received", strconv.Itoa(v.Received.N)},
			{"declined", strconv.Itoa(v.Declined.N)},
			{"open_at_end", strconv.Itoa(v.OpenAtEnd.N)},
			{"backlog", num(v.Backlog.MedianDays) + " / " + num(v.Backlog.P90Days) + " / " + num(v.Backlog.OldestDays)},
			{"per_1000_travellers", fmt.Sprintf("%s (%d / %d)", num(f.Travellers.Per1000), f.Travellers.Complaints.N, f.Travellers.Travellers)},
			{"first_response_time", dur(fr.All)},
			{"urgent", dur(fr.Urgent)},
			{"non_urgent", dur(fr.NonUrgent)},
			{"sla_first_response", rate(fr.SLA)},
			{"overdue_now", strconv.Itoa(fr.Overdue.N)},
			{"resolution_time", dur(rs.All)},
			{"urgent", dur(rs.Urgent)},
			{"non_urgent", dur(rs.NonUrgent)},
			{"sla_resolution", rate(rs.SLA)},
			{"overdue_now", strconv.Itoa(rs.Overdue.N)},
			{"resolution_rate", rate(o.Resolution)},
			{"reopen_rate", rate(o.Reopen)},
			{"repeat_rate", rate(o.Repeat)},
			{"first_contact_resolution", rate(o.FirstContact)},
			{"mean_rating", fmt.Sprintf("%s (%d)", num(s.MeanRating), s.Rated.N)},
			{"rating_4_5", rate(s.Rating45)},
			{"followup_response_rate", rate(s.Response)},
			{"compensation", fmt.Sprintf("%s (%d)", money(k.Total.Amount), k.Total.N)},
			{"recovered", money(k.Recovered.Amount)},
			{"net_cost", money(k.Net)},
		}
		var rows [][2]string // a table's row: its first cell and a figure of it
		for _, r := range f.Staff {
			if r.Handled.N > 0 || r.SLA.Of > 0 {
				rows = append(rows, [2]string{r.Name, rate(r.SLA)})
			}
		}
		for _, a := range k.ByKind {
			rows = append(rows, [2]string{pr.ReportValue(svc.Settings.Get(), "remedy", a.Value), money(a.Amount)})
		}
		for _, b := range v.ByCategory[:min(len(v.ByCategory), 10)] {
			if b.N > 0 {
				rows = append(rows, [2]string{pr.ReportValue(svc.Settings.Get(), "category", b.Value), strconv.Itoa(b.N)})
			}
		}
		for _, c := range checks {
			rows = append(rows, [2]string{pr.ReportLabel(c[0]), c[1]})
		}
		for _, r := range rows {
			if !anyLine(lines, squeezed(r[0]), squeezed(r[1])) {
				t.Errorf("%s: no line of the PDF has %q with %q (the JSON's figure)", lang, r[0], r[1])
			}
		}
		if t.Failed() {
			os.WriteFile(filepath.Join(os.TempDir(), "report-agree-"+lang+".txt"), out, 0o644)
		}
	}
}

func anyLine(lines []string, label, value string) bool {
	for _, l := range lines {
		if i := strings.Index(l, label); i >= 0 && strings.Contains(l[i+len(label):], value) {
			return true
		}
	}
	return false
}

// squeezed drops white space: pdftotext spaces CJK text unevenly.
func squeezed(s string) string {
	return strings.Join(strings.Fields(s), "")
}
