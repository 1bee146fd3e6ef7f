package content

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLinks(t *testing.T) {
	doc := "---\nid: a\ntype: article\ntitle: T\nsummary: S\n" +
		"cta:\n  label: Go\n  url: https://acme.example/go\n" + // 6-8
		"image:\n  src: /img/a.jpg\n  alt: A\n" + // 9-11
		"---\n" +
		"See [text](https://a.example/1) and ![pic](/img/b.png \"t\").\n" + // 13
		"Bare https://b.example/2 and <https://c.example/3> and [ref][r] and [r].\n" +
		"Mail <team@acme.example> or [empty](<https://d.example/4>).\n" + // 15
		"\n" +
		"[r]: https://e.example/5\n"
	it := parseTestItem(t, "content/a.md", doc)
	var got []string
	for _, l := range it.Links {
		got = append(got, fmt.Sprintf("%s %d:%d %s image=%v", l.Field, l.Pos.Line, l.Pos.Column, l.URL, l.Image))
	}
	diffLines(t, got, []string{
		"cta.url 8:8 https://acme.example/go image=false",
		"image.src 10:8 /img/a.jpg image=true",
		"body 13:12 https://a.example/1 image=false",
		"body 13:44 /img/b.png image=true",
		"body 14:6 https://b.example/2 image=false",
		"body 14:31 https://c.example/3 image=false",
		"body 17:6 https://e.example/5 image=false",
		"body 17:6 https://e.example/5 image=false",
		"body 15:7 mailto:team@acme.example image=false",
		"body 15:38 https://d.example/4 image=false",
	})
}

func TestFields(t *testing.T) {
	it := parseTestItem(t, "content/a.md", proseDoc)
	for path, want := range map[string]string{
		"id": "2:5", "title": "4:8", "summary": "5:10", "event": "9:3", "event.starts": "9:11",
		"event.venue": "10:10", "cta.url": "13:8", "image.alt": "16:8", "overrides": "20:3",
		"overrides.x": "21:5", "overrides.x.text": "21:11", "overrides.sms.text": "23:11",
	} {
		p := it.FieldPos(path)
		if got := fmt.Sprintf("%d:%d", p.Line, p.Column); got != want || p.File != "content/a.md" {
			t.Errorf("Fields[%q] = %v, want %s", path, p, want)
		}
	}
	if p := it.FieldPos("offer.price"); p.Line != 1 || p.Column != 1 {
		t.Errorf("absent field: %v, want 1:1", p)
	}
}

func TestSuppressions(t *testing.T) {
	doc := "---\nid: a\ntype: article\ntitle: T\nsummary: S\n---\n" +
		"<!-- chorus-disable terms.email -->\n" + // 7
		"one e-mail\n" +
		"<!-- chorus-enable -->\n" + // 9
		"\n" +
		"two\n" + // 11
		"<!-- chorus-disable-next-line -->\n" +
		"\n" +
		"three\n" + // 14
		"\n" +
		"Inline <!-- chorus-disable a b --> four\n" + // 16
		"\n" +
		"<!-- chorus-enable a -->\n" + // 18
		"five\n"
	it := parseTestItem(t, "content/a.md", doc)
	want := []Suppression{
		{Rules: []string{"terms.email"}, FromLine: 7, ToLine: 9},
		{Rules: nil, FromLine: 14, ToLine: 14},
		{Rules: []string{"a", "b"}, FromLine: 16, ToLine: 18},
		{Rules: []string{"b"}, FromLine: 19, ToLine: 0},
	}
	if !reflect.DeepEqual(it.Suppress, want) {
		t.Fatalf("Suppress = %+v, want %+v", it.Suppress, want)
	}
	at := func(rule string, line int) Finding {
		return Finding{Pos: Position{File: "content/a.md", Line: line, Column: 1}, Rule: rule}
	}
	fs := []Finding{
		at("terms.email", 8), at("terms.email.caps", 8), at("terms", 8), at("terms.email", 10),
		at("x", 13), at("x", 14), at("a", 17), at("a", 19), at("b", 25),
		{Pos: Position{File: "content/b.md", Line: 8}, Rule: "terms.email"},
	}
	var got []string
	for _, f := range Suppressed(fs, []*Item{it}) {
		got = append(got, fmt.Sprintf("%s:%d %s", f.Pos.File, f.Pos.Line, f.Rule))
	}
	diffLines(t, got, []string{
		"content/a.md:8 terms", "content/a.md:10 terms.email", "content/a.md:13 x", "content/a.md:19 a",
		"content/b.md:8 terms.email",
	})
}

