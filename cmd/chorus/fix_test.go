package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/content"
)

// fixAt builds a finding in file whose fix replaces old (its first
// occurrence at or after from) with repl.
func fixAt(t *testing.T, file, data, old, repl string, from int) content.Finding {
	t.Helper()
	i := strings.Index(data[from:], old)
	if i < 0 {
		t.Fatalf("%q not in %q", old, data[from:])
	}
	off := from + i
	src := content.NewSource(file, []byte(data))
	return content.Finding{Pos: src.Pos(off), Rule: "terms.test", Message: "use " + repl, Fix: &content.Fix{Offset: off, End: off + len(old), Replace: repl}}
}

func TestApplyFixes(t *testing.T) {
	dir := t.TempDir()
	const a = "Mail us by e-mail.\nOr e-mail the 店 “e-mail” desk.\n"
	const b = "nothing to fix here\n"
	write := func(name, data string, mode os.FileMode) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
	}
	write("content/a.md", a, 0o640)
	write("content/b.md", b, 0o644)

	second := strings.Index(a, "Or e-mail") + 3
	third := strings.Index(a, "“e-mail”") + len("“")
	found := []content.Finding{
		fixAt(t, "content/a.md", a, "e-mail", "email", 0),
		fixAt(t, "content/a.md", a, "e-mail", "email", third),
		fixAt(t, "content/a.md", a, "e-mail", "E-Mail", second), // inside the "Or e-mail" fix, which starts first and wins
		fixAt(t, "content/a.md", a, "e-mail", "email", second),
		fixAt(t, "content/a.md", a, "Or e-mail", "Or mail", second-3),
		{Pos: content.Position{File: "content/b.md", Line: 1, Column: 1}, Rule: "terms.test", Fix: &content.Fix{Offset: 5, End: 500, Replace: "x"}},     // past the end: skipped
		{Pos: content.Position{File: "content/b.md", Line: 1, Column: 1}, Rule: "terms.test", Fix: &content.Fix{Offset: 0, End: 7, Replace: "nothing"}}, // no change: skipped
		{Pos: content.Position{File: "content/b.md", Line: 1, Column: 1}, Rule: "terms.other"},                                                          // no fix
	}
	applied, err := applyFixes(dir, found, func(string) ([]byte, bool) { return nil, false })
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, x := range applied {
		lines = append(lines, x.String())
	}
	want := []string{
		`content/a.md:1:12: terms.test: "e-mail" → "email"`,
		`content/a.md:2:1: terms.test: "Or e-mail" → "Or mail"`,
		`content/a.md:2:18: terms.test: "e-mail" → "email"`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("applied:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	got, _ := os.ReadFile(filepath.Join(dir, "content/a.md"))
	if w := "Mail us by email.\nOr mail the 店 “email” desk.\n"; string(got) != w {
		t.Errorf("a.md = %q, want %q", got, w)
	}
	if st, _ := os.Stat(filepath.Join(dir, "content/a.md")); st.Mode().Perm() != 0o640 {
		t.Errorf("a.md mode = %v, want 0640", st.Mode().Perm())
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "content/b.md")); string(got) != b {
		t.Errorf("b.md = %q, want it unchanged", got)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "content"))
	if len(entries) != 2 {
		t.Errorf("content/ holds %d entries, want 2 (no temporary files left)", len(entries))
	}
}

// TestApplyFixesRefusesChangedFile checks that a file edited after the
// check ran is not patched at stale offsets.
func TestApplyFixesRefusesChangedFile(t *testing.T) {
	dir := t.TempDir()
	const checked = "Mail us by e-mail.\n"
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte("New line.\n"+checked), 0o644); err != nil {
		t.Fatal(err)
	}
	f := fixAt(t, "a.md", checked, "e-mail", "email", 0)
	applied, err := applyFixes(dir, []content.Finding{f}, func(string) ([]byte, bool) { return []byte(checked), true })
	if err == nil || len(applied) != 0 || !strings.Contains(err.Error(), "changed while it was being checked") {
		t.Fatalf("applied %v, err %v; want a refusal", applied, err)
	}
	if got, _ := os.ReadFile(p); string(got) != "New line.\n"+checked {
		t.Errorf("file changed to %q", got)
	}
}

func TestApplyFixesLeavingWorkspace(t *testing.T) {
	f := content.Finding{Pos: content.Position{File: "../outside.md", Line: 1, Column: 1}, Rule: "x", Fix: &content.Fix{Offset: 0, End: 1, Replace: "y"}}
	_, err := applyFixes(t.TempDir(), []content.Finding{f}, func(string) ([]byte, bool) { return nil, false })
	if err == nil || !strings.Contains(err.Error(), "leaves the workspace") {
		t.Fatalf("err = %v, want a refusal", err)
	}
}

func TestWriteFileAtomicFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.md")
	link := filepath.Join(dir, "link.md")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.md", link); err != nil {
		t.Skip("symbolic links not available:", err)
	}
	if err := writeFileAtomic(link, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link replaced by a file: %v %v", st, err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("target = %q, want new", got)
	}
}
