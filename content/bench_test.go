package content_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/content/contenttest"
)

var benchChannels = []string{"web", "email", "x", "mastodon", "bluesky", "threads", "instagram", "facebook", "linkedin", "sms", "push", "voice", "signage", "chat", "app"}

func TestGeneratedWorkspaceIsClean(t *testing.T) {
	dir := t.TempDir()
	if err := contenttest.WriteWorkspace(dir, 60, 300); err != nil {
		t.Fatal(err)
	}
	ws, err := content.Load(dir, content.Options{Channels: benchChannels})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ws.Findings {
		t.Errorf("unexpected finding: %s", f)
	}
	if len(ws.Items) != 60 {
		t.Fatalf("got %d items, want 60", len(ws.Items))
	}
	locales := map[string]int{}
	for _, it := range ws.Items {
		locales[it.Locale]++
		if len(it.Prose) < 10 {
			t.Errorf("%s: only %d prose blocks", it.File, len(it.Prose))
		}
	}
	if locales["en-US"] != 20 || locales["zh-CN"] != 20 || locales["el-GR"] != 20 {
		t.Errorf("locales = %v, want 20 each", locales)
	}
}

func benchLoad(b *testing.B, cache *content.Cache) {
	dir := b.TempDir()
	if err := contenttest.WriteWorkspace(dir, 5000, 300); err != nil {
		b.Fatal(err)
	}
	opts := content.Options{Channels: benchChannels, Cache: cache}
	if cache != nil {
		// Files edited long ago, as in a real workspace: the cache may
		// trust their size and time.
		old := time.Now().Add(-time.Hour)
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				err = os.Chtimes(p, old, old)
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := content.Load(dir, opts); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		ws, err := content.Load(dir, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(ws.Items) != 5000 || len(ws.Findings) != 0 {
			b.Fatalf("items %d findings %d", len(ws.Items), len(ws.Findings))
		}
	}
}

// BenchmarkLoad loads 5,000 items of about 300 words each from scratch.
func BenchmarkLoad(b *testing.B) { benchLoad(b, nil) }

// BenchmarkLoadCached reloads the same 5,000 items with a warm Cache, as
// a server does after an edit.
func BenchmarkLoadCached(b *testing.B) { benchLoad(b, content.NewCache()) }

// BenchmarkParseItem parses one item of about 300 words: front matter,
// validation, Markdown and prose.
func BenchmarkParseItem(b *testing.B) {
	data := []byte(contenttest.Item(7, "promotion", "en-US", 300))
	cfg, _ := content.ParseConfig([]byte(contenttest.Config), benchChannels)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if it, fs := content.ParseItem("content/a.md", data, cfg, benchChannels); it == nil {
			b.Fatal(fs)
		}
	}
}
