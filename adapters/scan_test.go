package adapters

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/content"
)

// describe renders mentions as "kind value currency «as written»" lines.
func describe(text string, ms []Mention) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, strings.TrimSpace(fmt.Sprintf("%s %s %s", m.Kind, m.Value, m.Currency))+" «"+text[m.Offset:m.Offset+m.Len]+"»")
	}
	return strings.Join(parts, "; ")
}

func TestScanFacts(t *testing.T) {
	ref := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, locale, text, want string
	}{
		{"English promo", "en-US", "Spring sale: $79.99 (was $99.99), 20% off with code SPRING20 until April 30, 2026.",
			"price 79.99 USD «$79.99»; price 99.99 USD «$99.99»; percent 20 «20%»; code SPRING20 «SPRING20»; date 2026-04-30 «April 30, 2026»"},
		{"currency forms", "en-US", "US$79.99, USD 79.99, 79,99 €, €79.99, CA$12, £5, CHF 79.90, 1,299.00 USD",
			"price 79.99 USD «US$79.99»; price 79.99 USD «USD 79.99»; price 79.99 EUR «79,99 €»; price 79.99 EUR «€79.99»; price 12 CAD «CA$12»; price 5 GBP «£5»; price 79.9 CHF «CHF 79.90»; price 1299 USD «1,299.00 USD»"},
		{"dollar of the locale", "en-CA", "Now $79.99", "price 79.99 CAD «$79.99»"},
		{"Chinese", "zh-CN", "春季特卖：￥499.00，原价599元，全场8折，使用代码SPRING20，截止2026年4月30日。",
			"price 499 CNY «￥499.00»; price 599 CNY «599元»; percent 20 «8折»; code SPRING20 «SPRING20»; date 2026-04-30 «2026年4月30日»"},
		{"yen sign in Japanese", "ja-JP", "¥1,980 まで 4月30日", "price 1980 JPY «¥1,980»; date 2026-04-30 «4月30日»"},
		{"yen sign elsewhere is open", "en-GB", "¥499", "price 499 «¥499»"},
		{"Greek", "el-GR", "Προσφορά: 79,99 € αντί 99,99 €, έκπτωση 20 % με κωδικό SPRING20 έως 30 Απριλίου 2026.",
			"price 79.99 EUR «79,99 €»; price 99.99 EUR «99,99 €»; percent 20 «20 %»; code SPRING20 «SPRING20»; date 2026-04-30 «30 Απριλίου 2026»"},
		{"Greek grouping", "el-GR", "1.299,00 € και 20％", "price 1299 EUR «1.299,00 €»; percent 20 «20％»"},
		{"named lower-case code", "en-US", "Use code spring20 at checkout, or Code: SAVEBIG.", "code spring20 «spring20»; code SAVEBIG «SAVEBIG»"},
		{"words after code are not codes", "en-US", "Enter the code below. Zip code 94110.", ""},
		{"ISO and short dates", "en-US", "From 2026-04-01 to Apr 30 and 1st May", "date 2026-04-01 «2026-04-01»; date 2026-04-30 «Apr 30»; date 2026-05-01 «1st May»"},
		{"year inferred", "en-US", "Ends Jan 3", "date 2026-01-03 «Jan 3»"},
		{"percent words", "en-US", "Save 12.5 percent today", "percent 12.5 «12.5 percent»"},
		{"URLs are not facts", "en-US", "https://shop.acme.com/p/SKU123?price=79.99 and acme.com/ABC123",
			""},
		{"plain numbers are not facts", "en-US", "Pack 3 tents for 4 people in 2 bags", ""},
		{"capitals without digits are not codes", "en-US", "HUGE SALE NOW", ""},
		{"RTL text", "he-IL", "מבצע: ₪199 עם קוד SALE20", "price 199 ILS «₪199»; code SALE20 «SALE20»"},
		{"emoji around facts", "en-US", "🎉 $5 off 🎉 code FUN5 🎉", "price 5 USD «$5»; code FUN5 «FUN5»"},
		{"invalid date skipped", "en-US", "February 30, 2026", ""},
		{"empty", "en-US", "", ""},
	}
	for _, tt := range tests {
		if got := describe(tt.text, ScanFactsAt(tt.text, tt.locale, ref)); got != tt.want {
			t.Errorf("%s: ScanFactsAt(%q)\n got %s\nwant %s", tt.name, tt.text, got, tt.want)
		}
	}
	if got := describe("Ends Jan 3", ScanFactsAt("Ends Jan 3", "en", time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC))); got != "date 2027-01-03 «Jan 3»" {
		t.Errorf("year across the new year: %s", got)
	}
	if got := describe("Ends April 30", ScanFacts("Ends April 30", "en")); got != "date --04-30 «April 30»" {
		t.Errorf("ScanFacts without a reference: %s", got)
	}
}

