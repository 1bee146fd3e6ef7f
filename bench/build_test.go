// Package bench holds end-to-end benchmarks: a generated workspace built
// and written the way `chorus build` does it.
package bench

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/chorus-dev/chorus/content/contenttest"
	"github.com/chorus-dev/chorus/site"
)

// BenchmarkBuild5000 loads, checks, renders and writes a 5,000-item
// workspace (about 300 words an item, three locales) for every channel:
// site.Open plus Snapshot.Write, as `chorus build` runs them.
//
//	go test ./bench -run '^$' -bench Build -benchtime 3x -count 5
func BenchmarkBuild5000(b *testing.B) {
	dir := b.TempDir()
	if err := contenttest.WriteWorkspace(dir, 5000, 300); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "dist")
	at := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		s, err := site.Open(ctx, dir, site.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Write(out, at); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(s.Stats.Variants), "variants")
	}
}
