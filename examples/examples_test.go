package examples

import (
	"io/fs"
	"path"
	"strings"
	"testing"
)

func TestEmbeddedWorkspace(t *testing.T) {
	root, err := fs.Sub(FS, "acme-outdoor")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(root, "chorus.yaml"); err != nil {
		t.Errorf("chorus.yaml: %v", err)
	}
	guides, err := fs.Glob(root, "styleguide/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(guides) == 0 {
		t.Error("no styleguide/*.yaml files embedded")
	}

	// Count items by locale: name.md is en-US, name.<locale>.md a translation.
	locales := map[string]int{}
	err = fs.WalkDir(root, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".md" {
			return err
		}
		name := strings.TrimSuffix(path.Base(p), ".md")
		loc := "en-US"
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			loc = name[i+1:]
		}
		locales[loc]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := locales["en-US"]; n < 25 {
		t.Errorf("got %d en-US items, want at least 25", n)
	}
	for _, loc := range []string{"zh-CN", "el-GR"} {
		if locales[loc] != locales["en-US"] {
			t.Errorf("got %d %s items, want %d (one per en-US item)", locales[loc], loc, locales["en-US"])
		}
	}
}
