package sheet

import (
	"io"
	"testing"
)

func benchmarkWriteXLSX(b *testing.B, n int) {
	cases := fixture(n)
	opt := opts("zh-Hans")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := WriteXLSX(io.Discard, source(cases), opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
}

// BenchmarkWriteXLSX10k and 50k write case rows as a workbook (the case
// rows export and the report's Cases sheet), zipped to nowhere; the
// fixture's cases are full (Chinese text, remedies, clocks, a follow-up).
func BenchmarkWriteXLSX10k(b *testing.B) { benchmarkWriteXLSX(b, 10_000) }
func BenchmarkWriteXLSX50k(b *testing.B) { benchmarkWriteXLSX(b, 50_000) }
