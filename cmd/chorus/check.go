package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/chorus-dev/chorus/adapters/all"
	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/styleguide"
)

// checkOptions tune collectFindings.
type checkOptions struct {
	// only, when not nil, limits the content files whose items are
	// checked (paths relative to the workspace, '/'-separated).
	only map[string]bool
	// sourceOnly skips rendering: schema and style findings only.
	sourceOnly bool
	// keepSource keeps the bytes of every file checked, for fixes and
	// for reports that quote lines; otherwise a source-only run reads a
	// file again when it needs a line of it.
	keepSource bool
}

// variantFindings, when set, adds the findings about rendered variants
// (channel limits, cross-channel facts) to a check run. It is the one
// place where variant-level checks plug into `chorus check`.
var variantFindings func(ctx context.Context, ws *content.Workspace, g *styleguide.Guide) []content.Finding

// collectFindings loads the workspace at dir, compiles its style guide,
// checks every item against it as the loading goroutines parse it and
// adds the variant-level findings. Inline chorus-disable switches are
// applied. The findings come back sorted, so every run reports them in
// the same order. The error is for a run that could not happen (dir
// missing or unreadable, cancelled, a rule that failed).
func collectFindings(ctx context.Context, dir string, opts checkOptions) ([]content.Finding, *content.Workspace, error) {
	channels := all.IDs()
	var (
		guide         *styleguide.Guide
		guideFindings []content.Finding
		mu            sync.Mutex
		errs          []error
	)
	texts := interner{m: map[string]string{}}
	visit := func(ws *content.Workspace) func(*content.Item) []content.Finding {
		guide, guideFindings = compileGuide(ws, channels)
		if guide == nil {
			return nil
		}
		return func(it *content.Item) []content.Finding {
			if ctx.Err() != nil || (opts.only != nil && !opts.only[it.File]) {
				return nil
			}
			found, err := checkItem(guide, it)
			if err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
			if opts.sourceOnly {
				// Nothing renders the item: keep only what its findings
				// need, and keep their excerpts and ids from holding its
				// text (Shed copies the id). Messages and excerpts repeat
				// from item to item ("heading is not in sentence case"),
				// so one copy of each serves them all: on a large
				// workspace the findings are most of what stays live.
				it.Shed(opts.keepSource)
				for i := range found {
					found[i].Excerpt = texts.intern(found[i].Excerpt)
					found[i].Message = texts.intern(found[i].Message)
					if found[i].Item == it.ID {
						found[i].Item = it.ID
					}
				}
			}
			return found
		}
	}
	ws, err := content.Load(dir, content.Options{Channels: channels, Only: opts.only, ProseOnly: opts.sourceOnly, Visit: visit})
	if err != nil {
		return nil, nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, ws, err
	}
	if err := ctx.Err(); err != nil {
		return nil, ws, err
	}
	found := append(slices.Clip(ws.Findings), guideFindings...)
	if guide != nil && variantFindings != nil && !opts.sourceOnly {
		for _, f := range variantFindings(ctx, ws, guide) {
			if opts.only == nil || !strings.HasPrefix(f.Pos.File, "content/") || opts.only[f.Pos.File] {
				found = append(found, f)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, ws, err
	}
	found = content.Suppressed(found, ws.Items)
	content.SortFindings(found)
	return found, ws, nil
}

// interner keeps one copy of each text it is given. (unique.Make does the
// same for the whole process, but its weak references cost several times
// more a call than a locked map.)
type interner struct {
	mu sync.Mutex
	m  map[string]string
}

// intern returns the copy of s that it keeps.
func (in *interner) intern(s string) string {
	in.mu.Lock()
	defer in.mu.Unlock()
	c, ok := in.m[s]
	if !ok {
		c = strings.Clone(s)
		in.m[c] = c
	}
	return c
}

// compileGuide compiles the workspace's style guide files.
func compileGuide(ws *content.Workspace, channels []string) (*styleguide.Guide, []content.Finding) {
	return styleguide.CompileWith(ws.StyleFiles, styleguide.Options{Channels: channels})
}

// checkItem checks one item. A rule that panics on an item is a bug,
// reported as an error naming the item rather than crashing the run.
func checkItem(g *styleguide.Guide, it *content.Item) (found []content.Finding, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("checking %s: internal error: %v", it.File, p)
		}
	}()
	found = g.CheckItem(it)
	for i := range found {
		if found[i].Item == "" {
			found[i].Item = it.ID
		}
	}
	return found, nil
}

// workspaceFiles serves the text of workspace files for fingerprints and
// fixes: the copies the load read where there are some, otherwise read
// from disk once.
type workspaceFiles struct {
	root   string
	loaded map[string]*content.Source // read by content.Load; never changes
	mu     sync.Mutex
	read   map[string]*content.Source // read here on demand; nil when unreadable
}

