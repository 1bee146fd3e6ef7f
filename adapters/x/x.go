// Package x renders items as posts on X: hook, facts, call to action with
// its link and one or two hashtags, within X's weighted length of 280.
package x

import (
	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/internal/compose"
)

// MaxWeight is X's ceiling on a post's weighted length (twitter-text v3).
const MaxWeight = 280

// Adapter renders the x channel.
type Adapter struct{}

var _ adapters.Adapter = (*Adapter)(nil)
var _ adapters.Describer = (*Adapter)(nil)

// New returns the x adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "x".
func (*Adapter) ID() string { return "x" }

// Describe says what the channel renders.
func (*Adapter) Describe() string {
	return "X post: plain text within 280 weighted characters, link and up to 2 hashtags"
}

// Limits lists X's hard limit: the weighted length.
func (*Adapter) Limits() []adapters.Limit {
	return []adapters.Limit{{Metric: "weighted_length", Max: MaxWeight, Unit: "weighted characters"}}
}

// Render builds the post. The hook is the override overrides.x.text, else
// the title and summary, cut to fit; facts and link are never cut. No
// emoji is added.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if err := compose.Check(in); err != nil {
		return nil, err
	}
	p := compose.Social(in, compose.Options{Channel: a.ID(), Max: MaxWeight, Count: adapters.TwitterWeight, MaxTags: 2})
	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "text/plain; charset=utf-8",
		Ext:       ".txt",
		Body:      p.Text,
		Fields:    map[string]any{"text": p.Text},
		Metrics:   map[string]any{"weighted_length": adapters.TwitterWeight(p.Text)},
		Facts:     p.Facts,
		Texts:     []adapters.Text{{Field: "text", Text: p.Text, Override: p.Override}},
	}
	return adapters.Finish(in, v), nil
}
