package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"

	"github.com/chorus-dev/chorus/content"
)

// runGit runs git with args in dir and returns its standard output. A
// failure carries git's own message.
func runGit(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, errors.New("git is not installed or not on PATH")
		}
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("git %s: %s", args[0], msg)
		}
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	return stdout.Bytes(), nil
}

// changedFiles lists the files in the git work tree at dir that differ
// from the commit rev: changed in the index or on disk since rev, and
// untracked files git does not ignore. Paths are relative to dir,
// '/'-separated, sorted; files outside dir are left out.
func changedFiles(ctx context.Context, dir, rev string) ([]string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("%q is not a git revision", rev)
	}
	if _, err := runGit(ctx, dir, "rev-parse", "--is-inside-work-tree"); err != nil {
		return nil, fmt.Errorf("%s is not inside a git work tree: %w", dir, err)
	}
	if _, err := runGit(ctx, dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("%q is not a commit in this repository", rev)
	}
	diff, err := runGit(ctx, dir, "diff", "--name-only", "-z", "--relative", "--no-ext-diff", "--no-renames", rev, "--")
	if err != nil {
		return nil, err
	}
	untracked, err := runGit(ctx, dir, "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	var files []string
	for _, out := range [][]byte{diff, untracked} {
		for _, p := range strings.Split(string(out), "\x00") {
			if p != "" {
				files = append(files, p)
			}
		}
	}
	slices.Sort(files)
	return slices.Compact(files), nil
}

// changesEverything reports whether a change to file can change the
// findings of every item: the workspace configuration or the style guide.
func changesEverything(file string) bool {
	return file == content.ConfigFile || strings.HasPrefix(file, "styleguide/")
}

// repoPrefix returns the path of dir inside its git work tree, with a
// trailing '/' ("site/"), or "" at the top. ok is false when dir is not
// in a work tree or git cannot say.
func repoPrefix(ctx context.Context, dir string) (prefix string, ok bool) {
	out, err := runGit(ctx, dir, "rev-parse", "--show-prefix")
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(string(out)), true
}
