package styleguide

import (
	"testing"

	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/content/contenttest"
)

// benchChannels are the channel ids of the adapters registry, which this
// package cannot import.
var benchChannels = []string{"web", "email", "x", "mastodon", "bluesky", "threads", "instagram",
	"facebook", "linkedin", "sms", "push", "voice", "signage", "chat", "app"}

// generatedWorkspace writes and loads a contenttest workspace of n items
// of about words words each.
func generatedWorkspace(b *testing.B, n, words int) *content.Workspace {
	b.Helper()
	dir := b.TempDir()
	if err := contenttest.WriteWorkspace(dir, n, words); err != nil {
		b.Fatal(err)
	}
	ws, err := content.Load(dir, content.Options{Channels: benchChannels})
	if err != nil {
		b.Fatal(err)
	}
	return ws
}

// BenchmarkCheckWorkspace runs CheckItem over every item of a generated
// 5,000-item workspace (about 300 words each; en-US, zh-CN and el-GR) and
// its 30-rule style guide. An op is the whole workspace.
func BenchmarkCheckWorkspace(b *testing.B) {
	ws := generatedWorkspace(b, 5000, 300)
	g, fs := CompileWith(ws.StyleFiles, Options{Channels: benchChannels})
	if len(fs) > 0 {
		b.Fatalf("style guide findings: %v", fs)
	}
	found := 0
	for _, it := range ws.Items {
		found += len(g.CheckItem(it))
	}
	b.ReportAllocs()
	b.ReportMetric(float64(len(ws.Items)), "items")
	b.ReportMetric(float64(found), "findings")
	b.ResetTimer()
	defer reportCPU(b)()
	for b.Loop() {
		for _, it := range ws.Items {
			g.CheckItem(it)
		}
	}
}
