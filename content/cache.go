package content

import (
	"bytes"
	"strings"
	"sync"
	"time"
)

// Cache keeps parsed content files between loads of one workspace, so a
// reload after an edit parses only the files whose bytes changed. Pass the
// same Cache in Options on every Load; it is safe for concurrent use. The
// items it hands out are shared between workspaces and must be treated as
// read-only, as every loaded item should be.
type Cache struct {
	mu      sync.Mutex
	setting string // the configuration the entries were parsed under
	entries map[string]cacheEntry
}

type cacheEntry struct {
	data     []byte
	size     int64
	modTime  time.Time
	stored   time.Time // when the entry was made
	item     *Item
	findings []Finding
}

// racyWindow is how close to the moment it was cached a file may have
// been modified and still be trusted by size and time alone; closer than
// that, a same-size edit in the same clock tick could go unseen.
const racyWindow = 2 * time.Second

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]cacheEntry{}} }

// settingKey captures everything outside a file that its parse depends
// on: the locales and channels.
func settingKey(cfg *Config, channels []string) string {
	var b strings.Builder
	b.WriteString(strings.Join(cfg.LocaleCodes(), ","))
	b.WriteByte('|')
	b.WriteString(strings.Join(cfg.Channels, ","))
	b.WriteByte('|')
	b.WriteString(strings.Join(channels, ","))
	return b.String()
}

// begin readies the cache for a load under setting, dropping every entry
// when the setting changed.
func (c *Cache) begin(setting string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || c.setting != setting {
		c.entries = map[string]cacheEntry{}
		c.setting = setting
	}
}

// stat returns the cached parse of path when the file's size and
// modification time are the ones seen when it was cached, and that time
// was well before the caching (so no later edit can share it).
func (c *Cache) stat(path string, size int64, mod time.Time) (fileResult, bool) {
	c.mu.Lock()
	e, ok := c.entries[path]
	c.mu.Unlock()
	if !ok || e.size != size || !e.modTime.Equal(mod) || !mod.Before(e.stored.Add(-racyWindow)) {
		return fileResult{}, false
	}
	return fileResult{item: e.item, findings: e.findings}, true
}

// trusted returns the cached parse of path, whatever the file holds now:
// for callers that know it did not change.
func (c *Cache) trusted(path string) (fileResult, bool) {
	c.mu.Lock()
	e, ok := c.entries[path]
	c.mu.Unlock()
	return fileResult{item: e.item, findings: e.findings}, ok
}

// get returns the parse of path when its bytes are unchanged.
func (c *Cache) get(path string, data []byte) (fileResult, bool) {
	c.mu.Lock()
	e, ok := c.entries[path]
	c.mu.Unlock()
	if !ok || !bytes.Equal(e.data, data) {
		return fileResult{}, false
	}
	return fileResult{item: e.item, findings: e.findings}, true
}

func (c *Cache) put(path string, data []byte, size int64, mod time.Time, r fileResult) {
	c.mu.Lock()
	c.entries[path] = cacheEntry{data: data, size: size, modTime: mod, stored: time.Now(), item: r.item, findings: r.findings}
	c.mu.Unlock()
}

// keep drops the entries of files that are gone.
func (c *Cache) keep(files []contentFile) {
	live := make(map[string]bool, len(files))
	for _, f := range files {
		live[f.path] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.entries {
		if !live[p] {
			delete(c.entries, p)
		}
	}
}