func TestLocales(t *testing.T) {
	body := func(extra string) string { return fm(extra) }
	tests := []struct {
		file, doc string
		locale    string // "" when the item is dropped
		want      []string
	}{
		{"content/a.md", body(""), "en-US", nil},
		{"content/a.zh-CN.md", body(""), "zh-CN", nil},
		{"content/a.zh-cn.md", body(""), "zh-CN", nil},
		{"content/a.el-GR.md", body(""), "el-GR", nil},
		{"content/a.v2.md", body(""), "en-US", nil},
		{"content/a.fr-FR.md", body(""), "",
			[]string{"content/a.fr-FR.md:1:1: error item.locale: locale fr-FR is not configured in chorus.yaml (configured: en-US, zh-CN, el-GR)"}},
		{"content/a.de.md", body(""), "",
			[]string{"content/a.de.md:1:1: error item.locale: locale de is not configured in chorus.yaml (configured: en-US, zh-CN, el-GR)"}},
		{"content/a.qq-ZZZZ.md", body(""), "",
			[]string{`content/a.qq-ZZZZ.md:1:1: error item.locale: the file name suffix "qq-ZZZZ" is not a BCP 47 locale like en-US or zh-CN`}},
		{"content/a.md", body("locale: zh-CN\n"), "zh-CN", nil},
		{"content/a.fr-FR.md", body("locale: el-GR\n"), "el-GR",
			[]string{"content/a.fr-FR.md:6:9: warning item.locale: the file name says fr-FR but locale is el-GR; the front matter wins"}},
		{"content/a.md", body("locale: fr-FR\n"), "",
			[]string{"content/a.md:6:9: error item.locale: locale fr-FR is not configured in chorus.yaml (configured: en-US, zh-CN, el-GR)"}},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.locale, func(t *testing.T) {
			ws := loadFiles(t, map[string]string{tt.file: tt.doc})
			diffLines(t, findingStrings(ws.Findings), tt.want)
			switch {
			case tt.locale == "" && len(ws.Items) != 0:
				t.Errorf("item kept with locale %s", ws.Items[0].Locale)
			case tt.locale != "" && (len(ws.Items) != 1 || ws.Items[0].Locale != tt.locale):
				t.Errorf("items %v, want one in %s", ws.Items, tt.locale)
			}
		})
	}
}

func TestDuplicatesAndTranslations(t *testing.T) {
	ws := loadFiles(t, map[string]string{
		"content/a.md":       fm(""),
		"content/b.md":       fm(""),
		"content/a.zh-CN.md": fm(""),
		"content/c.md":       strings.Replace(fm(""), "spring-sale", "other", 1),
	})
	diffLines(t, findingStrings(ws.Findings), []string{
		`content/b.md:2:5: error item.duplicate_id: id "spring-sale" in locale en-US is already used by content/a.md`,
	})
	var got []string
	for _, it := range ws.Items {
		got = append(got, it.File+" "+it.Key())
	}
	diffLines(t, got, []string{"content/a.md spring-sale@en-US", "content/a.zh-CN.md spring-sale@zh-CN", "content/c.md other@en-US"})
}

func TestResolvedChannels(t *testing.T) {
	cfgWith := testConfig + "channels: [web, email, tiktok]\n"
	tests := []struct {
		name, cfg, extra string
		want             []string
	}{
		{"registry", testConfig, "", testChannels},
		{"config", cfgWith, "", []string{"web", "email"}},
		{"item", cfgWith, "channels: [sms, x]\n", []string{"sms", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := loadFiles(t, map[string]string{"chorus.yaml": tt.cfg, "content/a.md": fm(tt.extra)})
			if len(ws.Items) != 1 || !reflect.DeepEqual(ws.Items[0].Resolved, tt.want) {
				t.Fatalf("items %+v findings %v, want resolved %v", ws.Items, ws.Findings, tt.want)
			}
		})
	}
}

