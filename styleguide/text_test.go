package styleguide

import (
	"math"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/content"
)

func variant(field, text string) content.Prose {
	return content.NewProse(nil, field, content.FieldText, 0, text, nil)
}

func TestCheckText(t *testing.T) {
	g := guideFrom(t, brandYAML+`
readability: {max_sentence_words: 6}
`, `
banned:
  - phrase: tap here
    only: {channels: [sms]}
`)
	it := newItem("spring-sale", "en-US", "promotion",
		title("Spring sale"),
		summary("Send an e-mail for free shipping. Free shipping on orders over $50."),
		override("sms", "Tap here!"),
	)
	tests := []struct {
		name    string
		channel string
		texts   []content.Prose
		want    []string
	}{
		{"words from the source are not reported twice", "x", []content.Prose{variant("text", "Send an e-mail for free shipping.")}, []string{
			`1:5 error claims.shipping: "free shipping" needs the disclaimer "Free shipping on orders over $50." [x]`,
		}},
		{"what the adapter added is reported at the id", "push", []content.Prose{variant("text", "Spring sale! Act now!! Best in the world, E-Mail us 🎉 free shipping")}, []string{
			`1:5 error banned.best-in-the-world: avoid "Best in the world": We never claim superlatives we cannot prove. [push]`,
			`1:5 error claims.shipping: "free shipping" needs the disclaimer "Free shipping on orders over $50." [push]`,
			`1:5 warning emoji.channel: emoji "🎉" is not allowed on push [push]`,
			`1:5 warning punctuation.exclamations: 3 exclamation marks in one text (max 1) [push]`,
			`1:5 suggestion readability.sentence_length: sentence has 9 words (max 6) [push]`,
			`1:5 warning terms.email: use "Email" instead of "E-Mail" [push]`,
		}},
		{"emoji allowed on x", "x", []content.Prose{variant("text", "Sale 🎉")}, []string{}},
		{"an override's findings sit at its line; channel rules already seen at source are not repeated", "sms", []content.Prose{variant("overrides.sms.text", "Tap here!")}, []string{}},
		{"a channel rule on text the adapter wrote", "sms", []content.Prose{variant("text", "Spring sale: just tap here")}, []string{
			`1:5 error banned.tap-here: avoid "tap here" [sms]`,
		}},
		{"a channel rule does not run on other channels", "push", []content.Prose{variant("text", "Tap here")}, []string{}},
		{"override field with a new problem", "sms", []content.Prose{variant("overrides.sms.text", "Tap here!! AMAZING")}, []string{
			`4:21 warning punctuation.caps: "AMAZING" is in all capitals; write it in normal case (or list it under punctuation.acronyms) [sms]`,
			`4:21 warning punctuation.exclamations: 2 exclamation marks in one text (max 1) [sms]`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := g.CheckText(it, tt.channel, tt.texts)
			diffLines(t, formatAll(it, fs), tt.want)
			for _, f := range fs {
				if f.Item != "spring-sale" || f.Channel != tt.channel || f.Fix != nil {
					t.Errorf("finding %v: item %q channel %q fix %v", f, f.Item, f.Channel, f.Fix)
				}
			}
		})
	}
}

func TestDisclaimersOnTheLandingPage(t *testing.T) {
	g := guideFrom(t, brandYAML+`
channels:
  x: {disclaimers: link}
  sms: {disclaimers: text}
`)
	it := newItem("a", "en", "promotion", title("Spring sale"))
	claim := `1:5 error claims.shipping: "Free shipping" needs the disclaimer "Free shipping on orders over $50."`
	tests := []struct {
		channel string
		linked  bool
		want    []string
	}{
		{"x", true, []string{}},
		{"x", false, []string{claim + " [x]"}},
		{"sms", true, []string{claim + " [sms]"}},
		{"push", true, []string{claim + " [push]"}},
	}
	for _, tt := range tests {
		fs := g.CheckVariantText(it, tt.channel, []content.Prose{variant("text", "Free shipping today")}, tt.linked)
		if got := formatAll(it, fs); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s linked=%v:\n got %q\nwant %q", tt.channel, tt.linked, got, tt.want)
		}
	}
	// CheckText is an unlinked variant.
	if got := formatAll(it, g.CheckText(it, "x", []content.Prose{variant("text", "Free shipping today")})); len(got) != 1 {
		t.Errorf("CheckText on x = %q, want the claim", got)
	}
}

