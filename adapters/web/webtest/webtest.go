// Package webtest holds the sample items, hostile input and golden-file
// helper shared by the tests of the web, email, signage, chat and app
// adapters.
package webtest

import (
	"embed"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/styleguide"
)

//go:embed items/*.md
var items embed.FS

// ConfigYAML is the workspace configuration the samples render under.
const ConfigYAML = `brand: Acme Outdoor
base_url: https://acme.example
default_locale: en-US
locales:
  - code: en-US
  - code: zh-CN
    fallback: [en-US]
  - code: el-GR
    fallback: [en-US]
email:
  from: "Acme Outdoor <news@acme.example>"
  list_unsubscribe: "https://acme.example/unsubscribe"
`

// GuideYAML is the style guide the samples render under: the brand
// palette, each channel's call-to-action verb, and a claim whose
// disclaimer the page, the email and the app carry as small print while
// chat and signage leave it to the landing page.
const GuideYAML = `claims:
  - trigger: "% off"
    disclaimer: sale_terms
disclaimers:
  sale_terms: Discount applies to full-price items only and cannot be combined with other offers.
palette:
  colors:
    ink: "#1B1F23"
    paper: "#FFFFFF"
    pine: "#1F5135"
    ember: "#B8400F"
    sand: "#F4EEE2"
channels:
  web: {cta: Click}
  email: {cta: Click, subject_max: 60}
  app: {cta: Tap}
  chat: {cta: Tap, disclaimers: link}
  signage: {cta: Scan, disclaimers: link}
`

// Cases are the golden samples: golden file name and item file under
// items/. The names are those of the shared contract suite's golden cases.
var Cases = []struct{ Name, File string }{
	{"promotion-en-US", "spring-sale.md"},
	{"promotion-zh-CN", "spring-sale.zh-CN.md"},
	{"promotion-el-GR", "spring-sale.el-GR.md"},
	{"event-en-US", "trail-run.md"},
	{"article-en-US", "layering-guide.md"},
}

// Config parses ConfigYAML.
func Config(t testing.TB) *content.Config {
	t.Helper()
	cfg, fs := content.ParseConfig([]byte(ConfigYAML), nil)
	for _, f := range fs {
		if f.Severity == content.Error {
			t.Fatalf("config: %v", f)
		}
	}
	return cfg
}

// Guide compiles GuideYAML.
func Guide(t testing.TB) *styleguide.Guide {
	t.Helper()
	g, fs := styleguide.Compile([]*content.Source{content.NewSource("styleguide/brand.yaml", []byte(GuideYAML))})
	for _, f := range fs {
		if f.Severity == content.Error {
			t.Fatalf("style guide: %v", f)
		}
	}
	return g
}

// Item parses one sample file from items/.
func Item(t testing.TB, file string) *content.Item {
	t.Helper()
	data, err := items.ReadFile("items/" + file)
	if err != nil {
		t.Fatal(err)
	}
	it, fs := content.ParseItem("content/"+file, data, Config(t), nil)
	if it == nil {
		t.Fatalf("%s: %v", file, fs)
	}
	return it
}

// Input builds the render input for a sample, with the style guide and,
// for the spring sale, its translations as alternates.
func Input(t testing.TB, file string) *adapters.Input {
	t.Helper()
	in := &adapters.Input{Item: Item(t, file), Config: Config(t), Guide: Guide(t)}
	if strings.HasPrefix(file, "spring-sale") {
		for _, f := range []string{"spring-sale.el-GR.md", "spring-sale.md", "spring-sale.zh-CN.md"} {
			if f != file {
				in.Alternates = append(in.Alternates, Item(t, f))
			}
		}
	}
	return in
}

// Hostile is an item whose every field tries to smuggle markup or a
// script URL into the output. Overrides are set for channel.
func Hostile(t testing.TB, channel string) *adapters.Input {
	t.Helper()
	in := Input(t, "hostile.md")
	it := in.Item
	it.Title = `<script>alert(1)</script>Big "sale" <b onmouseover=alert(1)>now</b>`
	it.Summary = `Cheap <img src=x onerror=alert(1)> & good </script><script>alert(2)</script>`
	it.CTA.URL = "javascript:alert(1)"
	it.CTA.Label = `Go <script>alert(1)</script>"now"`
	it.Image.Src = "javascript:alert(1)//x.jpg"
	it.Image.Alt = `He said "hi" & 'bye' <img src=x onerror=alert(1)>`
	it.Tags = []string{"<script>alert(1)</script>"}
	ov := content.Overrides{}
	for _, f := range []string{"title", "description", "subject", "preheader", "text", "headline", "label"} {
		ov[f] = `<script>alert("` + f + `")</script><img src=x onerror=alert(1)>`
	}
	it.Overrides = map[string]content.Overrides{channel: ov}
	return in
}

// HostileURLs are front-matter URLs a channel must refuse.
var HostileURLs = []string{
	"javascript:alert(1)",
	" JavaScript:alert(1)",
	"java\tscript:alert(1)",
	"vbscript:msgbox(1)",
	"data:text/html;base64,PHNjcmlwdD4=",
	"data:image/png;base64,iVBORw0KGgo=",
	`https://acme.example/"><script>alert(1)</script>`,
}

var (
	scriptTag = regexp.MustCompile(`(?i)<script`)
	jsonLD    = regexp.MustCompile(`(?i)<script type="application/ld\+json">`)
	handler   = regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`)
)

// Dangers lists what in s could run script in a browser or mail client:
// a <script> element other than the JSON-LD one, an on* handler attribute,
// the text "onerror", or a javascript:, vbscript: or data: URL.
func Dangers(s string) []string {
	var out []string
	if n, ld := len(scriptTag.FindAllString(s, -1)), len(jsonLD.FindAllString(s, -1)); n > ld || ld > 1 {
		out = append(out, "<script")
	}
	if handler.MatchString(s) {
		out = append(out, "on* attribute")
	}
	l := strings.ToLower(s)
	for _, bad := range []string{"onerror", "javascript:", "vbscript:", "data:"} {
		if strings.Contains(l, bad) {
			out = append(out, bad)
		}
	}
	return out
}

// Golden compares got with testdata/<name>, rewriting the file instead
// when update is set.
func Golden(t testing.TB, name string, got []byte, update bool) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the golden file (run go test -update and review the diff)\n%s", path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n want: " + w + "\n  got: " + g
		}
	}
	return ""
}
