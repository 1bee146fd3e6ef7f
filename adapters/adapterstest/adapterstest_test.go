package adapterstest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/all"
	"github.com/chorus-dev/chorus/content"
)

// recorder is a testing.TB that keeps failures instead of failing.
type recorder struct {
	testing.TB
	msgs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// Fatalf records like Errorf: CheckVariant reports every failure with
// Errorf and goes on, so nothing after it depends on stopping.
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

// check runs CheckVariant on v and returns the failures it reports.
func check(t *testing.T, a adapters.Adapter, in *adapters.Input, v *adapters.Variant) []string {
	r := &recorder{TB: t}
	CheckVariant(r, a, in, v)
	return r.msgs
}

// fake is an adapter whose output a test shapes.
type fake struct{ edit func(*adapters.Variant) }

func (fake) ID() string { return "fake" }

func (fake) Limits() []adapters.Limit {
	return []adapters.Limit{{Metric: "length", Max: 100, Unit: "characters"}}
}

func (f fake) Render(in *adapters.Input) (*adapters.Variant, error) {
	it := in.Item
	text := "Spring Sale " + adapters.FormatPrice(it.Locale, "79.99", "USD") + " Code SPRING20 https://acme.example/sale"
	v := &adapters.Variant{
		Channel: "fake", Ext: ".txt", Body: text,
		Fields:  map[string]any{"text": text},
		Metrics: map[string]any{"length": len(text)},
		Facts:   content.Facts{Price: "79.99", Currency: "USD", Code: "SPRING20", URL: it.CTA.URL},
		Texts:   []adapters.Text{{Field: "text", Text: text}},
	}
	if f.edit != nil {
		f.edit(v)
	}
	return adapters.Finish(in, v), nil
}

// TestCheckVariantFails checks that the contract catches each kind of
// broken variant, and passes a sound one.
func TestCheckVariantFails(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*adapters.Variant)
		want string // a failure must contain this; "" wants none
	}{
		{"sound", nil, ""},
		{"wrong price stated", func(v *adapters.Variant) { v.Texts[0].Text += " now $69.99" }, `states price "$69.99"`},
		{"invented code", func(v *adapters.Variant) { v.Facts.Code = "OTHER" }, "facts.code"},
		{"price not recorded", func(v *adapters.Variant) { v.Facts.Price, v.Facts.Currency = "", "" }, "facts price"},
		{"price recorded, not stated", func(v *adapters.Variant) { v.Texts[0].Text = "Spring Sale Code SPRING20" }, "no text states"},
		{"link not in body", func(v *adapters.Variant) { v.Body = "Spring Sale" }, "does not link"},
		{"script in body", func(v *adapters.Variant) { v.Body += "<script>alert(1)</script>" }, "body leaks"},
		{"handler in a nested field", func(v *adapters.Variant) {
			v.Fields["card"] = map[string]any{"alt": []string{"<img src=x onerror=alert(1)>"}}
		}, "fields.card.alt[0] leaks"},
		{"script URL in a field", func(v *adapters.Variant) { v.Fields["link"] = "javascript:alert(1)" }, "leaks [javascript:]"},
		{"over the limit", func(v *adapters.Variant) { v.Metrics["length"] = 101 }, "over the limit"},
		{"metric not an int", func(v *adapters.Variant) { v.Metrics["length"] = 50.0 }, "want an int"},
		{"metric missing", func(v *adapters.Variant) { delete(v.Metrics, "length") }, "missing"},
		{"override of another channel", func(v *adapters.Variant) { v.Texts[0].Override = "overrides.x.text" }, "is not overrides.fake"},
		{"no texts", func(v *adapters.Variant) { v.Texts = nil }, "no texts"},
		{"wrong channel", func(v *adapters.Variant) { v.Channel = "other" }, "envelope channel"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := fake{edit: c.edit}
			in := SampleInput("promotion-en-US")
			v, err := a.Render(in)
			if err != nil {
				t.Fatal(err)
			}
			msgs := check(t, a, in, v)
			if c.want == "" {
				if len(msgs) > 0 {
					t.Errorf("a sound variant failed: %q", msgs)
				}
				return
			}
			for _, m := range msgs {
				if strings.Contains(m, c.want) {
					return
				}
			}
			t.Errorf("want a failure containing %q, got %q", c.want, msgs)
		})
	}
}

