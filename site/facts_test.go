package site

import (
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
)

// promo is a promotion item: $79.99, was $99.99 (20% off), code SPRING20,
// ending 30 April 2026. overrides is YAML under "overrides:", indented.
func promo(summary, overrides string) string {
	s := `---
id: spring
type: promotion
title: Spring sale
summary: "` + summary + `"
offer:
  price: "79.99"
  currency: USD
  was: "99.99"
  code: SPRING20
  ends: 2026-04-30T23:00:00Z
cta:
  label: Shop now
  url: https://acme.example/sale
`
	if overrides != "" {
		s += "overrides:\n" + overrides
	}
	return s + "---\n\nBody.\n"
}

const goodSummary = "The Trail jacket is $79.99 with code SPRING20 until April 30."

// textAdapter renders a fixed text on channel, declaring the item's facts.
func textAdapter(channel, text string) *fake {
	return &fake{id: channel, render: func(in *adapters.Input) (*adapters.Variant, error) {
		v := plain(channel, in)
		if text != "" {
			v.Fields["text"], v.Texts = text, []adapters.Text{{Field: "text", Text: text}}
		}
		return v, nil
	}}
}

func TestFactFindings(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		adapters []adapters.Adapter
		want     []string // findings as text, with [channel]
	}{
		{
			name: "consistent",
			file: promo(goodSummary, ""),
		},
		{
			name: "override contradicts the price at its line and column",
			file: promo(goodSummary, "  sms:\n    text: \"Trail jacket now $59.99, code SPRING20\"\n"),
			want: []string{
				// The override is what sms sends, so the price is also missing.
				`content/spring.md:2:5: error facts.price: the sms variant does not state the price ($79.99) [sms]`,
				`content/spring.md:17:29: error facts.price: overrides.sms.text: states the price "$59.99"; the item says 79.99 USD or 99.99 USD or 20 USD [sms]`,
			},
		},
		{
			name: "override the adapter never uses is still checked",
			file: promo(goodSummary, "  web:\n    text: \"Use code SPRING30 for $79.99\"\n"),
			adapters: []adapters.Adapter{&fake{id: "x"}, &fake{id: "sms"},
				textAdapter("web", goodSummary)},
			want: []string{`content/spring.md:17:21: error facts.code: overrides.web.text: states the code "SPRING30"; the item says SPRING20 [web]`},
		},
		{
			name: "a percentage that does not match was to price",
			file: promo(goodSummary, ""),
			adapters: []adapters.Adapter{textAdapter("x", "Save 30% on the Trail jacket: $79.99 with SPRING20."),
				&fake{id: "sms"}, &fake{id: "web"}},
			want: []string{`content/spring.md:2:5: error facts.percent: the x text: states the percent "30%"; the item says 20% [x]`},
		},
		{
			name: "a wrong code in adapter text",
			file: promo(goodSummary, ""),
			adapters: []adapters.Adapter{textAdapter("x", "The jacket is $79.99 with code SPRING2O."),
				&fake{id: "sms"}, &fake{id: "web"}},
			want: []string{
				`content/spring.md:2:5: error facts.code: the x text: states the code "SPRING2O"; the item says SPRING20 [x]`,
				`content/spring.md:2:5: error facts.code: the x variant does not state the code SPRING20 [x]`,
			},
		},
		{
			name: "a missing price on x",
			file: promo(goodSummary, ""),
			adapters: []adapters.Adapter{textAdapter("x", "Spring sale: use code SPRING20."),
				&fake{id: "sms"}, &fake{id: "web"}},
			want: []string{`content/spring.md:2:5: error facts.price: the x variant does not state the price ($79.99) [x]`},
		},
		{
			name: "an exempt channel need not state price or code",
			file: promo(goodSummary, ""),
			adapters: []adapters.Adapter{&fake{id: "x"}, &fake{id: "sms"},
				textAdapter("web", "Our spring sale is on.")},
		},
		{
			name: "an amount in the small print is the brand's condition, not a price",
			file: promo(goodSummary, ""),
			adapters: []adapters.Adapter{&fake{id: "x", render: func(in *adapters.Input) (*adapters.Variant, error) {
				const terms = "Free shipping on orders over $50."
				v := plain("x", in)
				text := "Trail jacket $79.99 with SPRING20.\n\n" + terms
				v.Fields["text"] = text
				v.Texts = []adapters.Text{{Field: "text", Text: text}, {Field: adapters.TermsField, Text: terms}}
				return v, nil
			}}, &fake{id: "sms"}, &fake{id: "web"}},
		},
		{
			name: "an amount outside the small print is still checked",
			file: promo(goodSummary, ""),
			adapters: []adapters.Adapter{&fake{id: "x", render: func(in *adapters.Input) (*adapters.Variant, error) {
				v := plain("x", in)
				text := "Trail jacket $79.99 with SPRING20, or $50 today.\n\nFree shipping on orders over $50."
				v.Fields["text"] = text
				v.Texts = []adapters.Text{{Field: "text", Text: text}, {Field: adapters.TermsField, Text: "Free shipping on orders over $50."}}
				return v, nil
			}}, &fake{id: "sms"}, &fake{id: "web"}},
			want: []string{`content/spring.md:2:5: error facts.price: the x text: states the price "$50"; the item says 79.99 USD or 99.99 USD or 20 USD [x]`},
		},
		{
			name: "a variant declaring other facts",
			file: promo(goodSummary, ""),
			adapters: []adapters.Adapter{&fake{id: "x", render: func(in *adapters.Input) (*adapters.Variant, error) {
				v := plain("x", in)
				v.Facts.Price, v.Facts.URL = "69.99", "https://acme.example/sale?utm_source=x"
				v.Facts.Was = "99.990" // the same value, written differently
				return v, nil
			}}, &fake{id: "sms"}, &fake{id: "web"}},
			want: []string{`content/spring.md:2:5: error facts.mismatch: the x variant declares price "69.99" but the item's is "79.99" [x]`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := build(t, map[string]string{"content/spring.md": tt.file}, tt.adapters)
			var got []string
			for _, f := range s.Findings() {
				if strings.HasPrefix(f.Rule, "facts.") {
					got = append(got, f.String()+" ["+f.Channel+"]")
					if f.Item != "spring" {
						t.Errorf("finding %s has item %q", f, f.Item)
					}
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestCheckVariantsMatchesBuild(t *testing.T) {
	files := map[string]string{"content/spring.md": promo(goodSummary, "  sms:\n    text: \"Now $59.99\"\n")}
	ws, g := load(t, writeWorkspace(t, files))
	as := []adapters.Adapter{textAdapter("x", "Spring sale."), &fake{id: "sms"}, &fake{id: "web"}}
	got := CheckVariants(t.Context(), ws, g, as)
	var rules []string
	for _, f := range got {
		rules = append(rules, f.Rule+"@"+f.Channel)
	}
	// Sorted by position: what is missing sits at the id (line 2), the
	// override's wrong price at the override (line 17).
	want := "facts.code@sms facts.code@x facts.price@sms facts.price@x facts.price@sms"
	if strings.Join(rules, " ") != want {
		t.Errorf("CheckVariants rules = %v, want %s", rules, want)
	}
	s := Build(t.Context(), ws, g, Options{Adapters: as})
	var fromBuild []content.Finding
	for _, f := range s.Findings() {
		if f.Channel != "" {
			fromBuild = append(fromBuild, f)
		}
	}
	if len(fromBuild) != len(got) {
		t.Errorf("Build has %d variant findings, CheckVariants %d", len(fromBuild), len(got))
	}
}

func TestSameFacts(t *testing.T) {
	for _, tt := range []struct {
		same func(a, b string) bool
		a, b string
		want bool
	}{
		{sameDecimal, "79.9", "79.90", true},
		{sameDecimal, "79.99", "79.98", false},
		{sameDecimal, "x", "79.98", false},
		{sameInstant, "2026-04-30T23:00:00Z", "2026-05-01T01:00:00+02:00", true},
		{sameInstant, "2026-04-30T23:00:00Z", "2026-04-30T22:00:00Z", false},
		{sameLink, "https://a.example/s?utm_source=x&utm_medium=social&id=3", "https://a.example/s?id=3", true},
		{sameLink, "https://a.example/s?id=4", "https://a.example/s?id=3", false},
	} {
		if got := tt.same(tt.a, tt.b); got != tt.want {
			t.Errorf("same(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestStyleOnVariantText(t *testing.T) {
	files := map[string]string{
		"styleguide/words.yaml": "banned:\n  - phrase: revolutionary\n    message: Say what is new instead.\n",
		"content/a.md":          article("a", "", "A plain summary.", ""),
	}
	as := []adapters.Adapter{textAdapter("x", "A revolutionary jacket."), &fake{id: "sms"}, &fake{id: "web"}}
	s := build(t, files, as)
	var got []string
	for _, f := range s.Findings() {
		got = append(got, f.Pos.String()+" "+f.Channel+" "+f.Item)
		if !strings.HasPrefix(f.Rule, "banned") || !strings.Contains(f.Message, "revolutionary") {
			t.Errorf("finding %s", f)
		}
	}
	if want := "content/a.md:2:5 x a"; strings.Join(got, "\n") != want {
		t.Errorf("findings at %q, want %q", got, want)
	}
}

func TestFactsTheItemDoesNotHave(t *testing.T) {
	files := map[string]string{"content/hours.md": article("hours", "", "We close early on December 24.", "")}
	for text, want := range map[string]string{
		"We close early on December 24.": "",
		"We close early on December 26.": `content/hours.md:2:5: error facts.date: the x text: states the date "December 26"; the item says none`,
	} {
		s := build(t, files, []adapters.Adapter{textAdapter("x", text), &fake{id: "sms"}, &fake{id: "web"}})
		var got []string
		for _, f := range s.Findings() {
			got = append(got, f.String())
		}
		if strings.Join(got, "\n") != want {
			t.Errorf("text %q: findings %q, want %q", text, got, want)
		}
	}
}
