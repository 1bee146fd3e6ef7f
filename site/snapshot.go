// Package site owns the Snapshot: every item rendered for every channel,
// checked for limits, style and facts, indexed for lookups, and written
// out as a static bundle with a manifest and feeds.
package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/all"
	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/styleguide"
)

// Snapshot is one build of a workspace: every item with its variants and
// findings, indexed for lookups. A Snapshot is immutable once built and
// safe for concurrent use; a rebuild makes a new one.
type Snapshot struct {
	// Version is a hash of every variant version and every finding: two
	// snapshots of the same input have the same Version.
	Version string
	// BuiltAt is when the build ran. It is not part of Version and never
	// reaches the static output.
	BuiltAt time.Time
	// Config is the workspace's chorus.yaml; nil when it could not be read.
	Config *content.Config
	// Guide is the compiled style guide the build checked against.
	Guide *styleguide.Guide
	// Channels are the channels the snapshot serves, in registry order:
	// those chorus.yaml turns on (all when it names none), plus any an
	// item opted into.
	Channels []string
	// Entries are the items, sorted by id then locale.
	Entries []*Entry
	// Stats tell how much work the build did.
	Stats Stats

	adapters   map[string]adapters.Adapter
	byKey      map[string]*Entry     // id + "\x00" + locale
	byID       map[string][]*Entry   // translations, sorted by locale
	locales    []string              // configured locales, then any other item locales
	lists      map[string]*entryList // channel + "\x00" + locale: resolved entries, newest first, made on first use
	instants   []time.Time           // every publish and expire instant, sorted, unique
	styleFiles []string              // style guide paths the build read

	wsFindings []content.Finding // chorus.yaml, style guide and loading findings, sorted
	findings   []content.Finding // every finding, merged on first use
	merge      sync.Once         // makes findings

	manifestMu sync.Mutex
	manifest   *Manifest // the last one Manifest made, for manifestAt
	manifestAt time.Time
}

// Entry is one item (one id in one locale) with its variants by channel
// and the findings about it.
type Entry struct {
	Item *content.Item
	// Variants maps a channel id to the item's variant on that channel.
	// Channels whose adapter failed have no variant.
	Variants map[string]*adapters.Variant
	// Findings are the style, render, limit and fact findings for the
	// item, sorted.
	Findings []content.Finding

	digest [sha256.Size]byte // of the item's key, variant versions and findings: its part of Snapshot.Version
}

// Stats count the work of one build.
type Stats struct {
	Items    int           // entries in the snapshot
	Variants int           // variants in the snapshot
	Rendered int           // entries rendered by this build
	Reused   int           // entries taken from Options.Previous
	Elapsed  time.Duration // wall time of Build
}

// Options tune Build and Open.
type Options struct {
	// Adapters are the channels to render; nil means every registered
	// channel (adapters/all).
	Adapters []adapters.Adapter
	// Previous, with Changed, turns on incremental builds: an entry whose
	// file did not change, and none of whose translations changed, keeps
	// Previous's variants and findings. A change to chorus.yaml or any
	// style guide file renders everything.
	Previous *Snapshot
	// Changed reports whether a workspace file (a path relative to the
	// root, '/'-separated, as in content.Item.File) changed since
	// Previous was built. Build calls it from several goroutines.
	Changed func(file string) bool
	// Now is the clock for BuiltAt; nil means time.Now.
	Now func() time.Time
}

// Filter narrows Variants. Empty fields match everything.
type Filter struct {
	Type string // item type: "promotion", "article", ...
	Tag  string // one of the item's tags
}

