package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/content"
)

func TestBaselineRoundTrip(t *testing.T) {
	lines := map[int]string{3: "Mail us by e-mail.", 5: "Mail us by e-mail.", 7: "Or e-mail the desk."}
	lineText := func(file string, n int) string { return lines[n] }
	at := func(line int, rule string) content.Finding {
		return content.Finding{Pos: content.Position{File: "content/a.md", Line: line, Column: 12}, Rule: rule, Message: `use "email"`}
	}
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := writeBaseline(path, []content.Finding{at(3, "terms.email"), at(5, "terms.email")}, lineText); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "check/baseline.json", data)

	b, err := readBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	// The two known findings moved down two lines; a third on the same
	// text is new, as are the one on another line and the one of another
	// rule.
	lines = map[int]string{5: "Mail us by e-mail.", 7: "Mail us by e-mail.", 9: "Mail us by e-mail.", 11: "Or e-mail the desk."}
	kept, hidden := b.filter([]content.Finding{at(5, "terms.email"), at(7, "terms.email"), at(9, "terms.email"), at(11, "terms.email"), at(5, "terms.mail")}, lineText)
	if hidden != 2 {
		t.Errorf("hidden = %d, want 2", hidden)
	}
	var got []string
	for _, f := range kept {
		got = append(got, f.Pos.String()+" "+f.Rule)
	}
	want := "content/a.md:9:12 terms.email|content/a.md:11:12 terms.email|content/a.md:5:12 terms.mail"
	if strings.Join(got, "|") != want {
		t.Errorf("kept %s, want %s", strings.Join(got, "|"), want)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"empty.json":   "",
		"junk.json":    "not json",
		"version.json": `{"version": 2, "findings": []}`,
		"unknown.json": `{"version": 1, "findings": [], "extra": true}`,
		"count.json":   `{"version": 1, "findings": [{"file": "a.md", "rule": "r", "hash": "h", "count": 0}]}`,
		"two.json":     `{"version": 1, "findings": []} {}`,
	}
	for name, data := range cases {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readBaseline(p); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := readBaseline(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
	p := filepath.Join(dir, "ok.json")
	if err := os.WriteFile(p, []byte(`{"version": 1, "findings": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := readBaseline(p); err != nil || len(b) != 0 {
		t.Errorf("ok.json: %v, %v", b, err)
	}
}
