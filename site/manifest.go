package site

import (
	"bufio"
	"bytes"
	"path"
	"slices"
	"time"

	"github.com/chorus-dev/chorus/adapters"
)

// Manifest describes a static bundle: every item and variant published at
// one instant, with the paths of their files, and every feed. It holds no
// wall-clock time, so the same input gives the same bytes.
type Manifest struct {
	Version string `json:"version"` // the snapshot version
	Brand   string `json:"brand"`
	BaseURL string `json:"base_url,omitempty"`
	// GeneratedFor is the instant the bundle was cut for, RFC 3339, when
	// it was asked for explicitly (chorus build --at).
	GeneratedFor string         `json:"generated_for,omitempty"`
	Items        []ManifestItem `json:"items"`
	Feeds        []ManifestFeed `json:"feeds"`
}

// ManifestItem is one item (id and locale) in the bundle.
type ManifestItem struct {
	ID       string            `json:"id"`
	Locale   string            `json:"locale"`
	Type     string            `json:"type"`
	Title    string            `json:"title"`
	Publish  *time.Time        `json:"publish,omitempty"`
	Expire   *time.Time        `json:"expire,omitempty"`
	Variants []ManifestVariant `json:"variants"`
}

// ManifestVariant is one variant file pair: the JSON envelope at Path and
// the native body at Body.
type ManifestVariant struct {
	Channel   string `json:"channel"`
	Locale    string `json:"locale"`
	Path      string `json:"path"`
	Body      string `json:"body"`
	MediaType string `json:"media_type"`
	Version   string `json:"version"`
}

// ManifestFeed is one feed file.
type ManifestFeed struct {
	Channel   string `json:"channel"`
	Locale    string `json:"locale"`
	Format    string `json:"format"`
	Path      string `json:"path"`
	MediaType string `json:"media_type"`
}

// VariantPath is where a variant's JSON envelope lives in the bundle:
// <channel>/<locale>/<id>.json.
func VariantPath(v *adapters.Variant) string {
	return path.Join(v.Channel, v.Locale, v.ID+".json")
}

// BodyPath is where a variant's native body lives: <channel>/<locale>/
// <id><ext>, or <id>.body<ext> when that would be the envelope's name.
// A variant without an extension gets ".txt".
func BodyPath(v *adapters.Variant) string {
	ext := v.Ext
	if ext == "" {
		ext = ".txt"
	}
	if ext == ".json" {
		ext = ".body.json"
	}
	return path.Join(v.Channel, v.Locale, v.ID+ext)
}

// at picks the instant a bundle is cut for: at itself, or BuiltAt when at
// is zero.
func (s *Snapshot) at(at time.Time) time.Time {
	if at.IsZero() {
		return s.BuiltAt
	}
	return at
}

// Manifest lists what Write writes for at: the items published at at
// (BuiltAt when at is zero) with their variants, sorted by id, locale and
// channel, and every feed. GeneratedFor is set only for a non-zero at.
// The snapshot remembers the last manifest it made, so Write and its
// caller share one; treat it as read-only.
func (s *Snapshot) Manifest(at time.Time) *Manifest {
	s.manifestMu.Lock()
	defer s.manifestMu.Unlock()
	if s.manifest != nil && s.manifestAt.Equal(at) && s.manifestAt.IsZero() == at.IsZero() {
		return s.manifest
	}
	s.manifest, s.manifestAt = s.makeManifest(at), at
	return s.manifest
}

