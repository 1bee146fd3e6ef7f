package adapters_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/all"
	"github.com/chorus-dev/chorus/content"
)

// referenceJSON is the envelope as encoding/json writes it, which the
// one-pass encoder must match byte for byte.
func referenceJSON(v *adapters.Variant, indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	err := enc.Encode(v)
	return b.Bytes(), err
}

// sameAsReference checks both layouts of v against encoding/json.
func sameAsReference(t *testing.T, name string, v *adapters.Variant) {
	t.Helper()
	for _, indent := range []string{"", "  "} {
		want, werr := referenceJSON(v, indent)
		got, err := adapters.EncodeVariant(v, indent)
		if (err != nil) != (werr != nil) {
			t.Fatalf("%s (indent %q): error %v, encoding/json's %v", name, indent, err, werr)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s (indent %q):\n%s\nencoding/json:\n%s", name, indent, got, want)
		}
	}
}

func TestEncodeVariantMatchesEncodingJSON(t *testing.T) {
	for _, s := range adapterstest.Samples() {
		for _, a := range all.Adapters() {
			v, err := a.Render(s.In)
			if err != nil || v == nil {
				continue
			}
			sameAsReference(t, s.Name+"/"+a.ID(), v)
		}
	}

	pub := time.Date(2026, 4, 1, 9, 0, 0, 123456789, time.FixedZone("X", 3600))
	odd := &adapters.Variant{
		ID: "a\"b\\c", Locale: "\x00\x01\x1f\b\f\n\r\t\x7f", Channel: "<&>",
		Body: "bad \xff\xfe utf-8, \u2028 and \u2029, 😀 and 中文",
		Fields: map[string]any{
			"nil": nil, "int": -3, "int64": int64(1 << 40), "bool": true, "float": 1.5e-7, "big": 1e21,
			"strings": []string{"a", "b"}, "empty_strings": []string{}, "nil_strings": []string(nil),
			"list": []any{1, "x", map[string]any{}, []any{}}, "nested": map[string]any{"b": 1, "a": map[string]string{"z": "y", "": "e"}},
			"nil_map": map[string]any(nil), "nil_smap": map[string]string(nil),
			"raw":    json.RawMessage(`{ "x" : [1, 2] }`),
			"struct": struct{ A, B string }{"<", ">"}, "structs": []struct{ N int }{{1}, {2}},
			"ptr": &pub, "uint": uint8(7), "bytes": []byte("hi"),
		},
		Metrics: map[string]any{},
		Facts:   content.Facts{Price: "1", URL: "https://x.example/?a=1&b=<2>"},
		Publish: &pub, Expire: &pub,
	}
	sameAsReference(t, "odd", odd)
	sameAsReference(t, "empty", &adapters.Variant{})

	bad := &adapters.Variant{Fields: map[string]any{"f": func() {}}}
	if _, err := adapters.EncodeVariant(bad, ""); err == nil {
		t.Error("a func field encoded")
	}
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := adapters.EncodeVariant(&adapters.Variant{Publish: &far}, "  "); err == nil {
		t.Error("a year past 9999 encoded")
	}
}

func FuzzEncodeVariant(f *testing.F) {
	f.Add("Acme: <b>20% off</b> & more", "title", "\u2028\xff")
	f.Add("eight by eight: \"quoted\" … \u2029 and \t\x01 ελληνικά 中文 – —\u2028", "κλειδί", "\xe2\x80 \xe2\x80\xa8\xe2")
	f.Fuzz(func(t *testing.T, body, key, value string) {
		sameAsReference(t, "fuzz", &adapters.Variant{
			Body:    body,
			Fields:  map[string]any{key: value, "list": []string{value, key}, "map": map[string]string{value: key}},
			Metrics: map[string]any{key: len(value)},
		})
	})
}

// sameAsMarshal checks AppendJSON against json.Marshal.
func sameAsMarshal(t *testing.T, v any) {
	t.Helper()
	want, werr := json.Marshal(v)
	got, err := adapters.AppendJSON(nil, v)
	if (err != nil) != (werr != nil) || !bytes.Equal(got, want) {
		t.Fatalf("AppendJSON: %s (%v)\njson.Marshal: %s (%v)", got, err, want, werr)
	}
}

func FuzzAppendJSON(f *testing.F) {
	f.Add("@type", "Acme <b>20% off</b> & more", "\u2028\xff")
	f.Add("κλειδί", "中文 \"q\" \\ \x01", "https://x.example/?a=1&b=<2>")
	f.Fuzz(func(t *testing.T, key, value, other string) {
		sameAsMarshal(t, map[string]any{
			key: value, "list": []any{value, map[string]any{other: key}}, "n": len(other), "ok": value == other,
			"nested": map[string]any{"@type": "Offer", value: other, "s": []string{key, other}},
			"struct": struct{ A string }{value},
		})
	})
}

func FuzzRawField(f *testing.F) {
	f.Add(`{ "x" : [1, 2], "s": "<a & b>" }`)
	f.Add(`[1,`)
	f.Add(` "\u2028" `)
	f.Fuzz(func(t *testing.T, raw string) {
		sameAsReference(t, "raw", &adapters.Variant{Fields: map[string]any{"raw": json.RawMessage(raw), "list": []any{json.RawMessage(raw)}}})
	})
}
