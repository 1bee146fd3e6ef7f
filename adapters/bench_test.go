package adapters

import (
	"testing"
	"time"
	"unicode/utf8"
)

// benchText is a 300-character post: Latin, CJK, emoji and a link.
var benchText = func() string {
	s := "Spring sale at Acme Outdoor: tents, stoves and packs are 20% off with code SPRING20 until April 30. " +
		"春季特卖全场八折，使用代码SPRING20。🎉👨‍👩‍👧 Shop now https://acme.example.com/spring-sale?ref=x and save. " +
		"Free shipping on orders over $50, returns within 30 days, and a lifetime warranty on every pack we sell."
	for utf8.RuneCountInString(s) < 300 {
		s += " More."
	}
	rs := []rune(s)
	return string(rs[:300])
}()

func BenchmarkTwitterWeight(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		TwitterWeight(benchText)
	}
}

func BenchmarkSMS(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		SMS(benchText)
	}
}

func BenchmarkFitGraphemes(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Fit(benchText, 160, Graphemes)
	}
}

func BenchmarkFitTwitterWeight(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Fit(benchText, 200, TwitterWeight)
	}
}

func BenchmarkScanFacts(b *testing.B) {
	ref := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		ScanFactsAt(benchText, "en-US", ref)
	}
}