func TestSpelling(t *testing.T) {
	g := guideFrom(t, "casing: [TrailPro, Acme Outdoor, {name: StormShell, severity: warning}]\nlocales:\n  el: {casing: [ΑκμήΠρο]}\n")
	tests := []struct {
		word, want string
		ok         bool
	}{
		{"trailpro", "TrailPro", true},
		{"TRAILPRO", "TrailPro", true},
		{"Trail-Pro", "TrailPro", true},
		{"acme outdoor", "Acme Outdoor", true},
		{"acmeoutdoor", "Acme Outdoor", true},
		{"stormshell", "StormShell", true},
		{"trail", "", false},
		{"trailpros", "", false},
		{"", "", false},
		{"ακμήπρο", "", false}, // locale sections are not the brand's top-level names
	}
	for _, tt := range tests {
		got, ok := g.Spelling(tt.word)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Spelling(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
	var nilGuide *Guide
	if got, ok := nilGuide.Spelling("trailpro"); got != "" || ok {
		t.Errorf("nil guide Spelling = %q, %v", got, ok)
	}
}

func TestCasingInHashtags(t *testing.T) {
	g := guideFrom(t, "casing: [TrailPro, Acme Outdoor]\n")
	it := newItem("a", "en", "article")
	fs := g.CheckText(it, "mastodon", []content.Prose{variant("overrides.mastodon.text", "New: #TrailPro #AcmeOutdoor #Trailpro #Acmeoutdoor, and AcmeOutdoor")})
	diffLines(t, formatAll(it, fs), []string{
		`1:1 error casing.acme-outdoor: write "Acme Outdoor", not "AcmeOutdoor" [mastodon]`,
		`1:1 error casing.acme-outdoor: write "Acme Outdoor", not "Acmeoutdoor" [mastodon]`,
		`1:1 error casing.trailpro: write "TrailPro", not "Trailpro" [mastodon]`,
	})
}

func TestDisclaimers(t *testing.T) {
	g := guideFrom(t, brandYAML)
	it := newItem("a", "en", "promotion")
	for text, want := range map[string]string{
		"Free shipping today": "Free shipping on orders over $50.",
		"Free shipping today. Free shipping on orders over $50.": "",
		"Nothing to see":               "",
		"free shipping, FREE SHIPPING": "Free shipping on orders over $50.",
	} {
		got := strings.Join(g.Disclaimers(it, "sms", text), "|")
		if got != want {
			t.Errorf("Disclaimers(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestChannel(t *testing.T) {
	g := guideFrom(t, `
channels:
  web: {cta: Shop}
  instagram: {max_hashtags: 3}
  email: {subject_max: 50}
  x: {max_hashtags: 0, disclaimers: link}
  sms: {disclaimers: text}
emoji: {allow: [x, instagram]}
`)
	tests := []struct {
		id   string
		want ChannelRules
	}{
		{"web", ChannelRules{CTA: "Shop", Emoji: false, MaxHashtags: 5, SubjectMax: 60, Disclaimers: "text"}},
		{"email", ChannelRules{CTA: "Click", Emoji: false, MaxHashtags: 5, SubjectMax: 50, Disclaimers: "text"}},
		{"instagram", ChannelRules{CTA: "Visit", Emoji: true, MaxHashtags: 3, SubjectMax: 60, Disclaimers: "text"}},
		{"x", ChannelRules{CTA: "Visit", Emoji: true, MaxHashtags: 0, SubjectMax: 60, Disclaimers: "link"}},
		{"push", ChannelRules{CTA: "Tap", Emoji: false, MaxHashtags: 5, SubjectMax: 60, Disclaimers: "text"}},
		{"app", ChannelRules{CTA: "Tap", Emoji: false, MaxHashtags: 5, SubjectMax: 60, Disclaimers: "text"}},
		{"chat", ChannelRules{CTA: "Tap", Emoji: false, MaxHashtags: 5, SubjectMax: 60, Disclaimers: "text"}},
		{"voice", ChannelRules{CTA: "Say", Emoji: false, MaxHashtags: 5, SubjectMax: 60, Disclaimers: "text"}},
		{"sms", ChannelRules{CTA: "Reply", Emoji: false, MaxHashtags: 5, SubjectMax: 60, Disclaimers: "text"}},
		{"signage", ChannelRules{CTA: "Scan", Emoji: false, MaxHashtags: 5, SubjectMax: 60, Disclaimers: "text"}},
		{"mastodon", ChannelRules{CTA: "Visit", Emoji: false, MaxHashtags: 5, SubjectMax: 60, Disclaimers: "text"}},
	}
	for _, tt := range tests {
		if got := g.Channel(tt.id); got != tt.want {
			t.Errorf("Channel(%q) = %+v, want %+v", tt.id, got, tt.want)
		}
	}
	empty, _ := Compile(nil)
	if got := empty.Channel("sms"); got != (ChannelRules{CTA: "Reply", Emoji: true, MaxHashtags: 5, SubjectMax: 60, Disclaimers: "text"}) {
		t.Errorf("default sms rules = %+v", got)
	}
}

func TestEmojiEverywhere(t *testing.T) {
	it := newItem("a", "en", "article", para("Sale 🎉"))
	for _, tt := range []struct {
		yaml  string
		opts  Options
		count int
	}{
		{"emoji: {allow: ['*']}", Options{}, 0},
		{"emoji: {allow: [x, sms]}", Options{Channels: []string{"sms", "x"}}, 0},
		{"emoji: {allow: [x, sms]}", Options{Channels: []string{"sms", "x", "web"}}, 1},
		{"emoji: {allow: [x, sms]}", Options{}, 1},
		{"emoji: {allow: []}", Options{}, 1},
	} {
		g, fs := compileStrings(tt.opts, tt.yaml)
		if len(fs) != 0 {
			t.Fatal(fs)
		}
		if got := len(g.CheckItem(it)); got != tt.count {
			t.Errorf("%s %v: %d findings, want %d", tt.yaml, tt.opts.Channels, got, tt.count)
		}
	}
}

func TestContrast(t *testing.T) {
	tests := []struct {
		fg, bg string
		want   float64
		text   string
	}{
		{"#777777", "#FFFFFF", 4.478, "4.48"},
		{"#767676", "#ffffff", 4.542, "4.54"},
		{"#000", "#fff", 21, "21.00"},
		{"#FFFFFF", "#FFFFFF", 1, "1.00"},
		{"#1B1B1B", "#FFFFFF", 17.22, "17.22"},
		{"#FFFFFF", "#C2410C", 5.18, "5.18"},
	}
	for _, tt := range tests {
		got, err := Contrast(tt.fg, tt.bg)
		if err != nil || math.Abs(got-tt.want) > 0.005 || formatRatio(got, wcagAA) != tt.text {
			t.Errorf("Contrast(%s, %s) = %v (%s), %v; want %v (%s)", tt.fg, tt.bg, got, formatRatio(got, wcagAA), err, tt.want, tt.text)
		}
	}
	if _, err := Contrast("#12345", "#fff"); err == nil {
		t.Error("bad hex accepted")
	}
	if got := formatRatio(4.4996, 4.5); got != "4.499" {
		t.Errorf("formatRatio rounds a failure up: %s", got)
	}
}

func TestPalette(t *testing.T) {
	g := guideFrom(t, `palette:
  colors: {ink: "#1b1b1b", paper: "#FFF", accent: "#C2410C"}
  pairs: [[ink, paper], [paper, accent]]
`)
	p := g.Palette()
	if got := strings.Join(p.Names(), ","); got != "accent,ink,paper" {
		t.Errorf("Names = %s", got)
	}
	if got, want := p.CSS(), "--accent: #C2410C;\n--ink: #1B1B1B;\n--paper: #FFFFFF;\n"; got != want {
		t.Errorf("CSS = %q, want %q", got, want)
	}
	if len(p.Pairs) != 2 || p.Pairs[1].Foreground != "paper" || math.Abs(p.Pairs[1].Ratio-5.18) > 0.01 || p.Pairs[1].Min != 4.5 {
		t.Errorf("Pairs = %+v", p.Pairs)
	}
	p.Colors["ink"] = "#000000"
	if g.Palette().Colors["ink"] != "#1B1B1B" {
		t.Error("Palette shares its map with the guide")
	}
}
