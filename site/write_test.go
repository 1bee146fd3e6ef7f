package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chorus-dev/chorus/adapters/all"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", filepath.FromSlash(name))
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./site -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (run go test ./site -update after reviewing)\n--- got\n%s\n--- want\n%s", p, got, want)
	}
}

// treeHash hashes every path and file of a tree, and lists the paths.
func treeHash(t *testing.T, root string) (string, []string) {
	t.Helper()
	h := sha256.New()
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			fmt.Fprintf(h, "d %s\n", rel)
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		paths = append(paths, rel)
		fmt.Fprintf(h, "f %s %d\n", rel, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil)), paths
}

func bundleFiles() map[string]string {
	return map[string]string{
		"content/a.md":       windowed("a", "2026-03-01T00:00:00Z", "", "news"),
		"content/a.zh-CN.md": article("a", "zh-CN", "阿尔法。", "publish: 2026-03-01T00:00:00Z\n"),
		"content/later.md":   windowed("later", "2026-06-01T00:00:00Z", "", ""),
		"content/b.md": `---
id: b
type: promotion
title: Spring sale
summary: The Trail jacket is $79.99 with code SPRING20.
publish: 2026-03-05T00:00:00Z
expire: 2026-04-01T00:00:00Z
offer:
  price: "79.99"
  currency: USD
  was: "99.99"
  code: SPRING20
cta:
  label: Shop the sale
  url: https://acme.example/sale
---

Body.
`,
	}
}

func TestWriteLayoutAndManifest(t *testing.T) {
	s := build(t, bundleFiles(), nil)
	out := filepath.Join(t.TempDir(), "dist")
	at := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	if err := s.Write(out, at); err != nil {
		t.Fatal(err)
	}
	_, paths := treeHash(t, out)
	golden(t, "layout.txt", []byte(strings.Join(paths, "\n")+"\n"))
	m, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "manifest.json", m)

	// Every manifest path exists and the envelope is the variant.
	var man Manifest
	if err := json.Unmarshal(m, &man); err != nil {
		t.Fatal(err)
	}
	if man.GeneratedFor != "2026-03-10T00:00:00Z" {
		t.Errorf("generated_for = %q", man.GeneratedFor)
	}
	for _, it := range man.Items {
		if it.ID == "later" {
			t.Error("an item published after --at is in the bundle")
		}
		for _, v := range it.Variants {
			b, err := os.ReadFile(filepath.Join(out, v.Path))
			if err != nil {
				t.Fatal(err)
			}
			var env struct{ ID, Channel, Locale, Version string }
			if err := json.Unmarshal(b, &env); err != nil {
				t.Fatalf("%s: %v", v.Path, err)
			}
			if env.ID != it.ID || env.Channel != v.Channel || env.Locale != it.Locale || env.Version != v.Version {
				t.Errorf("%s holds %+v", v.Path, env)
			}
			if _, err := os.Stat(filepath.Join(out, v.Body)); err != nil {
				t.Error(err)
			}
		}
	}
	for _, f := range man.Feeds {
		if _, err := os.Stat(filepath.Join(out, f.Path)); err != nil {
			t.Error(err)
		}
	}

	// Without an explicit instant the manifest records none and the
	// build's clock decides what is published.
	if err := s.Write(out, time.Time{}); err != nil {
		t.Fatal(err)
	}
	m2, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if strings.Contains(string(m2), "generated_for") {
		t.Error("manifest has generated_for without an explicit instant")
	}
}

func TestWriteByteIdentical(t *testing.T) {
	files := bundleFiles()
	dir := writeWorkspace(t, files)
	at := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	var hashes []string
	for i := range 2 {
		// Two independent runs, different clocks, through the real
		// adapters.
		s, err := Open(context.Background(), dir, Options{Now: func() time.Time { return now0.Add(time.Duration(i) * time.Hour) }})
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "dist")
		if err := s.Write(out, at); err != nil {
			t.Fatal(err)
		}
		h, paths := treeHash(t, out)
		if len(paths) < 10 {
			t.Fatalf("only %d files written", len(paths))
		}
		hashes = append(hashes, h)
	}
	if hashes[0] != hashes[1] {
		t.Error("two builds of the same workspace differ")
	}
}

