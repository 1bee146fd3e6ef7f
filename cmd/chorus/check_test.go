package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/styleguide"
)

// The end-to-end tests run Main on small workspaces written to temporary
// folders, and assert the exact output and exit status.

const testConfig = `brand: Acme
base_url: https://acme.example
default_locale: en-US
`

const testTerms = `terms:
  - use: email
    avoid: [e-mail]
    severity: error
  - use: backpack
    avoid: [rucksack]
    severity: warning
  - use: Acme Rewards
    avoid: [loyalty program]
    severity: suggestion
`

const welcomeMD = `---
id: welcome
type: article
title: Welcome to Acme
summary: What we do and how to reach us.
---

We make gear for long walks.

Write to us by e-mail any time.
`

const hoursMD = `---
id: hours
type: announcement
title: New opening hours
summary: We open at nine every day.
---

We now open at nine every day.
`

// writeWorkspace writes files (path → content) under a new temporary
// folder and returns it.
func writeWorkspace(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		writeFile(t, dir, name, data)
	}
	return dir
}

func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// baseWorkspace is a workspace with one finding: "e-mail" in welcome.md.
func baseWorkspace(t *testing.T) string {
	return writeWorkspace(t, map[string]string{
		"chorus.yaml":             testConfig,
		"styleguide/terms.yaml":   testTerms,
		"content/news/welcome.md": welcomeMD,
		"content/news/hours.md":   hoursMD,
	})
}

