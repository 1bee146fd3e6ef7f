// Package linkedin renders items as LinkedIn posts: title, summary and the
// body's first paragraph, facts, call to action with its link and up to
// three hashtags, within 3,000 characters.
package linkedin

import (
	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/internal/compose"
)

// MaxLength is LinkedIn's ceiling on a post's commentary, in characters.
const MaxLength = 3000

// Adapter renders the linkedin channel.
type Adapter struct{}

var _ adapters.Adapter = (*Adapter)(nil)
var _ adapters.Describer = (*Adapter)(nil)

// New returns the linkedin adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "linkedin".
func (*Adapter) ID() string { return "linkedin" }

// Describe says what the channel renders.
func (*Adapter) Describe() string {
	return "LinkedIn post: longer plain text within 3,000 characters, link and up to 3 hashtags"
}

// Limits lists LinkedIn's hard limit: the post length in characters
// (Unicode code points).
func (*Adapter) Limits() []adapters.Limit {
	return []adapters.Limit{{Metric: "length", Max: MaxLength, Unit: "characters"}}
}

// Render builds the post. The hook is the override overrides.linkedin.text,
// else the title, summary and the body's first paragraph, cut to fit.
// The disclaimers the post's claims need follow the call to action.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if err := compose.Check(in); err != nil {
		return nil, err
	}
	p := compose.Social(in, compose.Options{Channel: a.ID(), Max: MaxLength, Count: compose.Runes, MaxTags: 3, Body: true, Terms: true})
	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "text/plain; charset=utf-8",
		Ext:       ".txt",
		Body:      p.Text,
		Fields:    map[string]any{"text": p.Text},
		Metrics:   map[string]any{"length": compose.Runes(p.Text)},
		Facts:     p.Facts,
		Texts:     []adapters.Text{{Field: "text", Text: p.Text, Override: p.Override}},
	}
	return adapters.Finish(in, v), nil
}
