package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/all"
)

// channelInfo is one channel in `chorus channels --format json`.
type channelInfo struct {
	ID          string           `json:"id"`
	Description string           `json:"description"`
	Limits      []adapters.Limit `json:"limits"`
}

// runChannels lists every registered channel with its description and
// limits.
func runChannels(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("chorus channels", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: chorus channels [--format text|json]")
		fs.PrintDefaults()
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "chorus channels: unexpected arguments: %s\n", strings.Join(pos, " "))
		return 2
	}
	var infos []channelInfo
	for _, a := range all.Adapters() {
		ci := channelInfo{ID: a.ID(), Limits: a.Limits()}
		if d, ok := a.(adapters.Describer); ok {
			ci.Description = d.Describe()
		}
		if ci.Limits == nil {
			ci.Limits = []adapters.Limit{}
		}
		infos = append(infos, ci)
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(infos); err != nil {
			fmt.Fprintf(stderr, "chorus channels: %v\n", err)
			return 2
		}
	case "text":
		for _, ci := range infos {
			fmt.Fprintf(stdout, "%s\n", ci.ID)
			if ci.Description != "" {
				fmt.Fprintf(stdout, "  %s\n", ci.Description)
			}
			for _, l := range ci.Limits {
				fmt.Fprintf(stdout, "  %s ≤ %d %s (%s)\n", l.Metric, l.Max, l.Unit, l.Severity)
			}
		}
	default:
		fmt.Fprintf(stderr, "chorus channels: unknown format %q (known: json, text)\n", *format)
		return 2
	}
	return 0
}
