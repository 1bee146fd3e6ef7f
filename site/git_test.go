package site

import (
	"os/exec"
	"regexp"
	"testing"
)

// TestGitCommit runs the real git: HEAD of a repository, "" elsewhere.
func TestGitCommit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := srvWorkspace(t, "")
	if got := gitCommit(t.Context(), dir); got != "" {
		t.Errorf("outside a repository: %q", got)
	}
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "."},
		{"-c", "user.name=Chorus", "-c", "user.email=chorus@example.com", "commit", "-q", "-m", "content"},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	want, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := gitCommit(t.Context(), dir)
	if !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(got) || got+"\n" != string(want) {
		t.Errorf("gitCommit = %q, want %q", got, want)
	}
}