func newWorkspaceFiles(dir string, ws *content.Workspace) *workspaceFiles {
	w := &workspaceFiles{root: dir, loaded: map[string]*content.Source{}, read: map[string]*content.Source{}}
	if ws == nil {
		return w
	}
	for _, it := range ws.Items {
		if it.Src != nil {
			w.loaded[it.File] = it.Src
		}
	}
	for _, src := range ws.StyleFiles {
		w.loaded[src.Path] = src
	}
	return w
}

// source returns a file of the workspace, or nil.
func (w *workspaceFiles) source(file string) *content.Source {
	if src, ok := w.loaded[file]; ok {
		return src
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if src, ok := w.read[file]; ok {
		return src
	}
	var src *content.Source
	if filepath.IsLocal(filepath.FromSlash(file)) {
		if data, err := os.ReadFile(filepath.Join(w.root, filepath.FromSlash(file))); err == nil {
			src = content.NewSource(file, data)
		}
	}
	w.read[file] = src
	return src
}

// lineText returns the text of a line (1-based) without its line break,
// or "".
func (w *workspaceFiles) lineText(file string, line int) string {
	src := w.source(file)
	if src == nil {
		return ""
	}
	start := src.Offset(line, 1)
	if start < 0 {
		return ""
	}
	text := src.Data[start:]
	if i := slices.Index(text, '\n'); i >= 0 {
		text = text[:i]
	}
	return strings.TrimSuffix(string(text), "\r")
}

// checked returns the bytes the checks ran on, when the load read file.
func (w *workspaceFiles) checked(file string) ([]byte, bool) {
	src, ok := w.loaded[file]
	if !ok {
		return nil, false
	}
	return src.Data, true
}

// checkedFiles lists the files a run looked at: chorus.yaml, the style
// guide, the content files checked and any other file with a finding.
// With only set, the run looked at those content files alone.
func checkedFiles(dir string, ws *content.Workspace, found []content.Finding, only map[string]bool) []string {
	var files []string
	if only == nil {
		if _, err := os.Stat(filepath.Join(dir, content.ConfigFile)); err == nil {
			files = append(files, content.ConfigFile)
		}
		for _, src := range ws.StyleFiles {
			files = append(files, src.Path)
		}
	}
	for _, it := range ws.Items {
		if only == nil || only[it.File] {
			files = append(files, it.File)
		}
	}
	last := ""
	for _, f := range found { // sorted: a file's findings come together
		if f.Pos.File != "" && f.Pos.File != last {
			files = append(files, f.Pos.File)
			last = f.Pos.File
		}
	}
	slices.Sort(files)
	return slices.Compact(files)
}

// checkFlags are the settings of one `chorus check` run.
type checkFlags struct {
	dir           string
	format        format
	failOn        content.Severity
	fix           bool
	changedSince  string
	baseline      string
	writeBaseline string
	sourceOnly    bool
}

const checkUsage = `usage: chorus check [flags] [DIR]

Check the workspace in DIR (default ".") against its schema, style guide
and channel rules. Exit status: 0 when no finding is at or above
--fail-on, 1 when one is, 2 when the check could not run.

Paths are relative to DIR, except in the github and sarif formats, which
give them from the root of the git repository (or, outside git, from the
current folder) as GitHub expects.

Flags may come before or after DIR.

`

// parseCheckFlags reads the command line of `chorus check`. Flags may
// come before or after DIR.
func parseCheckFlags(args []string, stderr io.Writer) (*checkFlags, error) {
	fs := flag.NewFlagSet("chorus check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	formatName := fs.String("format", "text", "output `format`: "+strings.Join(formatNames(), ", "))
	failOn := fs.String("fail-on", "error", "fail on findings of this `severity` or worse: error, warning, suggestion")
	var c checkFlags
	fs.BoolVar(&c.fix, "fix", false, "apply the safe fixes findings carry, then report what remains")
	fs.StringVar(&c.changedSince, "changed-since", "", "report only files changed since this git `revision` (everything when chorus.yaml or the style guide changed)")
	fs.StringVar(&c.baseline, "baseline", "", "hide the findings recorded in this baseline `file`; report only new ones")
	fs.StringVar(&c.writeBaseline, "write-baseline", "", "record every finding in this baseline `file` and exit 0")
	fs.BoolVar(&c.sourceOnly, "source-only", false, "check schema and style of the source only; skip rendering variants (no limits.* or facts.* findings)")
	fs.Usage = func() {
		fmt.Fprint(stderr, checkUsage)
		fmt.Fprintln(stderr, "flags:")
		fs.PrintDefaults()
	}

	positional, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, errFlagsReported // the flag set has said what is wrong
	}
	switch len(positional) {
	case 0:
		c.dir = "."
	case 1:
		c.dir = positional[0]
	default:
		return nil, fmt.Errorf("one workspace folder at most, got %d: %s", len(positional), strings.Join(positional, " "))
	}

	if c.format, err = lookupFormat(*formatName); err != nil {
		return nil, err
	}
	if c.failOn, err = content.ParseSeverity(*failOn); err != nil {
		return nil, fmt.Errorf("--fail-on: %w", err)
	}
	if c.baseline != "" && c.writeBaseline != "" {
		return nil, errors.New("--baseline and --write-baseline do not go together: write the new baseline from the whole set of findings")
	}
	return &c, nil
}

// errFlagsReported is a bad command line the flag set has already
// described on stderr.
var errFlagsReported = errors.New("bad flags")

// runCheck is `chorus check`.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, err := parseCheckFlags(args, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errFlagsReported):
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "chorus check: %v\n", err)
		return 2
	}
	if c.sourceOnly && os.Getenv("GOGC") == "" {
		// A source-only check allocates a lot and keeps little: the items
		// are shed as they are checked. Collecting at 200 instead of 100
		// cuts the collections by two thirds for a peak heap that stays
		// small (about 23 MB on 5,000 items), and the 5,000-item benchmark
		// runs about 5% faster. A full check keeps every item for the
		// channel checks, so there the setting would only grow the heap.
		// GOGC in the environment wins.
		defer debug.SetGCPercent(debug.SetGCPercent(200))
	}
	code, err := c.run(ctx, stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "chorus check: %v\n", err)
		return 2
	}
	return code
}

