package adapters

import (
	"strings"
	"testing"
	"time"

	"github.com/chorus-dev/chorus/content"
)

func envelopeInput() *Input {
	pub := time.Date(2026, 4, 1, 9, 0, 0, 0, time.FixedZone("CEST", 2*3600))
	end := time.Date(2026, 4, 30, 23, 59, 0, 0, time.UTC)
	it := &content.Item{
		ID: "spring-sale", Type: "promotion", Locale: "en-US", Publish: &pub,
		Offer: &content.Offer{Price: "79.99", Currency: "USD", Was: "99.99", Code: "SPRING20", Ends: &end},
		CTA:   &content.CTA{Label: "Shop the sale", URL: "https://acme.example/sale"},
	}
	return &Input{Item: it, Config: &content.Config{BaseURL: "https://acme.example", DefaultLocale: "en-US"}}
}

func TestFinish(t *testing.T) {
	v := Finish(envelopeInput(), &Variant{Channel: "sms", Body: "Acme: <b>20% off</b> & more", Ext: ".txt",
		Metrics: map[string]any{"segments": 1, "encoding": "GSM-7"}, Facts: envelopeInput().Item.Facts()})
	const want = `{
  "id": "spring-sale",
  "type": "promotion",
  "locale": "en-US",
  "channel": "sms",
  "media_type": "text/plain; charset=utf-8",
  "version": "` + "VERSION" + `",
  "fields": {},
  "body": "Acme: <b>20% off</b> & more",
  "metrics": {
    "encoding": "GSM-7",
    "segments": 1
  },
  "facts": {
    "price": "79.99",
    "currency": "USD",
    "was": "99.99",
    "code": "SPRING20",
    "ends": "2026-04-30T23:59:00Z",
    "url": "https://acme.example/sale"
  },
  "publish": "2026-04-01T07:00:00Z"
}
`
	b, err := MarshalVariant(v)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Version) != 16 || strings.Trim(v.Version, "0123456789abcdef") != "" {
		t.Fatalf("version %q is not 16 hex digits", v.Version)
	}
	if got := strings.Replace(string(b), v.Version, "VERSION", 1); got != want {
		t.Errorf("MarshalVariant:\n%s\nwant:\n%s", got, want)
	}
	// Pin the hash itself: it must not change between runs or machines.
	if v.Version != "8d39769aca3ef887" {
		t.Errorf("version = %q", v.Version)
	}

	// Same input, same bytes; a changed body, a changed version.
	again := Finish(envelopeInput(), &Variant{Channel: "sms", Body: "Acme: <b>20% off</b> & more", Ext: ".txt",
		Metrics: map[string]any{"encoding": "GSM-7", "segments": 1}, Facts: envelopeInput().Item.Facts()})
	if again.Version != v.Version {
		t.Errorf("version not stable: %s vs %s", again.Version, v.Version)
	}
	other := Finish(envelopeInput(), &Variant{Channel: "sms", Body: "Acme: 20% off", Ext: ".txt"})
	if other.Version == v.Version {
		t.Error("different bodies share a version")
	}
	// Finishing twice gives the same version: the old one is not hashed.
	if Finish(envelopeInput(), v).Version != again.Version {
		t.Error("Finish is not idempotent")
	}
}

func TestFinishKeepsAdapterFacts(t *testing.T) {
	facts := content.Facts{URL: "https://acme.example/sale"}
	v := Finish(envelopeInput(), &Variant{Channel: "voice", Facts: facts, MediaType: "application/ssml+xml"})
	if v.Facts != facts {
		t.Errorf("facts = %+v, want the adapter's %+v", v.Facts, facts)
	}
	if v.MediaType != "application/ssml+xml" || v.Fields == nil || v.Metrics == nil {
		t.Errorf("envelope not filled: %+v", v)
	}
	// A variant that states no fact keeps none.
	if v := Finish(envelopeInput(), &Variant{Channel: "voice"}); v.Facts != (content.Facts{}) {
		t.Errorf("facts = %+v, want none", v.Facts)
	}
}

func TestFinishOddInput(t *testing.T) {
	if Finish(envelopeInput(), nil) != nil {
		t.Error("nil variant")
	}
	v := Finish(nil, &Variant{Channel: "web"})
	if v.Version == "" || v.Fields == nil {
		t.Errorf("nil input: %+v", v)
	}
	in := envelopeInput()
	in.Item.Locale = ""
	if v := Finish(in, &Variant{}); v.Locale != "en-US" {
		t.Errorf("locale %q, want the workspace default", v.Locale)
	}
	bad := Finish(envelopeInput(), &Variant{Fields: map[string]any{"f": func() {}}})
	if bad.Version != "" {
		t.Errorf("unencodable variant got version %q", bad.Version)
	}
	if _, err := MarshalVariant(bad); err == nil {
		t.Error("MarshalVariant accepted a func")
	}
	if b, err := MarshalVariant(nil); err != nil || string(b) != "null\n" {
		t.Errorf("MarshalVariant(nil) = %q, %v", b, err)
	}
}