func TestLeaks(t *testing.T) {
	for s, want := range map[string]string{
		`<script type="application/ld+json">{}</script>`:                                    "[]",
		`<script type="application/ld+json">{}</script><script type="application/ld+json">`: "[<script]",
		`<SCRIPT>x</SCRIPT>`:   "[<script]",
		`a onerror=b`:          "[onerror=]",
		`JavaScript:alert(1)`:  "[javascript:]",
		`plain text <3 & more`: "[]",
	} {
		if got := fmt.Sprint(Leaks(s)); got != want {
			t.Errorf("Leaks(%q) = %s, want %s", s, got, want)
		}
	}
}

func TestSamples(t *testing.T) {
	seen := map[string]bool{}
	types := map[string]map[string]bool{}
	for _, s := range Samples() {
		if seen[s.Name] {
			t.Errorf("sample %q twice", s.Name)
		}
		seen[s.Name] = true
		it := s.In.Item
		if types[it.Locale] == nil {
			types[it.Locale] = map[string]bool{}
		}
		types[it.Locale][it.Type] = true
	}
	for _, name := range GoldenCases {
		if SampleInput(name) == nil {
			t.Errorf("golden case %q is not a sample", name)
		}
	}
	for _, typ := range content.Types {
		if !types["en-US"][typ] {
			t.Errorf("no en-US %s sample", typ)
		}
	}
	for _, loc := range []string{"zh-CN", "el-GR", "ar-SA", "he-IL"} {
		if len(types[loc]) == 0 {
			t.Errorf("no %s sample", loc)
		}
	}
	// Samples are fresh: changing one leaves the next call's alone.
	SampleInput("promotion-en-US").Item.Title = "changed"
	if SampleInput("promotion-en-US").Item.Title == "changed" {
		t.Error("samples share state between calls")
	}
	if Guide() == nil {
		t.Error("the sample style guide does not compile")
	}
	huge := SampleInput("huge").Item
	if len(huge.Summary) < 50*1024 || len(huge.Body()) < 100*1024 {
		t.Errorf("huge sample: %d byte summary, %d byte body", len(huge.Summary), len(huge.Body()))
	}
}

// TestDisclaimersPerChannel renders the with-guide sample, whose summary
// claims "20% off" and whose body promises free shipping, on every
// channel: long-form channels show the disclaimers and carry them in a
// text the style guide reads; the channels the guide sends to the landing
// page carry none, and link there.
func TestDisclaimersPerChannel(t *testing.T) {
	const sale, shipping = "Discount applies to full-price items only.", "Free shipping is for members in the contiguous US."
	want := map[string][]string{
		"web":       {sale, shipping},
		"email":     {sale, shipping},
		"app":       {sale, shipping},
		"facebook":  {sale, shipping},
		"linkedin":  {sale, shipping},
		"instagram": {sale, shipping},
		"mastodon":  {sale},
		"threads":   {sale},
		"voice":     {sale},
		"x":         nil,
		"bluesky":   nil,
		"sms":       nil,
		"push":      nil,
		"chat":      nil,
		"signage":   nil,
	}
	for _, a := range all.Adapters() {
		t.Run(a.ID(), func(t *testing.T) {
			ds, ok := want[a.ID()]
			if !ok {
				t.Fatalf("no expectation for channel %q", a.ID())
			}
			v := Render(t, a, SampleInput("with-guide"))
			var terms []string
			for _, x := range v.Texts {
				if x.Field == adapters.TermsField || strings.Contains(x.Text, sale) || strings.Contains(x.Text, shipping) {
					terms = append(terms, x.Text)
				}
			}
			all := strings.Join(terms, "\n")
			for _, d := range []string{sale, shipping} {
				carried := slices.Contains(ds, d)
				if got := shows(v, d); got != carried {
					t.Errorf("variant shows %q: %v, want %v\n%s", d, got, carried, v.Body)
				}
				if got := strings.Contains(all, d); got != carried {
					t.Errorf("texts carry %q: %v, want %v; texts %q", d, got, carried, v.Texts)
				}
			}
			if len(ds) == 0 && v.Facts.URL == "" {
				t.Errorf("no disclaimer and no link to the landing page that carries it")
			}
		})
	}
}

// shows reports whether the variant's body or one of its text fields (an
// email's text part, which the body holds quoted-printable) holds s.
func shows(v *adapters.Variant, s string) bool {
	if strings.Contains(v.Body, s) {
		return true
	}
	for _, f := range v.Fields {
		if t, ok := f.(string); ok && strings.Contains(t, s) {
			return true
		}
	}
	return false
}