// Open loads the workspace at dir, compiles its style guide and builds a
// snapshot. Problems in the workspace are findings in the snapshot; the
// error is for a run that could not happen at all (dir unreadable,
// cancelled).
func Open(ctx context.Context, dir string, opts Options) (*Snapshot, error) {
	as := opts.Adapters
	if as == nil {
		as = all.Adapters()
	}
	opts.Adapters = as
	ws, err := content.Load(dir, content.Options{Channels: all.IDs()})
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g, gfs := styleguide.CompileWith(ws.StyleFiles, styleguide.Options{Channels: all.IDs()})
	ws.Findings = append(ws.Findings, gfs...)
	s := Build(ctx, ws, g, opts)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// Build renders every item of ws for each of its channels, in parallel,
// checks every variant and indexes the result. It never fails: an adapter
// that errors or panics becomes a render.<channel> finding. When ctx is
// cancelled Build stops early and the snapshot is incomplete; callers
// check ctx.Err.
func Build(ctx context.Context, ws *content.Workspace, g *styleguide.Guide, opts Options) *Snapshot {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	start := time.Now()
	if ws == nil {
		ws = &content.Workspace{}
	}
	as := opts.Adapters
	if as == nil {
		as = all.Adapters()
	}
	s := &Snapshot{
		BuiltAt:  now().UTC(),
		Config:   ws.Config,
		Guide:    g,
		adapters: make(map[string]adapters.Adapter, len(as)),
	}
	var ids []string // every adapter's channel, in registry order
	for _, a := range as {
		if _, dup := s.adapters[a.ID()]; !dup {
			s.adapters[a.ID()] = a
			ids = append(ids, a.ID())
		}
	}
	for _, f := range ws.StyleFiles {
		s.styleFiles = append(s.styleFiles, f.Path)
	}

	items := append([]*content.Item(nil), ws.Items...)
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].ID != items[j].ID {
			return items[i].ID < items[j].ID
		}
		return items[i].Locale < items[j].Locale
	})
	groups := make(map[string][]*content.Item, len(items))
	for _, it := range items {
		groups[it.ID] = append(groups[it.ID], it)
	}

	reuse := s.reusable(opts)
	r := &renderer{cfg: ws.Config, guide: g, adapters: s.adapters, channels: ids}
	entries := make([]*Entry, len(items))
	var rendered atomic.Int64
	parallel(ctx, len(items), func(i int) {
		it := items[i]
		if reuse != nil {
			if e := reuse(it, groups[it.ID]); e != nil {
				entries[i] = e
				return
			}
		}
		e := r.entry(it, alternates(groups[it.ID], it), true)
		e.digest = e.sum()
		entries[i] = e
		rendered.Add(1)
	})

	s.wsFindings = slices.Clone(ws.Findings)
	content.SortFindings(s.wsFindings)
	for _, e := range entries {
		if e != nil { // nil: cancelled before this item
			s.Entries = append(s.Entries, e)
		}
	}
	s.Channels = servedChannels(ids, ws.Config, s.Entries)
	s.index()
	s.Version = s.hash(s.wsFindings)
	s.Stats.Items = len(s.Entries)
	s.Stats.Rendered = int(rendered.Load())
	s.Stats.Reused = len(s.Entries) - s.Stats.Rendered
	for _, e := range s.Entries {
		s.Stats.Variants += len(e.Variants)
	}
	s.Stats.Elapsed = time.Since(start)
	return s
}

// servedChannels lists, in registry order, the channels the workspace
// turns on in chorus.yaml (every channel when it names none) and any
// other channel an item asked for and got a variant on.
func servedChannels(ids []string, cfg *content.Config, entries []*Entry) []string {
	if cfg == nil || len(cfg.Channels) == 0 {
		return ids
	}
	var out []string
	for _, ch := range ids {
		on := slices.Contains(cfg.Channels, ch)
		for _, e := range entries {
			if on {
				break
			}
			on = e.Variants[ch] != nil
		}
		if on {
			out = append(out, ch)
		}
	}
	return out
}