// runMain runs the CLI and returns its exit status, stdout and stderr.
func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestCheckText(t *testing.T) {
	dir := baseWorkspace(t)
	code, stdout, stderr := runMain(t, "check", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	if want := "content/news/welcome.md:10:16: error terms.email: use \"email\" instead of \"e-mail\"\n"; stdout != want {
		t.Errorf("stdout = %q, want %q", stdout, want)
	}
	if want := "1 error, 0 warnings, 0 suggestions in 4 files\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}

	// Flags after DIR work the same.
	code2, stdout2, _ := runMain(t, "check", dir, "--format", "text")
	if code2 != 1 || stdout2 != stdout {
		t.Errorf("flags after DIR: exit %d, %q; want 1, %q", code2, stdout2, stdout)
	}
}

func TestCheckDefaultDir(t *testing.T) {
	dir := baseWorkspace(t)
	t.Chdir(dir)
	code, stdout, stderr := runMain(t, "check")
	if code != 1 || stdout != "content/news/welcome.md:10:16: error terms.email: use \"email\" instead of \"e-mail\"\n" {
		t.Errorf("check in . = %d, %q, %q", code, stdout, stderr)
	}
}

func TestCheckFix(t *testing.T) {
	dir := baseWorkspace(t)
	path := filepath.Join(dir, "content/news/welcome.md")
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runMain(t, "check", "--fix", dir)
	if code != 0 {
		t.Errorf("exit %d, want 0 after the fix; stderr:\n%s", code, stderr)
	}
	if want := "content/news/welcome.md:10:16: terms.email: \"e-mail\" → \"email\"\n"; stdout != want {
		t.Errorf("stdout = %q, want %q", stdout, want)
	}
	if want := "0 errors, 0 warnings, 0 suggestions in 4 files\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(welcomeMD, "e-mail", "email", 1); string(got) != want {
		t.Errorf("welcome.md =\n%s\nwant\n%s", got, want)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want 0640", st.Mode().Perm())
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "content/news/hours.md")); string(got) != hoursMD {
		t.Errorf("hours.md changed:\n%s", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 2 {
		t.Errorf("content/news holds %d entries, want 2", len(entries))
	}

	// Nothing left to fix: a second run changes nothing.
	code, stdout, _ = runMain(t, "check", "--fix", dir)
	if code != 0 || stdout != "" {
		t.Errorf("second --fix: exit %d, stdout %q", code, stdout)
	}
}

// TestCheckFixJSON checks that with a machine format the changes go to
// stderr and stdout stays one JSON document.
func TestCheckFixJSON(t *testing.T) {
	dir := baseWorkspace(t)
	code, stdout, stderr := runMain(t, "check", "--fix", "--format", "json", dir)
	if code != 0 {
		t.Errorf("exit %d, want 0", code)
	}
	if !strings.HasPrefix(stderr, "content/news/welcome.md:10:16: terms.email: \"e-mail\" → \"email\"\n") {
		t.Errorf("stderr = %q", stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Errorf("stdout is not JSON: %v\n%s", err, stdout)
	}
}

func TestCheckJSON(t *testing.T) {
	dir := baseWorkspace(t)
	code, stdout, _ := runMain(t, "check", "--format=json", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	var got struct {
		Findings []map[string]any `json:"findings"`
		Summary  map[string]int   `json:"summary"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if len(got.Findings) != 1 {
		t.Fatalf("findings = %v, want one", got.Findings)
	}
	f := got.Findings[0]
	if f["file"] != "content/news/welcome.md" || f["line"] != 10.0 || f["column"] != 16.0 || f["severity"] != "error" || f["rule"] != "terms.email" || f["fix"] != "email" || f["item"] != "welcome" {
		t.Errorf("finding = %v", f)
	}
	if want := map[string]int{"errors": 1, "warnings": 0, "suggestions": 0, "files": 4}; !equalCounts(got.Summary, want) {
		t.Errorf("summary = %v, want %v", got.Summary, want)
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestCheckSARIF(t *testing.T) {
	dir := baseWorkspace(t)
	code, stdout, _ := runMain(t, "check", dir, "--format", "sarif")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 {
		t.Fatalf("runs = %+v", log.Runs)
	}
	res := log.Runs[0].Results[0]
	loc := res.Locations[0].PhysicalLocation
	if res.RuleID != "terms.email" || res.Level != "error" || loc.ArtifactLocation.URI != "content/news/welcome.md" || loc.Region.StartLine != 10 || loc.Region.StartColumn != 16 {
		t.Errorf("result = %+v at %+v", res, loc)
	}
	// The whole document passes the structural check the report tests use.
	found, _, err := collectFindings(context.Background(), dir, checkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, []byte(stdout), &report{findings: found})
}

func TestCheckGitHubAndJUnit(t *testing.T) {
	dir := baseWorkspace(t)
	code, stdout, _ := runMain(t, "check", dir, "--format", "github")
	if code != 1 || stdout != "::error file=content/news/welcome.md,line=10,col=16,title=terms.email::use \"email\" instead of \"e-mail\"\n" {
		t.Errorf("github: exit %d, %q", code, stdout)
	}
	code, stdout, _ = runMain(t, "check", dir, "--format", "junit")
	if code != 1 || !strings.Contains(stdout, `<testsuites name="chorus check" tests="4" failures="1" errors="0" time="0">`) {
		t.Errorf("junit: exit %d,\n%s", code, stdout)
	}
}

func TestCheckSuppressed(t *testing.T) {
	dir := baseWorkspace(t)
	writeFile(t, dir, "content/news/welcome.md", strings.Replace(welcomeMD, "Write to us", "<!-- chorus-disable-next-line terms.email -->\nWrite to us", 1))
	code, stdout, stderr := runMain(t, "check", dir)
	if code != 0 || stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want a clean run", code, stdout, stderr)
	}
}

func TestCheckExitCodes(t *testing.T) {
	severities := map[string]string{
		"errors":      "We sell every rucksack, and a loyalty program. Mail us by e-mail.\n",
		"warnings":    "We sell every rucksack, and a loyalty program.\n",
		"suggestions": "We joined a loyalty program.\n",
		"clean":       "We open at nine.\n",
	}
	dirs := map[string]string{}
	for name, body := range severities {
		dirs[name] = writeWorkspace(t, map[string]string{
			"chorus.yaml":           testConfig,
			"styleguide/terms.yaml": testTerms,
			"content/a.md":          "---\nid: a\ntype: article\ntitle: A title\nsummary: A summary.\n---\n\n" + body,
		})
	}
	notFolder := filepath.Join(dirs["clean"], "chorus.yaml")
	badBaseline := filepath.Join(t.TempDir(), "baseline.json")
	writeFile(t, filepath.Dir(badBaseline), "baseline.json", "{not json")

	cases := []struct {
		args []string
		code int
	}{
		{[]string{dirs["errors"]}, 1},
		{[]string{dirs["warnings"]}, 0},
		{[]string{"--fail-on", "warning", dirs["warnings"]}, 1},
		{[]string{"--fail-on", "warning", dirs["suggestions"]}, 0},
		{[]string{"--fail-on", "suggestion", dirs["suggestions"]}, 1},
		{[]string{"--fail-on", "suggestion", dirs["clean"]}, 0},
		{[]string{dirs["clean"], "--fail-on=error"}, 0},
		{[]string{"-h"}, 0},
		// The run itself fails.
		{[]string{"--no-such-flag", dirs["clean"]}, 2},
		{[]string{"--format", "xml", dirs["clean"]}, 2},
		{[]string{"--fail-on", "fatal", dirs["clean"]}, 2},
		{[]string{filepath.Join(dirs["clean"], "missing")}, 2},
		{[]string{notFolder}, 2},
		{[]string{dirs["clean"], dirs["errors"]}, 2},
		{[]string{"--baseline", badBaseline, dirs["clean"]}, 2},
		{[]string{"--baseline", badBaseline + ".missing", dirs["clean"]}, 2},
		{[]string{"--baseline", badBaseline, "--write-baseline", badBaseline, dirs["clean"]}, 2},
		{[]string{"--changed-since", "HEAD", dirs["clean"]}, 2}, // not a git repository
	}
	for _, c := range cases {
		code, _, stderr := runMain(t, append([]string{"check"}, c.args...)...)
		if code != c.code {
			t.Errorf("check %s: exit %d, want %d; stderr:\n%s", strings.Join(c.args, " "), code, c.code, stderr)
		}
		if c.code == 2 && stderr == "" {
			t.Errorf("check %s: exit 2 without a word on stderr", strings.Join(c.args, " "))
		}
	}
}

func TestCheckRunErrorsSayWhy(t *testing.T) {
	dir := baseWorkspace(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--format", "xml", dir}, "chorus check: unknown format \"xml\" (known: github, json, junit, sarif, text)\n"},
		{[]string{"--fail-on", "fatal", dir}, "chorus check: --fail-on: unknown severity \"fatal\" (known: error, warning, suggestion)\n"},
		{[]string{"a", "b"}, "chorus check: one workspace folder at most, got 2: a b\n"},
	}
	for _, c := range cases {
		code, stdout, stderr := runMain(t, append([]string{"check"}, c.args...)...)
		if code != 2 || stdout != "" || stderr != c.want {
			t.Errorf("check %s: exit %d, stdout %q, stderr %q; want 2, %q", strings.Join(c.args, " "), code, stdout, stderr, c.want)
		}
	}
	code, _, stderr := runMain(t, "check", "--bogus")
	if code != 2 || !strings.HasPrefix(stderr, "flag provided but not defined: -bogus\nusage: chorus check [flags] [DIR]\n") {
		t.Errorf("bad flag: exit %d, stderr %q", code, stderr)
	}
}

func TestParseCheckFlagsAfterDir(t *testing.T) {
	var stderr bytes.Buffer
	cases := []struct {
		args []string
		dir  string
	}{
		{[]string{"site", "--format", "json", "--fix"}, "site"},
		{[]string{"--fix", "site", "--format=json"}, "site"},
		{[]string{"--format", "json", "--fix", "--", "-site"}, "-site"},
	}
	for _, c := range cases {
		f, err := parseCheckFlags(c.args, &stderr)
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		if f.dir != c.dir || f.format.name != "json" || !f.fix {
			t.Errorf("%q: dir %q format %q fix %v", c.args, f.dir, f.format.name, f.fix)
		}
	}
}

func TestCheckBaseline(t *testing.T) {
	dir := baseWorkspace(t)
	base := filepath.Join(t.TempDir(), "chorus-baseline.json")
	code, stdout, stderr := runMain(t, "check", "--write-baseline", base, dir)
	if code != 0 || stdout != "" || stderr != "chorus check: wrote 1 finding to "+base+"\n" {
		t.Fatalf("--write-baseline: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, stderr = runMain(t, "check", "--baseline", base, dir)
	if code != 0 || stdout != "" || stderr != "0 errors, 0 warnings, 0 suggestions in 4 files (1 known finding hidden by the baseline)\n" {
		t.Errorf("--baseline: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	// Lines added above the known finding do not bring it back; the same
	// mistake on a new line is new.
	welcome := strings.Replace(welcomeMD, "We make gear", "Hello.\n\nWe make gear", 1) + "\nAsk by e-mail.\n"
	writeFile(t, dir, "content/news/welcome.md", welcome)
	code, stdout, stderr = runMain(t, "check", "--baseline", base, dir)
	if code != 1 || stdout != "content/news/welcome.md:14:8: error terms.email: use \"email\" instead of \"e-mail\"\n" {
		t.Errorf("after the edit: exit %d, stdout %q", code, stdout)
	}
	if want := "1 error, 0 warnings, 0 suggestions in 4 files (1 known finding hidden by the baseline)\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
}

// git runs git in dir with a fixed identity and no user configuration.
func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Chorus", "GIT_AUTHOR_EMAIL=chorus@example.com",
		"GIT_COMMITTER_NAME=Chorus", "GIT_COMMITTER_EMAIL=chorus@example.com")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func TestCheckChangedSince(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	dir := filepath.Join(repo, "site")
	for name, data := range map[string]string{
		"chorus.yaml":             testConfig,
		"styleguide/terms.yaml":   testTerms,
		"content/news/welcome.md": welcomeMD,
		"content/news/hours.md":   hoursMD,
	} {
		writeFile(t, dir, name, data)
	}
	writeFile(t, repo, "README.md", "outside the workspace\n")
	git(t, repo, "init", "-q", "-b", "main")
	git(t, repo, "add", ".")
	git(t, repo, "commit", "-q", "-m", "first")

	// Nothing changed: nothing to report.
	code, stdout, stderr := runMain(t, "check", "--changed-since", "HEAD", dir)
	if code != 0 || stdout != "" || stderr != "0 errors, 0 warnings, 0 suggestions in 0 files\n" {
		t.Errorf("no change: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	// A changed file and an untracked one are checked; welcome.md, whose
	// finding predates the revision, is not reported.
	writeFile(t, dir, "content/news/hours.md", hoursMD+"\nOr by e-mail.\n")
	writeFile(t, dir, "content/news/new.md", "---\nid: new\ntype: article\ntitle: New\nsummary: New things.\n---\n\nSend an e-mail.\n")
	writeFile(t, repo, "README.md", "changed outside the workspace\n")
	code, stdout, stderr = runMain(t, "check", "--changed-since", "main", dir)
	const hoursLine = "content/news/hours.md:10:7: error terms.email: use \"email\" instead of \"e-mail\"\n"
	const newLine = "content/news/new.md:8:9: error terms.email: use \"email\" instead of \"e-mail\"\n"
	const welcomeLine = "content/news/welcome.md:10:16: error terms.email: use \"email\" instead of \"e-mail\"\n"
	if code != 1 || stdout != hoursLine+newLine {
		t.Errorf("changed: exit %d, stdout:\n%s", code, stdout)
	}
	if want := "2 errors, 0 warnings, 0 suggestions in 2 files\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}

	// GitHub annotations name files from the repository root.
	_, stdout, _ = runMain(t, "check", "--changed-since", "main", "--format", "github", dir)
	if want := "::error file=site/content/news/hours.md,line=10,col=7,title=terms.email::use \"email\" instead of \"e-mail\"\n" +
		"::error file=site/content/news/new.md,line=8,col=9,title=terms.email::use \"email\" instead of \"e-mail\"\n"; stdout != want {
		t.Errorf("github paths: %q", stdout)
	}

	// A style guide change means every item is checked again.
	writeFile(t, dir, "styleguide/terms.yaml", testTerms+"  - use: sign in\n    avoid: [log in]\n")
	code, stdout, _ = runMain(t, "check", "--changed-since", "HEAD", dir)
	if code != 1 || stdout != hoursLine+newLine+welcomeLine {
		t.Errorf("style change: exit %d, stdout:\n%s", code, stdout)
	}

	code, _, stderr = runMain(t, "check", "--changed-since", "no-such-branch", dir)
	if code != 2 || stderr != "chorus check: --changed-since no-such-branch: \"no-such-branch\" is not a commit in this repository\n" {
		t.Errorf("bad revision: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runMain(t, "check", "--changed-since", "--output=x", dir)
	if code != 2 || !strings.Contains(stderr, "is not a git revision") {
		t.Errorf("option as revision: exit %d, stderr %q", code, stderr)
	}
}

// TestVariantFindingsHook checks that findings from the variant-level
// hook are reported with the rest, sorted among them.
func TestVariantFindingsHook(t *testing.T) {
	dir := baseWorkspace(t)
	called := 0
	variantFindings = func(ctx context.Context, ws *content.Workspace, g *styleguide.Guide) []content.Finding {
		called++
		if g == nil || len(ws.Items) != 2 {
			t.Errorf("hook got guide %v and %d items", g, len(ws.Items))
		}
		return []content.Finding{{
			Pos:      content.Position{File: "content/news/hours.md", Line: 3, Column: 7},
			Severity: content.Warning, Rule: "limits.sms.segments", Channel: "sms", Item: "hours",
			Message: "the SMS takes 3 segments; the brand allows 2",
		}}
	}
	t.Cleanup(func() { variantFindings = nil })
	code, stdout, stderr := runMain(t, "check", dir)
	if called != 1 {
		t.Errorf("hook called %d times, want 1", called)
	}
	lines := strings.Split(stdout, "\n")
	if code != 1 || len(lines) != 3 || lines[0] != "content/news/hours.md:3:7: warning limits.sms.segments: the SMS takes 3 segments; the brand allows 2" {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
	if want := "1 error, 1 warning, 0 suggestions in 4 files\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
}
