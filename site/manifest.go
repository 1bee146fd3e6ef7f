package site

import (
	"bytes"
	"encoding/json"
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
func (s *Snapshot) Manifest(at time.Time) *Manifest {
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
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
