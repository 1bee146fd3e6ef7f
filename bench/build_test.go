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
	// Allocation is steadier than wall time on a shared machine, and a
	// build that allocates less also faults in fewer fresh pages.
	b.ReportAllocs()
	b.ResetTimer()
	var open, write time.Duration
	variants := 0
	for b.Loop() {
		t0 := time.Now()
		s, err := site.Open(ctx, dir, site.Options{})
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if err := s.Write(out, at); err != nil {
			b.Fatal(err)
		}
		open, write = open+t1.Sub(t0), write+time.Since(t1)
		variants = s.Stats.Variants
	}
	// The two phases apart: Open is CPU (load, render, check), Write is
	// mostly the file system (two files a variant, plus feeds).
	b.ReportMetric(open.Seconds()/float64(b.N), "open-s/op")
	b.ReportMetric(write.Seconds()/float64(b.N), "write-s/op")
	b.ReportMetric(float64(variants), "variants")
}
