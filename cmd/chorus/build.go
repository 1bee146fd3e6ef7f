package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/site"
)

// runBuild writes every published variant, feed and the manifest of a
// workspace to a folder. Errors in the workspace stop it before anything
// is written.
func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("chorus build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "dist", "the folder to write the bundle to; it is replaced atomically")
	atFlag := fs.String("at", "", "cut the bundle for this instant (RFC 3339) instead of now, and record it in the manifest")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: chorus build [DIR] [-o OUT] [--at RFC3339]")
		fs.PrintDefaults()
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "chorus build: too many arguments: %s\n", strings.Join(pos, " "))
		return 2
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	var at time.Time
	if *atFlag != "" {
		if at, err = time.Parse(time.RFC3339, *atFlag); err != nil {
			fmt.Fprintf(stderr, "chorus build: --at %q is not an RFC 3339 time like 2025-03-01T09:00:00Z\n", *atFlag)
			return 2
		}
	}

	s, err := site.Open(ctx, dir, site.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "chorus build: %v\n", err)
		return 2
	}
	printFindings(stderr, s.Findings())
	if s.HasErrors() {
		e, w, sg := s.Count()
		fmt.Fprintf(stderr, "chorus build: nothing written: %s, %s, %s\n", plural(e, "error"), plural(w, "warning"), plural(sg, "suggestion"))
		return 1
	}
	if err := s.Write(*out, at); err != nil {
		fmt.Fprintf(stderr, "chorus build: %v\n", err)
		return 2
	}
	m := s.Manifest(at)
	variants := 0
	for _, it := range m.Items {
		variants += len(it.Variants)
	}
	fmt.Fprintf(stdout, "%s, %s, %s → %s\n", plural(len(m.Items), "item"), plural(variants, "variant"), plural(len(m.Feeds), "feed"), *out)
	return 0
}

// printFindings writes findings in the text contract, one a line.
func printFindings(w io.Writer, fs []content.Finding) {
	for _, f := range fs {
		fmt.Fprintln(w, strings.ReplaceAll(f.String(), "\n", " "))
	}
}
