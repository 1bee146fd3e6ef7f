package app

import (
	"encoding/json"
	"testing"
)

// sameAsMarshalIndent checks appendDoc against encoding/json.
func sameAsMarshalIndent(t *testing.T, d *Doc) {
	t.Helper()
	want, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if got := appendDoc(nil, d); string(got) != string(want) {
		t.Errorf("appendDoc:\n%s\njson.MarshalIndent:\n%s", got, want)
	}
}

func TestAppendDocIsMarshalIndent(t *testing.T) {
	odd := "<b>&amp;</b> \"q\" \\ \x00\x01\x1f\b\f\n\r\t\x7f bad \xff\xfe \u2028\u2029 😀 中文 ελληνικά"
	for _, d := range []*Doc{
		{},
		{Tags: []string{}},
		{ID: "a", Type: "promotion", Locale: "en-US", Title: odd, Summary: odd, Tags: []string{"x", odd}, HTML: odd, Text: odd},
		{
			ID: "b", Offer: &Offer{}, Event: &Event{}, CTA: &CTA{}, Image: &Image{}, Tags: []string{},
			Publish: "2025-01-01T00:00:00Z", Disclaimers: []string{},
		},
		{
			ID:    "c",
			Offer: &Offer{Price: "1", Currency: "USD", Was: "2", Code: odd, Ends: "e", PriceDisplay: "$1", WasDisplay: "Was $2", CodeDisplay: odd, EndsDisplay: "Ends"},
			Event: &Event{Starts: "s", Ends: "e", Venue: odd, WhenDisplay: "w"},
			CTA:   &CTA{Label: odd, URL: "https://x.example/?a=1&b=<2>"}, Image: &Image{URL: "u", Alt: odd},
			Expire: "2026-01-01T00:00:00Z", Disclaimers: []string{odd, "d"},
		},
	} {
		sameAsMarshalIndent(t, d)
	}
}

func FuzzAppendDoc(f *testing.F) {
	f.Add("<p>a &amp; b</p>", "x\u2028\xff", true)
	f.Fuzz(func(t *testing.T, s, u string, blocks bool) {
		d := &Doc{ID: s, Title: u, Summary: s + u, Tags: []string{s, u}, HTML: s, Text: u, Disclaimers: []string{u}}
		if blocks {
			d.Offer = &Offer{Price: s, CodeDisplay: u}
			d.Event = &Event{Starts: u, Venue: s}
			d.CTA = &CTA{Label: s, URL: u}
			d.Image = &Image{Alt: s}
		}
		sameAsMarshalIndent(t, d)
	})
}