// reusable returns the function that finds an item's entry in
// opts.Previous, or nil when nothing may be reused.
func (s *Snapshot) reusable(opts Options) func(it *content.Item, group []*content.Item) *Entry {
	prev, changed := opts.Previous, opts.Changed
	if prev == nil || changed == nil || prev.byKey == nil {
		return nil
	}
	if changed("chorus.yaml") || !reflect.DeepEqual(prev.Config, s.Config) || !slices.Equal(sortedKeys(prev.adapters), sortedKeys(s.adapters)) ||
		!slices.Equal(prev.styleFiles, s.styleFiles) {
		return nil
	}
	for _, f := range s.styleFiles {
		if changed(f) {
			return nil
		}
	}
	return func(it *content.Item, group []*content.Item) *Entry {
		old := prev.byKey[key(it.ID, it.Locale)]
		if old == nil || old.Item.File != it.File {
			return nil
		}
		// Translations feed hreflang links, so a change to any file of
		// the group, or a translation added or removed, renders anew.
		olds := prev.byID[it.ID]
		if len(olds) != len(group) {
			return nil
		}
		for i, o := range olds {
			if o.Item.File != group[i].File || changed(o.Item.File) {
				return nil
			}
		}
		return &Entry{Item: it, Variants: old.Variants, Findings: old.Findings, digest: old.digest}
	}
}

// alternates lists the other translations of it, sorted by locale.
func alternates(group []*content.Item, it *content.Item) []*content.Item {
	if len(group) < 2 {
		return nil
	}
	alts := make([]*content.Item, 0, len(group)-1)
	for _, o := range group {
		if o != it {
			alts = append(alts, o)
		}
	}
	return alts
}