func TestFileProblems(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"invalid utf-8", "---\nid: a\ntitle: 春\xff\n---\n", "content/a.md:3:9: error file.utf8: invalid UTF-8: byte 0xFF does not start a valid character; save the file as UTF-8"},
		{"truncated rune", "---\nid: a\n---\nΑνοιξ\xce", "content/a.md:4:6: error file.utf8: invalid UTF-8: byte 0xCE does not start a valid character; save the file as UTF-8"},
		{"binary", "---\nid: a\n---\n\x00\x01\x02", "content/a.md:1:1: error file.binary: binary file: content files must be UTF-8 text (found a NUL byte)"},
		{"too large", fm(strings.Repeat("# padding\n", 20)), "content/a.md:1:1: error file.too_large: the file is 272 bytes, more than the 200 bytes limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeFiles(t, map[string]string{"content/a.md": tt.data})
			ws, err := Load(root, Options{Channels: testChannels, MaxFileBytes: 200})
			if err != nil {
				t.Fatal(err)
			}
			diffLines(t, findingStrings(ws.Findings), []string{tt.want})
			if len(ws.Items) != 0 {
				t.Error("a broken file became an item")
			}
		})
	}
}

func TestSymlinks(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"content/real.md":      fm(""),
		"elsewhere/linked.md":  strings.Replace(fm(""), "spring-sale", "linked", 1),
		"elsewhere/dir/in.md":  strings.Replace(fm(""), "spring-sale", "in-dir", 1),
		"content/.hidden.md":   "not front matter",
		"content/.git/x.md":    "not front matter",
		"content/notes.txt":    "ignored",
		"styleguide/a.yaml":    "a: 1\n",
		"styleguide/b.yml":     "b: 1\n",
		"styleguide/notes.txt": "ignored",
	})
	c := filepath.Join(root, "content")
	for _, l := range [][2]string{
		{"loop.md", filepath.Join(c, "loop.md")},
		{"a.md", filepath.Join(c, "b.md")}, {"b.md", filepath.Join(c, "a.md")},
		{filepath.Join(root, "elsewhere", "linked.md"), filepath.Join(c, "linked.md")},
		{filepath.Join(root, "elsewhere", "dir"), filepath.Join(c, "dir")},
		{filepath.Join(root, "missing.md"), filepath.Join(c, "dangling.md")},
	} {
		if err := os.Symlink(l[0], l[1]); err != nil {
			t.Skip("symlinks unavailable:", err)
		}
	}
	ws, err := Load(root, Options{Channels: testChannels})
	if err != nil {
		t.Fatal(err)
	}
	diffLines(t, findingStrings(ws.Findings), []string{
		"content/a.md:1:1: error file.unreadable: cannot read the file: too many levels of symbolic links",
		"content/b.md:1:1: error file.unreadable: cannot read the file: too many levels of symbolic links",
		"content/dangling.md:1:1: error file.unreadable: cannot read the file: no such file or directory",
		"content/loop.md:1:1: error file.unreadable: cannot read the file: too many levels of symbolic links",
	})
	var got []string
	for _, it := range ws.Items {
		got = append(got, it.File+" "+it.ID)
	}
	diffLines(t, got, []string{"content/linked.md linked", "content/real.md spring-sale"})
	var styles []string
	for _, s := range ws.StyleFiles {
		styles = append(styles, s.Path)
	}
	diffLines(t, styles, []string{"styleguide/a.yaml", "styleguide/b.yml"})
}

func TestMissingConfig(t *testing.T) {
	ws := loadFiles(t, map[string]string{"-chorus.yaml": "", "content/a.md": fm("")})
	diffLines(t, findingStrings(ws.Findings), []string{
		"chorus.yaml:1:1: error file.missing: chorus.yaml is missing: every workspace needs one with brand, base_url and default_locale",
	})
	if ws.Config == nil || ws.Config.DefaultLocale != "en-US" || ws.Config.Brand != "" {
		t.Fatalf("config = %+v, want the defaults", ws.Config)
	}
	if len(ws.Items) != 1 || ws.Items[0].Locale != "en-US" {
		t.Fatalf("items = %v, want a.md in en-US", ws.Items)
	}
}

