package content

import (
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultMaxFileBytes is the size above which a content file is refused.
const DefaultMaxFileBytes = 10 << 20

// ConfigFile is the workspace configuration file, relative to the root.
const ConfigFile = "chorus.yaml"

// Load reads a workspace: chorus.yaml, the style guide files and every
// content/**/*.md item. Problems in files are findings in the returned
// Workspace; the error is only for a run that cannot start (the root is
// missing or is not a readable folder).
func Load(root string, opts Options) (*Workspace, error) {
	fi, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("loading workspace: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("loading workspace: %s is not a folder", root)
	}
	if _, err := os.ReadDir(root); err != nil {
		return nil, fmt.Errorf("loading workspace: %w", err)
	}
	if opts.MaxFileBytes <= 0 {
		opts.MaxFileBytes = DefaultMaxFileBytes
	}
	ws := &Workspace{Root: root}
	l := &loader{root: root, opts: opts}

	cfg, fs := loadConfig(root, opts.Channels)
	ws.Config, l.cfg = cfg, cfg
	l.locales = cfg.LocaleCodes()
	ws.Findings = append(ws.Findings, fs...)
	if opts.Cache != nil {
		opts.Cache.begin(settingKey(cfg, opts.Channels))
	}

	// Content files are read and parsed as the walk finds them, while the
	// style guide is read and compiled; an item waits for the guide only
	// to be visited.
	found := make(chan contentFile, 64)
	var walkFinds []Finding
	go func() {
		defer close(found)
		walkFinds = findContent(root, func(f contentFile) { found <- f })
	}()
	l.visitReady = make(chan struct{})
	l.pooled = opts.Visit != nil && opts.Cache == nil && opts.ProseOnly
	loaded := l.loadAll(found)
	func() {
		returned := false
		defer func() {
			if !returned {
				// Visit panicked: the loading goroutines stop reading and
				// drain the walk before the panic goes on.
				l.abandoned.Store(true)
			}
			close(l.visitReady)
			if !returned {
				loaded()
			}
		}()
		styles, fs := loadStyleFiles(root, opts.MaxFileBytes)
		ws.StyleFiles = styles
		ws.Findings = append(ws.Findings, fs...)
		if opts.Visit != nil {
			l.visit = opts.Visit(ws)
		}
		returned = true
	}()
	files, results := loaded()
	ws.Findings = append(ws.Findings, walkFinds...)
	if opts.Cache != nil {
		opts.Cache.keep(files)
	}

	ws.Items = make([]*Item, 0, len(results))
	seen := make(map[string]*Item, len(results))
	for i := range results {
		it := results[i].item
		if it == nil {
			continue
		}
		if first, dup := seen[it.Key()]; dup {
			// A duplicate is dropped, and its visit's findings with it.
			results[i].visited = []Finding{{
				Pos: it.FieldPos("id"), Rule: "item.duplicate_id", Item: it.ID,
				Message: fmt.Sprintf("id %q in locale %s is already used by %s", it.ID, it.Locale, first.File),
			}}
			continue
		}
		seen[it.Key()] = it
		ws.Items = append(ws.Items, it)
	}
	ws.Findings = appendResults(ws.Findings, results)
	if opts.Only != nil {
		kept := ws.Findings[:0]
		for _, f := range ws.Findings {
			if !strings.HasPrefix(f.Pos.File, "content/") || opts.Only[f.Pos.File] {
				kept = append(kept, f)
			}
		}
		ws.Findings = kept
	}
	SortFindings(ws.Findings)
	return ws, nil
}

// appendResults appends each result's findings and then its visit's, in
// order. On a large workspace that is megabytes of memory the process
// touches for the first time, which the goroutines share.
func appendResults(fs []Finding, results []fileResult) []Finding {
	n := len(fs)
	for _, r := range results {
		n += len(r.findings) + len(r.visited)
	}
	fs = slices.Grow(fs, n-len(fs))
	at := len(fs)
	fs = fs[:n]
	parts := min(runtime.GOMAXPROCS(0), len(results))
	var wg sync.WaitGroup
	for p := range parts {
		chunk := results[p*len(results)/parts : (p+1)*len(results)/parts]
		wg.Add(1)
		go func(at int) {
			defer wg.Done()
			for _, r := range chunk {
				at += copy(fs[at:], r.findings)
				at += copy(fs[at:], r.visited)
			}
		}(at)
		for _, r := range chunk {
			at += len(r.findings) + len(r.visited)
		}
	}
	wg.Wait()
	return fs
}

// loader holds what every content file is checked against.
type loader struct {
	root    string
	opts    Options
	cfg     *Config
	locales []string
	visit   func(*Item) []Finding // from Options.Visit, or nil
	// visitReady is closed once visit is set, as the loading goroutines
	// may start before; abandoned is set when Visit panicked.
	visitReady chan struct{}
	abandoned  atomic.Bool
	// pooled reads content files into readBuffers, which go back to the
	// pool once a visit sheds the item.
	pooled bool
}

type fileResult struct {
	item     *Item
	findings []Finding
	visited  []Finding // from loader.visit; never cached
}

// loadAll loads the files sent on found in parallel, GOMAXPROCS at a
// time, until found is closed. The function it returns waits for the last
// and returns the files sorted by path, with their results in the same
// order.
func (l *loader) loadAll(found <-chan contentFile) func() ([]contentFile, []fileResult) {
	type loaded struct {
		file contentFile
		r    fileResult
	}
	parts := make([][]loaded, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range found {
				if l.abandoned.Load() {
					continue
				}
				r := l.loadFile(f)
				if r.item != nil {
					<-l.visitReady
					if l.visit != nil {
						src := r.item.Src
						r.visited = l.visit(r.item)
						if r.item.Src == nil && l.pooled {
							recycleRead(src.Data) // shed: see readBuffers
						}
					}
				}
				parts[w] = append(parts[w], loaded{f, r})
			}
		}()
	}
	return func() ([]contentFile, []fileResult) {
		wg.Wait()
		all := slices.Concat(parts...)
		slices.SortFunc(all, func(a, b loaded) int { return strings.Compare(a.file.path, b.file.path) })
		files, results := make([]contentFile, len(all)), make([]fileResult, len(all))
		for i, a := range all {
			files[i], results[i] = a.file, a.r
		}
		return files, results
	}
}