func TestWriteAtomic(t *testing.T) {
	s := build(t, bundleFiles(), nil)
	parent := t.TempDir()
	out := filepath.Join(parent, "dist")
	at := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	if err := s.Write(out, at); err != nil {
		t.Fatal(err)
	}
	before, _ := treeHash(t, out)

	s2 := build(t, map[string]string{"content/z.md": article("z", "", "Zed.", "")}, nil)
	boom := errors.New("disk full")
	for _, failAt := range []int{0, 3, 20} {
		var n atomic.Int64
		writeHook = func(rel string) error {
			if n.Add(1) > int64(failAt) {
				return boom
			}
			return nil
		}
		err := s2.Write(out, at)
		writeHook = nil
		if !errors.Is(err, boom) {
			t.Fatalf("failing after %d files: err = %v", failAt, err)
		}
		if after, _ := treeHash(t, out); after != before {
			t.Fatalf("failing after %d files changed the old bundle", failAt)
		}
		ents, _ := os.ReadDir(parent)
		if len(ents) != 1 || ents[0].Name() != "dist" {
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			t.Fatalf("failing after %d files left %v behind", failAt, names)
		}
	}

	// A good write replaces the bundle and leaves nothing aside.
	if err := s2.Write(out, at); err != nil {
		t.Fatal(err)
	}
	if after, _ := treeHash(t, out); after == before {
		t.Error("the second write did not replace the bundle")
	}
	if _, err := os.Stat(filepath.Join(out, "x/en-US/z.json")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(out, "x/en-US/b.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the old bundle's files survived the swap")
	}
	ents, _ := os.ReadDir(parent)
	if len(ents) != 1 {
		t.Errorf("%d entries beside the bundle, want 1", len(ents))
	}
}