func (s *Snapshot) makeManifest(at time.Time) *Manifest {
	m := &Manifest{Version: s.Version, Items: []ManifestItem{}, Feeds: []ManifestFeed{}}
	if s.Config != nil {
		m.Brand, m.BaseURL = s.Config.Brand, s.Config.BaseURL
	}
	if !at.IsZero() {
		m.GeneratedFor = stamp(at)
	}
	t := s.at(at)
	for _, e := range s.Entries {
		it := e.Item
		if !it.PublishedAt(t) || len(e.Variants) == 0 {
			continue
		}
		mi := ManifestItem{ID: it.ID, Locale: it.Locale, Type: it.Type, Title: it.Title, Publish: utc(it.Publish), Expire: utc(it.Expire)}
		for _, ch := range sortedKeys(e.Variants) {
			v := e.Variants[ch]
			mi.Variants = append(mi.Variants, ManifestVariant{Channel: ch, Locale: v.Locale, Path: VariantPath(v),
				Body: BodyPath(v), MediaType: v.MediaType, Version: v.Version})
		}
		m.Items = append(m.Items, mi)
	}
	for _, ch := range slices.Sorted(slices.Values(s.Channels)) {
		for _, l := range s.locales {
			for _, f := range FeedFormats() {
				m.Feeds = append(m.Feeds, ManifestFeed{Channel: ch, Locale: l, Format: f, Path: FeedPath(ch, l, f), MediaType: feedFormats[f]})
			}
		}
	}
	return m
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// MarshalManifest encodes m as indented JSON with a trailing newline.
func MarshalManifest(m *Manifest) ([]byte, error) {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	if err := writeManifest(w, m); err != nil {
		return nil, err
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeManifest writes m to w as MarshalManifest encodes it, the way
// encoding/json indents it, without holding the whole encoding: the
// manifest of a large bundle runs to tens of megabytes.
func writeManifest(w *bufio.Writer, m *Manifest) error {
	j := &jsonOut{w: w, indent: true}
	j.object(0, func() {
		j.stringMember(0, true, "version", m.Version)
		j.stringMember(0, false, "brand", m.Brand)
		if m.BaseURL != "" {
			j.stringMember(0, false, "base_url", m.BaseURL)
		}
		if m.GeneratedFor != "" {
			j.stringMember(0, false, "generated_for", m.GeneratedFor)
		}
		j.key(0, false, "items")
		nullableList(j, 1, m.Items, func(i int) { j.object(2, func() { m.Items[i].json(j, 2) }) })
		j.key(0, false, "feeds")
		nullableList(j, 1, m.Feeds, func(i int) { j.object(2, func() { m.Feeds[i].json(j, 2) }) })
	})
	w.WriteByte('\n')
	return j.err
}

// json writes the members of the item's object at depth.
func (mi *ManifestItem) json(j *jsonOut, depth int) {
	j.stringMember(depth, true, "id", mi.ID)
	j.stringMember(depth, false, "locale", mi.Locale)
	j.stringMember(depth, false, "type", mi.Type)
	j.stringMember(depth, false, "title", mi.Title)
	if mi.Publish != nil {
		j.key(depth, false, "publish")
		j.time(*mi.Publish)
	}
	if mi.Expire != nil {
		j.key(depth, false, "expire")
		j.time(*mi.Expire)
	}
	j.key(depth, false, "variants")
	nullableList(j, depth+1, mi.Variants, func(i int) {
		v := &mi.Variants[i]
		j.object(depth+2, func() {
			d := depth + 2
			j.stringMember(d, true, "channel", v.Channel)
			j.stringMember(d, false, "locale", v.Locale)
			j.stringMember(d, false, "path", v.Path)
			j.stringMember(d, false, "body", v.Body)
			j.stringMember(d, false, "media_type", v.MediaType)
			j.stringMember(d, false, "version", v.Version)
		})
	})
}

// json writes the members of the feed's object at depth.
func (mf *ManifestFeed) json(j *jsonOut, depth int) {
	j.stringMember(depth, true, "channel", mf.Channel)
	j.stringMember(depth, false, "locale", mf.Locale)
	j.stringMember(depth, false, "format", mf.Format)
	j.stringMember(depth, false, "path", mf.Path)
	j.stringMember(depth, false, "media_type", mf.MediaType)
}