func TestConfigFindings(t *testing.T) {
	cfg := "brand: Acme\n" +
		"base_url: not a url\n" +
		"default_locale: en_us\n" +
		"locales:\n" +
		"  - code: zh-CN\n" +
		"    fallbak: [en-US]\n" + // 6
		"channels: [web, tiktok]\n" +
		"sms:\n" +
		"  max_segments: two\n" + // 9
		"server:\n" +
		"  tokens:\n" +
		"    - name: ci\n" +
		"      sha256: abc\n" + // 13
		"      channels: [x, nope]\n" +
		"  webhooks:\n" +
		"    - url: https://hooks.example/chorus\n" + // 16
		"    - url: https://hooks.example/signed\n" +
		"      secret: s3cret\n" +
		"facts:\n" +
		"  exempt: [voice]\n" // 20
	got, fs := ParseConfig([]byte(cfg), testChannels)
	diffLines(t, findingStrings(fs), []string{
		`chorus.yaml:2:11: error schema.base_url: base_url must be an absolute URL like https://example.com/sale, got "not a url"`,
		`chorus.yaml:3:17: error schema.default_locale: default_locale must be written "en-US", got "en_us"`,
		`chorus.yaml:6:5: error schema.locales.fallbak: unknown key "fallbak" (did you mean "fallback"?)`,
		`chorus.yaml:7:17: error schema.channels: unknown channel "tiktok" (known: app, bluesky, email, push, sms, web, x)`,
		`chorus.yaml:9:17: error schema.sms.max_segments: sms.max_segments must be a whole number, got "two"`,
		`chorus.yaml:13:15: error schema.server.tokens.sha256: server.tokens[0].sha256 must be 64 characters long, got 3`,
		`chorus.yaml:14:21: error schema.server.tokens.channels: unknown channel "nope" (known: app, bluesky, email, push, sms, web, x)`,
		`chorus.yaml:16:12: warning schema.server.webhooks.secret: this webhook has no secret: its notices go out unsigned, and the receiver cannot tell them from forgeries`,
		`chorus.yaml:20:12: error schema.facts.exempt: unknown channel "voice" (known: app, bluesky, email, push, sms, web, x)`,
	})
	if got.DefaultLocale != "en-US" || !reflect.DeepEqual(got.Channels, []string{"web"}) || got.SMS.MaxSegments != 2 {
		t.Errorf("config = %+v, want en-US, [web], 2 segments", got)
	}
}

func TestConfigBroken(t *testing.T) {
	for _, data := range []string{"brand: [\n", "- a\n", "\x00", ""} {
		cfg, fs := ParseConfig([]byte(data), testChannels)
		if cfg == nil || cfg.DefaultLocale != "en-US" {
			t.Errorf("%q: config %+v, want defaults", data, cfg)
		}
		if len(fs) == 0 {
			t.Errorf("%q: no findings", data)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "nope"), Options{}); err == nil {
		t.Error("missing root: no error")
	}
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(f, Options{}); err == nil {
		t.Error("root is a file: no error")
	}
}

func TestOnly(t *testing.T) {
	root := writeFiles(t, map[string]string{"content/a.md": fm("offre: 1\n"), "content/b.md": fm("offre: 1\n")})
	ws, err := Load(root, Options{Channels: testChannels, Only: map[string]bool{"content/b.md": true}})
	if err != nil {
		t.Fatal(err)
	}
	diffLines(t, findingStrings(ws.Findings), []string{`content/b.md:6:1: error schema.offre: unknown key "offre" (did you mean "offer"?)`})
}