func TestWriteRefusesForeignFolder(t *testing.T) {
	s := build(t, map[string]string{"content/a.md": article("a", "", "Alpha.", "")}, nil)
	out := t.TempDir()
	keep := filepath.Join(out, "notes.txt")
	os.WriteFile(keep, []byte("mine"), 0o644)
	err := s.Write(out, time.Time{})
	if err == nil || !strings.Contains(err.Error(), "not a chorus bundle") {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(keep); string(b) != "mine" {
		t.Error("the foreign folder was touched")
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if err := s.Write(file, time.Time{}); err == nil {
		t.Error("writing over a file succeeded")
	}
	// An empty folder is fine.
	empty := t.TempDir()
	if err := s.Write(empty, time.Time{}); err != nil {
		t.Error(err)
	}
}

func TestSafePath(t *testing.T) {
	for p, want := range map[string]bool{
		"x/en-US/a.json": true, "manifest.json": true,
		"": false, "/etc/passwd": false, "../a": false, "x/../../a": false, "x//a": false, `x\a`: false, "x/./a": false,
	} {
		if got := safePath(p); got != want {
			t.Errorf("safePath(%q) = %v", p, got)
		}
	}
}

func TestBodyPath(t *testing.T) {
	s := build(t, map[string]string{"content/a.md": article("a", "", "Alpha.", "")}, nil)
	v := *s.Entry("a", "en-US").Variants["x"]
	for ext, want := range map[string]string{".txt": "x/en-US/a.txt", ".json": "x/en-US/a.body.json", "": "x/en-US/a.txt", ".html": "x/en-US/a.html"} {
		v.Ext = ext
		if got := BodyPath(&v); got != want {
			t.Errorf("BodyPath(ext %q) = %q, want %q", ext, got, want)
		}
	}
}

// TestRealChannels renders through every registered adapter: with no
// channels in chorus.yaml, every item goes to every channel.
func TestRealChannels(t *testing.T) {
	files := bundleFiles()
	files["chorus.yaml"] = strings.Replace(testConfig, "channels: [x, sms, web]\n", "", 1)
	s, err := Open(context.Background(), writeWorkspace(t, files), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	m := s.Manifest(time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC))
	seen := map[string]bool{}
	for _, it := range m.Items {
		for _, v := range it.Variants {
			seen[v.Channel] = true
		}
	}
	want := slices.Clone(all.IDs())
	sort.Strings(want)
	if got := sortedKeys(seen); !slices.Equal(got, want) {
		t.Errorf("channels in the manifest = %v, want %v", got, want)
		for _, f := range s.Findings() {
			t.Log(f)
		}
	}
}

func TestWriteReusesUnchangedFiles(t *testing.T) {
	files := bundleFiles()
	dir := writeWorkspace(t, files)
	ws, g := load(t, dir)
	s1 := Build(context.Background(), ws, g, Options{Adapters: testAdapters, Now: fixedNow})
	out := filepath.Join(t.TempDir(), "dist")
	at := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	if err := s1.Write(out, at); err != nil {
		t.Fatal(err)
	}
	stat := func(p string) os.FileInfo {
		fi, err := os.Stat(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	keptBefore, changedBefore := stat("x/en-US/a.json"), stat("x/en-US/b.json")

	os.WriteFile(filepath.Join(dir, "content/b.md"), []byte(strings.Replace(files["content/b.md"], "Spring sale", "Spring sale, now on", 1)), 0o644)
	ws2, _ := load(t, dir)
	s2 := Build(context.Background(), ws2, g, Options{Adapters: testAdapters, Now: fixedNow})
	if err := s2.Write(out, at); err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(keptBefore, stat("x/en-US/a.json")) {
		t.Error("an unchanged variant was written again instead of linked")
	}
	if os.SameFile(changedBefore, stat("x/en-US/b.json")) {
		t.Error("a changed variant kept its old file")
	}
	fresh := filepath.Join(t.TempDir(), "dist")
	if err := s2.Write(fresh, at); err != nil {
		t.Fatal(err)
	}
	h1, _ := treeHash(t, out)
	h2, _ := treeHash(t, fresh)
	if h1 != h2 {
		t.Error("a bundle written over an old one differs from a fresh one")
	}

	// An old bundle whose envelopes are in another format is not reused.
	_, paths := treeHash(t, out)
	for _, p := range paths {
		if strings.HasSuffix(p, ".json") && !strings.HasPrefix(p, "feeds/") && p != "manifest.json" {
			os.Remove(filepath.Join(out, p))
			os.WriteFile(filepath.Join(out, p), []byte("{}\n"), 0o644)
		}
	}
	before := stat("x/en-US/a.txt")
	if err := s2.Write(out, at); err != nil {
		t.Fatal(err)
	}
	if os.SameFile(before, stat("x/en-US/a.txt")) {
		t.Error("files were linked from a bundle whose envelope format differs")
	}
	if h3, _ := treeHash(t, out); h3 != h2 {
		t.Error("the rewritten bundle differs from a fresh one")
	}
}

// TestMarshalManifestMatchesEncodingJSON checks the hand-written
// manifest against encoding/json's indented encoding of the same value.
func TestMarshalManifestMatchesEncodingJSON(t *testing.T) {
	pub := time.Date(2026, 3, 1, 12, 30, 0, 5, time.FixedZone("x", 3600))
	for _, m := range []*Manifest{
		{Items: []ManifestItem{}, Feeds: []ManifestFeed{}},
		{Version: "v1", Brand: awkward[2], Items: nil, Feeds: nil},
		{Version: "v2", Brand: "Acme", BaseURL: "https://acme.example", GeneratedFor: "2026-03-10T00:00:00Z",
			Items: []ManifestItem{
				{ID: "a", Locale: "en-US", Type: "article", Title: awkward[6], Publish: &pub, Expire: &pub,
					Variants: []ManifestVariant{{Channel: "x", Locale: "en-US", Path: "x/en-US/a.json", Body: awkward[9], MediaType: "text/plain", Version: "1"}, {}}},
				{ID: awkward[5], Variants: []ManifestVariant{}},
				{ID: "nil"},
			},
			Feeds: []ManifestFeed{{Channel: "x", Locale: "en-US", Format: "rss", Path: "feeds/x/en-US.rss", MediaType: awkward[3]}, {}}},
	} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
		got, err := MarshalManifest(m)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("got\n%s\nwant\n%s", got, want.Bytes())
		}
	}
}
