package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/styleguide"
)

const testConfig = `brand: Acme
base_url: https://acme.example
default_locale: en-US
locales:
  - code: zh-CN
    fallback: [en-US]
  - code: el-GR
    fallback: [en-US]
channels: [x, sms, web]
facts:
  exempt: [web]
`

// fake is a test adapter: its text is the override or the summary, and
// it declares the item's facts.
type fake struct {
	id     string
	limits []adapters.Limit
	render func(in *adapters.Input) (*adapters.Variant, error)
	calls  *sync.Map // item key → render count, when set
}

func (f *fake) ID() string               { return f.id }
func (f *fake) Limits() []adapters.Limit { return f.limits }
func (f *fake) Render(in *adapters.Input) (*adapters.Variant, error) {
	if f.calls != nil {
		n, _ := f.calls.LoadOrStore(in.Item.Key(), new(int))
		*n.(*int)++
	}
	if f.render != nil {
		return f.render(in)
	}
	return plain(f.id, in), nil
}

// plain renders the fake's default variant for channel.
func plain(channel string, in *adapters.Input) *adapters.Variant {
	it := in.Item
	text, over := it.Summary, ""
	if o, ok := it.Overrides[channel]["text"]; ok {
		text, over = o, "overrides."+channel+".text"
	}
	v := &adapters.Variant{
		Channel: channel, MediaType: "text/plain; charset=utf-8", Ext: ".txt", Body: text + "\n",
		Fields:  map[string]any{"text": text, "title": it.Title},
		Metrics: map[string]any{"length": utf8.RuneCountInString(text)},
		Facts:   it.Facts(),
		Texts:   []adapters.Text{{Field: "text", Text: text, Override: over}},
	}
	return adapters.Finish(in, v)
}

var testAdapters = []adapters.Adapter{&fake{id: "x"}, &fake{id: "sms"}, &fake{id: "web"}}