// parallel calls fn(i) for i in [0, n) on a pool of GOMAXPROCS workers,
// stopping early when ctx is cancelled.
func parallel(ctx context.Context, n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// renderer renders and checks one item at a time; it is shared by the
// workers and holds only read-only state.
type renderer struct {
	cfg      *content.Config
	guide    *styleguide.Guide
	adapters map[string]adapters.Adapter
	channels []string // registry order
}

// entry renders it for each of its channels and checks each variant.
// withStyle adds the style guide's findings on the item's source.
func (r *renderer) entry(it *content.Item, alts []*content.Item, withStyle bool) *Entry {
	e := &Entry{Item: it, Variants: make(map[string]*adapters.Variant)}
	var fs []content.Finding
	if withStyle && r.guide != nil {
		if msg := safely(func() { fs = append(fs, r.guide.CheckItem(it)...) }); msg != "" {
			fs = append(fs, content.Finding{Pos: it.FieldPos("id"), Severity: content.Error, Rule: "style.internal", Item: it.ID,
				Message: "checking the style guide failed: " + msg})
		}
	}
	if r.cfg != nil {
		if msg := safely(func() { fs = append(fs, CheckOverrides(it, r.cfg)...) }); msg != "" {
			fs = append(fs, content.Finding{Pos: it.FieldPos("id"), Severity: content.Error, Rule: "facts.internal", Item: it.ID,
				Message: "checking the overrides' facts failed: " + msg})
		}
		memo := factMemo{}
		for _, ch := range r.channelsOf(it) {
			v, vfs := r.variant(it, alts, r.adapters[ch], memo)
			if v != nil {
				e.Variants[ch] = v
			}
			fs = append(fs, vfs...)
		}
	}
	e.Findings = dedupe(fs)
	return e
}

// channelsOf lists the channels it renders on, in registry order: its
// resolved channels, or every configured channel, that have an adapter.
func (r *renderer) channelsOf(it *content.Item) []string {
	want := it.Resolved
	if len(want) == 0 {
		want = r.cfg.Channels
	}
	if len(want) == 0 {
		return r.channels
	}
	out := make([]string, 0, len(want))
	for _, ch := range r.channels {
		if slices.Contains(want, ch) {
			out = append(out, ch)
		}
	}
	return out
}

// variant renders one channel's variant and checks it. An adapter error
// or panic becomes a render.<channel> finding and no variant.
func (r *renderer) variant(it *content.Item, alts []*content.Item, a adapters.Adapter, memo factMemo) (*adapters.Variant, []content.Finding) {
	ch := a.ID()
	in := &adapters.Input{Item: it, Config: r.cfg, Guide: r.guide, Alternates: alts}
	var v *adapters.Variant
	var err error
	var fs []content.Finding
	msg := safely(func() {
		v, err = a.Render(in)
		if err == nil && v != nil {
			fs = checkVariant(in, a, v, memo)
		}
	})
	fail := func(m string) (*adapters.Variant, []content.Finding) {
		return nil, []content.Finding{{Pos: it.FieldPos("id"), Severity: content.Error, Rule: "render." + ch,
			Channel: ch, Item: it.ID, Message: m}}
	}
	switch {
	case msg != "":
		return fail(fmt.Sprintf("the %s adapter failed on this item: %s", ch, msg))
	case err != nil:
		return fail(fmt.Sprintf("cannot render for %s: %v", ch, err))
	case v == nil:
		return fail(fmt.Sprintf("the %s adapter returned no variant", ch))
	}
	return v, fs
}

// safely runs fn and turns a panic into its message.
func safely(fn func()) (panicked string) {
	defer func() {
		if p := recover(); p != nil {
			panicked = fmt.Sprint(p)
			if panicked == "" {
				panicked = "panic"
			}
		}
	}()
	fn()
	return ""
}

// dedupe sorts findings and drops exact repeats: an override is checked
// both as source and as the variant text that used it.
func dedupe(fs []content.Finding) []content.Finding {
	content.SortFindings(fs)
	out := fs[:0]
	for i, f := range fs {
		if i > 0 && sameFinding(fs[i-1], f) {
			continue
		}
		out = append(out, f)
	}
	return out
}

func sameFinding(a, b content.Finding) bool {
	return a.Pos == b.Pos && a.Severity == b.Severity && a.Rule == b.Rule && a.Message == b.Message &&
		a.Channel == b.Channel && a.Item == b.Item
}

// CheckVariants renders every item of ws on its channels and returns the
// variant-level findings only (render, limits, facts and the style guide
// run over variant text), sorted: what Build adds to loading and the
// style check of the source. as nil means every registered channel.
func CheckVariants(ctx context.Context, ws *content.Workspace, g *styleguide.Guide, as []adapters.Adapter) []content.Finding {
	if ws == nil || ws.Config == nil {
		return nil
	}
	if as == nil {
		as = all.Adapters()
	}
	r := &renderer{cfg: ws.Config, guide: g, adapters: map[string]adapters.Adapter{}}
	for _, a := range as {
		if _, dup := r.adapters[a.ID()]; !dup {
			r.adapters[a.ID()] = a
			r.channels = append(r.channels, a.ID())
		}
	}
	groups := map[string][]*content.Item{}
	for _, it := range ws.Items {
		groups[it.ID] = append(groups[it.ID], it)
	}
	for _, grp := range groups {
		sort.SliceStable(grp, func(i, j int) bool { return grp[i].Locale < grp[j].Locale })
	}
	per := make([][]content.Finding, len(ws.Items))
	parallel(ctx, len(ws.Items), func(i int) {
		it := ws.Items[i]
		per[i] = r.entry(it, alternates(groups[it.ID], it), false).Findings
	})
	var fs []content.Finding
	for _, p := range per {
		fs = append(fs, p...)
	}
	content.SortFindings(fs)
	return fs
}

func key(id, locale string) string { return id + "\x00" + locale }

// index builds the lookup maps once, so that lookups need no scans.
func (s *Snapshot) index() {
	s.byKey = make(map[string]*Entry, len(s.Entries))
	s.byID = make(map[string][]*Entry, len(s.Entries))
	seenLoc := map[string]bool{}
	if s.Config != nil {
		for _, l := range s.Config.LocaleCodes() {
			if !seenLoc[l] {
				seenLoc[l] = true
				s.locales = append(s.locales, l)
			}
		}
	}
	var extra []string
	inst := map[time.Time]bool{}
	kept := s.Entries[:0]
	for _, e := range s.Entries {
		k := key(e.Item.ID, e.Item.Locale)
		if s.byKey[k] != nil {
			continue // a duplicate the loader already reported
		}
		kept = append(kept, e)
		s.byKey[k] = e
		s.byID[e.Item.ID] = append(s.byID[e.Item.ID], e)
		if l := e.Item.Locale; !seenLoc[l] {
			seenLoc[l] = true
			extra = append(extra, l)
		}
		for _, t := range []*time.Time{e.Item.Publish, e.Item.Expire} {
			if t != nil {
				inst[t.UTC()] = true
			}
		}
	}
	s.Entries = kept
	sort.Strings(extra)
	s.locales = append(s.locales, extra...)
	for t := range inst {
		s.instants = append(s.instants, t)
	}
	slices.SortFunc(s.instants, func(a, b time.Time) int { return a.Compare(b) })

	// The lists are resolved on first use, not here: a rebuild after
	// one edit would otherwise resolve every channel and locale again.
	s.lists = make(map[string]*entryList, len(s.Channels)*len(s.locales))
	for _, ch := range s.Channels {
		for _, l := range s.locales {
			s.lists[key(ch, l)] = &entryList{}
		}
	}
}

// entryList is one channel and locale's resolved entries, made once.
type entryList struct {
	once    sync.Once
	entries []*Entry
}

// resolveAll lists, for every item id with a variant on channel, the entry
// that serves locale (through the locale chain), newest publish first,
// then by id.
func (s *Snapshot) resolveAll(channel, locale string) []*Entry {
	var out []*Entry
	chain := s.chain(locale)
	last := ""
	for i, e := range s.Entries {
		if i > 0 && e.Item.ID == last {
			continue
		}
		last = e.Item.ID
		if r := s.resolveEntry(channel, e.Item.ID, chain); r != nil {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Item.Publish, out[j].Item.Publish
		switch {
		case a != nil && b != nil && !a.Equal(*b):
			return a.After(*b)
		case (a == nil) != (b == nil):
			return a != nil
		}
		return out[i].Item.ID < out[j].Item.ID
	})
	return out
}

func (s *Snapshot) chain(locale string) []string {
	if s.Config == nil {
		return []string{locale}
	}
	return s.Config.LocaleChain(locale)
}

func (s *Snapshot) resolveEntry(channel, id string, chain []string) *Entry {
	for _, l := range chain {
		if e := s.byKey[key(id, l)]; e != nil && e.Variants[channel] != nil {
			return e
		}
	}
	return nil
}

// hash computes Version from the workspace-level findings (chorus.yaml,
// style guide, files that did not load) and every entry's digest. The
// digests are made when an entry is rendered and travel with it when a
// rebuild reuses it, so an edit re-hashes only what it touched.
func (s *Snapshot) hash(wsFindings []content.Finding) string {
	h := sha256.New()
	var b []byte
	for _, f := range wsFindings {
		b = appendFinding(b, f)
	}
	h.Write(b)
	for _, e := range s.Entries {
		h.Write(e.digest[:])
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// sum hashes the entry's key, its variant versions by channel and its
// findings. It writes the bytes by hand: fmt costs more than the hashing.
func (e *Entry) sum() [sha256.Size]byte {
	b := make([]byte, 0, 1024)
	b = append(append(append(append(b, e.Item.ID...), 0), e.Item.Locale...), '\n')
	for _, ch := range sortedKeys(e.Variants) {
		b = append(append(append(append(append(b, '\t'), ch...), 0), e.Variants[ch].Version...), '\n')
	}
	for _, f := range e.Findings {
		b = appendFinding(b, f)
	}
	return sha256.Sum256(b)
}

func appendFinding(b []byte, f content.Finding) []byte {
	b = append(append(append(append(append(b, f.String()...), 0), f.Channel...), 0), f.Item...)
	return append(b, '\n')
}

// Findings returns every finding of the snapshot, sorted: loading,
// style, render, limits and facts. They are merged from the entries on
// the first call, so that a rebuild after one edit does not pay for it
// until someone asks. The slice is shared; do not modify it.
func (s *Snapshot) Findings() []content.Finding {
	s.merge.Do(func() {
		runs := make([][]content.Finding, 0, len(s.Entries)+1)
		runs = append(runs, s.wsFindings)
		for _, e := range s.Entries {
			runs = append(runs, e.Findings)
		}
		s.findings = mergeFindings(runs)
	})
	return s.findings
}

// Count tallies the snapshot's findings by severity without merging them.
func (s *Snapshot) Count() (errors, warnings, suggestions int) {
	add := func(fs []content.Finding) {
		e, w, sg := content.Count(fs)
		errors, warnings, suggestions = errors+e, warnings+w, suggestions+sg
	}
	add(s.wsFindings)
	for _, e := range s.Entries {
		add(e.Findings)
	}
	return errors, warnings, suggestions
}

// mergeFindings returns the findings of runs, each sorted as
// content.SortFindings sorts, in one sorted slice, in the order a stable
// sort of their concatenation gives. A sorted run holds each file's
// findings together, so the runs are cut into one piece per file, the
// pieces ordered by file, and only a file with pieces from more than one
// run is sorted again: a rebuild after one edit does not pay a full sort
// of every finding of a large workspace.
func mergeFindings(runs [][]content.Finding) []content.Finding {
	var pieces [][]content.Finding
	n := 0
	for _, r := range runs {
		n += len(r)
		for len(r) > 0 {
			j := 1
			for j < len(r) && r[j].Pos.File == r[0].Pos.File {
				j++
			}
			pieces = append(pieces, r[:j])
			r = r[j:]
		}
	}
	if n == 0 {
		return nil
	}
	slices.SortStableFunc(pieces, func(a, b []content.Finding) int { return strings.Compare(a[0].Pos.File, b[0].Pos.File) })
	out := make([]content.Finding, 0, n)
	for i := 0; i < len(pieces); {
		j := i + 1
		for j < len(pieces) && pieces[j][0].Pos.File == pieces[i][0].Pos.File {
			j++
		}
		start := len(out)
		for _, p := range pieces[i:j] {
			out = append(out, p...)
		}
		if j-i > 1 {
			content.SortFindings(out[start:])
		}
		i = j
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Entry returns the item id in exactly locale, or nil.
func (s *Snapshot) Entry(id, locale string) *Entry { return s.byKey[key(id, locale)] }

// Translations returns every locale of item id, sorted by locale.
func (s *Snapshot) Translations(id string) []*Entry { return s.byID[id] }

// Adapter returns the adapter of a channel the snapshot serves, or nil.
func (s *Snapshot) Adapter(channel string) adapters.Adapter {
	if !slices.Contains(s.Channels, channel) {
		return nil
	}
	return s.adapters[channel]
}

// Locales lists the locales the snapshot serves: the configured ones,
// default first, then any other locale an item uses, sorted.
func (s *Snapshot) Locales() []string { return slices.Clone(s.locales) }

// HasErrors reports whether any finding is an error.
func (s *Snapshot) HasErrors() bool {
	e, _, _ := s.Count()
	return e > 0
}

// Resolve finds the variant of item id on channel for locale, falling back
// along the configured locale chain. It returns the variant, the locale
// actually served and whether one was found. It ignores publishing
// windows: callers check the variant's Publish and Expire.
func (s *Snapshot) Resolve(channel, id, locale string) (*adapters.Variant, string, bool) {
	e := s.resolveEntry(channel, id, s.chain(locale))
	if e == nil {
		return nil, "", false
	}
	return e.Variants[channel], e.Item.Locale, true
}

// Variants lists the variants on channel for locale that are published at
// at (publish <= at < expire) and match filter, newest publish first. An
// item without a translation in locale is served in the first fallback
// locale that has one.
func (s *Snapshot) Variants(channel, locale string, at time.Time, filter Filter) []*adapters.Variant {
	es := s.published(channel, locale, at, filter)
	out := make([]*adapters.Variant, len(es))
	for i, e := range es {
		out[i] = e.Variants[channel]
	}
	return out
}

// published is Variants returning the entries.
func (s *Snapshot) published(channel, locale string, at time.Time, filter Filter) []*Entry {
	var list []*Entry
	l, ok := s.lists[key(channel, locale)]
	if ok {
		l.once.Do(func() { l.entries = s.resolveAll(channel, locale) })
		list = l.entries
	} else {
		if s.Adapter(channel) == nil {
			return nil
		}
		list = s.resolveAll(channel, locale)
	}
	var out []*Entry
	for _, e := range list {
		it := e.Item
		if !it.PublishedAt(at) || (filter.Type != "" && it.Type != filter.Type) ||
			(filter.Tag != "" && !slices.Contains(it.Tags, filter.Tag)) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// NextChange returns the first publish or expire instant strictly after
// after, when some variant appears or disappears without a rebuild.
func (s *Snapshot) NextChange(after time.Time) (time.Time, bool) {
	i := sort.Search(len(s.instants), func(i int) bool { return s.instants[i].After(after) })
	if i == len(s.instants) {
		return time.Time{}, false
	}
	return s.instants[i], true
}

// Change is one variant that differs between two snapshots.
type Change struct {
	Channel string `json:"channel"`
	ID      string `json:"id"`
	Locale  string `json:"locale"`
	Kind    string `json:"kind"`              // "added", "changed" or "removed"
	Version string `json:"version,omitempty"` // the new version; empty when removed
}

// Changes lists what differs between two snapshots, sorted by channel,
// id and locale.
type Changes []Change

// IDs returns the ids of the changed items, sorted and unique.
func (c Changes) IDs() []string {
	ids := make([]string, 0, len(c))
	for _, ch := range c {
		ids = append(ids, ch.ID)
	}
	sort.Strings(ids)
	return slices.Compact(ids)
}

// Channels returns the channels with a change, sorted and unique.
func (c Changes) Channels() []string {
	chs := make([]string, 0, len(c))
	for _, ch := range c {
		chs = append(chs, ch.Channel)
	}
	sort.Strings(chs)
	return slices.Compact(chs)
}

// Diff compares s with an older snapshot by variant version. A nil old
// snapshot makes every variant "added". An entry an incremental build
// reused holds the very variant map old holds and cannot differ, so a
// rebuild after one edit compares only what it rendered.
func (s *Snapshot) Diff(old *Snapshot) Changes {
	var c Changes
	var oldKey map[string]*Entry
	if old != nil {
		oldKey = old.byKey
	}
	for _, e := range s.Entries {
		o := oldKey[key(e.Item.ID, e.Item.Locale)]
		if sameVariants(e, o) {
			continue
		}
		for ch, v := range e.Variants {
			switch {
			case o == nil || o.Variants[ch] == nil:
				c = append(c, Change{Channel: ch, ID: e.Item.ID, Locale: e.Item.Locale, Kind: "added", Version: v.Version})
			case o.Variants[ch].Version != v.Version:
				c = append(c, Change{Channel: ch, ID: e.Item.ID, Locale: e.Item.Locale, Kind: "changed", Version: v.Version})
			}
		}
	}
	if old != nil {
		for _, o := range old.Entries {
			e := s.byKey[key(o.Item.ID, o.Item.Locale)]
			if sameVariants(e, o) {
				continue
			}
			for ch := range o.Variants {
				if e == nil || e.Variants[ch] == nil {
					c = append(c, Change{Channel: ch, ID: o.Item.ID, Locale: o.Item.Locale, Kind: "removed"})
				}
			}
		}
	}
	slices.SortFunc(c, func(a, b Change) int {
		if x := strings.Compare(a.Channel, b.Channel); x != 0 {
			return x
		}
		if x := strings.Compare(a.ID, b.ID); x != 0 {
			return x
		}
		return strings.Compare(a.Locale, b.Locale)
	})
	return c
}

// sameVariants reports whether two entries hold the very same variant map.
func sameVariants(a, b *Entry) bool {
	return a != nil && b != nil && reflect.ValueOf(a.Variants).UnsafePointer() == reflect.ValueOf(b.Variants).UnsafePointer()
}
