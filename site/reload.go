package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/styleguide"
)

// inputs are the workspace-wide files a snapshot was built from, to tell
// which of them a reload changed.
type inputs struct {
	config []byte            // chorus.yaml; nil when missing
	styles map[string][]byte // style guide path → bytes
}

// Reload loads the workspace from disk, builds a new snapshot beside the
// live one (reusing every entry whose files did not change) and swaps it
// in. Files with errors do not replace their last good version: a broken
// chorus.yaml or style guide keeps the whole live snapshot, an item file
// that no longer loads keeps its previous entry, an item whose new version
// renders with errors keeps its previous error-free entry, and the errors
// are kept for /v1/status and the preview page. The error is for a reload
// that could not run at all.
func (s *Server) Reload(ctx context.Context) error {
	return s.reloadFiles(ctx, nil)
}

// reloadFiles is Reload for a caller that knows which content files may
// have changed since the last reload (changed reports them; nil means any
// file may have): the others are taken from the parse cache unread.
func (s *Server) reloadFiles(ctx context.Context, changed func(string) bool) error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	start := time.Now()
	err := s.reload(ctx, changed)
	d := time.Since(start)
	s.reloads.Add(1)
	s.metrics.reloads.Inc()
	s.metrics.reloadSeconds.Observe(d.Seconds())
	if err != nil {
		s.metrics.reloadsFailed.Inc()
		s.log.Error("reload failed", "error", err.Error(), "duration", d)
		s.setReloadError(&ReloadError{At: s.now().UTC(), Message: err.Error()}, nil, d)
		return err
	}
	return nil
}

// setReloadError records a failed reload on the live state, keeping its
// snapshot.
func (s *Server) setReloadError(re *ReloadError, pending map[string][]content.Finding, d time.Duration) {
	old := s.state.Load()
	if old == nil {
		return
	}
	st := *old
	st.reloadErr, st.pending, st.duration = re, pending, d
	s.storeState(&st)
}

// storeState makes st the live state and, when the reload's problems
// changed with it, tells the event streams, so that the preview shows a
// broken edit, and its fix, as they happen.
func (s *Server) storeState(st *state) {
	old := s.state.Swap(st)
	if problem(old) != problem(st) {
		s.events.publishStatus(st.snap.Version, st.reloadErr)
	}
}

// problem is the message of the state's reload error; "" when none.
func problem(st *state) string {
	if st == nil || st.reloadErr == nil {
		return ""
	}
	return st.reloadErr.Message
}

