package compose

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/styleguide"
)

func TestClean(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<script>alert(1)</script>Sale", "Sale"},
		{"Cheap <img src=x onerror=alert(1)> & good", "Cheap & good"},
		{`<b onmouseover=alert(1)>now</b>`, "now"},
		{"<scr<script>ipt>alert(1)</script>", "scr"},
		{"unterminated <script", "unterminated script"},
		{"<!-- note -->kept", "kept"},
		{"a < b, <3 and 1<2", "a < b, <3 and 1<2"},
		{"  two\n\tlines \r\n ", "two lines"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"nul\x00and\x1bescape", "nulandescape"},
		{"👨‍👩‍👧 שלום", "👨‍👩‍👧 שלום"},
	} {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSafeLink(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"https://acme.example/sale?utm_source=x&utm_medium=y", true},
		{"HTTP://ACME.EXAMPLE", true},
		{"javascript:alert(1)", false},
		{" JavaScript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"data:text/html;base64,PHNjcmlwdD4=", false},
		{"mailto:hi@acme.example", false},
		{"//acme.example/sale", false},
		{"/sale", false},
		{`https://acme.example/"><script>alert(1)</script>`, false},
		{"https://acme.example/a b", false},
		{`https:\\acme.example`, false},
		{"", false},
	} {
		got := SafeLink(c.in)
		if (got != "") != c.ok || (c.ok && got != c.in) {
			t.Errorf("SafeLink(%q) = %q, want ok=%v", c.in, got, c.ok)
		}
	}
}

