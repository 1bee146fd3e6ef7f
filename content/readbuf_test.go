package content

import (
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/chorus-dev/chorus/content/contenttest"
)

// TestRecycledBuffers loads a workspace whose Visit sheds every item, so
// that its file buffers are recycled and scribbled over, and compares the
// findings and items with a load that recycles nothing. The findings take
// every kind of text an item holds, uncopied: any text still pointing into
// a file's buffer would come out as '#'s.
func TestRecycledBuffers(t *testing.T) {
	dir := t.TempDir()
	if err := contenttest.WriteWorkspace(dir, 60, 300); err != nil {
		t.Fatal(err)
	}
	findings := func(it *Item) []Finding {
		var fs []Finding
		for _, p := range it.Prose {
			fs = append(fs, Finding{Pos: it.FieldPos("id"), Rule: "test." + p.Field, Message: p.Text, Excerpt: it.Title + it.Summary, Item: it.ID})
		}
		for _, l := range it.Links {
			fs = append(fs, Finding{Pos: l.Pos, Rule: "test.link", Message: l.URL, Fix: &Fix{Replace: it.Type + it.Locale}})
		}
		for _, f := range it.Fields {
			fs = append(fs, Finding{Pos: it.FieldPos(f.Path), Rule: "test.field", Message: f.Path})
		}
		return fs
	}
	load := func(shed bool) *Workspace {
		ws, err := Load(dir, Options{Channels: testChannels, ProseOnly: true, Visit: func(*Workspace) func(*Item) []Finding {
			return func(it *Item) []Finding {
				fs := findings(it)
				if shed {
					it.Shed(false)
				}
				return fs
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		return ws
	}
	scribbleRecycled = true
	defer func() { scribbleRecycled = false }()
	recycled, kept := load(true), load(false)
	for _, it := range kept.Items {
		it.Shed(false)
	}
	if len(recycled.Findings) < 1000 || !reflect.DeepEqual(recycled.Findings, kept.Findings) {
		t.Errorf("%d findings with recycled buffers, %d without; they differ", len(recycled.Findings), len(kept.Findings))
	}
	if len(recycled.Items) != 60 || !reflect.DeepEqual(recycled.Items, kept.Items) {
		t.Errorf("items differ with recycled buffers")
	}
}

// TestVisitPanic: a panicking Visit reaches Load's caller, and the loading
// goroutines, which start before Visit is called, are gone by then.
func TestVisitPanic(t *testing.T) {
	dir := t.TempDir()
	if err := contenttest.WriteWorkspace(dir, 200, 50); err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	func() {
		defer func() {
			if p := recover(); p != "visit" {
				t.Errorf("recovered %v, want the Visit's panic", p)
			}
		}()
		Load(dir, Options{Channels: testChannels, ProseOnly: true, Visit: func(*Workspace) func(*Item) []Finding { panic("visit") }})
		t.Error("Load returned")
	}()
	// The walk's goroutine may still be returning once its channel is
	// closed; nothing else may be left.
	if after := runtime.NumGoroutine(); after > before+1 {
		t.Errorf("%d goroutines right after the panic, %d before", after, before)
	}
	for i := 0; runtime.NumGoroutine() > before; i++ {
		if i == 100 {
			t.Fatalf("%d goroutines after the panic, %d before", runtime.NumGoroutine(), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
