// Package threads renders items as Threads posts: hook, facts, call to
// action with its link and one topic tag, within 500 characters.
package threads

import (
	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/internal/compose"
)

// MaxLength is Threads' ceiling on a post's text, in characters.
const MaxLength = 500

// Adapter renders the threads channel.
type Adapter struct{}

var _ adapters.Adapter = (*Adapter)(nil)
var _ adapters.Describer = (*Adapter)(nil)

// New returns the threads adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "threads".
func (*Adapter) ID() string { return "threads" }

// Describe says what the channel renders.
func (*Adapter) Describe() string {
	return "Threads post: plain text within 500 characters, link and one topic tag"
}

// Limits lists Threads' hard limit: the text length in characters
// (Unicode code points).
func (*Adapter) Limits() []adapters.Limit {
	return []adapters.Limit{{Metric: "length", Max: MaxLength, Unit: "characters"}}
}

// Render builds the post. The hook is the override overrides.threads.text,
// else the title and summary, cut to fit. Threads links one topic tag per
// post, so at most one hashtag is added. The disclaimers the post's
// claims need follow the call to action.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if err := compose.Check(in); err != nil {
		return nil, err
	}
	p := compose.Social(in, compose.Options{Channel: a.ID(), Max: MaxLength, Count: compose.Runes, MaxTags: 1, Terms: true})
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
