package chart

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"casebook/data/present"
)

// TestCatalogueKeys: every chart.* key the code uses is in the three
// catalogues, and every chart.* key of the catalogues is used.
func TestCatalogueKeys(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	re := regexp.MustCompile(`"(chart\.[a-z.]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
	}
	if len(used) < 5 {
		t.Fatalf("found only %d keys: the scan is broken", len(used))
	}
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
		cat, err := present.Catalogue(lang)
		if err != nil {
			t.Fatal(err)
		}
		for k := range used {
			if strings.TrimSpace(cat[k]) == "" {
				t.Errorf("%s: the charts use %s, which the catalogue lacks", lang, k)
			}
		}
		for k := range cat {
			if strings.HasPrefix(k, "chart.") && !used[k] {
				t.Errorf("%s: the catalogue has %s, which no chart uses", lang, k)
			}
		}
	}
}
