package all_test

import (
	"os"
	"sync"
	"testing"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/all"
	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/content/contenttest"
	"github.com/chorus-dev/chorus/styleguide"
)

// benchItems is the number of generated items the render benchmarks go
// through per iteration: every item type in every locale.
const benchItems = 60

var (
	benchOnce   sync.Once
	benchInputs []*adapters.Input
	benchErr    error
)

// inputs loads a generated workspace of benchItems items of about 300
// words and returns one Input per item, with its translations as
// alternates, as a build renders them.
func inputs(b *testing.B) []*adapters.Input {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "chorus-bench-")
		if err != nil {
			benchErr = err
			return
		}
		defer os.RemoveAll(dir)
		if benchErr = contenttest.WriteWorkspace(dir, benchItems, 300); benchErr != nil {
			return
		}
		ws, err := content.Load(dir, content.Options{Channels: all.IDs()})
		if err != nil {
			benchErr = err
			return
		}
		g, _ := styleguide.CompileWith(ws.StyleFiles, styleguide.Options{Channels: all.IDs()})
		groups := map[string][]*content.Item{}
		for _, it := range ws.Items {
			groups[it.ID] = append(groups[it.ID], it)
		}
		for _, it := range ws.Items {
			var alts []*content.Item
			for _, o := range groups[it.ID] {
				if o != it {
					alts = append(alts, o)
				}
			}
			benchInputs = append(benchInputs, &adapters.Input{Item: it, Config: ws.Config, Guide: g, Alternates: alts})
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	if len(benchInputs) != benchItems {
		b.Fatalf("loaded %d items, want %d", len(benchInputs), benchItems)
	}
	return benchInputs
}

// BenchmarkRender renders every generated item on each channel; one
// iteration is benchItems variants.
//
//	go test ./adapters/all -run '^$' -bench Render -benchmem
func BenchmarkRender(b *testing.B) {
	ins := inputs(b)
	for _, a := range all.Adapters() {
		b.Run(a.ID(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, in := range ins {
					if _, err := a.Render(in); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkCheckFacts fact-checks every text of every variant of the
// generated items, as a build does after rendering.
func BenchmarkCheckFacts(b *testing.B) {
	ins := inputs(b)
	type text struct {
		in   *adapters.Input
		f    content.Facts
		text string
	}
	var texts []text
	for _, in := range ins {
		f := in.Item.Facts()
		for _, a := range all.Adapters() {
			v, err := a.Render(in)
			if err != nil {
				b.Fatal(err)
			}
			for _, t := range v.Texts {
				texts = append(texts, text{in, f, t.Text})
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			adapters.CheckFacts(t.f, t.text, t.in.Item.Locale)
		}
	}
}

// BenchmarkMarshalVariant encodes every channel's variant of the
// generated items as `chorus build` writes it.
func BenchmarkMarshalVariant(b *testing.B) {
	ins := inputs(b)
	var vs []*adapters.Variant
	for _, in := range ins {
		for _, a := range all.Adapters() {
			v, err := a.Render(in)
			if err != nil {
				b.Fatal(err)
			}
			vs = append(vs, v)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, v := range vs {
			if _, err := adapters.MarshalVariant(v); err != nil {
				b.Fatal(err)
			}
		}
	}
}