// loadFile reads and parses one content file, or takes its parse from
// the cache when the file is unchanged.
func (l *loader) loadFile(rel contentFile) fileResult {
	abs := filepath.Join(l.root, filepath.FromSlash(rel.path))
	c := l.opts.Cache
	var size int64
	var mod time.Time
	// A symlink's target can change with no event in the workspace, so
	// only regular files are taken on the caller's word.
	if c != nil && l.opts.Changed != nil && rel.regular && !l.opts.Changed(rel.path) {
		if r, ok := c.trusted(rel.path); ok {
			return r
		}
	}
	if c != nil {
		if fi, err := os.Stat(abs); err == nil {
			size, mod = fi.Size(), fi.ModTime()
			if r, ok := c.stat(rel.path, size, mod); ok {
				return r
			}
		}
	}
	data, f := readLimited(abs, rel.path, l.opts.MaxFileBytes, rel.regular, l.pooled)
	if f != nil {
		return fileResult{findings: []Finding{*f}}
	}
	if c != nil {
		if r, ok := c.get(rel.path, data); ok {
			c.put(rel.path, data, size, mod, r) // remember the new time
			return r
		}
	}
	it, fs := parseItem(rel.path, data, l.cfg, l.opts.Channels, l.opts.ProseOnly)
	if it != nil && l.opts.ProseOnly {
		it.Doc = nil
	}
	r := fileResult{item: it, findings: fs}
	if c != nil {
		c.put(rel.path, data, size, mod, r)
	}
	return r
}

// ParseItem parses one content file's bytes as if loaded from path rel
// in a workspace configured by cfg, with the known channel ids. The item
// is nil when the file has errors that make it unusable; the findings say
// why.
func ParseItem(rel string, data []byte, cfg *Config, channels []string) (*Item, []Finding) {
	return parseItem(rel, data, cfg, channels, false)
}

// parseItem is ParseItem; with proseOnly the item's Doc may be left nil.
func parseItem(rel string, data []byte, cfg *Config, channels []string, proseOnly bool) (*Item, []Finding) {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	src := NewSource(rel, data)
	if f := checkBytes(src); f != nil {
		return nil, []Finding{*f}
	}
	fm, problem := splitFrontMatter(data)
	if problem != "" {
		return nil, []Finding{{Pos: src.Pos(0), Rule: "file.front_matter", Message: problem}}
	}
	it, fs := decodeItem(src, fm, channels)
	fs = append(fs, resolveLocale(it, cfg)...)
	if len(fs) > 0 {
		id := strings.Clone(it.ID) // not the front matter's text
		for i := range fs {
			fs[i].Item = id
		}
	}
	SortFindings(fs)
	for _, f := range fs {
		if f.Severity == Error {
			return nil, fs
		}
	}
	parseBody(it, proseOnly)
	switch {
	case len(it.Channels) > 0:
		it.Resolved = append([]string(nil), it.Channels...)
	case len(cfg.Channels) > 0:
		it.Resolved = append([]string(nil), cfg.Channels...)
	default:
		it.Resolved = append([]string(nil), channels...)
	}
	return it, fs
}