func TestCache(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"content/a.md": fm(""),
		"content/b.md": strings.Replace(fm(""), "spring-sale", "b", 1),
		"content/c.md": strings.Replace(fm(""), "spring-sale", "c", 1),
	})
	cache := NewCache()
	opts := Options{Channels: testChannels, Cache: cache}
	load := func() map[string]*Item {
		t.Helper()
		ws, err := Load(root, opts)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]*Item{}
		for _, it := range ws.Items {
			m[it.File] = it
		}
		return m
	}
	first := load()
	if err := os.WriteFile(filepath.Join(root, "content/b.md"), []byte(strings.Replace(fm(""), "spring-sale", "b2", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(root, "content/c.md")); err != nil {
		t.Fatal(err)
	}
	second := load()
	if second["content/a.md"] != first["content/a.md"] {
		t.Error("unchanged a.md was parsed again")
	}
	if b := second["content/b.md"]; b == first["content/b.md"] || b.ID != "b2" {
		t.Errorf("edited b.md: got %+v", b)
	}
	if _, ok := second["content/c.md"]; ok || len(cache.entries) != 2 {
		t.Errorf("removed c.md still loaded or cached (%d entries)", len(cache.entries))
	}
	if err := os.WriteFile(filepath.Join(root, "chorus.yaml"), []byte(testConfig+"channels: [web]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	third := load()
	if third["content/a.md"] == first["content/a.md"] || !reflect.DeepEqual(third["content/a.md"].Resolved, []string{"web"}) {
		t.Error("a config change did not invalidate the cache")
	}

	// A file last modified long before it was cached is trusted by its
	// size and modification time without being read.
	a := filepath.Join(root, "content/a.md")
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(a, old, old); err != nil {
		t.Fatal(err)
	}
	fourth := load()
	if fourth["content/a.md"] != third["content/a.md"] {
		t.Error("a new modification time with the same bytes caused a parse")
	}
	same := strings.Replace(fm(""), "Spring", "Autumn", 1)
	if err := os.WriteFile(a, []byte(same), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(a, old, old); err != nil {
		t.Fatal(err)
	}
	if fifth := load(); fifth["content/a.md"] != fourth["content/a.md"] {
		t.Error("an unchanged size and old time did not hit the cache")
	}
}

// TestCacheChanged shows a watching caller's Changed list: files it does
// not name come from the cache unread, files it names and files the cache
// does not hold are read.
func TestCacheChanged(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"content/a.md": fm(""),
		"content/b.md": strings.Replace(fm(""), "spring-sale", "b", 1),
	})
	cache := NewCache()
	ids := func(changed ...string) map[string]string {
		t.Helper()
		opts := Options{Channels: testChannels, Cache: cache}
		if changed != nil {
			opts.Changed = func(p string) bool { return slices.Contains(changed, p) }
		}
		ws, err := Load(root, opts)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, it := range ws.Items {
			m[it.File] = it.ID
		}
		return m
	}
	ids()
	write := func(name, id string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(root, name), []byte(strings.Replace(fm(""), "spring-sale", id, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/a.md", "a2")
	write("content/b.md", "b2")
	write("content/c.md", "c")
	got := ids("content/b.md")
	want := map[string]string{"content/a.md": "spring-sale", "content/b.md": "b2", "content/c.md": "c"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with b.md named as changed: got %v, want %v", got, want)
	}
	want["content/a.md"] = "a2"
	if got := ids(); !reflect.DeepEqual(got, want) {
		t.Errorf("without Changed: got %v, want %v", got, want)
	}
	// A symlinked file is read whatever Changed says: its target may be
	// outside what the caller watches.
	target := filepath.Join(t.TempDir(), "d.md")
	if err := os.WriteFile(target, []byte(strings.Replace(fm(""), "spring-sale", "d", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(root, "content/d.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	ids()
	if err := os.WriteFile(target, []byte(strings.Replace(fm(""), "spring-sale", "d2", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := ids("content/none.md"); got["content/d.md"] != "d2" {
		t.Errorf("symlinked file after its target changed: %v", got)
	}
}

func TestLocaleChain(t *testing.T) {
	cfg := &Config{DefaultLocale: "en-US", Locales: []LocaleConfig{
		{Code: "en-US"}, {Code: "zh-CN", Fallback: []string{"en-US"}}, {Code: "el-GR", Fallback: []string{"en-US"}}, {Code: "pt-BR", Fallback: []string{"es-MX"}}, {Code: "es-MX"},
	}}
	for loc, want := range map[string]string{
		"el-GR":      "el-GR en-US",
		"el":         "el el-GR en-US",
		"el-CY":      "el-CY el-GR en-US",
		"zh-Hans-CN": "zh-Hans-CN zh-CN en-US",
		"zh":         "zh zh-CN en-US",
		"zh-TW":      "zh-TW en-US", // Traditional script: no close match
		"pt":         "pt pt-BR es-MX en-US",
		"fr-FR":      "fr-FR en-US",
		"not a tag":  "not a tag en-US",
	} {
		if got := strings.Join(cfg.LocaleChain(loc), " "); got != want {
			t.Errorf("LocaleChain(%q) = %q, want %q", loc, got, want)
		}
	}
}

func TestProseOnly(t *testing.T) {
	root := writeFiles(t, map[string]string{"content/a.md": fm("") + "# Heading\n\nSome *body* with [a link](https://acme.example/x).\n"})
	full, err := Load(root, Options{Channels: testChannels})
	if err != nil {
		t.Fatal(err)
	}
	lean, err := Load(root, Options{Channels: testChannels, ProseOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	a, b := full.Items[0], lean.Items[0]
	if a.Doc == nil || b.Doc != nil {
		t.Fatalf("Doc: full %v, prose-only %v", a.Doc != nil, b.Doc != nil)
	}
	if !reflect.DeepEqual(a.Prose, b.Prose) || !reflect.DeepEqual(a.Links, b.Links) || len(b.Prose) == 0 {
		t.Error("prose-only load reads different prose or links")
	}
	if h := b.HTML(); h != a.HTML() || !strings.Contains(h, "<em>body</em>") {
		t.Errorf("HTML without a Doc = %q, want %q", h, a.HTML())
	}
}

func TestShedKeepsWhatFindingsNeed(t *testing.T) {
	src := "---\nid: spring-sale\ntype: article\ntitle: Spring\nsummary: New range.\n---\n<!-- chorus-disable terms -->\nBody text.\n"
	it, fs := ParseItem("content/spring.md", []byte(src), DefaultConfig(), testChannels)
	if it == nil {
		t.Fatal(fs)
	}
	idPos, key := it.FieldPos("id"), it.Key()
	for _, keep := range []bool{false, true} {
		c := *it
		c.Shed(keep)
		if c.Key() != key || c.File != "content/spring.md" || c.FieldPos("id") != idPos || !c.Suppressed("terms.email", 8) {
			t.Errorf("Shed(%v) lost the item's identity or switches: %+v", keep, c)
		}
		if c.Prose != nil || c.Links != nil || c.Doc != nil || c.Title != "" || c.Fields != nil {
			t.Errorf("Shed(%v) kept the item's text: %+v", keep, c)
		}
		if (c.Src != nil) != keep || (keep && string(c.Body()) != string(it.Body())) {
			t.Errorf("Shed(%v): source %v", keep, c.Src)
		}
	}
}

func TestVisit(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"content/a.md":              fm(""),
		"content/b.md":              fm(""), // a duplicate of a.md's id
		"content/c.md":              strings.Replace(fm(""), "spring-sale", "other", 1),
		"content/broken.md":         "no front matter\n",
		"styleguide/terms.yaml":     "terms: []\n",
		"styleguide/notes.txt":      "not a style file\n",
		"content/nested/d.zh-CN.md": fm(""),
	})
	var mu sync.Mutex
	var visited []string
	opts := Options{Channels: testChannels, Visit: func(ws *Workspace) func(*Item) []Finding {
		if ws.Config == nil || ws.Config.Brand != "Acme" || len(ws.StyleFiles) != 1 || len(ws.Items) != 0 {
			t.Errorf("Visit saw the workspace as %+v", ws)
		}
		return func(it *Item) []Finding {
			mu.Lock()
			visited = append(visited, it.File)
			mu.Unlock()
			return []Finding{{Pos: it.FieldPos("title"), Severity: Suggestion, Rule: "test.visit", Message: "seen " + it.Key()}}
		}
	}}
	ws, err := Load(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(visited)
	diffLines(t, visited, []string{"content/a.md", "content/b.md", "content/c.md", "content/nested/d.zh-CN.md"})
	var seen []string
	for _, f := range ws.Findings {
		if f.Rule == "test.visit" {
			seen = append(seen, f.Pos.File+" "+f.Message)
		}
	}
	// b.md's finding goes with b.md, which is dropped as a duplicate.
	diffLines(t, seen, []string{
		"content/a.md seen spring-sale@en-US",
		"content/c.md seen other@en-US",
		"content/nested/d.zh-CN.md seen spring-sale@zh-CN",
	})
	if !slices.IsSortedFunc(ws.Findings, func(a, b Finding) int { return strings.Compare(a.Pos.File, b.Pos.File) }) {
		t.Error("findings are not sorted by file")
	}
}
