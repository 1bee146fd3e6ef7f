package adapters

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

func TestGraphemes(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"👨‍👩‍👧‍👦", 1},  // ZWJ family
		{"🇬🇷🇨🇳", 2},     // two flags
		{"👍🏽", 1},       // skin tone
		{"e\u0301", 1},  // combining accent
		{"你好世界", 4},     // CJK
		{"Γειά σου", 8}, // Greek
		{"שָׁלוֹם", 4},  // Hebrew with points
		{"مرحبا", 5},    // Arabic
		{"\r\n", 1},     // CRLF is one
		{"🏴󠁧󠁢󠁳󠁣󠁴󠁿", 1},  // tag sequence
	}
	for _, tt := range tests {
		if got := Graphemes(tt.in); got != tt.want {
			t.Errorf("Graphemes(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestBytes(t *testing.T) {
	for in, want := range map[string]int{"": 0, "abc": 3, "é": 2, "你": 3, "😀": 4} {
		if got := Bytes(in); got != want {
			t.Errorf("Bytes(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestTwitterWeight(t *testing.T) {
	tests := []struct {
		in     string
		v3, v2 int
	}{
		{"", 0, 0},
		{"Hello", 5, 5},
		{"你好", 4, 4},
		{"Γειά σου", 8, 8},
		{"שלום", 4, 4},
		{"مرحبا", 5, 5},
		{"e\u0301", 1, 1}, // NFC first
		{"café ☕", 7, 7},
		{"👍🏽", 2, 4},
		{"🇬🇷", 2, 4},
		{"👨‍👩‍👧", 2, 8},
		{"©", 1, 1},
		{"©\ufe0f", 2, 3},
		{"1\ufe0f\u20e3", 2, 5},
		{"…", 2, 2},
		{"— “quoted” –", 12, 12},
		{"\u202eabc", 5, 5},
		{"Shop now at acme.com/sale!", 36, 36},
		{"Sale: https://shop.example.com/spring/sale?utm_source=x&utm_medium=social", 29, 29},
		{"春季特卖 https://acme.cn/sale 立即购买", 41, 41},
		{"foo.jp bar", 10, 10}, // bare country-code domain: not a URL
		{"t.co", 23, 23},
		{strings.Repeat("a", 280), 280, 280},
	}
	for _, tt := range tests {
		if got := TwitterWeight(tt.in); got != tt.v3 {
			t.Errorf("TwitterWeight(%q) = %d, want %d", tt.in, got, tt.v3)
		}
		if got := TwitterWeightConfig(tt.in, TwitterV2); got != tt.v2 {
			t.Errorf("TwitterWeightConfig(%q, v2) = %d, want %d", tt.in, got, tt.v2)
		}
	}
}

func TestTwitterValid(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", false},
		{"hi", true},
		{strings.Repeat("a", 280), true},
		{strings.Repeat("a", 281), false},
		{strings.Repeat("你", 140), true},
		{strings.Repeat("你", 141), false},
		{"ok\ufeff", false},
	}
	for _, tt := range tests {
		if got := TwitterValid(tt.in); got != tt.want {
			t.Errorf("TwitterValid(%.20q…) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestExtractURLs(t *testing.T) {
	tests := []struct {
		in              string
		withoutProtocol bool
		want            []string
	}{
		{"Shop at acme.com/sale!", true, []string{"acme.com/sale"}},
		{"Shop at acme.com/sale!", false, nil},
		{"see https://t.co/abc123 now", true, []string{"https://t.co/abc123"}},
		{"(http://en.wikipedia.org/wiki/Primer_(film))", true, []string{"http://en.wikipedia.org/wiki/Primer_(film)"}},
		{"Go https://acme.notatld/x?y=1", true, nil}, // no such top-level domain
		{"Go https://a.acme.com/x?y=1&z=2.", true, []string{"https://a.acme.com/x?y=1&z=2"}},
		{"foo.jp and foo.co.jp and foo.co", true, []string{"foo.co.jp", "foo.co"}},
		{"mail me@acme.com", true, nil},
		{"价格见acme.com", true, []string{"acme.com"}},
		{"http://☃.net/ snow", true, []string{"http://☃.net/"}},
		{"x.com/a.b.c.", true, []string{"x.com/a.b.c"}},
		{"HTTPS://WWW.ACME.COM", true, []string{"HTTPS://WWW.ACME.COM"}},
		{"sub_domain.acme.com", true, []string{"domain.acme.com"}},
		{"ftp://www.acme.com/", true, nil},
	}
	for _, tt := range tests {
		rs := []rune(tt.in)
		var got []string
		for _, u := range extractURLs(rs, tt.withoutProtocol) {
			got = append(got, string(rs[u.start:u.end]))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("extractURLs(%q, %v) = %q, want %q", tt.in, tt.withoutProtocol, got, tt.want)
		}
	}
}

func TestPunycodeLabelLength(t *testing.T) {
	tests := map[string]int{
		"example": 7,
		"bücher":  len("xn--bcher-kva"),
		"☃":       len("xn--n3h"),
		"münchen": len("xn--mnchen-3ya"),
		"例え":      len("xn--r8jz45g"),
		"a。b":     3,
	}
	for in, want := range tests {
		if got := punycodeLabelLength([]rune(in)); got != want {
			t.Errorf("punycodeLabelLength(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestMastodonLength(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"Hello", 5},
		{"Hello @alice@example.social", 12},
		{"cc @bob", 7},
		{"Read https://example.com/a/very/long/path/that/goes/on and on", 5 + 23 + 7},
		{"acme.com/sale", 13}, // no protocol: counted as text
		{"👨‍👩‍👧 hi", 4},
		{"你好 https://acme.cn/x", 3 + 23},
	}
	for _, tt := range tests {
		if got := MastodonLength(tt.in); got != tt.want {
			t.Errorf("MastodonLength(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestSMS(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	zh := func(n int) string { return strings.Repeat("中", n) }
	tests := []struct {
		name string
		in   string
		want SMSInfo
	}{
		{"empty", "", SMSInfo{GSM7, 0, 0}},
		{"short", "Hello", SMSInfo{GSM7, 5, 1}},
		{"GSM symbols", "Price: $79.99 @ Acme_Store £ ¥ § ¿ Δ", SMSInfo{GSM7, 36, 1}},
		{"extension costs two", "Hello € world ^{}[]~|\\", SMSInfo{GSM7, 6 + 2 + 7 + 8*2, 1}},
		{"160 fits one", a(160), SMSInfo{GSM7, 160, 1}},
		{"161 needs two", a(161), SMSInfo{GSM7, 161, 2}},
		{"306 fits two", a(306), SMSInfo{GSM7, 306, 2}},
		{"307 needs three", a(307), SMSInfo{GSM7, 307, 3}},
		{"escape not split", a(152) + "€" + a(152), SMSInfo{GSM7, 306, 3}},
		{"composed é is GSM", "café", SMSInfo{GSM7, 4, 1}},
		{"decomposed é is not", "cafe\u0301", SMSInfo{UCS2, 5, 1}},
		{"ç is not GSM", "ça", SMSInfo{UCS2, 2, 1}},
		{"backtick is not GSM", "`x`", SMSInfo{UCS2, 3, 1}},
		{"curly quote forces UCS-2", "It’s on", SMSInfo{UCS2, 7, 1}},
		{"Greek lower case", "Γειά σου", SMSInfo{UCS2, 8, 1}},
		{"Greek capitals in GSM", "ΔΦΓΛΩΠΨΣΘΞ", SMSInfo{GSM7, 10, 1}},
		{"70 CJK fits one", zh(70), SMSInfo{UCS2, 70, 1}},
		{"71 CJK needs two", zh(71), SMSInfo{UCS2, 71, 2}},
		{"emoji is two units", strings.Repeat("😀", 35), SMSInfo{UCS2, 70, 1}},
		{"36 emoji", strings.Repeat("😀", 36), SMSInfo{UCS2, 72, 2}},
		{"surrogate pair not split", zh(66) + "😀" + zh(66), SMSInfo{UCS2, 134, 3}},
		{"Arabic", "مرحبا", SMSInfo{UCS2, 5, 1}},
	}
	for _, tt := range tests {
		if got := SMS(tt.in); got != tt.want {
			t.Errorf("%s: SMS(%.30q) = %+v, want %+v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestGSMSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"“Save 20%” — today…", `"Save 20%" - today...`},
		{"It’s ‘on’ – 9\u00a0a.m.", "It's 'on' - 9 a.m."},
		{"cafe\u0301", "café"},
		{"zero\u200bwidth", "zerowidth"},
		{"Γειά σου", "Γειά σου"}, // letters untouched
		{"plain", "plain"},
	}
	for _, tt := range tests {
		got := GSMSafe(tt.in)
		if got != tt.want {
			t.Errorf("GSMSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := SMS(GSMSafe("“Spring sale” – 20% off… code SPRING20")); got.Encoding != GSM7 {
		t.Errorf("GSMSafe output is %s, want GSM-7", got.Encoding)
	}
}

func FuzzTwitterWeight(f *testing.F) {
	for _, s := range []string{"", "Hello", "你好 https://acme.cn/x", "👨‍👩‍👧 acme.com/sale", "\xff\xfe", "a.b.c.d.com/((x))?q=1."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		info := ParseTweet(s, TwitterV3)
		if info.WeightedLength < 0 || info.Permillage < 0 {
			t.Fatalf("negative result %+v", info)
		}
		// Each code point weighs at most 2 and a URL 23 for at least 4
		// code points ("t.co"), so the weight stays under 6 per code point.
		if n := utf8.RuneCountInString(s); info.WeightedLength > 6*n {
			t.Fatalf("weight %d for %d code points", info.WeightedLength, n)
		}
		if info.WeightedLength == 0 && s != "" {
			t.Fatalf("zero weight for non-empty %q", s)
		}
		if ParseTweet(s, TwitterV3) != info {
			t.Fatal("not deterministic")
		}
	})
}

func FuzzSMS(f *testing.F) {
	for _, s := range []string{"", "Hello €", "Γειά", "😀x", strings.Repeat("a", 200), "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		info := SMS(s)
		switch info.Encoding {
		case GSM7:
			if info.Units < utf8.RuneCountInString(s) || info.Units > 2*utf8.RuneCountInString(s) {
				t.Fatalf("GSM-7 units %d for %q", info.Units, s)
			}
			if info.Units > 160 && info.Segments < (info.Units+152)/153 {
				t.Fatalf("too few segments %+v", info)
			}
		case UCS2:
			if info.Units != utf16LenString(s) {
				t.Fatalf("UCS-2 units %d, want %d", info.Units, utf16LenString(s))
			}
			if info.Units > 70 && info.Segments < (info.Units+66)/67 {
				t.Fatalf("too few segments %+v", info)
			}
		default:
			t.Fatalf("encoding %q", info.Encoding)
		}
		if (info.Units == 0) != (info.Segments == 0) {
			t.Fatalf("units and segments disagree: %+v", info)
		}
		if safe := GSMSafe(s); !utf8.ValidString(safe) && utf8.ValidString(s) {
			t.Fatalf("GSMSafe broke UTF-8: %q", safe)
		}
	})
}

// TestGraphemesStandingAlone checks the shortcut for code points that
// stand alone against uniseg: every such code point of the BMP, in runs
// that mix them with each other, ASCII, CR LF and code points that join.
func TestGraphemesStandingAlone(t *testing.T) {
	var alone []rune
	for r := rune(0x80); r < 0x10000; r++ {
		if standsAlone(r) {
			alone = append(alone, r)
		}
	}
	if len(alone) < 40000 {
		t.Fatalf("only %d code points stand alone", len(alone))
	}
	for _, r := range []rune{'α', 'Ω', '中', '，', '€', '…', '\u00e9'} {
		if !standsAlone(r) {
			t.Errorf("%q does not stand alone", r)
		}
	}
	for _, r := range []rune{'\u0301', '\u200d', '\u0e33', '\u1100', '\uac00', '\U0001F1E6', '\u0600'} {
		if standsAlone(r) {
			t.Errorf("%U stands alone", r)
		}
	}
	extra := []string{"a", " ", "\r", "\n", "\r\n", "\u0301", "\u200d", "👍", "\U0001F1E6"}
	rng := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < len(alone); i += 7 {
		var b strings.Builder
		for range 12 {
			if rng.IntN(4) == 0 {
				b.WriteString(extra[rng.IntN(len(extra))])
			} else {
				b.WriteRune(alone[rng.IntN(len(alone))])
			}
		}
		b.WriteRune(alone[i])
		s := b.String()
		if got, want := Graphemes(s), uniseg.GraphemeClusterCount(s); got != want {
			t.Fatalf("Graphemes(%q) = %d, uniseg counts %d", s, got, want)
		}
	}
}

// FuzzGraphemesASCII checks Graphemes' shortcuts against uniseg.
func FuzzGraphemesASCII(f *testing.F) {
	for _, s := range []string{"", "abc", "a\r\nb", "\r\r\n\n", "\x00\x7f\t", "a\u0301", "Ελληνικά κείμενο", "价格：￥499。", "\r\nα\r\n", "ก\u0e33", "각\u1161"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Graphemes(s), uniseg.GraphemeClusterCount(s); got != want {
			t.Fatalf("Graphemes(%q) = %d, uniseg counts %d", s, got, want)
		}
	})
}