func TestBareLink(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://www.acme.example/sale/?utm_source=x#top", "acme.example/sale"},
		{"https://acme.example", "acme.example"},
		{"https://acme.example/zh/%E4%B8%AD", "acme.example/zh/%E4%B8%AD"},
		{"javascript:alert(1)", ""},
	} {
		if got := BareLink(c.in); got != c.want {
			t.Errorf("BareLink(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestHashtags(t *testing.T) {
	got := Hashtags([]string{"outdoor gear", "gear-swap", "Outdoor Gear", "2026", "春季", "<script>alert(1)</script>", "", "áno ixi", strings.Repeat("x", 41)}, nil)
	want := []string{"#OutdoorGear", "#GearSwap", "#春季", "#ÁnoIxi"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Hashtags = %q, want %q", got, want)
	}
}

func TestHashtagsSpellBrandNames(t *testing.T) {
	g, fs := styleguide.Compile([]*content.Source{content.NewSource("styleguide/brand.yaml",
		[]byte("casing: [TrailPro, Acme Outdoor, e-Bike, SummitLite 2]\n"))})
	if len(fs) > 0 {
		t.Fatal(fs)
	}
	var none *styleguide.Guide
	tests := []struct {
		sp   Speller
		tag  string
		want string
	}{
		{g, "trailpro", "#TrailPro"},
		{g, "TRAILPRO", "#TrailPro"},
		{g, "trail-pro", "#TrailPro"},
		{g, "acme outdoor", "#AcmeOutdoor"},
		{g, "acme outdoor stores", "#AcmeOutdoorStores"},
		{g, "new trailpro", "#NewTrailPro"},
		{g, "ebike", "#eBike"},
		{g, "summitlite 2", "#SummitLite2"},
		{g, "summitlite", "#Summitlite"}, // not a name alone
		{g, "backpacks", "#Backpacks"},
		{g, "2026", ""},
		{none, "trailpro", "#Trailpro"},
		{nil, "trailpro", "#Trailpro"},
	}
	for _, tt := range tests {
		if got := Hashtag(tt.tag, tt.sp); got != tt.want {
			t.Errorf("Hashtag(%q) = %q, want %q", tt.tag, got, tt.want)
		}
	}
}

func TestCountAndKeepHashtags(t *testing.T) {
	s := "#one two #Three #123 a#b https://acme.example/#frag &#38; #四"
	if n := CountHashtags(s); n != 3 {
		t.Errorf("CountHashtags = %d, want 3 (%v)", n, HashtagSpans(s))
	}
	want := "#one two Three #123 a#b https://acme.example/#frag &#38; 四"
	if got := KeepHashtags(s, 1); got != want {
		t.Errorf("KeepHashtags(s, 1) = %q, want %q", got, want)
	}
	if got := KeepHashtags(s, 5); got != s {
		t.Errorf("KeepHashtags(s, 5) changed s to %q", got)
	}
}

func TestLatin(t *testing.T) {
	for loc, want := range map[string]bool{"": true, "en-US": true, "de-DE": true, "el-GR": false, "zh-CN": false, "ar-SA": false, "sr-Latn": true, "sr": false, "xx-!!": false} {
		if got := Latin(loc); got != want {
			t.Errorf("Latin(%q) = %v, want %v", loc, got, want)
		}
	}
}

func TestFitText(t *testing.T) {
	long := strings.Repeat("word ", 10000)
	for _, max := range []int{1, 5, 20, 280} {
		got := FitText(long, max, Runes)
		if n := Runes(got); n > max {
			t.Errorf("FitText(max %d) gave %d characters: %q", max, n, got)
		}
		if trimmed := strings.TrimSuffix(got, "…"); !strings.HasPrefix(long, trimmed) {
			t.Errorf("FitText(max %d) = %q, not a prefix of the text", max, got)
		}
	}
	if got := FitText("short", 10, Runes); got != "short" {
		t.Errorf("FitText kept nothing of a text that fits: %q", got)
	}
	// A grapheme cluster is never split, even when it alone is too long.
	family := "👨‍👩‍👧‍👦"
	if got := FitText(strings.Repeat(family, 3), 8, Runes); got != "" && !utf8.ValidString(got) {
		t.Errorf("FitText split a cluster: %q", got)
	}
}

func promo() *content.Item {
	ends := time.Date(2026, 4, 30, 23, 59, 0, 0, time.UTC)
	return &content.Item{
		ID: "sale", Type: "promotion", Locale: "en-US", Title: "Sale", Summary: "All gear is 20% off this week.",
		Offer: &content.Offer{Price: "79.99", Currency: "USD", Was: "99.99", Code: "SPRING20", Ends: &ends},
		CTA:   &content.CTA{Label: "Shop", URL: "https://acme.example/sale"},
	}
}

func TestFitKeepsFacts(t *testing.T) {
	it := promo()
	stmts := Statements(it)
	w := WordsFor("en-US")
	spec := Spec{Count: Runes, Layout: SocialLayout(w), Sep: w.Sep, MaxTags: 2}
	full, _ := Line(stmts, w.Sep, false)
	short, _ := Line(stmts, w.Sep, true)
	if full == short || !strings.Contains(full, "SPRING20") || !strings.Contains(short, "SPRING20") {
		t.Fatalf("lines: full %q, short %q", full, short)
	}
	hook := strings.Repeat("Long hook sentence. ", 50)
	link := "https://acme.example/sale"
	for _, max := range []int{60, 80, 120, 280} {
		spec.Max = max
		r := Fit(spec, hook, stmts, "Shop", link, []string{"#Gear", "#Sale"})
		if !r.Fits || Runes(r.Text) > max {
			t.Errorf("max %d: fits=%v, %d characters:\n%s", max, r.Fits, Runes(r.Text), r.Text)
		}
		if !strings.Contains(r.Text, "SPRING20") || !strings.Contains(r.Text, link) || r.Facts.Price != "79.99" || r.Facts.Code != "SPRING20" {
			t.Errorf("max %d: facts or link cut:\n%s\n%+v", max, r.Text, r.Facts)
		}
		if (r.Facts.Was != "") != strings.Contains(r.Text, "Was ") || (r.Facts.Ends != "") != strings.Contains(r.Text, "Ends ") {
			t.Errorf("max %d: facts %+v do not match the text:\n%s", max, r.Facts, r.Text)
		}
	}
	spec.Max = 10
	if r := Fit(spec, hook, stmts, "Shop", link, nil); r.Fits {
		t.Errorf("max 10 cannot hold the facts, yet Fit says it fits:\n%s", r.Text)
	}
}
