package reportcharts

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"casebook/data"
	"casebook/data/present"
	"casebook/data/report"
	"casebook/pdf/chart"
)

var out = flag.String("charts.out", "", "also write the charts as PNG to this directory")

func pct(v float64) *float64 { return &v }

// figures are a small month with something in every chart.
func figures() report.Figures {
	var f report.Figures
	f.Currency = "CNY"
	f.Volume.Received = report.Count{Key: "received", N: 9}
	f.Volume.ByCategory = []report.Bucket{{Value: "meals", Key: "received:category:meals", N: 5}, {Value: "", Key: "received:category:", N: 4}}
	f.Timeliness.FirstResponse.SLA = report.Rate{Key: "first_response:on_time", N: 8, OfKey: "first_response:due", Of: 9, Pct: pct(88.89)}
	f.Timeliness.Resolution.SLA = report.Rate{Key: "resolution:on_time", OfKey: "resolution:due"}
	f.Compensation.Total = report.Amount{Key: "compensation", N: 2, Amount: 150000}
	f.Compensation.ByKind = []report.Amount{{Value: "refund", Key: "compensation:kind:refund", N: 1, Amount: 120000}, {Value: "voucher", Key: "compensation:kind:voucher", N: 1, Amount: 30000}}
	f.Hotspots.Suppliers.ByComplaints = []report.Hot{{Value: "桂林漓江大瀑布饭店", Key: "received:supplier:x", N: 4, PrevN: 1}}
	for i, m := range []string{"2025-12", "2026-01", "2026-02"} {
		f.Trend = append(f.Trend, report.TrendPoint{Month: m, Key: "trend:" + m, Received: 3 * (i + 1), Complaints: i})
	}
	return f
}

func TestBuildNamesKeysAndEmptyStates(t *testing.T) {
	for _, lang := range data.Languages {
		items := Build(figures(), data.DefaultSettings(), lang)
		var names []string
		for _, it := range items {
			names = append(names, it.Name)
			if it.Key == "" || it.Chart == nil || it.Chart.Title() == "" {
				t.Errorf("%s %s: key %q, chart %v", lang, it.Name, it.Key, it.Chart)
			}
			// nothing was due for resolution: that gauge alone is empty
			if want := it.Name == "sla_resolution"; it.Chart.Empty() != want {
				t.Errorf("%s %s: empty %v, want %v", lang, it.Name, it.Chart.Empty(), want)
			}
			img, err := it.Chart.PNG(chart.Screen(320, 180, 1))
			if err != nil {
				t.Fatalf("%s %s: %v", lang, it.Name, err)
			}
			if _, err := png.Decode(bytes.NewReader(img)); err != nil {
				t.Fatalf("%s %s: %v", lang, it.Name, err)
			}
			if *out != "" {
				if err := os.WriteFile(filepath.Join(*out, lang+"-"+it.Name+".png"), img, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		if !slices.Equal(names, Names) {
			t.Errorf("%s: names %v, want %v", lang, names, Names)
		}
	}
	if got := Build(figures(), data.DefaultSettings(), "en")[0].Key; got != "trend:2026-02" {
		t.Errorf("trend key %q, want the last month's", got)
	}
	for _, it := range Build(report.Figures{}, data.DefaultSettings(), "zh-Hans") {
		if !it.Chart.Empty() {
			t.Errorf("no figures: %s is not empty", it.Name)
		}
	}
}

func TestMonthLabels(t *testing.T) {
	for _, c := range []struct {
		lang, month string
		first       bool
		want        string
	}{
		{"en", "2026-11", false, "Nov"},
		{"en", "2026-01", false, "Jan 2026"},
		{"en", "2025-12", true, "Dec 2025"},
		{"zh-Hans", "2026-11", false, "11月"},
		{"zh-Hant", "2026-01", false, "2026年1月"},
		{"en", "junk", false, "junk"},
	} {
		if got := monthLabel(presentFor(c.lang), c.month, c.first); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.lang, c.month, got, c.want)
		}
	}
}

func presentFor(lang string) *present.P { return present.For(lang) }
