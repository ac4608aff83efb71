package store

import (
	"context"
	"testing"
)

// The customer search on the 100,000-case demo store: a one-character
// surname, two Chinese characters, a piece of a phone, and everything with
// the repeat-complainant filter. Target as the case search: ≤ 50 ms.
func benchCustomers(b *testing.B, q CustomerQuery) {
	s := benchStore(b)
	ctx := context.Background()
	if _, err := s.Customers(ctx, q, benchNow); err != nil { // loads the index
		b.Fatal(err)
	}
	var n int
	b.ResetTimer()
	for b.Loop() {
		list, err := s.Customers(ctx, q, benchNow)
		if err != nil {
			b.Fatal(err)
		}
		n = len(list)
	}
	b.ReportMetric(float64(n), "customers")
}

func BenchmarkCustomerSearchOneChar100k(b *testing.B) {
	benchCustomers(b, CustomerQuery{Text: "王", Limit: 200})
}
func BenchmarkCustomerSearchTwoChars100k(b *testing.B) {
	benchCustomers(b, CustomerQuery{Text: "王芳", Limit: 200})
}
func BenchmarkCustomerSearchPhone100k(b *testing.B) {
	benchCustomers(b, CustomerQuery{Text: "1380", Limit: 200})
}
func BenchmarkCustomerRepeat100k(b *testing.B) {
	benchCustomers(b, CustomerQuery{Repeat: true})
}

// Loading the index the first time (a cold customer search).
func BenchmarkCustomerIndexLoad100k(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.loadCustIndex(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