func (s *Server) reload(ctx context.Context, changed func(string) bool) error {
	start := time.Now()
	ws, err := content.Load(s.opts.Dir, content.Options{Channels: s.ids, Cache: s.cache, Changed: changed})
	if err != nil {
		return err
	}
	g, gfs := styleguide.CompileWith(ws.StyleFiles, styleguide.Options{Channels: s.ids})
	ws.Findings = append(ws.Findings, gfs...)
	content.SortFindings(ws.Findings)
	in := readInputs(s.opts.Dir, ws)
	commitc := make(chan string, 1)
	go func() { commitc <- s.opts.Commit(ctx, s.opts.Dir) }()
	commit := func() string { c := <-commitc; commitc <- c; return c }

	old := s.state.Load()
	var prev *Snapshot
	if old != nil {
		prev = old.snap
	}
	now := s.now().UTC()

	wsErrs := workspaceErrors(ws.Findings)
	if prev != nil && !old.wsErrors {
		if fs := wsErrs; len(fs) > 0 {
			re := &ReloadError{At: now, Message: fmt.Sprintf("%s has errors; serving the last good snapshot", describeFiles(fs)), Findings: fs}
			s.metrics.reloadsFailed.Inc()
			s.log.Warn("reload kept the last good snapshot", "errors", len(fs), "first", fs[0].String())
			s.setReloadError(re, nil, time.Since(start))
			return nil
		}
	}

	opts := Options{Adapters: s.opts.Adapters, Previous: prev, Changed: s.changedFunc(prev, ws, in), Now: s.now}
	snap := Build(ctx, ws, g, opts)
	if err := ctx.Err(); err != nil {
		return err
	}

	// Files whose new version has errors keep their last good entry.
	broken, unloadable := brokenFiles(ws, snap)
	var kept []string
	if prev != nil && len(broken) > 0 {
		good := lastGood(prev, broken, unloadable)
		ws2, k := keepGood(ws, broken, good)
		if len(k) > 0 {
			kept = k
			opts.Changed = s.changedFunc(prev, ws2, in)
			snap = Build(ctx, ws2, g, opts)
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	var re *ReloadError
	pending := map[string][]content.Finding{}
	var reFindings []content.Finding
	for file, fs := range broken {
		// Problems of a file with no usable version, or whose last good
		// version is kept, are what the reload could not take.
		if slices.Contains(kept, file) || unloadable[file] {
			pending[file] = fs
			reFindings = append(reFindings, fs...)
		}
	}
	if len(wsErrs) > 0 {
		// Broken from the start: there is no good version to keep.
		reFindings = append(reFindings, wsErrs...)
	}
	if len(reFindings) > 0 {
		content.SortFindings(reFindings)
		msg := fmt.Sprintf("%s has errors", describeFiles(reFindings))
		if len(kept) > 0 {
			if len(kept) == 1 {
				msg += "; 1 item keeps its last good variants"
			} else {
				msg += fmt.Sprintf("; %d items keep their last good variants", len(kept))
			}
		}
		re = &ReloadError{At: now, Message: msg, Findings: reFindings}
	}

	changes := snap.Diff(prev)
	st := &state{
		snap:       snap,
		loadedAt:   now,
		duration:   time.Since(start),
		commit:     commit(),
		reloadErr:  re,
		wsErrors:   len(wsErrs) > 0,
		authBroken: configBroken(wsErrs) && declaresTokens().Match(in.config),
		pending:    pending,
		bodies:     newBodyCache(),
	}
	s.storeState(st)
	s.inputs = in
	s.metrics.items.Set(float64(snap.Stats.Items))
	s.metrics.variants.Set(float64(snap.Stats.Variants))
	if re != nil {
		s.metrics.reloadsFailed.Inc()
	}
	s.log.Info("snapshot loaded", "version", snap.Version, "items", snap.Stats.Items, "variants", snap.Stats.Variants,
		"rendered", snap.Stats.Rendered, "reused", snap.Stats.Reused, "changes", len(changes), "duration", st.duration)

	var cfgHooks []content.WebhookConfig
	if snap.Config != nil {
		cfgHooks = snap.Config.Server.Webhooks
	}
	s.hooks.configure(cfgHooks)
	if prev != nil && (prev.Version != snap.Version || len(changes) > 0) {
		ev := s.events.publish(EventSnapshot, snap.Version, changes)
		if len(changes) > 0 {
			s.hooks.notify(ev) // receivers care about variants, not findings
		}
	}
	return nil
}

// readInputs takes the configuration bytes from the loaded workspace; the
// style files are already in memory, chorus.yaml is read again.
func readInputs(dir string, ws *content.Workspace) inputs {
	in := inputs{styles: make(map[string][]byte, len(ws.StyleFiles))}
	for _, f := range ws.StyleFiles {
		in.styles[f.Path] = f.Data
	}
	in.config = readConfigBytes(dir)
	return in
}

// changedFunc tells Build which files changed since prev: a content file
// whose parsed item is not the very one prev holds (the content cache
// hands back the same item for unchanged bytes), and workspace files whose
// bytes differ.
func (s *Server) changedFunc(prev *Snapshot, ws *content.Workspace, in inputs) func(string) bool {
	if prev == nil {
		return nil
	}
	was := make(map[string]*content.Item, len(prev.Entries))
	for _, e := range prev.Entries {
		was[e.Item.File] = e.Item
	}
	is := make(map[string]*content.Item, len(ws.Items))
	for _, it := range ws.Items {
		is[it.File] = it
	}
	old := s.inputs
	return func(file string) bool {
		switch {
		case file == content.ConfigFile:
			return !bytes.Equal(old.config, in.config) || (old.config == nil) != (in.config == nil)
		case strings.HasPrefix(file, "styleguide/"):
			o, ok1 := old.styles[file]
			n, ok2 := in.styles[file]
			return ok1 != ok2 || !bytes.Equal(o, n)
		}
		o, n := was[file], is[file]
		return o == nil || o != n
	}
}

// declaresTokens spots a tokens key in chorus.yaml text that did not
// parse, so that a broken file never opens a guarded server. It is
// compiled the first time chorus.yaml does not parse.
var declaresTokens = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)^\s*tokens\s*:`)
})

func configBroken(fs []content.Finding) bool {
	for _, f := range fs {
		if f.Pos.File == content.ConfigFile {
			return true
		}
	}
	return false
}

// workspaceErrors returns the error findings of chorus.yaml and the style
// guide: with those the whole workspace would be judged wrongly.
func workspaceErrors(fs []content.Finding) []content.Finding {
	var out []content.Finding
	for _, f := range fs {
		if f.Severity == content.Error && (f.Pos.File == content.ConfigFile || f.Pos.File == "styleguide" || strings.HasPrefix(f.Pos.File, "styleguide/")) {
			out = append(out, f)
		}
	}
	return out
}

// brokenFiles maps every content file with an error finding, from loading
// or from its entry, to those errors; unloadable lists those of them that
// gave no item at all.
func brokenFiles(ws *content.Workspace, snap *Snapshot) (broken map[string][]content.Finding, unloadable map[string]bool) {
	broken, unloadable = map[string][]content.Finding{}, map[string]bool{}
	for _, f := range ws.Findings {
		if f.Severity == content.Error && strings.HasPrefix(f.Pos.File, "content/") {
			broken[f.Pos.File] = append(broken[f.Pos.File], f)
			unloadable[f.Pos.File] = true
		}
	}
	for _, e := range snap.Entries {
		delete(unloadable, e.Item.File)
		for _, f := range e.Findings {
			if f.Severity == content.Error {
				broken[e.Item.File] = append(broken[e.Item.File], f)
			}
		}
	}
	return broken, unloadable
}

// lastGood picks, for each broken file, the previous entry to keep: any
// previous entry when the file no longer loads at all, or one without
// errors when the new version renders with errors.
func lastGood(prev *Snapshot, broken map[string][]content.Finding, unloadable map[string]bool) map[string]*Entry {
	out := map[string]*Entry{}
	for _, e := range prev.Entries {
		f := e.Item.File
		if _, bad := broken[f]; bad && (unloadable[f] || !hasError(e.Findings)) {
			out[f] = e
		}
	}
	return out
}

func hasError(fs []content.Finding) bool {
	for _, f := range fs {
		if f.Severity == content.Error {
			return true
		}
	}
	return false
}

// keepGood returns a copy of ws in which every broken file that had a
// good entry in the previous snapshot contributes that entry's item
// instead of its new one, and the files it did that for.
func keepGood(ws *content.Workspace, broken map[string][]content.Finding, good map[string]*Entry) (*content.Workspace, []string) {
	var kept []string
	ws2 := *ws
	ws2.Items = make([]*content.Item, 0, len(ws.Items)+len(broken))
	taken := make(map[string]bool, len(ws.Items))
	for _, it := range ws.Items {
		if _, bad := broken[it.File]; bad && good[it.File] != nil {
			continue
		}
		ws2.Items = append(ws2.Items, it)
		taken[it.Key()] = true
	}
	for file := range broken {
		e := good[file]
		if e == nil || taken[e.Item.Key()] {
			continue
		}
		taken[e.Item.Key()] = true
		ws2.Items = append(ws2.Items, e.Item)
		kept = append(kept, file)
	}
	slices.SortFunc(ws2.Items, func(a, b *content.Item) int { return strings.Compare(a.File, b.File) })
	slices.Sort(kept)
	return &ws2, kept
}

// readConfigBytes returns the bytes of chorus.yaml, or nil.
func readConfigBytes(dir string) []byte {
	b, err := os.ReadFile(filepath.Join(dir, content.ConfigFile))
	if err != nil || len(b) > content.DefaultMaxFileBytes {
		return nil
	}
	return b
}

// describeFiles names the files of findings: "content/a.md" or
// "content/a.md and 2 more files".
func describeFiles(fs []content.Finding) string {
	var files []string
	for _, f := range fs {
		if !slices.Contains(files, f.Pos.File) {
			files = append(files, f.Pos.File)
		}
	}
	switch len(files) {
	case 0:
		return "the workspace"
	case 1:
		return files[0]
	}
	return fmt.Sprintf("%s and %d more %s", files[0], len(files)-1, plural(len(files)-1, "file", "files"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
