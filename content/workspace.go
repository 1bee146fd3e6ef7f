// Package content owns the canonical item: front matter, validation,
// Markdown parsing with exact positions, facts, locales, publishing windows
// and workspace loading.
package content

// Workspace is a loaded brand repository: chorus.yaml, the raw style guide
// files and every item under content/.
type Workspace struct {
	Root string // the folder given to Load
	// Config is chorus.yaml; when it is missing or broken, the defaults
	// (DefaultConfig) so that checking can go on, with a finding.
	Config *Config
	// Items are sorted by file path; items with schema errors are kept
	// out so that nothing downstream sees half-valid data.
	Items []*Item
	// StyleFiles are the styleguide/*.yaml files, sorted by path, read
	// but not parsed: the styleguide package owns their meaning.
	StyleFiles []*Source
	// Findings are the problems loading found (schema, YAML, duplicates),
	// and those Options.Visit returned for the items kept.
	Findings []Finding
}

// Options tune Load.
type Options struct {
	// Channels are the known channel ids, for validating chorus.yaml and
	// front matter. The adapters registry is the single list.
	Channels []string
	// Only, when not nil, restricts which content files are checked
	// (paths relative to the root, '/'-separated); the rest are still
	// loaded for duplicate-id and translation checks.
	Only map[string]bool
	// MaxFileBytes refuses larger content files with a finding
	// (default 10 MiB).
	MaxFileBytes int64
	// Cache, when set, reuses the parse of every content file whose bytes
	// have not changed since the last Load with the same Cache.
	Cache *Cache
	// Changed, when set with Cache, names the content files (paths
	// relative to the root, '/'-separated) that may have changed since
	// the last Load with the same Cache; every other file the Cache holds
	// is taken from it without being read or even stat'ed (symlinks
	// excepted: their targets may live outside the workspace). Only a
	// caller that watches the workspace knows this: a file it misses
	// keeps its old parse until a Load without Changed.
	Changed func(path string) bool
	// ProseOnly drops each item's syntax tree (Item.Doc) once its prose,
	// links and switches are read, for callers that check the source and
	// never render it: a large workspace then holds a fraction of the
	// memory. Item.HTML still works; it parses the body again.
	ProseOnly bool
	// Visit, when set, is called once chorus.yaml and the style guide
	// files are read, with the workspace as loaded so far, while the
	// first content files are being read and parsed. The function it
	// returns, when not nil, runs on every item once the item is parsed
	// and Visit has returned, on the loading goroutines, so items are
	// checked while others are still being read.
	// Its findings join the workspace's, unless the item is dropped as a
	// duplicate. Without a Cache it may release what it has used of the
	// item (Item.Shed keeps what findings about it need); with one, items
	// are shared between loads and must be left as they are. Once it has
	// shed an item's source in a ProseOnly load, the file's bytes are
	// reused for another file: nothing taken from Src, Src.Data or Body()
	// before Shed may be kept (texts taken as strings are copies).
	Visit func(ws *Workspace) func(*Item) []Finding
}
