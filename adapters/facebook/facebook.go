// Package facebook renders items as Facebook Page posts: title, summary
// and the body's first paragraph, facts, and the call to action with its
// link, within Facebook's 63,206 characters.
package facebook

import (
	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/internal/compose"
)

// MaxLength is Facebook's ceiling on a post's message, in characters.
const MaxLength = 63206

// Adapter renders the facebook channel.
type Adapter struct{}

var _ adapters.Adapter = (*Adapter)(nil)
var _ adapters.Describer = (*Adapter)(nil)

// New returns the facebook adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "facebook".
func (*Adapter) ID() string { return "facebook" }

// Describe says what the channel renders.
func (*Adapter) Describe() string {
	return "Facebook Page post: longer plain text with the link, within 63,206 characters"
}

// Limits lists Facebook's hard limit: the message length in characters
// (Unicode code points).
func (*Adapter) Limits() []adapters.Limit {
	return []adapters.Limit{{Metric: "length", Max: MaxLength, Unit: "characters"}}
}

// Render builds the post. The hook is the override overrides.facebook.text,
// else the title, summary and the body's first paragraph, cut to fit.
// Hashtags are not added: they do little on Facebook. Fields are the
// message and the link, as the Pages feed API takes them. The
// disclaimers the post's claims need close it as small print.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if err := compose.Check(in); err != nil {
		return nil, err
	}
	p := compose.Social(in, compose.Options{Channel: a.ID(), Max: MaxLength, Count: compose.Runes, Body: true, Terms: true})
	fields := map[string]any{"message": p.Text}
	if p.Link != "" {
		fields["link"] = p.Link
	}
	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "text/plain; charset=utf-8",
		Ext:       ".txt",
		Body:      p.Text,
		Fields:    fields,
		Metrics:   map[string]any{"length": compose.Runes(p.Text)},
		Facts:     p.Facts,
		Texts:     []adapters.Text{{Field: "message", Text: p.Text, Override: p.Override}},
	}
	return adapters.Finish(in, v), nil
}