// localeSuffix matches a file-name suffix that looks like a locale.
var localeSuffix = regexp.MustCompile(`^(?:[A-Za-z]{2}|[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})+)$`)

// resolveLocale sets it.Locale: the front-matter locale, else the file
// name's suffix (spring-sale.zh-CN.md), else the default locale. It must
// be one of the configured locales.
func resolveLocale(it *Item, cfg *Config) []Finding {
	var fs []Finding
	base := strings.TrimSuffix(path.Base(it.File), ".md")
	suffix := ""
	if i := strings.LastIndexByte(base, '.'); i > 0 && localeSuffix.MatchString(base[i+1:]) {
		suffix = base[i+1:]
	}
	where := it.FieldPos("locale")
	switch {
	case it.Locale != "":
		if c, ok := CanonicalLocale(it.Locale); !ok || c != it.Locale {
			return nil // reported by the schema check
		}
		if suffix != "" {
			if c, _ := CanonicalLocale(suffix); c != it.Locale {
				fs = append(fs, Finding{Pos: where, Severity: Warning, Rule: "item.locale",
					Message: fmt.Sprintf("the file name says %s but locale is %s; the front matter wins", suffix, it.Locale)})
			}
		}
	case suffix != "":
		c, ok := CanonicalLocale(suffix)
		if !ok {
			return append(fs, Finding{Pos: where, Rule: "item.locale",
				Message: fmt.Sprintf("the file name suffix %q is not a BCP 47 locale like en-US or zh-CN", suffix)})
		}
		it.Locale = c
	default:
		it.Locale = cfg.DefaultLocale
	}
	if codes := cfg.LocaleCodes(); !contains(codes, it.Locale) {
		fs = append(fs, Finding{Pos: where, Rule: "item.locale",
			Message: fmt.Sprintf("locale %s is not configured in %s (configured: %s)", it.Locale, ConfigFile, strings.Join(codes, ", "))})
	}
	return fs
}

// readLimited reads a file of at most max bytes. It looks at the file's
// size and kind before reading, so that a file too large, a special file
// or a symlink loop is refused without being read. regular says the
// folder listing already showed a regular file, which saves a stat.
func readLimited(abs, rel string, max int64, regular, pooled bool) ([]byte, *Finding) {
	at := Position{File: rel, Line: 1, Column: 1}
	unreadable := func(why string) *Finding {
		return &Finding{Pos: at, Rule: "file.unreadable", Message: "cannot read the file: " + why}
	}
	tooLarge := func(size int64) *Finding {
		return &Finding{Pos: at, Rule: "file.too_large", Message: fmt.Sprintf("the file is %s, more than the %s limit", showBytes(size), showBytes(max))}
	}
	if !regular {
		// Follow a symlink (or find its loop) without opening anything
		// that might block, such as a named pipe.
		fi, err := os.Stat(abs)
		if err != nil {
			return nil, unreadable(errText(err))
		}
		if !fi.Mode().IsRegular() {
			return nil, unreadable("not a regular file")
		}
	}
	data, size, err := readFile(abs, max, pooled)
	switch {
	case errors.Is(err, errNotRegular):
		return nil, unreadable("not a regular file")
	case err != nil:
		return nil, unreadable(errText(err))
	case size > max:
		return nil, tooLarge(size)
	}
	return data, nil
}

// errNotRegular is readFile's answer for anything but a regular file.
var errNotRegular = errors.New("not a regular file")

// errText is an error without the machine path a PathError carries.
func errText(err error) string {
	var pe *iofs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func showBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// contentFile is a content file found by the walk.
type contentFile struct {
	path    string // relative to the root, with '/'
	regular bool   // the listing showed a regular file (not a symlink)
}

// findContent passes each content/**/*.md to found, relative to root
// with '/', in the order of the walk.
// Folder symlinks are not followed; file symlinks are listed and read.
// Names starting with a dot are skipped.
func findContent(root string, found func(contentFile)) []Finding {
	var fs []Finding
	dir := filepath.Join(root, "content")
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		rel := relPath(root, p)
		if err != nil {
			if p == dir && errors.Is(err, os.ErrNotExist) {
				return filepath.SkipDir
			}
			fs = append(fs, Finding{Pos: Position{File: rel, Line: 1, Column: 1}, Rule: "file.unreadable", Message: "cannot read: " + errText(err)})
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		found(contentFile{path: rel, regular: d.Type().IsRegular()})
		return nil
	})
	if err != nil && !errors.Is(err, filepath.SkipDir) {
		fs = append(fs, Finding{Pos: Position{File: "content", Line: 1, Column: 1}, Rule: "file.unreadable", Message: "cannot read: " + errText(err)})
	}
	return fs
}

