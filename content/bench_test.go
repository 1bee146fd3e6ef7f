package content_test

import (
	"testing"

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

// BenchmarkLoad loads 5,000 items of about 300 words each.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	if err := contenttest.WriteWorkspace(dir, 5000, 300); err != nil {
		b.Fatal(err)
	}
	opts := content.Options{Channels: benchChannels}
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
