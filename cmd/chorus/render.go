package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/all"
	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/site"
)

// runRender prints one item's variant for one channel: the JSON envelope,
// or the native body with --format body. Findings about that variant go
// to stderr; they do not change the exit code.
func runRender(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("chorus render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	channel := fs.String("channel", "", "the channel to render for (see chorus channels)")
	locale := fs.String("locale", "", "the locale to render; falls back along the configured chain (default: the default locale)")
	format := fs.String("format", "json", "what to print: json (the variant envelope) or body (the native body)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: chorus render [DIR] ID --channel C [--locale L] [--format json|body]")
		fs.PrintDefaults()
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return flagExit(err)
	}
	dir, id := ".", ""
	switch len(pos) {
	case 1:
		id = pos[0]
	case 2:
		dir, id = pos[0], pos[1]
	default:
		fs.Usage()
		return 2
	}
	if *channel == "" {
		fmt.Fprintln(stderr, "chorus render: --channel is required")
		return 2
	}
	if *format != "json" && *format != "body" {
		fmt.Fprintf(stderr, "chorus render: unknown format %q (known: body, json)\n", *format)
		return 2
	}
	a, err := all.Lookup(*channel)
	if err != nil {
		fmt.Fprintf(stderr, "chorus render: %v\n", err)
		return 2
	}

	s, err := site.Open(ctx, dir, site.Options{Adapters: []adapters.Adapter{a}})
	if err != nil {
		fmt.Fprintf(stderr, "chorus render: %v\n", err)
		return 2
	}
	loc := *locale
	if loc == "" && s.Config != nil {
		loc = s.Config.DefaultLocale
	}
	v, served, ok := s.Resolve(*channel, id, loc)
	if !ok {
		// The item may exist but have failed to load or render: show why.
		printFindings(stderr, findingsFor(s, id, "", ""))
		if len(s.Translations(id)) == 0 {
			fmt.Fprintf(stderr, "chorus render: no item %q in %s\n", id, dir)
		} else {
			fmt.Fprintf(stderr, "chorus render: item %q has no %s variant in %s or its fallbacks\n", id, *channel, loc)
		}
		return 2
	}
	printFindings(stderr, findingsFor(s, id, served, *channel))
	if served != loc {
		fmt.Fprintf(stderr, "chorus render: no %s translation of %q; showing %s\n", loc, id, served)
	}
	if *format == "body" {
		io.WriteString(stdout, v.Body)
		if !strings.HasSuffix(v.Body, "\n") {
			io.WriteString(stdout, "\n")
		}
		return 0
	}
	b, err := adapters.MarshalVariant(v)
	if err != nil {
		fmt.Fprintf(stderr, "chorus render: %v\n", err)
		return 2
	}
	stdout.Write(b)
	return 0
}

// findingsFor picks the findings about the files of item id in locale
// (every locale when locale is ""), on channel or about the item as a
// whole (every channel when channel is "").
func findingsFor(s *site.Snapshot, id, locale, channel string) []content.Finding {
	files := map[string]bool{}
	for _, e := range s.Translations(id) {
		if locale == "" || e.Item.Locale == locale {
			files[e.Item.File] = true
		}
	}
	var out []content.Finding
	for _, f := range s.Findings() {
		if files[f.Pos.File] && (channel == "" || f.Channel == "" || f.Channel == channel) {
			out = append(out, f)
		}
	}
	return out
}
