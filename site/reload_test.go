package site

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters/all"
	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/styleguide"
)

// fullDiff is Snapshot.Diff without its shortcut for reused entries: it
// diffs s against a snapshot of old's entries (what Diff reads) whose
// variant maps are their own, so every variant of both is compared.
func fullDiff(s, old *Snapshot) Changes {
	if old == nil {
		return s.Diff(nil)
	}
	c := Snapshot{Entries: make([]*Entry, len(old.Entries)), byKey: make(map[string]*Entry, len(old.Entries))}
	for i, e := range old.Entries {
		e2 := *e
		e2.Variants = maps.Clone(e.Variants)
		c.Entries[i] = &e2
		c.byKey[key(e.Item.ID, e.Item.Locale)] = &e2
	}
	return s.Diff(&c)
}

// TestDiffSnapshots checks Snapshot.Diff, with its shortcut for reused
// entries, against fullDiff over an incremental build with an edit, an
// addition and a removal.
func TestDiffSnapshots(t *testing.T) {
	dir := srvWorkspace(t, "")
	cache := content.NewCache()
	srv := &Server{}
	build := func(prev *Snapshot) *Snapshot {
		ws, err := content.Load(dir, content.Options{Channels: all.IDs(), Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		g, _ := styleguide.CompileWith(ws.StyleFiles, styleguide.Options{Channels: all.IDs()})
		in := readInputs(dir, ws)
		s := Build(context.Background(), ws, g, Options{Previous: prev, Changed: srv.changedFunc(prev, ws, in)})
		srv.inputs = in
		return s
	}
	a := build(nil)
	if got, want := a.Diff(nil), fullDiff(a, nil); !reflect.DeepEqual(got, want) || len(got) != 15 {
		t.Errorf("from nothing: %d changes, want %d", len(got), len(want))
	}
	writeTestFile(t, dir, "content/trail-guide.md", strings.Replace(srvGuide, "Walk early", "Walk late", 1))
	writeTestFile(t, dir, "content/new.md", strings.Replace(srvGuide, "id: trail-guide", "id: new-guide", 1))
	if err := os.Remove(filepath.Join(dir, "content/promotions/spring-sale.md")); err != nil {
		t.Fatal(err)
	}
	b := build(a)
	// The edit renders its translation group anew; nothing is reused.
	if b.Stats.Rendered != 3 {
		t.Errorf("rendered %d entries, want 3", b.Stats.Rendered)
	}
	got, want := b.Diff(a), fullDiff(b, a)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diff = %+v\nwant %+v", got, want)
	}
	kinds := map[string]int{}
	for _, c := range got {
		kinds[c.Kind]++
	}
	if kinds["added"] != 5 || kinds["removed"] != 5 || kinds["changed"] != 3 {
		t.Errorf("kinds = %v", kinds)
	}

	// Only the new item changes: the guide's entries are reused and the
	// shortcut skips them.
	writeTestFile(t, dir, "content/new.md", strings.Replace(srvGuide, "id: trail-guide", "id: new-guide\nchannels: [x]", 1))
	c := build(b)
	if c.Stats.Reused != 2 {
		t.Errorf("reused %d entries, want 2", c.Stats.Reused)
	}
	got, want = c.Diff(b), fullDiff(c, b)
	if !reflect.DeepEqual(got, want) || len(got) != 4 {
		t.Errorf("diff = %+v\nwant %+v", got, want)
	}
}