// writeWorkspace writes files (slash paths → contents) under a temp dir,
// with testConfig as chorus.yaml unless files has one.
func writeWorkspace(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["chorus.yaml"]; !ok {
		files["chorus.yaml"] = testConfig
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// load loads a workspace knowing the test channels and fails on any
// load finding.
func load(t testing.TB, dir string) (*content.Workspace, *styleguide.Guide) {
	t.Helper()
	ids := []string{"x", "sms", "web"}
	ws, err := content.Load(dir, content.Options{Channels: ids})
	if err != nil {
		t.Fatal(err)
	}
	if len(ws.Findings) > 0 {
		t.Fatalf("loading the test workspace: %v", ws.Findings)
	}
	g, gfs := styleguide.CompileWith(ws.StyleFiles, styleguide.Options{Channels: ids})
	if len(gfs) > 0 {
		t.Fatalf("compiling the test style guide: %v", gfs)
	}
	return ws, g
}

// build loads and builds a workspace with the fake adapters at a fixed
// clock.
func build(t testing.TB, files map[string]string, as []adapters.Adapter) *Snapshot {
	t.Helper()
	if as == nil {
		as = testAdapters
	}
	ws, g := load(t, writeWorkspace(t, files))
	return Build(context.Background(), ws, g, Options{Adapters: as, Now: fixedNow})
}

var now0 = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return now0 }

// article is an item file: id, locale suffix handled by the caller.
func article(id, locale, summary, extra string) string {
	loc := ""
	if locale != "" {
		loc = "locale: " + locale + "\n"
	}
	return fmt.Sprintf("---\nid: %s\ntype: article\ntitle: Title of %s\nsummary: %s\n%s%s---\n\nBody of %s.\n", id, id, summary, loc, extra, id)
}

func TestResolveLocaleFallback(t *testing.T) {
	s := build(t, map[string]string{
		"content/a.md":       article("a", "", "Alpha in English.", ""),
		"content/a.zh-CN.md": article("a", "zh-CN", "阿尔法。", ""),
		"content/b.md":       article("b", "", "Beta in English.", ""),
		"content/c.el-GR.md": article("c", "el-GR", "Γάμμα.", ""),
	}, nil)
	tests := []struct {
		channel, id, locale string
		served              string
		ok                  bool
	}{
		{"x", "a", "en-US", "en-US", true},
		{"x", "a", "zh-CN", "zh-CN", true},
		{"x", "a", "el-GR", "en-US", true},
		{"x", "b", "zh-CN", "en-US", true},
		{"x", "b", "fr-FR", "en-US", true}, // unconfigured: straight to the default
		{"x", "c", "el-GR", "el-GR", true},
		{"x", "c", "en-US", "", false}, // no English, and en-US falls back to nothing
		{"x", "c", "zh-CN", "", false},
		{"x", "nope", "en-US", "", false},
		{"tiktok", "a", "en-US", "", false},
	}
	for _, tt := range tests {
		v, served, ok := s.Resolve(tt.channel, tt.id, tt.locale)
		if ok != tt.ok || served != tt.served {
			t.Errorf("Resolve(%q, %q, %q) = %q, %v; want %q, %v", tt.channel, tt.id, tt.locale, served, ok, tt.served, tt.ok)
			continue
		}
		if ok && (v.ID != tt.id || v.Locale != tt.served || v.Channel != tt.channel) {
			t.Errorf("Resolve(%q, %q, %q) gave variant %s/%s/%s", tt.channel, tt.id, tt.locale, v.Channel, v.ID, v.Locale)
		}
	}
	if e := s.Entry("a", "zh-CN"); e == nil || e.Item.Locale != "zh-CN" {
		t.Errorf("Entry(a, zh-CN) = %v", e)
	}
	if e := s.Entry("a", "el-GR"); e != nil {
		t.Errorf("Entry(a, el-GR) = %v, want nil (Entry does not fall back)", e.Item.Key())
	}
	if got := len(s.Translations("a")); got != 2 {
		t.Errorf("Translations(a) has %d entries, want 2", got)
	}
	if got, want := s.Locales(), []string{"en-US", "zh-CN", "el-GR"}; !slices.Equal(got, want) {
		t.Errorf("Locales() = %v, want %v", got, want)
	}
}

func windowed(id, publish, expire string, tags string) string {
	extra := ""
	if publish != "" {
		extra += "publish: " + publish + "\n"
	}
	if expire != "" {
		extra += "expire: " + expire + "\n"
	}
	if tags != "" {
		extra += "tags: [" + tags + "]\n"
	}
	return article(id, "", "Summary of "+id+".", extra)
}

func TestVariantsPublishWindows(t *testing.T) {
	s := build(t, map[string]string{
		"content/always.md": windowed("always", "", "", "news"),
		"content/march.md":  windowed("march", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "sale"),
		"content/april.md":  windowed("april", "2026-04-01T00:00:00Z", "", "sale"),
		"content/gone.md":   windowed("gone", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", ""),
		"content/feb.md":    windowed("feb", "2026-02-15T00:00:00Z", "", "news, sale"),
	}, nil)
	ids := func(vs []*adapters.Variant) []string {
		var out []string
		for _, v := range vs {
			out = append(out, v.ID)
		}
		return out
	}
	tests := []struct {
		at     string
		filter Filter
		want   []string
	}{
		{"2025-12-31T00:00:00Z", Filter{}, []string{"always"}},
		{"2026-01-15T00:00:00Z", Filter{}, []string{"gone", "always"}},
		{"2026-02-01T00:00:00Z", Filter{}, []string{"always"}}, // expire is exclusive
		{"2026-03-10T00:00:00Z", Filter{}, []string{"march", "feb", "always"}},
		{"2026-04-01T00:00:00Z", Filter{}, []string{"april", "feb", "always"}}, // publish is inclusive
		{"2026-03-10T00:00:00Z", Filter{Tag: "sale"}, []string{"march", "feb"}},
		{"2026-03-10T00:00:00Z", Filter{Tag: "news"}, []string{"feb", "always"}},
		{"2026-03-10T00:00:00Z", Filter{Type: "promotion"}, nil},
		{"2026-03-10T00:00:00Z", Filter{Type: "article", Tag: "news"}, []string{"feb", "always"}},
	}
	for _, tt := range tests {
		at, _ := time.Parse(time.RFC3339, tt.at)
		if got := ids(s.Variants("x", "en-US", at, tt.filter)); !slices.Equal(got, tt.want) {
			t.Errorf("Variants(x, en-US, %s, %+v) = %v, want %v", tt.at, tt.filter, got, tt.want)
		}
	}
	// zh-CN has no translations: everything falls back to en-US.
	at, _ := time.Parse(time.RFC3339, "2026-03-10T00:00:00Z")
	if got := ids(s.Variants("x", "zh-CN", at, Filter{})); !slices.Equal(got, []string{"march", "feb", "always"}) {
		t.Errorf("Variants(x, zh-CN) = %v", got)
	}
	if got := s.Variants("tiktok", "en-US", at, Filter{}); len(got) != 0 {
		t.Errorf("Variants(tiktok) = %v, want nil", got)
	}

	next := []struct{ after, want string }{
		{"2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"},
		{"2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"}, // strictly after
		{"2026-02-10T00:00:00Z", "2026-02-15T00:00:00Z"},
		{"2026-03-10T00:00:00Z", "2026-04-01T00:00:00Z"}, // march's expire and april's publish coincide
		{"2026-04-01T00:00:00Z", ""},
	}
	for _, tt := range next {
		after, _ := time.Parse(time.RFC3339, tt.after)
		got, ok := s.NextChange(after)
		if tt.want == "" {
			if ok {
				t.Errorf("NextChange(%s) = %s, want none", tt.after, got)
			}
			continue
		}
		if !ok || got.Format(time.RFC3339) != tt.want {
			t.Errorf("NextChange(%s) = %s, %v; want %s", tt.after, got, ok, tt.want)
		}
	}
}

func TestBuildSurvivesBadAdapters(t *testing.T) {
	as := []adapters.Adapter{
		&fake{id: "x", render: func(in *adapters.Input) (*adapters.Variant, error) { panic("boom") }},
		&fake{id: "sms", render: func(in *adapters.Input) (*adapters.Variant, error) { return nil, fmt.Errorf("no text fits") }},
		&fake{id: "web", render: func(in *adapters.Input) (*adapters.Variant, error) { return nil, nil }},
	}
	s := build(t, map[string]string{"content/a.md": article("a", "", "Alpha.", "")}, as)
	var got []string
	for _, f := range s.Findings() {
		got = append(got, f.String())
	}
	want := []string{
		"content/a.md:2:5: error render.sms: cannot render for sms: no text fits",
		"content/a.md:2:5: error render.web: the web adapter returned no variant",
		"content/a.md:2:5: error render.x: the x adapter failed on this item: boom",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if e := s.Entry("a", "en-US"); e == nil || len(e.Variants) != 0 {
		t.Errorf("entry a should exist with no variants: %+v", e)
	}
	if !s.HasErrors() {
		t.Error("HasErrors() = false")
	}
}

func TestLimits(t *testing.T) {
	as := []adapters.Adapter{
		&fake{id: "x", limits: []adapters.Limit{{Metric: "length", Max: 10, Unit: "weighted characters"}}},
		&fake{id: "sms", limits: []adapters.Limit{{Metric: "length", Max: 100, Unit: "characters", Severity: content.Warning}}},
		&fake{id: "web", limits: []adapters.Limit{
			{Metric: "title_length", Max: 5, Unit: "characters", Severity: content.Warning},
			{Metric: "missing", Max: 1, Unit: "bytes"},
		}, render: func(in *adapters.Input) (*adapters.Variant, error) {
			v := plain("web", in)
			v.Metrics["title_length"] = float64(12) // as if read back from JSON
			return v, nil
		}},
	}
	s := build(t, map[string]string{"content/a.md": article("a", "", "Twelve chars", "")}, as)
	var got []string
	for _, f := range s.Findings() {
		got = append(got, f.String()+" ["+f.Channel+" "+f.Item+"]")
	}
	want := []string{
		"content/a.md:2:5: warning limits.web.title_length: web title is 12 characters; the limit is 5 [web a]",
		"content/a.md:2:5: error limits.x.length: x text is 12 weighted characters; the limit is 10 [x a]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSubject(t *testing.T) {
	tests := []struct{ metric, unit, want string }{
		{"weighted_length", "weighted characters", "text"},
		{"segments", "segments", "text"},
		{"subject_length", "characters", "subject"},
		{"payload_bytes", "bytes", "payload"},
		{"hashtags", "hashtags", "text"},
	}
	for _, tt := range tests {
		if got := subject(adapters.Limit{Metric: tt.metric, Unit: tt.unit}); got != tt.want {
			t.Errorf("subject(%s, %s) = %q, want %q", tt.metric, tt.unit, got, tt.want)
		}
	}
}

func TestDiffAndIncremental(t *testing.T) {
	var calls sync.Map
	as := []adapters.Adapter{&fake{id: "x", calls: &calls}, &fake{id: "sms", calls: &calls}}
	files := map[string]string{
		"content/a.md":       article("a", "", "Alpha.", ""),
		"content/a.zh-CN.md": article("a", "zh-CN", "阿尔法。", ""),
		"content/b.md":       article("b", "", "Beta.", ""),
		"content/c.md":       article("c", "", "Gamma.", ""),
	}
	dir := writeWorkspace(t, files)
	ws, g := load(t, dir)
	s1 := Build(context.Background(), ws, g, Options{Adapters: as, Now: fixedNow})
	if s1.Stats.Rendered != 4 || s1.Stats.Reused != 0 || s1.Stats.Variants != 8 {
		t.Fatalf("first build stats %+v", s1.Stats)
	}
	if d := s1.Diff(nil); len(d) != 8 || d[0].Kind != "added" {
		t.Errorf("Diff(nil) = %v", d)
	}

	// Same input, same version; nothing differs.
	ws2, _ := load(t, dir)
	s1b := Build(context.Background(), ws2, g, Options{Adapters: as, Now: fixedNow})
	if s1b.Version != s1.Version {
		t.Errorf("versions differ for the same input: %s, %s", s1b.Version, s1.Version)
	}
	if d := s1b.Diff(s1); len(d) != 0 {
		t.Errorf("Diff of identical builds = %v", d)
	}

	// Change a's translation, remove c, add d.
	os.WriteFile(filepath.Join(dir, "content/a.zh-CN.md"), []byte(article("a", "zh-CN", "新的阿尔法。", "")), 0o644)
	os.Remove(filepath.Join(dir, "content/c.md"))
	os.WriteFile(filepath.Join(dir, "content/d.md"), []byte(article("d", "", "Delta.", "")), 0o644)
	changed := map[string]bool{"content/a.zh-CN.md": true, "content/c.md": true, "content/d.md": true}
	calls.Clear()
	ws3, _ := load(t, dir)
	s2 := Build(context.Background(), ws3, g, Options{Adapters: as, Now: fixedNow, Previous: s1, Changed: func(f string) bool { return changed[f] }})

	// a (en-US) re-renders because its translation feeds its hreflang;
	// b is reused.
	rendered := map[string]int{}
	calls.Range(func(k, v any) bool { rendered[k.(string)] = *v.(*int); return true })
	if want := map[string]int{"a@en-US": 2, "a@zh-CN": 2, "d@en-US": 2}; !reflect.DeepEqual(rendered, want) {
		t.Errorf("rendered %v, want %v", rendered, want)
	}
	if s2.Stats.Rendered != 3 || s2.Stats.Reused != 1 {
		t.Errorf("incremental stats %+v", s2.Stats)
	}
	if s2.Entry("b", "en-US").Variants["x"] != s1.Entry("b", "en-US").Variants["x"] {
		t.Error("b's variant was not reused")
	}
	var got []string
	for _, c := range s2.Diff(s1) {
		got = append(got, c.Kind+" "+c.Channel+" "+c.ID+" "+c.Locale)
	}
	want := []string{
		"changed sms a zh-CN", "removed sms c en-US", "added sms d en-US",
		"changed x a zh-CN", "removed x c en-US", "added x d en-US",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ids := s2.Diff(s1).IDs(); !slices.Equal(ids, []string{"a", "c", "d"}) {
		t.Errorf("IDs() = %v", ids)
	}
	if chs := s2.Diff(s1).Channels(); !slices.Equal(chs, []string{"sms", "x"}) {
		t.Errorf("Channels() = %v", chs)
	}

	// A full rebuild of the same files gives the same version as the
	// incremental one.
	full := Build(context.Background(), ws3, g, Options{Adapters: as, Now: fixedNow})
	if full.Version != s2.Version {
		t.Errorf("incremental version %s differs from full rebuild %s", s2.Version, full.Version)
	}

	// A style guide change renders everything.
	calls.Clear()
	Build(context.Background(), ws3, g, Options{Adapters: as, Now: fixedNow, Previous: s2, Changed: func(f string) bool { return f == "chorus.yaml" }})
	n := 0
	calls.Range(func(k, v any) bool { n++; return true })
	if n != 4 {
		t.Errorf("after a chorus.yaml change %d items rendered, want 4", n)
	}
}

func TestBuildCancelled(t *testing.T) {
	ws, g := load(t, writeWorkspace(t, map[string]string{"content/a.md": article("a", "", "Alpha.", "")}))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := Build(ctx, ws, g, Options{Adapters: testAdapters})
	if len(s.Entries) != 0 {
		t.Errorf("a cancelled build rendered %d entries", len(s.Entries))
	}
}