func TestFormattedFactsScanBack(t *testing.T) {
	d := time.Date(2026, 4, 30, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ locale, currency, want string }{
		{"en-US", "USD", "price 79.99 USD"},
		{"en-GB", "USD", "price 79.99 USD"},
		{"zh-CN", "CNY", "price 79.99 CNY"},
		{"el-GR", "EUR", "price 79.99 EUR"},
		{"de-DE", "EUR", "price 79.99 EUR"},
		{"ja-JP", "JPY", "price 80 JPY"},
	} {
		price := FormatPrice(tt.locale, "79.99", tt.currency)
		ms := ScanFacts(price, tt.locale)
		if len(ms) != 1 || fmt.Sprintf("%s %s %s", ms[0].Kind, ms[0].Value, ms[0].Currency) != tt.want {
			t.Errorf("%s: %q scans as %s, want %s", tt.locale, price, describe(price, ms), tt.want)
		}
		date := FormatDate(tt.locale, d)
		if got := describe(date, ScanFactsAt(date, tt.locale, d)); !strings.HasPrefix(got, "date 2026-04-30 ") {
			t.Errorf("%s: %q scans as %s", tt.locale, date, got)
		}
	}
}

func TestCheckFacts(t *testing.T) {
	facts := content.Facts{Price: "79.99", Currency: "USD", Was: "99.99", Code: "SPRING20", Ends: "2026-05-01T06:59:00Z", URL: "https://acme.example/sale"}
	tests := []struct {
		name, locale, text, want string
	}{
		{"all agree", "en-US", "Now $79.99, was $99.99: save $20 (20%) with SPRING20 until April 30.", ""},
		{"UTC date also fine", "en-US", "Ends 2026-05-01", ""},
		{"wrong price", "en-US", "Now $69.99!", "price «$69.99» want 79.99 USD or 99.99 USD or 20 USD"},
		{"wrong currency", "en-US", "Now €79.99!", "price «€79.99» want 79.99 USD or 99.99 USD or 20 USD"},
		{"wrong percent", "en-US", "25% off", "percent «25%» want 20%"},
		{"wrong code", "en-US", "code SPRING25", "code «SPRING25» want SPRING20"},
		{"wrong date", "en-US", "until May 3", "date «May 3» want 2026-05-01"},
		{"100% is no discount", "en-US", "100% recycled", ""},
		{"Chinese agrees", "zh-CN", "现价$79.99，8折，代码SPRING20，截止4月30日", ""},
		{"Greek disagrees", "el-GR", "Μόνο 89,99 $ έως 2 Μαΐου", "price «89,99 $» want 79.99 USD or 99.99 USD or 20 USD; date «2 Μαΐου» want 2026-05-01"},
	}
	for _, tt := range tests {
		var parts []string
		for _, m := range CheckFacts(facts, tt.text, tt.locale) {
			if tt.text[m.Offset:m.Offset+len(m.Stated)] != m.Stated {
				t.Errorf("%s: offset %d does not point at %q", tt.name, m.Offset, m.Stated)
			}
			parts = append(parts, m.Kind+" «"+m.Stated+"» want "+m.Want)
		}
		if got := strings.Join(parts, "; "); got != tt.want {
			t.Errorf("%s: CheckFacts(%q)\n got %s\nwant %s", tt.name, tt.text, got, tt.want)
		}
	}

	// An item without an offer: any price, percent or code is a mismatch.
	var got []string
	for _, m := range CheckFacts(content.Facts{}, "Only $5, 10% off, code FREE10, May 1", "en") {
		got = append(got, m.Kind+"="+m.Want)
	}
	if strings.Join(got, ",") != "price=none,percent=none,code=none,date=none" {
		t.Errorf("no facts: %v", got)
	}

	// An item with only a publish date: that date is accepted, a year-less
	// date takes the publish year, and another date wants "none".
	pub := content.Facts{Publish: "2026-08-22T15:00:00Z"}
	for text, want := range map[string]string{
		"Opened on August 22.":          "",
		"Opened on 22 Αυγούστου.":       "",
		"Opened on 8月22日.":              "",
		"Closed on December 24.":        "date=none",
		"Opened on August 22, 2025.":    "date=none",
		"Opened on 2026-08-22 at noon.": "",
	} {
		var got []string
		for _, m := range CheckFacts(pub, text, "en-US") {
			got = append(got, m.Kind+"="+m.Want)
		}
		if strings.Join(got, ",") != want {
			t.Errorf("publish only, %q: %v, want %q", text, got, want)
		}
	}

	// Rounding: 20.5% may be stated as 20% or 21%.
	f := content.Facts{Price: "79.50", Was: "100", Currency: "USD"}
	for text, n := range map[string]int{"20% off": 0, "21% off": 0, "22% off": 1} {
		if got := len(CheckFacts(f, text, "en")); got != n {
			t.Errorf("%q with 20.5%% off: %d mismatches, want %d", text, got, n)
		}
	}
}

