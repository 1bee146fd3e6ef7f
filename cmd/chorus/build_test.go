package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters/all"
)

// buildWorkspace writes a small clean workspace (x, sms and web) plus
// extra files, and returns its folder.
func buildWorkspace(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"chorus.yaml": `brand: Acme
base_url: https://acme.example
default_locale: en-US
locales:
  - code: zh-CN
    fallback: [en-US]
channels: [x, sms, web]
`,
		"content/guide.md": `---
id: trail-guide
type: article
title: How to pick a trail
summary: Three questions to ask before you set out.
publish: 2026-01-10T00:00:00Z
cta:
  label: Read the guide
  url: https://acme.example/guides/trail
---

Start with the distance, then the climb, then the weather.
`,
		"content/news.md": `---
id: store-news
type: announcement
title: A new store in Denver
summary: Our new store opens its doors this spring.
publish: 2026-05-01T00:00:00Z
---

Come and visit.
`,
	}
	for k, v := range extra {
		files[k] = v
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// run calls Main and returns its exit code and outputs.
func run(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// hashTree hashes the paths and contents of every file under root.
func hashTree(t *testing.T, root string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(b))
		h.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestBuildWritesBundle(t *testing.T) {
	dir := buildWorkspace(t, nil)
	out1 := filepath.Join(t.TempDir(), "dist")
	// Flags after the positional argument.
	code, stdout, stderr := run("build", dir, "-o", out1, "--at", "2026-02-01T00:00:00Z")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	// One item published at --at, on three channels; 3 channels × 2
	// locales × 3 formats of feeds.
	if want := "1 item, 3 variants, 18 feeds → " + out1 + "\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	for _, p := range []string{"manifest.json", "x/en-US/trail-guide.json", "x/en-US/trail-guide.txt", "web/en-US/trail-guide.html", "feeds/sms/zh-CN.atom"} {
		if _, err := os.Stat(filepath.Join(out1, p)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(out1, "x/en-US/store-news.json")); err == nil {
		t.Error("an item published after --at was written")
	}
	var m struct {
		GeneratedFor string `json:"generated_for"`
	}
	b, _ := os.ReadFile(filepath.Join(out1, "manifest.json"))
	if err := json.Unmarshal(b, &m); err != nil || m.GeneratedFor != "2026-02-01T00:00:00Z" {
		t.Errorf("manifest generated_for %q (%v)", m.GeneratedFor, err)
	}

	// Flags first this time: the same bundle, byte for byte, and a second
	// run over the first output replaces it.
	out2 := filepath.Join(t.TempDir(), "dist")
	for range 2 {
		if code, _, stderr := run("build", "--at", "2026-02-01T00:00:00Z", "-o", out2, dir); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	if hashTree(t, out1) != hashTree(t, out2) {
		t.Error("two builds of the same workspace differ")
	}
}

func TestBuildStopsOnErrors(t *testing.T) {
	dir := buildWorkspace(t, map[string]string{"content/sale.md": `---
id: sale
type: promotion
title: Spring sale
summary: The Trail jacket is $79.99 with code SPRING20.
offer:
  price: "79.99"
  currency: USD
  code: SPRING20
overrides:
  sms:
    text: "Trail jacket: $59.99 with code SPRING20"
---

Body.
`})
	out := filepath.Join(t.TempDir(), "dist")
	code, stdout, stderr := run("build", dir, "-o", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	want := `content/sale.md:12:26: error facts.price: overrides.sms.text: states the price "$59.99"; the item says 79.99 USD`
	if !strings.Contains(stderr, want+"\n") {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	if !strings.Contains(stderr, "chorus build: nothing written: ") {
		t.Errorf("stderr lacks the summary:\n%s", stderr)
	}
	if stdout != "" {
		t.Errorf("stdout %q", stdout)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the bundle was written despite errors")
	}

	// chorus check reports the same variant finding through its hook.
	code, stdout, _ = run("check", dir)
	if code != 1 || !strings.Contains(stdout+stderr, want) {
		t.Errorf("check exit %d, output lacks %q:\n%s", code, want, stdout)
	}
}

func TestBuildRunFailures(t *testing.T) {
	dir := buildWorkspace(t, nil)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"build", "--at", "tomorrow", dir}, `--at "tomorrow" is not an RFC 3339 time`},
		{[]string{"build", "--nope", dir}, "flag provided but not defined: -nope"},
		{[]string{"build", dir, dir}, "too many arguments"},
		{[]string{"build", filepath.Join(dir, "missing")}, "chorus build: "},
	}
	for _, tt := range tests {
		code, _, stderr := run(tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
	// A folder that is not a bundle is never replaced.
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "keep.txt"), []byte("mine"), 0o644)
	code, _, stderr := run("build", dir, "-o", out)
	if code != 2 || !strings.Contains(stderr, "not a chorus bundle") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestRender(t *testing.T) {
	dir := buildWorkspace(t, nil)
	code, stdout, stderr := run("render", dir, "trail-guide", "--channel", "x")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var env struct{ ID, Channel, Locale, Body, Version string }
	if err := json.Unmarshal([]byte(stdout), &env); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if env.ID != "trail-guide" || env.Channel != "x" || env.Locale != "en-US" || env.Version == "" {
		t.Errorf("envelope %+v", env)
	}

	// The body alone, for a locale that falls back to English; flags
	// first and the workspace as the current folder's stand-in.
	code, stdout, stderr = run("render", "--format", "body", "--locale", "zh-CN", "--channel", "x", dir, "trail-guide")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if stdout != env.Body && stdout != env.Body+"\n" {
		t.Errorf("body %q, want %q", stdout, env.Body)
	}
	if !strings.Contains(stderr, `no zh-CN translation of "trail-guide"; showing en-US`) {
		t.Errorf("stderr %q", stderr)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"render", dir, "trail-guide", "--channel", "tiktok"}, `unknown channel "tiktok" (known: ` + strings.Join(sortedIDs(), ", ") + ")"},
		{[]string{"render", dir, "nope", "--channel", "x"}, `no item "nope"`},
		{[]string{"render", dir, "trail-guide"}, "--channel is required"},
		{[]string{"render", dir, "trail-guide", "--channel", "x", "--format", "xml"}, `unknown format "xml"`},
		{[]string{"render", dir, "trail-guide", "--channel", "email"}, `item "trail-guide" has no email variant`},
	} {
		code, _, stderr := run(tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

func sortedIDs() []string {
	ids := all.IDs()
	slices.Sort(ids)
	return ids
}

func TestChannels(t *testing.T) {
	code, stdout, stderr := run("channels")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "x\n  X post") || !strings.Contains(stdout, "  weighted_length ≤ 280 weighted characters (error)\n") {
		t.Errorf("text output:\n%s", stdout)
	}
	code, stdout, _ = run("channels", "--format", "json")
	var infos []struct {
		ID          string `json:"id"`
		Description string `json:"description"`
		Limits      []struct {
			Metric   string `json:"metric"`
			Max      int    `json:"max"`
			Severity string `json:"severity"`
		} `json:"limits"`
	}
	if err := json.Unmarshal([]byte(stdout), &infos); code != 0 || err != nil {
		t.Fatalf("exit %d, %v\n%s", code, err, stdout)
	}
	if len(infos) != len(all.IDs()) {
		t.Errorf("%d channels, want %d", len(infos), len(all.IDs()))
	}
	for i, ci := range infos {
		if ci.ID != all.IDs()[i] || ci.Description == "" {
			t.Errorf("channel %d: %+v", i, ci)
		}
		if ci.ID == "x" && (len(ci.Limits) != 1 || ci.Limits[0].Max != 280 || ci.Limits[0].Severity != "error") {
			t.Errorf("x limits %+v", ci.Limits)
		}
	}
	if code, _, stderr := run("channels", "--format", "yaml"); code != 2 || !strings.Contains(stderr, `unknown format "yaml"`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestParseInterleaved(t *testing.T) {
	for _, tt := range []struct {
		args []string
		pos  string
		o    string
	}{
		{[]string{"a", "-o", "x", "b"}, "a b", "x"},
		{[]string{"-o", "x", "a"}, "a", "x"},
		{[]string{"a", "b", "-o=x"}, "a b", "x"},
		{[]string{"-o", "x", "--", "-a", "b"}, "-a b", "x"},
		{nil, "", ""},
	} {
		fs := newTestFlagSet()
		o := fs.String("o", "", "")
		pos, err := parseInterleaved(fs, tt.args)
		if err != nil || strings.Join(pos, " ") != tt.pos || *o != tt.o {
			t.Errorf("%v: pos %q, o %q, err %v", tt.args, pos, *o, err)
		}
	}
}

func newTestFlagSet() *flag.FlagSet {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}
