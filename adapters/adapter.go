// Package adapters defines the channel adapter contract, the variant
// envelope, and the text fitting and counting every channel shares. Each
// channel lives in its own sub-package; the registry table is in
// adapters/all.
package adapters

import (
	"time"

	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/styleguide"
)

// Adapter renders a canonical item into one channel's variant. An adapter
// is stateless and safe for concurrent use.
type Adapter interface {
	// ID is the stable channel id: "x", "sms", "email", ...
	ID() string
	// Limits lists the hard limits the channel's variants must meet.
	Limits() []Limit
	// Render builds the variant. It never panics on odd input; an error
	// means the item cannot be expressed on this channel at all.
	Render(in *Input) (*Variant, error)
}

// Describer is an optional ability: a one-line description of the channel
// for `chorus channels` and the preview page.
type Describer interface {
	Describe() string
}

// Input is everything an adapter may read to render one item.
type Input struct {
	Item   *content.Item
	Config *content.Config
	Guide  *styleguide.Guide
	// Alternates are the item's translations (other locales, same id),
	// for hreflang links and language pickers. Sorted by locale.
	Alternates []*content.Item
}

// Limit is a ceiling on one metric of a variant. A variant whose metric
// exceeds Max gets a finding limits.<channel>.<metric>.
type Limit struct {
	Metric   string           `json:"metric"`
	Max      int              `json:"max"`
	Unit     string           `json:"unit"` // "weighted characters", "bytes", "segments", ...
	Severity content.Severity `json:"severity"`
}

// Variant is one item rendered for one channel in one locale. Its JSON form
// is the envelope channels pull; field names are a contract.
type Variant struct {
	ID        string         `json:"id"`
	Type      string         `json:"type"`
	Locale    string         `json:"locale"`
	Channel   string         `json:"channel"`
	MediaType string         `json:"media_type"`
	Version   string         `json:"version"`
	Fields    map[string]any `json:"fields"`
	Body      string         `json:"body"`
	Metrics   map[string]any `json:"metrics"`
	Facts     content.Facts  `json:"facts"`
	Publish   *time.Time     `json:"publish,omitempty"`
	Expire    *time.Time     `json:"expire,omitempty"`

	// Ext is the file extension of Body's native form (".html", ".txt",
	// ".eml", ".ssml", ".svg", ".json").
	Ext string `json:"-"`
	// Texts are the reader-visible texts of the variant, for the style
	// guide and the fact check. Field names the variant field it came
	// from ("text", "subject", ...); the Prose has no source.
	Texts []Text `json:"-"`
}

// Text is one reader-visible text of a variant.
type Text struct {
	Field string
	Text  string
	// Override is the front-matter path when the text is a writer's
	// override ("overrides.x.text"), so findings point at its line.
	Override string
}