func relPath(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// loadStyleFiles reads styleguide/*.yaml and *.yml, sorted by path.
func loadStyleFiles(root string, max int64) ([]*Source, []Finding) {
	entries, err := os.ReadDir(filepath.Join(root, "styleguide"))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, []Finding{{Pos: Position{File: "styleguide", Line: 1, Column: 1}, Rule: "file.unreadable", Message: "cannot read: " + errText(err)}}
	}
	var out []*Source
	var fs []Finding
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || e.IsDir() || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		rel := "styleguide/" + name
		data, f := readLimited(filepath.Join(root, "styleguide", name), rel, max, e.Type().IsRegular(), false)
		if f != nil {
			fs = append(fs, *f)
			continue
		}
		src := NewSource(rel, data)
		if f := checkBytes(src); f != nil {
			fs = append(fs, *f)
			continue
		}
		out = append(out, src)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, fs
}

// DefaultConfig is the configuration used when chorus.yaml is missing or
// unreadable, so checking can go on: no brand, en-US, every channel.
func DefaultConfig() *Config {
	return &Config{DefaultLocale: "en-US", SMS: SMSConfig{MaxSegments: 2}}
}

// loadConfig reads and checks chorus.yaml. It always returns a usable
// Config: the defaults when the file is missing or broken.
func loadConfig(root string, channels []string) (*Config, []Finding) {
	at := Position{File: ConfigFile, Line: 1, Column: 1}
	data, f := readLimited(filepath.Join(root, ConfigFile), ConfigFile, DefaultMaxFileBytes, false, false)
	if f != nil {
		if _, err := os.Lstat(filepath.Join(root, ConfigFile)); errors.Is(err, os.ErrNotExist) {
			f = &Finding{Pos: at, Rule: "file.missing", Message: ConfigFile + " is missing: every workspace needs one with brand, base_url and default_locale"}
		}
		return DefaultConfig(), []Finding{*f}
	}
	cfg, fs := ParseConfig(data, channels)
	return cfg, fs
}

// ParseConfig decodes and checks the bytes of chorus.yaml. It always
// returns a usable Config; broken or missing values fall back to the
// defaults and are reported as findings.
func ParseConfig(data []byte, channels []string) (*Config, []Finding) {
	src := NewSource(ConfigFile, data)
	if f := checkBytes(src); f != nil {
		return DefaultConfig(), []Finding{*f}
	}
	root, yf := parseYAML(src, data, 0)
	if yf != nil {
		return DefaultConfig(), []Finding{*yf}
	}
	cfg := &Config{}
	d := newDecoder(src, 0, channels)
	if root != nil {
		d.decode(root, reflect.ValueOf(cfg).Elem(), "")
	}
	if d.bad[""] {
		return DefaultConfig(), d.findings
	}
	d.fieldList() // for the look-ups below
	d.checkChannels("channels", cfg.Channels)
	d.checkChannels("facts.exempt", cfg.Facts.Exempt)
	for i, t := range cfg.Server.Tokens {
		d.checkChannels("server.tokens["+strconv.Itoa(i)+"].channels", t.Channels)
	}
	for i, w := range cfg.Server.Webhooks {
		path := "server.webhooks[" + strconv.Itoa(i) + "]"
		d.checkChannels(path+".channels", w.Channels)
		if w.Secret == "" && w.URL != "" {
			pos, _ := d.field(path + ".url")
			d.findings = append(d.findings, Finding{Pos: pos, Severity: Warning, Rule: "schema.server.webhooks.secret",
				Message: "this webhook has no secret: its notices go out unsigned, and the receiver cannot tell them from forgeries"})
		}
	}
	d.validateStruct(cfg, src.Pos(0))
	if channels != nil {
		known := cfg.Channels[:0:0]
		for _, c := range cfg.Channels {
			if contains(channels, c) {
				known = append(known, c)
			}
		}
		cfg.Channels = known
	}
	if c, ok := CanonicalLocale(cfg.DefaultLocale); !ok || c != cfg.DefaultLocale {
		cfg.DefaultLocale = "en-US"
	}
	if cfg.SMS.MaxSegments == 0 {
		cfg.SMS.MaxSegments = 2
	}
	SortFindings(d.findings)
	return cfg, d.findings
}