// run checks the workspace and writes the report; the error is for a run
// that failed.
func (c *checkFlags) run(ctx context.Context, stdout, stderr io.Writer) (int, error) {
	if st, err := os.Stat(c.dir); err != nil {
		return 2, fmt.Errorf("workspace: %w", err)
	} else if !st.IsDir() {
		return 2, fmt.Errorf("workspace: %s is not a folder", c.dir)
	}
	var known baseline
	if c.baseline != "" {
		var err error
		if known, err = readBaseline(c.baseline); err != nil {
			return 2, err
		}
	}

	var only map[string]bool // files to report on; nil: all
	if c.changedSince != "" {
		changed, err := changedFiles(ctx, c.dir, c.changedSince)
		if err != nil {
			return 2, fmt.Errorf("--changed-since %s: %w", c.changedSince, err)
		}
		only = map[string]bool{}
		for _, f := range changed {
			if changesEverything(f) {
				only = nil
				break
			}
			only[f] = true
		}
	}

	pass := func() ([]content.Finding, *content.Workspace, *workspaceFiles, int, error) {
		keep := c.fix || c.baseline != "" || c.writeBaseline != "" || c.format.name == "sarif"
		found, ws, err := collectFindings(ctx, c.dir, checkOptions{only: only, sourceOnly: c.sourceOnly, keepSource: keep})
		if err != nil {
			return nil, nil, nil, 0, err
		}
		if only != nil {
			kept := found[:0]
			for _, f := range found {
				if only[f.Pos.File] {
					kept = append(kept, f)
				}
			}
			found = kept
		}
		files := newWorkspaceFiles(c.dir, ws)
		hidden := 0
		if known != nil {
			found, hidden = known.filter(found, files.lineText)
		}
		return found, ws, files, hidden, nil
	}

	found, ws, files, hidden, err := pass()
	if err != nil {
		return 2, err
	}
	if c.fix {
		changes := stdout
		if c.format.name != "text" {
			changes = stderr // keep machine-readable output clean
		}
		applied, fixErr := applyFixes(c.dir, found, files.checked)
		for _, a := range applied {
			fmt.Fprintln(changes, a)
		}
		if fixErr != nil {
			return 2, fixErr
		}
		if len(applied) > 0 {
			if found, ws, files, hidden, err = pass(); err != nil {
				return 2, err
			}
		}
	}

	if c.writeBaseline != "" {
		if err := writeBaseline(c.writeBaseline, found, files.lineText); err != nil {
			return 2, err
		}
		fmt.Fprintf(stderr, "chorus check: wrote %s to %s\n", plural(len(found), "finding"), c.writeBaseline)
		return 0, nil
	}

	r := &report{
		findings:  found,
		files:     checkedFiles(c.dir, ws, found, only),
		failOn:    c.failOn,
		baselined: hidden,
		lineText:  files.lineText,
	}
	if c.format.name == "github" || c.format.name == "sarif" {
		r.prefix = pathPrefix(ctx, c.dir)
	}
	if err := c.format.write(stdout, r); err != nil {
		return 2, fmt.Errorf("writing the report: %w", err)
	}
	fmt.Fprintln(stderr, r.summary())
	if r.failed() {
		return 1, nil
	}
	return 0, nil
}

// pathPrefix is the workspace folder as GitHub sees paths: relative to
// the root of its git repository, or else to the current folder, with a
// trailing '/'; "" when it is the root.
func pathPrefix(ctx context.Context, dir string) string {
	if p, ok := repoPrefix(ctx, dir); ok {
		return p
	}
	if filepath.IsAbs(dir) || !filepath.IsLocal(dir) {
		return ""
	}
	p := filepath.ToSlash(filepath.Clean(dir))
	if p == "." {
		return ""
	}
	return p + "/"
}
