package content

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/content/contenttest"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

var testChannels = []string{"web", "email", "x", "sms", "push", "app", "bluesky"}

const testConfig = `brand: Acme
base_url: https://acme.example
default_locale: en-US
locales:
  - code: zh-CN
    fallback: [en-US]
  - code: el-GR
`

// writeFiles writes files (relative path → content) under a new temporary
// root, adding the test chorus.yaml unless files has one or holds the key
// "-chorus.yaml".
func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	if _, ok := files["chorus.yaml"]; !ok {
		if _, skip := files["-chorus.yaml"]; !skip {
			files["chorus.yaml"] = testConfig
		}
	}
	for name, body := range files {
		if strings.HasPrefix(name, "-") {
			continue
		}
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func loadFiles(t testing.TB, files map[string]string) *Workspace {
	t.Helper()
	ws, err := Load(writeFiles(t, files), Options{Channels: testChannels})
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

func findingStrings(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.String()
	}
	return out
}

func diffLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// checkSpans fails when a span of p maps text bytes onto different file
// bytes, or spans overlap or run out of order.
func checkSpans(t testing.TB, p *Prose) {
	t.Helper()
	src := p.Source()
	prevText, prevFile := 0, -1
	for _, s := range p.Spans() {
		if s.Len < 0 || s.TextOff < prevText || s.TextOff+s.Len > len(p.Text) {
			t.Fatalf("%s: span %+v out of order or outside text %q", p.Field, s, p.Text)
		}
		if src == nil || s.FileOff < 0 || s.FileOff+s.Len > len(src.Data) {
			t.Fatalf("%s: span %+v outside the file", p.Field, s)
		}
		if s.Len > 0 && s.FileOff < prevFile {
			t.Fatalf("%s: span %+v goes backwards in the file", p.Field, s)
		}
		if got, want := string(src.Data[s.FileOff:s.FileOff+s.Len]), p.Text[s.TextOff:s.TextOff+s.Len]; got != want {
			t.Fatalf("%s: span %+v maps %q onto file bytes %q", p.Field, s, want, got)
		}
		prevText, prevFile = s.TextOff+s.Len, s.FileOff+s.Len
	}
}

// validPos fails unless p names a real line of src and a column within it
// (one past the last character at most).
func validPos(t testing.TB, src *Source, p Position) {
	t.Helper()
	if p.Line < 1 || p.Line > src.LineCount() || p.Column < 1 {
		t.Fatalf("position %v outside %d lines", p, src.LineCount())
	}
	start := src.lines[p.Line-1]
	end := len(src.Data)
	if p.Line < len(src.lines) {
		end = src.lines[p.Line] - 1
	}
	if n := utf8.RuneCount(src.Data[start:end]); p.Column > n+1 {
		t.Fatalf("position %v: line %d has only %d characters", p, p.Line, n)
	}
}

// sampleFiles returns the files tests hold fast paths to: 30 generated
// items (named generated-N.md) and the files of the example workspaces,
// each keyed by its path.
func sampleFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for i := range 30 {
		item := contenttest.Item(i, Types[i%len(Types)], contenttest.Locales[i%len(contenttest.Locales)], 300)
		files[fmt.Sprintf("generated-%d.md", i)] = []byte(item)
	}
	err := filepath.WalkDir(filepath.Join("..", "examples"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