func FuzzScanFacts(f *testing.F) {
	for _, s := range []string{"$79.99 20% SPRING20 April 30, 2026", "￥499.00 8折 代码ABC1 2026年4月30日", "79,99 € 30 Απριλίου", "\xff$1", "code: x1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := -1
		for _, m := range ScanFactsAt(s, "en-US", time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)) {
			if m.Offset < 0 || m.Len <= 0 || m.Offset+m.Len > len(s) || m.Offset < last {
				t.Fatalf("bad span %+v in %q", m, s)
			}
			last = m.Offset + m.Len
			if utf8.ValidString(s) && !utf8.ValidString(s[m.Offset:m.Offset+m.Len]) {
				t.Fatalf("span %+v splits a character of %q", m, s)
			}
			if m.Value == "" {
				t.Fatalf("empty value %+v", m)
			}
		}
		CheckFacts(content.Facts{Price: "79.99", Was: "99.99", Currency: "USD", Code: "X1", Ends: "2026-04-30T00:00:00Z"}, s, "zh-CN")
	})
}

// FuzzIndexFoldASCII checks indexFoldASCII against a plain search of the
// lower-cased text.
func FuzzIndexFoldASCII(f *testing.F) {
	f.Add("Use CODE Spring or coupon", "code")
	f.Add("cccCCCcode", "code")
	f.Add("PER CENT per cent", "per cent")
	f.Fuzz(func(t *testing.T, s, sub string) {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return
			}
		}
		sub = strings.ToLower(sub)
		for i := 0; i < len(sub); i++ {
			if sub[i] >= 0x80 {
				return
			}
		}
		if got, want := indexFoldASCII(s, sub), strings.Index(strings.ToLower(s), sub); got != want {
			t.Fatalf("indexFoldASCII(%q, %q) = %d, want %d", s, sub, got, want)
		}
	})
}
