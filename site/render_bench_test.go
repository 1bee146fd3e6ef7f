package site_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/chorus-dev/chorus/adapters/all"
	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/content/contenttest"
	"github.com/chorus-dev/chorus/site"
	"github.com/chorus-dev/chorus/styleguide"
)

// renderBenchItems is the size of the workspace BenchmarkRenderBuild
// renders: large enough that every item type, locale and channel weighs
// in, small enough to run in seconds.
const renderBenchItems = 1000

var (
	renderBenchOnce  sync.Once
	renderBenchWS    *content.Workspace
	renderBenchGuide *styleguide.Guide
	renderBenchErr   error
)

// BenchmarkRenderBuild renders and checks every variant of a generated
// workspace, loaded and compiled once beforehand: Build without loading
// or writing, the part of `chorus build` the adapters and checks cost.
//
//	go test ./site -run '^$' -bench RenderBuild -benchmem -count 5
func BenchmarkRenderBuild(b *testing.B) {
	renderBenchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "chorus-render-bench-")
		if err != nil {
			renderBenchErr = err
			return
		}
		defer os.RemoveAll(dir)
		if renderBenchErr = contenttest.WriteWorkspace(dir, renderBenchItems, 300); renderBenchErr != nil {
			return
		}
		renderBenchWS, renderBenchErr = content.Load(dir, content.Options{Channels: all.IDs()})
		if renderBenchErr == nil {
			renderBenchGuide, _ = styleguide.CompileWith(renderBenchWS.StyleFiles, styleguide.Options{Channels: all.IDs()})
		}
	})
	if renderBenchErr != nil {
		b.Fatal(renderBenchErr)
	}
	ctx := context.Background()
	b.ReportAllocs()
	variants := 0
	cpu0 := cpuTime()
	for b.Loop() {
		s := site.Build(ctx, renderBenchWS, renderBenchGuide, site.Options{})
		variants = s.Stats.Variants
	}
	// Wall time depends on how busy the machine is; the CPU time the
	// process spent, garbage collection included, depends less on it.
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(variants), "variants/op")
}
