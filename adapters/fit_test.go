package adapters

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

func TestFit(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		max   int
		count Counter
		want  string
	}{
		{"fits", "Hello", 10, Graphemes, "Hello"},
		{"nil counter counts graphemes", "Hello", 5, nil, "Hello"},
		{"sentence", "Spring sale starts now. Everything in store is 20% off until Sunday.", 40, Graphemes, "Spring sale starts now."},
		{"short sentence loses to words", "Hi. Everything in store is 20% off until Sunday night.", 30, Graphemes, "Hi. Everything in store is 20…"},
		{"trailing comma trimmed", "Tents, stoves, and packs are on sale", 16, Graphemes, "Tents, stoves…"},
		{"Chinese by character", "春季大促销全场八折优惠直到周日", 8, Graphemes, "春季大促销全场…"},
		{"Chinese sentence", "春季大促销开始了。全场八折优惠直到周日为止。", 15, Graphemes, "春季大促销开始了。"},
		{"Chinese weighted", "春季大促销全场八折优惠直到周日", 10, TwitterWeight, "春季大促…"},
		{"Greek", "Μεγάλες εκπτώσεις σε όλα τα είδη", 20, Graphemes, "Μεγάλες εκπτώσεις…"},
		{"Hebrew", "מבצע אביב בכל החנות", 12, Graphemes, "מבצע אביב…"},
		{"Arabic", "تخفيضات الربيع على كل المتجر", 16, Graphemes, "تخفيضات الربيع…"},
		{"emoji words", "🎉🎉🎉 Big sale", 3, Graphemes, "🎉🎉…"},
		{"ZWJ sequence kept whole", "👨‍👩‍👧‍👦👨‍👩‍👧‍👦 family", 30, Bytes, "👨‍👩‍👧‍👦…"},
		{"flags kept whole", "🇬🇷🇨🇳🇺🇸🇫🇷", 12, Bytes, "🇬🇷…"},
		{"combining marks kept", "e\u0301e\u0301e\u0301e\u0301", 7, Bytes, "e\u0301…"},
		{"no cut inside a URL", "Shop https://acme.com/spring-sale/tents now", 30, Graphemes, "Shop…"},
		{"long word", "Supercalifragilisticexpialidocious", 10, Graphemes, "Supercali…"},
		{"no room for ellipsis", "Supercalifragilisticexpialidocious", 1, Graphemes, "S"},
		{"emoji heavier than max", "🎉 party", 1, TwitterWeight, ""},
		{"zero", "Hello", 0, Graphemes, ""},
		{"negative", "Hello", -3, Graphemes, ""},
		{"empty", "", 0, Graphemes, ""},
		{"SMS units", "Everything in store is 20% off until Sunday night", 20, func(s string) int { return SMS(s).Units }, "Everything in store…"},
	}
	for _, tt := range tests {
		got := Fit(tt.in, tt.max, tt.count)
		if got != tt.want {
			t.Errorf("%s: Fit(%q, %d) = %q, want %q", tt.name, tt.in, tt.max, got, tt.want)
		}
	}
}

func TestFitWithSuffix(t *testing.T) {
	tests := []struct {
		name       string
		in, suffix string
		max        int
		count      Counter
		want       string
	}{
		{"fits", "Sale", " https://acme.com/sale", 280, TwitterWeight, "Sale https://acme.com/sale"},
		{"link counts 23", "Everything in store is 20% off until Sunday night", " https://acme.com/sale", 60, TwitterWeight,
			"Everything in store is 20% off… https://acme.com/sale"},
		{"opt-out kept", "Spring sale: 20% off tents and stoves this weekend only", "\nReply STOP to opt out", 50, Graphemes,
			"Spring sale: 20% off tents…\nReply STOP to opt out"},
		{"suffix alone too long", "abc", "0123456789", 5, Graphemes, "0123456789"},
	}
	for _, tt := range tests {
		got := FitWithSuffix(tt.in, tt.suffix, tt.max, tt.count)
		if got != tt.want {
			t.Errorf("%s: FitWithSuffix(%q, %q, %d) = %q, want %q", tt.name, tt.in, tt.suffix, tt.max, got, tt.want)
		}
	}
}

// graphemeBoundaries lists the byte offsets where grapheme clusters of s end.
func graphemeBoundaries(s string) map[int]bool {
	b := map[int]bool{0: true}
	off, state := 0, -1
	for rest := s; rest != ""; {
		var cl string
		cl, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		off += len(cl)
		b[off] = true
	}
	return b
}

func FuzzFit(f *testing.F) {
	for _, s := range []string{"Hello world. Second sentence here.", "春季大促销全场八折", "👨‍👩‍👧‍👦 e\u0301 🇬🇷", "Shop https://acme.com/x now", "\xff\xfe abc", "a, b, c"} {
		f.Add(s, 5)
	}
	counters := []Counter{Graphemes, Bytes, TwitterWeight, func(s string) int { return SMS(s).Units }}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max > 1000 || max < -10 {
			max %= 1000
		}
		for ci, count := range counters {
			got := Fit(s, max, count)
			if count(s) <= max {
				if got != s {
					t.Fatalf("counter %d: fitting text changed: %q -> %q", ci, s, got)
				}
				continue
			}
			if max >= 0 && count(got) > max {
				t.Fatalf("counter %d: Fit(%q, %d) = %q measures %d", ci, s, max, got, count(got))
			}
			body := strings.TrimSuffix(got, Ellipsis)
			if !strings.HasPrefix(s, body) {
				t.Fatalf("counter %d: %q is not a prefix cut of %q", ci, got, s)
			}
			if utf8.ValidString(s) && !utf8.ValidString(got) {
				t.Fatalf("counter %d: invalid UTF-8 %q", ci, got)
			}
			if !graphemeBoundaries(s)[len(body)] {
				t.Fatalf("counter %d: %q splits a grapheme cluster of %q", ci, got, s)
			}
		}
	})
}

func FuzzGraphemes(f *testing.F) {
	for _, s := range []string{"", "abc", "👨‍👩‍👧‍👦", "e\u0301", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Graphemes(s)
		if n > utf8.RuneCountInString(s) || (s != "" && n == 0) {
			t.Fatalf("Graphemes(%q) = %d for %d code points", s, n, utf8.RuneCountInString(s))
		}
	})
}
